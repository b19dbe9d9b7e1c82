// BigInt's Python-level operations that can raise: floor division and modulo, pow and
// three-argument pow (with the modular inverse for negative exponents), shifts with Python's
// count checks; and math.gcd and math.isqrt.
#include "native/bigint.h"

#include "native/bigint_limbs.h"

#include <cmath>

namespace gbc::native {

namespace {

// Results above this many bits are refused with MemoryError rather than attempted (8 GiB);
// CPython would fail to allocate them or run for hours.
constexpr std::uint64_t kMaxResultBits = std::uint64_t{1} << 36;

PyError divisionByZero() { return PyError{PyErrorKind::ZeroDivisionError, "division by zero"}; }
PyError memoryError() { return PyError{PyErrorKind::MemoryError, ""}; }

std::uint64_t isqrt64(std::uint64_t n) {
  auto r = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
  using W = detail::DLimb;
  while (static_cast<W>(r) * r > n) --r;
  while (static_cast<W>(r + 1) * (r + 1) <= n) ++r;
  return r;
}

// base**e mod m for 0 <= base < m, m > 1: left-to-right binary exponentiation.
BigInt modularPower(const BigInt& base, const BigInt& e, const BigInt& m) {
  BigInt result(1);
  for (std::uint64_t i = e.bitLength(); i-- > 0;) {
    result = BigInt::divmodNonZero(result * result, m).remainder;
    if (((e.magnitude()[i / 64] >> (i % 64)) & 1) != 0) {
      result = BigInt::divmodNonZero(result * base, m).remainder;
    }
  }
  return result;
}

// The inverse of a modulo m (m > 1), when gcd(a, m) == 1: extended Euclid.
std::optional<BigInt> modularInverse(const BigInt& a, const BigInt& m) {
  BigInt r0 = BigInt::divmodNonZero(a, m).remainder;
  BigInt r1 = m;
  BigInt x0(1);
  BigInt x1(0);
  while (!r1.isZero()) {
    BigDivMod qr = BigInt::divmodNonZero(r0, r1);
    r0 = std::move(r1);
    r1 = std::move(qr.remainder);
    BigInt x2 = x0 - qr.quotient * x1;
    x0 = std::move(x1);
    x1 = std::move(x2);
  }
  if (r0 != BigInt(1)) return std::nullopt;
  return BigInt::divmodNonZero(x0, m).remainder;
}

}  // namespace

PyResult<BigInt> floorDiv(const BigInt& a, const BigInt& b) {
  if (b.isZero()) return divisionByZero();
  return BigInt::divmodNonZero(a, b).quotient;
}

PyResult<BigInt> mod(const BigInt& a, const BigInt& b) {
  if (b.isZero()) return divisionByZero();
  return BigInt::divmodNonZero(a, b).remainder;
}

PyResult<BigDivMod> divmod(const BigInt& a, const BigInt& b) {
  if (b.isZero()) return divisionByZero();
  return BigInt::divmodNonZero(a, b);
}

PyResult<BigDivMod> divmodNear(const BigInt& a, const BigInt& b) {
  if (b.isZero()) return divisionByZero();
  BigDivMod d = BigInt::divmodNonZero(a, b);
  // The floor remainder has b's sign: step up when it is past half of b, or exactly half with
  // an odd quotient.
  BigInt twice = d.remainder << 1;
  auto c = twice <=> b;
  bool past_half = b.isNegative() ? c < 0 : c > 0;
  if (past_half || (c == 0 && d.quotient.isOdd())) {
    d.quotient = d.quotient + BigInt(1);
    d.remainder = d.remainder - b;
  }
  return d;
}

PyResult<BigInt> pow(const BigInt& base, const BigInt& exponent) {
  GBC_CHECK(!exponent.isNegative(), "pow with a negative exponent is float pow");
  if (exponent.isZero()) return BigInt(1);
  if (base.isZero() || base == BigInt(1)) return base;
  if (base == BigInt(-1)) return exponent.isOdd() ? base : BigInt(1);
  if (!exponent.fitsUint64()) return memoryError();
  std::uint64_t e = exponent.toUint64();
  std::uint64_t low_bits = base.bitLength() - 1;  // |base| >= 2**low_bits
  if (e > kMaxResultBits / low_bits) return memoryError();
  bool negative = base.isNegative() && (e & 1) != 0;
  if (base.abs().bitCount() == 1) {
    // |base| = 2**low_bits: a shift.
    BigInt r = BigInt(1) << (low_bits * e);
    return negative ? -r : r;
  }
  BigInt b = base.abs();
  BigInt result = b;
  for (int i = 62 - __builtin_clzll(e); i >= 0; --i) {
    result = result * result;
    if (((e >> i) & 1) != 0) result = result * b;
  }
  return negative ? -result : result;
}

PyResult<BigInt> powMod(const BigInt& base, const BigInt& exponent, const BigInt& modulus) {
  if (modulus.isZero()) return PyError{PyErrorKind::ValueError, "pow() 3rd argument cannot be 0"};
  bool negative_output = modulus.isNegative();
  BigInt m = modulus.abs();
  if (m == BigInt(1)) return BigInt(0);
  BigInt b = base;
  BigInt e = exponent;
  if (e.isNegative()) {
    std::optional<BigInt> inverse = modularInverse(b, m);
    if (!inverse) {
      return PyError{PyErrorKind::ValueError, "base is not invertible for the given modulus"};
    }
    b = std::move(*inverse);
    e = -e;
  }
  b = BigInt::divmodNonZero(b, m).remainder;
  BigInt r = modularPower(b, e, m);
  if (negative_output && !r.isZero()) r = r - m;
  return r;
}

PyResult<BigInt> lshift(const BigInt& x, const BigInt& count) {
  if (count.isNegative()) return PyError{PyErrorKind::ValueError, "negative shift count"};
  if (x.isZero()) return BigInt(0);
  if (!count.fitsInt64()) return PyError{PyErrorKind::OverflowError, "too many digits in integer"};
  auto bits = static_cast<std::uint64_t>(count.toInt64());
  if (bits > kMaxResultBits || x.bitLength() + bits > kMaxResultBits) return memoryError();
  return x << bits;
}

PyResult<BigInt> rshift(const BigInt& x, const BigInt& count) {
  if (count.isNegative()) return PyError{PyErrorKind::ValueError, "negative shift count"};
  if (!count.fitsUint64()) return x.isNegative() ? BigInt(-1) : BigInt(0);
  return x >> count.toUint64();
}

BigInt gcd(const BigInt& a, const BigInt& b) {
  BigInt x = a.abs();
  BigInt y = b.abs();
  while (!y.isZero()) {
    if (x.fitsUint64() && y.fitsUint64()) {
      std::uint64_t u = x.toUint64();
      std::uint64_t v = y.toUint64();
      while (v != 0) {
        std::uint64_t t = u % v;
        u = v;
        v = t;
      }
      return BigInt::fromUint64(u);
    }
    BigInt r = BigInt::divmodNonZero(x, y).remainder;
    x = std::move(y);
    y = std::move(r);
  }
  return x;
}

PyResult<BigInt> isqrt(const BigInt& n) {
  if (n.isNegative())
    return PyError{PyErrorKind::ValueError, "isqrt() argument must be nonnegative"};
  if (n.fitsUint64()) return BigInt::fromUint64(isqrt64(n.toUint64()));
  // Newton's method with the precision doubling at each step (the scheme documented in
  // CPython's mathmodule.c): a approximates isqrt(n >> 2*(c - d)) within 1, with d growing to
  // c = (bit_length - 1) // 2; one final correction.
  std::uint64_t c = (n.bitLength() - 1) / 2;
  BigInt a(1);
  std::uint64_t d = 0;
  for (int s = 63 - __builtin_clzll(c); s >= 0; --s) {
    std::uint64_t e = d;
    d = c >> s;
    BigInt q = BigInt::divmodNonZero(n >> (2 * c - e - d + 1), a).quotient;
    a = (a << (d - e - 1)) + q;
  }
  if (a * a > n) a = a - BigInt(1);
  return a;
}

}  // namespace gbc::native
