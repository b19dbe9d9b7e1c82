// MT19937 as CPython's _random module runs it: the reference generator and seeding, plus
// CPython's own conventions for int seeds, random() and getrandbits().
#include "native/mt19937.h"

#include "native/hashes.h"

#include <algorithm>
#include <vector>

namespace gbc::native {

namespace {

constexpr int kN = MersenneTwister::kStateWords;
constexpr int kM = 397;
constexpr std::uint32_t kMatrixA = 0x9908b0dfU;
constexpr std::uint32_t kUpperMask = 0x80000000U;
constexpr std::uint32_t kLowerMask = 0x7fffffffU;

}  // namespace

MersenneTwister::MersenneTwister() { initGenrand(5489U); }

void MersenneTwister::initGenrand(std::uint32_t seed) {
  mt_[0] = seed;
  for (int i = 1; i < kN; ++i) {
    mt_[i] = 1812433253U * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
  }
  index_ = kN;
}

void MersenneTwister::initByArray(std::span<const std::uint32_t> key) {
  initGenrand(19650218U);
  int i = 1;
  std::size_t j = 0;
  const std::size_t key_length = key.size();
  for (std::size_t k = std::max<std::size_t>(kN, key_length); k > 0; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + key[j] +
             static_cast<std::uint32_t>(j);
    ++i;
    ++j;
    if (i >= kN) {
      mt_[0] = mt_[kN - 1];
      i = 1;
    }
    if (j >= key_length) j = 0;
  }
  for (int k = kN - 1; k > 0; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) -
             static_cast<std::uint32_t>(i);
    ++i;
    if (i >= kN) {
      mt_[0] = mt_[kN - 1];
      i = 1;
    }
  }
  mt_[0] = 0x80000000U;  // a non-zero initial state is assured
}

void MersenneTwister::seed(const BigInt& n) {
  std::span<const BigInt::Limb> mag = n.magnitude();
  std::vector<std::uint32_t> key;
  for (BigInt::Limb limb : mag) {
    key.push_back(static_cast<std::uint32_t>(limb));
    key.push_back(static_cast<std::uint32_t>(limb >> 32));
  }
  while (key.size() > 1 && key.back() == 0) key.pop_back();
  if (key.empty()) key.push_back(0);
  initByArray(key);
}

BigInt MersenneTwister::seedIntFromBytes(std::string_view bytes) {
  std::string data(bytes);
  data += hashBytes(HashKind::Sha512, bytes);
  return BigInt::fromBytes(data, false, false);
}

void MersenneTwister::twist() {
  for (int k = 0; k < kN; ++k) {
    std::uint32_t y = (mt_[k] & kUpperMask) | (mt_[(k + 1) % kN] & kLowerMask);
    mt_[k] = mt_[(k + kM) % kN] ^ (y >> 1) ^ ((y & 1U) != 0 ? kMatrixA : 0U);
  }
  index_ = 0;
}

std::uint32_t MersenneTwister::genrandUint32() {
  if (index_ >= kN) twist();
  std::uint32_t y = mt_[index_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= y >> 18;
  return y;
}

double MersenneTwister::random() {
  // 27 + 26 bits: (a * 2**26 + b) / 2**53.
  std::uint32_t a = genrandUint32() >> 5;
  std::uint32_t b = genrandUint32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

std::uint64_t MersenneTwister::getrandbits64(unsigned k) {
  if (k == 0) return 0;
  if (k <= 32) return genrandUint32() >> (32 - k);
  std::uint64_t low = genrandUint32();
  std::uint64_t high = genrandUint32() >> (64 - k);
  return low | (high << 32);
}

BigInt MersenneTwister::getrandbits(std::uint64_t k) {
  if (k <= 64) return BigInt::fromUint64(getrandbits64(static_cast<unsigned>(k)));
  std::vector<BigInt::Limb> limbs((k + 63) / 64, 0);
  std::uint64_t words = (k - 1) / 32 + 1;
  for (std::uint64_t i = 0; i < words; ++i, k -= 32) {
    std::uint32_t r = genrandUint32();
    if (k < 32) r >>= (32 - k);  // the last word keeps its top bits
    limbs[i / 2] |= static_cast<BigInt::Limb>(r) << (32 * (i % 2));
    if (k < 32) break;
  }
  return BigInt::fromLimbs(std::move(limbs), false);
}

MersenneTwister::State MersenneTwister::getState() const {
  State s;
  s.words = mt_;
  s.index = index_;
  return s;
}

PyResult<bool> MersenneTwister::setState(const std::array<std::uint32_t, kStateWords>& words,
                                         std::int64_t index) {
  if (index < 0 || index > kN) return PyError{PyErrorKind::ValueError, "invalid state"};
  mt_ = words;
  index_ = static_cast<int>(index);
  return true;
}

}  // namespace gbc::native
