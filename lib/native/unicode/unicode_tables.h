// The shapes of the generated Unicode tables (unicode_tables.cpp, made by
// lib/native/tools/gen_unicode_tables.py). Private to lib/native/unicode: use unicode.h.
#pragma once

#include <cstdint>

namespace gbc::native::unicode::tables {

/// The properties of a set of code points; one deduplicated record serves many.
struct CharRecord {
  int32_t lower;     ///< CPython's Py_UNICODE_TOLOWER(cp) - cp
  int32_t upper;     ///< Py_UNICODE_TOUPPER(cp) - cp
  int32_t title;     ///< Py_UNICODE_TOTITLE(cp) - cp
  uint16_t flags;    ///< Flag bits (unicode.cpp)
  uint16_t special;  ///< index into kSpecialCases; 0 when every full mapping is the simple one
  uint8_t category;  ///< a Category
  int8_t decimal;    ///< decimal digit value or -1
  int8_t digit;      ///< digit value or -1
  uint8_t numeric;   ///< index into kNumericValues; 0 when the code point has no numeric value
};

/// One full case mapping: kCaseChars[offset .. offset + size).
struct MappedChars {
  uint16_t offset;
  uint16_t size;
};

/// Full lowercase, uppercase, titlecase and case folding of a code point with a special casing
/// (a mapping longer than one character, or a folding other than its lowercase).
struct SpecialCase {
  MappedChars lower, upper, title, fold;
};

/// Record index = kIndex2[(kIndex1[cp >> kShift] << kShift) + (cp & (2^kShift - 1))].
inline constexpr int kShift = 6;
inline constexpr uint32_t kCodePoints = 0x110000;

extern const char kUnicodeVersion[];
extern const CharRecord kRecords[];  ///< kRecords[0]: an unassigned code point
extern const SpecialCase kSpecialCases[];
extern const char32_t kCaseChars[];
extern const double kNumericValues[];
extern const uint16_t kIndex1[kCodePoints >> kShift];
extern const uint16_t kIndex2[];
extern const uint16_t kLatin1[256];  ///< record indices of U+0000..U+00FF, one load each

}  // namespace gbc::native::unicode::tables
