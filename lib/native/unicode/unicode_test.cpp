// Tests of lib/native/unicode against CPython 3.14's own answers
// (testdata/native/unicode/cases.txt, made by lib/native/tools/gen_unicode_cases.py).
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "native/unicode/str_case.h"
#include "native/unicode/unicode.h"
#include "native/unicode/utf8.h"

namespace u = gbc::native::unicode;

namespace {

std::vector<std::string> readCases() {
  std::ifstream in(GBC_NATIVE_TESTDATA "/unicode/cases.txt");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  return lines;
}

const std::vector<std::string>& cases() {
  static const std::vector<std::string> lines = readCases();
  return lines;
}

std::u32string parseCodePoints(const std::string& field) {
  std::u32string out;
  if (field == "-") return out;
  std::stringstream ss(field);
  std::string part;
  while (std::getline(ss, part, '.')) out += static_cast<char32_t>(std::stoul(part, nullptr, 16));
  return out;
}

std::string hexBytes(const std::string& bytes) {
  if (bytes.empty()) return "-";
  std::string out;
  const char* digits = "0123456789abcdef";
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string parseHexBytes(const std::string& field) {
  std::string out;
  if (field == "-") return out;
  for (size_t i = 0; i + 1 < field.size(); i += 2)
    out += static_cast<char>(std::stoul(field.substr(i, 2), nullptr, 16));
  return out;
}

std::string hexCodePoints(std::u32string_view s) {
  if (s.empty()) return "-";
  std::string out;
  char buf[16];
  for (size_t i = 0; i < s.size(); ++i) {
    std::snprintf(buf, sizeof buf, i ? ".%x" : "%x", static_cast<unsigned>(s[i]));
    out += buf;
  }
  return out;
}

std::string errorText(const u::Utf8Error& e) {
  std::string reason(e.reason);
  for (char& c : reason)
    if (c == ' ') c = '_';
  return "err:" + std::to_string(e.start) + ":" + std::to_string(e.end) + ":" + reason;
}

}  // namespace

TEST_CASE("the tables are CPython 3.14's Unicode version", "[native][unicode]") {
  REQUIRE(!cases().empty());
  std::string version_line;
  for (const auto& line : cases())
    if (line.rfind("V ", 0) == 0) version_line = line.substr(2);
  CHECK(u::unicodeVersion() == version_line);
}

TEST_CASE("code point properties match CPython's for the sample", "[native][unicode]") {
  // PREDICATES order of the generator.
  const std::vector<std::function<bool(char32_t)>> predicates = {
      u::isAlpha,
      u::isDecimal,
      u::isDigit,
      u::isNumeric,
      u::isAlnum,
      u::isLower,
      u::isUpper,
      [](char32_t c) { return u::isTitle(c) || u::isUpper(c); },  // one-character istitle
      u::isSpace,
      u::isPrintable,
      [](char32_t c) { return u::isXidStart(c) || c == U'_'; },  // one-character isidentifier
      u::isLinebreak,
      u::isXidContinue,
      u::isCased,
      u::isCaseIgnorable,
  };
  size_t checked = 0;
  for (const auto& line : cases()) {
    if (line[0] != 'P') continue;
    std::istringstream in(line.substr(2));
    std::string cp_hex, cat, bits, numeric, lower, upper, title, fold;
    int decimal = 0, digit = 0;
    in >> cp_hex >> cat >> bits >> decimal >> digit >> numeric >> lower >> upper >> title >> fold;
    auto cp = static_cast<char32_t>(std::stoul(cp_hex, nullptr, 16));
    INFO("code point U+" << cp_hex);
    CHECK(u::categoryName(u::category(cp)) == cat);
    for (size_t i = 0; i < predicates.size(); ++i) {
      INFO("predicate " << i);
      CHECK(predicates[i](cp) == (bits[i] == '1'));
    }
    CHECK(u::decimalValue(cp) == decimal);
    CHECK(u::digitValue(cp) == digit);
    auto value = u::numericValue(cp);
    if (numeric == "-")
      CHECK(!value.has_value());
    else
      CHECK((value.has_value() && *value == std::stod(numeric)));
    CHECK(hexCodePoints(u::lowerFull(cp).view()) == lower);
    CHECK(hexCodePoints(u::upperFull(cp).view()) == upper);
    CHECK(hexCodePoints(u::titleFull(cp).view()) == title);
    CHECK(hexCodePoints(u::foldFull(cp).view()) == fold);
    // CPython's simple mappings are the first character of the full ones.
    CHECK(u::toLower(cp) == parseCodePoints(lower)[0]);
    CHECK(u::toUpper(cp) == parseCodePoints(upper)[0]);
    CHECK(u::toTitle(cp) == parseCodePoints(title)[0]);
    ++checked;
  }
  CHECK(checked > 10000);
}

TEST_CASE("code points above U+10FFFF are unassigned", "[native][unicode]") {
  CHECK(u::category(0x110000) == u::Category::Cn);
  CHECK(u::toLower(0x110000) == 0x110000);
  CHECK(u::toUpper(0xFFFFFFFF) == 0xFFFFFFFF);
  CHECK(!u::isPrintable(0x200000));
  CHECK(u::lowerFull(0x110000).size == 1);
}

TEST_CASE("str case methods match CPython's", "[native][unicode]") {
  const std::map<std::string, std::function<std::u32string(std::u32string_view)>> mappers = {
      {"lower", u::strLower}, {"upper", u::strUpper},           {"casefold", u::strCasefold},
      {"title", u::strTitle}, {"capitalize", u::strCapitalize}, {"swapcase", u::strSwapcase},
  };
  const std::map<std::string, std::function<bool(std::u32string_view)>> predicates = {
      {"islower", u::strIsLower},
      {"isupper", u::strIsUpper},
      {"istitle", u::strIsTitle},
      {"isidentifier", u::strIsIdentifier},
  };
  size_t checked = 0;
  for (const auto& line : cases()) {
    if (line[0] != 'S') continue;
    std::istringstream in(line.substr(2));
    std::string method, input, output;
    in >> method >> input >> output;
    INFO(method << " of " << input);
    std::u32string s = parseCodePoints(input);
    if (auto m = mappers.find(method); m != mappers.end()) {
      CHECK(hexCodePoints(m->second(s)) == output);
    } else {
      REQUIRE(predicates.count(method) == 1);
      CHECK(predicates.at(method)(s) == (output == "1"));
    }
    ++checked;
  }
  CHECK(checked > 3000);
}

TEST_CASE("UTF-8 decoding reports errors where CPython does", "[native][unicode]") {
  size_t checked = 0;
  for (const auto& line : cases()) {
    if (line[0] != 'D') continue;
    std::istringstream in(line.substr(2));
    std::string bytes, expected;
    in >> bytes >> expected;
    INFO("bytes " << bytes);
    std::u32string out;
    auto error = u::decodeUtf8(parseHexBytes(bytes), out);
    CHECK((error ? errorText(*error) : "ok:" + hexCodePoints(out)) == expected);
    ++checked;
  }
  CHECK(checked > 400);
}

TEST_CASE("UTF-8 encoding refuses surrogates as CPython does", "[native][unicode]") {
  size_t checked = 0;
  for (const auto& line : cases()) {
    if (line[0] != 'E') continue;
    std::istringstream in(line.substr(2));
    std::string text, expected;
    in >> text >> expected;
    INFO("text " << text);
    std::string out;
    auto error = u::encodeUtf8(parseCodePoints(text), out);
    CHECK((error ? errorText(*error) : "ok:" + hexBytes(out)) == expected);
    ++checked;
  }
  CHECK(checked >= 7);
}

TEST_CASE("UTF-8 helpers count and narrow", "[native][unicode]") {
  CHECK(u::countCodePoints("h\xc3\xa9\xe2\x82\xac") == 3);
  CHECK(u::narrowestWidth(U"abc\u00ff") == 1);
  CHECK(u::narrowestWidth(U"a\u0100") == 2);
  CHECK(u::narrowestWidth(U"a\U00010000") == 4);
  std::string s;
  u::appendUtf8(s, 0xD800);  // lone surrogates are representable when asked for explicitly
  CHECK(s == "\xed\xa0\x80");
}
