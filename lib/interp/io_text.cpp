// _io.TextIOWrapper, after CPython 3.14's Modules/_io/textio.c: text over a buffered binary
// stream, with the codecs of text_codec.h, newline translation (universal newlines on read,
// os-independent "\n" -> newline on write), line buffering and write-through, and tell() /
// seek() whose cookies are byte positions (what CPython's cookies are whenever the decoder has
// no pending state: the stateless codecs gbc has).
//
// Decoding keeps, for each decoded character not yet returned, the position of its first byte
// in the file, so tell() is exact after any read(n) / readline().
#include <unistd.h>

#include "interp/io_internal.h"
#include "interp/text_codec.h"

namespace gbc::interp {

namespace {

constexpr int kLF = 1, kCR = 2, kCRLF = 4;

struct TextState : NativeState, VfsFlushable {
  Value buffer;
  bool initialized = false, detached = false;
  std::string encoding, errors;
  Codec codec = Codec::Utf8;
  Value newline;  // as given (None or str)
  bool readuniversal = true, readtranslate = true, writetranslate = true;
  std::string readnl, writenl = "\n";
  bool line_buffering = false, write_through = false;
  bool seekable = false, telling = false, readable = false, writable = false;
  int64_t chunk_size = 8192;
  std::string pending;  // encoded, not yet written to the buffer
  bool bom_written = false;
  // decoding
  std::string decoded;       // decoded characters (gbc str), from decoded_at on not returned
  size_t decoded_at = 0;     // byte offset into decoded
  std::vector<int64_t> pos;  // per decoded character: its first byte's file position
  size_t pos_at = 0;         // characters of decoded already returned
  std::string leftover;      // the start of a character split across reads
  bool pending_cr = false;
  int64_t cr_pos = -1;
  int64_t stream_pos = -1;   // file position of the next byte to read (-1: unknown)
  bool bom_pending = false;  // utf-8-sig at the start of the stream
  int seennl = 0;

