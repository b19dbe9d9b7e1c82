// The front end's entry point: Python source text in, typed AST (ast.h) out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "syntax/ast.h"

namespace gbc::syntax {

/// Parses `source`, the text of the file at `path` (used in messages only), and lowers the whole
/// tree to the typed AST with CPython's spans. A UTF-8 BOM is skipped (spans then count from after
/// it, as CPython's do). Failures, all with "<path>:<line>:<col>: " and 1-based line and column:
/// - Encoding: "invalid UTF-8 byte 0x..", "source contains a NUL byte (binary file?)";
/// - Syntax: "syntax error: <what>" for the first ERROR/MISSING node in source order and for what
///   CPython's parser rejects but tree-sitter accepts (Python 2 print, misplaced arguments...);
///   "too deeply nested expression (gbc limit 200)": the AST never nests expressions deeper, so
///   consumers may recurse over it;
/// - Unsupported: constructs gbc does not model (type aliases, type parameter lists, \N{} escapes);
/// - a source larger than 4 GiB (tree-sitter's offsets are 32-bit).
/// Thread-safe: each thread has its own parser.
Result<Module> parseModule(const std::string& path, std::string_view source);

/// The Encoding and Syntax errors parseModule would report for `source`, without building the AST
/// (for files gbc checks but does not execute). Unsupported constructs are not errors here.
std::optional<Error> checkSyntax(const std::string& path, std::string_view source);

/// tree-sitter's S-expression of `source` (developer tool: tools/gbc_syntax_dump --cst).
std::string dumpCst(std::string_view source);

}  // namespace gbc::syntax
