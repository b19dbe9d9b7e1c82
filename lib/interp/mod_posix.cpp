// The posix module (what os.py imports as its platform module), after CPython 3.14's
// Modules/posixmodule.c on Linux: the constants, environ, _have_functions, the process's
// identity and resources (getpid, uname, times, urandom, cpu_count, sysconf, umask, ...), wait
// statuses; the file functions are in posix_files.cpp, posix_fds.cpp and posix_scandir.cpp.
//
// Process creation (fork, exec*, system, posix_spawn*, wait*, kill) is gbc's gap: calling one is
// a located "gbc cannot model" diagnostic; nothing is ever run.
#include <sched.h>
#include <sys/random.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "interp/native_modules.h"
#include "interp/os_tables.h"
#include "interp/oserror.h"
#include "interp/posix_internal.h"
#include "interp/struct_seq.h"
#include "interp/vfs.h"

extern char** environ;

namespace gbc::interp {

namespace {

DictPtr dictOf(const Value& m) { return as<ModuleObject>(m).dict; }

/// The functions of CPython's _have_functions that gbc's posix honours.
const char* const kHaveFunctions[] = {
    "HAVE_FACCESSAT", "HAVE_FCHDIR",    "HAVE_FCHMOD",   "HAVE_FCHMODAT",  "HAVE_FDOPENDIR",
    "HAVE_FSTATAT",   "HAVE_FTRUNCATE", "HAVE_FUTIMENS", "HAVE_FUTIMES",   "HAVE_FUTIMESAT",
    "HAVE_LSTAT",     "HAVE_LUTIMES",   "HAVE_MKDIRAT",  "HAVE_OPENAT",    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",  "HAVE_SYMLINKAT", "HAVE_UNLINKAT", "HAVE_UTIMENSAT",
};

/// The process's environment as posix.environ has it: bytes to bytes.
DictPtr environDict() {
  auto d = newDict();
  for (char** e = ::environ; e && *e; ++e) {
    std::string entry = *e;
    size_t eq = entry.find('=', 1);
    if (eq == std::string::npos) continue;
    Value key = pyBytes(entry.substr(0, eq));
    if (!d->get(key)) d->set(key, pyBytes(entry.substr(eq + 1)));
  }
  return d;
}

/// A configuration name for sysconf / confstr: a str from `names`, or an int.
int confName(VM& vm, const Value& v, OsTable names) {
  if (v->kind == Kind::Str) {
    long long value = osConstant(names, asStr(v), -1);
    if (value < 0) vm.raise(vm.b().value_error, "unrecognized configuration name");
    return static_cast<int>(value);
  }
  if (!isInt(v)) vm.raise(vm.b().type_error, "configuration names must be strings or integers");
  return static_cast<int>(asInt(v));
}

Value namesDict(OsTable which) {
  auto d = newDict();
  for (const IntConstant& c : osTable(which)) d->setStr(c.name, pyInt(c.value));
  return d;
}

void noArgsFn(const Value& m, const std::string& name, std::function<Value(VM&)> f) {
  moduleFunction(m, name, [name, f](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "posix." + name);
    return f(vm);
  });
}

/// An int-status function of one positional argument (WIFEXITED and friends).
void statusFn(const Value& m, const std::string& name, int64_t (*f)(int)) {
  moduleFunction(m, name, [name, f](VM& vm, CallArgs& a) -> Value {
    const ArgSpec spec{name, {"status"}, 1};
    int status = static_cast<int>(ssizeArg(vm, bindArgs(vm, a, spec)[0]));
    int64_t r = f(status);
    return name.rfind("WIF", 0) == 0 || name == "WCOREDUMP" ? pyBool(r != 0) : pyInt(r);
  });
}

void installProcess(VM& vm, const Value& m) {
  noArgsFn(m, "getpid", [](VM&) { return pyInt(::getpid()); });
  noArgsFn(m, "getppid", [](VM&) { return pyInt(::getppid()); });
  noArgsFn(m, "getuid", [](VM&) { return pyInt(::getuid()); });
  noArgsFn(m, "geteuid", [](VM&) { return pyInt(::geteuid()); });
  noArgsFn(m, "getgid", [](VM&) { return pyInt(::getgid()); });
  noArgsFn(m, "getegid", [](VM&) { return pyInt(::getegid()); });
  noArgsFn(m, "getpgrp", [](VM&) { return pyInt(::getpgrp()); });
  noArgsFn(m, "getgroups", [](VM& vm) -> Value {
    std::vector<gid_t> groups(static_cast<size_t>(std::max(::getgroups(0, nullptr), 0)));
    int n = ::getgroups(static_cast<int>(groups.size()), groups.data());
    if (n < 0) raiseOSError(vm, errno);
    std::vector<Value> out;
    for (int i = 0; i < n; ++i) out.push_back(pyInt(groups[static_cast<size_t>(i)]));
    return pyList(std::move(out));
  });
  noArgsFn(m, "getlogin", [](VM& vm) -> Value {
    const char* name = ::getlogin();
    if (!name) raiseOSError(vm, errno ? errno : ENOTTY);
    return pyStr(name);
  });
  for (const char* name : {"getpgid", "getsid"})
    moduleFunction(m, name, [name](VM& vm, CallArgs& a) -> Value {
      positionalArgs(vm, a, std::string("posix.") + name, 1, 1);
      pid_t pid = static_cast<pid_t>(ssizeArg(vm, a.args[0]));
      pid_t r = std::string(name) == "getpgid" ? ::getpgid(pid) : ::getsid(pid);
      if (r < 0) raiseOSError(vm, errno);
      return pyInt(r);
    });
  ClassPtr uname_result = makeStructSeqType(
      vm, "posix.uname_result", {"sysname", "nodename", "release", "version", "machine"}, 5);
  dictOf(m)->setStr("uname_result", uname_result);
  noArgsFn(m, "uname", [uname_result](VM& vm) -> Value {
    utsname u;
    if (::uname(&u) < 0) raiseOSError(vm, errno);
    return makeStructSeq(vm, uname_result,
                         {osStr(u.sysname), osStr(u.nodename), osStr(u.release), osStr(u.version),
                          osStr(u.machine)});
  });
  ClassPtr times_result =
      makeStructSeqType(vm, "posix.times_result",
                        {"user", "system", "children_user", "children_system", "elapsed"}, 5);
  dictOf(m)->setStr("times_result", times_result);
  noArgsFn(m, "times", [times_result](VM& vm) -> Value {
    struct tms t;
    clock_t c = ::times(&t);
    if (c == static_cast<clock_t>(-1)) raiseOSError(vm, errno);
    double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    auto s = [&](clock_t v) { return pyFloat(static_cast<double>(v) / ticks); };
    return makeStructSeq(vm, times_result,
                         {s(t.tms_utime), s(t.tms_stime), s(t.tms_cutime), s(t.tms_cstime), s(c)});
  });
  moduleFunction(m, "urandom", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"urandom", {"size"}, 1, 1};
    int64_t n = ssizeArg(vm, bindArgs(vm, a, spec)[0]);
    if (n < 0) vm.raise(vm.b().value_error, "negative argument not allowed");
    std::string out(static_cast<size_t>(n), '\0');
    for (size_t got = 0; got < out.size();) {
      ssize_t r = ::getrandom(out.data() + got, out.size() - got, 0);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) raiseOSError(vm, errno);
      got += static_cast<size_t>(r);
    }
    return pyBytes(std::move(out));
  });
  moduleFunction(m, "getrandom", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"getrandom", {"size", "flags"}, 1};
    std::vector<Value> v = bindArgs(vm, a, spec);
    int64_t n = ssizeArg(vm, v[0]);
    int flags = v[1] ? static_cast<int>(ssizeArg(vm, v[1])) : 0;
    if (n < 0) raiseOSError(vm, EINVAL);
    std::string out(static_cast<size_t>(n), '\0');
    ssize_t r;
    do r = ::getrandom(out.data(), out.size(), static_cast<unsigned>(flags));
    while (r < 0 && errno == EINTR);
    if (r < 0) raiseOSError(vm, errno);
    out.resize(static_cast<size_t>(r));
    return pyBytes(std::move(out));
  });
  noArgsFn(m, "cpu_count", [](VM&) -> Value {
    long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? none() : pyInt(n);
  });
  moduleFunction(m, "sched_getaffinity", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.sched_getaffinity", 1, 1);
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(static_cast<pid_t>(ssizeArg(vm, a.args[0])), sizeof set, &set) < 0)
      raiseOSError(vm, errno);
    auto out = std::make_shared<SetObject>();
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
      if (CPU_ISSET(cpu, &set)) out->add(pyInt(cpu));
    return out;
  });
  noArgsFn(m, "sched_yield", [](VM&) { return none(); });
  noArgsFn(m, "getloadavg", [](VM& vm) -> Value {
    double load[3];
    if (::getloadavg(load, 3) != 3) vm.raise(vm.b().os_error, "Load averages are unobtainable");
    return pyTuple({pyFloat(load[0]), pyFloat(load[1]), pyFloat(load[2])});
  });
  moduleFunction(m, "sysconf", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.sysconf", 1, 1);
    int name = confName(vm, a.args[0], OsTable::PosixSysconfNames);
    errno = 0;
    long r = ::sysconf(name);
    if (r == -1 && errno) raiseOSError(vm, errno);
    return pyInt(r);
  });
  moduleFunction(m, "confstr", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.confstr", 1, 1);
    int name = confName(vm, a.args[0], OsTable::PosixConfstrNames);
    errno = 0;
    size_t n = ::confstr(name, nullptr, 0);
    if (n == 0) {
      if (errno) raiseOSError(vm, errno);
      return none();
    }
    std::string buf(n, '\0');
    ::confstr(name, buf.data(), n);
    return pyStr(buf.c_str());
  });
  dictOf(m)->setStr("sysconf_names", namesDict(OsTable::PosixSysconfNames));
  dictOf(m)->setStr("confstr_names", namesDict(OsTable::PosixConfstrNames));
  dictOf(m)->setStr("pathconf_names", namesDict(OsTable::PosixPathconfNames));
  moduleFunction(m, "strerror", [](VM& vm, CallArgs& a) -> Value {
    Value code = oneArg(vm, a, "posix.strerror");
    return pyStr(std::strerror(static_cast<int>(ssizeArg(vm, code))));
  });
  moduleFunction(m, "umask", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.umask", 1, 1);
    return pyInt(vm.vfs().umask(static_cast<int>(ssizeArg(vm, a.args[0]))));
  });
  moduleFunction(m, "register_at_fork", [](VM& vm, CallArgs& a) -> Value {
    // gbc never forks: the callables are checked as CPython checks them, then kept nowhere
    static const ArgSpec spec{
        "register_at_fork", {"before", "after_in_child", "after_in_parent"}, 0, 0, 3};
    std::vector<Value> v = bindArgs(vm, a, spec);
    bool any = false;
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i]) continue;
      any = true;
      Value call = vm.typeOf(v[i])->lookup("__call__");
      bool callable = v[i]->kind == Kind::Function || v[i]->kind == Kind::Builtin ||
                      v[i]->kind == Kind::BoundMethod || v[i]->kind == Kind::Class || call;
      if (!callable)
        vm.raise(vm.b().type_error, "'" + std::string(spec.params[i]) + "' must be callable, not " +
                                        vm.typeOf(v[i])->name);
    }
    if (!any) vm.raise(vm.b().type_error, "At least one argument is required.");
    return none();
  });
  moduleFunction(m, "waitstatus_to_exitcode", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"waitstatus_to_exitcode", {"status"}, 1};
    int status = static_cast<int>(ssizeArg(vm, bindArgs(vm, a, spec)[0]));
    if (WIFEXITED(status)) return pyInt(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return pyInt(-WTERMSIG(status));
    if (WIFSTOPPED(status))
      vm.raise(vm.b().value_error,
               "process stopped by delivery of signal " + std::to_string(WSTOPSIG(status)));
    vm.raise(vm.b().value_error, "invalid wait status: " + std::to_string(status));
  });
  statusFn(m, "WIFEXITED", [](int s) -> int64_t { return WIFEXITED(s); });
  statusFn(m, "WEXITSTATUS", [](int s) -> int64_t { return WEXITSTATUS(s); });
  statusFn(m, "WIFSIGNALED", [](int s) -> int64_t { return WIFSIGNALED(s); });
  statusFn(m, "WTERMSIG", [](int s) -> int64_t { return WTERMSIG(s); });
  statusFn(m, "WIFSTOPPED", [](int s) -> int64_t { return WIFSTOPPED(s); });
  statusFn(m, "WSTOPSIG", [](int s) -> int64_t { return WSTOPSIG(s); });
  statusFn(m, "WIFCONTINUED", [](int s) -> int64_t { return WIFCONTINUED(s); });
  statusFn(m, "WCOREDUMP", [](int s) -> int64_t { return WCOREDUMP(s); });
  // what gbc never does: create, replace, wait for or signal processes
  for (const char* name :
       {"fork", "forkpty", "execv", "execve", "system", "posix_spawn", "posix_spawnp", "wait",
        "wait3", "wait4", "waitid", "waitpid", "kill", "killpg", "abort", "_exit"})
    moduleFunction(m, name, [name](VM& vm, CallArgs&) -> Value {
      vm.unsupported(std::string("`os.") + name + "` (gbc runs no other processes and does " +
                     "not end the program from inside)");
    });
}

