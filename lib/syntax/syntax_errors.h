// The syntax error to report for a tree with ERROR or MISSING nodes. Private to lib/syntax.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>

#include "base/result.h"

namespace gbc::syntax {

/// One error, like CPython's SyntaxError: bracket errors as its tokenizer words them ("unmatched
/// ')'", "'(' was never closed", "closing parenthesis ']' does not match opening parenthesis
/// '('") when they explain the first broken region, else the first ERROR/MISSING node in source
/// order ("unexpected token 'x'", "missing ':'"). "<path>:<line>:<col>: syntax error: ...".
Error describeSyntaxError(const std::string& path, std::string_view source, TSNode root);

}  // namespace gbc::syntax
