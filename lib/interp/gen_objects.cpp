// Generators and coroutines: the driver that resumes their frames (send, throw with delegation
// to a `yield from`/`await` target, close), PEP 479's StopIteration rule, generator.send/throw/
// close and the coroutine type (send, throw, close, __await__, cr_*) as CPython's genobject.c
// has them.
#include "interp/gen_objects.h"

#include "interp/frame_object.h"

namespace gbc::interp {

namespace {

const char* kindName(const GeneratorObject& g) {
  const uint32_t fl = g.frame->code->flags;
  return (fl & kCoroutine) ? "coroutine" : (fl & kAsyncGenerator) ? "async generator" : "generator";
}

Value makeStopIteration(VM& vm, const Value& value) {
  Value exc = vm.makeException(vm.b().stop_iteration, "");
  auto& inst = as<InstanceObject>(exc);
  inst.dict->setStr("args", isNone(value) ? pyTuple({}) : pyTuple({value}));
  inst.dict->setStr("value", value);
  return exc;
}

/// Calls `fn` as one step of an iterator: a StopIteration ends it with its value.
GenStep callStep(VM& vm, const Value& fn, std::vector<Value> args) {
  try {
    return {vm.call(fn, std::move(args)), false};
  } catch (PyRaise& e) {
    if (vm.isInstance(e.exc, vm.b().stop_iteration.get()))
      return {stopIterationValue(vm, e.exc), true};
    throw;
  }
}

/// Runs the frame of `g` until it yields or finishes (the resumption value is already pushed).
GenStep run(VM& vm, GeneratorObject& g, const Value& exc) {
  Frame& f = *g.frame;
  f.started = true;
  f.yielded = false;
  if (exc) f.throw_in = exc;
  Frame* top = vm.top();
  f.trace = top && top->trace ? top->trace : nullptr;
  g.running = true;
  Value v;
  try {
    v = vm.eval(f);
  } catch (PyRaise& e) {
    g.running = false;
    g.finished = true;
    f.delegating = false;
    f.throw_in = nullptr;
    // PEP 479: a StopIteration leaving a generator-like frame becomes a RuntimeError.
    const bool agen = (f.code->flags & kAsyncGenerator) != 0;
    const char* leaked = nullptr;
    if (vm.isInstance(e.exc, vm.b().stop_iteration.get())) leaked = "StopIteration";
    if (agen && vm.isInstance(e.exc, vm.b().by_name["StopAsyncIteration"].get()))
      leaked = "StopAsyncIteration";
    if (!leaked) throw;
    Value err =
        vm.makeException(vm.b().runtime_error, std::string(kindName(g)) + " raised " + leaked);
    as<InstanceObject>(err).cause = e.exc;
    as<InstanceObject>(err).context = e.exc;
    as<InstanceObject>(err).suppress_context = true;
    throw PyRaise{err};
  } catch (...) {
    g.running = false;
    g.finished = true;
    throw;
  }
  g.running = false;
  if (!f.yielded) {
    g.finished = true;
    return {v ? v : none(), true};
  }
  return {v, false};
}

void closeDelegate(VM& vm, const Value& sub) {
  if (GeneratorObject* sg = generatorOf(vm, sub)) return genClose(vm, *sg);
  if (Value close = vm.getAttrOrNull(sub, "close")) vm.call(close, std::vector<Value>{});
}

GenStep resume(VM& vm, GeneratorObject& g, const Value& send, Value exc) {
  Frame& f = *g.frame;
  if (exc && f.delegating) {
    // Suspended in `yield from`/`await`: the exception goes to the delegate first.
    Value sub = f.stack.back();
    if (vm.isInstance(exc, vm.b().generator_exit.get())) {
      f.delegating = false;
      try {
        closeDelegate(vm, sub);
      } catch (PyRaise& e) {
        exc = e.exc;
      }
    } else {
      GeneratorObject* sg = generatorOf(vm, sub);
      Value throw_fn = sg ? nullptr : vm.getAttrOrNull(sub, "throw");
      if (sg || throw_fn) {
        GenStep r;
        try {
          g.running = true;
          r = sg ? genThrow(vm, *sg, exc) : callStep(vm, throw_fn, {exc});
          g.running = false;
        } catch (PyRaise& e) {
          g.running = false;
          f.delegating = false;
          exc = e.exc;
          return run(vm, g, exc);
        }
        if (!r.done) return {r.value, false};  // the delegate yielded: so does g
        // The delegate returned: g goes on after its YIELD_FROM with the result.
        f.delegating = false;
        f.stack.back() = r.value;
        f.pc = f.cur + 1;
        return run(vm, g, nullptr);
      }
      f.delegating = false;
    }
  }
  if (f.started && !exc) f.stack.push_back(send ? send : none());
  return run(vm, g, exc);
}

GeneratorObject& genArg(VM& vm, const Value& self) {
  GeneratorObject* g = generatorOf(vm, self);
  if (!g)  // a method taken from the type and called on something else
    vm.raise(vm.b().type_error,
             "descriptor requires a generator-like object, not '" + vm.typeOf(self)->name + "'");
  return *g;
}

Value nameOf(const GeneratorObject& g, bool qualified) {
  if (g.frame->func) return pyStr(qualified ? g.frame->func->qualname : g.frame->func->name);
  return pyStr(qualified ? g.frame->code->qualname : g.frame->code->name);
}

Value stepResult(VM& vm, const GenStep& r) {
  if (r.done) throw PyRaise{makeStopIteration(vm, r.value)};
  return r.value;
}

NativeFn sendMethod() {
  return [](VM& vm, CallArgs& a) -> Value {
    return stepResult(vm, genSend(vm, genArg(vm, a.args.at(0)), a.args.at(1)));
  };
}
NativeFn throwMethod() {
  return [](VM& vm, CallArgs& a) -> Value {
    GeneratorObject& g = genArg(vm, a.args.at(0));
    return stepResult(vm, genThrow(vm, g, exceptionFromThrowArgs(vm, a, 1)));
  };
}
NativeFn closeMethod() {
  return [](VM& vm, CallArgs& a) -> Value {
    genClose(vm, genArg(vm, a.args.at(0)));
    return none();
  };
}

Value builtinFn(const std::string& name, NativeFn fn) {
  return std::make_shared<BuiltinObject>(name, std::move(fn));
}
Value property(NativeFn fget) {
  auto p = std::make_shared<PropertyObject>();
  p->fget = builtinFn("fget", std::move(fget));
  return p;
}

}  // namespace

ClassPtr runtimeClass(VM& vm, const std::string& name) {
  auto it = vm.b().by_name.find("gbc:" + name);
  GBC_CHECK(it != vm.b().by_name.end(), "runtime class not installed");
  return it->second;
}

Value makeNativeInstance(const ClassPtr& cls, std::shared_ptr<void> payload) {
  auto inst = std::make_shared<InstanceObject>(cls);
  inst->payload = std::move(payload);
  return inst;
}

// Only this runtime's native classes carry a payload, so a payload and the class name tell a
// coroutine or async generator apart without a lookup (this runs on every resumption).
static bool isNativeInstanceOf(const Value& v, std::string_view name) {
  if (v->kind != Kind::Instance) return false;
  auto& inst = as<InstanceObject>(v);
  return inst.payload && inst.cls->name == name && inst.cls->module == "builtins";
}

GeneratorObject* generatorOf(VM& vm, const Value& v) {
  (void)vm;
  if (v->kind == Kind::Generator) return &as<GeneratorObject>(v);
  if (!isNativeInstanceOf(v, "coroutine") && !isNativeInstanceOf(v, "async_generator"))
    return nullptr;
  return static_cast<GeneratorObject*>(as<InstanceObject>(v).payload.get());
}

bool isCoroutineObject(VM& vm, const Value& v) {
  (void)vm;
  return isNativeInstanceOf(v, "coroutine");
}

Value stopIterationValue(VM& vm, const Value& exc) {
  (void)vm;
  if (exc->kind != Kind::Instance) return none();
  auto& inst = as<InstanceObject>(exc);
  if (Value v = inst.dict->getStr("value")) return v;
  Value args = inst.dict->getStr("args");
  if (args && args->kind == Kind::Tuple && !as<TupleObject>(args).items.empty())
    return as<TupleObject>(args).items[0];
  return none();
}

Value exceptionFromThrowArgs(VM& vm, CallArgs& a, size_t first) {
  if (a.args.size() <= first)
    vm.raise(vm.b().type_error, "throw expected at least 1 argument, got 0");
  Value typ = a.args[first];
  Value val = a.args.size() > first + 1 ? a.args[first + 1] : none();
  if (typ->kind == Kind::Class && as<ClassObject>(typ).is_exception) {
    if (!isNone(val) && vm.isInstance(val, &as<ClassObject>(typ))) return val;
    std::vector<Value> args;
    if (!isNone(val)) args.push_back(val);
    return vm.call(typ, std::move(args));
  }
  if (typ->kind == Kind::Instance && as<InstanceObject>(typ).cls->is_exception) {
    if (!isNone(val))
      vm.raise(vm.b().type_error, "instance exception may not have a separate value");
    return typ;
  }
  vm.raise(vm.b().type_error,
           "exceptions must be classes or instances deriving from BaseException, not " +
               vm.typeOf(typ)->name);
}

GenStep genSend(VM& vm, GeneratorObject& g, const Value& v) {
  if (g.running) vm.raise(vm.b().value_error, std::string(kindName(g)) + " already executing");
  if (g.finished) {
    if (g.frame->code->flags & kCoroutine)
      vm.raise(vm.b().runtime_error, "cannot reuse already awaited coroutine");
    return {none(), true};
  }
  if (!g.frame->started && v && !isNone(v))
    vm.raise(vm.b().type_error,
             std::string("can't send non-None value to a just-started ") + kindName(g));
  return resume(vm, g, v, nullptr);
}

GenStep genThrow(VM& vm, GeneratorObject& g, const Value& exc) {
  if (g.running) vm.raise(vm.b().value_error, std::string(kindName(g)) + " already executing");
  if (g.finished) {
    if (g.frame->code->flags & kCoroutine)
      vm.raise(vm.b().runtime_error, "cannot reuse already awaited coroutine");
    throw PyRaise{exc};
  }
  return resume(vm, g, nullptr, exc);
}

void genClose(VM& vm, GeneratorObject& g) {
  if (g.finished) return;
  if (!g.frame->started) {
    g.finished = true;
    return;
  }
  GenStep r;
  try {
    r = genThrow(vm, g, vm.makeException(vm.b().generator_exit, ""));
  } catch (PyRaise& e) {
    if (vm.isInstance(e.exc, vm.b().generator_exit.get()) ||
        vm.isInstance(e.exc, vm.b().stop_iteration.get()))
      return;
    throw;
  }
  if (!r.done) vm.raise(vm.b().runtime_error, std::string(kindName(g)) + " ignored GeneratorExit");
}

Value generatorNext(VM& vm, const Value& gen, Value* returned) {
  GeneratorObject& g = as<GeneratorObject>(gen);
  if (g.finished) return nullptr;
  GenStep r = genSend(vm, g, none());
  if (r.done && returned) *returned = r.value;
  return r.done ? nullptr : r.value;
}

Value nextOrStop(VM& vm, const Value& it) {
  if (it->kind != Kind::Generator) {
    if (Value v = vm.next(it)) return v;
    vm.raise(vm.b().stop_iteration, "");
  }
  Value returned;
  if (Value v = generatorNext(vm, it, &returned)) return v;
  throw PyRaise{makeStopIteration(vm, returned ? returned : none())};
}

GenStep sendInto(VM& vm, const Value& sub, const Value& v) {
  if (GeneratorObject* g = generatorOf(vm, sub)) return genSend(vm, *g, v);
  if (isNone(v)) {
    if (sub->kind == Kind::Instance) return callStep(vm, vm.getAttr(sub, "__next__"), {});
    Value n = vm.next(sub);
    return n ? GenStep{n, false} : GenStep{none(), true};
  }
  return callStep(vm, vm.getAttr(sub, "send"), {v});
}

void installGeneratorObjects(VM& vm) {
  auto& B = vm.b();
  // Plain generators (Kind::Generator): send/throw/close and the gi_* attributes.
  auto& G = vm.nativeMethods(Kind::Generator);
  G["send"] = sendMethod();
  G["throw"] = throwMethod();
  G["close"] = closeMethod();
  auto& GP = vm.nativeProps(Kind::Generator);
  GP["gi_running"] = [](VM& vm, const Value& v) { return pyBool(genArg(vm, v).running); };
  GP["gi_suspended"] = [](VM& vm, const Value& v) {
    GeneratorObject& g = genArg(vm, v);
    return pyBool(g.frame->started && !g.finished && !g.running);
  };
  GP["gi_code"] = [](VM& vm, const Value& v) -> Value {
    return std::make_shared<CodeValue>(genArg(vm, v).frame->code);
  };
  GP["gi_yieldfrom"] = [](VM& vm, const Value& v) -> Value {
    GeneratorObject& g = genArg(vm, v);
    return g.frame->delegating && !g.finished ? g.frame->stack.back() : none();
  };
  GP["gi_frame"] = [](VM& vm, const Value& v) -> Value {
    GeneratorObject& g = genArg(vm, v);
    if (g.finished) return none();
    // a suspended generator's frame has no caller (Frame::back is only meaningful while it runs)
    Frame& f = *g.frame;
    Frame* back = f.back;
    if (!g.running) f.back = nullptr;
    Value frame = makeFrameObject(vm, &f);
    f.back = back;
    return frame;
  };
  GP["__name__"] = [](VM& vm, const Value& v) { return nameOf(genArg(vm, v), false); };
  GP["__qualname__"] = [](VM& vm, const Value& v) { return nameOf(genArg(vm, v), true); };
  // ... published in the class `generator` (attribute lookup finds the class's first)
  for (const char* name : {"send", "throw", "close"}) {
    auto m = std::make_shared<BuiltinObject>(name, G[name]);
    m->qualname = m->id = std::string("generator.") + name;
    B.generator->dict->setStr(name, m);
  }
  for (auto& [name, get] : GP) {
    auto gs = std::make_shared<GetSetObject>(name, get, nullptr);
    gs->owner = "generator";
    B.generator->dict->setStr(name, gs);
  }

  // Coroutines.
  auto cdict = newDict();
  cdict->setStr("send", builtinFn("send", sendMethod()));
  cdict->setStr("throw", builtinFn("throw", throwMethod()));
  cdict->setStr("close", builtinFn("close", closeMethod()));
  cdict->setStr("__await__", builtinFn("__await__", [](VM& vm, CallArgs& a) -> Value {
                  return makeNativeInstance(runtimeClass(vm, "coroutine_wrapper"),
                                            std::make_shared<Value>(a.args.at(0)));
                }));
  cdict->setStr("cr_running", property([](VM& vm, CallArgs& a) {
                  return pyBool(genArg(vm, a.args[0]).running);
                }));
  cdict->setStr("cr_suspended", property([](VM& vm, CallArgs& a) {
                  GeneratorObject& g = genArg(vm, a.args[0]);
                  return pyBool(g.frame->started && !g.finished && !g.running);
                }));
  cdict->setStr("cr_code", property([](VM& vm, CallArgs& a) -> Value {
                  return std::make_shared<CodeValue>(genArg(vm, a.args[0]).frame->code);
                }));
  // No frame objects yet: the code object stands in for cr_frame until the coroutine ends
  // (inspect.getcoroutinestate only tests it against None).
  cdict->setStr("cr_frame", property([](VM& vm, CallArgs& a) -> Value {
                  GeneratorObject& g = genArg(vm, a.args[0]);
                  if (g.finished) return none();
                  return std::make_shared<CodeValue>(g.frame->code);
                }));
  cdict->setStr("cr_await", property([](VM& vm, CallArgs& a) -> Value {
                  GeneratorObject& g = genArg(vm, a.args[0]);
                  return g.frame->delegating && !g.finished ? g.frame->stack.back() : none();
                }));
  cdict->setStr("__name__",
                property([](VM& vm, CallArgs& a) { return nameOf(genArg(vm, a.args[0]), false); }));
  cdict->setStr("__qualname__",
                property([](VM& vm, CallArgs& a) { return nameOf(genArg(vm, a.args[0]), true); }));
  ClassPtr coroutine = vm.makeClass("coroutine", {B.object}, cdict);
  coroutine->module = "builtins";
  B.by_name["gbc:coroutine"] = coroutine;

  // coroutine.__await__(): an iterator over the coroutine.
  auto wdict = newDict();
  auto target = [](VM& vm, const Value& self) -> GeneratorObject& {
    auto coro = payloadOf<Value>(vm, self, "coroutine_wrapper");
    if (!coro) return genArg(vm, self);  // (raises the TypeError)
    return genArg(vm, *coro);
  };
  wdict->setStr("send", builtinFn("send", [target](VM& vm, CallArgs& a) -> Value {
                  return stepResult(vm, genSend(vm, target(vm, a.args.at(0)), a.args.at(1)));
                }));
  wdict->setStr("__next__", builtinFn("__next__", [target](VM& vm, CallArgs& a) -> Value {
                  return stepResult(vm, genSend(vm, target(vm, a.args.at(0)), none()));
                }));
  wdict->setStr("throw", builtinFn("throw", [target](VM& vm, CallArgs& a) -> Value {
                  GeneratorObject& g = target(vm, a.args.at(0));
                  return stepResult(vm, genThrow(vm, g, exceptionFromThrowArgs(vm, a, 1)));
                }));
  wdict->setStr("close", builtinFn("close", [target](VM& vm, CallArgs& a) -> Value {
                  genClose(vm, target(vm, a.args.at(0)));
                  return none();
                }));
  wdict->setStr("__iter__",
                builtinFn("__iter__", [](VM&, CallArgs& a) -> Value { return a.args.at(0); }));
  ClassPtr wrapper = vm.makeClass("coroutine_wrapper", {B.object}, wdict);
  wrapper->module = "builtins";
  B.by_name["gbc:coroutine_wrapper"] = wrapper;
}

}  // namespace gbc::interp
