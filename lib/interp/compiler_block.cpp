// Control flow: if/while/for, try/except/finally, with, return/break/continue and the frame-block
// unwinding they need (bytecode.h's block protocols, CPython's compiler_unwind_fblock).
#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::StmtKind;
using Kind = FBlock::Kind;

// A block whose last statement never falls through (no jump back / to the end is needed).
static bool endsWithJump(const syntax::StmtList& body) {
  return !body.empty() && isTerminator(*body.back());
}

void Compiler::unwindBlock(const FBlock& fb, bool preserve_tos, const Span& pos) {
  switch (fb.kind) {
    case Kind::WhileLoop:
      return;
    case Kind::ForLoop:
      if (preserve_tos) emit(Op::SWAP, 2, pos);
      emit(Op::POP_TOP, 0, pos);  // the iterator
      return;
    case Kind::TryExcept:
      emit(Op::POP_BLOCK, 0, pos);
      return;
    case Kind::FinallyTry:
      emit(Op::POP_BLOCK, 0, pos);
      if (preserve_tos) u_->fblocks.push_back(FBlock{Kind::PopValue, -1, -1, nullptr, {}, pos});
      compileStmts(fb.stmt->finalbody);
      if (preserve_tos) u_->fblocks.pop_back();
      return;
    case Kind::FinallyEnd:
      if (preserve_tos) emit(Op::SWAP, 2, pos);
      emit(Op::POP_TOP, 0, pos);  // the exception
      emit(Op::POP_EXCEPT, 0, pos);
      return;
    case Kind::With:
      emit(Op::POP_BLOCK, 0, fb.pos);
      if (preserve_tos) emit(Op::SWAP, 2, fb.pos);
      emit(Op::WITH_EXIT, 0, fb.pos);
      return;
    case Kind::HandlerCleanup:
      emit(Op::POP_EXCEPT, 0, pos);
      if (!fb.name.empty()) {
        loadNone(pos);
        nameOp(fb.name, NameCtx::Store, pos);
        nameOp(fb.name, NameCtx::Del, pos);
      }
      return;
    case Kind::PopValue:
      if (preserve_tos) emit(Op::SWAP, 2, pos);
      emit(Op::POP_TOP, 0, pos);
      return;
    case Kind::AsyncWith:
      emit(Op::POP_BLOCK, 0, fb.pos);
      if (preserve_tos) emit(Op::SWAP, 2, fb.pos);
      emitAsyncWithExit(fb.pos);
      return;
    case Kind::ExceptStarBody:
      emit(Op::POP_BLOCK, 0, pos);
      if (!fb.name.empty()) {
        loadNone(pos);
        nameOp(fb.name, NameCtx::Store, pos);
        nameOp(fb.name, NameCtx::Del, pos);
      }
      return;
  }
  GBC_UNREACHABLE("fblock kind");
}

int Compiler::unwindBlocks(bool preserve_tos, bool stop_at_loop, const Span& pos) {
  auto& fblocks = u_->fblocks;
  if (fblocks.empty()) return -1;
  FBlock top = fblocks.back();
  if (top.kind == Kind::ExceptStarBody)
    error(pos, "'break', 'continue' and 'return' cannot appear in an except* block");
  if (stop_at_loop && (top.kind == Kind::WhileLoop || top.kind == Kind::ForLoop))
    return static_cast<int>(fblocks.size()) - 1;
  // The block is popped while its unwinding code is compiled: a `return` inside a copied
  // finalbody must not run that finalbody again.
  fblocks.pop_back();
  unwindBlock(top, preserve_tos, pos);
  int loop = unwindBlocks(preserve_tos, stop_at_loop, pos);
  fblocks.push_back(std::move(top));
  return loop;
}

void Compiler::compileReturn(const Stmt& s) {
  ScopeKind k = u_->scope->kind;
  if (k != ScopeKind::Function && k != ScopeKind::Lambda)
    error(s.span, "'return' outside function");
  if (s.value && (u_->code->flags & kAsyncGenerator))
    error(s.span, "'return' with value in async generator");
  const bool preserve = s.value && s.value->kind != syntax::ExprKind::Constant;
  if (preserve) compileExpr(*s.value);
  unwindBlocks(preserve, false, s.span);
  if (!s.value) {
    loadNone(s.span);
  } else if (!preserve) {
    loadConst(s.value->constant, s.value->span);
  }
  emit(Op::RETURN_VALUE, 0, s.span);
}

