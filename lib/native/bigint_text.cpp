// BigInt <-> text: int(text, base) with CPython's literal rules and digit limit, and str()/bin()/
// oct()/hex(). Power-of-two bases convert bit by bit (linear); other bases divide and conquer
// over powers base**(m * 2**k), so both directions cost O(M(n) log n).
#include "native/bigint.h"

#include "base/check.h"
#include "native/bigint_limbs.h"

#include <algorithm>
#include <bit>

namespace gbc::native {

using detail::Limb;
using detail::Mag;

namespace {

// Below these sizes the quadratic one-limb loops beat the recursion (gbc_bench_native).
constexpr std::size_t kParseLeafDigits = 600;
constexpr std::size_t kPrintLeafLimbs = 40;

bool isPySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// The value of digit c in bases up to 36, or 99 when it is not a digit.
int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

bool isPowerOfTwo(int base) { return (base & (base - 1)) == 0; }

// The largest m with base**m < 2**64, and base**m: one limb holds m digits.
struct Chunk {
  int digits = 0;
  Limb power = 1;
};

Chunk chunkFor(int base) {
  Chunk c;
  auto b = static_cast<Limb>(base);
  while (c.power <= ~Limb{0} / b) {
    c.power *= b;
    ++c.digits;
  }
  return c;
}

// powers[k] = base**(m * 2**k), computed on demand by squaring.
class PowerTable {
 public:
  explicit PowerTable(Chunk chunk) : chunk_(chunk) { powers_.push_back(Mag{chunk.power}); }
  const Mag& at(std::size_t k) {
    while (powers_.size() <= k) powers_.push_back(detail::sqrMag(powers_.back()));
    return powers_[k];
  }
  std::size_t digitsAt(std::size_t k) const { return static_cast<std::size_t>(chunk_.digits) << k; }

