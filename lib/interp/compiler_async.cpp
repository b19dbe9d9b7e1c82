// Coroutines: await, async for, async with and asynchronous comprehensions. An await is
// GET_AWAITABLE (the object's awaitable iterator) then YIELD_FROM 1 (delegation to it until it
// returns); the runtime side is eval_async.cpp.
//
// async for:   <iter>; GET_AITER
//           L: SETUP_FINALLY H; GET_ANEXT; YIELD_FROM 1; POP_BLOCK; <store>; <body>; JUMP L
//           H: END_ASYNC_FOR (StopAsyncIteration ends the loop); <orelse>
// async with:  <ctx>; BEFORE_ASYNC_WITH; GET_AWAITABLE 1; YIELD_FROM 1; SETUP_ASYNC_WITH H;
//              (store | POP_TOP); <body>; POP_BLOCK; <exit>; JUMP END
//           H: ASYNC_WITH_EXCEPT; GET_AWAITABLE 2; YIELD_FROM 1; POP_JUMP_IF_TRUE S; RERAISE
//           S: POP_TOP; POP_TOP; POP_EXCEPT; JUMP END
//   <exit> = LOAD_CONST None x3; CALL 3; GET_AWAITABLE 2; YIELD_FROM 1; POP_TOP (the `exit` on
//   the stack called with three Nones and awaited); `return`/`break` crossing the block run it
//   after POP_BLOCK.
#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::ExprKind;
using Kind = FBlock::Kind;

void Compiler::emitAwait(int where, const Span& pos) {
  emit(Op::GET_AWAITABLE, where, pos);
  emit(Op::YIELD_FROM, 1, pos);
}

void Compiler::emitAsyncWithExit(const Span& pos) {
  loadNone(pos);
  loadNone(pos);
  loadNone(pos);
  emit(Op::CALL, 3, pos);
  emitAwait(2, pos);
  emit(Op::POP_TOP, 0, pos);
}

void Compiler::compileAsyncFor(const Stmt& s) {
  const Span& pos = s.iter->span;
  compileExpr(*s.iter);
  emit(Op::GET_AITER, 0, pos);
  int start = newLabel(), handler = newLabel(), exit = newLabel();
  bind(start);
  emitJump(Op::SETUP_FINALLY, handler, pos);
  emit(Op::GET_ANEXT, 0, pos);
  emit(Op::YIELD_FROM, 1, pos);
  emit(Op::POP_BLOCK, 0, pos);
  compileStore(*s.target);
  u_->fblocks.push_back(FBlock{Kind::ForLoop, start, exit, nullptr, {}, s.span});
  compileStmts(s.body);
  u_->fblocks.pop_back();
  if (s.body.empty() || !isTerminator(*s.body.back())) emitJump(Op::JUMP, start, pos);
  bind(handler);
  emit(Op::END_ASYNC_FOR, 0, pos);
  compileStmts(s.orelse);
  bind(exit);
}

void Compiler::compileAsyncWith(const Stmt& s, size_t item_index) {
  const syntax::WithItem& item = s.items[item_index];
  const Span& pos = item.context_expr->span;
  compileExpr(*item.context_expr);
  emit(Op::BEFORE_ASYNC_WITH, 0, pos);
  emitAwait(1, pos);
  int handler = newLabel(), suppress = newLabel(), end = newLabel();
  emitJump(Op::SETUP_ASYNC_WITH, handler, pos);
  u_->fblocks.push_back(FBlock{Kind::AsyncWith, -1, -1, &s, {}, pos});
  if (item.optional_vars) {
    compileStore(*item.optional_vars);
  } else {
    emit(Op::POP_TOP, 0, pos);
  }
  if (item_index + 1 < s.items.size()) {
    compileAsyncWith(s, item_index + 1);
  } else {
    compileStmts(s.body);
  }
  u_->fblocks.pop_back();
  const bool falls = s.body.empty() || !isTerminator(*s.body.back());
  if (falls || item_index + 1 < s.items.size()) {
    emit(Op::POP_BLOCK, 0, pos);
    emitAsyncWithExit(pos);
    emitJump(Op::JUMP, end, pos);
  }
  bind(handler);
  emit(Op::ASYNC_WITH_EXCEPT, 0, pos);
  emitAwait(2, pos);
  emitJump(Op::POP_JUMP_IF_TRUE, suppress, pos);
  emit(Op::RERAISE, 0, pos);
  bind(suppress);
  emit(Op::POP_TOP, 0, pos);
  emit(Op::POP_TOP, 0, pos);
  emit(Op::POP_EXCEPT, 0, pos);
  emitJump(Op::JUMP, end, pos);
  bind(end);
}

// One `async for` clause of a comprehension: the iterator (GET_AITER'd) is on the stack.
void Compiler::compileAsyncCompGenerator(const Expr& e, size_t index, int depth) {
  const syntax::Comprehension& g = e.generators[index];
  const Span& iter_pos = g.iter->span;
  if (index > 0) {
    compileExpr(*g.iter);
    emit(Op::GET_AITER, 0, iter_pos);
  }
  int start = newLabel(), handler = newLabel();
  bind(start);
  emitJump(Op::SETUP_FINALLY, handler, iter_pos);
  emit(Op::GET_ANEXT, 0, iter_pos);
  emit(Op::YIELD_FROM, 1, iter_pos);
  emit(Op::POP_BLOCK, 0, iter_pos);
  compileStore(*g.target);
  for (const auto& cond : g.ifs) compileJumpIf(*cond, start, false);
  compileCompElement(e, index, depth);
  emitJump(Op::JUMP, start, iter_pos);
  bind(handler);
  emit(Op::END_ASYNC_FOR, 0, iter_pos);
}

}  // namespace gbc::interp::compiler_detail