void Compiler::compileBreakContinue(const Stmt& s, bool is_break) {
  int loop = unwindBlocks(false, true, s.span);
  if (loop < 0)
    error(s.span, is_break ? "'break' outside loop" : "'continue' not properly in loop");
  FBlock lp = u_->fblocks[static_cast<size_t>(loop)];
  if (is_break) {
    unwindBlock(lp, false, s.span);
    emitJump(Op::JUMP, lp.exit, s.span);
  } else {
    emitJump(Op::JUMP, lp.start, s.span);
  }
}

void Compiler::compileIf(const Stmt& s) {
  int truth = constantTruth(*s.test);
  if (truth >= 0) {
    emit(Op::NOP, 0, s.test->span);
    compileStmts(truth ? s.body : s.orelse);
    return;
  }
  int end = newLabel();
  int next = s.orelse.empty() ? end : newLabel();
  compileJumpIf(*s.test, next, false);
  compileStmts(s.body);
  if (!s.orelse.empty()) {
    if (!endsWithJump(s.body)) emitJump(Op::JUMP, end, s.span);
    bind(next);
    compileStmts(s.orelse);
  }
  bind(end);
}

void Compiler::compileWhile(const Stmt& s) {
  int truth = constantTruth(*s.test);
  if (truth == 0) {
    emit(Op::NOP, 0, s.test->span);
    compileStmts(s.orelse);
    return;
  }
  int start = newLabel(), anchor = newLabel(), exit = newLabel();
  bind(start);
  if (truth == 1) {
    emit(Op::NOP, 0, s.test->span);
  } else {
    compileJumpIf(*s.test, anchor, false);
  }
  u_->fblocks.push_back(FBlock{Kind::WhileLoop, start, exit, nullptr, {}, s.span});
  int body = newLabel();
  bind(body);
  compileStmts(s.body);
  u_->fblocks.pop_back();
  if (!endsWithJump(s.body)) {
    if (options_.while_test_at_bottom && truth != 1) {
      // CPython 3.12: the test again, out forward, then back to the body
      compileJumpIf(*s.test, anchor, false);
      emitJump(Op::JUMP, body, s.test->span);
    } else {
      emitJump(Op::JUMP, start, s.test->span);
    }
  }
  bind(anchor);
  compileStmts(s.orelse);
  bind(exit);
}

void Compiler::compileFor(const Stmt& s) {
  if (s.is_async) return compileAsyncFor(s);
  const Span& pos = s.iter->span;
  compileExpr(*s.iter);
  emit(Op::GET_ITER, 0, pos);
  int start = newLabel(), cleanup = newLabel(), exit = newLabel();
  bind(start);
  emitJump(Op::FOR_ITER, cleanup, pos);
  compileStore(*s.target);
  u_->fblocks.push_back(FBlock{Kind::ForLoop, start, exit, nullptr, {}, s.span});
  compileStmts(s.body);
  u_->fblocks.pop_back();
  if (!endsWithJump(s.body)) emitJump(Op::JUMP, start, pos);
  bind(cleanup);
  compileStmts(s.orelse);
  bind(exit);
}

void Compiler::compileTry(const Stmt& s) {
  if (!s.finalbody.empty()) {
    compileTryFinally(s);
  } else if (s.is_star) {
    compileTryStar(s);
  } else {
    compileTryExcept(s);
  }
}

// SETUP_FINALLY H; <try-except or body>; POP_BLOCK; <finalbody>; JUMP END;
// H: <finalbody>; RERAISE; END:
void Compiler::compileTryFinally(const Stmt& s) {
  int handler = newLabel(), end = newLabel();
  emitJump(Op::SETUP_FINALLY, handler, s.span);
  u_->fblocks.push_back(FBlock{Kind::FinallyTry, -1, -1, &s, {}, s.span});
  if (s.handlers.empty()) {
    compileStmts(s.body);
  } else if (s.is_star) {
    compileTryStar(s);
  } else {
    compileTryExcept(s);
  }
  u_->fblocks.pop_back();
  emit(Op::POP_BLOCK, 0, s.span);
  compileStmts(s.finalbody);
  emitJump(Op::JUMP, end, s.span);
  bind(handler);
  u_->fblocks.push_back(FBlock{Kind::FinallyEnd, -1, -1, &s, {}, s.span});
  compileStmts(s.finalbody);
  u_->fblocks.pop_back();
  emit(Op::RERAISE, 0, s.span);
  bind(end);
}

