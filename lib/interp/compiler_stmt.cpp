// Statements without control flow of their own: definitions (def, class, lambda), assignments,
// deletion, imports. Control flow (if/while/for/try/with/return/...) is in compiler_block.cpp.
#include <algorithm>
#include <vector>

#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::ExprKind;
using syntax::StmtKind;

static const Expr* docstringOf(const syntax::StmtList& body) {
  if (body.empty()) return nullptr;
  const Stmt& first = *body.front();
  if (first.kind != StmtKind::Expr || first.value->kind != ExprKind::Constant) return nullptr;
  if (first.value->constant.kind != syntax::ConstantValue::Kind::Str) return nullptr;
  return first.value.get();
}

// CPython's find_ann: an annotated simple name anywhere in the body, not inside nested scopes.
static bool hasAnnotations(const syntax::StmtList& body) {
  for (const auto& s : body) {
    switch (s->kind) {
      case StmtKind::AnnAssign:
        if (s->target->kind == ExprKind::Name) return true;
        break;
      case StmtKind::If:
      case StmtKind::While:
      case StmtKind::For:
        if (hasAnnotations(s->body) || hasAnnotations(s->orelse)) return true;
        break;
      case StmtKind::With:
        if (hasAnnotations(s->body)) return true;
        break;
      case StmtKind::Try:
        if (hasAnnotations(s->body) || hasAnnotations(s->orelse) || hasAnnotations(s->finalbody))
          return true;
        for (const auto& h : s->handlers)
          if (hasAnnotations(h.body)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

// CPython 3.13+'s _PyCompile_CleanDoc: expand tabs, drop the first line's leading spaces and
// the common indentation of the following lines.
static std::string cleanDoc(const std::string& raw) {
  std::string doc;
  size_t column = 0;
  for (char ch : raw) {
    if (ch == '\t') {
      size_t spaces = 8 - column % 8;
      doc.append(spaces, ' ');
      column += spaces;
      continue;
    }
    doc += ch;
    column = (ch == '\n' || ch == '\r') ? 0 : column + 1;
  }
  size_t p = doc.find('\n');
  p = p == std::string::npos ? doc.size() : p + 1;
  size_t margin = std::string::npos;
  while (p < doc.size()) {
    size_t s = p;
    while (p < doc.size() && doc[p] == ' ') ++p;
    if (p < doc.size() && doc[p] != '\n') margin = std::min(margin, p - s);
    size_t nl = doc.find('\n', p);
    p = nl == std::string::npos ? doc.size() : nl + 1;
  }
  if (margin == std::string::npos) margin = 0;
  std::string out;
  p = doc.find_first_not_of(' ');
  if (p == std::string::npos) p = doc.size();
  size_t nl = doc.find('\n', p);
  size_t end = nl == std::string::npos ? doc.size() : nl + 1;
  out.append(doc, p, end - p);
  p = end;
  while (p < doc.size()) {
    for (size_t i = 0; i < margin && p < doc.size() && doc[p] == ' '; ++i) ++p;
    nl = doc.find('\n', p);
    end = nl == std::string::npos ? doc.size() : nl + 1;
    out.append(doc, p, end - p);
    p = end;
  }
  return out;
}

static syntax::ConstantValue docConstant(const Expr& doc) {
  syntax::ConstantValue v = doc.constant;
  v.str = cleanDoc(v.str);
  return v;
}

// The annotated simple names of a module or class body, in source order (CPython's
// deferred annotations of 3.14; nested scopes excluded).
static void collectAnnotations(const syntax::StmtList& body, std::vector<const Stmt*>& out) {
  for (const auto& s : body) {
    switch (s->kind) {
      case StmtKind::AnnAssign:
        if (s->simple && s->target->kind == ExprKind::Name) out.push_back(s.get());
        break;
      case StmtKind::If:
      case StmtKind::While:
      case StmtKind::For:
        collectAnnotations(s->body, out);
        collectAnnotations(s->orelse, out);
        break;
      case StmtKind::With:
        collectAnnotations(s->body, out);
        break;
      case StmtKind::Try:
        collectAnnotations(s->body, out);
        for (const auto& h : s->handlers) collectAnnotations(h.body, out);
        collectAnnotations(s->orelse, out);
        collectAnnotations(s->finalbody, out);
        break;
      case StmtKind::Match:
        for (const auto& c : s->cases) collectAnnotations(c.body, out);
        break;
      default:
        break;
    }
  }
}

void Compiler::compileBody(const syntax::StmtList& body, bool module_or_class) {
  size_t start = 0;
  const bool deferred = options_.deferred_annotations && !future_annotations_;
  bool deferred_here = false;
  if (module_or_class) {
    if (deferred) {
      std::vector<const Stmt*> anns;
      collectAnnotations(body, anns);
      if (!anns.empty()) {
        deferred_here = true;
        const bool conditional = u_->scope->has_conditional_annotations;
        std::vector<DeferredAnnotation> list;
        for (const Stmt* a : anns)
          list.push_back({a, conditional ? static_cast<int>(list.size()) : -1});
        deferred_.push_back(std::move(list));
        if (u_->scope->kind == ScopeKind::Module) {
          // The module's __annotate__ comes first, then the set of annotations executed.
          compileDeferredAnnotations(body.front()->span);
          nameOp("__annotate__", NameCtx::Store, body.front()->span);
          emit(Op::BUILD_SET, 0, body.front()->span);
          nameOp("__conditional_annotations__", NameCtx::Store, body.front()->span);
        }
      }
    } else if (hasAnnotations(body)) {
      emit(Op::SETUP_ANNOTATIONS, 1, body.front()->span);
    }
    if (const Expr* doc = docstringOf(body)) {
      loadConst(docConstant(*doc), body.front()->span);
      nameOp("__doc__", NameCtx::Store, body.front()->span);
      start = 1;
    }
  } else if (docstringOf(body)) {
    start = 1;  // already consts[0]
  }
  for (size_t i = start; i < body.size(); ++i) {
    compileStmt(*body[i]);
    if (isTerminator(*body[i])) break;
  }
  if (deferred_here) {
    if (u_->scope->kind == ScopeKind::Class) {
      const Span& end = body.back()->span;
      compileDeferredAnnotations(end);
      nameOp("__annotate_func__", NameCtx::Store, end);
    }
    deferred_.pop_back();
  }
}

// Statements after one that never falls through are unreachable: CPython drops them too.
bool isTerminator(const Stmt& s) {
  switch (s.kind) {
    case StmtKind::Return:
    case StmtKind::Raise:
    case StmtKind::Break:
    case StmtKind::Continue:
      return true;
    default:
      return false;
  }
}

void Compiler::compileStmts(const syntax::StmtList& body) {
  for (const auto& s : body) {
    compileStmt(*s);
    if (isTerminator(*s)) break;
  }
}

void Compiler::emitImplicitReturn(const syntax::StmtList& body, const Span& fallback) {
  if (!body.empty() &&
      (body.back()->kind == StmtKind::Return || body.back()->kind == StmtKind::Raise))
    return;
  Span pos = body.empty() ? fallback : body.back()->span;
  loadNone(pos);
  emit(Op::RETURN_VALUE, 0, pos);
}

int32_t Compiler::compileDefaults(const syntax::Parameters& p, const Span& pos) {
  int32_t flags = 0;
  if (!p.defaults.empty()) {
    Constant t;
    t.kind = Constant::Kind::Tuple;
    bool all_const = true;
    for (const auto& d : p.defaults) {
      Constant c;
      if (!foldConstant(*d, c)) {
        all_const = false;
        break;
      }
      t.tuple.push_back(std::move(c));
    }
    if (all_const) {
      emit(Op::LOAD_CONST, addConst(t), pos);
    } else {
      for (const auto& d : p.defaults) compileExpr(*d);
      emit(Op::BUILD_TUPLE, static_cast<int32_t>(p.defaults.size()), pos);
    }
    flags |= kHasDefaults;
  }
  int n = 0;
  for (size_t i = 0; i < p.kwonlyargs.size(); ++i) {
    if (i >= p.kw_defaults.size() || !p.kw_defaults[i]) continue;
    syntax::ConstantValue name;
    name.kind = syntax::ConstantValue::Kind::Str;
    name.str = mangled(p.kwonlyargs[i].name);
    loadConst(name, pos);
    compileExpr(*p.kw_defaults[i]);
    ++n;
  }
  if (n > 0) {
    emit(Op::BUILD_MAP, n, pos);
    flags |= kHasKwDefaults;
  }
  return flags;
}

void Compiler::setArgCounts(const syntax::Parameters& p) {
  CodeObject& code = *u_->code;
  code.posonlyargcount = static_cast<int>(p.posonlyargs.size());
  code.argcount = static_cast<int>(p.posonlyargs.size() + p.args.size());
  code.kwonlyargcount = static_cast<int>(p.kwonlyargs.size());
  if (p.vararg) code.flags |= kVarargs;
  if (p.kwarg) code.flags |= kVarkw;
}

void Compiler::compileFunctionDef(const Stmt& s) {
  for (const auto& d : s.decorators) compileExpr(*d);
  if (!s.type_params.empty()) {
    compileGenericFunction(s);
  } else {
    compileFunctionObject(s, false);
  }
  for (auto it = s.decorators.rbegin(); it != s.decorators.rend(); ++it)
    emit(Op::CALL, 1, (*it)->span);
  nameOp(s.name, NameCtx::Store, s.span);
}

void Compiler::compileFunctionObject(const Stmt& s, bool in_type_params) {
  uint32_t firstlineno = s.span.line;
  for (const auto& d : s.decorators) firstlineno = std::min(firstlineno, d->span.line);
  int32_t flags = 0;
  if (in_type_params) {
    // A generic def's defaults were evaluated outside and passed in (CPython's .defaults).
    if (!s.params->defaults.empty()) {
      nameOp(".defaults", NameCtx::Load, s.span);
      flags |= kHasDefaults;
    }
    for (const auto& d : s.params->kw_defaults) {
      if (!d) continue;
      nameOp(".kwdefaults", NameCtx::Load, s.span);
      flags |= kHasKwDefaults;
      break;
    }
  } else {
    flags = compileDefaults(*s.params, s.span);
  }
  std::string qualname = qualnameFor(s.name, true);
  enterUnit(st_.scopeFor(&s), s.name, firstlineno);
  u_->code->def_line = s.span.line;
  u_->code->qualname = qualname;
  setArgCounts(*s.params);
  // consts[0]: the docstring or None (CPython 3.12: MAKE_FUNCTION reads __doc__ from there).
  Constant first;
  if (const Expr* doc = docstringOf(s.body)) {
    first.value = docConstant(*doc);
    u_->has_docstring = true;
  }
  addConst(first);
  compileBody(s.body, false);
  emitImplicitReturn(s.body, s.span);
  std::shared_ptr<CodeObject> code = leaveUnit();
  makeClosure(code, flags, s.span);
  compileFunctionAnnotations(s);
}

void Compiler::compileLambda(const Expr& e) {
  int32_t flags = compileDefaults(*e.params, e.span);
  std::string qualname = qualnameFor("<lambda>", false);
  enterUnit(st_.scopeFor(&e), "<lambda>", e.span.line);
  u_->code->qualname = qualname;
  u_->code->flags |= kLambda;
  setArgCounts(*e.params);
  addConst(Constant{});  // consts[0] = None: a lambda has no docstring
  compileExpr(*e.body);
  if (u_->code->flags & kGenerator) {
    emit(Op::POP_TOP, 0, e.body->span);
    loadNone(e.body->span);
  }
  emit(Op::RETURN_VALUE, 0, e.body->span);
  std::shared_ptr<CodeObject> code = leaveUnit();
  makeClosure(code, flags, e.span);
}

void Compiler::compileClassDef(const Stmt& s) {
  for (const auto& d : s.decorators) compileExpr(*d);
  if (!s.type_params.empty()) {
    compileGenericClass(s);
  } else {
    compileClassObject(s, false);
  }
  for (auto it = s.decorators.rbegin(); it != s.decorators.rend(); ++it)
    emit(Op::CALL, 1, (*it)->span);
  nameOp(s.name, NameCtx::Store, s.span);
}

void Compiler::compileClassObject(const Stmt& s, bool generic) {
  uint32_t firstlineno = s.span.line;
  for (const auto& d : s.decorators) firstlineno = std::min(firstlineno, d->span.line);
  emit(Op::LOAD_BUILD_CLASS, 0, s.span);
  std::string qualname = qualnameFor(s.name, true);
  Scope& scope = st_.scopeFor(&s);
  enterUnit(scope, s.name, firstlineno);
  u_->code->def_line = s.span.line;
  u_->code->qualname = qualname;
  u_->code->flags |= kClassBody;
  nameOp("__name__", NameCtx::Load, s.span);
  nameOp("__module__", NameCtx::Store, s.span);
  syntax::ConstantValue q;
  q.kind = syntax::ConstantValue::Kind::Str;
  q.str = qualname;
  loadConst(q, s.span);
  nameOp("__qualname__", NameCtx::Store, s.span);
  if (generic) {
    nameOp(".type_params", NameCtx::Load, s.span);
    nameOp("__type_params__", NameCtx::Store, s.span);
  }
  if (scope.needs_classdict) {
    // The class namespace, for the annotation scopes that look names up in it first.
    emit(Op::LOAD_LOCALS, 0, s.span);
    emit(Op::STORE_DEREF, u_->cell_index.at("__classdict__"), s.span);
  }
  if (scope.has_conditional_annotations) {
    emit(Op::BUILD_SET, 0, s.span);
    emit(Op::STORE_DEREF, u_->cell_index.at("__conditional_annotations__"), s.span);
  }
  compileBody(s.body, true);
  Span end = s.body.empty() ? s.span : s.body.back()->span;
  loadNone(end);
  emit(Op::RETURN_VALUE, 0, end);
  std::shared_ptr<CodeObject> code = leaveUnit();
  makeClosure(code, 0, s.span);
  syntax::ConstantValue name;
  name.kind = syntax::ConstantValue::Kind::Str;
  name.str = s.name;
  loadConst(name, s.span);
  std::vector<const Expr*> bases;
  for (const auto& b : s.bases) bases.push_back(b.get());
  syntax::Expr generic_base(ExprKind::Name, s.span);
  generic_base.id = ".generic_base";
  if (generic) bases.push_back(&generic_base);
  compileCallArgs(2, bases, s.keywords, s.span);
}

void Compiler::compileAssign(const Stmt& s) {
  compileExpr(*s.value);
  for (size_t i = 0; i < s.targets.size(); ++i) {
    if (i + 1 < s.targets.size()) emit(Op::COPY, 1, s.span);
    compileStore(*s.targets[i]);
  }
}

void Compiler::compileAugAssign(const Stmt& s) {
  const Expr& t = *s.target;
  const std::string attr = t.kind == ExprKind::Attribute ? mangled(t.id) : std::string();
  switch (t.kind) {
    case ExprKind::Attribute:
      compileExpr(*t.value);
      emit(Op::COPY, 1, t.span);
      emit(Op::LOAD_ATTR, addName(attr), t.span);
      break;
    case ExprKind::Subscript:
      compileExpr(*t.value);
      compileExpr(*t.slice);
      emit(Op::COPY, 2, t.span);
      emit(Op::COPY, 2, t.span);
      emit(Op::BINARY_SUBSCR, 0, t.span);
      break;
    case ExprKind::Name:
      nameOp(t.id, NameCtx::Load, t.span);
      break;
    default:
      error(t.span, "illegal expression for augmented assignment");
  }
  compileExpr(*s.value);
  emit(Op::BINARY_OP, binaryOpArg(s.op, true), s.span);
  switch (t.kind) {
    case ExprKind::Attribute:
      emit(Op::SWAP, 2, t.span);
      emit(Op::STORE_ATTR, addName(attr), t.span);
      break;
    case ExprKind::Subscript:
      emit(Op::SWAP, 3, t.span);
      emit(Op::SWAP, 2, t.span);
      emit(Op::STORE_SUBSCR, 0, t.span);
      break;
    default:
      nameOp(t.id, NameCtx::Store, t.span);
      break;
  }
}

void Compiler::compileDelete(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Name:
      nameOp(e.id, NameCtx::Del, e.span);
      return;
    case ExprKind::Attribute:
      compileExpr(*e.value);
      emit(Op::DELETE_ATTR, addName(mangled(e.id)), e.span);
      return;
    case ExprKind::Subscript:
      compileExpr(*e.value);
      compileExpr(*e.slice);
      emit(Op::DELETE_SUBSCR, 0, e.span);
      return;
    case ExprKind::Tuple:
    case ExprKind::List:
      for (const auto& elt : e.elts) compileDelete(*elt);
      return;
    default:
      error(e.span, "cannot delete expression");
  }
}

static syntax::ConstantValue strConst(const std::string& s) {
  syntax::ConstantValue v;
  v.kind = syntax::ConstantValue::Kind::Str;
  v.str = s;
  return v;
}

void Compiler::compileImport(const Stmt& s) {
  for (const auto& a : s.names) {
    syntax::ConstantValue zero;
    zero.kind = syntax::ConstantValue::Kind::Int;
    loadConst(zero, s.span);
    loadNone(s.span);
    emit(Op::IMPORT_NAME, addName(a.name), s.span);
    if (!a.asname) {
      // `import a.b.c` binds the top-level package `a` (IMPORT_NAME returns it).
      nameOp(a.name.substr(0, a.name.find('.')), NameCtx::Store, s.span);
      continue;
    }
    size_t dot = a.name.find('.');
    if (dot == std::string::npos) {
      nameOp(*a.asname, NameCtx::Store, s.span);
      continue;
    }
    // `import a.b.c as d` binds the submodule: walk the attributes with IMPORT_FROM.
    for (;;) {
      size_t pos = dot + 1;
      dot = a.name.find('.', pos);
      emit(Op::IMPORT_FROM,
           addName(a.name.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos)),
           s.span);
      if (dot == std::string::npos) break;
      emit(Op::SWAP, 2, s.span);
      emit(Op::POP_TOP, 0, s.span);
    }
    nameOp(*a.asname, NameCtx::Store, s.span);
    emit(Op::POP_TOP, 0, s.span);
  }
}

void Compiler::compileImportFrom(const Stmt& s) {
  if (s.module == "__future__" && s.level == 0 &&
      std::find(future_statements_.begin(), future_statements_.end(), &s) ==
          future_statements_.end())
    error(s.span, "from __future__ imports must occur at the beginning of the file");
  syntax::ConstantValue level;
  level.kind = syntax::ConstantValue::Kind::Int;
  level.i = s.level;
  loadConst(level, s.span);
  Constant names;
  names.kind = Constant::Kind::Tuple;
  for (const auto& a : s.names) {
    Constant c;
    c.value = strConst(a.name);
    names.tuple.push_back(std::move(c));
  }
  emit(Op::LOAD_CONST, addConst(names), s.span);
  emit(Op::IMPORT_NAME, addName(s.module), s.span);
  if (s.names.size() == 1 && s.names[0].name == "*") {
    emit(Op::IMPORT_STAR, 0, s.span);
    return;
  }
  for (const auto& a : s.names) {
    if (a.name == "*") error(s.span, "import * only allowed at module level");
    emit(Op::IMPORT_FROM, addName(a.name), s.span);
    nameOp(a.asname ? *a.asname : a.name, NameCtx::Store, s.span);
  }
  emit(Op::POP_TOP, 0, s.span);
}

void Compiler::compileStmt(const Stmt& s) {
  switch (s.kind) {
    case StmtKind::Expr:
      if (options_.mode == CompileOptions::Mode::Single && u_->scope->kind == ScopeKind::Module) {
        compileExpr(*s.value);  // compile(..., 'single'): the value goes to sys.displayhook
        emit(Op::PRINT_EXPR, 0, s.span);
        return;
      }
      if (s.value->kind == ExprKind::Constant) {
        emit(Op::NOP, 0, s.span);  // CPython drops constant statements but keeps the line
        return;
      }
      compileExpr(*s.value);
      emit(Op::POP_TOP, 0, s.span);
      return;
    case StmtKind::Assign:
      compileAssign(s);
      return;
    case StmtKind::AugAssign:
      compileAugAssign(s);
      return;
    case StmtKind::AnnAssign:
      compileAnnAssign(s);
      return;
    case StmtKind::TypeAlias:
      compileTypeAlias(s);
      return;
    case StmtKind::Return:
      compileReturn(s);
      return;
    case StmtKind::If:
      compileIf(s);
      return;
    case StmtKind::While:
      compileWhile(s);
      return;
    case StmtKind::For:
      compileFor(s);
      return;
    case StmtKind::Break:
      compileBreakContinue(s, true);
      return;
    case StmtKind::Continue:
      compileBreakContinue(s, false);
      return;
    case StmtKind::Pass:
      emit(Op::NOP, 0, s.span);
      return;
    case StmtKind::FunctionDef:
      compileFunctionDef(s);
      return;
    case StmtKind::ClassDef:
      compileClassDef(s);
      return;
    case StmtKind::With:
      compileWith(s, 0);
      return;
    case StmtKind::Try:
      compileTry(s);
      return;
    case StmtKind::Raise:
      if (s.exc) compileExpr(*s.exc);
      if (s.cause) compileExpr(*s.cause);
      emit(Op::RAISE_VARARGS, s.cause ? 2 : (s.exc ? 1 : 0), s.span);
      return;
    case StmtKind::Import:
      compileImport(s);
      return;
    case StmtKind::ImportFrom:
      compileImportFrom(s);
      return;
    case StmtKind::Global:
    case StmtKind::Nonlocal:
      return;
    case StmtKind::Assert:
      compileAssert(s);
      return;
    case StmtKind::Delete:
      for (const auto& t : s.targets) compileDelete(*t);
      return;
    case StmtKind::Match:
      compileMatch(s);
      return;
  }
  GBC_UNREACHABLE("statement kind");
}

}  // namespace gbc::interp::compiler_detail
