// Expressions, assignment targets and conditional jumps.
#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::CmpOpKind;
using syntax::ExprKind;
using CK = syntax::ConstantValue::Kind;

bool foldConstant(const Expr& e, Constant& out) {
  switch (e.kind) {
    case ExprKind::Constant:
      out = Constant{};
      out.value = e.constant;
      return true;
    case ExprKind::UnaryOp: {
      if (e.unaryop != syntax::UnaryOpKind::USub || e.operand->kind != ExprKind::Constant)
        return false;
      const syntax::ConstantValue& v = e.operand->constant;
      out = Constant{};
      out.value = v;
      if (v.kind == CK::Int) {
        out.value.i = -v.i;  // literals are non-negative, so this cannot overflow
      } else if (v.kind == CK::Float) {
        out.value.f = -v.f;
      } else if (v.kind == CK::BigInt && !v.str.empty() && v.str[0] != '-') {
        if (v.str == "9223372036854775808") {
          out.value.kind = CK::Int;
          out.value.i = INT64_MIN;
          out.value.str.clear();
        } else {
          out.value.str = "-" + v.str;
        }
      } else {
        return false;  // -<complex> has a -0.0 real part a Complex constant cannot hold
      }
      return true;
    }
    case ExprKind::Tuple: {
      Constant t;
      t.kind = Constant::Kind::Tuple;
      for (const auto& elt : e.elts) {
        Constant c;
        if (!foldConstant(*elt, c)) return false;
        t.tuple.push_back(std::move(c));
      }
      out = std::move(t);
      return true;
    }
    default:
      return false;
  }
}

static const char* describeTarget(ExprKind k) {
  switch (k) {
    case ExprKind::Call:
      return "function call";
    case ExprKind::Constant:
      return "literal";
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue:
      return "f-string expression";
    case ExprKind::Lambda:
      return "lambda";
    case ExprKind::BoolOp:
    case ExprKind::BinOp:
    case ExprKind::UnaryOp:
      return "expression";
    case ExprKind::Compare:
      return "comparison";
    case ExprKind::IfExp:
      return "conditional expression";
    case ExprKind::NamedExpr:
      return "named expression";
    default:
      return "expression";
  }
}

void Compiler::compileExpr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Name:
      nameOp(e.id, NameCtx::Load, e.span);
      return;
    case ExprKind::Constant:
      loadConst(e.constant, e.span);
      return;
    case ExprKind::JoinedStr:
      compileJoinedStr(e);
      return;
    case ExprKind::FormattedValue:
      compileFormattedValue(e);
      return;
    case ExprKind::Attribute:
      compileExpr(*e.value);
      emit(Op::LOAD_ATTR, addName(mangled(e.id)), e.span);
      return;
    case ExprKind::Subscript:
      compileExpr(*e.value);
      compileExpr(*e.slice);
      emit(Op::BINARY_SUBSCR, 0, e.span);
      return;
    case ExprKind::Slice:
      for (const Expr* part : {e.lower.get(), e.upper.get()}) {
        if (part) {
          compileExpr(*part);
        } else {
          loadNone(e.span);
        }
      }
      if (e.step) compileExpr(*e.step);
      emit(Op::BUILD_SLICE, e.step ? 3 : 2, e.span);
      return;
    case ExprKind::Call:
      compileCall(e);
      return;
    case ExprKind::BinOp:
      compileExpr(*e.left);
      compileExpr(*e.right);
      emit(Op::BINARY_OP, binaryOpArg(e.binop, false), e.span);
      return;
    case ExprKind::UnaryOp: {
      Constant c;
      if (foldConstant(e, c)) {
        emit(Op::LOAD_CONST, addConst(c), e.span);
        return;
      }
      compileExpr(*e.operand);
      emit(Op::UNARY_OP, static_cast<int32_t>(e.unaryop), e.span);
      return;
    }
    case ExprKind::BoolOp:
      compileBoolOp(e);
      return;
    case ExprKind::Compare:
      compileCompare(e);
      return;
    case ExprKind::IfExp: {
      int orelse = newLabel(), end = newLabel();
      compileJumpIf(*e.test, orelse, false);
      compileExpr(*e.body);
      emitJump(Op::JUMP, end, e.span);
      bind(orelse);
      compileExpr(*e.orelse);
      bind(end);
      return;
    }
    case ExprKind::Lambda:
      compileLambda(e);
      return;
    case ExprKind::Tuple:
    case ExprKind::List:
    case ExprKind::Set:
      compileSequence(e);
      return;
    case ExprKind::Dict:
      compileDict(e);
      return;
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::DictComp:
      compileComprehension(e);
      return;
    case ExprKind::GeneratorExp:
      compileGenExpr(e);
      return;
    case ExprKind::Starred:
      error(e.span, "can't use starred expression here");
    case ExprKind::NamedExpr:
      compileExpr(*e.value);
      emit(Op::COPY, 1, e.span);
      nameOp(e.target->id, NameCtx::Store, e.target->span);
      return;
    case ExprKind::Await:
      compileExpr(*e.value);
      emitAwait(0, e.span);
      return;
    case ExprKind::Yield:
      if (e.value) {
        compileExpr(*e.value);
      } else {
        loadNone(e.span);
      }
      if (u_->code->flags & kAsyncGenerator) emit(Op::ASYNC_GEN_WRAP, 0, e.span);
      emit(Op::YIELD_VALUE, 0, e.span);
      return;
    case ExprKind::TemplateStr:
      compileTemplateStr(e);
      return;
    case ExprKind::Interpolation:
      error(e.span, "interpolation outside a template string");
    case ExprKind::YieldFrom:
      compileExpr(*e.value);
      emit(Op::YIELD_FROM, 0, e.span);
      return;
  }
  GBC_UNREACHABLE("expression kind");
}

