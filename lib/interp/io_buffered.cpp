// The buffered layer of _io (BufferedReader, BufferedWriter, BufferedRandom, BufferedRWPair),
// after CPython 3.14's Modules/_io/bufferedio.c: a read-ahead buffer and a write buffer over a
// raw stream, with the position the program sees (tell) accounting for both, and CPython's
// "X of closed file" errors. Over gbc's FileIO the raw calls are native; over a Python raw
// stream they are its read / write / seek / tell methods.
#include <unistd.h>

#include "interp/io_internal.h"

namespace gbc::interp {

namespace {

struct BufferedState : NativeState, VfsFlushable {
  Value raw;
  bool readable = false, writable = false;
  bool initialized = false, detached = false;
  bool write_through = false;
  int64_t buffer_size = 0;
  std::string rbuf;  // read ahead; rbuf[rpos..] not yet given to the program
  size_t rpos = 0;
  std::string wbuf;  // written by the program, not yet to the raw stream
  FileIOState* fast() const { return fileIOState(raw); }
  size_t unread() const { return rbuf.size() - rpos; }
  void flushAtExit() override {
    // (a file the program never closed: its buffer reaches the file, as when CPython exits)
    FileIOState* f = fast();
    if (wbuf.empty() || !f || f->fd < 0) return;
    size_t done = 0;
    while (done < wbuf.size()) {
      size_t n = 0;
      if (f->vfs->write(f->fd, std::string_view(wbuf).substr(done), n) || n == 0) break;
      done += n;
    }
    wbuf.clear();
  }
  ~BufferedState() override { flushAtExit(); }
};

BufferedState& stateOf(VM& vm, const Value& self, const char* what) {
  BufferedState& b = nativeState<BufferedState>(vm, self, what);
  if (b.detached) vm.raise(vm.b().value_error, "raw stream has been detached");
  if (!b.initialized) vm.raise(vm.b().value_error, "I/O operation on uninitialized object");
  return b;
}

bool rawClosed(VM& vm, const BufferedState& b) {
  if (FileIOState* f = b.fast()) return f->fd < 0;
  return attrBool(vm, b.raw, "closed");
}

void checkClosed(VM& vm, const BufferedState& b, const char* message) {
  if (rawClosed(vm, b)) vm.raise(vm.b().value_error, message);
}

// ---- the raw stream

/// One raw read of at most n bytes ("" at EOF).
std::string rawRead(VM& vm, BufferedState& b, int64_t n) {
  if (FileIOState* f = b.fast()) return fileRead(vm, *f, n);
  Value r = vm.callMethod(b.raw, "read", {pyInt(n)});
  if (isNone(r)) return "";
  if (r->kind != Kind::Bytes) vm.raise(vm.b().type_error, "read() should return bytes");
  if (n >= 0 && as<BytesObject>(r).v.size() > static_cast<size_t>(n))
    vm.raise(vm.b().os_error, "raw read() returned invalid length " +
                                  std::to_string(as<BytesObject>(r).v.size()) +
                                  " (should have been between 0 and " + std::to_string(n) + ")");
  return as<BytesObject>(r).v;
}

void rawWriteAll(VM& vm, BufferedState& b, std::string_view data) {
  size_t done = 0;
  while (done < data.size()) {
    size_t n;
    if (FileIOState* f = b.fast()) {
      n = fileWrite(vm, *f, data.substr(done));
    } else {
      Value r = vm.callMethod(b.raw, "write", {pyBytes(std::string(data.substr(done)))});
      if (isNone(r)) vm.unsupported("non-blocking raw streams under a buffered writer");
      n = static_cast<size_t>(ssizeArg(vm, r));
    }
    if (n == 0) break;
    done += n;
  }
}

int64_t rawSeek(VM& vm, BufferedState& b, int64_t pos, int whence) {
  if (FileIOState* f = b.fast()) return fileSeek(vm, *f, pos, whence);
  Value r = vm.callMethod(b.raw, "seek", {pyInt(pos), pyInt(whence)});
  int64_t n = ssizeArg(vm, r);
  if (n < 0) vm.raise(vm.b().os_error, "Raw stream returned invalid position " + std::to_string(n));
  return n;
}

void flushWrites(VM& vm, BufferedState& b) {
  if (b.wbuf.empty()) return;
  std::string data;
  data.swap(b.wbuf);
  rawWriteAll(vm, b, data);
}

/// Drops what was read ahead, moving the raw stream back to where the program is.
void rewindReads(VM& vm, BufferedState& b) {
  if (b.unread()) rawSeek(vm, b, -static_cast<int64_t>(b.unread()), SEEK_CUR);
  b.rbuf.clear();
  b.rpos = 0;
}

/// Reads ahead one raw read of the buffer's size; false at EOF.
bool fill(VM& vm, BufferedState& b) {
  flushWrites(vm, b);
  if (b.rpos) {
    b.rbuf.erase(0, b.rpos);
    b.rpos = 0;
  }
  std::string got = rawRead(vm, b, b.buffer_size);
  if (got.empty()) return false;
  b.rbuf += got;
  return true;
}

std::string take(BufferedState& b, size_t n) {
  n = std::min(n, b.unread());
  std::string out = b.rbuf.substr(b.rpos, n);
  b.rpos += n;
  if (b.rpos == b.rbuf.size()) b.rbuf.clear(), b.rpos = 0;
  return out;
}

std::string readN(VM& vm, BufferedState& b, int64_t n) {
  if (n < 0) {
    flushWrites(vm, b);
    std::string out = take(b, b.unread());
    if (FileIOState* f = b.fast()) return out + fileRead(vm, *f, -1);
    Value r = vm.callMethod(b.raw, "readall", {});
    if (!isNone(r)) out += as<BytesObject>(r).v;
    return out;
  }
  std::string out = take(b, static_cast<size_t>(n));
  while (out.size() < static_cast<size_t>(n) && fill(vm, b))
    out += take(b, static_cast<size_t>(n) - out.size());
  return out;
}

std::string readLine(VM& vm, BufferedState& b, int64_t limit) {
  std::string out;
  for (;;) {
    size_t nl = b.rbuf.find('\n', b.rpos);
    size_t avail = nl == std::string::npos ? b.unread() : nl - b.rpos + 1;
    if (limit >= 0) avail = std::min(avail, static_cast<size_t>(limit) - out.size());
    out += take(b, avail);
    if ((!out.empty() && out.back() == '\n') ||
        (limit >= 0 && out.size() >= static_cast<size_t>(limit)))
      return out;
    if (!fill(vm, b)) return out;
  }
}

int64_t tellOf(VM& vm, BufferedState& b) {
  int64_t raw;
  if (FileIOState* f = b.fast())
    raw = fileSeek(vm, *f, 0, SEEK_CUR);
  else
    raw = ssizeArg(vm, vm.callMethod(b.raw, "tell", {}));
  int64_t pos = raw - static_cast<int64_t>(b.unread()) + static_cast<int64_t>(b.wbuf.size());
  return pos < 0 ? 0 : pos;
}

BufferedState* bufferedState(const Value& v) {
  if (!v || v->kind != Kind::Instance) return nullptr;
  auto* b = dynamic_cast<BufferedState*>(as<InstanceObject>(v).native.get());
  return b && b->initialized && !b->detached ? b : nullptr;
}

}  // namespace

std::string bufferedRead1(VM& vm, const Value& buffer, int64_t n) {
  BufferedState* b = bufferedState(buffer);
  if (!b || !b->readable) {
    Value r = vm.callMethod(buffer, vm.hasAttr(buffer, "read1") ? "read1" : "read", {pyInt(n)});
    if (r->kind != Kind::Bytes)
      vm.raise(vm.b().type_error,
               "underlying read1() should have returned a bytes-like object, not '" +
                   vm.typeOf(r)->name + "'");
    return as<BytesObject>(r).v;
  }
  checkClosed(vm, *b, "read of closed file");
  if (n < 0) n = b->buffer_size;
  if (!b->unread() && !fill(vm, *b)) return "";
  return take(*b, static_cast<size_t>(n));
}

std::string bufferedReadAll(VM& vm, const Value& buffer) {
  BufferedState* b = bufferedState(buffer);
  if (!b || !b->readable) {
    Value r = vm.callMethod(buffer, "read", {});
    if (r->kind != Kind::Bytes)
      vm.raise(vm.b().type_error, "underlying read() should have returned a bytes object, not '" +
                                      vm.typeOf(r)->name + "'");
    return as<BytesObject>(r).v;
  }
  checkClosed(vm, *b, "read of closed file");
  return readN(vm, *b, -1);
}

void bufferedWrite(VM& vm, const Value& buffer, const std::string& data) {
  BufferedState* b = bufferedState(buffer);
  if (!b || !b->writable) {
    vm.callMethod(buffer, "write", {pyBytes(data)});
    return;
  }
  checkClosed(vm, *b, "write to closed file");
  if (b->unread()) rewindReads(vm, *b);
  b->rbuf.clear(), b->rpos = 0;
  b->wbuf += data;
  if (b->write_through || static_cast<int64_t>(b->wbuf.size()) > b->buffer_size)
    flushWrites(vm, *b);
}

void bufferedFlush(VM& vm, const Value& buffer) {
  BufferedState* b = bufferedState(buffer);
  if (!b || !b->writable) {
    // (a reader's flush is its raw stream's: _io__Buffered_simple_flush)
    vm.callMethod(b ? b->raw : buffer, "flush", {});
    return;
  }
  checkClosed(vm, *b, "flush of closed file");
  flushWrites(vm, *b);
}

void setBufferedWriteThrough(const Value& buffer) {
  if (BufferedState* b = bufferedState(buffer)) b->write_through = true;
}

void installBuffered(VM& vm, const std::shared_ptr<IoTypes>& t) {
  auto make = [&](const char* name, bool readable, bool writable) {
    ClassPtr cls = makeNativeType(vm, "_io", name, {t->bufferediobase});
    nativeNew<BufferedState>(cls);
    checkedNativeMethod(
        cls, "__init__", [t, name, readable, writable](VM& vm, CallArgs& a) -> Value {
          const ArgSpec spec{name, {"raw", "buffer_size"}, 1};
          std::vector<Value> v = bindArgs(vm, a, spec, 1);
          BufferedState& b = nativeState<BufferedState>(vm, a.args.at(0), "__init__");
          b.initialized = false;
          // (_PyIOBase_check_seekable / _readable / _writable: the raw stream's own answers)
          if (writable && readable && !callBool(vm, v[0], "seekable"))
            raiseUnsupported(vm, *t, "File or stream is not seekable.");
          if (readable && !callBool(vm, v[0], "readable"))
            raiseUnsupported(vm, *t, "File or stream is not readable.");
          if (writable && !callBool(vm, v[0], "writable"))
            raiseUnsupported(vm, *t, "File or stream is not writable.");
          int64_t size = v[1] ? ssizeArg(vm, v[1]) : t->default_buffer_size;
          if (size <= 0) vm.raise(vm.b().value_error, "buffer size must be strictly positive");
          b.raw = v[0];
          b.readable = readable;
          b.writable = writable;
          b.buffer_size = size;
          b.rbuf.clear(), b.wbuf.clear(), b.rpos = 0;
          b.detached = false;
          b.initialized = true;
          if (writable) {
            auto state =
                std::static_pointer_cast<BufferedState>(as<InstanceObject>(a.args[0]).native);
            vm.vfs().addFlushable(state);
          }
          return none();
        });
    nativeGetSet(cls, "raw",
                 [](VM& vm, const Value& self) -> Value { return stateOf(vm, self, "raw").raw; });
    for (const char* attr : {"closed", "name", "mode"})
      nativeGetSet(cls, attr, [attr](VM& vm, const Value& self) -> Value {
        return vm.getAttr(stateOf(vm, self, attr).raw, attr);
      });
    // (a reader answers readable() from its raw stream and writable() as _IOBase does: False)
    std::vector<const char*> delegated{"seekable", "fileno", "isatty"};
    if (readable) delegated.push_back("readable");
    if (writable) delegated.push_back("writable");
    for (const char* method : delegated)
      checkedNativeMethod(cls, method, [method](VM& vm, CallArgs& a) -> Value {
        return vm.callMethod(stateOf(vm, a.args.at(0), method).raw, method, {});
      });
    checkedNativeMethod(cls, "flush", [](VM& vm, CallArgs& a) -> Value {
      bufferedFlush(vm, a.args.at(0));
      return none();
    });
    checkedNativeMethod(cls, "close", [](VM& vm, CallArgs& a) -> Value {
      BufferedState& b = stateOf(vm, a.args.at(0), "close");
      if (rawClosed(vm, b)) return none();
      try {
        flushWrites(vm, b);
      } catch (PyRaise& e) {
        try {
          vm.callMethod(b.raw, "close", {});
        } catch (PyRaise& e2) {
          as<InstanceObject>(e2.exc).context = e.exc;
          throw;
        }
        throw;
      }
      vm.callMethod(b.raw, "close", {});
      return none();
    });
    checkedNativeMethod(cls, "detach", [](VM& vm, CallArgs& a) -> Value {
      BufferedState& b = stateOf(vm, a.args.at(0), "detach");
      flushWrites(vm, b);
      b.detached = true;
      return b.raw;
    });
    checkedNativeMethod(cls, "seek", [](VM& vm, CallArgs& a) -> Value {
      positionalArgs(vm, a, "seek", 1, 2, 1);
      BufferedState& b = stateOf(vm, a.args[0], "seek");
      int64_t target = ssizeArg(vm, a.args[1]);
      int whence = a.args.size() > 2 ? static_cast<int>(ssizeArg(vm, a.args[2])) : 0;
      if (whence < 0 || whence > 4)
        vm.raise(vm.b().value_error, "whence value " + std::to_string(whence) + " unsupported");
      checkClosed(vm, b, "seek of closed file");
      vm.callMethod(b.raw, "_checkSeekable", {});
      if ((whence == 0 || whence == 1) && b.wbuf.empty() && !b.rbuf.empty()) {
        // within what was read ahead: no raw seek (CPython's fast path)
        int64_t cur = tellOf(vm, b);
        int64_t start = cur - static_cast<int64_t>(b.rpos);
        int64_t want = whence == 0 ? target : cur + target;
        if (want >= start && want <= start + static_cast<int64_t>(b.rbuf.size())) {
          b.rpos = static_cast<size_t>(want - start);
          return pyInt(want);
        }
      }
      flushWrites(vm, b);
      if (whence == 1) target -= static_cast<int64_t>(b.unread());
      b.rbuf.clear(), b.rpos = 0;
      return pyInt(rawSeek(vm, b, target, whence));
    });
    checkedNativeMethod(cls, "tell", [](VM& vm, CallArgs& a) -> Value {
      return pyInt(tellOf(vm, stateOf(vm, a.args.at(0), "tell")));
    });
    checkedNativeMethod(cls, "truncate", [t](VM& vm, CallArgs& a) -> Value {
      positionalArgs(vm, a, "truncate", 0, 1, 1);
      BufferedState& b = stateOf(vm, a.args[0], "truncate");
      checkClosed(vm, b, "truncate of closed file");
      if (!b.writable) raiseUnsupported(vm, *t, "truncate");
      flushWrites(vm, b);
      Value pos = a.args.size() > 1 && !isNone(a.args[1]) ? a.args[1] : pyInt(tellOf(vm, b));
      rewindReads(vm, b);
      return vm.callMethod(b.raw, "truncate", {pos});
    });
    checkedNativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
      const Value& self = a.args.at(0);
      std::string type = typeName(vm.typeOf(self));
      Value name;
      try {
        name = vm.getAttrOrNull(self, "name");
      } catch (PyRaise& e) {
        if (!vm.isInstance(e.exc, vm.b().value_error.get())) throw;
      }
      if (!name) return pyStr("<" + type + ">");
      return pyStr("<" + type + " name=" + vm.repr(name) + ">");
    });
    checkedNativeMethod(cls, "__getstate__", [](VM& vm, CallArgs& a) -> Value {
      vm.raise(vm.b().type_error,
               "cannot pickle '" + typeName(vm.typeOf(a.args.at(0))) + "' instances");
    });
    if (readable) {
      checkedNativeMethod(cls, "read", [](VM& vm, CallArgs& a) -> Value {
        positionalArgs(vm, a, "read", 0, 1, 1);
        BufferedState& b = stateOf(vm, a.args[0], "read");
        int64_t n = a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1;
        if (a.args.size() > 1 && !isNone(a.args[1]) && n < -1)
          vm.raise(vm.b().value_error, "read length must be non-negative or -1");
        checkClosed(vm, b, "read of closed file");
        return pyBytes(readN(vm, b, n));
      });
      checkedNativeMethod(cls, "read1", [](VM& vm, CallArgs& a) -> Value {
        positionalArgs(vm, a, "read1", 0, 1, 1);
        stateOf(vm, a.args[0], "read1");
        int64_t n = a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1;
        return pyBytes(bufferedRead1(vm, a.args[0], n));
      });
      checkedNativeMethod(cls, "peek", [](VM& vm, CallArgs& a) -> Value {
        positionalArgs(vm, a, "peek", 0, 1, 1);
        BufferedState& b = stateOf(vm, a.args[0], "peek");
        checkClosed(vm, b, "peek of closed file");
        if (!b.unread()) fill(vm, b);
        return pyBytes(b.rbuf.substr(b.rpos));
      });
      checkedNativeMethod(cls, "readline", [](VM& vm, CallArgs& a) -> Value {
        positionalArgs(vm, a, "readline", 0, 1, 1);
        BufferedState& b = stateOf(vm, a.args[0], "readline");
        int64_t limit = a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1;
        checkClosed(vm, b, "readline of closed file");
        return pyBytes(readLine(vm, b, limit));
      });
      checkedNativeMethod(cls, "__next__", [](VM& vm, CallArgs& a) -> Value {
        BufferedState& b = stateOf(vm, a.args.at(0), "__next__");
        checkClosed(vm, b, "readline of closed file");
        std::string line = readLine(vm, b, -1);
        if (line.empty()) vm.raise(vm.b().stop_iteration, "");
        return pyBytes(std::move(line));
      });
      for (const char* name : {"readinto", "readinto1"})
        checkedNativeMethod(cls, name, [name](VM& vm, CallArgs& a) -> Value {
          positionalArgs(vm, a, name, 1, 1, 1);
          if (a.args[1]->kind == Kind::Bytes || a.args[1]->kind == Kind::Str)
            vm.raise(vm.b().type_error,
                     std::string(name) + "() argument must be read-write bytes-like object, not " +
                         vm.typeOf(a.args[1])->name);
          vm.unsupported(std::string("`") + name + "` (gbc has no writable buffers yet)");
        });
    }
    if (writable)
      checkedNativeMethod(cls, "write", [](VM& vm, CallArgs& a) -> Value {
        positionalArgs(vm, a, "write", 1, 1, 1);
        stateOf(vm, a.args[0], "write");
        const Value& data = a.args[1];
        if (data->kind != Kind::Bytes)
          vm.raise(vm.b().type_error,
                   "a bytes-like object is required, not '" + vm.typeOf(data)->name + "'");
        bufferedWrite(vm, a.args[0], as<BytesObject>(data).v);
        return pyInt(static_cast<int64_t>(as<BytesObject>(data).v.size()));
      });
    return cls;
  };
  t->buffered_reader = make("BufferedReader", true, false);
  t->buffered_writer = make("BufferedWriter", false, true);
  t->buffered_random = make("BufferedRandom", true, true);

  // BufferedRWPair: a reader and a writer over two raw streams, as one object
  ClassPtr pair = makeNativeType(vm, "_io", "BufferedRWPair", {t->bufferediobase});
  t->buffered_rwpair = pair;
  checkedNativeMethod(pair, "__init__", [t](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"BufferedRWPair", {"reader", "writer", "buffer_size"}, 2, 3};
    std::vector<Value> v = bindArgs(vm, a, spec, 1);
    std::vector<Value> extra;
    if (v[2]) extra.push_back(v[2]);
    std::vector<Value> r{v[0]}, w{v[1]};
    r.insert(r.end(), extra.begin(), extra.end());
    w.insert(w.end(), extra.begin(), extra.end());
    DictPtr d = vm.instanceDict(a.args.at(0), true);
    d->setStr("__gbc_reader", vm.call(t->buffered_reader, r));
    d->setStr("__gbc_writer", vm.call(t->buffered_writer, w));
    return none();
  });
  auto part = [](VM& vm, const Value& self, const char* which) {
    DictPtr d = vm.instanceDict(self, false);
    Value p = d ? d->getStr(which) : nullptr;
    if (!p) vm.raise(vm.b().value_error, "I/O operation on uninitialized object");
    return p;
  };
  for (const char* method : {"read", "peek", "read1", "readinto", "readinto1", "readable"})
    checkedNativeMethod(pair, method, [part, method](VM& vm, CallArgs& a) -> Value {
      CallArgs c;
      c.args.assign(a.args.begin() + 1, a.args.end());
      c.kwargs = a.kwargs;
      return vm.call(vm.getAttr(part(vm, a.args.at(0), "__gbc_reader"), method), c);
    });
  for (const char* method : {"write", "flush", "writable"})
    checkedNativeMethod(pair, method, [part, method](VM& vm, CallArgs& a) -> Value {
      CallArgs c;
      c.args.assign(a.args.begin() + 1, a.args.end());
      c.kwargs = a.kwargs;
      return vm.call(vm.getAttr(part(vm, a.args.at(0), "__gbc_writer"), method), c);
    });
  checkedNativeMethod(pair, "isatty", [part](VM& vm, CallArgs& a) -> Value {
    return pyBool(callBool(vm, part(vm, a.args.at(0), "__gbc_writer"), "isatty") ||
                  callBool(vm, part(vm, a.args.at(0), "__gbc_reader"), "isatty"));
  });
  checkedNativeMethod(pair, "close", [part](VM& vm, CallArgs& a) -> Value {
    vm.callMethod(part(vm, a.args.at(0), "__gbc_writer"), "close", {});
    vm.callMethod(part(vm, a.args.at(0), "__gbc_reader"), "close", {});
    return none();
  });
  nativeGetSet(pair, "closed", [part](VM& vm, const Value& self) -> Value {
    return vm.getAttr(part(vm, self, "__gbc_writer"), "closed");
  });
}

}  // namespace gbc::interp
