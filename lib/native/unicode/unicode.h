// gbc's Unicode character database: what CPython 3.14's unicodedata and its str methods know of
// each code point (general category, numeric values, the is* predicates, simple and full case
// mappings), read from generated two-level tables (unicode_tables.cpp). Code points above
// U+10FFFF are treated as unassigned, as CPython's lookups do.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gbc::native::unicode {

/// The Unicode version of the tables (CPython 3.14's unicodedata.unidata_version).
std::string_view unicodeVersion();

/// General category, in unicodedata.category's two-letter names (categoryName).
enum class Category : uint8_t {
  Cn,
  Lu,
  Ll,
  Lt,
  Lm,
  Lo,
  Mn,
  Mc,
  Me,
  Nd,
  Nl,
  No,
  Pc,
  Pd,
  Ps,
  Pe,
  Pi,
  Pf,
  Po,
  Sm,
  Sc,
  Sk,
  So,
  Zs,
  Zl,
  Zp,
  Cc,
  Cf,
  Cs,
  Co,
};

/// unicodedata.category(chr(cp)).
Category category(char32_t cp);
/// The two-letter name of a category ("Lu").
std::string_view categoryName(Category category);

// Predicates, each what the str method of the same name says of a one-character string
// (CPython's Py_UNICODE_IS* macros).
bool isAlpha(char32_t cp);
bool isDecimal(char32_t cp);
bool isDigit(char32_t cp);
bool isNumeric(char32_t cp);
/// isalpha or isdecimal or isdigit or isnumeric (Py_UNICODE_ISALNUM).
bool isAlnum(char32_t cp);
bool isLower(char32_t cp);      ///< the Lowercase property (str.islower's test per character)
bool isUpper(char32_t cp);      ///< the Uppercase property
bool isTitle(char32_t cp);      ///< category Lt
bool isSpace(char32_t cp);      ///< Python's whitespace: Zs, or bidirectional class WS, B or S
bool isLinebreak(char32_t cp);  ///< where str.splitlines splits
bool isPrintable(char32_t cp);
bool isXidStart(char32_t cp);
bool isXidContinue(char32_t cp);
bool isCased(char32_t cp);          ///< the Cased property (str.title, final sigma)
bool isCaseIgnorable(char32_t cp);  ///< the Case_Ignorable property (final sigma)

/// unicodedata.decimal(chr(cp), -1): 0..9, or -1.
int decimalValue(char32_t cp);
/// unicodedata.digit(chr(cp), -1): 0..9, or -1.
int digitValue(char32_t cp);
/// unicodedata.numeric(chr(cp)), or nothing when the code point has no numeric value.
std::optional<double> numericValue(char32_t cp);

// Simple case mappings as CPython has them (Py_UNICODE_TOLOWER and friends): for a code point
// with a special casing they give the first character of the full mapping.
char32_t toLower(char32_t cp);
char32_t toUpper(char32_t cp);
char32_t toTitle(char32_t cp);

/// A full case mapping: one to three code points.
struct CaseMapping {
  char32_t chars[3] = {0, 0, 0};
  uint8_t size = 0;
  std::u32string_view view() const { return {chars, size}; }
};

// Full case mappings (SpecialCasing included, its conditional mappings not: the final sigma is
// str.lower's own business, see str_case.h).
CaseMapping lowerFull(char32_t cp);
CaseMapping upperFull(char32_t cp);
CaseMapping titleFull(char32_t cp);
CaseMapping foldFull(char32_t cp);  ///< str.casefold's mapping

}  // namespace gbc::native::unicode
