// Comprehensions: list/set/dict comprehensions are inlined into the enclosing code (PEP 709,
// hidden variable slots, see compiler.h); generator expressions are separate code objects.
#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::ExprKind;

// BUILD_LIST 0; <iter>; GET_ITER; L: FOR_ITER E; <store>; <ifs: POP_JUMP_IF_FALSE L>; <elt>;
// LIST_APPEND n+1; JUMP L; E:
void Compiler::compileComprehension(const Expr& e) {
  Op build = e.kind == ExprKind::ListComp  ? Op::BUILD_LIST
             : e.kind == ExprKind::SetComp ? Op::BUILD_SET
                                           : Op::BUILD_MAP;
  emit(build, 0, e.span);
  const Expr& iter = *e.generators[0].iter;
  compileExpr(iter);  // the outermost iterable belongs to the enclosing scope
  emit(e.generators[0].is_async ? Op::GET_AITER : Op::GET_ITER, 0, iter.span);
  u_->code->flags |= kComprehensionInlined;
  u_->comps.push_back(&st_.scopeFor(&e));
  compileCompGenerator(e, 0, static_cast<int>(e.generators.size()));
  u_->comps.pop_back();
}

// <iter>; GET_ITER; [closure]; LOAD_CONST <genexpr>; MAKE_FUNCTION; SWAP 2; CALL 1
void Compiler::compileGenExpr(const Expr& e) {
  const Expr& iter = *e.generators[0].iter;
  compileExpr(iter);
  emit(e.generators[0].is_async ? Op::GET_AITER : Op::GET_ITER, 0, iter.span);
  std::string qualname = qualnameFor("<genexpr>", false);
  enterUnit(st_.scopeFor(&e), "<genexpr>", e.span.line);
  u_->code->qualname = qualname;
  u_->code->argcount = 1;
  addConst(Constant{});               // consts[0] = None, like every function-like code object
  emit(Op::LOAD_FAST, 0, iter.span);  // ".0", the iterator passed in
  compileCompGenerator(e, 0, static_cast<int>(e.generators.size()));
  loadNone(e.span);
  emit(Op::RETURN_VALUE, 0, e.span);
  std::shared_ptr<CodeObject> code = leaveUnit();
  makeClosure(code, 0, e.span);
  emit(Op::SWAP, 2, e.span);
  emit(Op::CALL, 1, e.span);
}

void Compiler::compileCompGenerator(const Expr& e, size_t index, int depth) {
  const syntax::Comprehension& g = e.generators[index];
  if (g.is_async) return compileAsyncCompGenerator(e, index, depth);
  const Span& iter_pos = g.iter->span;
  if (index > 0) {
    compileExpr(*g.iter);
    emit(Op::GET_ITER, 0, iter_pos);
  }
  int start = newLabel(), anchor = newLabel();
  bind(start);
  emitJump(Op::FOR_ITER, anchor, iter_pos);
  compileStore(*g.target);
  for (const auto& cond : g.ifs) compileJumpIf(*cond, start, false);
  compileCompElement(e, index, depth);
  emitJump(Op::JUMP, start, iter_pos);
  bind(anchor);
}

void Compiler::compileCompElement(const Expr& e, size_t index, int depth) {
  if (index + 1 < e.generators.size()) {
    compileCompGenerator(e, index + 1, depth);
  } else {
    switch (e.kind) {
      case ExprKind::ListComp:
        compileExpr(*e.elt);
        emit(Op::LIST_APPEND, depth + 1, e.elt->span);
        break;
      case ExprKind::SetComp:
        compileExpr(*e.elt);
        emit(Op::SET_ADD, depth + 1, e.elt->span);
        break;
      case ExprKind::DictComp: {
        compileExpr(*e.left);
        compileExpr(*e.right);
        Span kv{e.left->span.line, e.left->span.col, e.right->span.end_line, e.right->span.end_col};
        emit(Op::MAP_ADD, depth + 1, kv);
        break;
      }
      case ExprKind::GeneratorExp:
        compileExpr(*e.elt);
        if (u_->code->flags & kAsyncGenerator) emit(Op::ASYNC_GEN_WRAP, 0, e.elt->span);
        emit(Op::YIELD_VALUE, 0, e.elt->span);
        emit(Op::POP_TOP, 0, e.elt->span);
        break;
      default:
        GBC_UNREACHABLE("not a comprehension");
    }
  }
}

}  // namespace gbc::interp::compiler_detail
