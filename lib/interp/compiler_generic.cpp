// PEP 695: generic functions and classes, type aliases, and the annotation scopes they compile
// to. CPython makes the type parameters with intrinsics; gbc calls the objects of the `_typing`
// module (LOAD_TYPING), with the lazily evaluated parts as keyword arguments:
//   TypeVar(name, [evaluate_bound= | evaluate_constraints=], [evaluate_default=],
//           infer_variance=True)
//   ParamSpec(name, [evaluate_default=], infer_variance=True)
//   TypeVarTuple(name, [evaluate_default=])
//   TypeAliasType(name, type_params=tuple, evaluate_value=function)
//   Generic[params]   (the implicit base of a generic class)
// The evaluate_* functions take no argument in 3.12; in 3.14 they take CPython's `format`
// (positional-only, default 1) and refuse formats above 2 like every annotate function.
#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::ExprKind;
using syntax::TypeParam;

static syntax::ConstantValue strValue(const std::string& s) {
  syntax::ConstantValue v;
  v.kind = syntax::ConstantValue::Kind::Str;
  v.str = s;
  return v;
}

void Compiler::enterAnnotationScope(Scope& scope, const std::string& name, const Span& pos,
                                    bool takes_format, const std::string& format_name) {
  enterUnit(scope, name, pos.line);
  u_->code->def_line = pos.line;
  if (takes_format) {
    GBC_CHECK(!u_->code->varnames.empty() && u_->code->varnames[0] == format_name,
              "annotation scope without its format parameter");
    u_->code->argcount = 1;
    u_->code->posonlyargcount = 1;
  }
  addConst(Constant{});  // consts[0] = None: no docstring
}

void Compiler::emitFormatCheck(const Span& pos) {
  // if format > VALUE_WITH_FAKE_GLOBALS (2): raise NotImplementedError
  int body = newLabel();
  emit(Op::LOAD_FAST, 0, pos);
  syntax::ConstantValue two;
  two.kind = syntax::ConstantValue::Kind::Int;
  two.i = 2;
  loadConst(two, pos);
  emit(Op::COMPARE_OP, static_cast<int32_t>(syntax::CmpOpKind::Gt), pos);
  emitJump(Op::POP_JUMP_IF_FALSE, body, pos);
  emit(Op::LOAD_GLOBAL, addName("NotImplementedError"), pos);
  emit(Op::RAISE_VARARGS, 1, pos);
  bind(body);
}

/// An evaluator function (a bound, constraints, default or alias value) left on the stack.
static void compileEvaluator(Compiler& c, SymbolTable& st, const void* key,
                             const syntax::Expr& value, const std::string& name, const Span& pos,
                             bool deferred) {
  std::string qualname = c.qualnameFor(name, false);
  c.enterAnnotationScope(st.scopeFor(key), name, pos, deferred, ".format");
  c.currentUnitCode().qualname = qualname;
  if (deferred) c.emitFormatCheck(pos);
  c.compileExpr(value);
  c.emit(Op::RETURN_VALUE, 0, value.span);
  std::shared_ptr<CodeObject> code = c.leaveUnit();
  int32_t flags = 0;
  if (deferred) {
    // `.format` defaults to 1 (VALUE): `T.__bound__` calls the evaluator without arguments.
    Constant one;
    one.kind = Constant::Kind::Tuple;
    Constant v;
    v.value.kind = syntax::ConstantValue::Kind::Int;
    v.value.i = 1;
    one.tuple.push_back(v);
    c.emit(Op::LOAD_CONST, c.addConst(one), pos);
    flags |= kHasDefaults;
  }
  c.makeClosure(code, flags, pos);
}

void Compiler::compileTypeParams(const std::vector<TypeParam>& tps) {
  const bool deferred = options_.deferred_annotations;
  for (const TypeParam& tp : tps) {
    const Span& pos = tp.span;
    const char* ctor = tp.kind == TypeParam::Kind::TypeVar     ? "TypeVar"
                       : tp.kind == TypeParam::Kind::ParamSpec ? "ParamSpec"
                                                               : "TypeVarTuple";
    emit(Op::LOAD_TYPING, addName(ctor), pos);
    loadConst(strValue(tp.name), pos);
    Constant kwnames;
    kwnames.kind = Constant::Kind::Tuple;
    auto kw = [&](const char* n) {
      Constant k;
      k.value = strValue(n);
      kwnames.tuple.push_back(k);
    };
    if (tp.bound) {
      compileEvaluator(*this, st_, &tp, *tp.bound, tp.name, tp.bound->span, deferred);
      kw(tp.bound->kind == ExprKind::Tuple ? "evaluate_constraints" : "evaluate_bound");
    }
    if (tp.default_value) {
      compileEvaluator(*this, st_, &tp.default_value, *tp.default_value, tp.name,
                       tp.default_value->span, deferred);
      kw("evaluate_default");
    }
    if (tp.kind != TypeParam::Kind::TypeVarTuple) {
      syntax::ConstantValue t;
      t.kind = syntax::ConstantValue::Kind::Bool;
      t.b = true;
      loadConst(t, pos);
      kw("infer_variance");
    }
    const int32_t n = 1 + static_cast<int32_t>(kwnames.tuple.size());
    if (kwnames.tuple.empty()) {
      emit(Op::CALL, 1, pos);
    } else {
      emit(Op::LOAD_CONST, addConst(kwnames), pos);
      emit(Op::CALL_KW, n, pos);
    }
    emit(Op::COPY, 1, pos);
    nameOp(tp.name, NameCtx::Store, pos);
  }
  emit(Op::BUILD_TUPLE, static_cast<int32_t>(tps.size()), tps.front().span);
}

