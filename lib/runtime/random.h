// torch's CPU random number generator, bit-exact (NOTES.md section b): mt19937 seeded with the
// low 32 bits of the seed, Box-Muller normals (double with a cached second value for small
// tensors, the vectorised float kernel for >= 16 elements), uniform_ with a fused multiply-add.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "runtime/tensor.h"

namespace gbc::runtime {

class Generator {
 public:
  /// torch.Generator()'s default seed.
  static constexpr uint64_t kDefaultSeed = 67280421310721ULL;

  explicit Generator(uint64_t seed = kDefaultSeed) { manualSeed(seed); }

  /// torch.manual_seed: keeps the full seed, seeds mt19937 with its low 32 bits, drops the
  /// cached normal.
  void manualSeed(uint64_t seed);
  /// torch.initial_seed().
  uint64_t initialSeed() const { return seed_; }

  uint32_t random();    ///< one tempered 32-bit output
  uint64_t random64();  ///< two outputs, the first in the high half
  /// uniform_real_distribution<float>(0, 1): low 24 bits * 2^-24.
  float uniformFloat() { return static_cast<float>(random() & 0xFFFFFFu) * 0x1p-24f; }
  /// uniform_real_distribution<double>(0, 1): low 53 bits * 2^-53.
  double uniformDouble() {
    return static_cast<double>(random64() & ((uint64_t{1} << 53) - 1)) * 0x1p-53;
  }
  /// normal_distribution<double>(mean, std) with the cached second Box-Muller value.
  double normalDouble(double mean = 0.0, double std = 1.0);

  // Copying a Generator saves its whole state (get_state / set_state).

 private:
  std::array<uint32_t, 624> state_{};
  int index_ = 624;
  uint64_t seed_ = 0;
  std::optional<double> nextDoubleNormal_;
};

/// The process-wide default generator (torch.default_generator). Until manualSeed or
/// seedFromEntropy is called it is seeded from /dev/urandom, like torch.
Generator& defaultGenerator();
/// torch.manual_seed(seed) on the default generator.
void manualSeed(uint64_t seed);
/// Seeds the default generator with 8 bytes from /dev/urandom and returns the seed.
uint64_t seedFromEntropy();

/// torch.randn / rand (float32 or float64); gen nullptr = default generator.
Expected<Tensor> randn(const Shape& sizes, DType dtype = kDefaultFloat, Generator* gen = nullptr);
Expected<Tensor> rand(const Shape& sizes, DType dtype = kDefaultFloat, Generator* gen = nullptr);
Expected<Tensor> randnLike(const Tensor& t, std::optional<DType> dtype = std::nullopt,
                           Generator* gen = nullptr);
Expected<Tensor> randLike(const Tensor& t, std::optional<DType> dtype = std::nullopt,
                          Generator* gen = nullptr);
/// torch.randint(low, high, size): int64 by default.
Expected<Tensor> randint(int64_t low, int64_t high, const Shape& sizes, DType dtype = DType::Int64,
                         Generator* gen = nullptr);
/// torch.randperm(n).
Expected<Tensor> randperm(int64_t n, DType dtype = DType::Int64, Generator* gen = nullptr);

/// In-place fills (floating tensors).
Status normal_(const Tensor& t, double mean = 0.0, double std = 1.0, Generator* gen = nullptr);
Status uniform_(const Tensor& t, double from = 0.0, double to = 1.0, Generator* gen = nullptr);
/// nn.init.kaiming_uniform_(w, a): bound = sqrt(3) * sqrt(2 / (1 + a^2)) / sqrt(fan_in).
Status kaimingUniform_(const Tensor& w, double a, Generator* gen = nullptr);

/// nn.Linear(in, out) default parameters: weight (out x in) then bias (out), both float32.
struct LinearParams {
  Tensor weight;
  Tensor bias;  ///< undefined when bias=False
};
Expected<LinearParams> initLinear(int64_t inFeatures, int64_t outFeatures, bool bias = true,
                                  Generator* gen = nullptr);

}  // namespace gbc::runtime
