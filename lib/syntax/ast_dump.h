// A readable, line-per-node dump of the typed AST, in the format of tools/cpython_ast_dump.py, so
// that gbc's lowering can be diffed against CPython's ast (tests, tools/gbc_syntax_dump).
#pragma once

#include <string>

#include "syntax/ast.h"

namespace gbc::syntax {

/// "Module" then one line per node: "<Kind> <line>:<col>-<end_line>:<end_col> <attrs>", children
/// under "<field>:" lines, two spaces per level; absent fields and empty lists are left out.
std::string dumpAst(const Module& module);
/// The same for one expression (at depth 0).
std::string dumpExpr(const Expr& expr);

}  // namespace gbc::syntax
