// BigInt against CPython 3.14: every line of testdata/native/bigint_vectors.txt (written by
// lib/native/tools/gen_bigint_vectors.py) is one operation and CPython's result.
#include "native/bigint.h"

#include "native/test_vectors.h"
#include "native/unicode_digits.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

namespace gbc::native {
namespace {

using test::decodeHex;
using test::VectorLine;

BigInt num(const std::string& token) {
  auto parsed = BigInt::parse(token, 0, 0);
  if (auto* v = std::get_if<BigInt>(&parsed)) return *v;
  FAIL("bad integer token in the vector file: " << token);
  return {};
}

double real(const std::string& token) { return std::strtod(token.c_str(), nullptr); }

std::string hexOf(double d) {
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  // float.hex(): 0x1.<13 hex digits>p+e (subnormals 0x0.<13 digits>p-1022, zero 0x0.0p+0).
  bool negative = std::signbit(d);
  d = std::fabs(d);
  std::string out = negative ? "-" : "";
  if (d == 0) return out + "0x0.0p+0";
  int e = 0;
  double m = std::frexp(d, &e);  // d = m * 2**e, m in [0.5, 1)
  auto mant = static_cast<std::uint64_t>(std::ldexp(m, 53));
  int exp = e - 1;
  char lead = '1';
  if (exp < -1022) {
    mant >>= (-1022 - exp);
    exp = -1022;
    lead = '0';
  }
  std::uint64_t frac = mant & ((std::uint64_t{1} << 52) - 1);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%013llx", static_cast<unsigned long long>(frac));
  std::string f = buf;
  return out + "0x" + lead + "." + f + "p" + (exp >= 0 ? "+" : "") + std::to_string(exp);
}

std::string show(const BigInt& v) { return v.toPrefixedString(16); }

template <typename T, typename F>
std::string showResult(const PyResult<T>& r, F&& fmt) {
  if (!r) return test::errorToken(r.error());
  return fmt(*r);
}

std::string intStr(std::int64_t v) { return std::to_string(v); }

// One vector line -> the results gbc computes, in the file's notation.
std::vector<std::string> evaluate(const VectorLine& line) {
  const auto& a = line.args;
  const std::string& op = line.op;
  if (op == "add") return {show(num(a[0]) + num(a[1]))};
  if (op == "sub") return {show(num(a[0]) - num(a[1]))};
  if (op == "mul") return {show(num(a[0]) * num(a[1]))};
  if (op == "divmod") {
    auto r = divmod(num(a[0]), num(a[1]));
    if (!r) return {test::errorToken(r.error())};
    // Also the separate // and % entry points.
    auto q = floorDiv(num(a[0]), num(a[1]));
    auto m = mod(num(a[0]), num(a[1]));
    if (!q || !m || *q != r->quotient || *m != r->remainder) return {"floorDiv/mod disagree"};
    return {show(r->quotient), show(r->remainder)};
  }
  if (op == "truediv") return {showResult(trueDivide(num(a[0]), num(a[1])), hexOf)};
  if (op == "bitops") {
    BigInt x = num(a[0]);
    BigInt y = num(a[1]);
    return {show(x & y), show(x | y), show(x ^ y)};
  }
  if (op == "cmp") {
    auto c = num(a[0]) <=> num(a[1]);
    return {c < 0 ? "-1" : (c > 0 ? "1" : "0")};
  }
  if (op == "gcd") return {show(gcd(num(a[0]), num(a[1])))};
  if (op == "divmodnear") {
    auto r = divmodNear(num(a[0]), num(a[1]));
    if (!r) return {test::errorToken(r.error())};
    return {show(r->quotient), show(r->remainder)};
  }
  if (op == "round") {
    BigInt x = num(a[0]);
    BigInt scale = *pow(BigInt(10), BigInt(-std::stoll(a[1])));
    return {show(x - divmodNear(x, scale)->remainder)};
  }
  if (op == "neg") {
    BigInt x = num(a[0]);
    return {show(-x), show(~x), show(x.abs())};
  }
  if (op == "bits") {
    BigInt x = num(a[0]);
    return {std::to_string(x.bitLength()), std::to_string(x.bitCount())};
  }
  if (op == "str") {
    BigInt x = num(a[0]);
    std::string s = x.toString(10);
    // The decimal text parses back to the same value (divide-and-conquer both ways).
    auto back = BigInt::parse(s, 10, 0);
    if (!std::holds_alternative<BigInt>(back) || std::get<BigInt>(back) != x) return {"reparse"};
    return {s};
  }
  if (op == "radix") {
    BigInt x = num(a[0]);
    return {x.toPrefixedString(2), x.toPrefixedString(8)};
  }
  if (op == "float") return {showResult(num(a[0]).toDouble(), hexOf)};
  if (op == "hash") return {intStr(num(a[0]).hash())};
  if (op == "int64") {
    BigInt x = num(a[0]);
    if (x.fitsInt64() && BigInt(x.toInt64()) != x) return {"toInt64 wrong"};
    if (x.fitsInt64() && hashInt64(x.toInt64()) != x.hash()) return {"hashInt64 wrong"};
    return {x.fitsInt64() ? "1" : "0"};
  }
  if (op == "isqrt") return {showResult(isqrt(num(a[0])), show)};
  if (op == "shift") {
    BigInt x = num(a[0]);
    BigInt n = num(a[1]);
    auto l = lshift(x, n);
    auto r = rshift(x, n);
    return {showResult(l, show), showResult(r, show)};
  }
  if (op == "tobytes") {
    auto r = num(a[0]).toBytes(std::stoll(a[1]), a[2] == "little", a[3] == "1");
    return {showResult(r, [](const std::string& bytes) { return test::encodeHex(bytes); })};
  }
  if (op == "frombytes") {
    return {show(BigInt::fromBytes(decodeHex(a[0]), a[1] == "little", a[2] == "1"))};
  }
  if (op == "pow") return {showResult(pow(num(a[0]), num(a[1])), show)};
  if (op == "powmod") return {showResult(powMod(num(a[0]), num(a[1]), num(a[2])), show)};
  if (op == "parse") {
    int base = std::stoi(a[1]);
    std::string text = transformDecimalAndSpaceToAscii(decodeHex(a[0]));
    auto r = BigInt::parse(text, base);
    if (auto* v = std::get_if<BigInt>(&r)) return {show(*v)};
    const auto& failure = std::get<IntParseFailure>(r);
    std::string message = failure.kind == IntParseFailure::Kind::ExceedsDigitLimit
                              ? parseDigitLimitMessage(kDefaultMaxStrDigits, failure.digits)
                              : invalidLiteralMessage(base, decodeHex(a[2]));
    return {test::errorToken({PyErrorKind::ValueError, message})};
  }
  if (op == "strlimit") {
    auto r = num(a[0]).toDecimalString();
    return {r ? "ok" : test::errorToken(r.error())};
  }
  if (op == "hashdouble") {
    auto h = hashDouble(real(a[0]));
    return {h ? intStr(*h) : "nan"};
  }
  if (op == "fromdouble") return {show(BigInt::fromDouble(real(a[0])))};
  if (op == "cmpdouble") {
    auto c = num(a[0]).compareWithDouble(real(a[1]));
    return {c ? intStr(*c) : "nan"};
  }
  return {"unknown op " + op};
}

TEST_CASE("BigInt agrees with CPython 3.14 on every generated vector", "[native][bigint]") {
  auto lines = test::readVectors(GBC_NATIVE_TESTDATA "/bigint_vectors.txt");
  REQUIRE(lines.size() > 10000);
  std::map<std::string, int> per_op;
  int failures = 0;
  for (const auto& line : lines) {
    ++per_op[line.op];
    std::vector<std::string> got = evaluate(line);
    if (got == line.expected) continue;
    if (++failures <= 10) {
      std::ostringstream msg;
      msg << "line " << line.number << ": " << line.op;
      for (const auto& arg : line.args) msg << ' ' << arg.substr(0, 80);
      msg << "\n  want:";
      for (const auto& w : line.expected) msg << ' ' << w.substr(0, 200);
      msg << "\n  got: ";
      for (const auto& g : got) msg << ' ' << g.substr(0, 200);
      UNSCOPED_INFO(msg.str());
    }
  }
  CHECK(failures == 0);
  // Every operation of the generator is present, so a generator change cannot drop one.
  for (const char* op :
       {"add",   "sub",      "mul",        "divmod",     "truediv",   "bitops", "cmp",
        "gcd",   "neg",      "bits",       "str",        "radix",     "float",  "hash",
        "int64", "isqrt",    "shift",      "tobytes",    "frombytes", "pow",    "powmod",
        "parse", "strlimit", "hashdouble", "fromdouble", "cmpdouble"}) {
    CHECK(per_op[op] > 0);
  }
}

}  // namespace
}  // namespace gbc::native