// SETUP_FINALLY H; <body>; POP_BLOCK; JUMP ELSE;
// H: [<type>; CHECK_EXC_MATCH; POP_JUMP_IF_FALSE NEXT;] (STORE name | POP_TOP); <handler body>;
//    POP_EXCEPT; [name = None; del name]; JUMP END; NEXT: ... RERAISE;
// ELSE: <orelse>; END:
void Compiler::compileTryExcept(const Stmt& s) {
  int handler = newLabel(), orelse = newLabel(), end = newLabel();
  emitJump(Op::SETUP_FINALLY, handler, s.span);
  u_->fblocks.push_back(FBlock{Kind::TryExcept, -1, -1, &s, {}, s.span});
  compileStmts(s.body);
  u_->fblocks.pop_back();
  emit(Op::POP_BLOCK, 0, s.span);
  emitJump(Op::JUMP, orelse, s.span);
  bind(handler);
  for (size_t i = 0; i < s.handlers.size(); ++i) {
    const syntax::ExceptHandler& h = s.handlers[i];
    if (!h.type && i + 1 < s.handlers.size()) error(h.span, "default 'except:' must be last");
    int next = newLabel();
    if (h.type) {
      compileExpr(*h.type);
      emit(Op::CHECK_EXC_MATCH, 0, h.span);
      emitJump(Op::POP_JUMP_IF_FALSE, next, h.span);
    }
    if (h.name) {
      nameOp(*h.name, NameCtx::Store, h.span);
    } else {
      emit(Op::POP_TOP, 0, h.span);
    }
    u_->fblocks.push_back(
        FBlock{Kind::HandlerCleanup, -1, -1, nullptr, h.name.value_or(""), h.span});
    compileStmts(h.body);
    u_->fblocks.pop_back();
    if (!endsWithJump(h.body)) {
      emit(Op::POP_EXCEPT, 0, h.span);
      if (h.name) {
        loadNone(h.span);
        nameOp(*h.name, NameCtx::Store, h.span);
        nameOp(*h.name, NameCtx::Del, h.span);
      }
      emitJump(Op::JUMP, end, h.span);
    }
    bind(next);
  }
  emit(Op::RERAISE, 0, s.span);
  bind(orelse);
  compileStmts(s.orelse);
  bind(end);
}

// <ctx>; SETUP_WITH H; (store | POP_TOP); <body>; POP_BLOCK; WITH_EXIT; JUMP END;
// H: WITH_EXCEPT; POP_JUMP_IF_TRUE S; RERAISE; S: POP_TOP; POP_TOP; POP_EXCEPT; JUMP END; END:
void Compiler::compileWith(const Stmt& s, size_t item_index) {
  if (s.is_async) return compileAsyncWith(s, item_index);
  const syntax::WithItem& item = s.items[item_index];
  const Span& pos = item.context_expr->span;
  compileExpr(*item.context_expr);
  int handler = newLabel(), suppress = newLabel(), end = newLabel();
  emitJump(Op::SETUP_WITH, handler, pos);
  u_->fblocks.push_back(FBlock{Kind::With, -1, -1, &s, {}, pos});
  if (item.optional_vars) {
    compileStore(*item.optional_vars);
  } else {
    emit(Op::POP_TOP, 0, pos);
  }
  if (item_index + 1 < s.items.size()) {
    compileWith(s, item_index + 1);
  } else {
    compileStmts(s.body);
  }
  u_->fblocks.pop_back();
  if (!endsWithJump(s.body) || item_index + 1 < s.items.size()) {
    emit(Op::POP_BLOCK, 0, pos);
    emit(Op::WITH_EXIT, 0, pos);
    emitJump(Op::JUMP, end, pos);
  }
  bind(handler);
  emit(Op::WITH_EXCEPT, 0, pos);
  emitJump(Op::POP_JUMP_IF_TRUE, suppress, pos);
  emit(Op::RERAISE, 0, pos);
  bind(suppress);
  emit(Op::POP_TOP, 0, pos);
  emit(Op::POP_TOP, 0, pos);
  emit(Op::POP_EXCEPT, 0, pos);
  emitJump(Op::JUMP, end, pos);
  bind(end);
}

void Compiler::compileAssert(const Stmt& s) {
  int ok = newLabel();
  compileJumpIf(*s.test, ok, true);
  emit(Op::LOAD_ASSERTION_ERROR, 0, s.span);
  if (s.msg) {
    compileExpr(*s.msg);
    emit(Op::CALL, 1, s.span);
  }
  emit(Op::RAISE_VARARGS, 1, s.span);
  bind(ok);
}

