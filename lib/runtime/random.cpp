// torch's CPU generator and distributions (see random.h and NOTES.md section b).
#include "runtime/random.h"

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/ops.h"
#include "runtime/vecmath.h"

namespace gbc::runtime {

// ---------------------------------------------------------------------------------------------
// MT19937

void Generator::manualSeed(uint64_t seed) {
  seed_ = seed;
  state_[0] = static_cast<uint32_t>(seed & 0xFFFFFFFFu);
  for (uint32_t j = 1; j < 624; ++j) {
    state_[j] = 1812433253u * (state_[j - 1] ^ (state_[j - 1] >> 30)) + j;
  }
  index_ = 624;
  nextDoubleNormal_.reset();
}

uint32_t Generator::random() {
  if (index_ >= 624) {
    constexpr uint32_t kUpper = 0x80000000u, kLower = 0x7FFFFFFFu, kMatrixA = 0x9908B0DFu;
    for (int k = 0; k < 624; ++k) {
      uint32_t y = (state_[k] & kUpper) | (state_[(k + 1) % 624] & kLower);
      uint32_t v = state_[(k + 397) % 624] ^ (y >> 1);
      if (state_[(k + 1) % 624] & 1u) v ^= kMatrixA;
      state_[k] = v;
    }
    index_ = 0;
  }
  uint32_t y = state_[index_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9D2C5680u;
  y ^= (y << 15) & 0xEFC60000u;
  y ^= y >> 18;
  return y;
}

uint64_t Generator::random64() {
  uint64_t hi = random();
  uint64_t lo = random();
  return (hi << 32) | lo;
}

double Generator::normalDouble(double mean, double std) {
  if (nextDoubleNormal_) {
    double v = *nextDoubleNormal_;
    nextDoubleNormal_.reset();
    return v * std + mean;
  }
  double u1 = uniformDouble();
  double u2 = uniformDouble();
  double r = std::sqrt(-2.0 * std::log1p(-u2));
  double theta = 2.0 * M_PI * u1;
  nextDoubleNormal_ = r * std::sin(theta);
  return r * std::cos(theta) * std + mean;
}

static std::optional<Generator>& defaultSlot() {
  static thread_local std::optional<Generator> gen;
  return gen;
}

Generator& defaultGenerator() {
  auto& slot = defaultSlot();
  if (!slot) seedFromEntropy();
  return *slot;
}

void manualSeed(uint64_t seed) {
  auto& slot = defaultSlot();
  if (!slot) slot.emplace(seed);
  slot->manualSeed(seed);
}

uint64_t seedFromEntropy() {
  uint64_t seed = 0;
  bool ok = false;
  if (FILE* f = std::fopen("/dev/urandom", "rb")) {
    ok = std::fread(&seed, sizeof(seed), 1, f) == 1;
    std::fclose(f);
  }
  if (!ok) {
    std::random_device rd;
    seed = (static_cast<uint64_t>(rd()) << 32) | rd();
  }
  manualSeed(seed);
  return seed;
}

// ---------------------------------------------------------------------------------------------
// The vectorised float32 Box-Muller block (avx_mathfun.h, with the build's fused multiply-adds)

namespace {

float bitsToFloat(uint32_t b) { return std::bit_cast<float>(b); }
uint32_t floatToBits(float f) { return std::bit_cast<uint32_t>(f); }

GBC_LANE float cephesLogf(float x) {
  const float kSqrtHf = 0.707106781186547524f;
  const float p[9] = {7.0376836292E-2f,  -1.1514610310E-1f, 1.1676998740E-1f,
                      -1.2420140846E-1f, +1.4249322787E-1f, -1.6668057665E-1f,
                      +2.0000714765E-1f, -2.4999993993E-1f, +3.3333331174E-1f};
  const float q1 = -2.12194440e-4f, q2 = 0.693359375f;
  uint32_t b = floatToBits(x);
  float e = static_cast<float>(static_cast<int32_t>(b >> 23) - 0x7F);
  float m = bitsToFloat((b & ~0x7F800000u) | floatToBits(0.5f));
  e = e + 1.0f;
  if (m < kSqrtHf) {
    e = e - 1.0f;
    m = (m - 1.0f) + m;
  } else {
    m = m - 1.0f;
  }
  float z = m * m;
  float y = p[0];
  for (int k = 1; k < 9; ++k) y = std::fma(y, m, p[k]);
  y = y * m;
  y = std::fma(y, z, e * q1);
  y = std::fma(-z, 0.5f, y);
  float r = m + y;
  return std::fma(e, q2, r);
}

/// sincos256_ps for theta >= 0: returns {sin, cos}.
GBC_LANE std::pair<float, float> cephesSincosf(float x) {
  const float kFopi = 1.27323954473516f;
  const float dp1 = -0.78515625f, dp2 = -2.4187564849853515625e-4f, dp3 = -3.77489497744594108e-8f;
  const float sp0 = -1.9515295891E-4f, sp1 = 8.3321608736E-3f, sp2 = -1.6666654611E-1f;
  const float cp0 = 2.443315711809948E-005f, cp1 = -1.388731625493765E-003f,
              cp2 = 4.166664568298827E-002f;
  float signSin = x < 0 ? -1.0f : 1.0f;
  x = std::fabs(x);
  float y = x * kFopi;
  auto j = static_cast<int32_t>(y);
  j = (j + 1) & ~1;
  y = static_cast<float>(j);
  if (j & 4) signSin = -signSin;
  bool polySinIsY2 = (j & 2) == 0;
  float signCos = ((~(j - 2)) & 4) ? -1.0f : 1.0f;
  x = std::fma(y, dp1, x);
  x = std::fma(y, dp2, x);
  x = std::fma(y, dp3, x);
  float z = x * x;
  float yc = cp0;
  yc = std::fma(yc, z, cp1);
  yc = std::fma(yc, z, cp2);
  yc = yc * z;
  yc = std::fma(yc, z, -(z * 0.5f));
  yc = yc + 1.0f;
  float ys = sp0;
  ys = std::fma(ys, z, sp1);
  ys = std::fma(ys, z, sp2);
  ys = ys * z;
  ys = std::fma(ys, x, x);
  float s = polySinIsY2 ? ys : yc;
  float c = polySinIsY2 ? yc : ys;
  return {s * signSin, c * signCos};
}

GBC_FMA_CLONES void normalFill16Float(float* data, float mean, float std) {
  const float kTwoPi = static_cast<float>(2.0 * M_PI);
  for (int j = 0; j < 8; ++j) {
    const float u1 = 1.0f - data[j];
    const float u2 = data[j + 8];
    const float radius = std::sqrt(-2.0f * cephesLogf(u1));
    const float theta = kTwoPi * u2;
    auto [s, c] = cephesSincosf(theta);
    data[j] = std::fma(radius * c, std, mean);
    data[j + 8] = std::fma(radius * s, std, mean);
  }
}

void normalFill16Double(double* data, double mean, double std) {
  for (int j = 0; j < 8; ++j) {
    const double u1 = 1.0 - data[j];
    const double u2 = data[j + 8];
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double theta = 2.0 * M_PI * u2;
    data[j] = std::fma(radius * std::cos(theta), std, mean);
    data[j + 8] = std::fma(radius * std::sin(theta), std, mean);
  }
}

Generator& pick(Generator* gen) { return gen ? *gen : defaultGenerator(); }

/// fma(u, width, a) over draws already stored in d, mapping a result equal to b back to a.
GBC_FMA_CLONES void uniformTransform(float* d, int64_t n, float a, float b, float width) {
  for (int64_t i = 0; i < n; ++i) {
    float v = std::fma(d[i], width, a);
    d[i] = v == b ? a : v;
  }
}

/// Writes values produced by f() into t in memory order (row-major over t's elements).
template <typename T, typename F>
void fillSerial(const Tensor& t, const F& f) {
  const int64_t n = t.numel();
  if (t.isContiguous()) {
    T* p = t.data<T>();
    for (int64_t i = 0; i < n; ++i) p[i] = f();
    return;
  }
  Tensor tmp = Tensor::empty(t.sizes(), t.dtype());
  T* p = tmp.data<T>();
  for (int64_t i = 0; i < n; ++i) p[i] = f();
  detail::copyInto(t, tmp);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// distributions

Status normal_(const Tensor& t, double mean, double std, Generator* genOpt) {
  if (!isFloating(t.dtype())) {
    return notImplemented(
        fmt::format("\"normal_kernel_cpu\" not implemented for '{}'", dtypeScalarName(t.dtype())));
  }
  if (std < 0) return runtimeError(fmt::format("normal expects std >= 0.0, but found std {}", std));
  Generator& gen = pick(genOpt);
  const int64_t n = t.numel();
  if (n >= 16 && t.isContiguous()) {
    if (storageDType(t.dtype()) == DType::Float32) {
      float* d = t.data<float>();
      for (int64_t i = 0; i < n; ++i) d[i] = gen.uniformFloat();
      for (int64_t i = 0; i + 16 <= n; i += 16) normalFill16Float(d + i, float(mean), float(std));
      if (n % 16 != 0) {
        float tail[16];
        for (float& v : tail) v = gen.uniformFloat();
        normalFill16Float(tail, float(mean), float(std));
        std::memcpy(d + n - 16, tail, sizeof(tail));
      }
    } else {
      double* d = t.data<double>();
      for (int64_t i = 0; i < n; ++i) d[i] = gen.uniformDouble();
      for (int64_t i = 0; i + 16 <= n; i += 16) normalFill16Double(d + i, mean, std);
      if (n % 16 != 0) {
        double tail[16];
        for (double& v : tail) v = gen.uniformDouble();
        normalFill16Double(tail, mean, std);
        std::memcpy(d + n - 16, tail, sizeof(tail));
      }
    }
    t.narrowStorage();
    return ok();
  }
  dispatchDType(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      fillSerial<T>(t, [&] { return static_cast<T>(gen.normalDouble(mean, std)); });
    }
  });
  t.narrowStorage();  // (bfloat16/half draws: torch's rounding order not verified)
  return ok();
}

Status uniform_(const Tensor& t, double from, double to, Generator* genOpt) {
  if (!isFloating(t.dtype())) {
    return notImplemented(
        fmt::format("\"uniform_kernel_cpu\" not implemented for '{}'", dtypeScalarName(t.dtype())));
  }
  if (!(from <= to)) {
    return runtimeError(fmt::format(
        "uniform_ expects to return a [from, to) range, but found from={} > to={}", from, to));
  }
  Generator& gen = pick(genOpt);
  if (storageDType(t.dtype()) == DType::Float32) {
    const float a = static_cast<float>(from), b = static_cast<float>(to);
    const float width = b - a;
    Tensor tmp = t.isContiguous() ? t : Tensor::empty(t.sizes(), DType::Float32);
    float* d = tmp.data<float>();
    for (int64_t i = 0; i < t.numel(); ++i) d[i] = gen.uniformFloat();
    uniformTransform(d, t.numel(), a, b, width);
    if (tmp.storage() != t.storage()) detail::copyInto(t, tmp);
  } else {
    const double width = to - from;
    fillSerial<double>(t, [&] {
      double v = std::fma(gen.uniformDouble(), width, from);
      return v == to ? from : v;
    });
  }
  t.narrowStorage();  // (bfloat16/half draws: torch's rounding order not verified)
  return ok();
}

Expected<Tensor> randn(const Shape& sizes, DType dtype, Generator* gen) {
  if (!isFloating(dtype)) {
    return notImplemented(
        fmt::format("\"normal_kernel_cpu\" not implemented for '{}'", dtypeScalarName(dtype)));
  }
  Tensor t = Tensor::empty(sizes, dtype);
  GBC_RT_CHECK(normal_(t, 0.0, 1.0, gen));
  return t;
}

Expected<Tensor> rand(const Shape& sizes, DType dtype, Generator* gen) {
  if (!isFloating(dtype)) {
    return notImplemented(
        fmt::format("\"check_uniform_bounds\" not implemented for '{}'", dtypeScalarName(dtype)));
  }
  Tensor t = Tensor::empty(sizes, dtype);
  GBC_RT_CHECK(uniform_(t, 0.0, 1.0, gen));
  return t;
}

Expected<Tensor> randnLike(const Tensor& t, std::optional<DType> dtype, Generator* gen) {
  return randn(t.sizes(), dtype.value_or(t.dtype()), gen);
}

Expected<Tensor> randLike(const Tensor& t, std::optional<DType> dtype, Generator* gen) {
  return rand(t.sizes(), dtype.value_or(t.dtype()), gen);
}

Expected<Tensor> randint(int64_t low, int64_t high, const Shape& sizes, DType dtype,
                         Generator* genOpt) {
  if (low >= high) {
    return runtimeError(fmt::format(
        "random_ expects 'from' to be less than 'to', but got from={} >= to={}", low, high));
  }
  Generator& gen = pick(genOpt);
  const auto range = static_cast<uint64_t>(high - low);
  Tensor t = Tensor::empty(sizes, dtype);
  dispatchDType(dtype, [&](auto tag) {
    using T = decltype(tag);
    fillSerial<T>(t, [&] {
      uint64_t v = range >= (uint64_t{1} << 32) ? gen.random64() : gen.random();
      return detail::castValue<T>(static_cast<int64_t>(v % range) + low);
    });
  });
  return t;
}

Expected<Tensor> randperm(int64_t n, DType dtype, Generator* genOpt) {
  if (n < 0) return runtimeError(fmt::format("n must be non-negative, got{}", n));
  Generator& gen = pick(genOpt);
  std::vector<int64_t> r(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) r[i] = i;
  for (int64_t i = 0; i + 1 < n; ++i) {
    auto z = static_cast<int64_t>(gen.random() % static_cast<uint64_t>(n - i));
    std::swap(r[i], r[z + i]);
  }
  std::vector<Scalar> values(r.begin(), r.end());
  return fromData(values, {n}, dtype);
}

Status kaimingUniform_(const Tensor& w, double a, Generator* gen) {
  if (w.dim() < 2) {
    return valueError(
        "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  }
  int64_t fanIn = w.sizes()[1];
  for (int64_t d = 2; d < w.dim(); ++d) fanIn *= w.sizes()[d];
  const double gain = std::sqrt(2.0 / (1 + a * a));
  const double stdv = gain / std::sqrt(static_cast<double>(fanIn));
  const double bound = std::sqrt(3.0) * stdv;
  return uniform_(w, -bound, bound, gen);
}

Expected<LinearParams> initLinear(int64_t inFeatures, int64_t outFeatures, bool bias,
                                  Generator* gen) {
  LinearParams p;
  GBC_RT_TRY(p.weight, empty({outFeatures, inFeatures}));
  GBC_RT_CHECK(kaimingUniform_(p.weight, std::sqrt(5.0), gen));
  if (bias) {
    GBC_RT_TRY(p.bias, empty({outFeatures}));
    const double bound = inFeatures > 0 ? 1 / std::sqrt(static_cast<double>(inFeatures)) : 0;
    GBC_RT_CHECK(uniform_(p.bias, -bound, bound, gen));
  }
  p.weight.setRequiresGrad(true);
  if (bias) p.bias.setRequiresGrad(true);
  return p;
}

}  // namespace gbc::runtime
