// BigInt unit tests beside the CPython vectors: exact messages, the refusal of unstorable
// results, and algebraic identities over random sizes that cross every algorithm threshold
// (Karatsuba, Burnikel-Ziegler, divide-and-conquer text conversion).
#include "native/bigint.h"

#include "native/unicode_digits.h"

#include <catch2/catch.hpp>

#include <random>

namespace gbc::native {
namespace {

BigInt randomBig(std::mt19937_64& rng, std::size_t limbs, bool allow_negative = true) {
  std::vector<BigInt::Limb> mag(limbs);
  for (auto& limb : mag) {
    // Mix dense random limbs with runs of all-ones and zeros, which stress carries and borrows.
    switch (rng() % 4) {
      case 0:
        limb = ~BigInt::Limb{0};
        break;
      case 1:
        limb = 0;
        break;
      default:
        limb = rng();
        break;
    }
  }
  if (limbs > 0) mag.back() |= BigInt::Limb{1} << (rng() % 64);
  return BigInt::fromLimbs(std::move(mag), allow_negative && rng() % 3 == 0);
}

BigInt parsed(std::string_view text, int base = 10) {
  auto r = BigInt::parse(text, base, 0);
  REQUIRE(std::holds_alternative<BigInt>(r));
  return std::get<BigInt>(r);
}

TEST_CASE("BigInt products agree across schoolbook, Karatsuba and squaring", "[native][bigint]") {
  std::mt19937_64 rng(7);
  for (std::size_t n : {1, 2, 39, 40, 41, 63, 64, 65, 100, 130, 257, 600}) {
    for (std::size_t m : {std::size_t{1}, n / 3 + 1, n, n + 7, 2 * n + 1}) {
      BigInt a = randomBig(rng, n);
      BigInt b = randomBig(rng, m);
      BigInt c = randomBig(rng, m / 2 + 1);
      // Distributivity splits the work differently (other sizes, other paths).
      CHECK(a * (b + c) == a * b + a * c);
      CHECK(a * b == b * a);
      BigInt copy = a;
      CHECK(a * a == a * copy);
    }
  }
}

TEST_CASE("BigInt division satisfies a == q*b + r with 0 <= r < |b|", "[native][bigint]") {
  std::mt19937_64 rng(11);
  for (std::size_t bn : {1, 2, 3, 59, 60, 61, 121, 200, 450}) {
    for (std::size_t qn :
         {std::size_t{1}, std::size_t{30}, std::size_t{59}, std::size_t{60}, bn, 2 * bn + 3}) {
      BigInt b = randomBig(rng, bn);
      BigInt q = randomBig(rng, qn);
      BigInt r = randomBig(rng, bn, false);
      while (r >= b.abs()) r = r >> 1;
      // The remainder takes the sign of q*b, so |a| = |q*b| + r and truncation gives q, ±r.
      BigInt signed_r = (q.isNegative() != b.isNegative()) ? -r : r;
      BigInt a = q * b + signed_r;
      BigDivMod d = BigInt::divmodTruncNonZero(a, b);
      CHECK(d.quotient == q);
      CHECK(d.remainder == signed_r);
      BigDivMod f = BigInt::divmodNonZero(a, b);
      CHECK(f.quotient * b + f.remainder == a);
      CHECK((f.remainder.isZero() || f.remainder.isNegative() == b.isNegative()));
      CHECK(f.remainder.abs() < b.abs());
    }
  }
}

TEST_CASE("BigInt text conversion round-trips in every base and size", "[native][bigint]") {
  std::mt19937_64 rng(13);
  for (std::size_t n : {0, 1, 2, 40, 41, 80, 300, 1000, 3000}) {
    BigInt a = randomBig(rng, n);
    for (int base : {2, 3, 7, 8, 10, 16, 36}) {
      std::string text = a.toString(base);
      CHECK(parsed(text, base) == a);
    }
  }
  // Leading zeros inside the recursion: 10**k - 1 and 10**k.
  BigInt p = *pow(BigInt(10), BigInt(20000));
  CHECK(p.toString(10) == "1" + std::string(20000, '0'));
  CHECK((p - BigInt(1)).toString(10) == std::string(20000, '9'));
  CHECK((p + BigInt(1)).toString(10) == "1" + std::string(19999, '0') + "1");
}

TEST_CASE("BigInt parse reports the failure kind the VM turns into ValueError",
          "[native][bigint]") {
  auto kind = [](std::string_view text, int base) {
    auto r = BigInt::parse(text, base);
    return std::get<IntParseFailure>(r).kind;
  };
  CHECK(kind("12a", 10) == IntParseFailure::Kind::InvalidLiteral);
  CHECK(kind(std::string(4301, '1'), 10) == IntParseFailure::Kind::ExceedsDigitLimit);
  CHECK(std::get<IntParseFailure>(BigInt::parse(std::string(5000, '1'), 10)).digits == 5000);
  // Validation comes first, and power-of-two bases have no limit.
  CHECK(kind(std::string(5000, '1') + "x", 10) == IntParseFailure::Kind::InvalidLiteral);
  CHECK(std::holds_alternative<BigInt>(BigInt::parse(std::string(5000, 'f'), 16)));
  CHECK(invalidLiteralMessage(10, "'x'") == "invalid literal for int() with base 10: 'x'");
  CHECK(parseDigitLimitMessage(4300, 5000) ==
        "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; "
        "use sys.set_int_max_str_digits() to increase the limit");
  CHECK(strDigitLimitMessage(4300) ==
        "Exceeds the limit (4300 digits) for integer string conversion; use "
        "sys.set_int_max_str_digits() to increase the limit");
}

TEST_CASE("Unicode digits and spaces map to ASCII as CPython's int() sees them",
          "[native][bigint]") {
  CHECK(transformDecimalAndSpaceToAscii("\u0663\u0664") == "34");
  CHECK(transformDecimalAndSpaceToAscii("\u3000\xc2\xa0"
                                        "7") == "  7");
  CHECK(transformDecimalAndSpaceToAscii("1\u00b2x") == "1?");
  CHECK(transformDecimalAndSpaceToAscii("\x1c") == "\x1c");
  CHECK(transformDecimalAndSpaceToAscii("\xff") == "?");
  CHECK(unicodeDecimalValue(U'\U0001D7D7') == 9);
  CHECK(unicodeDecimalValue(U'a') == -1);
}

TEST_CASE("BigInt refuses results it could not store instead of attempting them",
          "[native][bigint]") {
  auto huge = BigInt(1) << 70;
  auto p = pow(BigInt(3), huge);
  REQUIRE(!p);
  CHECK(p.error().kind == PyErrorKind::MemoryError);
  CHECK(pow(BigInt(-1), huge).value() == BigInt(1));
  CHECK(pow(BigInt(0), huge).value() == BigInt(0));
  auto s = lshift(BigInt(1), huge);
  REQUIRE(!s);
  CHECK(s.error().kind == PyErrorKind::OverflowError);
  CHECK(s.error().message == "too many digits in integer");
  CHECK(lshift(BigInt(0), huge).value() == BigInt(0));
  CHECK(lshift(BigInt(1), BigInt(1) << 62).error().kind == PyErrorKind::MemoryError);
  CHECK(rshift(BigInt(-5), huge).value() == BigInt(-1));
  CHECK(lshift(BigInt(1), BigInt(-1)).error().message == "negative shift count");
}

TEST_CASE("BigInt converts int64 and uint64 exactly at their edges", "[native][bigint]") {
  BigInt min = BigInt(INT64_MIN);
  CHECK(min.fitsInt64());
  CHECK(min.toInt64() == INT64_MIN);
  CHECK(!(min - BigInt(1)).fitsInt64());
  CHECK(BigInt::fromUint64(UINT64_MAX).fitsUint64());
  CHECK(!BigInt::fromUint64(UINT64_MAX).fitsInt64());
  CHECK(BigInt::fromUint64(UINT64_MAX).toString(10) == "18446744073709551615");
  CHECK(min.toString(16) == "-8000000000000000");
  CHECK(hashInt64(-1) == -2);
  CHECK(hashInt64(INT64_MIN) == BigInt(INT64_MIN).hash());
}

}  // namespace
}  // namespace gbc::native
