// _thread (Modules/_threadmodule.c) for gbc's one-threaded VM: locks and re-entrant locks with
// CPython's API and messages, thread idents, _local, and threads run to completion when they
// start (threading's start/join then behave as a program that joins at once observes). What
// only real concurrency could do (a blocking acquire of a lock that is held, which no other
// thread can release) is a located "gbc cannot model", never a hang.
#include <unistd.h>

#include "interp/native_args.h"
#include "interp/native_modules.h"
#include "interp/native_type.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

constexpr int64_t kMainIdent = 140000000000001;

/// The ident of the thread running now (a thread started by start_joinable_thread runs inside
/// the call that starts it, with its own ident).
int64_t& currentIdent() {
  static int64_t ident = kMainIdent;
  return ident;
}

struct LockState : NativeState {
  bool locked = false;
};
struct RLockState : NativeState {
  int64_t count = 0, owner = 0;
};
struct HandleState : NativeState {
  int64_t ident = 0;
  bool done = false;
};

/// acquire(blocking=True, timeout=-1)'s arguments: whether to wait forever.
bool waitsForever(VM& vm, CallArgs& a, const char* name) {
  std::vector<Value> p = bindArgs(vm, a, ArgSpec{name, {"blocking", "timeout"}, 0, 0, 0}, 1);
  bool blocking = !p[0] || vm.truthy(p[0]);
  double timeout = -1;
  if (p[1]) {
    if (p[1]->kind == Kind::Float)
      timeout = as<FloatObject>(p[1]).v;
    else if (isInt(p[1]))
      timeout = static_cast<double>(asInt(p[1]));
    else
      vm.raise(vm.b().type_error, "'" + vm.typeOf(p[1])->name +
                                      "' object cannot be interpreted as an integer or float");
  }
  if (!blocking && timeout != -1)
    vm.raise(vm.b().value_error, "can't specify a timeout for a non-blocking call");
  if (timeout < 0 && timeout != -1)
    vm.raise(vm.b().value_error, "timeout value must be a non-negative number");
  return blocking && timeout == -1;
}

ClassPtr lockType(VM& vm) {
  ClassPtr cls = makeNativeType(vm, "_thread", "lock");
  nativeNew<LockState>(cls);
  auto acquire = [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<LockState>(vm, a.args.at(0), "acquire");
    bool forever = waitsForever(vm, a, "acquire");
    if (!s.locked) {
      s.locked = true;
      return pyBool(true);
    }
    if (forever)
      vm.unsupported(
          "a blocking `acquire` of a held `_thread.lock` (gbc runs one thread at a time: no "
          "other thread could release it)");
    return pyBool(false);
  };
  auto release = [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<LockState>(vm, a.args.at(0), "release");
    if (!s.locked) vm.raise(vm.b().runtime_error, "release unlocked lock");
    s.locked = false;
    return none();
  };
  for (const char* n : {"acquire", "acquire_lock", "__enter__"}) nativeMethod(cls, n, acquire);
  for (const char* n : {"release", "release_lock"}) nativeMethod(cls, n, release);
  nativeMethod(cls, "__exit__", [release](VM& vm, CallArgs& a) -> Value {
    CallArgs r;
    r.args = {a.args.at(0)};
    return release(vm, r);
  });
  for (const char* n : {"locked", "locked_lock"})
    nativeMethod(cls, n, [](VM& vm, CallArgs& a) -> Value {
      return pyBool(nativeState<LockState>(vm, a.args.at(0), "locked").locked);
    });
  nativeMethod(cls, "_at_fork_reinit", [](VM& vm, CallArgs& a) -> Value {
    nativeState<LockState>(vm, a.args.at(0), "_at_fork_reinit").locked = false;
    return none();
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    bool locked = nativeState<LockState>(vm, a.args.at(0), "__repr__").locked;
    return pyStr(std::string("<") + (locked ? "locked" : "unlocked") +
                 " _thread.lock object at 0x7f0000000000>");
  });
  return cls;
}

