// Pass 1 of the symbol tables (CPython's symtable_visit_*), private to symtable*.cpp: walks the
// AST, opens a Scope per function/class/lambda/comprehension/annotation scope and records how
// each name is used. symtable.cpp has statements and expressions; symtable_scopes.cpp the
// annotation scopes (PEP 695 type parameters and aliases, PEP 649 annotations), match
// patterns and the async rules.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "interp/symtable.h"

namespace gbc::interp {

enum class Ctx { Load, Store, Del };

class SymtableBuilder {
 public:
  SymtableBuilder(SymbolTable& st, const SymtableOptions& options) : st_(st), options_(options) {}

  void visitModule(const syntax::Module& m);

 private:
  using Expr = syntax::Expr;
  using Stmt = syntax::Stmt;
  using Span = syntax::Span;

  [[noreturn]] static void fail(const Span& span, std::string msg) {
    throw CompileError{span, std::move(msg)};
  }

  // ---- scopes and definitions (symtable.cpp) ----
  Scope* enter(ScopeKind kind, std::string name, const void* node, const Span& span);
  void leave() {
    in_conditional_block_ = cond_stack_.back();
    cond_stack_.pop_back();
    cur_ = cur_->parent;
  }
  uint32_t lookupFlags(const std::string& name) const;
  void addDef(const std::string& name, uint32_t flag, const Span& span) {
    addDefIn(*cur_, name, flag, span);
  }
  void addDefIn(Scope& scope, const std::string& name, uint32_t flag, const Span& span);

  // ---- statements and expressions (symtable.cpp) ----
  void visitBody(const syntax::StmtList& body);
  /// A body that runs conditionally (CPython 3.14's ste_in_conditional_block).
  void visitConditionalBody(const syntax::StmtList& body);
  void visitExprs(const syntax::ExprList& list, Ctx ctx = Ctx::Load);
  void visitDefaults(const syntax::Parameters& p);
  void visitParams(const syntax::Parameters& p);
  void visitDeclaration(const Stmt& s, bool is_global);
  void visitAlias(const syntax::Alias& a, const Span& stmt_span);
  void visitFunction(const Stmt& s);
  void visitClass(const Stmt& s);
  void visitStmt(const Stmt& s);
  void visitExpr(const Expr& e, Ctx ctx = Ctx::Load);
  void visitName(const Expr& e, Ctx ctx);
  void visitYield(const Expr& e);
  void visitAwait(const Expr& e);
  void visitComprehension(const Expr& e);
  void visitNamedExpr(const Expr& e);
  void extendNamedExprScope(const Expr& target);

  // ---- annotation scopes, patterns, async (symtable_scopes.cpp) ----
  /// `<generic parameters of name>`, keyed by the statement's type_params.
  void enterTypeParamsBlock(const std::string& name, const void* key, const Span& span,
                            bool is_class, bool has_defaults, bool has_kwdefaults);
  void visitTypeParams(const std::vector<syntax::TypeParam>& tps);
  /// A lazily evaluated bound/constraints/default of a type parameter.
  void visitTypeParamExpr(const Expr* e, const std::string& name, const void* key,
                          const char* scope_info, AnnotationKind kind);
  void visitTypeAlias(const Stmt& s);
  /// The annotations of a def's parameters and return (3.14: its own `__annotate__` scope).
  void visitFunctionAnnotations(const Stmt& s);
  void visitAnnAssign(const Stmt& s);
  /// One annotation of a module/class/function body (3.14: the body's `__annotate__` scope).
  void visitAnnotation(const Expr& annotation, const Span& stmt_span);
  void visitPattern(const syntax::Pattern& p);
  /// A SyntaxError when `what` ("yield expression") stands in an annotation scope.
  void checkNotInAnnotationScope(const char* what, const Span& span) const;

  SymbolTable& st_;
  SymtableOptions options_;
  Scope* cur_ = nullptr;
  int comp_iter_expr_ = 0;
  bool comp_iter_target_ = false;
  bool in_conditional_block_ = false;
  std::vector<bool> cond_stack_;  // in_conditional_block_ of the scopes entered
  /// For a Bound/Default scope: "a TypeVar bound" (CPython's ste_scope_info).
  const char* scope_info_ = nullptr;
  /// Annotation scopes built only to check a body's annotations (never compiled): function-local
  /// `x: T` in 3.14 and every annotation under `from __future__ import annotations`.
  std::vector<std::unique_ptr<Scope>> detached_;
};

}  // namespace gbc::interp
