// BigInt: arbitrary-precision signed integers with the semantics of CPython's `int`
// (Objects/longobject.c): floor division, two's-complement bitwise operations on negatives,
// correctly rounded conversion to float and true division, CPython's hash, int(text, base)
// parsing and str() with the 4300-digit limit. The VM uses it when an int overflows int64.
//
// Operations that can raise in Python return PyResult with CPython 3.14's exception type and
// message; the rest return values. Performance: Karatsuba multiplication, Burnikel-Ziegler
// division, divide-and-conquer decimal conversion both ways (see gbc_bench_native).
#pragma once

#include "native/py_result.h"

#include <compare>
#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gbc::native {

/// CPython's default for sys.get_int_max_str_digits() (0 would mean no limit).
inline constexpr int kDefaultMaxStrDigits = 4300;
/// sys.hash_info.modulus: 2**61 - 1.
inline constexpr std::int64_t kHashModulus = (std::int64_t{1} << 61) - 1;
/// sys.hash_info.inf: the hash of float('inf') (negated for -inf).
inline constexpr std::int64_t kHashInf = 314159;

/// Why int(text, base) failed.
struct IntParseFailure {
  enum class Kind {
    InvalidLiteral,     ///< ValueError: invalidLiteralMessage(base, repr(text))
    ExceedsDigitLimit,  ///< ValueError: parseDigitLimitMessage(limit, digits)
  };
  Kind kind = Kind::InvalidLiteral;
  std::size_t digits = 0;  ///< the digit count, for ExceedsDigitLimit
};

class BigInt;
/// Floor quotient and remainder (Python's divmod).
struct BigDivMod;

class BigInt {
 public:
  using Limb = std::uint64_t;

  /// Zero.
  BigInt() = default;
  /// From any signed integer (implicit, so `x + 1` reads naturally).
  template <std::signed_integral T>
  BigInt(T value) : BigInt(static_cast<std::int64_t>(value), 0) {}
  static BigInt fromUint64(std::uint64_t value);
  /// int(value): truncates toward zero. The caller has checked that value is finite.
  static BigInt fromDouble(double value);
  /// From a little-endian magnitude (high zero limbs allowed) and a sign.
  static BigInt fromLimbs(std::vector<Limb> magnitude, bool negative);
  /// int.from_bytes(bytes, 'little' if little else 'big', signed=is_signed).
  static BigInt fromBytes(std::string_view bytes, bool little, bool is_signed);

  /// int(text, base) for base 0 or 2..36 (the caller rejects other bases with "int() base must
  /// be >= 2 and <= 36, or 0"): surrounding whitespace, a sign, 0x/0o/0b prefixes (required
  /// for base 0, optional for a matching base), single underscores between digits, "0" and
  /// "00" but not "01" for base 0. `text` is bytes as int(bytes) takes them; for a str pass
  /// transformDecimalAndSpaceToAscii(text) (unicode_digits.h), which maps Unicode digits and
  /// whitespace to ASCII as CPython does. max_str_digits limits the digits of non-power-of-two
  /// bases (0: no limit), checked after validation as CPython does.
  static std::variant<BigInt, IntParseFailure> parse(std::string_view text, int base,
                                                     int max_str_digits = kDefaultMaxStrDigits);

  bool isZero() const { return mag_.empty(); }
  bool isNegative() const { return neg_; }
  /// -1, 0 or 1.
  int sign() const { return neg_ ? -1 : (mag_.empty() ? 0 : 1); }
  bool isOdd() const { return !mag_.empty() && (mag_[0] & 1) != 0; }
  bool fitsInt64() const;
  /// Requires fitsInt64().
  std::int64_t toInt64() const;
  bool fitsUint64() const;
  /// Requires fitsUint64().
  std::uint64_t toUint64() const;
  /// The magnitude's little-endian limbs (no high zero limbs; empty for zero).
  std::span<const Limb> magnitude() const { return mag_; }
  /// int.bit_length() and int.bit_count() (of the absolute value).
  std::uint64_t bitLength() const;
  std::uint64_t bitCount() const;

  /// Digits in any base 2..36, lowercase, with a leading '-' for negatives; no limit check.
  std::string toString(int base = 10) const;
  /// str(self): the decimal form, or CPython's ValueError when it has more than
  /// max_str_digits digits (0: no limit).
  PyResult<std::string> toDecimalString(int max_str_digits = kDefaultMaxStrDigits) const;
  /// bin(), oct(), hex() for base 2, 8, 16: '-0x1f'.
  std::string toPrefixedString(int base) const;
  /// True when str(self) has more than max_str_digits digits (exact; cheap).
  bool exceedsStrDigitLimit(int max_str_digits) const;
  /// float(self), correctly rounded (half to even); OverflowError "int too large to convert
  /// to float" when it exceeds the double range.
  PyResult<double> toDouble() const;
  /// self.to_bytes(length, 'little' if little else 'big', signed=is_signed), with CPython's
  /// ValueError for a negative length and OverflowErrors.
  PyResult<std::string> toBytes(std::int64_t length, bool little, bool is_signed) const;
  /// hash(self): modulo 2**61 - 1 with the sign, -1 becomes -2.
  std::int64_t hash() const;
  /// Exact comparison with a float (as CPython's int/float comparisons): -1, 0, 1, or
  /// nullopt when value is NaN (every comparison false except !=).
  std::optional<int> compareWithDouble(double value) const;