// try/except* (PEP 654). The handler keeps [raised list, original, rest] on the stack; each
// clause splits `rest` with CHECK_EG_MATCH, runs its body on the match (its own Try block
// collects what the body raises) and PREP_RERAISE_STAR combines what is left to raise:
//   SETUP_FINALLY H; <body>; POP_BLOCK; JUMP ELSE
//   H: BUILD_LIST 0; SWAP 2; COPY 1
//      per clause: <type>; CHECK_EG_MATCH; COPY 1; LOAD_CONST None; IS_OP 0;
//        POP_JUMP_IF_TRUE NO; (STORE name | POP_TOP); SETUP_FINALLY E; <body>; POP_BLOCK;
//        [name cleanup]; JUMP NEXT
//        E: [name cleanup]; LIST_APPEND 3; POP_EXCEPT; JUMP NEXT
//        NO: POP_TOP   NEXT:
//      LIST_APPEND 2; SWAP 2; PREP_RERAISE_STAR; COPY 1; LOAD_CONST None; IS_OP 0;
//      POP_JUMP_IF_TRUE DONE; RERAISE
//   DONE: POP_TOP; POP_EXCEPT; JUMP END
//   ELSE: <orelse>   END:
void Compiler::compileTryStar(const Stmt& s) {
  int handler = newLabel(), orelse = newLabel(), end = newLabel();
  emitJump(Op::SETUP_FINALLY, handler, s.span);
  u_->fblocks.push_back(FBlock{Kind::TryExcept, -1, -1, &s, {}, s.span});
  compileStmts(s.body);
  u_->fblocks.pop_back();
  emit(Op::POP_BLOCK, 0, s.span);
  emitJump(Op::JUMP, orelse, s.span);
  bind(handler);
  emit(Op::BUILD_LIST, 0, s.span);
  emit(Op::SWAP, 2, s.span);
  emit(Op::COPY, 1, s.span);
  auto cleanupName = [&](const syntax::ExceptHandler& h) {
    if (!h.name) return;
    loadNone(h.span);
    nameOp(*h.name, NameCtx::Store, h.span);
    nameOp(*h.name, NameCtx::Del, h.span);
  };
  for (const syntax::ExceptHandler& h : s.handlers) {
    if (!h.type) error(h.span, "expected one or more exception types");
    int no_match = newLabel(), next = newLabel(), body_exc = newLabel();
    compileExpr(*h.type);
    emit(Op::CHECK_EG_MATCH, 0, h.span);
    emit(Op::COPY, 1, h.span);
    loadNone(h.span);
    emit(Op::IS_OP, 0, h.span);
    emitJump(Op::POP_JUMP_IF_TRUE, no_match, h.span);
    if (h.name) {
      nameOp(*h.name, NameCtx::Store, h.span);
    } else {
      emit(Op::POP_TOP, 0, h.span);
    }
    emitJump(Op::SETUP_FINALLY, body_exc, h.span);
    u_->fblocks.push_back(
        FBlock{Kind::ExceptStarBody, -1, -1, nullptr, h.name.value_or(""), h.span});
    compileStmts(h.body);
    u_->fblocks.pop_back();
    emit(Op::POP_BLOCK, 0, h.span);
    cleanupName(h);
    emitJump(Op::JUMP, next, h.span);
    bind(body_exc);
    cleanupName(h);
    emit(Op::LIST_APPEND, 3, h.span);
    emit(Op::POP_EXCEPT, 0, h.span);
    emitJump(Op::JUMP, next, h.span);
    bind(no_match);
    emit(Op::POP_TOP, 0, h.span);
    bind(next);
  }
  int done = newLabel();
  emit(Op::LIST_APPEND, 2, s.span);
  emit(Op::SWAP, 2, s.span);
  emit(Op::PREP_RERAISE_STAR, 0, s.span);
  emit(Op::COPY, 1, s.span);
  loadNone(s.span);
  emit(Op::IS_OP, 0, s.span);
  emitJump(Op::POP_JUMP_IF_TRUE, done, s.span);
  emit(Op::RERAISE, 0, s.span);
  bind(done);
  emit(Op::POP_TOP, 0, s.span);
  emit(Op::POP_EXCEPT, 0, s.span);
  emitJump(Op::JUMP, end, s.span);
  bind(orelse);
  compileStmts(s.orelse);
  bind(end);
}

}  // namespace gbc::interp::compiler_detail
