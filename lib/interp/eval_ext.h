// The runtime side of the opcodes and objects the compiler gained for the rest of the language:
// coroutines and async generators (eval_async.cpp, gen_objects.cpp), match statements
// (eval_match.cpp), except* and ExceptionGroup (exception_group.cpp), annotation scopes and
// PEP 649/695 (eval_scopes.cpp; the annotation attributes are annotations.cpp's getsets),
// template strings (template_objects.cpp) and compile/exec/eval (builtins_exec.cpp). eval.cpp
// calls in through execExtendedOp and yieldFrom; the VM installs the classes and builtins with
// installLanguageRuntime (ExceptionGroup comes with the builtin exceptions).
#pragma once

#include <memory>
#include <string_view>

#include "interp/vm.h"

namespace gbc::interp {

/// Executes one of the opcodes listed in eval.cpp's hook (not the suspending YIELD_FROM).
void execExtendedOp(VM& vm, Frame& f, const Instr& in);

/// YIELD_FROM (arg 0: `yield from`, the operand still needs iter(); 1: an awaitable iterator
/// from GET_AWAITABLE/GET_ANEXT): delegates to the iterator on TOS. True with `out` the value
/// to yield when the delegate yields (the frame stays on this instruction, Frame::delegating
/// set); false when it returned, its result replacing it on the stack.
bool yieldFrom(VM& vm, Frame& f, const Instr& in, Value& out);

/// Raises (as a PyRaise) the exception a generator.throw() left in Frame::throw_in.
[[noreturn]] void raisePending(Frame& f);

/// next() of a generator: its next value, or null when it is exhausted (then `*returned`, when
/// given, is what it returned, for StopIteration.value).
Value generatorNext(VM& vm, const Value& gen, Value* returned = nullptr);

/// The next value of an iterator, or StopIteration (with the value a generator returned), as
/// next(it) and it.__next__() raise it.
Value nextOrStop(VM& vm, const Value& it);

/// The object a call of an `async def` makes: a coroutine, or an async generator.
Value makeCoroutine(VM& vm, const std::shared_ptr<FunctionObject>& fn, CallArgs& args);

/// A function's `__doc__`: its code's first constant when that is a str (the compiler puts the
/// docstring there), else None.
Value functionDocstring(const FunctionObject& fn);

/// Registers the classes and builtins of this part of the runtime: coroutine,
/// async_generator and their awaitables, generator.send/throw/close and gi_*, Template and
/// Interpolation, compile/exec/eval.
void installLanguageRuntime(VM& vm);

}  // namespace gbc::interp
