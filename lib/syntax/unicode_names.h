// Unicode character names as `\N{...}` escapes use them (CPython 3.14's unicodedata, Unicode
// 16.0, with the aliases of NameAliases.txt): the table is generated, see unicode_names_data.inc.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gbc::syntax {

/// The code point named `name` (case-insensitive, as CPython's lookup): a character's name, an
/// alias, a Hangul syllable or a name made from a code point (CJK UNIFIED IDEOGRAPH-4E00).
std::optional<uint32_t> lookupUnicodeName(std::string_view name);

}  // namespace gbc::syntax
