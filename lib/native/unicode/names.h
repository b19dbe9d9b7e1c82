// Unicode character names as CPython 3.14's unicodedata has them (Unicode 16.0): name() of a
// code point, and lookup() of a name, an alias (NameAliases.txt) or, where asked, a named
// sequence; case-insensitive as CPython's lookup. Hangul syllables and the names made of a code
// point (CJK UNIFIED IDEOGRAPH-4E00) are computed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gbc::native::unicode {

/// unicodedata.name(chr(cp)), or "" when the code point has none.
std::string characterName(char32_t cp);
/// The code point a name or an alias stands for (what "\N{...}" accepts). CPython 3.12 matched
/// the computed names (Hangul syllables, CJK UNIFIED IDEOGRAPH-4E00) case-sensitively: pass
/// `fold_computed` false for that.
std::optional<char32_t> lookupName(std::string_view name, bool aliases = true,
                                   bool fold_computed = true);
/// unicodedata.lookup(name): a name, an alias or a named sequence.
std::optional<std::u32string> lookupNameOrSequence(std::string_view name,
                                                   bool fold_computed = true);

}  // namespace gbc::native::unicode
