// The syntax tree as Python's `ast` module sees it: compile(..., PyCF_ONLY_AST) and ast.parse
// build `_ast` node objects (lib/interp/pylib/_ast.py) from gbc's own tree (syntax/ast.h), with
// CPython's fields, positions and expression contexts.
#pragma once

#include <string>

#include "interp/vm.h"
#include "syntax/ast.h"

namespace gbc::interp {

/// A literal of the syntax tree as the Python value it denotes.
Value literalToValue(const syntax::ConstantValue& v);

/// `module` as an `_ast` tree for compile()'s `mode`: Module(body, type_ignores) for "exec",
/// Interactive(body) for "single", Expression(body) for "eval" (a SyntaxError when the source is
/// not one expression).
Value astToPython(VM& vm, const syntax::Module& module, const std::string& mode,
                  const std::string& filename);

}  // namespace gbc::interp