ClassPtr rlockType(VM& vm) {
  ClassPtr cls = makeNativeType(vm, "_thread", "RLock");
  nativeNew<RLockState>(cls);
  auto acquire = [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<RLockState>(vm, a.args.at(0), "acquire");
    bool forever = waitsForever(vm, a, "acquire");
    if (s.count == 0 || s.owner == currentIdent()) {
      s.owner = currentIdent();
      ++s.count;
      return pyBool(true);
    }
    if (forever)
      vm.unsupported(
          "a blocking `acquire` of an `RLock` another thread holds (gbc runs one thread at a "
          "time)");
    return pyBool(false);
  };
  auto release = [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<RLockState>(vm, a.args.at(0), "release");
    if (s.count == 0 || s.owner != currentIdent())
      vm.raise(vm.b().runtime_error, "cannot release un-acquired lock");
    if (--s.count == 0) s.owner = 0;
    return none();
  };
  nativeMethod(cls, "acquire", acquire);
  nativeMethod(cls, "__enter__", acquire);
  nativeMethod(cls, "release", release);
  nativeMethod(cls, "__exit__", [release](VM& vm, CallArgs& a) -> Value {
    CallArgs r;
    r.args = {a.args.at(0)};
    return release(vm, r);
  });
  nativeMethod(cls, "locked", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(nativeState<RLockState>(vm, a.args.at(0), "locked").count > 0);
  });
  nativeMethod(cls, "_is_owned", [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<RLockState>(vm, a.args.at(0), "_is_owned");
    return pyBool(s.count > 0 && s.owner == currentIdent());
  });
  nativeMethod(cls, "_recursion_count", [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<RLockState>(vm, a.args.at(0), "_recursion_count");
    return pyInt(s.owner == currentIdent() ? s.count : 0);
  });
  nativeMethod(cls, "_release_save", [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<RLockState>(vm, a.args.at(0), "_release_save");
    if (s.count == 0) vm.raise(vm.b().runtime_error, "cannot release un-acquired lock");
    Value saved = pyTuple({pyInt(s.count), pyInt(s.owner)});
    s.count = s.owner = 0;
    return saved;
  });
  nativeMethod(cls, "_acquire_restore", [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<RLockState>(vm, a.args.at(0), "_acquire_restore");
    std::vector<Value> st = vm.toVector(a.args.at(1));
    if (st.size() != 2 || !isInt(st[0]) || !isInt(st[1]))
      vm.raise(vm.b().type_error, "_acquire_restore() argument must be a (count, owner) tuple");
    s.count = asInt(st[0]);
    s.owner = asInt(st[1]);
    return none();
  });
  nativeMethod(cls, "_at_fork_reinit", [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<RLockState>(vm, a.args.at(0), "_at_fork_reinit");
    s.count = s.owner = 0;
    return none();
  });
  return cls;
}

ClassPtr handleType(VM& vm) {
  ClassPtr cls = makeNativeType(vm, "_thread", "_ThreadHandle");
  nativeNew<HandleState>(cls);
  nativeGetSet(cls, "ident", [](VM& vm, const Value& h) -> Value {
    return pyInt(nativeState<HandleState>(vm, h, "ident").ident);
  });
  nativeMethod(cls, "join", [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<HandleState>(vm, a.args.at(0), "join");
    if (!s.done && s.ident == currentIdent())
      vm.raise(vm.b().runtime_error, "Cannot join current thread");
    if (!s.done)
      vm.unsupported("joining a thread that has not run (gbc runs one thread at a time)");
    return none();
  });
  nativeMethod(cls, "is_done", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(nativeState<HandleState>(vm, a.args.at(0), "is_done").done);
  });
  nativeMethod(cls, "_set_done", [](VM& vm, CallArgs& a) -> Value {
    nativeState<HandleState>(vm, a.args.at(0), "_set_done").done = true;
    return none();
  });
  return cls;
}

}  // namespace