  void flushAtExit() override {
    // (the text a never-closed file still holds goes to its buffer, as CPython does at exit)
    if (pending.empty() || !buffer) return;
    std::string data;
    data.swap(pending);
    try {
      if (VM* vm = currentVM()) bufferedWrite(*vm, buffer, data);
    } catch (...) {
    }
  }
  ~TextState() override { flushAtExit(); }
};

TextState& stateOf(VM& vm, const Value& self, const char* what) {
  TextState& t = nativeState<TextState>(vm, self, what);
  if (!t.initialized) vm.raise(vm.b().value_error, "I/O operation on uninitialized object");
  if (t.detached) vm.raise(vm.b().value_error, "underlying buffer has been detached");
  return t;
}

bool closedOf(VM& vm, TextState& t) { return attrBool(vm, t.buffer, "closed"); }

TextState& openState(VM& vm, const Value& self, const char* what) {
  TextState& t = stateOf(vm, self, what);
  if (closedOf(vm, t)) raiseClosed(vm);
  return t;
}

void flushPending(VM& vm, TextState& t) {
  if (t.pending.empty()) return;
  std::string data;
  data.swap(t.pending);
  bufferedWrite(vm, t.buffer, data);
}

/// Forgets what was decoded (after seek, write, truncate); `forget_newlines`: as the newline
/// decoder's reset() (seek to 0 or to the end, write), not its setstate() (other seeks).
void resetDecoder(TextState& t, bool at_start, bool forget_newlines) {
  if (forget_newlines) t.seennl = 0;
  t.decoded.clear();
  t.decoded_at = 0;
  t.pos.clear();
  t.pos_at = 0;
  t.leftover.clear();
  t.pending_cr = false;
  t.stream_pos = -1;
  t.bom_pending = t.codec == Codec::Utf8Sig && at_start;
}

void emit(TextState& t, std::string_view text, int64_t at) {
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) t.pos.push_back(at);
  t.decoded.append(text);
}

/// Newline handling of one decoded character at file position `at`.
void emitChar(TextState& t, std::string_view c, int64_t at) {
  if (t.pending_cr) {
    t.pending_cr = false;
    if (c == "\n") {
      t.seennl |= kCRLF;
      if (t.readtranslate) {
        emit(t, "\n", t.cr_pos);
      } else {
        emit(t, "\r", t.cr_pos);
        emit(t, "\n", at);
      }
      return;
    }
    t.seennl |= kCR;
    emit(t, t.readtranslate ? "\n" : "\r", t.cr_pos);
  }
  if (t.readuniversal && c == "\r") {
    t.pending_cr = true;
    t.cr_pos = at;
    return;
  }
  if (t.readuniversal && c == "\n") t.seennl |= kLF;
  emit(t, c, at);
}

/// Decodes `bytes` (read from the file at stream_pos) after what was left over.
void decodeMore(VM& vm, TextState& t, const std::string& bytes, bool final) {
  if (t.decoded_at == t.decoded.size()) {
    t.decoded.clear();
    t.decoded_at = 0;
    t.pos.clear();
    t.pos_at = 0;
  }
  std::string data = t.leftover + bytes;
  int64_t base = t.stream_pos < 0 ? -1 : t.stream_pos - static_cast<int64_t>(t.leftover.size());
  if (t.stream_pos >= 0) t.stream_pos += static_cast<int64_t>(bytes.size());
  t.leftover.clear();
  size_t i = 0;
  if (t.bom_pending) {
    if (data.size() < 3 && !final &&
        std::string_view("\xEF\xBB\xBF").substr(0, data.size()) == data) {
      t.leftover = data;
      return;
    }
    t.bom_pending = false;
    if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  }
  std::string unit;
  while (i < data.size()) {
    unit.clear();
    size_t used = decodeUnit(vm, t.codec, data, i, t.errors, final, unit);
    if (!used) {
      t.leftover = data.substr(i);
      break;
    }
    int64_t at = base < 0 ? -1 : base + static_cast<int64_t>(i);
    // (one unit may be several characters: an error handler's replacement)
    for (size_t k = 0; k < unit.size();) {
      size_t len = 1;
      while (k + len < unit.size() && (static_cast<unsigned char>(unit[k + len]) & 0xC0) == 0x80)
        ++len;
      emitChar(t, std::string_view(unit).substr(k, len), at);
      k += len;
    }
    i += used;
  }
  if (final && t.pending_cr) {
    t.pending_cr = false;
    t.seennl |= kCR;
    emit(t, t.readtranslate ? "\n" : "\r", t.cr_pos);
  }
}

/// Reads and decodes one chunk; false at the end of the file.
bool readChunk(VM& vm, TextState& t) {
  if (t.stream_pos < 0 && t.seekable && t.leftover.empty() && !t.pending_cr)
    t.stream_pos = ssizeArg(vm, vm.callMethod(t.buffer, "tell", {}));
  std::string bytes = bufferedRead1(vm, t.buffer, t.chunk_size);
  bool eof = bytes.empty();
  decodeMore(vm, t, bytes, eof);
  return !eof;
}

/// Takes the next `n` characters of what was decoded (all of them for n < 0).
std::string takeChars(TextState& t, int64_t n) {
  size_t start = t.decoded_at;
  size_t avail = t.pos.size() - t.pos_at;
  size_t count = n < 0 ? avail : std::min(avail, static_cast<size_t>(n));
  size_t end = start + byteOffset(std::string_view(t.decoded).substr(start), count);
  t.decoded_at = end;
  t.pos_at += count;
  return t.decoded.substr(start, end - start);
}

size_t available(const TextState& t) { return t.pos.size() - t.pos_at; }

/// Where the current line ends in decoded (bytes past decoded_at), npos if not yet.
size_t lineEnd(const TextState& t) {
  std::string_view s = std::string_view(t.decoded).substr(t.decoded_at);
  if (t.readtranslate || (!t.readuniversal && t.readnl == "\n")) {
    size_t nl = s.find('\n');
    return nl == std::string_view::npos ? nl : nl + 1;
  }
  if (t.readuniversal) {
    size_t at = s.find_first_of("\r\n");
    if (at == std::string_view::npos) return at;
    if (s[at] == '\r' && at + 1 < s.size() && s[at + 1] == '\n') return at + 2;
    if (s[at] == '\r' && at + 1 == s.size() && t.pending_cr) return std::string_view::npos;
    return at + 1;
  }
  size_t at = s.find(t.readnl);
  return at == std::string_view::npos ? at : at + t.readnl.size();
}

std::string readLine(VM& vm, TextState& t, int64_t limit) {
  flushPending(vm, t);
  for (;;) {
    size_t end = lineEnd(t);
    if (end != std::string::npos) {
      size_t chars = codePoints(std::string_view(t.decoded).substr(t.decoded_at, end));
      if (limit >= 0) chars = std::min(chars, static_cast<size_t>(limit));
      return takeChars(t, static_cast<int64_t>(chars));
    }
    if (limit >= 0 && available(t) >= static_cast<size_t>(limit)) return takeChars(t, limit);
    if (!readChunk(vm, t)) return takeChars(t, limit);
  }
}

std::string readText(VM& vm, TextState& t, int64_t n) {
  flushPending(vm, t);
  if (n < 0) {
    std::string out = takeChars(t, -1);
    std::string rest = bufferedReadAll(vm, t.buffer);
    decodeMore(vm, t, rest, true);
    out += takeChars(t, -1);
    t.stream_pos = -1;
    return out;
  }
  while (available(t) < static_cast<size_t>(n) && readChunk(vm, t)) {
  }
  return takeChars(t, n);
}

int64_t tellOf(VM& vm, TextState& t, const IoTypes& types) {
  if (!t.seekable) raiseUnsupported(vm, types, "underlying stream is not seekable");
  if (!t.telling) vm.raise(vm.b().os_error, "telling position disabled by next() call");
  flushPending(vm, t);
  bufferedFlush(vm, t.buffer);
  if (t.pos_at < t.pos.size() && t.pos[t.pos_at] >= 0) return t.pos[t.pos_at];
  if (t.pending_cr && t.cr_pos >= 0) return t.cr_pos;
  if (t.stream_pos >= 0) return t.stream_pos - static_cast<int64_t>(t.leftover.size());
  return ssizeArg(vm, vm.callMethod(t.buffer, "tell", {}));
}

Value newlinesOf(const TextState& t) {
  if (!t.readuniversal) return none();
  switch (t.seennl) {
    case kLF:
      return pyStr("\n");
    case kCR:
      return pyStr("\r");
    case kCRLF:
      return pyStr("\r\n");
    case kCR | kLF:
      return pyTuple({pyStr("\r"), pyStr("\n")});
    case kCR | kCRLF:
      return pyTuple({pyStr("\r"), pyStr("\r\n")});
    case kLF | kCRLF:
      return pyTuple({pyStr("\n"), pyStr("\r\n")});
    case kCR | kLF | kCRLF:
      return pyTuple({pyStr("\r"), pyStr("\n"), pyStr("\r\n")});
    default:
      return none();
  }
}

void setNewline(VM& vm, TextState& t, const Value& nl, const char* fname) {
  std::string s;
  bool given = optStrArg(vm, nl, fname, "newline", s);
  if (given && s != "" && s != "\n" && s != "\r" && s != "\r\n")
    vm.raise(vm.b().value_error, "illegal newline value: " + s);
  t.newline = given ? pyStr(s) : none();
  t.readuniversal = !given || s.empty();
  t.readtranslate = !given;
  t.readnl = given ? s : "";
  t.writetranslate = !given || !s.empty();
  t.writenl = given && !s.empty() ? s : "\n";
}

}  // namespace

