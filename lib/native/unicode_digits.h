// CPython's _PyUnicode_TransformDecimalAndSpaceToASCII for int(str), float(str) and friends:
// Unicode decimal digits (category Nd) become '0'..'9', Unicode whitespace becomes ' ', and the
// text stops at the first other non-ASCII character, which becomes '?' (so parsing fails).
#pragma once

#include <string>
#include <string_view>

namespace gbc::native {

/// The ASCII text CPython parses for the UTF-8 `text` of a str (tables of Unicode 16.0, the
/// version of CPython 3.14's unicodedata).
std::string transformDecimalAndSpaceToAscii(std::string_view text);

/// The decimal value of code point cp (0..9), or -1 (unicodedata.decimal).
int unicodeDecimalValue(char32_t cp);

/// str.isspace() for one code point.
bool isUnicodeSpace(char32_t cp);

}  // namespace gbc::native