void installEnviron(const Value& m) {
  dictOf(m)->setStr("environ", environDict());
  moduleFunction(m, "_create_environ", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "posix._create_environ");
    return environDict();
  });
  // analysis leaves gbc's own environment as it is: os.environ (os.py) keeps the program's view
  moduleFunction(m, "putenv", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.putenv", 2, 2);
    std::string name = osBytes(vm, fspath(vm, a.args[0]));
    std::string value = osBytes(vm, fspath(vm, a.args[1]));
    if (name.empty() || name.find('=') != std::string::npos)
      vm.raise(vm.b().value_error, "illegal environment variable name");
    if (name.find('\0') != std::string::npos || value.find('\0') != std::string::npos)
      vm.raise(vm.b().value_error, "embedded null byte");
    if (vm.runMode() && ::setenv(name.c_str(), value.c_str(), 1) < 0) raiseOSError(vm, errno);
    return none();
  });
  moduleFunction(m, "unsetenv", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.unsetenv", 1, 1);
    std::string name = osBytes(vm, fspath(vm, a.args[0]));
    if (name.empty() || name.find('=') != std::string::npos) raiseOSError(vm, EINVAL);
    if (name.find('\0') != std::string::npos) vm.raise(vm.b().value_error, "embedded null byte");
    if (vm.runMode() && ::unsetenv(name.c_str()) < 0) raiseOSError(vm, errno);
    return none();
  });
}

}  // namespace

