// _io.FileIO, the raw file, after CPython 3.14's Modules/_io/fileio.c: a file descriptor of the
// VM's Vfs (vfs.h), opened by name (with the mode's O_* flags), by descriptor, or by an opener.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "interp/io_internal.h"
#include "interp/oserror.h"
#include "interp/text_args.h"

namespace gbc::interp {

FileIOState::~FileIOState() {
  if (fd >= 0 && closefd && vfs) (void)vfs->close(fd);
}

FileIOState* fileIOState(const Value& raw) {
  if (!raw || raw->kind != Kind::Instance) return nullptr;
  return dynamic_cast<FileIOState*>(as<InstanceObject>(raw).native.get());
}

namespace {

FileIOState& stateOf(VM& vm, const Value& self, const char* what) {
  return nativeState<FileIOState>(vm, self, what);
}

FileIOState& openState(VM& vm, const Value& self, const char* what) {
  FileIOState& f = stateOf(vm, self, what);
  if (f.fd < 0) raiseClosed(vm, false);
  return f;
}

[[noreturn]] void ioError(VM& vm, int e) {
  if (e == kVfsBlocksForever)
    vm.unsupported(
        "reading an empty pipe whose write end is open (the program would wait "
        "forever)");
  raiseOSError(vm, e);
}

std::string modeString(const FileIOState& f) {
  if (f.created) return f.readable ? "xb+" : "xb";
  if (f.appending) return f.readable ? "ab+" : "ab";
  if (f.readable) return f.writable ? "rb+" : "rb";
  return "wb";
}

}  // namespace

std::string fileRead(VM& vm, FileIOState& f, int64_t n) {
  if (n < 0) {
    std::string out, chunk;
    for (;;) {
      if (int e = f.vfs->read(f.fd, 65536, chunk)) ioError(vm, e);
      if (chunk.empty()) return out;
      out += chunk;
    }
  }
  std::string out;
  if (int e = f.vfs->read(f.fd, static_cast<size_t>(n), out)) ioError(vm, e);
  return out;
}

size_t fileWrite(VM& vm, FileIOState& f, std::string_view data) {
  size_t written = 0;
  if (int e = f.vfs->write(f.fd, data, written)) ioError(vm, e);
  return written;
}

int64_t fileSeek(VM& vm, FileIOState& f, int64_t pos, int whence) {
  int64_t out = 0;
  if (int e = f.vfs->lseek(f.fd, pos, whence, out)) ioError(vm, e);
  return out;
}

bool fileSeekable(VM&, FileIOState& f) {
  if (f.seekable < 0) {
    int64_t out = 0;
    f.seekable = f.vfs->lseek(f.fd, 0, SEEK_CUR, out) == 0;
  }
  return f.seekable != 0;
}

Value openFileIO(VM& vm, const IoTypes& t, const ClassPtr& cls, const Value& file,
                 const std::string& mode, bool closefd, const Value& opener) {
  (void)t;
  Value self = newNative<FileIOState>(cls);
  CallArgs init;
  init.args = {self, file, pyStr(mode), pyBool(closefd)};
  if (opener) init.args.push_back(opener);
  vm.call(cls->lookup("__init__"), init);
  return self;
}

void installFileIO(VM& vm, const std::shared_ptr<IoTypes>& t) {
  ClassPtr cls = makeNativeType(vm, "_io", "FileIO", {t->rawiobase});
  t->fileio = cls;
  nativeNew<FileIOState>(cls);
  checkedNativeMethod(cls, "__init__", [t](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"FileIO", {"file", "mode", "closefd", "opener"}, 1};
    const Value self = a.args.at(0);
    FileIOState& f = stateOf(vm, self, "__init__");
    std::vector<Value> v = bindArgs(vm, a, spec, 1);
    if (f.fd >= 0) {
      if (f.closefd) (void)f.vfs->close(f.fd);
      f.fd = -1;
    }
    f.vfs = vm.vfsRef();
    Value file = v[0];
    std::string mode = v[1] ? strArg(vm, v[1], "FileIO", "'mode'") : "r";
    bool closefd = !v[2] || vm.truthy(v[2]);
    Value opener = v[3] && !isNone(v[3]) ? v[3] : nullptr;
    int fd = -1;
    Value name;
    std::string path;
    if (file->kind == Kind::Float)
      vm.raise(vm.b().type_error, "expected str, bytes or os.PathLike object, not float");
    if (hasIndex(vm, file) && file->kind != Kind::Str && file->kind != Kind::Bytes) {
      int64_t n = ssizeArg(vm, file);
      if (n < 0) vm.raise(vm.b().value_error, "negative file descriptor");
      fd = static_cast<int>(n);
    } else {
      name = fspath(vm, file);
      path = osBytes(vm, name);
      if (path.find('\0') != std::string::npos) vm.raise(vm.b().value_error, "embedded null byte");
    }
    // the mode: one of r / w / x / a, at most one '+', 'b' allowed
    bool rwa = false, plus = false;
    f.readable = f.writable = f.appending = f.created = false;
    int flags = 0;
    auto badMode = [&]() {
      vm.raise(vm.b().value_error,
               "Must have exactly one of create/read/write/append mode and at most one plus");
    };
    for (char c : mode) {
      switch (c) {
        case 'x':
        case 'r':
        case 'w':
        case 'a':
          if (rwa) badMode();
          rwa = true;
          if (c == 'x') f.created = f.writable = true, flags |= O_EXCL | O_CREAT;
          if (c == 'r') f.readable = true;
          if (c == 'w') f.writable = true, flags |= O_CREAT | O_TRUNC;
          if (c == 'a') f.writable = f.appending = true, flags |= O_APPEND | O_CREAT;
          break;
        case '+':
          if (plus) badMode();
          f.readable = f.writable = plus = true;
          break;
        case 'b':
          break;
        default:
          vm.raise(vm.b().value_error, "invalid mode: " + mode);
      }
    }
    if (!rwa) badMode();
    flags |= f.readable && f.writable ? O_RDWR : f.readable ? O_RDONLY : O_WRONLY;
    flags |= O_CLOEXEC;
    if (fd >= 0) {
      f.fd = fd;
      f.closefd = closefd;
      name = pyInt(fd);
    } else {
      f.closefd = true;
      if (!closefd) vm.raise(vm.b().value_error, "Cannot use closefd=False with file name");
      if (opener) {
        Value r = vm.call(opener, std::vector<Value>{name, pyInt(flags)});
        if (!isInt(r)) vm.raise(vm.b().type_error, "expected integer from opener");
        if (asInt(r) < 0)
          vm.raise(vm.b().value_error, "opener returned " + std::to_string(asInt(r)));
        f.fd = static_cast<int>(asInt(r));
      } else if (int e = f.vfs->open(path, flags, 0666, f.fd)) {
        f.fd = -1;
        raiseOSError(vm, e, name);
      }
    }
    VfsStat st;
    if (int se = f.vfs->fstat(f.fd, st)) {
      f.fd = -1;
      raiseOSError(vm, se);
    }
    if (S_ISDIR(st.mode)) {
      if (f.closefd) (void)f.vfs->close(f.fd);
      f.fd = -1;
      raiseOSError(vm, EISDIR, name);
    }
    f.blksize = st.blksize > 1 ? st.blksize : 0;
    vm.setAttr(self, "name", name);
    if (f.appending) {
      int64_t out = 0;
      (void)f.vfs->lseek(f.fd, 0, SEEK_END, out);
    }
    return none();
  });
  checkedNativeMethod(cls, "read", [t](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "read", 0, 1, 1);
    FileIOState& f = openState(vm, a.args[0], "read");
    if (!f.readable) raiseUnsupported(vm, *t, "File not open for reading");
    int64_t n = a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1;
    return pyBytes(fileRead(vm, f, n));
  });
  checkedNativeMethod(cls, "readall", [t](VM& vm, CallArgs& a) -> Value {
    FileIOState& f = openState(vm, a.args.at(0), "readall");
    if (!f.readable) raiseUnsupported(vm, *t, "File not open for reading");
    return pyBytes(fileRead(vm, f, -1));
  });
  checkedNativeMethod(cls, "readinto", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "readinto", 1, 1, 1);
    openState(vm, a.args[0], "readinto");
    if (a.args[1]->kind == Kind::Bytes || a.args[1]->kind == Kind::Str)
      vm.raise(vm.b().type_error, "readinto() argument must be read-write bytes-like object, not " +
                                      vm.typeOf(a.args[1])->name);
    vm.unsupported("`FileIO.readinto` (gbc has no writable buffers yet)");
  });
  checkedNativeMethod(cls, "write", [t](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "write", 1, 1, 1);
    FileIOState& f = openState(vm, a.args[0], "write");
    const Value& b = a.args[1];
    if (b->kind != Kind::Bytes)
      vm.raise(vm.b().type_error,
               "a bytes-like object is required, not '" + vm.typeOf(b)->name + "'");
    if (!f.writable) raiseUnsupported(vm, *t, "File not open for writing");
    return pyInt(static_cast<int64_t>(fileWrite(vm, f, as<BytesObject>(b).v)));
  });
  checkedNativeMethod(cls, "seek", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "seek", 1, 2, 1);
    FileIOState& f = openState(vm, a.args[0], "seek");
    int64_t pos = ssizeArg(vm, a.args[1]);
    int whence = a.args.size() > 2 ? static_cast<int>(ssizeArg(vm, a.args[2])) : 0;
    return pyInt(fileSeek(vm, f, pos, whence));
  });
  checkedNativeMethod(cls, "tell", [](VM& vm, CallArgs& a) -> Value {
    FileIOState& f = openState(vm, a.args.at(0), "tell");
    return pyInt(fileSeek(vm, f, 0, SEEK_CUR));
  });
  checkedNativeMethod(cls, "truncate", [t](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "truncate", 0, 1, 1);
    FileIOState& f = openState(vm, a.args[0], "truncate");
    if (!f.writable) raiseUnsupported(vm, *t, "File not open for writing");
    int64_t size = a.args.size() > 1 && !isNone(a.args[1]) ? ssizeArg(vm, a.args[1])
                                                           : fileSeek(vm, f, 0, SEEK_CUR);
    if (int e = f.vfs->ftruncate(f.fd, size)) raiseOSError(vm, e);
    return pyInt(size);
  });
  checkedNativeMethod(cls, "seekable", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(fileSeekable(vm, openState(vm, a.args.at(0), "seekable")));
  });
  checkedNativeMethod(cls, "readable", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(openState(vm, a.args.at(0), "readable").readable);
  });
  checkedNativeMethod(cls, "writable", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(openState(vm, a.args.at(0), "writable").writable);
  });
  checkedNativeMethod(cls, "fileno", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(openState(vm, a.args.at(0), "fileno").fd);
  });
  checkedNativeMethod(cls, "isatty", [](VM& vm, CallArgs& a) -> Value {
    FileIOState& f = openState(vm, a.args.at(0), "isatty");
    bool tty = false;
    (void)f.vfs->isatty(f.fd, tty);
    return pyBool(tty);
  });
  checkedNativeMethod(cls, "close", [t](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    FileIOState& f = stateOf(vm, self, "close");
    // _RawIOBase.close (flush, mark closed), then the descriptor
    Value base_close = t->iobase->dict->getStr("close");
    vm.call(base_close, std::vector<Value>{self});
    if (f.fd >= 0) {
      int fd = f.fd;
      f.fd = -1;
      if (f.closefd)
        if (int e = f.vfs->close(fd)) raiseOSError(vm, e);
    }
    return none();
  });
  nativeGetSet(cls, "closed", [](VM& vm, const Value& self) -> Value {
    return pyBool(stateOf(vm, self, "closed").fd < 0);
  });
  nativeGetSet(cls, "closefd", [](VM& vm, const Value& self) -> Value {
    return pyBool(stateOf(vm, self, "closefd").closefd);
  });
  nativeGetSet(cls, "mode", [](VM& vm, const Value& self) -> Value {
    return pyStr(modeString(stateOf(vm, self, "mode")));
  });
  nativeGetSet(cls, "_blksize", [](VM& vm, const Value& self) -> Value {
    return pyInt(stateOf(vm, self, "_blksize").blksize);
  });
  nativeGetSet(cls, "_finalizing", [](VM&, const Value&) -> Value { return pyBool(false); });
  checkedNativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    FileIOState& f = stateOf(vm, self, "__repr__");
    std::string type = typeName(vm.typeOf(self));
    if (f.fd < 0) return pyStr("<" + type + " [closed]>");
    std::string tail = " mode='" + modeString(f) + "' closefd=" + (f.closefd ? "True" : "False");
    DictPtr d = vm.instanceDict(self, false);
    Value name = d ? d->getStr("name") : nullptr;
    if (!name) return pyStr("<" + type + " fd=" + std::to_string(f.fd) + tail + ">");
    return pyStr("<" + type + " name=" + vm.repr(name) + tail + ">");
  });
  checkedNativeMethod(cls, "__getstate__", [](VM& vm, CallArgs& a) -> Value {
    vm.raise(vm.b().type_error,
             "cannot pickle '" + typeName(vm.typeOf(a.args.at(0))) + "' instances");
  });
}

}  // namespace gbc::interp
