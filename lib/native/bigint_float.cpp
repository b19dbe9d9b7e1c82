// BigInt and float: correctly rounded int -> float and int / int (round half to even, as
// CPython's PyLong_AsDouble and long_true_divide), float -> int truncation, exact int/float
// comparison, and CPython's numeric hash of floats and int64s (modulus 2**61 - 1).
#include "native/bigint.h"

#include "native/bigint_limbs.h"

#include <algorithm>
#include <cmath>

namespace gbc::native {

using detail::Mag;

namespace {

constexpr int kMantDig = 53;    // DBL_MANT_DIG
constexpr int kMaxExp = 1024;   // DBL_MAX_EXP
constexpr int kMinExp = -1021;  // DBL_MIN_EXP

PyError tooLargeForFloat() {
  return PyError{PyErrorKind::OverflowError, "int too large to convert to float"};
}

// x * 2**exponent mod 2**61 - 1 for x < 2**61 - 1 (2**61 == 1, so a rotation of 61 bits).
std::uint64_t mulPow2ModP(std::uint64_t x, int exponent) {
  constexpr std::uint64_t p = static_cast<std::uint64_t>(kHashModulus);
  int e = ((exponent % 61) + 61) % 61;
  if (e == 0) return x;
  return ((x << e) & p) | (x >> (61 - e));
}

}  // namespace

BigInt BigInt::fromDouble(double value) {
  double t = std::trunc(value);
  if (std::fabs(t) < 9223372036854775808.0) return BigInt(static_cast<std::int64_t>(t));
  int e = 0;
  double m = std::frexp(std::fabs(t), &e);  // |t| = m * 2**e, e > 63
  auto mantissa = static_cast<std::uint64_t>(std::ldexp(m, kMantDig));
  BigInt r = fromUint64(mantissa) << static_cast<std::uint64_t>(e - kMantDig);
  return t < 0 ? -r : r;
}

PyResult<double> BigInt::toDouble() const {
  if (mag_.empty()) return 0.0;
  double d;
  if (mag_.size() == 1) {
    d = static_cast<double>(mag_[0]);  // the conversion rounds to nearest, ties to even
  } else {
    std::uint64_t bits = bitLength();
    if (bits > static_cast<std::uint64_t>(kMaxExp)) return tooLargeForFloat();
    // The top 64 bits with every lower bit folded into bit 0 round exactly as the whole.
    Mag top = detail::shrMag(mag_, bits - 64);
    std::uint64_t u = top[0] | (detail::anyLowBits(mag_, bits - 64) ? 1 : 0);
    d = std::ldexp(static_cast<double>(u), static_cast<int>(bits - 64));
    if (std::isinf(d)) return tooLargeForFloat();
  }
  return neg_ ? -d : d;
}

std::optional<int> BigInt::compareWithDouble(double value) const {
  if (std::isnan(value)) return std::nullopt;
  if (std::isinf(value)) return value > 0 ? -1 : 1;
  double t = std::trunc(value);
  auto c = *this <=> fromDouble(t);
  if (c != 0) return c < 0 ? -1 : 1;
  double frac = value - t;
  return frac > 0 ? -1 : (frac < 0 ? 1 : 0);
}

PyResult<double> trueDivide(const BigInt& a, const BigInt& b) {
  if (b.isZero()) return PyError{PyErrorKind::ZeroDivisionError, "division by zero"};
  bool negative = a.isNegative() != b.isNegative();
  if (a.isZero()) return negative ? -0.0 : 0.0;
  BigInt ua = a.abs();
  BigInt ub = b.abs();
  constexpr std::uint64_t kExact = std::uint64_t{1} << kMantDig;
  if (ua.fitsUint64() && ub.fitsUint64() && ua.toUint64() <= kExact && ub.toUint64() <= kExact) {
    // Both exact as doubles: IEEE division is correctly rounded.
    double q = static_cast<double>(ua.toUint64()) / static_cast<double>(ub.toUint64());
    return negative ? -q : q;
  }
  auto diff = static_cast<std::int64_t>(ua.bitLength()) - static_cast<std::int64_t>(ub.bitLength());
  if (diff > kMaxExp) {
    return PyError{PyErrorKind::OverflowError, "integer division result too large for a float"};
  }
  if (diff < kMinExp - kMantDig - 1) return negative ? -0.0 : 0.0;
  // Scale a so the quotient has 55 or 56 bits (fewer for subnormal results), enough to round
  // once; `inexact` remembers every bit dropped on the way.
  std::int64_t shift = std::max<std::int64_t>(diff, kMinExp) - kMantDig - 2;
  bool inexact = false;
  BigInt x;
  if (shift >= 0) {
    inexact = detail::anyLowBits(Mag(ua.magnitude().begin(), ua.magnitude().end()),
                                 static_cast<std::uint64_t>(shift));
    x = ua >> static_cast<std::uint64_t>(shift);
  } else {
    x = ua << static_cast<std::uint64_t>(-shift);
  }
  BigDivMod qr = BigInt::divmodTruncNonZero(x, ub);
  inexact = inexact || !qr.remainder.isZero();
  std::uint64_t q = qr.quotient.toUint64();
  auto q_bits = static_cast<std::int64_t>(qr.quotient.bitLength());
  // Round to the precision available at this exponent, half to even.
  std::int64_t extra = std::max<std::int64_t>(q_bits, kMinExp - shift) - kMantDig;
  std::uint64_t half = std::uint64_t{1} << (extra - 1);
  std::uint64_t mask = (half << 1) - 1;
  if ((q & half) != 0 && ((q & (3 * half - 1)) != 0 || inexact)) q += half;
  q &= ~mask;
  double result = std::ldexp(static_cast<double>(q), static_cast<int>(shift));
  if (std::isinf(result)) {
    return PyError{PyErrorKind::OverflowError, "integer division result too large for a float"};
  }
  return negative ? -result : result;
}

std::optional<std::int64_t> hashDouble(double value) {
  if (std::isnan(value)) return std::nullopt;
  if (std::isinf(value)) return value > 0 ? kHashInf : -kHashInf;
  int e = 0;
  double m = std::frexp(std::fabs(value), &e);  // |value| = mantissa * 2**(e - 53)
  auto mantissa = static_cast<std::uint64_t>(std::ldexp(m, kMantDig));
  auto h = static_cast<std::int64_t>(mulPow2ModP(mantissa, e - kMantDig));
  if (value < 0) h = -h;
  return h == -1 ? -2 : h;
}

std::int64_t hashInt64(std::int64_t value) {
  std::uint64_t magnitude =
      value < 0 ? ~static_cast<std::uint64_t>(value) + 1 : static_cast<std::uint64_t>(value);
  auto h = static_cast<std::int64_t>(magnitude % static_cast<std::uint64_t>(kHashModulus));
  if (value < 0) h = -h;
  return h == -1 ? -2 : h;
}

}  // namespace gbc::native