 private:
  Chunk chunk_;
  std::vector<Mag> powers_;
};

// Digit values (most significant first) -> magnitude, one limb-sized chunk at a time.
Mag parseLinear(const unsigned char* d, std::size_t len, int base, Chunk chunk) {
  Mag mag;
  std::size_t first = len % static_cast<std::size_t>(chunk.digits);
  if (first == 0) first = static_cast<std::size_t>(chunk.digits);
  std::size_t at = 0;
  while (at < len) {
    std::size_t take = at == 0 ? std::min(first, len) : static_cast<std::size_t>(chunk.digits);
    Limb value = 0;
    Limb scale = 1;
    for (std::size_t i = 0; i < take; ++i) {
      value = value * static_cast<Limb>(base) + d[at + i];
      scale *= static_cast<Limb>(base);
    }
    detail::mulAddSmall(mag, scale, value);
    at += take;
  }
  return mag;
}

Mag parseRecursive(const unsigned char* d, std::size_t len, int base, Chunk chunk,
                   PowerTable& powers) {
  if (len <= kParseLeafDigits) return parseLinear(d, len, base, chunk);
  // Split off the low m * 2**k digits, the largest such block shorter than the whole.
  std::size_t k = 0;
  while (powers.digitsAt(k + 1) < len) ++k;
  std::size_t low_len = powers.digitsAt(k);
  Mag high = parseRecursive(d, len - low_len, base, chunk, powers);
  Mag low = parseRecursive(d + len - low_len, low_len, base, chunk, powers);
  Mag r = detail::mulMag(high, powers.at(k));
  detail::addInPlace(r, low);
  return r;
}

Mag parseBinary(const unsigned char* d, std::size_t len, int base) {
  int bits = std::countr_zero(static_cast<unsigned>(base));
  Mag mag((len * static_cast<std::size_t>(bits) + 63) / 64, 0);
  std::size_t pos = 0;  // bit position of the current (least significant) digit
  for (std::size_t i = len; i-- > 0; pos += static_cast<std::size_t>(bits)) {
    Limb v = d[i];
    mag[pos / 64] |= v << (pos % 64);
    if (pos % 64 + static_cast<std::size_t>(bits) > 64) mag[pos / 64 + 1] |= v >> (64 - pos % 64);
  }
  detail::trim(mag);
  return mag;
}

const char kDigitChars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

// Appends the digits of x (most significant first), zero-padded to `width` when width > 0.
void printLinear(Mag x, int base, Chunk chunk, std::size_t width, std::string& out) {
  std::string rev;
  while (!x.empty()) {
    Limb part = detail::divSmallInPlace(x, chunk.power);
    for (int i = 0; i < chunk.digits; ++i) {
      if (x.empty() && part == 0) break;
      rev.push_back(kDigitChars[part % static_cast<Limb>(base)]);
      part /= static_cast<Limb>(base);
    }
  }
  if (rev.size() < width) rev.append(width - rev.size(), '0');
  out.append(rev.rbegin(), rev.rend());
}

void printRecursive(const Mag& x, int base, Chunk chunk, std::size_t width, PowerTable& powers,
                    std::string& out) {
  if (x.size() <= kPrintLeafLimbs) return printLinear(x, base, chunk, width, out);
  // Divide by the largest tabulated power with about half of x's limbs.
  std::size_t k = 0;
  while (2 * powers.at(k + 1).size() <= x.size() + 1) ++k;
  Mag q, r;
  detail::divmodMag(x, powers.at(k), q, r);
  std::size_t low = powers.digitsAt(k);
  printRecursive(q, base, chunk, width > low ? width - low : 0, powers, out);
  printRecursive(r, base, chunk, low, powers, out);
}

void printBinary(const Mag& x, int base, std::string& out) {
  int bits = std::countr_zero(static_cast<unsigned>(base));
  std::uint64_t total = detail::bitLengthMag(x);
  std::uint64_t ndigits =
      (total + static_cast<std::uint64_t>(bits) - 1) / static_cast<std::uint64_t>(bits);
  Limb mask = (Limb{1} << bits) - 1;
  for (std::uint64_t i = ndigits; i-- > 0;) {
    std::uint64_t pos = i * static_cast<std::uint64_t>(bits);
    Limb v = x[pos / 64] >> (pos % 64);
    if (pos % 64 + static_cast<std::uint64_t>(bits) > 64 && pos / 64 + 1 < x.size()) {
      v |= x[pos / 64 + 1] << (64 - pos % 64);
    }
    out.push_back(kDigitChars[v & mask]);
  }
}

}  // namespace

std::variant<BigInt, IntParseFailure> BigInt::parse(std::string_view text, int base,
                                                    int max_str_digits) {
  GBC_CHECK(base == 0 || (base >= 2 && base <= 36), "int() base out of range");
  const IntParseFailure invalid{IntParseFailure::Kind::InvalidLiteral, 0};
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto at = [&](std::size_t j) { return j < n ? text[j] : '\0'; };
  while (i < n && isPySpace(text[i])) ++i;
  bool negative = false;
  if (at(i) == '+' || at(i) == '-') negative = text[i++] == '-';
  bool error_if_nonzero = false;  // base 0: "0..." is only valid as zero (no C octal)
  if (base == 0) {
    char p = static_cast<char>(at(i + 1) | 0x20);
    if (at(i) != '0') {
      base = 10;
    } else if (p == 'x') {
      base = 16;
    } else if (p == 'o') {
      base = 8;
    } else if (p == 'b') {
      base = 2;
    } else {
      error_if_nonzero = true;
      base = 10;
    }
  }
  if (at(i) == '0') {
    char p = static_cast<char>(at(i + 1) | 0x20);
    if ((base == 16 && p == 'x') || (base == 8 && p == 'o') || (base == 2 && p == 'b')) {
      i += 2;
      if (at(i) == '_') ++i;  // one underscore may follow the prefix
    }
  }
  // Digits and single underscores between them.
  if (at(i) == '_') return invalid;
  std::string digits;
  char prev = 0;
  for (; i < n; ++i) {
    char c = text[i];
    if (c == '_') {
      if (prev == '_') return invalid;
    } else if (digitValue(c) < base) {
      digits.push_back(static_cast<char>(digitValue(c)));
    } else {
      break;
    }
    prev = c;
  }
  if (prev == '_' || digits.empty()) return invalid;
  while (i < n && isPySpace(text[i])) ++i;
  if (i != n) return invalid;
  if (!isPowerOfTwo(base) && max_str_digits > 0 &&
      digits.size() > static_cast<std::size_t>(max_str_digits)) {
    return IntParseFailure{IntParseFailure::Kind::ExceedsDigitLimit, digits.size()};
  }
  const auto* d = reinterpret_cast<const unsigned char*>(digits.data());
  Mag mag;
  if (isPowerOfTwo(base)) {
    mag = parseBinary(d, digits.size(), base);
  } else {
    Chunk chunk = chunkFor(base);
    PowerTable powers(chunk);
    mag = parseRecursive(d, digits.size(), base, chunk, powers);
  }
  if (error_if_nonzero && !mag.empty()) return invalid;
  return fromLimbs(std::move(mag), negative);
}

std::string BigInt::toString(int base) const {
  GBC_CHECK(base >= 2 && base <= 36, "toString base out of range");
  if (mag_.empty()) return "0";
  std::string out;
  if (neg_) out.push_back('-');
  if (isPowerOfTwo(base)) {
    printBinary(mag_, base, out);
  } else {
    Chunk chunk = chunkFor(base);
    PowerTable powers(chunk);
    printRecursive(mag_, base, chunk, 0, powers, out);
  }
  return out;
}

std::string BigInt::toPrefixedString(int base) const {
  const char* prefix = base == 2 ? "0b" : base == 8 ? "0o" : "0x";
  GBC_CHECK(base == 2 || base == 8 || base == 16, "prefixed form needs base 2, 8 or 16");
  std::string digits = abs().toString(base);
  return (neg_ ? "-" : "") + std::string(prefix) + digits;
}

bool BigInt::exceedsStrDigitLimit(int max_str_digits) const {
  if (max_str_digits <= 0) return false;
  // digits(|x|) > limit  <=>  |x| >= 10**limit; the bit length settles it except near the edge.
  const double edge = max_str_digits * 3.321928094887362;  // log2(10)
  auto bits = static_cast<double>(bitLength());
  if (bits < edge - 2) return false;
  if (bits - 1 > edge + 2) return true;
  BigInt power = *native::pow(BigInt(10), BigInt(max_str_digits));
  return abs() >= power;
}

PyResult<std::string> BigInt::toDecimalString(int max_str_digits) const {
  if (exceedsStrDigitLimit(max_str_digits)) {
    return PyError{PyErrorKind::ValueError, strDigitLimitMessage(max_str_digits)};
  }
  return toString(10);
}

std::string invalidLiteralMessage(int base, std::string_view repr) {
  // "%.200R": at most 200 code points of the repr (UTF-8 continuation bytes do not count).
  std::size_t end = 0;
  int points = 0;
  while (end < repr.size()) {
    if ((static_cast<unsigned char>(repr[end]) & 0xc0) != 0x80) {
      if (points == 200) break;
      ++points;
    }
    ++end;
  }
  return "invalid literal for int() with base " + std::to_string(base) + ": " +
         std::string(repr.substr(0, end));
}

std::string parseDigitLimitMessage(int max_str_digits, std::size_t digits) {
  return "Exceeds the limit (" + std::to_string(max_str_digits) +
         " digits) for integer string conversion: value has " + std::to_string(digits) +
         " digits; use sys.set_int_max_str_digits() to increase the limit";
}

std::string strDigitLimitMessage(int max_str_digits) {
  return "Exceeds the limit (" + std::to_string(max_str_digits) +
         " digits) for integer string conversion; use sys.set_int_max_str_digits() to increase "
         "the limit";
}

}  // namespace gbc::native
