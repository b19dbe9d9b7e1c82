// Nesting of Python source: a cheap lexical bound on how deep tree-sitter's tree for it can be,
// and the tree's actual depth. checkSyntax (parser.h) uses them to skip lowering for files that
// cannot reach the nesting limits.
#pragma once

#include <cstdint>
#include <string_view>

#include <tree_sitter/api.h>

namespace gbc::syntax {

/// An upper bound on the depth of tree-sitter's tree for `text` (tested against treeDepth on the
/// standard library and the test data): per logical line, 3 per indentation level plus 3 per token
/// that can nest an expression (an operator, `.`, an opening bracket, `not`, `and`, `or`, `lambda`,
/// `if`, `await`, `yield`) plus 16. Comments and string literals are skipped; brackets inside
/// f-string fields are not counted (f-strings are flat in tree-sitter-python 0.23).
uint32_t nestingBound(std::string_view text);

/// The first line (1-based) whose indentation is `max_levels` levels deep or more (CPython's
/// tokenizer allows MAXINDENT - 1 = 99), as CPython's
/// tokenizer counts them (only lines that start a logical line: not inside brackets, strings or
/// after a backslash; blank and comment lines aside; a tab to the next multiple of 8), or 0.
/// tree-sitter gives up on very deep blocks with an unrelated error; this finds the real one.
uint32_t indentOverflowLine(std::string_view text, int max_levels);

/// The depth of the tree under `root` (root alone: 0), or limit + 1 once it is deeper than `limit`.
uint32_t treeDepth(TSNode root, uint32_t limit);

}  // namespace gbc::syntax