void Compiler::compileStore(const Expr& t) {
  switch (t.kind) {
    case ExprKind::Name:
      nameOp(t.id, NameCtx::Store, t.span);
      return;
    case ExprKind::Attribute:
      compileExpr(*t.value);
      emit(Op::STORE_ATTR, addName(mangled(t.id)), t.span);
      return;
    case ExprKind::Subscript:
      compileExpr(*t.value);
      compileExpr(*t.slice);
      emit(Op::STORE_SUBSCR, 0, t.span);
      return;
    case ExprKind::Tuple:
    case ExprKind::List:
      compileUnpack(t.elts, t.span);
      for (const auto& elt : t.elts)
        compileStore(elt->kind == ExprKind::Starred ? *elt->value : *elt);
      return;
    case ExprKind::Starred:
      error(t.span, "starred assignment target must be in a list or tuple");
    default:
      error(t.span, std::string("cannot assign to ") + describeTarget(t.kind));
  }
}

void Compiler::compileUnpack(const syntax::ExprList& elts, const Span& pos) {
  size_t star = elts.size();
  for (size_t i = 0; i < elts.size(); ++i) {
    if (elts[i]->kind != ExprKind::Starred) continue;
    if (star != elts.size()) error(elts[i]->span, "multiple starred expressions in assignment");
    star = i;
  }
  if (star == elts.size()) {
    emit(Op::UNPACK_SEQUENCE, static_cast<int32_t>(elts.size()), pos);
    return;
  }
  size_t after = elts.size() - star - 1;
  if (star >= 256 || after >= (1u << 24))
    error(pos, "too many expressions in star-unpacking assignment");
  emit(Op::UNPACK_EX, static_cast<int32_t>(star | (after << 8)), pos);
}

void Compiler::emitCompareOp(CmpOpKind op, const Span& pos) {
  switch (op) {
    case CmpOpKind::Is:
      emit(Op::IS_OP, 0, pos);
      return;
    case CmpOpKind::IsNot:
      emit(Op::IS_OP, 1, pos);
      return;
    case CmpOpKind::In:
      emit(Op::CONTAINS_OP, 0, pos);
      return;
    case CmpOpKind::NotIn:
      emit(Op::CONTAINS_OP, 1, pos);
      return;
    case CmpOpKind::Eq:
    case CmpOpKind::NotEq:
    case CmpOpKind::Lt:
    case CmpOpKind::LtE:
    case CmpOpKind::Gt:
    case CmpOpKind::GtE:
      emit(Op::COMPARE_OP, static_cast<int32_t>(op), pos);
      return;
  }
  GBC_UNREACHABLE("comparison operator");
}

