// The async opcodes and YIELD_FROM: awaitables (GET_AWAITABLE), async iteration (GET_AITER,
// GET_ANEXT, END_ASYNC_FOR), async context managers (BEFORE_ASYNC_WITH, SETUP_ASYNC_WITH,
// ASYNC_WITH_EXCEPT) and the delegation of `yield from`/`await`, with CPython's messages (3.14,
// and 3.12's where they differ).
#include "interp/gen_objects.h"

namespace gbc::interp {

namespace {

bool python312(VM& vm) { return vm.target().python == "3.12"; }

Value pop(Frame& f) {
  Value v = std::move(f.stack.back());
  f.stack.pop_back();
  return v;
}

bool isIterator(VM& vm, const Value& v) {
  if (v->kind == Kind::Generator || v->kind == Kind::Iterator) return true;
  return v->kind == Kind::Instance && vm.typeOf(v)->lookup("__next__") != nullptr;
}

/// GET_YIELD_FROM_ITER: generators and coroutines delegate as they are, others through iter().
Value yieldFromIter(VM& vm, Frame& f, const Value& v) {
  if (isCoroutineObject(vm, v)) {
    const uint32_t fl = f.code->co_flags;
    if (!(fl & (kCoCoroutine | kCoIterableCoroutine)))
      vm.raise(vm.b().type_error,
               "cannot 'yield from' a coroutine object in a non-coroutine generator");
    return v;
  }
  if (v->kind == Kind::Generator) return v;
  return vm.iter(v);
}

}  // namespace

Value awaitableIter(VM& vm, const Value& obj, int where) {
  if (isCoroutineObject(vm, obj)) {
    GeneratorObject* g = generatorOf(vm, obj);
    if (g->frame->delegating && !g->finished)
      vm.raise(vm.b().runtime_error, "coroutine is being awaited already");
    return obj;
  }
  if (obj->kind == Kind::Generator &&
      (as<GeneratorObject>(obj).frame->code->co_flags & kCoIterableCoroutine))
    return obj;
  Value method = vm.typeOf(obj)->lookup("__await__");
  if (!method) {
    const std::string type = vm.typeOf(obj)->name;
    switch (where) {
      case 1:
        vm.raise(vm.b().type_error,
                 "'async with' received an object from __aenter__ that does not implement "
                 "__await__: " +
                     type);
      case 2:
        vm.raise(vm.b().type_error,
                 "'async with' received an object from __aexit__ that does not implement "
                 "__await__: " +
                     type);
      case 3:
        vm.raise(vm.b().type_error,
                 "'async for' received an invalid object from __anext__: " + type);
      default:
        if (python312(vm))
          vm.raise(vm.b().type_error, "object " + type + " can't be used in 'await' expression");
        vm.raise(vm.b().type_error, "'" + type + "' object can't be awaited");
    }
  }
  Value res = vm.call(method, std::vector<Value>{obj});
  if (isCoroutineObject(vm, res)) vm.raise(vm.b().type_error, "__await__() returned a coroutine");
  if (!isIterator(vm, res))
    vm.raise(vm.b().type_error,
             "__await__() returned non-iterator of type '" + vm.typeOf(res)->name + "'");
  return res;
}

[[noreturn]] void raisePending(Frame& f) {
  Value exc = std::move(f.throw_in);
  f.throw_in = nullptr;
  throw PyRaise{exc};
}

bool yieldFrom(VM& vm, Frame& f, const Instr& in, Value& out) {
  Value sub, sent;
  if (f.delegating) {
    // Resumed: the generator driver pushed the value sent in.
    f.delegating = false;
    sent = pop(f);
    sub = f.stack.back();
  } else {
    if (in.arg == 0) f.stack.back() = yieldFromIter(vm, f, f.stack.back());
    sub = f.stack.back();
    sent = none();
  }
  GenStep r = sendInto(vm, sub, sent);
  if (!r.done) {
    f.delegating = true;
    f.pc = f.cur;  // runs again when the frame resumes
    out = r.value;
    return true;
  }
  f.stack.back() = r.value;
  return false;
}

void execAsyncOp(VM& vm, Frame& f, const Instr& in) {
  switch (in.op) {
    case Op::GET_AWAITABLE:
      f.stack.back() = awaitableIter(vm, f.stack.back(), in.arg);
      return;
    case Op::GET_AITER: {
      Value obj = f.stack.back();
      Value aiter_fn = vm.typeOf(obj)->lookup("__aiter__");
      if (!aiter_fn)
        vm.raise(vm.b().type_error, "'async for' requires an object with __aiter__ method, got " +
                                        vm.typeOf(obj)->name);
      Value it = vm.call(aiter_fn, std::vector<Value>{obj});
      if (!vm.typeOf(it)->lookup("__anext__"))
        vm.raise(vm.b().type_error,
                 "'async for' received an object from __aiter__ that does not implement "
                 "__anext__: " +
                     vm.typeOf(it)->name);
      f.stack.back() = it;
      return;
    }
    case Op::GET_ANEXT: {
      Value aiter = f.stack.back();
      Value anext = vm.typeOf(aiter)->lookup("__anext__");
      if (!anext)
        vm.raise(vm.b().type_error, "'async for' requires an iterator with __anext__ method, got " +
                                        vm.typeOf(aiter)->name);
      Value awaitable = vm.call(anext, std::vector<Value>{aiter});
      f.stack.push_back(awaitableIter(vm, awaitable, 3));
      return;
    }
    case Op::END_ASYNC_FOR: {
      Value exc = pop(f);
      if (!vm.isInstance(exc, vm.b().by_name["StopAsyncIteration"].get())) {
        if (!f.handled.empty()) f.handled.pop_back();
        throw PyRaise{exc};
      }
      f.stack.pop_back();  // the async iterator
      if (!f.handled.empty()) f.handled.pop_back();
      return;
    }
    case Op::BEFORE_ASYNC_WITH: {
      Value mgr = pop(f);
      ClassPtr type = vm.typeOf(mgr);
      Value enter = type->lookup("__aenter__");
      Value exit = type->lookup("__aexit__");
      const std::string what = "'" + type->name +
                               "' object does not support the asynchronous context manager "
                               "protocol";
      if (python312(vm)) {
        if (!enter || !exit) vm.raise(vm.b().type_error, what);
      } else {
        if (!exit) vm.raise(vm.b().type_error, what + " (missed __aexit__ method)");
        if (!enter) vm.raise(vm.b().type_error, what + " (missed __aenter__ method)");
      }
      f.stack.push_back(vm.getAttr(mgr, "__aexit__"));
      f.stack.push_back(vm.call(vm.getAttr(mgr, "__aenter__"), std::vector<Value>{}));
      return;
    }
    case Op::SETUP_ASYNC_WITH:
      // The block keeps `exit` (just below the awaited __aenter__ result) for the handler.
      f.blocks.push_back({Block::Type::With, in.arg, static_cast<int>(f.stack.size()) - 1,
                          static_cast<int>(f.handled.size())});
      return;
    case Op::ASYNC_WITH_EXCEPT: {
      Value exc = f.stack.back();
      Value exit = f.stack[f.stack.size() - 2];
      f.stack.push_back(vm.call(exit, std::vector<Value>{vm.typeOf(exc), exc, none()}));
      return;
    }
    default:
      GBC_UNREACHABLE("not an async opcode");
  }
}

}  // namespace gbc::interp
