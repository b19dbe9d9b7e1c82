// Pass 1 of the symbol tables: walks the AST, opens a Scope per function/class/lambda/
// comprehension and records how each name is used (CPython's symtable_visit_*): statements and
// expressions (annotation scopes and patterns: symtable_scopes.cpp). Pass 2, the scope
// resolution, is analyzeSymbols (compiler_symtable_analyze.cpp).
#include "interp/symtable.h"

#include <algorithm>
#include <utility>

#include "interp/symtable_builder.h"

namespace gbc::interp {

using syntax::Expr;
using syntax::ExprKind;
using syntax::Span;
using syntax::Stmt;
using syntax::StmtKind;

const Symbol* Scope::lookup(const std::string& name) const {
  auto it = symbols.find(name);
  return it == symbols.end() ? nullptr : &it->second;
}

SymScope Scope::scopeOf(const std::string& name) const {
  const Symbol* s = lookup(name);
  return s ? s->scope : SymScope::Unknown;
}

Scope& SymbolTable::scopeFor(const void* node) const {
  auto it = by_node_.find(node);
  GBC_CHECK(it != by_node_.end(), "no scope recorded for this node");
  return *it->second;
}

std::string mangle(const std::string& private_name, const std::string& name) {
  // CPython's _Py_Mangle: only `__x` (not `__x__`, not dotted) inside a class is mangled.
  if (private_name.empty() || name.size() < 3 || name[0] != '_' || name[1] != '_') return name;
  if (name.size() >= 4 && name[name.size() - 1] == '_' && name[name.size() - 2] == '_') return name;
  if (name.find('.') != std::string::npos) return name;
  size_t strip = private_name.find_first_not_of('_');
  if (strip == std::string::npos) return name;  // class name is all underscores
  return "_" + private_name.substr(strip) + name;
}

std::string formatCompileError(const CompileError& e) {
  return std::to_string(e.span.line) + ":" + std::to_string(e.span.col + 1) + ": " + e.message;
}

void SymtableBuilder::visitModule(const syntax::Module& m) {
  st_.module_ = std::make_unique<Scope>();
  cur_ = st_.module_.get();
  cur_->name = "top";
  for (const auto& s : m.body) visitStmt(*s);
}

Scope* SymtableBuilder::enter(ScopeKind kind, std::string name, const void* node,
                              const Span& span) {
  auto child = std::make_unique<Scope>();
  child->kind = kind;
  child->name = std::move(name);
  child->node = node;
  child->span = span;
  child->parent = cur_;
  child->private_name = cur_->private_name;
  Scope* raw = child.get();
  cur_->children.push_back(std::move(child));
  if (node) st_.by_node_[node] = raw;
  cur_ = raw;
  cond_stack_.push_back(in_conditional_block_);
  in_conditional_block_ = false;
  return raw;
}

uint32_t SymtableBuilder::lookupFlags(const std::string& name) const {
  const Symbol* s = cur_->lookup(mangle(cur_->private_name, name));
  return s ? s->flags : 0;
}

void SymtableBuilder::addDefIn(Scope& scope, const std::string& name, uint32_t flag,
                               const Span& span) {
  std::string mangled = mangle(scope.private_name, name);
  Symbol& sym = scope.symbols[mangled];
  if ((flag & kDefParam) && (sym.flags & kDefParam))
    fail(span, "duplicate argument '" + name + "' in function definition");
  if ((flag & kDefTypeParam) && (sym.flags & kDefTypeParam))
    fail(span, "duplicate type parameter '" + name + "'");
  sym.flags |= flag;
  if (sym.span.line == 0 || (flag & (kDefGlobal | kDefNonlocal))) sym.span = span;
  if (flag & kDefParam) scope.params.push_back(mangled);
  if (comp_iter_target_ && &scope == cur_) {
    if (sym.flags & (kDefGlobal | kDefNonlocal))
      fail(span,
           "comprehension inner loop cannot rebind assignment expression target '" + name + "'");
    sym.flags |= kDefCompIter;
  }
  if ((flag & kDefGlobal) && &scope != st_.module_.get())
    st_.module_->symbols[mangled].flags |= flag;
}

void SymtableBuilder::visitBody(const syntax::StmtList& body) {
  for (const auto& s : body) visitStmt(*s);
}

void SymtableBuilder::visitConditionalBody(const syntax::StmtList& body) {
  bool saved = in_conditional_block_;
  in_conditional_block_ = true;
  visitBody(body);
  in_conditional_block_ = saved;
}

void SymtableBuilder::visitExprs(const syntax::ExprList& list, Ctx ctx) {
  for (const auto& e : list)
    if (e) visitExpr(*e, ctx);
}

void SymtableBuilder::visitDefaults(const syntax::Parameters& p) {
  visitExprs(p.defaults);
  visitExprs(p.kw_defaults);
}

void SymtableBuilder::visitParams(const syntax::Parameters& p) {
  for (const auto& a : p.posonlyargs) addDef(a.name, kDefParam, a.span);
  for (const auto& a : p.args) addDef(a.name, kDefParam, a.span);
  for (const auto& a : p.kwonlyargs) addDef(a.name, kDefParam, a.span);
  if (p.vararg) addDef(p.vararg->name, kDefParam, p.vararg->span);
  if (p.kwarg) addDef(p.kwarg->name, kDefParam, p.kwarg->span);
}

void SymtableBuilder::visitDeclaration(const Stmt& s, bool is_global) {
  const char* what = is_global ? "global" : "nonlocal";
  if (!is_global && cur_->kind == ScopeKind::Module)
    fail(s.span, "nonlocal declaration not allowed at module level");
  for (const std::string& name : s.identifiers) {
    uint32_t f = lookupFlags(name);
    if (f & (kDefParam | kDefLocal | kUse | kDefAnnot)) {
      if (f & kDefParam) fail(s.span, "name '" + name + "' is parameter and " + what);
      if (f & kUse) fail(s.span, "name '" + name + "' is used prior to " + what + " declaration");
      if (f & kDefAnnot) fail(s.span, "annotated name '" + name + "' can't be " + what);
      fail(s.span, "name '" + name + "' is assigned to before " + what + " declaration");
    }
    addDef(name, is_global ? kDefGlobal : kDefNonlocal, s.span);
  }
}

void SymtableBuilder::visitAlias(const syntax::Alias& a, const Span& stmt_span) {
  if (a.name == "*") {
    if (cur_->kind != ScopeKind::Module) fail(stmt_span, "import * only allowed at module level");
    return;
  }
  std::string bound = a.asname ? *a.asname : a.name.substr(0, a.name.find('.'));
  addDef(bound, kDefImport, a.span);
}

void SymtableBuilder::visitFunction(const Stmt& s) {
  addDef(s.name, kDefLocal, s.span);
  visitDefaults(*s.params);
  visitExprs(s.decorators);
  if (!s.type_params.empty()) {
    enterTypeParamsBlock(s.name, &s.type_params, s.span, false, !s.params->defaults.empty(),
                         std::any_of(s.params->kw_defaults.begin(), s.params->kw_defaults.end(),
                                     [](const syntax::ExprPtr& d) { return d != nullptr; }));
    visitTypeParams(s.type_params);
  }
  visitFunctionAnnotations(s);
  Scope* fn = enter(ScopeKind::Function, s.name, &s, s.span);
  fn->is_async = s.is_async;
  if (s.is_async) fn->is_coroutine = true;
  visitParams(*s.params);
  visitBody(s.body);
  leave();
  if (!s.type_params.empty()) leave();
}

void SymtableBuilder::visitClass(const Stmt& s) {
  addDef(s.name, kDefLocal, s.span);
  visitExprs(s.decorators);
  if (!s.type_params.empty()) {
    enterTypeParamsBlock(s.name, &s.type_params, s.span, true, false, false);
    cur_->private_name = s.name;
    visitTypeParams(s.type_params);
  }
  visitExprs(s.bases);
  for (const auto& k : s.keywords) visitExpr(*k.value);
  enter(ScopeKind::Class, s.name, &s, s.span);
  cur_->private_name = s.name;
  if (!s.type_params.empty()) {
    addDef("__type_params__", kDefLocal, s.span);
    addDef(".type_params", kUse, s.span);
  }
  visitBody(s.body);
  leave();
  if (!s.type_params.empty()) leave();
}

void SymtableBuilder::visitStmt(const Stmt& s) {
  switch (s.kind) {
    case StmtKind::Expr:
      visitExpr(*s.value);
      return;
    case StmtKind::Assign:
      visitExpr(*s.value);
      visitExprs(s.targets, Ctx::Store);
      return;
    case StmtKind::AugAssign:
      visitExpr(*s.target, Ctx::Store);
      visitExpr(*s.value);
      return;
    case StmtKind::AnnAssign:
      visitAnnAssign(s);
      return;
    case StmtKind::Return:
      if (s.value) visitExpr(*s.value);
      return;
    case StmtKind::If:
    case StmtKind::While:
      visitExpr(*s.test);
      visitConditionalBody(s.body);
      visitConditionalBody(s.orelse);
      return;
    case StmtKind::For:
      if (s.is_async && !cur_->is_async) fail(s.span, "'async for' outside async function");
      if (s.is_async) cur_->is_coroutine = true;
      visitExpr(*s.target, Ctx::Store);
      visitExpr(*s.iter);
      visitConditionalBody(s.body);
      visitConditionalBody(s.orelse);
      return;
    case StmtKind::Break:
    case StmtKind::Continue:
    case StmtKind::Pass:
      return;
    case StmtKind::Match: {
      visitExpr(*s.value);
      bool saved = in_conditional_block_;
      in_conditional_block_ = true;
      for (const auto& c : s.cases) {
        visitPattern(*c.pattern);
        if (c.guard) visitExpr(*c.guard);
        visitBody(c.body);
      }
      in_conditional_block_ = saved;
      return;
    }
    case StmtKind::TypeAlias:
      visitTypeAlias(s);
      return;
    case StmtKind::FunctionDef:
      visitFunction(s);
      return;
    case StmtKind::ClassDef:
      visitClass(s);
      return;
    case StmtKind::With:
      if (s.is_async && !cur_->is_async) fail(s.span, "'async with' outside async function");
      if (s.is_async) cur_->is_coroutine = true;
      for (const auto& item : s.items) {
        visitExpr(*item.context_expr);
        if (item.optional_vars) visitExpr(*item.optional_vars, Ctx::Store);
      }
      visitConditionalBody(s.body);
      return;
    case StmtKind::Try: {
      bool saved = in_conditional_block_;
      in_conditional_block_ = true;
      visitBody(s.body);
      for (const auto& h : s.handlers) {
        if (h.type) visitExpr(*h.type);
        if (h.name) addDef(*h.name, kDefLocal, h.span);
        visitBody(h.body);
      }
      visitBody(s.orelse);
      visitBody(s.finalbody);
      in_conditional_block_ = saved;
      return;
    }
    case StmtKind::Raise:
      if (s.exc) visitExpr(*s.exc);
      if (s.cause) visitExpr(*s.cause);
      return;
    case StmtKind::Import:
    case StmtKind::ImportFrom:
      for (const auto& a : s.names) visitAlias(a, s.span);
      return;
    case StmtKind::Global:
      visitDeclaration(s, true);
      return;
    case StmtKind::Nonlocal:
      visitDeclaration(s, false);
      return;
    case StmtKind::Assert:
      visitExpr(*s.test);
      if (s.msg) visitExpr(*s.msg);
      return;
    case StmtKind::Delete:
      visitExprs(s.targets, Ctx::Del);
      return;
  }
  GBC_UNREACHABLE("statement kind");
}

void SymtableBuilder::visitExpr(const Expr& e, Ctx ctx) {
  switch (e.kind) {
    case ExprKind::Name:
      visitName(e, ctx);
      return;
    case ExprKind::Constant:
      return;
    case ExprKind::JoinedStr:
    case ExprKind::TemplateStr:
      visitExprs(e.values);
      return;
    case ExprKind::FormattedValue:
    case ExprKind::Interpolation:
      visitExpr(*e.value);
      if (e.format_spec) visitExpr(*e.format_spec);
      return;
    case ExprKind::Attribute:
      visitExpr(*e.value);
      return;
    case ExprKind::Subscript:
      visitExpr(*e.value);
      visitExpr(*e.slice);
      return;
    case ExprKind::Slice:
      if (e.lower) visitExpr(*e.lower);
      if (e.upper) visitExpr(*e.upper);
      if (e.step) visitExpr(*e.step);
      return;
    case ExprKind::Call:
      visitExpr(*e.func);
      visitExprs(e.args);
      for (const auto& k : e.keywords) visitExpr(*k.value);
      return;
    case ExprKind::BinOp:
      visitExpr(*e.left);
      visitExpr(*e.right);
      return;
    case ExprKind::UnaryOp:
      visitExpr(*e.operand);
      return;
    case ExprKind::BoolOp:
      visitExprs(e.values);
      return;
    case ExprKind::Compare:
      visitExpr(*e.left);
      visitExprs(e.comparators);
      return;
    case ExprKind::IfExp:
      visitExpr(*e.test);
      visitExpr(*e.body);
      visitExpr(*e.orelse);
      return;
    case ExprKind::Lambda: {
      visitDefaults(*e.params);
      enter(ScopeKind::Lambda, "lambda", &e, e.span);
      visitParams(*e.params);
      visitExpr(*e.body);
      leave();
      return;
    }
    case ExprKind::Tuple:
    case ExprKind::List:
    case ExprKind::Set:
      visitExprs(e.elts, ctx);
      return;
    case ExprKind::Dict:
      visitExprs(e.keys);
      visitExprs(e.values);
      return;
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::DictComp:
    case ExprKind::GeneratorExp:
      visitComprehension(e);
      return;
    case ExprKind::Starred:
      visitExpr(*e.value, ctx);
      return;
    case ExprKind::NamedExpr:
      visitNamedExpr(e);
      return;
    case ExprKind::Await:
      visitAwait(e);
      return;
    case ExprKind::Yield:
    case ExprKind::YieldFrom:
      visitYield(e);
      return;
  }
  GBC_UNREACHABLE("expression kind");
}

void SymtableBuilder::visitName(const Expr& e, Ctx ctx) {
  addDef(e.id, ctx == Ctx::Load ? kUse : kDefLocal, e.span);
  // CPython: a function that mentions `super` may need the implicit __class__ cell.
  if (ctx == Ctx::Load && cur_->isFunctionLike() && e.id == "super")
    addDef("__class__", kUse, e.span);
}

void SymtableBuilder::visitYield(const Expr& e) {
  checkNotInAnnotationScope("yield expression", e.span);
  if (e.value) visitExpr(*e.value);
  if (!cur_->isFunctionLike()) fail(e.span, "'yield' outside function");
  if (e.kind == ExprKind::YieldFrom && cur_->is_async)
    fail(e.span, "'yield from' inside async function");
  cur_->is_generator = true;
  if (cur_->kind == ScopeKind::Comprehension || cur_->kind == ScopeKind::GenExpr) {
    const char* what = cur_->name == "listcomp"   ? "list comprehension"
                       : cur_->name == "setcomp"  ? "set comprehension"
                       : cur_->name == "dictcomp" ? "dict comprehension"
                                                  : "generator expression";
    fail(e.span, std::string("'yield' inside ") + what);
  }
}

void SymtableBuilder::visitAwait(const Expr& e) {
  checkNotInAnnotationScope("await expression", e.span);
  if (!cur_->isFunctionLike()) fail(e.span, "'await' outside function");
  const bool comprehension =
      cur_->kind == ScopeKind::Comprehension || cur_->kind == ScopeKind::GenExpr;
  if (!cur_->is_async && !comprehension) fail(e.span, "'await' outside async function");
  visitExpr(*e.value);
  cur_->is_coroutine = true;
}

void SymtableBuilder::visitComprehension(const Expr& e) {
  const auto& gens = e.generators;
  GBC_CHECK(!gens.empty(), "comprehension without generators");
  // The outermost iterable is evaluated in the enclosing scope.
  ++comp_iter_expr_;
  visitExpr(*gens[0].iter);
  --comp_iter_expr_;
  const char* name = e.kind == ExprKind::ListComp   ? "listcomp"
                     : e.kind == ExprKind::SetComp  ? "setcomp"
                     : e.kind == ExprKind::DictComp ? "dictcomp"
                                                    : "genexpr";
  bool genexpr = e.kind == ExprKind::GeneratorExp;
  int saved_iter_expr = comp_iter_expr_;
  comp_iter_expr_ = 0;
  Scope* comp = enter(genexpr ? ScopeKind::GenExpr : ScopeKind::Comprehension, name, &e, e.span);
  if (genexpr) addDef(".0", kDefParam, e.span);
  if (gens[0].is_async) comp->is_coroutine = true;
  for (size_t i = 0; i < gens.size(); ++i) {
    if (i > 0) {
      ++comp_iter_expr_;
      visitExpr(*gens[i].iter);
      --comp_iter_expr_;
      if (gens[i].is_async) comp->is_coroutine = true;
    }
    comp_iter_target_ = true;
    visitExpr(*gens[i].target, Ctx::Store);
    comp_iter_target_ = false;
    visitExprs(gens[i].ifs);
  }
  if (e.kind == ExprKind::DictComp) {
    visitExpr(*e.left);
    visitExpr(*e.right);
  } else {
    visitExpr(*e.elt);
  }
  if (genexpr) cur_->is_generator = true;
  leave();
  comp_iter_expr_ = saved_iter_expr;
  // CPython: an async list/set/dict comprehension makes its enclosing scope a coroutine; it
  // needs an async function (or an enclosing comprehension) around it. An async generator
  // expression is an async generator of its own, allowed anywhere.
  if (comp->is_coroutine && !genexpr) {
    const bool in_comprehension =
        cur_->kind == ScopeKind::Comprehension || cur_->kind == ScopeKind::GenExpr;
    if (!cur_->is_async && !in_comprehension)
      fail(e.span, "asynchronous comprehension outside of an asynchronous function");
    cur_->is_coroutine = true;
  }
}

void SymtableBuilder::visitNamedExpr(const Expr& e) {
  checkNotInAnnotationScope("named expression", e.span);
  if (comp_iter_expr_ > 0)
    fail(e.span, "assignment expression cannot be used in a comprehension iterable expression");
  const Expr& target = *e.target;
  if (cur_->kind == ScopeKind::Comprehension || cur_->kind == ScopeKind::GenExpr)
    extendNamedExprScope(target);
  visitExpr(*e.value);
  visitExpr(target, Ctx::Store);
}

// PEP 572: a walrus inside a comprehension binds in the nearest enclosing function or module.
void SymtableBuilder::extendNamedExprScope(const Expr& target) {
  const std::string& name = target.id;
  for (Scope* s = cur_; s; s = s->parent) {
    if (s->kind == ScopeKind::Comprehension || s->kind == ScopeKind::GenExpr) {
      const Symbol* sym = s->lookup(mangle(s->private_name, name));
      if (sym && (sym->flags & kDefCompIter) && (sym->flags & kDefLocal))
        fail(target.span,
             "assignment expression cannot rebind comprehension iteration variable '" + name + "'");
      continue;
    }
    if (s->isAnnotation())
      fail(target.span, "named expression cannot be used within an annotation");
    if (s->isFunctionLike()) {
      uint32_t in_scope = 0;
      if (const Symbol* sym = s->lookup(mangle(s->private_name, name))) in_scope = sym->flags;
      addDef(name, (in_scope & kDefGlobal) ? kDefGlobal : kDefNonlocal, target.span);
      addDefIn(*s, name, kDefLocal, target.span);
      return;
    }
    if (s->kind == ScopeKind::Module) {
      addDef(name, kDefGlobal, target.span);
      addDefIn(*s, name, kDefGlobal, target.span);
      return;
    }
    fail(target.span,
         "assignment expression within a comprehension cannot be used in a class body");
  }
}

Result<std::unique_ptr<SymbolTable>> buildSymbolTable(const syntax::Module& module,
                                                      const SymtableOptions& options) {
  auto st = std::make_unique<SymbolTable>();
  try {
    SymtableBuilder builder(*st, options);
    builder.visitModule(module);
    analyzeSymbols(st->module());
  } catch (const CompileError& e) {
    return Error{ErrorCode::Syntax, formatCompileError(e)};
  }
  return st;
}

}  // namespace gbc::interp
