// The path operations of the posix module (stat, listdir, mkdir, rename, utime, ...), after
// CPython 3.14's Modules/posixmodule.c: each goes through the VM's Vfs (vfs.h), so analysis
// never changes the disk.
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cmath>

#include "interp/native_modules.h"
#include "interp/oserror.h"
#include "interp/posix_internal.h"
#include "interp/struct_seq.h"
#include "interp/text_codec.h"

namespace gbc::interp {

namespace {

double seconds(const timespec& t) {
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

Value nanoseconds(const timespec& t) {
  return pyInt(static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec);
}

Vfs& vfs(VM& vm) { return vm.vfs(); }

/// fd argument of the f* functions (fstat(fd), fchdir(fd), ...).
int fdArg(VM& vm, const Value& v) { return static_cast<int>(ssizeArg(vm, v)); }

bool present(const Value& v) { return v && !isNone(v); }

/// A time given to utime(): seconds as int or float, to a timespec (ROUND_FLOOR).
timespec timeArg(VM& vm, const Value& v) {
  timespec t{};
  if (v->kind == Kind::Float) {
    double d = as<FloatObject>(v).v;
    if (std::isnan(d)) vm.raise(vm.b().value_error, "Invalid value NaN (not a number)");
    double whole = std::floor(d);
    t.tv_sec = static_cast<time_t>(whole);
    t.tv_nsec = static_cast<long>(std::floor((d - whole) * 1e9));
    if (t.tv_nsec >= 1000000000) ++t.tv_sec, t.tv_nsec -= 1000000000;
    return t;
  }
  t.tv_sec = static_cast<time_t>(ssizeArg(vm, v));
  return t;
}

/// posixpath.normpath as _Py_normpath computes it, on bytes.
std::string normpath(const std::string& path) {
  if (path.empty()) return ".";
  size_t initial = path[0] == '/' ? 1 : 0;
  if (initial && path.size() > 1 && path[1] == '/' && (path.size() == 2 || path[2] != '/'))
    initial = 2;
  std::vector<std::string> comps;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    std::string comp = path.substr(pos, slash - pos);
    pos = slash + 1;
    if (comp.empty() || comp == ".") continue;
    if (comp != ".." || (!initial && comps.empty()) || (!comps.empty() && comps.back() == ".."))
      comps.push_back(comp);
    else if (!comps.empty())
      comps.pop_back();
  }
  std::string out(initial, '/');
  for (size_t i = 0; i < comps.size(); ++i) out += (i ? "/" : "") + comps[i];
  return out.empty() ? "." : out;
}

}  // namespace

void raisePathError(VM& vm, int e, const PathArg* path, const PathArg* path2) {
  if (e == kVfsBlocksForever)
    vm.unsupported(
        "reading an empty pipe whose write end is open (the program would wait "
        "forever)");
  raiseOSError(vm, e, path ? path->shown : nullptr, path2 ? path2->shown : nullptr);
}

Value pathLike(const PathArg& like, std::string s) {
  return like.is_bytes ? pyBytes(std::move(s)) : osStr(s);
}

bool boolArg(VM& vm, const Value& v, bool dflt) { return v ? vm.truthy(v) : dflt; }

std::string atPath(VM& vm, const Value& dir_fd, const std::string& path) {
  if (!present(dir_fd) || (!path.empty() && path[0] == '/')) return path;
  int fd = fdArg(vm, dir_fd);
  std::string dir = vm.vfs().fdPath(fd);
  if (dir.empty()) raiseOSError(vm, EBADF);
  return dir + "/" + path;
}

Value makeStatResult(VM& vm, const PosixTypes& types, const VfsStat& st) {
  auto u = [](uint64_t v) { return pyInt(static_cast<int64_t>(v)); };
  return makeStructSeq(
      vm, types.stat_result,
      {pyInt(st.mode), u(st.ino), u(st.dev), u(st.nlink), pyInt(st.uid), pyInt(st.gid),
       pyInt(st.size), pyInt(st.atime.tv_sec), pyInt(st.mtime.tv_sec), pyInt(st.ctime.tv_sec),
       pyFloat(seconds(st.atime)), pyFloat(seconds(st.mtime)), pyFloat(seconds(st.ctime)),
       nanoseconds(st.atime), nanoseconds(st.mtime), nanoseconds(st.ctime), pyInt(st.blksize),
       pyInt(st.blocks), u(st.rdev)});
}

void installPosixFiles(VM& vm, const Value& m, const std::shared_ptr<PosixTypes>& types) {
  (void)vm;
  auto statCall = [types](VM& vm, CallArgs& a, const ArgSpec& spec, bool follow_default,
                          bool allow_fd) -> Value {
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg p = pathArg(vm, v[0], spec.name, "path", allow_fd);
    bool follow = spec.params.size() > 2 ? boolArg(vm, v[2], follow_default) : follow_default;
    VfsStat st;
    int e =
        p.is_fd() ? vfs(vm).fstat(p.fd, st) : vfs(vm).stat(atPath(vm, v[1], p.path), follow, st);
    if (e) raisePathError(vm, e, &p);
    return makeStatResult(vm, *types, st);
  };
  moduleFunction(m, "stat", [statCall](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"stat", {"path", "dir_fd", "follow_symlinks"}, 1, 0, 2};
    return statCall(vm, a, spec, true, true);
  });
  moduleFunction(m, "lstat", [statCall](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"lstat", {"path", "dir_fd"}, 1, 0, 1};
    return statCall(vm, a, spec, false, false);
  });
  moduleFunction(m, "fstat", [types](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"fstat", {"fd"}, 1};
    int fd = fdArg(vm, bindArgs(vm, a, spec)[0]);
    VfsStat st;
    if (int e = vfs(vm).fstat(fd, st)) raiseOSError(vm, e);
    return makeStatResult(vm, *types, st);
  });
  moduleFunction(m, "access", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{
        "access", {"path", "mode", "dir_fd", "effective_ids", "follow_symlinks"}, 2, 0, 3};
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg p = pathArg(vm, v[0], "access", "path");
    int mode = static_cast<int>(ssizeArg(vm, v[1]));
    if (boolArg(vm, v[3], false)) vm.unsupported("`os.access(..., effective_ids=True)`");
    std::string path = atPath(vm, v[2], p.path);
    if (!boolArg(vm, v[4], true)) {
      VfsStat st;  // (a dangling link itself is accessible for F_OK)
      if (vfs(vm).stat(path, false, st)) return pyBool(false);
      if (S_ISLNK(st.mode)) return pyBool(true);
    }
    return pyBool(vfs(vm).access(path, mode) == 0);
  });
  moduleFunction(m, "chdir", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"chdir", {"path"}, 1};
    PathArg p = pathArg(vm, bindArgs(vm, a, spec)[0], "chdir", "path", true);
    std::string path = p.is_fd() ? vfs(vm).fdPath(p.fd) : p.path;
    if (p.is_fd() && path.empty()) raisePathError(vm, EBADF, &p);
    if (int e = vfs(vm).chdir(path)) raisePathError(vm, e, &p);
    return none();
  });
  moduleFunction(m, "fchdir", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"fchdir", {"fd"}, 1};
    int fd = fdArg(vm, bindArgs(vm, a, spec)[0]);
    std::string path = vfs(vm).fdPath(fd);
    if (path.empty()) raiseOSError(vm, EBADF);
    if (int e = vfs(vm).chdir(path)) raiseOSError(vm, e);
    return none();
  });
  moduleFunction(m, "chmod", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"chmod", {"path", "mode", "dir_fd", "follow_symlinks"}, 2, 0, 2};
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg p = pathArg(vm, v[0], "chmod", "path", true);
    uint32_t mode = static_cast<uint32_t>(ssizeArg(vm, v[1]));
    std::string path = p.is_fd() ? vfs(vm).fdPath(p.fd) : atPath(vm, v[2], p.path);
    if (p.is_fd() && path.empty()) raisePathError(vm, EBADF, &p);
    if (int e = vfs(vm).chmod(path, mode, boolArg(vm, v[3], true))) raisePathError(vm, e, &p);
    return none();
  });
  moduleFunction(m, "fchmod", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"fchmod", {"fd", "mode"}, 2};
    std::vector<Value> v = bindArgs(vm, a, spec);
    int fd = fdArg(vm, v[0]);
    std::string path = vfs(vm).fdPath(fd);
    if (path.empty()) raiseOSError(vm, EBADF);
    if (int e = vfs(vm).chmod(path, static_cast<uint32_t>(ssizeArg(vm, v[1])), true))
      raiseOSError(vm, e);
    return none();
  });
  auto cwd = [](VM& vm, bool bytes) -> Value {
    std::string path;
    if (int e = vfs(vm).getcwd(path)) raiseOSError(vm, e);
    return bytes ? pyBytes(path) : osStr(path);
  };
  moduleFunction(m, "getcwd", [cwd](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "posix.getcwd");
    return cwd(vm, false);
  });
  moduleFunction(m, "getcwdb", [cwd](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "posix.getcwdb");
    return cwd(vm, true);
  });
  moduleFunction(m, "listdir", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"listdir", {"path"}, 0};
    Value arg = bindArgs(vm, a, spec)[0];
    PathArg p = pathArg(vm, arg ? arg : none(), "listdir", "path", true, true);
    std::vector<VfsDirEntry> entries;
    int e = p.is_fd() ? vfs(vm).listdirFd(p.fd, entries) : vfs(vm).listdir(p.path, entries);
    if (e) raisePathError(vm, e, &p);
    std::vector<Value> names;
    for (VfsDirEntry& d : entries) names.push_back(pathLike(p, std::move(d.name)));
    return pyList(std::move(names));
  });
  moduleFunction(m, "mkdir", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"mkdir", {"path", "mode", "dir_fd"}, 1, 0, 1};
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg p = pathArg(vm, v[0], "mkdir", "path");
    uint32_t mode = v[1] ? static_cast<uint32_t>(ssizeArg(vm, v[1])) : 0777;
    if (int e = vfs(vm).mkdir(atPath(vm, v[2], p.path), mode)) raisePathError(vm, e, &p);
    return none();
  });
  moduleFunction(m, "rmdir", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"rmdir", {"path", "dir_fd"}, 1, 0, 1};
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg p = pathArg(vm, v[0], "rmdir", "path");
    if (int e = vfs(vm).rmdir(atPath(vm, v[1], p.path))) raisePathError(vm, e, &p);
    return none();
  });
  for (const char* name : {"remove", "unlink"})
    moduleFunction(m, name, [name](VM& vm, CallArgs& a) -> Value {
      const ArgSpec spec{name, {"path", "dir_fd"}, 1, 0, 1};
      std::vector<Value> v = bindArgs(vm, a, spec);
      PathArg p = pathArg(vm, v[0], name, "path");
      if (int e = vfs(vm).unlink(atPath(vm, v[1], p.path))) raisePathError(vm, e, &p);
      return none();
    });
  for (const char* name : {"rename", "replace"})
    moduleFunction(m, name, [name](VM& vm, CallArgs& a) -> Value {
      const ArgSpec spec{name, {"src", "dst", "src_dir_fd", "dst_dir_fd"}, 2, 0, 2};
      std::vector<Value> v = bindArgs(vm, a, spec);
      PathArg src = pathArg(vm, v[0], name, "src"), dst = pathArg(vm, v[1], name, "dst");
      int e = vfs(vm).rename(atPath(vm, v[2], src.path), atPath(vm, v[3], dst.path));
      if (e) raisePathError(vm, e, &src, &dst);
      return none();
    });
  moduleFunction(m, "readlink", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"readlink", {"path", "dir_fd"}, 1, 0, 1};
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg p = pathArg(vm, v[0], "readlink", "path");
    std::string target;
    if (int e = vfs(vm).readlink(atPath(vm, v[1], p.path), target)) raisePathError(vm, e, &p);
    return pathLike(p, std::move(target));
  });
  moduleFunction(m, "symlink", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"symlink", {"src", "dst", "target_is_directory", "dir_fd"}, 2, 0, 1};
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg src = pathArg(vm, v[0], "symlink", "src"), dst = pathArg(vm, v[1], "symlink", "dst");
    if (int e = vfs(vm).symlink(src.path, atPath(vm, v[3], dst.path)))
      raisePathError(vm, e, &src, &dst);
    return none();
  });
  moduleFunction(m, "truncate", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"truncate", {"path", "length"}, 2};
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg p = pathArg(vm, v[0], "truncate", "path", true);
    int64_t length = ssizeArg(vm, v[1]);
    int e = p.is_fd() ? vfs(vm).ftruncate(p.fd, length) : vfs(vm).truncate(p.path, length);
    if (e) raisePathError(vm, e, &p);
    return none();
  });
  moduleFunction(m, "utime", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{
        "utime", {"path", "times", "ns", "dir_fd", "follow_symlinks"}, 1, 0, 3};
    std::vector<Value> v = bindArgs(vm, a, spec);
    PathArg p = pathArg(vm, v[0], "utime", "path", true);
    timespec at{}, mt{};
    if (present(v[1]) && v[2])
      vm.raise(vm.b().value_error, "utime: you may specify either 'times' or 'ns' but not both");
    if (present(v[1])) {
      const Value& t = v[1];
      if (t->kind != Kind::Tuple || as<TupleObject>(t).items.size() != 2)
        vm.raise(vm.b().type_error, "utime: 'times' must be either a tuple of two ints or None");
      at = timeArg(vm, as<TupleObject>(t).items[0]);
      mt = timeArg(vm, as<TupleObject>(t).items[1]);
    } else if (v[2]) {
      const Value& t = v[2];
      if (t->kind != Kind::Tuple || as<TupleObject>(t).items.size() != 2)
        vm.raise(vm.b().type_error, "utime: 'ns' must be a tuple of two ints");
      for (int i = 0; i < 2; ++i) {
        int64_t ns = ssizeArg(vm, as<TupleObject>(t).items[static_cast<size_t>(i)]);
        timespec& ts = i ? mt : at;
        ts.tv_sec = static_cast<time_t>(ns / 1000000000);
        ts.tv_nsec = static_cast<long>(ns % 1000000000);
        if (ts.tv_nsec < 0) ts.tv_nsec += 1000000000, --ts.tv_sec;
      }
    } else {
      clock_gettime(CLOCK_REALTIME, &at);
      mt = at;
    }
    std::string path = p.is_fd() ? vfs(vm).fdPath(p.fd) : atPath(vm, v[3], p.path);
    if (p.is_fd() && path.empty()) raisePathError(vm, EBADF, &p);
    if (int e = vfs(vm).utime(path, at, mt, boolArg(vm, v[4], true))) raisePathError(vm, e, &p);
    return none();
  });
  moduleFunction(m, "fspath", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"fspath", {"path"}, 1};
    return fspath(vm, bindArgs(vm, a, spec)[0]);
  });
  moduleFunction(m, "_path_normpath", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"_path_normpath", {"path"}, 1};
    PathArg p = pathArg(vm, bindArgs(vm, a, spec)[0], "_path_normpath", "path");
    return pathLike(p, normpath(p.path));
  });
  moduleFunction(m, "_path_splitroot_ex", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"_path_splitroot_ex", {"p"}, 1};
    PathArg p = pathArg(vm, bindArgs(vm, a, spec)[0], "_path_splitroot_ex", "p");
    const std::string& s = p.path;
    size_t root = s.empty() || s[0] != '/'                                        ? 0
                  : s.size() > 1 && s[1] == '/' && !(s.size() > 2 && s[2] == '/') ? 2
                                                                                  : 1;
    return pyTuple({pathLike(p, ""), pathLike(p, s.substr(0, root)), pathLike(p, s.substr(root))});
  });
}

}  // namespace gbc::interp