// a < b < c: a; b; SWAP 2; COPY 2; COMPARE_OP <; JUMP_IF_FALSE_OR_POP cleanup; c; COMPARE_OP <;
// JUMP end; cleanup: SWAP 2; POP_TOP; end:
void Compiler::compileCompare(const Expr& e) {
  compileExpr(*e.left);
  const size_t n = e.ops.size();
  GBC_CHECK(n > 0 && n == e.comparators.size(), "malformed comparison");
  if (n == 1) {
    compileExpr(*e.comparators[0]);
    emitCompareOp(e.ops[0], e.span);
    return;
  }
  int cleanup = newLabel(), end = newLabel();
  for (size_t i = 0; i + 1 < n; ++i) {
    compileExpr(*e.comparators[i]);
    emit(Op::SWAP, 2, e.span);
    emit(Op::COPY, 2, e.span);
    emitCompareOp(e.ops[i], e.span);
    emitJump(Op::JUMP_IF_FALSE_OR_POP, cleanup, e.span);
  }
  compileExpr(*e.comparators.back());
  emitCompareOp(e.ops.back(), e.span);
  emitJump(Op::JUMP, end, e.span);
  bind(cleanup);
  emit(Op::SWAP, 2, e.span);
  emit(Op::POP_TOP, 0, e.span);
  bind(end);
}

void Compiler::compileBoolOp(const Expr& e) {
  int end = newLabel();
  Op jump =
      e.boolop == syntax::BoolOpKind::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP;
  for (size_t i = 0; i + 1 < e.values.size(); ++i) {
    compileExpr(*e.values[i]);
    emitJump(jump, end, e.span);
  }
  compileExpr(*e.values.back());
  bind(end);
}

// CPython's compiler_jump_if: jump to `label` when the truth of `e` equals `cond`.
void Compiler::compileJumpIf(const Expr& e, int label, bool cond) {
  switch (e.kind) {
    case ExprKind::UnaryOp:
      if (e.unaryop == syntax::UnaryOpKind::Not) return compileJumpIf(*e.operand, label, !cond);
      break;
    case ExprKind::BoolOp: {
      const bool cond2 = e.boolop == syntax::BoolOpKind::Or;
      int next2 = cond2 == cond ? label : newLabel();
      for (size_t i = 0; i + 1 < e.values.size(); ++i) compileJumpIf(*e.values[i], next2, cond2);
      compileJumpIf(*e.values.back(), label, cond);
      if (next2 != label) bind(next2);
      return;
    }
    case ExprKind::IfExp: {
      int end = newLabel(), next2 = newLabel();
      compileJumpIf(*e.test, next2, false);
      compileJumpIf(*e.body, label, cond);
      emitJump(Op::JUMP, end, e.span);
      bind(next2);
      compileJumpIf(*e.orelse, label, cond);
      bind(end);
      return;
    }
    case ExprKind::Compare: {
      const size_t n = e.ops.size();
      if (n < 2) break;
      int cleanup = newLabel(), end = newLabel();
      compileExpr(*e.left);
      for (size_t i = 0; i + 1 < n; ++i) {
        compileExpr(*e.comparators[i]);
        emit(Op::SWAP, 2, e.span);
        emit(Op::COPY, 2, e.span);
        emitCompareOp(e.ops[i], e.span);
        emitJump(Op::POP_JUMP_IF_FALSE, cleanup, e.span);
      }
      compileExpr(*e.comparators.back());
      emitCompareOp(e.ops.back(), e.span);
      emitJump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label, e.span);
      emitJump(Op::JUMP, end, e.span);
      bind(cleanup);
      emit(Op::POP_TOP, 0, e.span);
      if (!cond) emitJump(Op::JUMP, label, e.span);
      bind(end);
      return;
    }
    default:
      break;
  }
  compileExpr(e);
  emitJump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label, e.span);
}

void Compiler::compileJoinedStr(const Expr& e) {
  if (e.values.empty()) {
    syntax::ConstantValue empty;
    empty.kind = CK::Str;
    loadConst(empty, e.span);
    return;
  }
  for (const auto& v : e.values) compileExpr(*v);
  if (e.values.size() > 1) emit(Op::BUILD_STRING, static_cast<int32_t>(e.values.size()), e.span);
}

