// BigInt's core: construction, int64 conversions, comparison, the ring operations, shifts,
// two's-complement bitwise operations, bytes conversion and hash.
#include "native/bigint.h"

#include "base/check.h"
#include "native/bigint_limbs.h"

#include <algorithm>
#include <bit>

namespace gbc::native {

using detail::Limb;
using detail::Mag;

BigInt::BigInt(std::int64_t value, int) {
  if (value == 0) return;
  neg_ = value < 0;
  // Negating in unsigned arithmetic keeps INT64_MIN exact.
  std::uint64_t m = static_cast<std::uint64_t>(value);
  mag_.push_back(neg_ ? ~m + 1 : m);
}

BigInt BigInt::fromUint64(std::uint64_t value) {
  BigInt r;
  if (value != 0) r.mag_.push_back(value);
  return r;
}

BigInt BigInt::fromLimbs(std::vector<Limb> magnitude, bool negative) {
  BigInt r;
  r.mag_ = std::move(magnitude);
  detail::trim(r.mag_);
  r.neg_ = negative && !r.mag_.empty();
  return r;
}

bool BigInt::fitsInt64() const {
  if (mag_.size() > 1) return false;
  if (mag_.empty()) return true;
  std::uint64_t limit = std::uint64_t{1} << 63;
  return neg_ ? mag_[0] <= limit : mag_[0] < limit;
}

std::int64_t BigInt::toInt64() const {
  GBC_CHECK(fitsInt64(), "BigInt does not fit int64");
  if (mag_.empty()) return 0;
  std::uint64_t m = mag_[0];
  return static_cast<std::int64_t>(neg_ ? ~m + 1 : m);
}

bool BigInt::fitsUint64() const { return !neg_ && mag_.size() <= 1; }

std::uint64_t BigInt::toUint64() const {
  GBC_CHECK(fitsUint64(), "BigInt does not fit uint64");
  return mag_.empty() ? 0 : mag_[0];
}

std::uint64_t BigInt::bitLength() const { return detail::bitLengthMag(mag_); }

std::uint64_t BigInt::bitCount() const {
  std::uint64_t n = 0;
  for (Limb limb : mag_) n += static_cast<std::uint64_t>(std::popcount(limb));
  return n;
}

BigInt BigInt::operator-() const {
  BigInt r = *this;
  r.neg_ = !neg_ && !mag_.empty();
  return r;
}

BigInt BigInt::abs() const {
  BigInt r = *this;
  r.neg_ = false;
  return r;
}

std::strong_ordering operator<=>(const BigInt& a, const BigInt& b) {
  if (a.neg_ != b.neg_) return a.neg_ ? std::strong_ordering::less : std::strong_ordering::greater;
  int c = detail::cmpMag(a.mag_, b.mag_);
  if (a.neg_) c = -c;
  return c < 0 ? std::strong_ordering::less
               : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

// a + (negate_b ? -b : b) on sign-magnitude forms.
static BigInt addSigned(const std::vector<BigInt::Limb>& am, bool an,
                        const std::vector<BigInt::Limb>& bm, bool bn) {
  if (an == bn) return BigInt::fromLimbs(detail::addMag(am, bm), an);
  int c = detail::cmpMag(am, bm);
  if (c == 0) return BigInt();
  if (c > 0) return BigInt::fromLimbs(detail::subMag(am, bm), an);
  return BigInt::fromLimbs(detail::subMag(bm, am), bn);
}

BigInt operator+(const BigInt& a, const BigInt& b) {
  return addSigned(a.mag_, a.neg_, b.mag_, b.neg_);
}

BigInt operator-(const BigInt& a, const BigInt& b) {
  return addSigned(a.mag_, a.neg_, b.mag_, !b.neg_);
}

BigInt operator*(const BigInt& a, const BigInt& b) {
  return BigInt::fromLimbs(detail::mulMag(a.mag_, b.mag_), a.neg_ != b.neg_);
}

BigInt BigInt::operator<<(std::uint64_t bits) const {
  return fromLimbs(detail::shlMag(mag_, bits), neg_);
}

BigInt BigInt::operator>>(std::uint64_t bits) const {
  if (!neg_) return fromLimbs(detail::shrMag(mag_, bits), false);
  // Floor: -(|x| >> bits) - 1 when bits were shifted out, else -(|x| >> bits).
  Mag q = detail::shrMag(mag_, bits);
  if (detail::anyLowBits(mag_, bits)) q = detail::incMag(q);
  return fromLimbs(std::move(q), true);
}

BigInt BigInt::operator~() const { return -(*this + BigInt(1)); }

// Two's-complement limbs of x over n limbs (n larger than the magnitude, so the top limb holds
// the sign).
static Mag twosComplement(const Mag& mag, bool negative, std::size_t n) {
  Mag r = mag;
  r.resize(n, 0);
  if (!negative) return r;
  Limb carry = 1;
  for (Limb& limb : r) {
    limb = ~limb + carry;
    carry = carry != 0 && limb == 0;
  }
  return r;
}

enum class BitOp { And, Or, Xor };

static BigInt bitwise(const BigInt& a, const BigInt& b, BitOp op) {
  std::size_t n = std::max(a.magnitude().size(), b.magnitude().size()) + 1;
  Mag am(a.magnitude().begin(), a.magnitude().end());
  Mag bm(b.magnitude().begin(), b.magnitude().end());
  Mag x = twosComplement(am, a.isNegative(), n);
  Mag y = twosComplement(bm, b.isNegative(), n);
  for (std::size_t i = 0; i < n; ++i) {
    switch (op) {
      case BitOp::And:
        x[i] &= y[i];
        break;
      case BitOp::Or:
        x[i] |= y[i];
        break;
      case BitOp::Xor:
        x[i] ^= y[i];
        break;
    }
  }
  bool negative = (x[n - 1] >> 63) != 0;
  return BigInt::fromLimbs(twosComplement(x, negative, n), negative);
}

BigInt operator&(const BigInt& a, const BigInt& b) { return bitwise(a, b, BitOp::And); }
BigInt operator|(const BigInt& a, const BigInt& b) { return bitwise(a, b, BitOp::Or); }
BigInt operator^(const BigInt& a, const BigInt& b) { return bitwise(a, b, BitOp::Xor); }

BigDivMod BigInt::divmodTruncNonZero(const BigInt& a, const BigInt& b) {
  GBC_CHECK(!b.isZero(), "division by zero BigInt");
  Mag q, r;
  detail::divmodMag(a.mag_, b.mag_, q, r);
  return {fromLimbs(std::move(q), a.neg_ != b.neg_), fromLimbs(std::move(r), a.neg_)};
}

BigDivMod BigInt::divmodNonZero(const BigInt& a, const BigInt& b) {
  BigDivMod d = divmodTruncNonZero(a, b);
  // Python floors: when the signs differ and the division is inexact, the quotient moves down
  // by one and the remainder takes the divisor's sign.
  if (!d.remainder.isZero() && a.neg_ != b.neg_) {
    d.quotient = d.quotient - BigInt(1);
    d.remainder = d.remainder + b;
  }
  return d;
}

BigInt BigInt::fromBytes(std::string_view bytes, bool little, bool is_signed) {
  std::size_t n = bytes.size();
  Mag mag((n + 7) / 8, 0);
  for (std::size_t i = 0; i < n; ++i) {
    // i counts from the least significant byte.
    auto byte = static_cast<unsigned char>(little ? bytes[i] : bytes[n - 1 - i]);
    mag[i / 8] |= static_cast<Limb>(byte) << (8 * (i % 8));
  }
  bool negative = false;
  if (is_signed && n > 0) {
    auto top = static_cast<unsigned char>(little ? bytes[n - 1] : bytes[0]);
    negative = (top & 0x80) != 0;
  }
  if (negative) {
    // Value = unsigned - 2**(8n): its magnitude is the two's complement over n bytes.
    for (Limb& limb : mag) limb = ~limb;
    if (n % 8 != 0) mag.back() &= (Limb{1} << (8 * (n % 8))) - 1;
    mag = detail::incMag(mag);
  }
  return fromLimbs(std::move(mag), negative);
}

PyResult<std::string> BigInt::toBytes(std::int64_t length, bool little, bool is_signed) const {
  if (length < 0) return PyError{PyErrorKind::ValueError, "length argument must be non-negative"};
  if (neg_ && !is_signed) {
    return PyError{PyErrorKind::OverflowError, "can't convert negative int to unsigned"};
  }
  // Bits needed: unsigned, the magnitude's; signed, one more for the sign, except for
  // -2**(k-1), which fits k bits.
  std::uint64_t bits = bitLength();
  if (is_signed && !mag_.empty()) {
    bool power_of_two_negative = neg_ && bitCount() == 1;
    if (!power_of_two_negative) ++bits;
  }
  if (bits > static_cast<std::uint64_t>(length) * 8) {
    return PyError{PyErrorKind::OverflowError, "int too big to convert"};
  }
  auto n = static_cast<std::size_t>(length);
  Mag tc = twosComplement(mag_, neg_, std::max<std::size_t>(mag_.size() + 1, (n + 7) / 8));
  std::string out(n, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    auto byte = static_cast<char>((tc[i / 8] >> (8 * (i % 8))) & 0xff);
    out[little ? i : n - 1 - i] = byte;
  }
  return out;
}

std::int64_t BigInt::hash() const {
  // |x| mod 2**61 - 1, limb by limb from the top: 2**64 == 2**3 (mod 2**61 - 1).
  constexpr std::uint64_t p = static_cast<std::uint64_t>(kHashModulus);
  std::uint64_t h = 0;
  for (std::size_t i = mag_.size(); i-- > 0;) {
    detail::DLimb t = (static_cast<detail::DLimb>(h) << 64) | mag_[i];
    h = static_cast<std::uint64_t>(t % p);
  }
  auto v = static_cast<std::int64_t>(h);
  if (neg_) v = -v;
  return v == -1 ? -2 : v;
}

}  // namespace gbc::native
