// Compiler core: code units, instruction emission, labels, constants, and name resolution
// (which *_FAST / *_DEREF / *_GLOBAL / *_NAME instruction a name gets). Entry point
// compileModule (bytecode.h).
#include "interp/compiler.h"

#include <algorithm>
#include <cstring>

namespace gbc::interp {

namespace compiler_detail {

void Compiler::error(const Span& pos, std::string message) {
  throw CompileError{pos, std::move(message)};
}

Scope& Compiler::currentScope() const { return u_->comps.empty() ? *u_->scope : *u_->comps.back(); }

std::string Compiler::mangled(const std::string& name) const {
  return mangle(currentScope().private_name, name);
}

std::string Compiler::hiddenName(const Scope& comp, const std::string& name) const {
  return name + "@" + std::to_string(comp.span.line) + ":" + std::to_string(comp.span.col);
}

void Compiler::collectCells(const Scope& scope, std::vector<std::string>& cells) const {
  for (const auto& child : scope.children) {
    if (!child->isInlined()) continue;
    for (const auto& [name, sym] : child->symbols)
      if (sym.scope == SymScope::Cell) cells.push_back(hiddenName(*child, name));
    collectCells(*child, cells);
  }
}

void Compiler::enterUnit(Scope& scope, std::string name, uint32_t firstlineno) {
  auto unit = std::make_unique<Unit>();
  unit->parent = u_;
  unit->scope = &scope;
  auto code = std::make_shared<CodeObject>();
  code->name = std::move(name);
  code->filename = filename_;
  code->firstlineno = firstlineno;
  std::vector<std::string> cells;
  for (const auto& [n, sym] : scope.symbols) {
    if (sym.scope == SymScope::Cell) cells.push_back(n);
    if (sym.scope == SymScope::Free || (sym.flags & kDefFreeClass)) code->freevars.push_back(n);
  }
  if (scope.kind == ScopeKind::Class && scope.needs_class_cell) cells.push_back("__class__");
  if (scope.kind == ScopeKind::Class && scope.needs_classdict) cells.push_back("__classdict__");
  if (scope.kind == ScopeKind::Class && scope.has_conditional_annotations)
    cells.push_back("__conditional_annotations__");
  collectCells(scope, cells);
  std::sort(cells.begin(), cells.end());
  code->cellvars = std::move(cells);
  int i = 0;
  for (const auto& n : code->cellvars) unit->cell_index[n] = i++;
  for (const auto& n : code->freevars) unit->cell_index.emplace(n, i++);
  for (const auto& p : scope.params) {
    unit->varname_index[p] = static_cast<int>(code->varnames.size());
    code->varnames.push_back(p);
  }
  // An async def is a coroutine function, or an async generator one when it yields; so is an
  // asynchronous generator expression.
  const bool async_scope =
      scope.is_async || (scope.kind == ScopeKind::GenExpr && scope.is_coroutine);
  if (async_scope && scope.is_generator)
    code->flags |= kAsyncGenerator;
  else if (scope.is_async)
    code->flags |= kCoroutine;
  else if (scope.is_generator)
    code->flags |= kGenerator;
  code->uses_class_cell =
      std::find(code->freevars.begin(), code->freevars.end(), "__class__") != code->freevars.end();
  unit->code = std::move(code);
  u_ = unit.get();
  units_.push_back(std::move(unit));
}

std::shared_ptr<CodeObject> Compiler::leaveUnit() {
  GBC_CHECK(u_ && !units_.empty() && units_.back().get() == u_, "unbalanced compiler units");
  GBC_CHECK(u_->fblocks.empty() && u_->comps.empty(), "blocks left open at the end of a code unit");
  CodeObject& code = *u_->code;
  for (Instr& in : code.code) {
    if (!hasJumpTarget(in.op)) continue;
    int target = u_->labels.at(static_cast<size_t>(in.arg));
    GBC_CHECK(target >= 0, "jump to an unbound label");
    in.arg = target;
  }
  const int nparams = static_cast<int>(u_->scope->params.size());
  code.cell2arg.assign(code.cellvars.size(), -1);
  for (size_t i = 0; i < code.cellvars.size(); ++i) {
    auto it = u_->varname_index.find(code.cellvars[i]);
    if (it != u_->varname_index.end() && it->second < nparams) code.cell2arg[i] = it->second;
  }
  code.co_flags =
      cpythonCodeFlags(code, *u_->scope, options_, future_annotations_, u_->has_docstring);
  std::shared_ptr<CodeObject> out = u_->code;
  u_ = u_->parent;
  units_.pop_back();
  return out;
}

int Compiler::emit(Op op, int32_t arg, const Span& pos) {
  u_->code->code.push_back(Instr{op, arg, pos});
  return static_cast<int>(u_->code->code.size()) - 1;
}

int Compiler::newLabel() {
  u_->labels.push_back(-1);
  return static_cast<int>(u_->labels.size()) - 1;
}

void Compiler::bind(int label) {
  GBC_CHECK(u_->labels.at(static_cast<size_t>(label)) < 0, "label bound twice");
  u_->labels[static_cast<size_t>(label)] = static_cast<int>(u_->code->code.size());
}

// A key that tells constants apart the way Python's const dedup does (1, 1.0 and True differ).
static std::string constKey(const Constant& c) {
  using K = syntax::ConstantValue::Kind;
  switch (c.kind) {
    case Constant::Kind::Code:
      return {};
    case Constant::Kind::Tuple: {
      std::string key = "T(";
      for (const Constant& x : c.tuple) {
        std::string k = constKey(x);
        if (k.empty()) return {};
        key += std::to_string(k.size()) + ":" + k;
      }
      return key + ")";
    }
    case Constant::Kind::Value:
      break;
  }
  const syntax::ConstantValue& v = c.value;
  auto bits = [](double d) {
    uint64_t u = 0;
    std::memcpy(&u, &d, sizeof u);
    return std::to_string(u);
  };
  switch (v.kind) {
    case K::None:
      return "N";
    case K::Bool:
      return v.b ? "B1" : "B0";
    case K::Int:
      return "I" + std::to_string(v.i);
    case K::BigInt:
      return "L" + v.str;
    case K::Float:
      return "F" + bits(v.f);
    case K::Complex:
      return "C" + bits(v.f);
    case K::Str:
      return "S" + v.str;
    case K::Bytes:
      return "Y" + v.str;
    case K::Ellipsis:
      return "E";
  }
  GBC_UNREACHABLE("constant kind");
}

int Compiler::addConst(const Constant& c) {
  auto& consts = u_->code->consts;
  std::string key = constKey(c);
  if (!key.empty()) {
    auto it = u_->const_index.find(key);
    if (it != u_->const_index.end()) return it->second;
    u_->const_index[key] = static_cast<int>(consts.size());
  }
  consts.push_back(c);
  return static_cast<int>(consts.size()) - 1;
}

void Compiler::loadConst(const syntax::ConstantValue& v, const Span& pos) {
  Constant c;
  c.value = v;
  emit(Op::LOAD_CONST, addConst(c), pos);
}

void Compiler::loadNone(const Span& pos) { loadConst(syntax::ConstantValue{}, pos); }

int Compiler::addName(const std::string& name) {
  auto it = u_->name_index.find(name);
  if (it != u_->name_index.end()) return it->second;
  auto& names = u_->code->names;
  names.push_back(name);
  return u_->name_index[name] = static_cast<int>(names.size()) - 1;
}

void Compiler::emitUnsupported(const std::string& what, const Span& pos) {
  emit(Op::UNSUPPORTED, addName(what), pos);
}

namespace {
enum class Access { Fast, Deref, Global, Name };

Op accessOp(Access a, NameCtx ctx) {
  static constexpr Op table[4][3] = {
      {Op::LOAD_FAST, Op::STORE_FAST, Op::DELETE_FAST},
      {Op::LOAD_DEREF, Op::STORE_DEREF, Op::DELETE_DEREF},
      {Op::LOAD_GLOBAL, Op::STORE_GLOBAL, Op::DELETE_GLOBAL},
      {Op::LOAD_NAME, Op::STORE_NAME, Op::DELETE_NAME},
  };
  return table[static_cast<int>(a)][static_cast<int>(ctx)];
}
}  // namespace

void Compiler::nameOp(const std::string& raw, NameCtx ctx, const Span& pos) {
  if (raw == "__debug__") {
    // CPython folds __debug__ (True without -O) and refuses to bind it.
    if (ctx == NameCtx::Store) error(pos, "cannot assign to __debug__");
    if (ctx == NameCtx::Del) error(pos, "cannot delete __debug__");
    syntax::ConstantValue t;
    t.kind = syntax::ConstantValue::Kind::Bool;
    t.b = true;
    return loadConst(t, pos);
  }
  const std::string name = mangled(raw);
  Scope& unit_scope = *u_->scope;
  const bool function_like = unit_scope.isFunctionLike();
  auto fast = [&](const std::string& n) {
    auto [it, inserted] = u_->varname_index.emplace(n, static_cast<int>(u_->code->varnames.size()));
    if (inserted) u_->code->varnames.push_back(n);
    emit(accessOp(Access::Fast, ctx), it->second, pos);
  };
  auto deref = [&](const std::string& n) {
    auto it = u_->cell_index.find(n);
    GBC_CHECK(it != u_->cell_index.end(), "closure variable missing from cellvars/freevars");
    emit(accessOp(Access::Deref, ctx), it->second, pos);
  };
  auto implicitGlobal = [&]() {
    // CPython: LOAD_GLOBAL in functions and in comprehensions inlined into a class body.
    bool global = function_like || (unit_scope.kind == ScopeKind::Class && !u_->comps.empty() &&
                                    ctx == NameCtx::Load);
    emit(accessOp(global ? Access::Global : Access::Name, ctx), addName(name), pos);
  };
  // Inlined comprehensions, innermost first: their own variables are hidden slots; free names
  // are resolved by the enclosing scope.
  for (auto it = u_->comps.rbegin(); it != u_->comps.rend(); ++it) {
    const Scope& comp = **it;
    const Symbol* sym = comp.lookup(name);
    SymScope sc = sym ? sym->scope : SymScope::GlobalImplicit;
    switch (sc) {
      case SymScope::Free:
        continue;
      case SymScope::Local:
        return fast(hiddenName(comp, name));
      case SymScope::Cell:
        return deref(hiddenName(comp, name));
      case SymScope::GlobalExplicit:
        return void(emit(accessOp(Access::Global, ctx), addName(name), pos));
      case SymScope::GlobalImplicit:
      case SymScope::Unknown:
        return implicitGlobal();
    }
  }
  if (!u_->comps.empty() && unit_scope.kind == ScopeKind::Class && u_->cell_index.count(name))
    return deref(name);
  const Symbol* sym = unit_scope.lookup(name);
  if (ctx == NameCtx::Load && unit_scope.can_see_class_scope && name != "__classdict__" &&
      classdictLoad(name, sym ? sym->scope : SymScope::Unknown, pos))
    return;
  switch (sym ? sym->scope : SymScope::Unknown) {
    case SymScope::Local:
      if (function_like) return fast(name);
      return void(emit(accessOp(Access::Name, ctx), addName(name), pos));
    case SymScope::Cell:
    case SymScope::Free:
      return deref(name);
    case SymScope::GlobalExplicit:
      return void(emit(accessOp(Access::Global, ctx), addName(name), pos));
    case SymScope::GlobalImplicit:
    case SymScope::Unknown:
      return implicitGlobal();
  }
}

int Compiler::closureIndex(const std::string& name) {
  if (u_->scope->kind == ScopeKind::Class && name == "__class__") return u_->cell_index.at(name);
  for (auto it = u_->comps.rbegin(); it != u_->comps.rend(); ++it) {
    const Symbol* sym = (*it)->lookup(name);
    if (sym && sym->scope == SymScope::Cell) return u_->cell_index.at(hiddenName(**it, name));
  }
  auto it = u_->cell_index.find(name);
  GBC_CHECK(it != u_->cell_index.end(),
            "captured name is neither a cell nor free in the enclosing code");
  return it->second;
}

void Compiler::makeClosure(const std::shared_ptr<CodeObject>& code, int32_t flags,
                           const Span& pos) {
  if (!code->freevars.empty()) {
    for (const auto& fv : code->freevars) emit(Op::LOAD_CLOSURE, closureIndex(fv), pos);
    emit(Op::BUILD_TUPLE, static_cast<int32_t>(code->freevars.size()), pos);
    flags |= kHasClosure;
  }
  Constant c;
  c.kind = Constant::Kind::Code;
  c.code = code;
  emit(Op::LOAD_CONST, addConst(c), pos);
  emit(Op::MAKE_FUNCTION, flags, pos);
}

std::string Compiler::qualnameFor(const std::string& name, bool function_or_class) const {
  // Annotation scopes (PEP 695 type parameters) do not show in qualnames: CPython looks past
  // them to the enclosing code.
  const Unit* u = u_;
  while (u && u->scope->isAnnotation()) u = u->parent;
  if (!u || u->scope->kind == ScopeKind::Module) return name;
  if (function_or_class && currentScope().scopeOf(mangled(name)) == SymScope::GlobalExplicit)
    return name;
  std::string base = u->code->qualname;
  if (u->scope->kind == ScopeKind::Function || u->scope->kind == ScopeKind::Lambda)
    base += ".<locals>";
  return base + "." + name;
}

bool Compiler::classdictLoad(const std::string& name, SymScope scope, const Span& pos) {
  // CPython: an annotation scope that can see its class reads a name the class may bind from
  // the class namespace first: LOAD_DEREF __classdict__, then LOAD_FROM_DICT_OR_GLOBALS (an
  // implicit global) or LOAD_FROM_DICT_OR_DEREF (a free variable).
  if (scope != SymScope::GlobalImplicit && scope != SymScope::Unknown && scope != SymScope::Free)
    return false;
  auto cd = u_->cell_index.find("__classdict__");
  if (cd == u_->cell_index.end()) return false;
  emit(Op::LOAD_DEREF, cd->second, pos);
  if (scope == SymScope::Free) {
    emit(Op::LOAD_FROM_DICT_OR_DEREF, u_->cell_index.at(name), pos);
  } else {
    emit(Op::LOAD_FROM_DICT_OR_GLOBALS, addName(name), pos);
  }
  return true;
}

std::shared_ptr<CodeObject> Compiler::compileModule(const syntax::Module& module) {
  future_statements_ = checkFutureImports(module).statements;
  enterUnit(st_.module(), "<module>", 1);
  u_->code->qualname = "<module>";
  u_->code->flags |= kModule;
  if (options_.mode == CompileOptions::Mode::Eval) {
    // eval(): one expression, whose value the code returns.
    if (module.body.empty()) error(Span{1, 0, 1, 0}, "invalid syntax");
    for (const auto& s : module.body)
      if (s->kind != syntax::StmtKind::Expr || module.body.size() > 1)
        error(s->span, "invalid syntax");
    const Expr& e = *module.body[0]->value;
    compileExpr(e);
    emit(Op::RETURN_VALUE, 0, e.span);
    return leaveUnit();
  }
  if (options_.mode == CompileOptions::Mode::Single && module.body.size() > 1)
    error(module.body[0]->span, "multiple statements found while compiling a single statement");
  compileBody(module.body, true);
  Span end{1, 0, 1, 0};
  if (!module.body.empty()) end = module.body.back()->span;
  loadNone(end);
  emit(Op::RETURN_VALUE, 0, end);
  return leaveUnit();
}

int constantTruth(const Expr& e) {
  if (e.kind != syntax::ExprKind::Constant) return -1;
  using K = syntax::ConstantValue::Kind;
  const auto& v = e.constant;
  switch (v.kind) {
    case K::None:
      return 0;
    case K::Bool:
      return v.b ? 1 : 0;
    case K::Int:
      return v.i != 0 ? 1 : 0;
    case K::BigInt:
      return 1;
    case K::Float:
    case K::Complex:
      return v.f != 0.0 ? 1 : 0;
    case K::Str:
    case K::Bytes:
      return v.str.empty() ? 0 : 1;
    case K::Ellipsis:
      return 1;
  }
  return -1;
}

}  // namespace compiler_detail

Result<std::shared_ptr<CodeObject>> compileModule(const syntax::Module& module,
                                                  const std::string& filename,
                                                  const CompileOptions& options) {
  CompileOptions opts = options;
  try {
    if (compiler_detail::checkFutureImports(module).annotations) opts.future_annotations = true;
  } catch (const CompileError& e) {
    return Error{ErrorCode::Syntax, formatCompileError(e)};
  }
  SymtableOptions sym_options;
  sym_options.deferred_annotations = opts.deferred_annotations;
  sym_options.future_annotations = opts.future_annotations;
  auto st = buildSymbolTable(module, sym_options);
  if (!st) return st.error();
  try {
    compiler_detail::Compiler compiler(**st, filename, opts);
    return compiler.compileModule(module);
  } catch (const CompileError& e) {
    return Error{ErrorCode::Syntax, formatCompileError(e)};
  }
}

}  // namespace gbc::interp
