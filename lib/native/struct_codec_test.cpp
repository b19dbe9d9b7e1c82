// The struct codec against CPython 3.14 (testdata/native/struct_vectors.txt, written by
// lib/native/tools/gen_struct_vectors.py): calcsize, pack, unpack and the offset checks over a
// table of formats and values, exact messages included.
#include "native/struct_codec.h"

#include "native/test_vectors.h"

#include <catch2/catch.hpp>

#include <bit>
#include <cstring>
#include <map>
#include <sstream>

namespace gbc::native {
namespace {

using test::decodeHex;
using test::encodeHex;

std::string bitsHex(double d) {
  char raw[8];
  std::memcpy(raw, &d, 8);
  return encodeHex(std::string_view(raw, 8));
}

double fromBitsHex(const std::string& hex) {
  std::string raw = decodeHex(hex);
  double d;
  std::memcpy(&d, raw.data(), 8);
  return d;
}

BigInt hexInt(const std::string& text) { return std::get<BigInt>(BigInt::parse(text, 0, 0)); }

StructArg intArg(const BigInt& v) {
  if (v.fitsInt64()) return v.toInt64();
  return v;
}

// The VM's classification of a Python argument (a typed token) for an item's kind.
StructArg classify(const std::string& token, StructCodeKind kind) {
  std::string type = token.substr(0, token.find(':'));
  std::string text = token.substr(token.find(':') + 1);
  auto asInt = [&]() -> std::optional<StructArg> {
    if (type == "i") return intArg(hexInt(text));
    if (type == "t") return std::int64_t{text == "1"};
    return std::nullopt;
  };
  switch (kind) {
    case StructCodeKind::Integer:
      if (auto i = asInt()) return *i;
      return std::monostate{};
    case StructCodeKind::Float:
      if (type == "f") return fromBitsHex(text);
      if (auto i = asInt()) return *i;
      return std::monostate{};
    case StructCodeKind::Complex:
      if (type == "c") {
        auto comma = text.find(',');
        return std::complex<double>(fromBitsHex(text.substr(0, comma)),
                                    fromBitsHex(text.substr(comma + 1)));
      }
      if (type == "f") return fromBitsHex(text);
      if (auto i = asInt()) return *i;
      return std::monostate{};
    case StructCodeKind::Bool:
      if (type == "t") return text == "1";
      if (type == "i") return !hexInt(text).isZero();
      if (type == "f") return fromBitsHex(text) != 0.0;
      if (type == "b" || type == "a" || type == "s") return text != "-";
      if (type == "l") return text != "0";
      return false;  // None
    case StructCodeKind::Char:
    case StructCodeKind::String:
    case StructCodeKind::PascalString:
      if (type == "b" || type == "a") return StructBytes{decodeHex(text), type == "a"};
      return std::monostate{};
    case StructCodeKind::Pad:
      break;
  }
  return std::monostate{};
}

std::string valueToken(const StructValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return "i:" + BigInt(*i).toPrefixedString(16);
  if (const auto* b = std::get_if<BigInt>(&v)) return "i:" + b->toPrefixedString(16);
  if (const auto* d = std::get_if<double>(&v)) return "f:" + bitsHex(*d);
  if (const auto* z = std::get_if<std::complex<double>>(&v)) {
    return "c:" + bitsHex(z->real()) + "," + bitsHex(z->imag());
  }
  if (const auto* t = std::get_if<bool>(&v)) return *t ? "t:1" : "t:0";
  return "b:" + encodeHex(std::get<std::string>(v));
}

template <typename T>
std::string errorOr(const PyResult<T>& r, const std::string& ok) {
  return r ? ok : test::errorToken(r.error());
}

std::vector<std::string> evaluate(const test::VectorLine& line) {
  const auto& a = line.args;
  auto layout = compileStructFormat(decodeHex(a[0]));
  if (line.op == "calcsize") return {errorOr(layout, layout ? std::to_string(layout->size) : "")};
  if (!layout) return {test::errorToken(layout.error())};
  if (line.op == "pack") {
    std::vector<StructArg> args;
    std::vector<StructCodeKind> kinds;
    for (const StructItem& item : layout->items) kinds.insert(kinds.end(), item.repeat, item.kind);
    for (std::size_t i = 1; i < a.size(); ++i) {
      args.push_back(i - 1 < kinds.size() ? classify(a[i], kinds[i - 1]) : StructArg{});
    }
    auto packed = structPack(*layout, args);
    return {errorOr(packed, packed ? encodeHex(*packed) : "")};
  }
  if (line.op == "unpack") {
    auto values = structUnpack(*layout, decodeHex(a[1]));
    if (!values) return {test::errorToken(values.error())};
    std::vector<std::string> out;
    for (const auto& v : *values) out.push_back(valueToken(v));
    if (out.empty()) out.push_back("-");
    return out;
  }
  if (line.op == "packinto" || line.op == "unpackfrom") {
    std::string buffer(std::stoul(a[1]), '\0');
    std::int64_t offset = std::stoll(a[2]);
    if (line.op == "unpackfrom") return {errorOr(structUnpackFrom(*layout, buffer, offset), "ok")};
    std::vector<StructArg> args;
    for (const StructItem& item : layout->items) {
      for (std::size_t k = 0; k < item.repeat; ++k) {
        if (item.kind == StructCodeKind::String) {
          args.emplace_back(StructBytes{"ab", false});
        } else {
          args.emplace_back(std::int64_t{1});
        }
      }
    }
    return {errorOr(structPackInto(*layout, buffer, offset, args), "ok")};
  }
  if (line.op == "packintoargs") {
    std::string buffer(layout->size, '\0');
    std::vector<StructArg> args(std::stoul(a[1]), StructArg{std::int64_t{1}});
    return {errorOr(structPackInto(*layout, buffer, 0, args), "ok")};
  }
  if (line.op == "iterunpack") {
    auto n = structIterUnpackCount(*layout, std::stoul(a[1]));
    return {errorOr(n, n ? std::to_string(*n) : "")};
  }
  return {"unknown op " + line.op};
}

TEST_CASE("struct agrees with CPython 3.14 on every generated vector", "[native][struct]") {
  auto lines = test::readVectors(GBC_NATIVE_TESTDATA "/struct_vectors.txt");
  REQUIRE(lines.size() > 1000);
  std::map<std::string, int> per_op;
  int failures = 0;
  for (const auto& line : lines) {
    ++per_op[line.op];
    auto got = evaluate(line);
    if (got == line.expected) continue;
    if (++failures <= 12) {
      std::ostringstream msg;
      msg << "line " << line.number << ": " << line.op << " '" << decodeHex(line.args[0]) << "'";
      for (std::size_t i = 1; i < line.args.size() && i < 6; ++i) msg << ' ' << line.args[i];
      msg << "\n  want:";
      for (std::size_t i = 0; i < line.expected.size() && i < 6; ++i)
        msg << ' ' << line.expected[i];
      msg << "\n  got: ";
      for (std::size_t i = 0; i < got.size() && i < 6; ++i) msg << ' ' << got[i];
      UNSCOPED_INFO(msg.str());
    }
  }
  CHECK(failures == 0);
  for (const char* op :
       {"calcsize", "pack", "unpack", "packinto", "unpackfrom", "iterunpack", "packintoargs"}) {
    CHECK(per_op[op] > 0);
  }
}

TEST_CASE("A repeat count is kept as a count, not expanded", "[native][struct]") {
  auto layout = compileStructFormat("<1000000000q");
  REQUIRE(layout);
  CHECK(layout->size == 8000000000u);
  CHECK(layout->value_count == 1000000000u);
  CHECK(layout->items.size() == 1);
}

TEST_CASE("pack_into writes at the resolved offset and zeroes pad bytes", "[native][struct]") {
  auto layout = compileStructFormat("<bxh");
  REQUIRE(layout);
  std::string buffer(8, '\x55');
  std::vector<StructArg> args = {std::int64_t{-1}, std::int64_t{0x1234}};
  REQUIRE(structPackInto(*layout, buffer, -4, args));
  CHECK(encodeHex(buffer) == "55555555ff003412");
  auto values = structUnpackFrom(*layout, buffer, 4);
  REQUIRE(values);
  CHECK(std::get<std::int64_t>((*values)[0]) == -1);
  CHECK(std::get<std::int64_t>((*values)[1]) == 0x1234);
}

}  // namespace
}  // namespace gbc::native
