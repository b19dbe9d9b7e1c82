// Python's str case methods over code points, as CPython 3.14 does them: full mappings, the final
// sigma rule of lower/capitalize/swapcase/title, and the cased-run rules of islower/isupper/
// istitle. Strings are sequences of code points (std::u32string); the VM converts.
#pragma once

#include <string>
#include <string_view>

namespace gbc::native::unicode {

std::u32string strLower(std::u32string_view s);       ///< str.lower
std::u32string strUpper(std::u32string_view s);       ///< str.upper
std::u32string strCasefold(std::u32string_view s);    ///< str.casefold
std::u32string strTitle(std::u32string_view s);       ///< str.title
std::u32string strCapitalize(std::u32string_view s);  ///< str.capitalize
std::u32string strSwapcase(std::u32string_view s);    ///< str.swapcase

bool strIsLower(std::u32string_view s);       ///< str.islower
bool strIsUpper(std::u32string_view s);       ///< str.isupper
bool strIsTitle(std::u32string_view s);       ///< str.istitle
bool strIsIdentifier(std::u32string_view s);  ///< str.isidentifier (keywords included)

}  // namespace gbc::native::unicode
