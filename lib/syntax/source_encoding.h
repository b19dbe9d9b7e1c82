// PEP 263 source encodings: the bytes of a Python file as the UTF-8 text CPython's tokenizer
// reads from them (a UTF-8 BOM or a `# -*- coding: NAME -*-` declaration on line 1 or 2).
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace gbc::syntax {

/// `source` as UTF-8 text, without a BOM. A coding declaration naming UTF-8 (or ASCII, a subset)
/// leaves the bytes as they are; Latin-1 and Windows-1252 (and their aliases, as Python's codec
/// registry normalises names) are decoded. Fails, with "<path>:<line>:<col>: " and CPython's
/// words: Syntax "encoding problem: NAME with BOM" for a BOM beside another declaration;
/// Unsupported "unknown encoding: NAME" for a name Python does not know or gbc does not decode.
/// The UTF-8 validity of the result is checked by the parser, not here.
Result<std::string> decodeSource(const std::string& path, std::string_view source);

}  // namespace gbc::syntax