Value makeThreadModule(VM& vm) {
  Value m = newNativeModule("_thread");
  auto& d = *as<ModuleObject>(m).dict;
  ClassPtr lock = lockType(vm), rlock = rlockType(vm), handle = handleType(vm);
  d.setStr("LockType", lock);
  d.setStr("lock", lock);
  d.setStr("RLock", rlock);
  d.setStr("_ThreadHandle", handle);
  ClassPtr local = makeNativeType(vm, "_thread", "_local");
  d.setStr("_local", local);
  d.setStr("error", vm.b().runtime_error);
  d.setStr("TIMEOUT_MAX", pyFloat(9223372036.0));
  for (const char* n : {"allocate_lock", "allocate"})
    moduleFunction(m, n, [lock](VM& vm, CallArgs& a) -> Value {
      noArgs(vm, a, "allocate_lock");
      return newNative<LockState>(lock);
    });
  // 3.12's threading takes a thread-state lock from _set_sentinel (3.13 replaced it with
  // _ThreadHandle); the main thread's is never released, as CPython's is not until exit
  if (vm.target().python == "3.12")
    moduleFunction(m, "_set_sentinel", [lock](VM& vm, CallArgs& a) -> Value {
      noArgs(vm, a, "_set_sentinel");
      return newNative<LockState>(lock);
    });
  moduleFunction(m, "get_ident", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "get_ident");
    return pyInt(currentIdent());
  });
  moduleFunction(m, "get_native_id", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "get_native_id");
    return pyInt(currentIdent() == kMainIdent ? ::getpid() : currentIdent() % 1000000);
  });
  moduleFunction(m, "_get_main_thread_ident",
                 [](VM&, CallArgs&) -> Value { return pyInt(kMainIdent); });
  moduleFunction(m, "_is_main_interpreter", [](VM&, CallArgs&) -> Value { return pyBool(true); });
  moduleFunction(m, "daemon_threads_allowed", [](VM&, CallArgs&) -> Value { return pyBool(true); });
  moduleFunction(m, "_count", [](VM&, CallArgs&) -> Value { return pyInt(0); });
  moduleFunction(m, "_shutdown", [](VM&, CallArgs&) -> Value { return none(); });
  moduleFunction(m, "set_name", [](VM&, CallArgs&) -> Value { return none(); });
  moduleFunction(m, "stack_size", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "stack_size", 0, 1);
    return pyInt(0);
  });
  moduleFunction(m, "_make_thread_handle", [handle](VM& vm, CallArgs& a) -> Value {
    Value ident = oneArg(vm, a, "_make_thread_handle");
    auto s = std::make_shared<HandleState>();
    s->ident = isInt(ident) ? asInt(ident) : 0;
    return newNative<HandleState>(handle, s);
  });
  moduleFunction(m, "start_joinable_thread", [handle](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> p = bindArgs(
        vm, a, ArgSpec{"start_joinable_thread", {"function", "handle", "daemon"}, 1, 0, 0});
    Value h = p[1] && !isNone(p[1]) ? p[1] : newNative<HandleState>(handle);
    auto& s = nativeState<HandleState>(vm, h, "start_joinable_thread");
    // the thread runs now, to completion, under its own ident
    static int64_t next_ident = kMainIdent + 1;
    s.ident = next_ident++;
    int64_t saved = currentIdent();
    currentIdent() = s.ident;
    try {
      vm.call(p[0], std::vector<Value>{});
    } catch (...) {
      currentIdent() = saved;
      s.done = true;
      throw;
    }
    currentIdent() = saved;
    s.done = true;
    return h;
  });
  moduleFunction(m, "start_new_thread", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported("`_thread.start_new_thread` (gbc runs one thread at a time)");
  });
  moduleFunction(m, "interrupt_main", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported("`_thread.interrupt_main` (gbc runs one thread at a time)");
  });
  return m;
}

}  // namespace gbc::interp
