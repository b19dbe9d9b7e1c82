// The file-descriptor functions of the posix module (open, read, write, lseek, close, pipe, dup,
// isatty, get_terminal_size, ...), after CPython 3.14's Modules/posixmodule.c, over the VM's
// Vfs (vfs.h).
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <set>

#include "interp/native_modules.h"
#include "interp/oserror.h"
#include "interp/posix_internal.h"
#include "interp/struct_seq.h"

namespace gbc::interp {

namespace {

Vfs& vfs(VM& vm) { return vm.vfs(); }

int fdArg(VM& vm, const Value& v) {
  int64_t fd = ssizeArg(vm, v);
  if (fd > INT32_MAX || fd < INT32_MIN)
    vm.raise(vm.b().overflow_error, fd > 0 ? "signed integer is greater than maximum"
                                           : "signed integer is less than minimum");
  return static_cast<int>(fd);
}

[[noreturn]] void fdError(VM& vm, int e) {
  if (e == kVfsBlocksForever)
    vm.unsupported(
        "reading an empty pipe whose write end is open (the program would wait "
        "forever)");
  raiseOSError(vm, e);
}

/// The bytes of a bytes-like argument ("a bytes-like object is required, not 'str'").
/// The inheritable and blocking flags programs set on descriptors (no process is ever
/// created, so they only answer get_inheritable / get_blocking).
struct FdFlags {
  std::set<int> inheritable{0, 1, 2};
  std::set<int> non_blocking;
};

}  // namespace

void installPosixFds(VM& vm, const Value& m, const std::shared_ptr<PosixTypes>& types) {
  (void)types;
  auto flags = std::make_shared<FdFlags>();
  moduleFunction(m, "open", [flags](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"open", {"path", "flags", "mode", "dir_fd"}, 2, 0, 1};
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg p = pathArg(vm, v[0], "open", "path");
    int fl = static_cast<int>(ssizeArg(vm, v[1]));
    uint32_t mode = v[2] ? static_cast<uint32_t>(ssizeArg(vm, v[2])) : 0777;
    int fd = -1;
    if (int e = vfs(vm).open(atPath(vm, v[3], p.path), fl, mode, fd)) raisePathError(vm, e, &p);
    flags->inheritable.erase(fd);
    flags->non_blocking.erase(fd);
    if (fl & O_NONBLOCK) flags->non_blocking.insert(fd);
    return pyInt(fd);
  });
  moduleFunction(m, "close", [flags](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"close", {"fd"}, 1};
    int fd = fdArg(vm, bindArgs(vm, a, spec)[0]);
    if (int e = vfs(vm).close(fd)) raiseOSError(vm, e);
    return none();
  });
  moduleFunction(m, "closerange", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.closerange", 2, 2);
    int lo = std::max(fdArg(vm, a.args[0]), 0), hi = fdArg(vm, a.args[1]);
    for (int fd = lo; fd < hi && fd < 65536; ++fd)
      if (fd > 2 && vfs(vm).fdOpen(fd)) (void)vfs(vm).close(fd);
    return none();
  });
  moduleFunction(m, "read", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.read", 2, 2);
    int fd = fdArg(vm, a.args[0]);
    int64_t n = ssizeArg(vm, a.args[1]);
    if (n < 0) raiseOSError(vm, EINVAL);
    std::string out;
    if (int e = vfs(vm).read(fd, static_cast<size_t>(n), out)) fdError(vm, e);
    return pyBytes(std::move(out));
  });
  moduleFunction(m, "write", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.write", 2, 2);
    int fd = fdArg(vm, a.args[0]);
    size_t written = 0;
    if (int e = vfs(vm).write(fd, bufferArg(vm, a.args[1]), written)) fdError(vm, e);
    return pyInt(static_cast<int64_t>(written));
  });
  moduleFunction(m, "pread", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.pread", 3, 3);
    int fd = fdArg(vm, a.args[0]);
    int64_t n = ssizeArg(vm, a.args[1]), offset = ssizeArg(vm, a.args[2]), saved = 0, at = 0;
    if (n < 0) raiseOSError(vm, EINVAL);
    std::string out;
    // (the file position is kept, as pread(2) keeps it)
    if (int e = vfs(vm).lseek(fd, 0, SEEK_CUR, saved)) fdError(vm, e);
    if (int e = vfs(vm).lseek(fd, offset, SEEK_SET, at)) fdError(vm, e);
    int e = vfs(vm).read(fd, static_cast<size_t>(n), out);
    (void)vfs(vm).lseek(fd, saved, SEEK_SET, at);
    if (e) fdError(vm, e);
    return pyBytes(std::move(out));
  });
  moduleFunction(m, "pwrite", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.pwrite", 3, 3);
    int fd = fdArg(vm, a.args[0]);
    std::string_view data = bufferArg(vm, a.args[1]);
    int64_t offset = ssizeArg(vm, a.args[2]), saved = 0, at = 0;
    size_t written = 0;
    if (int e = vfs(vm).lseek(fd, 0, SEEK_CUR, saved)) fdError(vm, e);
    if (int e = vfs(vm).lseek(fd, offset, SEEK_SET, at)) fdError(vm, e);
    int e = vfs(vm).write(fd, data, written);
    (void)vfs(vm).lseek(fd, saved, SEEK_SET, at);
    if (e) fdError(vm, e);
    return pyInt(static_cast<int64_t>(written));
  });
  moduleFunction(m, "lseek", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.lseek", 3, 3);
    int fd = fdArg(vm, a.args[0]);
    int64_t pos = ssizeArg(vm, a.args[1]), out = 0;
    int whence = fdArg(vm, a.args[2]);
    if (int e = vfs(vm).lseek(fd, pos, whence, out)) raiseOSError(vm, e);
    return pyInt(out);
  });
  for (const char* name : {"fsync", "fdatasync"})
    moduleFunction(m, name, [name](VM& vm, CallArgs& a) -> Value {
      const ArgSpec spec{name, {"fd"}, 1};
      Value v = bindArgs(vm, a, spec)[0];
      int fd = -1;
      if (!hasIndex(vm, v)) {
        // (fsync takes an object with fileno() too)
        Value fileno = vm.getAttrOrNull(v, "fileno");
        if (!fileno)
          vm.raise(vm.b().type_error,
                   "argument must be an int, or have a fileno() method, not " + vm.typeOf(v)->name);
        v = vm.call(fileno, std::vector<Value>{});
      }
      fd = fdArg(vm, v);
      if (int e = vfs(vm).fsync(fd)) raiseOSError(vm, e);
      return none();
    });
  moduleFunction(m, "ftruncate", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.ftruncate", 2, 2);
    int fd = fdArg(vm, a.args[0]);
    if (int e = vfs(vm).ftruncate(fd, ssizeArg(vm, a.args[1]))) raiseOSError(vm, e);
    return none();
  });
  moduleFunction(m, "isatty", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.isatty", 1, 1);
    bool tty = false;
    (void)vfs(vm).isatty(fdArg(vm, a.args[0]), tty);
    return pyBool(tty);
  });
  moduleFunction(m, "dup", [flags](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.dup", 1, 1);
    int fd = -1;
    if (int e = vfs(vm).dup(fdArg(vm, a.args[0]), fd)) raiseOSError(vm, e);
    flags->inheritable.erase(fd);
    return pyInt(fd);
  });
  moduleFunction(m, "dup2", [flags](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"dup2", {"fd", "fd2", "inheritable"}, 2};
    std::vector<Value> v = bindArgs(vm, a, spec);
    int fd = fdArg(vm, v[0]), fd2 = fdArg(vm, v[1]), out = -1;
    int e = vfs(vm).dup2(fd, fd2, out);
    if (e == ENOTSUP) vm.unsupported("`os.dup2` onto the program's standard streams");
    if (e) raiseOSError(vm, e);
    if (boolArg(vm, v[2], true))
      flags->inheritable.insert(out);
    else
      flags->inheritable.erase(out);
    return pyInt(out);
  });
  auto makePipe = [flags](VM& vm) -> Value {
    int fds[2];
    if (int e = vfs(vm).pipe(fds)) raiseOSError(vm, e);
    flags->inheritable.erase(fds[0]);
    flags->inheritable.erase(fds[1]);
    return pyTuple({pyInt(fds[0]), pyInt(fds[1])});
  };
  moduleFunction(m, "pipe", [makePipe](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "posix.pipe");
    return makePipe(vm);
  });
  moduleFunction(m, "pipe2", [makePipe](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.pipe2", 1, 1);
    int64_t fl = ssizeArg(vm, a.args[0]);
    if (fl & ~static_cast<int64_t>(O_CLOEXEC | O_NONBLOCK)) raiseOSError(vm, EINVAL);
    if (fl & O_NONBLOCK) vm.unsupported("`os.pipe2(os.O_NONBLOCK)`");
    return makePipe(vm);
  });
  moduleFunction(m, "get_inheritable", [flags](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.get_inheritable", 1, 1);
    int fd = fdArg(vm, a.args[0]);
    if (!vfs(vm).fdOpen(fd)) raiseOSError(vm, EBADF);
    return pyBool(flags->inheritable.count(fd) != 0);
  });
  moduleFunction(m, "set_inheritable", [flags](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.set_inheritable", 2, 2);
    int fd = fdArg(vm, a.args[0]);
    if (!vfs(vm).fdOpen(fd)) raiseOSError(vm, EBADF);
    if (ssizeArg(vm, a.args[1]))
      flags->inheritable.insert(fd);
    else
      flags->inheritable.erase(fd);
    return none();
  });
  moduleFunction(m, "get_blocking", [flags](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.get_blocking", 1, 1);
    int fd = fdArg(vm, a.args[0]);
    if (!vfs(vm).fdOpen(fd)) raiseOSError(vm, EBADF);
    return pyBool(flags->non_blocking.count(fd) == 0);
  });
  moduleFunction(m, "set_blocking", [flags](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.set_blocking", 2, 2);
    int fd = fdArg(vm, a.args[0]);
    if (!vfs(vm).fdOpen(fd)) raiseOSError(vm, EBADF);
    if (!vm.truthy(a.args[1])) vm.unsupported("non-blocking file descriptors");
    flags->non_blocking.erase(fd);
    return none();
  });
  moduleFunction(m, "device_encoding", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"device_encoding", {"fd"}, 1};
    bool tty = false;
    (void)vfs(vm).isatty(fdArg(vm, bindArgs(vm, a, spec)[0]), tty);
    return tty ? pyStr("UTF-8") : none();
  });
  ClassPtr terminal_size = makeStructSeqType(vm, "os.terminal_size", {"columns", "lines"}, 2);
  as<ModuleObject>(m).dict->setStr("terminal_size", terminal_size);
  moduleFunction(m, "get_terminal_size", [terminal_size](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "posix.get_terminal_size", 0, 1);
    int fd = a.args.empty() ? 1 : fdArg(vm, a.args[0]);
    winsize w{};
    if (vfs(vm).overlay()) {
      // (an analysed program's descriptors are never terminals)
      raiseOSError(vm, vfs(vm).fdOpen(fd) ? ENOTTY : EBADF);
    }
    if (::ioctl(fd, TIOCGWINSZ, &w) < 0) raiseOSError(vm, errno);
    return makeStructSeq(vm, terminal_size, {pyInt(w.ws_col), pyInt(w.ws_row)});
  });
}

}  // namespace gbc::interp
