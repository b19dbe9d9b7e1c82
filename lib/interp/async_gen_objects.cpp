// Async generators (PEP 525): the async_generator type and the awaitables its asend(),
// athrow() and aclose() return, as CPython's genobject.c runs them. The generator's frame yields
// two kinds of values: its own `yield v` (wrapped by ASYNC_GEN_WRAP), which ends the awaitable
// with StopIteration(v), and whatever an inner await yields, which passes through to the event
// loop. Its end is StopAsyncIteration.
#include "interp/gen_objects.h"

namespace gbc::interp {

namespace {

/// The async generator's state: its frame, and whether an asend/athrow awaitable is running it.
struct AsyncGenObject : GeneratorObject {
  bool running_async = false;
};

struct Awaitable {
  enum class State { Init, Iter, Closed };
  Value agen;
  Value value;  // asend: the value to send; athrow: the exception (null for aclose)
  bool is_throw = false;
  bool is_close = false;
  State state = State::Init;
};

AsyncGenObject& agenOf(VM& vm, const Value& v) {
  GeneratorObject* g = generatorOf(vm, v);
  if (!g || !(g->frame->code->flags & kAsyncGenerator))
    vm.raise(vm.b().type_error,
             "descriptor requires an 'async_generator' object, not '" + vm.typeOf(v)->name + "'");
  return static_cast<AsyncGenObject&>(*g);
}

Awaitable& awaitableOf(VM& vm, const Value& self) {
  auto a = payloadOf<Awaitable>(vm, self, "async_generator_asend");
  if (!a) a = payloadOf<Awaitable>(vm, self, "async_generator_athrow");
  if (!a)
    vm.raise(vm.b().type_error, "descriptor requires an async generator awaitable, not '" +
                                    vm.typeOf(self)->name + "'");
  return *a;
}

/// The value of an async generator's own yield, or null for a value passing through.
Value unwrapped(VM& vm, const Value& v) {
  auto w = payloadOf<Value>(vm, v, "async_generator_wrapped_value");
  return w ? *w : nullptr;
}

[[noreturn]] void raiseStop(VM& vm, const ClassPtr& cls, const Value& value) {
  Value exc = vm.makeException(cls, "");
  if (value && !isNone(value)) {
    as<InstanceObject>(exc).dict->setStr("args", pyTuple({value}));
    as<InstanceObject>(exc).dict->setStr("value", value);
  }
  throw PyRaise{exc};
}

ClassPtr stopAsync(VM& vm) { return vm.b().by_name["StopAsyncIteration"]; }

/// One step of an asend/athrow awaitable: send `v` in (or throw `exc`), then map the result.
Value awaitableStep(VM& vm, Awaitable& a, const Value& v, const Value& exc) {
  if (a.state == Awaitable::State::Closed)
    vm.raise(vm.b().runtime_error,
             std::string("cannot reuse already awaited ") +
                 (a.is_throw || a.is_close ? "aclose()/athrow()" : "__anext__()/asend()"));
  AsyncGenObject& g = agenOf(vm, a.agen);
  GenStep r;
  try {
    if (a.state == Awaitable::State::Init) {
      if (g.running_async)
        vm.raise(vm.b().runtime_error,
                 std::string(a.is_throw || a.is_close ? (a.is_close ? "aclose()" : "athrow()")
                                                      : "anext()") +
                     ": asynchronous generator is already running");
      a.state = Awaitable::State::Iter;
      if (a.is_throw || a.is_close) {
        if (v && !isNone(v))
          vm.raise(vm.b().runtime_error, "can't send non-None value to a just-started coroutine");
        if (g.finished || (a.is_close && !g.frame->started)) {
          g.finished = true;
          a.state = Awaitable::State::Closed;
          if (a.is_close) raiseStop(vm, vm.b().stop_iteration, nullptr);
          raiseStop(vm, stopAsync(vm), nullptr);
        }
        g.running_async = true;
        Value thrown = a.is_close ? vm.makeException(vm.b().generator_exit, "") : a.value;
        r = exc ? genThrow(vm, g, exc) : genThrow(vm, g, thrown);
      } else {
        g.running_async = true;
        r = exc ? genThrow(vm, g, exc) : genSend(vm, g, v && !isNone(v) ? v : a.value);
      }
    } else {
      r = exc ? genThrow(vm, g, exc) : genSend(vm, g, v ? v : none());
    }
  } catch (PyRaise& e) {
    a.state = Awaitable::State::Closed;
    g.running_async = false;
    if (a.is_close && (vm.isInstance(e.exc, stopAsync(vm).get()) ||
                       vm.isInstance(e.exc, vm.b().generator_exit.get())))
      raiseStop(vm, vm.b().stop_iteration, nullptr);
    throw;
  }
  if (r.done) {
    a.state = Awaitable::State::Closed;
    g.running_async = false;
    if (a.is_close) raiseStop(vm, vm.b().stop_iteration, nullptr);
    raiseStop(vm, stopAsync(vm), nullptr);
  }
  if (Value yielded = unwrapped(vm, r.value)) {
    a.state = Awaitable::State::Closed;
    g.running_async = false;
    if (a.is_close) vm.raise(vm.b().runtime_error, "async generator ignored GeneratorExit");
    raiseStop(vm, vm.b().stop_iteration, yielded);
  }
  return r.value;  // from an await inside the generator: on to the event loop
}

Value builtinFn(const std::string& name, NativeFn fn) {
  return std::make_shared<BuiltinObject>(name, std::move(fn));
}

Value makeAwaitable(VM& vm, const char* cls, Value agen, Value value, bool is_throw,
                    bool is_close) {
  auto a = std::make_shared<Awaitable>();
  a->agen = std::move(agen);
  a->value = std::move(value);
  a->is_throw = is_throw;
  a->is_close = is_close;
  return makeNativeInstance(runtimeClass(vm, cls), a);
}

ClassPtr awaitableClass(VM& vm, const char* name) {
  auto d = newDict();
  d->setStr("send", builtinFn("send", [](VM& vm, CallArgs& a) -> Value {
              return awaitableStep(vm, awaitableOf(vm, a.args.at(0)), a.args.at(1), nullptr);
            }));
  d->setStr("__next__", builtinFn("__next__", [](VM& vm, CallArgs& a) -> Value {
              return awaitableStep(vm, awaitableOf(vm, a.args.at(0)), none(), nullptr);
            }));
  d->setStr("throw", builtinFn("throw", [](VM& vm, CallArgs& a) -> Value {
              Value exc = exceptionFromThrowArgs(vm, a, 1);
              return awaitableStep(vm, awaitableOf(vm, a.args.at(0)), nullptr, exc);
            }));
  d->setStr("close", builtinFn("close", [](VM& vm, CallArgs& a) -> Value {
              awaitableOf(vm, a.args.at(0)).state = Awaitable::State::Closed;
              return none();
            }));
  auto self = [](VM&, CallArgs& a) -> Value { return a.args.at(0); };
  d->setStr("__await__", builtinFn("__await__", self));
  d->setStr("__iter__", builtinFn("__iter__", self));
  ClassPtr cls = vm.makeClass(name, {vm.b().object}, d);
  cls->module = "builtins";
  return cls;
}

Value property(NativeFn fget) {
  auto p = std::make_shared<PropertyObject>();
  p->fget = builtinFn("fget", std::move(fget));
  return p;
}

}  // namespace

Value asyncGenASend(VM& vm, const Value& agen, Value v) {
  return makeAwaitable(vm, "async_generator_asend", agen, std::move(v), false, false);
}

Value makeCoroutine(VM& vm, const std::shared_ptr<FunctionObject>& fn, CallArgs& args) {
  const bool agen = (fn->code->flags & kAsyncGenerator) != 0;
  std::shared_ptr<GeneratorObject> g =
      agen ? std::make_shared<AsyncGenObject>() : std::make_shared<GeneratorObject>();
  g->frame = vm.makeFrame(fn, args);
  g->frame->generator = true;
  return makeNativeInstance(runtimeClass(vm, agen ? "async_generator" : "coroutine"), g);
}

void installAsyncGenerators(VM& vm) {
  auto& B = vm.b();
  B.by_name["gbc:async_generator_asend"] = awaitableClass(vm, "async_generator_asend");
  B.by_name["gbc:async_generator_athrow"] = awaitableClass(vm, "async_generator_athrow");
  ClassPtr wrapped = vm.makeClass("async_generator_wrapped_value", {B.object}, nullptr);
  wrapped->module = "builtins";
  B.by_name["gbc:async_generator_wrapped_value"] = wrapped;

  auto d = newDict();
  d->setStr("__aiter__",
            builtinFn("__aiter__", [](VM&, CallArgs& a) -> Value { return a.args.at(0); }));
  d->setStr("__anext__", builtinFn("__anext__", [](VM& vm, CallArgs& a) -> Value {
              return asyncGenASend(vm, a.args.at(0), none());
            }));
  d->setStr("asend", builtinFn("asend", [](VM& vm, CallArgs& a) -> Value {
              return asyncGenASend(vm, a.args.at(0), a.args.at(1));
            }));
  d->setStr("athrow", builtinFn("athrow", [](VM& vm, CallArgs& a) -> Value {
              Value exc = exceptionFromThrowArgs(vm, a, 1);
              return makeAwaitable(vm, "async_generator_athrow", a.args.at(0), exc, true, false);
            }));
  d->setStr("aclose", builtinFn("aclose", [](VM& vm, CallArgs& a) -> Value {
              return makeAwaitable(vm, "async_generator_athrow", a.args.at(0), nullptr, false,
                                   true);
            }));
  d->setStr("ag_running", property([](VM& vm, CallArgs& a) {
              return pyBool(agenOf(vm, a.args[0]).running_async);
            }));
  d->setStr("ag_code", property([](VM& vm, CallArgs& a) -> Value {
              return std::make_shared<CodeValue>(agenOf(vm, a.args[0]).frame->code);
            }));
  d->setStr("ag_frame", property([](VM& vm, CallArgs& a) -> Value {
              AsyncGenObject& g = agenOf(vm, a.args[0]);
              if (g.finished) return none();
              return std::make_shared<CodeValue>(g.frame->code);  // stand-in (no frame objects)
            }));
  d->setStr("ag_await", property([](VM& vm, CallArgs& a) -> Value {
              AsyncGenObject& g = agenOf(vm, a.args[0]);
              return g.frame->delegating && !g.finished ? g.frame->stack.back() : none();
            }));
  d->setStr("__name__", property([](VM& vm, CallArgs& a) -> Value {
              return pyStr(agenOf(vm, a.args[0]).frame->func->name);
            }));
  d->setStr("__qualname__", property([](VM& vm, CallArgs& a) -> Value {
              return pyStr(agenOf(vm, a.args[0]).frame->func->qualname);
            }));
  ClassPtr cls = vm.makeClass("async_generator", {B.object}, d);
  cls->module = "builtins";
  B.by_name["gbc:async_generator"] = cls;
}

Value wrapAsyncGenValue(VM& vm, Value v) {
  return makeNativeInstance(runtimeClass(vm, "async_generator_wrapped_value"),
                            std::make_shared<Value>(std::move(v)));
}

}  // namespace gbc::interp
