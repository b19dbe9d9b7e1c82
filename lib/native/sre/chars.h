// Character classes and case folding as CPython's _sre sees them: the ASCII ones (str patterns
// with re.ASCII, bytes patterns), the locale ones (bytes patterns with re.LOCALE) and the Unicode
// ones, plus the helpers _sre exports to re._compiler.
//
// Locale: CPython asks the C library (isalnum, tolower, toupper of the current LC_CTYPE) about
// bytes. gbc answers as the C and UTF-8 locales do, where only ASCII letters and digits are
// alphanumeric and bytes 128..255 have no case: a single-byte locale such as Latin-1 would
// answer differently for those bytes.
#pragma once

#include <cstdint>

#include "native/sre/constants.h"
#include "native/unicode/unicode.h"

namespace gbc::native::sre {

inline bool isAsciiDigit(uint32_t ch) { return ch - '0' < 10; }
/// Py_ISSPACE below 128: space, \t, \n, \v, \f, \r.
inline bool isAsciiSpace(uint32_t ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }
inline bool isAsciiAlpha(uint32_t ch) { return (ch | 0x20) - 'a' < 26; }
inline bool isAsciiWord(uint32_t ch) { return isAsciiAlpha(ch) || isAsciiDigit(ch) || ch == '_'; }
inline bool isLinebreak(uint32_t ch) { return ch == '\n'; }

inline uint32_t lowerAscii(uint32_t ch) { return isAsciiAlpha(ch) ? (ch | 0x20) : ch; }

// The C/UTF-8 locale's answers for a byte (see the file comment); above 255 there is no class and
// no case, as in CPython.
inline bool isLocaleWord(uint32_t ch) { return ch < 128 && isAsciiWord(ch); }
inline uint32_t lowerLocale(uint32_t ch) { return lowerAscii(ch); }
inline uint32_t upperLocale(uint32_t ch) { return isAsciiAlpha(ch) ? (ch & ~0x20u) : ch; }

// Unicode classes: ASCII answered inline, the rest by the character database.
inline bool isUnicodeDigit(uint32_t ch) {
  return ch < 128 ? isAsciiDigit(ch) : unicode::isDecimal(ch);
}
inline bool isUnicodeSpace(uint32_t ch) { return unicode::isSpace(ch); }
inline bool isUnicodeLinebreak(uint32_t ch) { return unicode::isLinebreak(ch); }
inline bool isUnicodeWord(uint32_t ch) { return ch < 128 ? isAsciiWord(ch) : unicode::isAlnum(ch); }
inline uint32_t lowerUnicode(uint32_t ch) {
  return ch < 128 ? lowerAscii(ch) : static_cast<uint32_t>(unicode::toLower(ch));
}
inline uint32_t upperUnicode(uint32_t ch) { return unicode::toUpper(ch); }

/// Whether `ch` is in a CATEGORY_* class; an unknown category matches nothing.
bool inCategory(Code category, uint32_t ch);

/// LITERAL_LOC_IGNORE's test: `ch` equals `pattern_char` or one of its locale cases does.
inline bool equalsLocaleIgnoringCase(Code pattern_char, uint32_t ch) {
  return ch == pattern_char || lowerLocale(ch) == pattern_char || upperLocale(ch) == pattern_char;
}

// The helpers _sre exports to re._compiler, taking and returning a C int as CPython's do.
int getCodeSize();            ///< _sre.getcodesize()
bool asciiIsCased(int ch);    ///< _sre.ascii_iscased
bool unicodeIsCased(int ch);  ///< _sre.unicode_iscased
int asciiToLower(int ch);     ///< _sre.ascii_tolower
int unicodeToLower(int ch);   ///< _sre.unicode_tolower

}  // namespace gbc::native::sre
