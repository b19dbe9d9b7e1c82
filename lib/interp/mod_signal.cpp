// The _signal module (what signal.py imports), after CPython 3.14's Modules/signalmodule.c on
// Linux: the signal numbers, signal() / getsignal() with CPython's checks, strsignal,
// valid_signals, set_wakeup_fd, pthread_sigmask, default_int_handler. gbc never delivers a
// signal: installing a handler records it (getsignal returns it) and nothing triggers it;
// sending or waiting for signals (alarm, pause, raise_signal, sigwait, ...) is gbc's gap.
#include <signal.h>

#include <cstring>
#include <map>
#include <set>

#include "interp/native_args.h"
#include "interp/native_modules.h"
#include "interp/os_tables.h"
#include "interp/oserror.h"
#include "interp/struct_seq.h"

namespace gbc::interp {

namespace {

/// The handlers the program installed, and its signal mask: state of the program, not of gbc.
struct SignalState {
  std::map<int64_t, Value> handlers;
  std::set<int64_t> mask;
  int64_t wakeup_fd = -1;
};

int64_t signalArg(VM& vm, const Value& v) {
  int64_t n = ssizeArg(vm, v);
  if (n < 1 || n >= NSIG) vm.raise(vm.b().value_error, "signal number out of range");
  return n;
}

std::vector<int64_t> signalSet(VM& vm, const Value& iterable) {
  std::vector<int64_t> out;
  for (const Value& v : vm.toVector(iterable)) out.push_back(signalArg(vm, v));
  return out;
}

Value setOf(const std::set<int64_t>& s) {
  auto out = std::make_shared<SetObject>();
  for (int64_t n : s) out->add(pyInt(n));
  return out;
}

}  // namespace

Value makeSignalModule(VM& vm) {
  Value m = newNativeModule("_signal");
  DictPtr d = as<ModuleObject>(m).dict;
  addConstants(m, OsTable::Signal);
  d->setStr("SIG_DFL", pyInt(0));
  d->setStr("SIG_IGN", pyInt(1));
  auto state = std::make_shared<SignalState>();
  Value int_handler = moduleFunction(m, "default_int_handler", [](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().keyboard_interrupt, "");
  });
  // what CPython installs at start: SIGINT raises KeyboardInterrupt, SIGPIPE and SIGXFSZ ignored
  state->handlers[SIGINT] = int_handler;
  state->handlers[SIGPIPE] = pyInt(1);
  state->handlers[SIGXFSZ] = pyInt(1);
  auto current = [state](int64_t n) {
    auto it = state->handlers.find(n);
    return it == state->handlers.end() ? pyInt(0) : it->second;
  };
  moduleFunction(m, "signal", [state, current](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_signal.signal", 2, 2);
    int64_t n = signalArg(vm, a.args[0]);
    const Value& handler = a.args[1];
    bool special = isInt(handler) && (asInt(handler) == 0 || asInt(handler) == 1);
    if (!special && !vm.isCallable(handler))
      vm.raise(vm.b().type_error,
               "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
    if (n == SIGKILL || n == SIGSTOP) raiseOSError(vm, EINVAL);
    Value old = current(n);
    state->handlers[n] = isInt(handler) ? pyInt(asInt(handler)) : handler;
    return old;
  });
  moduleFunction(m, "getsignal", [current](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_signal.getsignal", 1, 1);
    return current(signalArg(vm, a.args[0]));
  });
  moduleFunction(m, "strsignal", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_signal.strsignal", 1, 1);
    int64_t n = signalArg(vm, a.args[0]);
    const char* text = ::strsignal(static_cast<int>(n));
    if (!text || std::strstr(text, "Unknown signal")) return none();
    return pyStr(text);
  });
  moduleFunction(m, "valid_signals", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "_signal.valid_signals");
    sigset_t all;
    sigfillset(&all);
    std::set<int64_t> out;
    for (int n = 1; n < NSIG; ++n)
      if (sigismember(&all, n) == 1) out.insert(n);
    return setOf(out);
  });
  moduleFunction(m, "set_wakeup_fd", [state](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"set_wakeup_fd", {"fd", "warn_on_full_buffer"}, 1, 1, 1};
    int64_t fd = ssizeArg(vm, bindArgs(vm, a, spec)[0]);
    int64_t old = state->wakeup_fd;
    state->wakeup_fd = fd;
    return pyInt(old);
  });
  moduleFunction(m, "pthread_sigmask", [state](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_signal.pthread_sigmask", 2, 2);
    int64_t how = ssizeArg(vm, a.args[0]);
    std::vector<int64_t> sigs = signalSet(vm, a.args[1]);
    if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) raiseOSError(vm, EINVAL);
    Value old = setOf(state->mask);
    if (how == SIG_SETMASK) state->mask.clear();
    for (int64_t n : sigs)
      if (how == SIG_UNBLOCK)
        state->mask.erase(n);
      else if (n != SIGKILL && n != SIGSTOP)
        state->mask.insert(n);
    return old;
  });
  moduleFunction(m, "siginterrupt", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_signal.siginterrupt", 2, 2);
    signalArg(vm, a.args[0]);
    return none();
  });
  moduleFunction(m, "sigpending", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "_signal.sigpending");
    return setOf({});  // (nothing is ever delivered)
  });
  for (const char* name : {"alarm", "pause", "raise_signal", "setitimer", "getitimer", "sigwait",
                           "sigwaitinfo", "sigtimedwait", "pthread_kill", "pidfd_send_signal"})
    moduleFunction(m, name, [name](VM& vm, CallArgs&) -> Value {
      vm.unsupported(std::string("`signal.") + name + "` (gbc delivers no signals)");
    });
  ClassPtr itimer = vm.makeClass("ItimerError", {vm.b().os_error}, nullptr);
  itimer->module = "signal";
  itimer->dict->setStr("__module__", pyStr("signal"));
  d->setStr("ItimerError", itimer);
  d->setStr("struct_siginfo", makeStructSeqType(vm, "signal.struct_siginfo",
                                                {"si_signo", "si_code", "si_errno", "si_pid",
                                                 "si_uid", "si_status", "si_band"},
                                                7));
  return m;
}

}  // namespace gbc::interp
