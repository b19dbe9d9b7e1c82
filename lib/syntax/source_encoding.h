// Source decoding (PEP 263): a Python file's bytes, as read from disk or given to compile(), to
// the UTF-8 text that parseModule reads.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace gbc::syntax {

/// The text of `bytes` as UTF-8, following a UTF-8 BOM or the `coding` cookie of the first two
/// lines as CPython's tokenizer does. UTF-8 input comes back unchanged (BOM included: parseModule
/// skips it and checks the encoding). Supported cookies: utf-8, latin-1 (iso-8859-1), ascii,
/// iso-8859-15, cp1252, koi8-r and their Python aliases. Errors (code Syntax, "<path>: " prefix):
/// "unknown encoding: X", "encoding problem: X with BOM", and CPython's decode error for a byte
/// the declared codec cannot map.
Result<std::string> decodeSource(const std::string& path, std::string_view bytes);

/// The encoding named by the PEP 263 cookie of `bytes` ("utf-8" without one), as CPython
/// normalises it ("iso-8859-1" for latin-1), or "" when the cookie names no codec gbc knows.
std::string sourceEncoding(std::string_view bytes);

}  // namespace gbc::syntax
