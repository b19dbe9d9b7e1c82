// What a module declares about itself and what its code objects say: `from __future__` imports
// (CPython's future.c: placement and known features) and CPython's co_flags bits.
#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::StmtKind;

FutureFeatures checkFutureImports(const syntax::Module& module) {
  FutureFeatures out;
  const auto& body = module.body;
  size_t i = 0;
  if (!body.empty() && body[0]->kind == StmtKind::Expr &&
      body[0]->value->kind == syntax::ExprKind::Constant &&
      body[0]->value->constant.kind == syntax::ConstantValue::Kind::Str)
    ++i;  // the docstring
  bool done = false;
  uint32_t prev_line = 0;
  for (; i < body.size(); ++i) {
    const syntax::Stmt& s = *body[i];
    // `import a; from __future__ import b` on one line is caught below; a later line ends the
    // scan (CPython's future_parse).
    if (done && s.span.line > prev_line) break;
    prev_line = s.span.line;
    if (s.kind != StmtKind::ImportFrom || s.module != "__future__" || s.level != 0) {
      done = true;
      continue;
    }
    if (done)
      throw CompileError{s.span, "from __future__ imports must occur at the beginning of the file"};
    for (const syntax::Alias& a : s.names) {
      static constexpr std::string_view kKnown[] = {
          "nested_scopes",  "generators",     "division",         "absolute_import",
          "with_statement", "print_function", "unicode_literals", "barry_as_FLUFL",
          "generator_stop", "annotations"};
      if (a.name == "annotations") out.annotations = true;
      bool known = false;
      for (std::string_view k : kKnown) known = known || a.name == k;
      if (known) continue;
      if (a.name == "braces") throw CompileError{a.span, "not a chance"};
      throw CompileError{a.span, "future feature " + a.name + " is not defined"};
    }
    out.statements.push_back(&s);
  }
  return out;
}

uint32_t cpythonCodeFlags(const CodeObject& code, const Scope& scope, const CompileOptions& o,
                          bool future_annotations, bool has_docstring) {
  uint32_t f = 0;
  if (scope.isFunctionLike()) {
    f |= kCoOptimized | kCoNewLocals;
    for (const Scope* p = scope.parent; p; p = p->parent)
      if (p->isFunctionLike()) f |= kCoNested;
    if (code.flags & kVarargs) f |= kCoVarargs;
    if (code.flags & kVarkw) f |= kCoVarKeywords;
    if (code.flags & kGenerator) f |= kCoGenerator;
    if (code.flags & kCoroutine) f |= kCoCoroutine;
    if (code.flags & kAsyncGenerator) f |= kCoAsyncGenerator;
    if (o.python314) {
      if (has_docstring) f |= kCoHasDocstring;
      if (scope.kind == ScopeKind::Function && scope.parent &&
          scope.parent->kind == ScopeKind::Class)
        f |= kCoMethod;
    }
  }
  if (future_annotations) f |= kCoFutureAnnotations;
  return f;
}

}  // namespace gbc::interp::compiler_detail
