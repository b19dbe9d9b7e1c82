// os.scandir and os.DirEntry, after CPython 3.14's Modules/posixmodule.c: the iterator (a
// context manager with close()) and entries that know their type from the listing and stat
// themselves at most once per follow_symlinks value.
#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>

#include "interp/native_modules.h"
#include "interp/native_type.h"
#include "interp/oserror.h"
#include "interp/posix_internal.h"

namespace gbc::interp {

namespace {

struct DirEntryState : NativeState {
  std::string name, path;  // bytes, as the OS has them
  std::string stat_path;   // where stat() looks (scandir(fd): under the fd's folder)
  bool is_bytes = false;
  unsigned char type = DT_UNKNOWN;
  uint64_t ino = 0;
  bool have_stat = false, have_lstat = false;
  VfsStat stat, lstat;
  Value stat_obj, lstat_obj;
};

struct ScandirState : NativeState {
  std::vector<Value> entries;
  size_t next = 0;
  bool closed = false;
};

Value asText(const DirEntryState& e, const std::string& s) {
  return e.is_bytes ? pyBytes(s) : osStr(s);
}

/// The entry's stat (follow) or lstat, fetched once; 0 or errno.
int fetch(VM& vm, DirEntryState& e, bool follow) {
  bool& have = follow ? e.have_stat : e.have_lstat;
  if (have) return 0;
  int err = vm.vfs().stat(e.stat_path, follow, follow ? e.stat : e.lstat);
  if (!err) have = true;
  return err;
}

[[noreturn]] void entryError(VM& vm, const DirEntryState& e, int err) {
  raiseOSError(vm, err, asText(e, e.path));
}

bool isSymlink(VM& vm, DirEntryState& e) {
  if (e.type != DT_UNKNOWN) return e.type == DT_LNK;
  if (int err = fetch(vm, e, false)) entryError(vm, e, err);
  return S_ISLNK(e.lstat.mode);
}

/// is_dir / is_file: from the listing's type unless a link must be followed; a missing target
/// is False, as CPython answers.
bool testMode(VM& vm, DirEntryState& e, bool follow, unsigned char dt, uint32_t fmt) {
  bool link = isSymlink(vm, e);
  if (e.type != DT_UNKNOWN && !(follow && link)) return e.type == dt;
  int err = fetch(vm, e, follow && link);
  if (err == ENOENT) return false;
  if (err) entryError(vm, e, err);
  const VfsStat& st = follow && link ? e.stat : e.lstat;
  return (st.mode & S_IFMT) == fmt;
}

bool followArg(VM& vm, CallArgs& a, const char* fname) {
  const ArgSpec spec{fname, {"follow_symlinks"}, 0, 0, 1};
  return boolArg(vm, bindArgs(vm, a, spec, 1)[0], true);
}

}  // namespace

void installScandir(VM& vm, const Value& m, const std::shared_ptr<PosixTypes>& types) {
  ClassPtr entry = makeNativeType(vm, "posix", "DirEntry");
  auto b = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().type_error, "cannot create 'posix.DirEntry' instances");
  });
  b->binds = false;
  entry->dict->setStr("__new__", b);
  nativeGetSet(entry, "name", [](VM& vm, const Value& self) -> Value {
    auto& e = nativeState<DirEntryState>(vm, self, "name");
    return asText(e, e.name);
  });
  nativeGetSet(entry, "path", [](VM& vm, const Value& self) -> Value {
    auto& e = nativeState<DirEntryState>(vm, self, "path");
    return asText(e, e.path);
  });
  checkedNativeMethod(entry, "__fspath__", [](VM& vm, CallArgs& a) -> Value {
    auto& e = nativeState<DirEntryState>(vm, a.args.at(0), "__fspath__");
    return asText(e, e.path);
  });
  checkedNativeMethod(entry, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    auto& e = nativeState<DirEntryState>(vm, a.args.at(0), "__repr__");
    return pyStr("<DirEntry " + vm.repr(asText(e, e.name)) + ">");
  });
  checkedNativeMethod(entry, "inode", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "inode", 1);
    auto& e = nativeState<DirEntryState>(vm, a.args.at(0), "inode");
    return pyInt(static_cast<int64_t>(e.ino));
  });
  checkedNativeMethod(entry, "is_symlink", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "is_symlink", 1);
    return pyBool(isSymlink(vm, nativeState<DirEntryState>(vm, a.args.at(0), "is_symlink")));
  });
  checkedNativeMethod(entry, "is_junction", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "is_junction", 1);
    nativeState<DirEntryState>(vm, a.args.at(0), "is_junction");
    return pyBool(false);
  });
  checkedNativeMethod(entry, "is_dir", [](VM& vm, CallArgs& a) -> Value {
    auto& e = nativeState<DirEntryState>(vm, a.args.at(0), "is_dir");
    return pyBool(testMode(vm, e, followArg(vm, a, "is_dir"), DT_DIR, S_IFDIR));
  });
  checkedNativeMethod(entry, "is_file", [](VM& vm, CallArgs& a) -> Value {
    auto& e = nativeState<DirEntryState>(vm, a.args.at(0), "is_file");
    return pyBool(testMode(vm, e, followArg(vm, a, "is_file"), DT_REG, S_IFREG));
  });
  checkedNativeMethod(entry, "stat", [types](VM& vm, CallArgs& a) -> Value {
    auto& e = nativeState<DirEntryState>(vm, a.args.at(0), "stat");
    bool follow = followArg(vm, a, "stat") && isSymlink(vm, e);
    Value& cached = follow ? e.stat_obj : e.lstat_obj;
    if (!cached) {
      if (int err = fetch(vm, e, follow)) entryError(vm, e, err);
      cached = makeStatResult(vm, *types, follow ? e.stat : e.lstat);
    }
    return cached;
  });
  as<ModuleObject>(m).dict->setStr("DirEntry", entry);

  ClassPtr iter = makeNativeType(vm, "posix", "ScandirIterator");
  auto nb = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().type_error, "cannot create 'posix.ScandirIterator' instances");
  });
  nb->binds = false;
  iter->dict->setStr("__new__", nb);
  checkedNativeMethod(iter, "__iter__", [](VM&, CallArgs& a) -> Value { return a.args.at(0); });
  checkedNativeMethod(iter, "__next__", [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<ScandirState>(vm, a.args.at(0), "__next__");
    if (s.closed || s.next >= s.entries.size()) {
      s.closed = true;
      s.entries.clear();
      vm.raise(vm.b().stop_iteration, "");
    }
    return s.entries[s.next++];
  });
  auto close = [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<ScandirState>(vm, a.args.at(0), "close");
    s.closed = true;
    s.entries.clear();
    return none();
  };
  checkedNativeMethod(iter, "close", close);
  checkedNativeMethod(iter, "__enter__", [](VM&, CallArgs& a) -> Value { return a.args.at(0); });
  checkedNativeMethod(iter, "__exit__", close);

  moduleFunction(m, "scandir", [entry, iter](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"scandir", {"path"}, 0};
    Value arg = bindArgs(vm, a, spec)[0];
    PathArg p = pathArg(vm, arg ? arg : none(), "scandir", "path", true, true);
    std::vector<VfsDirEntry> listing;
    int err = p.is_fd() ? vm.vfs().listdirFd(p.fd, listing) : vm.vfs().listdir(p.path, listing);
    if (err) raisePathError(vm, err, &p);
    std::string dir = p.is_fd() ? vm.vfs().fdPath(p.fd) : p.path;
    auto state = std::make_shared<ScandirState>();
    for (VfsDirEntry& d : listing) {
      auto e = std::make_shared<DirEntryState>();
      e->is_bytes = p.is_bytes;
      e->type = d.type;
      e->ino = d.ino;
      e->name = d.name;
      // (scandir(fd) entries' path is the name alone; stat() still finds the file)
      std::string joined = dir + (!dir.empty() && dir.back() == '/' ? "" : "/") + d.name;
      e->path = p.is_fd() ? d.name : joined;
      e->stat_path = joined;
      state->entries.push_back(newNative<DirEntryState>(entry, e));
    }
    return newNative<ScandirState>(iter, state);
  });
}

}  // namespace gbc::interp