void setTextWriteThrough(const Value& text) {
  if (text && text->kind == Kind::Instance)
    if (auto* t = dynamic_cast<TextState*>(as<InstanceObject>(text).native.get())) {
      t->write_through = true;
      setBufferedWriteThrough(t->buffer);
    }
}

void installTextIO(VM& vm, const std::shared_ptr<IoTypes>& types) {
  ClassPtr cls = makeNativeType(vm, "_io", "TextIOWrapper", {types->textiobase});
  types->text_wrapper = cls;
  nativeNew<TextState>(cls);
  checkedNativeMethod(cls, "__init__", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{
        "TextIOWrapper",
        {"buffer", "encoding", "errors", "newline", "line_buffering", "write_through"},
        1};
    std::vector<Value> v = bindArgs(vm, a, spec, 1);
    const Value self = a.args.at(0);
    TextState& t = nativeState<TextState>(vm, self, "__init__");
    t.initialized = false;
    std::string encoding, errors;
    if (!optStrArg(vm, v[1], "TextIOWrapper", "encoding", encoding) || encoding == "locale")
      encoding = "UTF-8";  // (the locale's encoding: CPython's C.UTF-8 locale gives UTF-8)
    if (!optStrArg(vm, v[2], "TextIOWrapper", "errors", errors)) errors = "strict";
    setNewline(vm, t, v[3] ? v[3] : none(), "TextIOWrapper");
    t.codec = lookupCodec(vm, encoding);
    t.encoding = encoding;
    t.errors = errors;
    t.line_buffering = v[4] && vm.truthy(v[4]);
    t.write_through = v[5] && vm.truthy(v[5]);
    t.buffer = v[0];
    t.readable = callBool(vm, t.buffer, "readable");
    t.writable = callBool(vm, t.buffer, "writable");
    t.seekable = t.telling = callBool(vm, t.buffer, "seekable");
    t.pending.clear();
    t.detached = false;
    t.seennl = 0;
    resetDecoder(t, true, true);
    t.bom_written = false;
    if (t.seekable && t.writable && t.codec == Codec::Utf8Sig)
      t.bom_written = ssizeArg(vm, vm.callMethod(t.buffer, "tell", {})) != 0;
    t.initialized = true;
    vm.vfs().addFlushable(std::static_pointer_cast<TextState>(as<InstanceObject>(self).native));
    return none();
  });
  checkedNativeMethod(cls, "write", [types](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "write", 1, 1, 1);
    TextState& t = openState(vm, a.args[0], "write");
    const Value& text = a.args[1];
    if (text->kind != Kind::Str)
      vm.raise(vm.b().type_error, "write() argument must be str, not " + vm.typeOf(text)->name);
    if (!t.writable) raiseUnsupported(vm, *types, "not writable");
    std::string s = asStr(text);
    int64_t length = static_cast<int64_t>(codePoints(s));
    bool haslf = (t.writetranslate || t.line_buffering) && s.find('\n') != std::string::npos;
    if (haslf && t.writetranslate && t.writenl != "\n") {
      std::string out;
      for (char c : s) out += c == '\n' ? t.writenl : std::string(1, c);
      s = std::move(out);
    }
    bool needflush = t.line_buffering && (haslf || s.find('\r') != std::string::npos);
    std::string bytes;
    if (t.codec == Codec::Utf8Sig) {
      if (!t.bom_written) bytes = "\xEF\xBB\xBF";
      t.bom_written = true;
      bytes += encodeText(vm, Codec::Utf8, s, t.errors);
    } else {
      bytes = encodeText(vm, t.codec, s, t.errors);
    }
    if (t.readable) resetDecoder(t, false, true);
    t.pending += bytes;
    if (static_cast<int64_t>(t.pending.size()) > t.chunk_size || needflush || t.write_through)
      flushPending(vm, t);
    if (needflush) bufferedFlush(vm, t.buffer);
    return pyInt(length);
  });
  checkedNativeMethod(cls, "read", [types](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "read", 0, 1, 1);
    TextState& t = openState(vm, a.args[0], "read");
    int64_t n = a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1;
    if (!t.readable) raiseUnsupported(vm, *types, "not readable");
    return pyStr(readText(vm, t, n));
  });
  checkedNativeMethod(cls, "readline", [types](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "readline", 0, 1, 1);
    TextState& t = openState(vm, a.args[0], "readline");
    int64_t limit = a.args.size() > 1 ? ssizeArg(vm, a.args[1]) : -1;
    if (!t.readable) raiseUnsupported(vm, *types, "not readable");
    return pyStr(readLine(vm, t, limit));
  });
  checkedNativeMethod(cls, "__next__", [types](VM& vm, CallArgs& a) -> Value {
    TextState& t = openState(vm, a.args.at(0), "__next__");
    if (!t.readable) raiseUnsupported(vm, *types, "not readable");
    t.telling = false;
    std::string line = readLine(vm, t, -1);
    if (line.empty()) {
      t.telling = t.seekable;
      vm.raise(vm.b().stop_iteration, "");
    }
    return pyStr(std::move(line));
  });
  checkedNativeMethod(cls, "tell", [types](VM& vm, CallArgs& a) -> Value {
    TextState& t = openState(vm, a.args.at(0), "tell");
    return pyInt(tellOf(vm, t, *types));
  });
  checkedNativeMethod(cls, "seek", [types](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "seek", 1, 2, 1);
    TextState& t = openState(vm, a.args[0], "seek");
    const Value& cookie = a.args[1];
    int whence = a.args.size() > 2 ? static_cast<int>(ssizeArg(vm, a.args[2])) : 0;
    if (!t.seekable) raiseUnsupported(vm, *types, "underlying stream is not seekable");
    int64_t target = cookie->kind == Kind::Float ? static_cast<int64_t>(as<FloatObject>(cookie).v)
                                                 : ssizeArg(vm, cookie);
    if (whence == 1) {
      if (target != 0) raiseUnsupported(vm, *types, "can't do nonzero cur-relative seeks");
      target = tellOf(vm, t, *types);
      whence = 0;
    } else if (whence == 2) {
      if (target != 0) raiseUnsupported(vm, *types, "can't do nonzero end-relative seeks");
      flushPending(vm, t);
      bufferedFlush(vm, t.buffer);
      resetDecoder(t, false, true);
      Value r = vm.callMethod(t.buffer, "seek", {pyInt(0), pyInt(2)});
      t.bom_written = true;
      return r;
    } else if (whence != 0) {
      vm.raise(vm.b().value_error,
               "invalid whence (" + std::to_string(whence) + ", should be 0, 1 or 2)");
    }
    if (target < 0)
      vm.raise(vm.b().value_error, "negative seek position " + std::to_string(target));
    flushPending(vm, t);
    bufferedFlush(vm, t.buffer);
    vm.callMethod(t.buffer, "seek", {pyInt(target)});
    resetDecoder(t, target == 0, target == 0);
    t.bom_written = target != 0;
    return cookie;
  });
  checkedNativeMethod(cls, "truncate", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "truncate", 0, 1, 1);
    TextState& t = openState(vm, a.args[0], "truncate");
    flushPending(vm, t);
    bufferedFlush(vm, t.buffer);
    Value pos = a.args.size() > 1 ? a.args[1] : none();
    return vm.callMethod(t.buffer, "truncate", {pos});
  });
  checkedNativeMethod(cls, "flush", [](VM& vm, CallArgs& a) -> Value {
    TextState& t = openState(vm, a.args.at(0), "flush");
    t.telling = t.seekable;
    flushPending(vm, t);
    bufferedFlush(vm, t.buffer);
    return none();
  });
  checkedNativeMethod(cls, "close", [](VM& vm, CallArgs& a) -> Value {
    const Value self = a.args.at(0);
    TextState& t = stateOf(vm, self, "close");
    if (closedOf(vm, t)) return none();
    try {
      vm.callMethod(self, "flush", {});
    } catch (PyRaise& e) {
      try {
        vm.callMethod(t.buffer, "close", {});
      } catch (PyRaise& e2) {
        as<InstanceObject>(e2.exc).context = e.exc;
        throw;
      }
      throw;
    }
    vm.callMethod(t.buffer, "close", {});
    return none();
  });
  checkedNativeMethod(cls, "detach", [](VM& vm, CallArgs& a) -> Value {
    const Value self = a.args.at(0);
    TextState& t = stateOf(vm, self, "detach");
    vm.callMethod(self, "flush", {});
    t.detached = true;
    return t.buffer;
  });
  for (const char* method : {"fileno", "seekable", "readable", "writable", "isatty"})
    checkedNativeMethod(cls, method, [method](VM& vm, CallArgs& a) -> Value {
      return vm.callMethod(stateOf(vm, a.args.at(0), method).buffer, method, {});
    });
  for (const char* attr : {"name", "closed"})
    nativeGetSet(cls, attr, [attr](VM& vm, const Value& self) -> Value {
      return vm.getAttr(stateOf(vm, self, attr).buffer, attr);
    });
  nativeGetSet(cls, "buffer", [](VM& vm, const Value& self) -> Value {
    return stateOf(vm, self, "buffer").buffer;
  });
  nativeGetSet(cls, "encoding", [](VM& vm, const Value& self) -> Value {
    return pyStr(stateOf(vm, self, "encoding").encoding);
  });
  nativeGetSet(cls, "errors", [](VM& vm, const Value& self) -> Value {
    return pyStr(stateOf(vm, self, "errors").errors);
  });
  nativeGetSet(cls, "newlines", [](VM& vm, const Value& self) -> Value {
    return newlinesOf(stateOf(vm, self, "newlines"));
  });
  nativeGetSet(cls, "line_buffering", [](VM& vm, const Value& self) -> Value {
    return pyBool(stateOf(vm, self, "line_buffering").line_buffering);
  });
  nativeGetSet(cls, "write_through", [](VM& vm, const Value& self) -> Value {
    return pyBool(stateOf(vm, self, "write_through").write_through);
  });
  nativeGetSet(
      cls, "_CHUNK_SIZE",
      [](VM& vm, const Value& self) -> Value {
        return pyInt(stateOf(vm, self, "_CHUNK_SIZE").chunk_size);
      },
      [](VM& vm, const Value& self, const Value& v) {
        if (!v) vm.raise(vm.b().attribute_error, "cannot delete attribute");
        int64_t n = ssizeArg(vm, v);
        if (n <= 0) vm.raise(vm.b().value_error, "a strictly positive integer is required");
        stateOf(vm, self, "_CHUNK_SIZE").chunk_size = n;
      });
  nativeGetSet(cls, "_finalizing", [](VM&, const Value&) -> Value { return pyBool(false); });
  checkedNativeMethod(cls, "reconfigure", [types](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"reconfigure",
                              {"encoding", "errors", "newline", "line_buffering", "write_through"},
                              0,
                              0,
                              5};
    std::vector<Value> v = bindArgs(vm, a, spec, 1);
    TextState& t = openState(vm, a.args[0], "reconfigure");
    if ((v[0] || v[1] || v[2]) && (!t.decoded.empty() || !t.leftover.empty()))
      raiseUnsupported(vm, *types,
                       "It is not possible to set the encoding or newline of stream after the "
                       "first read");
    flushPending(vm, t);
    std::string s;
    if (optStrArg(vm, v[0], "reconfigure", "encoding", s)) {
      if (s == "locale") s = "UTF-8";
      t.codec = lookupCodec(vm, s);
      t.encoding = s;
      t.errors = "strict";
    }
    if (optStrArg(vm, v[1], "reconfigure", "errors", s)) t.errors = s;
    if (v[2]) setNewline(vm, t, v[2], "reconfigure");
    if (v[3] && !isNone(v[3])) t.line_buffering = vm.truthy(v[3]);
    if (v[4] && !isNone(v[4])) t.write_through = vm.truthy(v[4]);
    return none();
  });
  checkedNativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    const Value self = a.args.at(0);
    TextState& t = nativeState<TextState>(vm, self, "__repr__");
    std::string out = "<" + typeName(vm.typeOf(self));
    auto part = [&](const char* attr) {
      try {
        if (Value v = vm.getAttrOrNull(self, attr))
          out += std::string(" ") + attr + "=" + vm.repr(v);
      } catch (PyRaise& e) {
        if (!vm.isInstance(e.exc, vm.b().value_error.get())) throw;
      }
    };
    if (t.initialized && !t.detached) part("name");
    DictPtr d = vm.instanceDict(self, false);
    if (Value mode = d ? d->getStr("mode") : nullptr) out += " mode=" + vm.repr(mode);
    if (t.initialized) out += " encoding=" + vm.repr(pyStr(t.encoding));
    return pyStr(out + ">");
  });
  checkedNativeMethod(cls, "__getstate__", [](VM& vm, CallArgs& a) -> Value {
    vm.raise(vm.b().type_error,
             "cannot pickle '" + typeName(vm.typeOf(a.args.at(0))) + "' instances");
  });
}

}  // namespace gbc::interp