  BigInt operator-() const;
  BigInt abs() const;
  /// ~self == -(self + 1).
  BigInt operator~() const;
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  /// Bitwise operations on the infinite two's-complement forms, as Python's.
  friend BigInt operator&(const BigInt& a, const BigInt& b);
  friend BigInt operator|(const BigInt& a, const BigInt& b);
  friend BigInt operator^(const BigInt& a, const BigInt& b);
  /// self * 2**bits (no size check; see lshift() for Python's).
  BigInt operator<<(std::uint64_t bits) const;
  /// floor(self / 2**bits): -1 >> 100 == -1.
  BigInt operator>>(std::uint64_t bits) const;
  friend bool operator==(const BigInt& a, const BigInt& b) = default;
  friend std::strong_ordering operator<=>(const BigInt& a, const BigInt& b);

  /// Floor division and remainder with Python's signs; the divisor must be non-zero (the
  /// Python-level floorDiv/mod/divmod check that).
  static BigDivMod divmodNonZero(const BigInt& a, const BigInt& b);
  /// Truncating division and remainder (C's), divisor non-zero.
  static BigDivMod divmodTruncNonZero(const BigInt& a, const BigInt& b);

 private:
  BigInt(std::int64_t value, int);

  std::vector<Limb> mag_;  // trimmed little-endian magnitude
  bool neg_ = false;       // never true for zero
};

struct BigDivMod {
  BigInt quotient;
  BigInt remainder;
};

// --- Python-level operations, with CPython 3.14's exceptions ---------------------------------

/// a // b, a % b, divmod(a, b); ZeroDivisionError "division by zero".
PyResult<BigInt> floorDiv(const BigInt& a, const BigInt& b);
PyResult<BigInt> mod(const BigInt& a, const BigInt& b);
PyResult<BigDivMod> divmod(const BigInt& a, const BigInt& b);
/// CPython's _PyLong_DivmodNear: the quotient rounded half to even and a - q*b. round(x, n)
/// for n < 0 is x - divmodNear(x, 10**-n).remainder.
PyResult<BigDivMod> divmodNear(const BigInt& a, const BigInt& b);
/// a / b correctly rounded; ZeroDivisionError "division by zero", OverflowError "integer
/// division result too large for a float".
PyResult<double> trueDivide(const BigInt& a, const BigInt& b);
/// base ** exponent for exponent >= 0 (a negative exponent is float pow, the caller's).
/// MemoryError when the result could not be stored.
PyResult<BigInt> pow(const BigInt& base, const BigInt& exponent);
/// pow(base, exponent, modulus): ValueError "pow() 3rd argument cannot be 0", and for a
/// negative exponent the modular inverse or ValueError "base is not invertible for the given
/// modulus". The result takes the modulus's sign, as Python's %.
PyResult<BigInt> powMod(const BigInt& base, const BigInt& exponent, const BigInt& modulus);
/// x << count and x >> count: ValueError "negative shift count"; a left shift whose result
/// could not be stored raises OverflowError "too many digits in integer" (count beyond
/// int64) or MemoryError.
PyResult<BigInt> lshift(const BigInt& x, const BigInt& count);
PyResult<BigInt> rshift(const BigInt& x, const BigInt& count);
/// math.gcd(a, b): non-negative.
BigInt gcd(const BigInt& a, const BigInt& b);
/// math.isqrt(n): ValueError "isqrt() argument must be nonnegative".
PyResult<BigInt> isqrt(const BigInt& n);

/// hash(float): CPython's _Py_HashDouble; nullopt for NaN, whose hash is the object's
/// identity hash (the caller's).
std::optional<std::int64_t> hashDouble(double value);
/// hash(int) for an int64.
std::int64_t hashInt64(std::int64_t value);

/// "invalid literal for int() with base {base}: {repr}" with repr cut to 200 code points, as
/// CPython's "%.200R". `repr` is repr(text) of the original argument (str or bytes), UTF-8.
std::string invalidLiteralMessage(int base, std::string_view repr);
/// The ValueError of int(text) past the limit ("...: value has {digits} digits; ...").
std::string parseDigitLimitMessage(int max_str_digits, std::size_t digits);
/// The ValueError of str(int) past the limit.
std::string strDigitLimitMessage(int max_str_digits);

}  // namespace gbc::native