void Compiler::compileGenericFunction(const Stmt& s) {
  // <generic parameters of f>(.defaults, .kwdefaults): makes T..., then f with them in its
  // closure, sets f.__type_params__ and returns f. The defaults are evaluated outside.
  const std::string name = "<generic parameters of " + s.name + ">";
  enterUnit(st_.scopeFor(&s.type_params), name, s.span.line);
  u_->code->qualname = name;
  u_->code->def_line = s.span.line;
  const Scope& tscope = *u_->scope;
  u_->code->argcount = static_cast<int>(tscope.params.size());
  addConst(Constant{});
  compileTypeParams(s.type_params);
  compileFunctionObject(s, true);
  emit(Op::SWAP, 2, s.span);
  emit(Op::SET_FUNCTION_ATTRIBUTE, kFnTypeParams, s.span);
  emit(Op::RETURN_VALUE, 0, s.span);
  std::shared_ptr<CodeObject> code = leaveUnit();
  makeClosure(code, 0, s.span);
  int32_t nargs = 0;
  if (!s.params->defaults.empty()) {
    int32_t flags = compileDefaults(*s.params, s.span);
    nargs += (flags & kHasDefaults) ? 1 : 0;
    nargs += (flags & kHasKwDefaults) ? 1 : 0;
  } else {
    int32_t flags = compileDefaults(*s.params, s.span);
    nargs += (flags & kHasKwDefaults) ? 1 : 0;
  }
  emit(Op::CALL, nargs, s.span);
}

void Compiler::compileGenericClass(const Stmt& s) {
  // <generic parameters of C>(): makes T..., `.type_params`, `.generic_base = Generic[T...]`,
  // then builds the class with that extra base.
  const std::string name = "<generic parameters of " + s.name + ">";
  enterUnit(st_.scopeFor(&s.type_params), name, s.span.line);
  u_->code->qualname = name;
  u_->code->def_line = s.span.line;
  addConst(Constant{});
  compileTypeParams(s.type_params);
  nameOp(".type_params", NameCtx::Store, s.span);
  emit(Op::LOAD_TYPING, addName("Generic"), s.span);
  nameOp(".type_params", NameCtx::Load, s.span);
  emit(Op::BINARY_SUBSCR, 0, s.span);
  nameOp(".generic_base", NameCtx::Store, s.span);
  compileClassObject(s, true);
  emit(Op::RETURN_VALUE, 0, s.span);
  std::shared_ptr<CodeObject> code = leaveUnit();
  makeClosure(code, 0, s.span);
  emit(Op::CALL, 0, s.span);
}

void Compiler::compileTypeAlias(const Stmt& s) {
  const std::string& name = s.target->id;
  const bool generic = !s.type_params.empty();
  if (generic) {
    const std::string gname = "<generic parameters of " + name + ">";
    enterUnit(st_.scopeFor(&s.type_params), gname, s.span.line);
    u_->code->qualname = gname;
    u_->code->def_line = s.span.line;
    addConst(Constant{});
  }
  emit(Op::LOAD_TYPING, addName("TypeAliasType"), s.span);
  loadConst(strValue(name), s.span);
  if (generic) {
    compileTypeParams(s.type_params);
  } else {
    Constant empty;
    empty.kind = Constant::Kind::Tuple;
    emit(Op::LOAD_CONST, addConst(empty), s.span);
  }
  compileEvaluator(*this, st_, &s, *s.value, name, s.value->span, options_.deferred_annotations);
  Constant kwnames;
  kwnames.kind = Constant::Kind::Tuple;
  for (const char* k : {"type_params", "evaluate_value"}) {
    Constant c;
    c.value = strValue(k);
    kwnames.tuple.push_back(c);
  }
  emit(Op::LOAD_CONST, addConst(kwnames), s.span);
  emit(Op::CALL_KW, 3, s.span);
  if (generic) {
    emit(Op::RETURN_VALUE, 0, s.span);
    std::shared_ptr<CodeObject> code = leaveUnit();
    makeClosure(code, 0, s.span);
    emit(Op::CALL, 0, s.span);
  }
  nameOp(name, NameCtx::Store, s.target->span);
}

}  // namespace gbc::interp::compiler_detail