Value makePosixModule(VM& vm) {
  Value m = newNativeModule("posix");
  addConstants(m, OsTable::Posix);
  std::vector<Value> have;
  for (const char* h : kHaveFunctions) have.push_back(pyStr(h));
  dictOf(m)->setStr("_have_functions", pyList(std::move(have)));
  dictOf(m)->setStr("error", vm.b().os_error);
  auto types = std::make_shared<PosixTypes>();
  std::vector<std::string> fields{"st_mode",     "st_ino",      "st_dev",      "st_nlink",
                                  "st_uid",      "st_gid",      "st_size",     kUnnamedField,
                                  kUnnamedField, kUnnamedField, "st_atime",    "st_mtime",
                                  "st_ctime",    "st_atime_ns", "st_mtime_ns", "st_ctime_ns",
                                  "st_blksize",  "st_blocks",   "st_rdev"};
  types->stat_result = makeStructSeqType(vm, "os.stat_result", fields, 10);
  // os.stat_result(tuple) fills the float times from the integer ones (statresult_new)
  Value generic = types->stat_result->dict->getStr("__new__");
  auto nw = std::make_shared<BuiltinObject>("__new__", [generic](VM& vm, CallArgs& a) -> Value {
    Value r = vm.call(generic, a);
    for (size_t i = 7; i < 10; ++i)
      if (Value f = structSeqField(r, i + 3); f && isNone(f))
        structSeqSetField(r, i + 3, structSeqField(r, i));
    return r;
  });
  nw->binds = false;
  nw->qualname = "stat_result.__new__";
  types->stat_result->dict->setStr("__new__", nw);
  dictOf(m)->setStr("stat_result", types->stat_result);
  installProcess(vm, m);
  installEnviron(m);
  installPosixFiles(vm, m, types);
  installPosixFds(vm, m, types);
  installScandir(vm, m, types);
  return m;
}

}  // namespace gbc::interp
