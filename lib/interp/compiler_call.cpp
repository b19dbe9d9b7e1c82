// Calls: CALL / CALL_KW for plain argument lists, CALL_FUNCTION_EX with a built tuple and dict
// when `*args` or `**kwargs` appear (also used for class creation).
#include <set>

#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::ExprKind;

void Compiler::compileCall(const Expr& e) {
  compileExpr(*e.func);
  compileCallArgs(0, e.args, e.keywords, e.span);
}

static std::vector<const Expr*> pointers(const syntax::ExprList& list) {
  std::vector<const Expr*> out;
  for (const auto& e : list) out.push_back(e.get());
  return out;
}

void Compiler::compileCallArgs(int prefix, const syntax::ExprList& args,
                               const std::vector<syntax::Keyword>& keywords, const Span& pos) {
  compileCallArgs(prefix, pointers(args), keywords, pos);
}

void Compiler::compileStarredList(int prefix, const syntax::ExprList& elts, Op build, Op extend,
                                  Op add, const Span& pos) {
  compileStarredList(prefix, pointers(elts), build, extend, add, pos);
}

void Compiler::compileCallArgs(int prefix, const std::vector<const Expr*>& args,
                               const std::vector<syntax::Keyword>& keywords, const Span& pos) {
  std::set<std::string> seen;
  bool double_star = false;
  for (const auto& k : keywords) {
    if (!k.arg) {
      double_star = true;
      continue;
    }
    if (!seen.insert(*k.arg).second) error(k.span, "keyword argument repeated: " + *k.arg);
  }
  bool star = false;
  for (const auto& a : args) star |= a->kind == ExprKind::Starred;
  const int32_t nargs = prefix + static_cast<int32_t>(args.size());

  if (!star && !double_star) {
    for (const auto& a : args) compileExpr(*a);
    if (keywords.empty()) {
      emit(Op::CALL, nargs, pos);
      return;
    }
    Constant names;
    names.kind = Constant::Kind::Tuple;
    for (const auto& k : keywords) {
      compileExpr(*k.value);
      Constant n;
      n.value.kind = syntax::ConstantValue::Kind::Str;
      n.value.str = *k.arg;
      names.tuple.push_back(std::move(n));
    }
    emit(Op::LOAD_CONST, addConst(names), pos);
    emit(Op::CALL_KW, nargs + static_cast<int32_t>(keywords.size()), pos);
    return;
  }

  if (star) {
    compileStarredList(prefix, args, Op::BUILD_LIST, Op::LIST_EXTEND, Op::LIST_APPEND, pos);
    emit(Op::LIST_TO_TUPLE, 0, pos);
  } else {
    for (const auto& a : args) compileExpr(*a);
    emit(Op::BUILD_TUPLE, nargs, pos);
  }
  if (keywords.empty()) {
    emit(Op::CALL_FUNCTION_EX, 0, pos);
    return;
  }
  int pending = 0;
  bool have_dict = false;
  auto flush = [&]() {
    emit(Op::BUILD_MAP, pending, pos);
    if (have_dict) emit(Op::DICT_MERGE, 1, pos);
    have_dict = true;
    pending = 0;
  };
  for (const auto& k : keywords) {
    if (k.arg) {
      syntax::ConstantValue name;
      name.kind = syntax::ConstantValue::Kind::Str;
      name.str = *k.arg;
      loadConst(name, k.span);
      compileExpr(*k.value);
      ++pending;
      continue;
    }
    if (pending > 0 || !have_dict) flush();
    compileExpr(*k.value);
    emit(Op::DICT_MERGE, 1, pos);
  }
  if (pending > 0) flush();
  emit(Op::CALL_FUNCTION_EX, 1, pos);
}

}  // namespace gbc::interp::compiler_detail
