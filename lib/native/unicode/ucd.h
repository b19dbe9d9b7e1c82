// What CPython 3.14's unicodedata module answers beyond the str methods (unicode.h):
// bidirectional class, combining class, East Asian width, mirrored, decomposition, and the four
// normalization forms; for today's Unicode (16.0) and, as unicodedata.ucd_3_2_0 does, for
// Unicode 3.2.0 (characters assigned since are unassigned there, and the properties that
// changed have their old values).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "native/unicode/unicode.h"

namespace gbc::native::unicode {

enum class UcdVersion { Current, V3_2_0 };

/// Whether a code point is assigned in Unicode 3.2.0 (always true for Current).
bool assignedIn(char32_t cp, UcdVersion version);

Category categoryIn(char32_t cp, UcdVersion version);
std::string_view bidirectional(char32_t cp, UcdVersion version = UcdVersion::Current);
int combining(char32_t cp, UcdVersion version = UcdVersion::Current);
std::string_view eastAsianWidth(char32_t cp, UcdVersion version = UcdVersion::Current);
bool mirrored(char32_t cp, UcdVersion version = UcdVersion::Current);
/// unicodedata.decomposition: "<compat> 0020 0308", "0041 0300" or "".
std::string decomposition(char32_t cp, UcdVersion version = UcdVersion::Current);
/// unicodedata.decimal / numeric in a version (digit has no 3.2.0 variant in CPython).
int decimalIn(char32_t cp, UcdVersion version);
std::optional<double> numericIn(char32_t cp, UcdVersion version);

enum class NormalForm { NFC, NFD, NFKC, NFKD };
/// unicodedata.normalize.
std::u32string normalize(NormalForm form, std::u32string_view s,
                         UcdVersion version = UcdVersion::Current);

}  // namespace gbc::native::unicode
