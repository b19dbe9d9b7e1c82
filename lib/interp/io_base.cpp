// The bases of the _io classes (_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase), after
// CPython 3.14's Modules/_io/iobase.c, bufferedio.c and textio.c: their methods work on any
// subclass through its own Python-level methods (self.readline(), self.write(), self.closed).
#include "interp/io_internal.h"

namespace gbc::interp {

void raiseUnsupported(VM& vm, const IoTypes& t, const std::string& message) {
  vm.raise(t.unsupported, message);
}

void raiseClosed(VM& vm, bool period) {
  vm.raise(vm.b().value_error,
           period ? "I/O operation on closed file." : "I/O operation on closed file");
}

bool callBool(VM& vm, const Value& obj, const char* method) {
  return vm.truthy(vm.callMethod(obj, method, {}));
}

bool attrBool(VM& vm, const Value& obj, const char* attr) {
  return vm.truthy(vm.getAttr(obj, attr));
}

int64_t sizeArg(VM& vm, const Value& v) {
  int64_t n = -1;
  return optSizeArg(vm, v, n) ? n : -1;
}

namespace {

const char* const kClosedKey = "__IOBase_closed";

bool iobaseClosed(VM& vm, const Value& self) {
  DictPtr d = vm.instanceDict(self, false);
  Value c = d ? d->getStr(kClosedKey) : nullptr;
  return c && vm.truthy(c);
}

void checkClosed(VM& vm, const Value& self) {
  if (attrBool(vm, self, "closed")) raiseClosed(vm);
}

/// What readline() got from read() / peek(): bytes, or CPython's TypeError.
const std::string& bytesResult(VM& vm, const Value& r, const char* method) {
  if (r->kind != Kind::Bytes)
    vm.raise(vm.b().os_error, std::string(method) +
                                  "() should have returned a bytes object, not '" +
                                  vm.typeOf(r)->name + "'");
  return as<BytesObject>(r).v;
}

}  // namespace

void installIOBase(VM& vm, const std::shared_ptr<IoTypes>& t) {
  ClassPtr base = makeNativeType(vm, "_io", "_IOBase");
  t->iobase = base;
  nativeGetSet(base, "closed",
               [](VM& vm, const Value& self) -> Value { return pyBool(iobaseClosed(vm, self)); });
  checkedNativeMethod(base, "_checkClosed", [](VM& vm, CallArgs& a) -> Value {
    checkClosed(vm, a.args.at(0));
    return none();
  });
  auto check = [t](const char* name, const char* method, const char* msg) {
    checkedNativeMethod(t->iobase, name, [t, method, msg](VM& vm, CallArgs& a) -> Value {
      if (!callBool(vm, a.args.at(0), method)) raiseUnsupported(vm, *t, msg);
      return none();
    });
  };
  check("_checkSeekable", "seekable", "File or stream is not seekable.");
  check("_checkReadable", "readable", "File or stream is not readable.");
  check("_checkWritable", "writable", "File or stream is not writable.");
  checkedNativeMethod(base, "flush", [](VM& vm, CallArgs& a) -> Value {
    if (iobaseClosed(vm, a.args.at(0))) raiseClosed(vm);
    return none();
  });
  checkedNativeMethod(base, "close", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    if (iobaseClosed(vm, self)) return none();
    DictPtr d = vm.instanceDict(self, true);
    try {
      vm.callMethod(self, "flush", {});
    } catch (...) {
      if (d) d->setStr(kClosedKey, pyBool(true));
      throw;
    }
    if (d) d->setStr(kClosedKey, pyBool(true));
    return none();
  });
  checkedNativeMethod(base, "seek",
                      [t](VM& vm, CallArgs&) -> Value { raiseUnsupported(vm, *t, "seek"); });
  checkedNativeMethod(base, "tell", [](VM& vm, CallArgs& a) -> Value {
    return vm.callMethod(a.args.at(0), "seek", {pyInt(0), pyInt(1)});
  });
  checkedNativeMethod(base, "truncate",
                      [t](VM& vm, CallArgs&) -> Value { raiseUnsupported(vm, *t, "truncate"); });
  for (const char* name : {"seekable", "readable", "writable"})
    checkedNativeMethod(base, name, [](VM&, CallArgs&) -> Value { return pyBool(false); });
  checkedNativeMethod(base, "fileno",
                      [t](VM& vm, CallArgs&) -> Value { raiseUnsupported(vm, *t, "fileno"); });
  checkedNativeMethod(base, "isatty", [](VM& vm, CallArgs& a) -> Value {
    checkClosed(vm, a.args.at(0));
    return pyBool(false);
  });
  checkedNativeMethod(base, "__enter__", [](VM& vm, CallArgs& a) -> Value {
    checkClosed(vm, a.args.at(0));
    return a.args[0];
  });
  checkedNativeMethod(base, "__exit__", [](VM& vm, CallArgs& a) -> Value {
    return vm.callMethod(a.args.at(0), "close", {});
  });
  checkedNativeMethod(base, "__iter__", [](VM& vm, CallArgs& a) -> Value {
    checkClosed(vm, a.args.at(0));
    return a.args[0];
  });
  checkedNativeMethod(base, "__next__", [](VM& vm, CallArgs& a) -> Value {
    Value line = vm.callMethod(a.args.at(0), "readline", {});
    if (vm.len(line) == 0) vm.raise(vm.b().stop_iteration, "");
    return line;
  });
  checkedNativeMethod(base, "readline", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "readline", 0, 1, 1);
    const Value& self = a.args[0];
    int64_t limit = a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1;
    Value peek = vm.getAttrOrNull(self, "peek");
    std::string out;
    while (limit < 0 || static_cast<int64_t>(out.size()) < limit) {
      int64_t n = 1;
      if (peek) {
        const std::string& ahead =
            bytesResult(vm, vm.call(peek, std::vector<Value>{pyInt(1)}), "peek");
        if (ahead.empty()) break;
        size_t nl = ahead.find('\n');
        n = nl == std::string::npos ? static_cast<int64_t>(ahead.size())
                                    : static_cast<int64_t>(nl) + 1;
        if (limit >= 0) n = std::min(n, limit - static_cast<int64_t>(out.size()));
      }
      Value r = vm.callMethod(self, "read", {pyInt(n)});
      const std::string& got = bytesResult(vm, r, "read");
      if (got.empty()) break;
      out += got;
      if (out.back() == '\n') break;
    }
    return pyBytes(std::move(out));
  });
  checkedNativeMethod(base, "readlines", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "readlines", 0, 1, 1);
    int64_t hint = a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1;
    std::vector<Value> lines;
    int64_t total = 0;
    Value it = vm.iter(a.args[0]);
    while (Value line = vm.next(it)) {
      lines.push_back(line);
      total += vm.len(line);
      if (hint > 0 && total >= hint) break;
    }
    return pyList(std::move(lines));
  });
  checkedNativeMethod(base, "writelines", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "writelines", 1, 1, 1);
    checkClosed(vm, a.args[0]);
    Value it = vm.iter(a.args[1]);
    while (Value line = vm.next(it)) vm.callMethod(a.args[0], "write", {line});
    return none();
  });

  ClassPtr raw = makeNativeType(vm, "_io", "_RawIOBase", {base});
  t->rawiobase = raw;
  checkedNativeMethod(raw, "read", [t](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "read", 0, 1, 1);
    int64_t n = a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1;
    if (n < 0) return vm.callMethod(a.args[0], "readall", {});
    // (CPython hands readinto() a bytearray, which gbc does not have yet)
    vm.unsupported("`_RawIOBase.read(n)` of a Python raw stream (it needs a bytearray)");
  });
  checkedNativeMethod(raw, "readall", [t](VM& vm, CallArgs& a) -> Value {
    std::string out;
    bool any = false;
    for (;;) {
      Value r = vm.callMethod(a.args.at(0), "read", {pyInt(t->default_buffer_size)});
      if (isNone(r)) {
        if (!any) return none();
        break;
      }
      const std::string& got = bytesResult(vm, r, "read");
      any = true;
      if (got.empty()) break;
      out += got;
    }
    return pyBytes(std::move(out));
  });
  for (const char* name : {"readinto", "write"})
    checkedNativeMethod(
        raw, name, [](VM& vm, CallArgs&) -> Value { vm.raise(vm.b().not_implemented_error, ""); });

  ClassPtr buffered = makeNativeType(vm, "_io", "_BufferedIOBase", {base});
  t->bufferediobase = buffered;
  for (const char* name : {"read", "read1", "write", "detach", "readinto", "readinto1"})
    checkedNativeMethod(buffered, name,
                        [t, name](VM& vm, CallArgs&) -> Value { raiseUnsupported(vm, *t, name); });

  ClassPtr text = makeNativeType(vm, "_io", "_TextIOBase", {base});
  t->textiobase = text;
  for (const char* name : {"read", "readline", "write", "detach"})
    checkedNativeMethod(text, name,
                        [t, name](VM& vm, CallArgs&) -> Value { raiseUnsupported(vm, *t, name); });
  for (const char* name : {"encoding", "newlines", "errors"})
    nativeGetSet(text, name, [](VM&, const Value&) -> Value { return none(); });
}

}  // namespace gbc::interp