// t"...": LOAD_CONST (strings...); per interpolation <value>; LOAD_CONST <expression text>;
// [<spec>]; BUILD_INTERPOLATION; then BUILD_TUPLE n; BUILD_TEMPLATE. `strings` always has one
// more item than there are interpolations (empty strings between adjacent ones), as
// Template.strings does.
void Compiler::compileTemplateStr(const Expr& e) {
  Constant strings;
  strings.kind = Constant::Kind::Tuple;
  std::string current;
  auto flush = [&] {
    Constant c;
    c.value.kind = CK::Str;
    c.value.str = std::move(current);
    strings.tuple.push_back(std::move(c));
    current.clear();
  };
  for (const auto& v : e.values) {
    if (v->kind == ExprKind::Constant) {
      current += v->constant.str;
    } else {
      flush();
    }
  }
  flush();
  emit(Op::LOAD_CONST, addConst(strings), e.span);
  int32_t n = 0;
  for (const auto& v : e.values) {
    if (v->kind != ExprKind::Interpolation) continue;
    compileExpr(*v->value);
    syntax::ConstantValue text;
    text.kind = CK::Str;
    text.str = v->id;
    loadConst(text, v->span);
    int32_t arg = v->conversion;
    if (v->format_spec) {
      compileExpr(*v->format_spec);
      arg |= 0x100;
    }
    emit(Op::BUILD_INTERPOLATION, arg, v->span);
    ++n;
  }
  emit(Op::BUILD_TUPLE, n, e.span);
  emit(Op::BUILD_TEMPLATE, 0, e.span);
}

void Compiler::compileFormattedValue(const Expr& e) {
  compileExpr(*e.value);
  int32_t arg = e.conversion;
  if (e.format_spec) {
    compileExpr(*e.format_spec);
    arg |= 0x100;
  }
  emit(Op::FORMAT_VALUE, arg, e.span);
}

void Compiler::compileSequence(const Expr& e) {
  bool starred = false;
  for (const auto& elt : e.elts) starred |= elt->kind == ExprKind::Starred;
  Constant c;
  if (e.kind == ExprKind::Tuple && !starred && foldConstant(e, c)) {
    emit(Op::LOAD_CONST, addConst(c), e.span);
    return;
  }
  const bool set = e.kind == ExprKind::Set;
  if (!starred) {
    for (const auto& elt : e.elts) compileExpr(*elt);
    Op build = e.kind == ExprKind::Tuple ? Op::BUILD_TUPLE : set ? Op::BUILD_SET : Op::BUILD_LIST;
    emit(build, static_cast<int32_t>(e.elts.size()), e.span);
    return;
  }
  compileStarredList(0, e.elts, set ? Op::BUILD_SET : Op::BUILD_LIST,
                     set ? Op::SET_UPDATE : Op::LIST_EXTEND, set ? Op::SET_ADD : Op::LIST_APPEND,
                     e.span);
  if (e.kind == ExprKind::Tuple) emit(Op::LIST_TO_TUPLE, 0, e.span);
}

void Compiler::compileStarredList(int prefix, const std::vector<const Expr*>& elts, Op build,
                                  Op extend, Op add, const Span& pos) {
  bool seen = false;
  for (size_t i = 0; i < elts.size(); ++i) {
    const Expr& elt = *elts[i];
    if (elt.kind == ExprKind::Starred) {
      if (!seen) emit(build, prefix + static_cast<int32_t>(i), pos);
      seen = true;
      compileExpr(*elt.value);
      emit(extend, 1, pos);
    } else {
      compileExpr(elt);
      if (seen) emit(add, 1, pos);
    }
  }
  if (!seen) emit(build, prefix + static_cast<int32_t>(elts.size()), pos);
}

// {k: v, **m, k2: v2}: k; v; BUILD_MAP 1; m; DICT_UPDATE 1; k2; v2; BUILD_MAP 1; DICT_UPDATE 1
void Compiler::compileDict(const Expr& e) {
  int pending = 0;
  bool have_dict = false;
  auto flush = [&]() {
    emit(Op::BUILD_MAP, pending, e.span);
    if (have_dict) emit(Op::DICT_UPDATE, 1, e.span);
    have_dict = true;
    pending = 0;
  };
  for (size_t i = 0; i < e.keys.size(); ++i) {
    if (e.keys[i]) {
      compileExpr(*e.keys[i]);
      compileExpr(*e.values[i]);
      ++pending;
      continue;
    }
    if (pending > 0 || !have_dict) flush();
    compileExpr(*e.values[i]);
    emit(Op::DICT_UPDATE, 1, e.span);
  }
  if (pending > 0 || !have_dict) flush();
}

}  // namespace gbc::interp::compiler_detail
