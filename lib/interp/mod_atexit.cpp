// atexit (Modules/atexitmodule.c): register, unregister, _run_exitfuncs, _clear, _ncallbacks.
// The callbacks of each VM live in a registry keyed by the VM, so the driver can run them at the
// end of the program (runAtexitCallbacks, mod_atexit.h). Called from Python, _run_exitfuncs
// drops the reports of failing callbacks, as gbc drops what a program writes to stderr.
#include "interp/mod_atexit.h"

#include "interp/clinic_args.h"
#include "interp/native_modules.h"

#include <mutex>
#include <unordered_map>

namespace gbc::interp {

namespace {

struct Callback {
  Value func;
  CallArgs args;
};

struct AtexitState {
  std::vector<Callback> callbacks;
};

struct Registration {
  std::weak_ptr<Object> module;
  std::shared_ptr<AtexitState> state;
};

std::mutex& registryMutex() {
  static std::mutex mutex;
  return mutex;
}
std::unordered_map<const VM*, Registration>& registry() {
  static std::unordered_map<const VM*, Registration> map;
  return map;
}

std::vector<AtexitFailure> runCallbacks(VM& vm, AtexitState& state) {
  std::vector<AtexitFailure> reports;
  while (!state.callbacks.empty()) {
    Callback cb = std::move(state.callbacks.back());
    state.callbacks.pop_back();
    try {
      vm.call(cb.func, cb.args);
    } catch (PyRaise& e) {
      reports.push_back({vm.repr(cb.func), vm.tracebackReport(e.exc)});
    }
  }
  return reports;
}

}  // namespace

std::vector<AtexitFailure> runAtexitCallbacks(VM& vm) {
  std::shared_ptr<AtexitState> state;
  {
    std::lock_guard<std::mutex> lock(registryMutex());
    auto it = registry().find(&vm);
    if (it == registry().end()) return {};
    state = it->second.state;
    Value module = it->second.module.lock();
    registry().erase(it);
    // (the entry of an earlier VM at the same address is not this program's)
    if (!module || vm.findModule("atexit") != module) return {};
  }
  return runCallbacks(vm, *state);
}

Value makeAtexitModule(VM& vm) {
  Value m = newNativeModule("atexit");
  auto state = std::make_shared<AtexitState>();
  {
    std::lock_guard<std::mutex> lock(registryMutex());
    registry()[&vm] = Registration{m, state};
  }
  moduleFunction(m, "register", [state](VM& vm, CallArgs& a) -> Value {
    if (a.args.empty())
      vm.raise(vm.b().type_error, "register() takes at least 1 argument (0 given)");
    if (!vm.isCallable(a.args[0]))
      vm.raise(vm.b().type_error, "the first argument must be callable");
    Callback cb{a.args[0], {}};
    cb.args.args = restArgs(a, 1);
    cb.args.kwargs = a.kwargs;
    state->callbacks.push_back(std::move(cb));
    return a.args[0];
  });
  moduleFunction(m, "unregister", [state](VM& vm, CallArgs& a) -> Value {
    Value func = methOneArg(vm, a, "atexit.unregister", 0);
    auto& cbs = state->callbacks;
    for (size_t i = 0; i < cbs.size();) {
      Value f = cbs[i].func;
      if (vm.equals(f, func)) {
        cbs.erase(cbs.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      ++i;
    }
    return none();
  });
  moduleFunction(m, "_run_exitfuncs", [state](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "atexit._run_exitfuncs", 0);
    runCallbacks(vm, *state);
    return none();
  });
  moduleFunction(m, "_clear", [state](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "atexit._clear", 0);
    state->callbacks.clear();
    return none();
  });
  moduleFunction(m, "_ncallbacks", [state](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "atexit._ncallbacks", 0);
    return pyInt(static_cast<int64_t>(state->callbacks.size()));
  });
  return m;
}

}  // namespace gbc::interp
