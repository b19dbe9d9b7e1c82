// SHA-3 and SHAKE (FIPS 202) behind _sha3 and hashlib: the Keccak-f[1600] sponge with the
// SHA-3 (0x06) and SHAKE (0x1f) domain suffixes, streaming. A digest does not disturb the running
// state (hashlib allows update after digest).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gbc::native {

enum class Sha3Kind { Sha3_224, Sha3_256, Sha3_384, Sha3_512, Shake128, Shake256 };

class Sha3 {
 public:
  explicit Sha3(Sha3Kind kind);

  /// The kind for a hashlib name ("sha3_224" ... "sha3_512", "shake_128", "shake_256").
  static std::optional<Sha3Kind> kindByName(std::string_view name);

  void update(std::string_view data);
  /// The digest of a SHA-3 kind (its fixed size), or `length` bytes of a SHAKE's output.
  std::string digest(std::size_t length) const;
  std::string digest() const { return digest(digestSize()); }

  Sha3Kind kind() const { return kind_; }
  bool isShake() const { return kind_ == Sha3Kind::Shake128 || kind_ == Sha3Kind::Shake256; }
  /// hashlib's name; digest_size (0 for SHAKE); block_size (the rate in bytes).
  std::string_view name() const;
  std::size_t digestSize() const;
  std::size_t blockSize() const { return rate_; }
  /// _sha3's _capacity_bits, _rate_bits and _suffix.
  std::size_t capacityBits() const { return 1600 - 8 * rate_; }
  std::size_t rateBits() const { return 8 * rate_; }
  unsigned char suffix() const { return isShake() ? 0x1f : 0x06; }

 private:
  void absorbBlock(const unsigned char* block);

  Sha3Kind kind_;
  std::size_t rate_;  // bytes per block
  std::array<std::uint64_t, 25> state_{};
  std::array<unsigned char, 168> buffer_{};
  std::size_t buffered_ = 0;
};

/// The Keccak-f[1600] permutation (24 rounds) of a 5x5 lane state.
void keccakF1600(std::array<std::uint64_t, 25>& state);

}  // namespace gbc::native
