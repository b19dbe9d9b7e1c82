// The in-memory streams of _io: StringIO (text, positions in characters, the newline modes of
// Modules/_io/stringio.c) and BytesIO (Modules/_io/bytesio.c), with CPython 3.14's messages.
#include "interp/io_internal.h"
#include "interp/text_codec.h"

namespace gbc::interp {

namespace {

// ---- StringIO: the text as code points

struct StringIOState : NativeState {
  std::u32string text;
  size_t pos = 0;
  bool closed = false, initialized = false;
  Value newline;  // None or str, as given
  bool readuniversal = false, readtranslate = false;
  std::u32string writenl;  // "" when no translation on write
  int seennl = 0;
  bool tracks = false;  // has a newline decoder (newline None or '')
};

std::u32string toU32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    out += cp;
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string toUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

StringIOState& sio(VM& vm, const Value& self, const char* what) {
  StringIOState& s = nativeState<StringIOState>(vm, self, what);
  if (!s.initialized) vm.raise(vm.b().value_error, "I/O operation on uninitialized object");
  if (s.closed) raiseClosed(vm, false);  // (stringio.c's text has no period)
  return s;
}

/// Writes text at the position (universal newlines translated, "\n" -> newline), as
/// write_str does; returns the characters of `text`.
int64_t sioWrite(StringIOState& s, std::string_view text) {
  std::u32string in = toU32(text);
  int64_t n = static_cast<int64_t>(in.size());
  if (s.tracks) {
    // IncrementalNewlineDecoder(translate=readtranslate).decode(text, final=True)
    std::u32string out;
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i] == U'\r' && i + 1 < in.size() && in[i + 1] == U'\n') {
        s.seennl |= 4;
        out += s.readtranslate ? U"\n" : U"\r\n";
        ++i;
      } else if (in[i] == U'\r') {
        s.seennl |= 2;
        out += s.readtranslate ? U'\n' : U'\r';
      } else {
        if (in[i] == U'\n') s.seennl |= 1;
        out += in[i];
      }
    }
    in = std::move(out);
  }
  if (!s.writenl.empty()) {
    std::u32string out;
    for (char32_t c : in) out += c == U'\n' ? s.writenl : std::u32string(1, c);
    in = std::move(out);
  }
  if (s.pos > s.text.size()) s.text.resize(s.pos, U'\0');
  size_t end = s.pos + in.size();
  if (end > s.text.size()) s.text.resize(end);
  s.text.replace(s.pos, in.size(), in);
  s.pos = end;
  return n;
}

size_t sioLineEnd(const StringIOState& s, size_t from) {
  const std::u32string& t = s.text;
  if (s.readuniversal && !s.readtranslate) {
    size_t at = t.find_first_of(U"\r\n", from);
    if (at == std::u32string::npos) return t.size();
    if (t[at] == U'\r' && at + 1 < t.size() && t[at + 1] == U'\n') return at + 2;
    return at + 1;
  }
  std::u32string nl = s.readtranslate || s.writenl.empty() ? U"\n" : s.writenl;
  size_t at = t.find(nl, from);
  return at == std::u32string::npos ? t.size() : at + nl.size();
}

std::string sioReadline(StringIOState& s, int64_t limit) {
  if (s.pos >= s.text.size()) return "";
  size_t end = sioLineEnd(s, s.pos);
  if (limit >= 0) end = std::min(end, s.pos + static_cast<size_t>(limit));
  std::string out = toUtf8(std::u32string_view(s.text).substr(s.pos, end - s.pos));
  s.pos = end;
  return out;
}

Value newlinesValue(int seen) {
  static const char* const one[] = {nullptr, "\n", "\r", nullptr, "\r\n"};
  if (seen == 1 || seen == 2 || seen == 4) return pyStr(one[seen]);
  std::vector<Value> parts;
  if (seen & 2) parts.push_back(pyStr("\r"));
  if (seen & 1) parts.push_back(pyStr("\n"));
  if (seen & 4) parts.push_back(pyStr("\r\n"));
  return parts.empty() ? none() : pyTuple(std::move(parts));
}

void installStringIO(VM& vm, const std::shared_ptr<IoTypes>& t) {
  ClassPtr cls = makeNativeType(vm, "_io", "StringIO", {t->textiobase});
  t->stringio = cls;
  nativeNew<StringIOState>(cls);
  checkedNativeMethod(cls, "__init__", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"StringIO", {"initial_value", "newline"}, 0};
    std::vector<Value> v = bindArgs(vm, a, spec, 1);
    StringIOState& s = nativeState<StringIOState>(vm, a.args.at(0), "__init__");
    Value nl = v[1] ? v[1] : pyStr("\n");
    if (!isNone(nl) && nl->kind != Kind::Str)
      vm.raise(vm.b().type_error, "newline must be str or None, not " + vm.typeOf(nl)->name);
    if (!isNone(nl)) {
      const std::string& n = asStr(nl);
      if (n != "" && n != "\n" && n != "\r" && n != "\r\n")
        vm.raise(vm.b().value_error, "illegal newline value: " + vm.repr(nl));
    }
    const Value& init = v[0];
    if (init && !isNone(init) && init->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "initial_value must be str or None, not " + vm.typeOf(init)->name);
    s = StringIOState{};
    s.newline = nl;
    s.readuniversal = isNone(nl) || asStr(nl).empty();
    s.readtranslate = isNone(nl);
    s.tracks = s.readuniversal;
    if (!isNone(nl) && !asStr(nl).empty() && asStr(nl) != "\n") s.writenl = toU32(asStr(nl));
    s.initialized = true;
    if (init && !isNone(init)) {
      sioWrite(s, asStr(init));
      s.pos = 0;
    }
    return none();
  });
  checkedNativeMethod(cls, "write", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "write", 1, 1, 1);
    StringIOState& s = sio(vm, a.args[0], "write");
    if (a.args[1]->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "string argument expected, got '" + vm.typeOf(a.args[1])->name + "'");
    return pyInt(sioWrite(s, asStr(a.args[1])));
  });
  checkedNativeMethod(cls, "read", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "read", 0, 1, 1);
    StringIOState& s = sio(vm, a.args[0], "read");
    int64_t n = a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1;
    if (s.pos >= s.text.size()) return pyStr("");
    size_t count = n < 0 ? s.text.size() - s.pos
                         : std::min<size_t>(static_cast<size_t>(n), s.text.size() - s.pos);
    std::string out = toUtf8(std::u32string_view(s.text).substr(s.pos, count));
    s.pos += count;
    return pyStr(std::move(out));
  });
  checkedNativeMethod(cls, "readline", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "readline", 0, 1, 1);
    StringIOState& s = sio(vm, a.args[0], "readline");
    return pyStr(sioReadline(s, a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1));
  });
  checkedNativeMethod(cls, "__next__", [](VM& vm, CallArgs& a) -> Value {
    StringIOState& s = sio(vm, a.args.at(0), "__next__");
    std::string line = sioReadline(s, -1);
    if (line.empty()) vm.raise(vm.b().stop_iteration, "");
    return pyStr(std::move(line));
  });
  checkedNativeMethod(cls, "getvalue", [](VM& vm, CallArgs& a) -> Value {
    return pyStr(toUtf8(sio(vm, a.args.at(0), "getvalue").text));
  });
  checkedNativeMethod(cls, "tell", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(static_cast<int64_t>(sio(vm, a.args.at(0), "tell").pos));
  });
  checkedNativeMethod(cls, "seek", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "seek", 1, 2, 1);
    StringIOState& s = sio(vm, a.args[0], "seek");
    int64_t pos = ssizeArg(vm, a.args[1]);
    int64_t whence = a.args.size() > 2 ? ssizeArg(vm, a.args[2]) : 0;
    if (whence < 0 || whence > 2)
      vm.raise(vm.b().value_error,
               "Invalid whence (" + std::to_string(whence) + ", should be 0, 1 or 2)");
    if (pos < 0 && whence == 0)
      vm.raise(vm.b().value_error, "Negative seek position " + std::to_string(pos));
    if (whence != 0 && pos != 0)
      vm.raise(vm.b().os_error, whence == 1 ? "Can't do nonzero cur-relative seeks"
                                            : "Can't do nonzero end-relative seeks");
    if (whence == 2) pos = static_cast<int64_t>(s.text.size());
    if (whence == 1) pos = static_cast<int64_t>(s.pos);
    s.pos = static_cast<size_t>(pos);
    return pyInt(pos);
  });
  checkedNativeMethod(cls, "truncate", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "truncate", 0, 1, 1);
    StringIOState& s = sio(vm, a.args[0], "truncate");
    int64_t size = static_cast<int64_t>(s.pos);
    if (a.args.size() > 1 && !isNone(a.args[1])) size = ssizeArg(vm, a.args[1]);
    if (size < 0) vm.raise(vm.b().value_error, "Negative size value " + std::to_string(size));
    if (static_cast<size_t>(size) < s.text.size()) s.text.resize(static_cast<size_t>(size));
    return pyInt(size);
  });
  for (const char* name : {"readable", "writable", "seekable"})
    checkedNativeMethod(cls, name, [name](VM& vm, CallArgs& a) -> Value {
      sio(vm, a.args.at(0), name);
      return pyBool(true);
    });
  checkedNativeMethod(cls, "close", [](VM& vm, CallArgs& a) -> Value {
    StringIOState& s = nativeState<StringIOState>(vm, a.args.at(0), "close");
    s.closed = true;
    s.text.clear();
    return none();
  });
  nativeGetSet(cls, "closed", [](VM& vm, const Value& self) -> Value {
    return pyBool(nativeState<StringIOState>(vm, self, "closed").closed);
  });
  nativeGetSet(cls, "line_buffering", [](VM& vm, const Value& self) -> Value {
    sio(vm, self, "line_buffering");
    return pyBool(false);
  });
  nativeGetSet(cls, "newlines", [](VM& vm, const Value& self) -> Value {
    StringIOState& s = sio(vm, self, "newlines");
    return s.tracks ? newlinesValue(s.seennl) : none();
  });
  checkedNativeMethod(cls, "__getstate__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    StringIOState& s = sio(vm, self, "__getstate__");
    DictPtr d = vm.instanceDict(self, false);
    Value dict = d && d->size() ? Value(d) : none();
    return pyTuple({pyStr(toUtf8(s.text)), s.newline, pyInt(static_cast<int64_t>(s.pos)), dict});
  });
}

// ---- BytesIO

struct BytesIOState : NativeState {
  std::string data;
  size_t pos = 0;
  bool closed = false;
};

BytesIOState& bio(VM& vm, const Value& self, const char* what) {
  BytesIOState& b = nativeState<BytesIOState>(vm, self, what);
  if (b.closed) raiseClosed(vm);
  return b;
}

const std::string& bytesArg(VM& vm, const Value& v) {
  if (v->kind != Kind::Bytes)
    vm.raise(vm.b().type_error,
             "a bytes-like object is required, not '" + vm.typeOf(v)->name + "'");
  return as<BytesObject>(v).v;
}

std::string bioRead(BytesIOState& b, int64_t n) {
  if (b.pos >= b.data.size()) return "";
  size_t count = n < 0 ? b.data.size() - b.pos
                       : std::min<size_t>(static_cast<size_t>(n), b.data.size() - b.pos);
  std::string out = b.data.substr(b.pos, count);
  b.pos += count;
  return out;
}

std::string bioReadline(BytesIOState& b, int64_t limit) {
  if (b.pos >= b.data.size()) return "";
  size_t nl = b.data.find('\n', b.pos);
  size_t end = nl == std::string::npos ? b.data.size() : nl + 1;
  if (limit >= 0) end = std::min(end, b.pos + static_cast<size_t>(limit));
  std::string out = b.data.substr(b.pos, end - b.pos);
  b.pos = end;
  return out;
}

void installBytesIO(VM& vm, const std::shared_ptr<IoTypes>& t) {
  ClassPtr cls = makeNativeType(vm, "_io", "BytesIO", {t->bufferediobase});
  t->bytesio = cls;
  nativeNew<BytesIOState>(cls);
  checkedNativeMethod(cls, "__init__", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"BytesIO", {"initial_bytes"}, 0};
    Value init = bindArgs(vm, a, spec, 1)[0];
    BytesIOState& b = nativeState<BytesIOState>(vm, a.args.at(0), "__init__");
    b = BytesIOState{};
    if (init && !isNone(init)) b.data = bytesArg(vm, init);
    return none();
  });
  for (const char* name : {"read", "read1"})
    checkedNativeMethod(cls, name, [name](VM& vm, CallArgs& a) -> Value {
      positionalArgs(vm, a, name, 0, 1, 1);
      BytesIOState& b = bio(vm, a.args[0], name);
      return pyBytes(bioRead(b, a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1));
    });
  checkedNativeMethod(cls, "readline", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "readline", 0, 1, 1);
    BytesIOState& b = bio(vm, a.args[0], "readline");
    return pyBytes(bioReadline(b, a.args.size() > 1 ? sizeArg(vm, a.args[1]) : -1));
  });
  checkedNativeMethod(cls, "__next__", [](VM& vm, CallArgs& a) -> Value {
    BytesIOState& b = bio(vm, a.args.at(0), "__next__");
    std::string line = bioReadline(b, -1);
    if (line.empty()) vm.raise(vm.b().stop_iteration, "");
    return pyBytes(std::move(line));
  });
  checkedNativeMethod(cls, "write", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "write", 1, 1, 1);
    BytesIOState& b = bio(vm, a.args[0], "write");
    const std::string& data = bytesArg(vm, a.args[1]);
    if (b.pos > b.data.size()) b.data.resize(b.pos, '\0');
    if (b.pos + data.size() > b.data.size()) b.data.resize(b.pos + data.size());
    b.data.replace(b.pos, data.size(), data);
    b.pos += data.size();
    return pyInt(static_cast<int64_t>(data.size()));
  });
  checkedNativeMethod(cls, "getvalue", [](VM& vm, CallArgs& a) -> Value {
    return pyBytes(bio(vm, a.args.at(0), "getvalue").data);
  });
  checkedNativeMethod(cls, "getbuffer", [](VM& vm, CallArgs& a) -> Value {
    bio(vm, a.args.at(0), "getbuffer");
    vm.unsupported("`BytesIO.getbuffer` (gbc has no memoryview yet)");
  });
  for (const char* name : {"readinto", "readinto1"})
    checkedNativeMethod(cls, name, [name](VM& vm, CallArgs& a) -> Value {
      positionalArgs(vm, a, name, 1, 1, 1);
      bio(vm, a.args[0], name);
      if (a.args[1]->kind == Kind::Bytes || a.args[1]->kind == Kind::Str)
        vm.raise(vm.b().type_error, std::string(name) +
                                        "() argument must be read-write bytes-like object, not " +
                                        vm.typeOf(a.args[1])->name);
      vm.unsupported(std::string("`BytesIO.") + name + "` (gbc has no writable buffers yet)");
    });
  checkedNativeMethod(cls, "tell", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(static_cast<int64_t>(bio(vm, a.args.at(0), "tell").pos));
  });
  checkedNativeMethod(cls, "seek", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "seek", 1, 2, 1);
    BytesIOState& b = bio(vm, a.args[0], "seek");
    int64_t pos = ssizeArg(vm, a.args[1]);
    int64_t whence = a.args.size() > 2 ? ssizeArg(vm, a.args[2]) : 0;
    if (pos < 0 && whence == 0)
      vm.raise(vm.b().value_error, "negative seek value " + std::to_string(pos));
    if (whence == 1)
      pos += static_cast<int64_t>(b.pos);
    else if (whence == 2)
      pos += static_cast<int64_t>(b.data.size());
    else if (whence != 0)
      vm.raise(vm.b().value_error,
               "invalid whence (" + std::to_string(whence) + ", should be 0, 1 or 2)");
    b.pos = static_cast<size_t>(std::max<int64_t>(pos, 0));
    return pyInt(static_cast<int64_t>(b.pos));
  });
  checkedNativeMethod(cls, "truncate", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "truncate", 0, 1, 1);
    BytesIOState& b = bio(vm, a.args[0], "truncate");
    int64_t size = static_cast<int64_t>(b.pos);
    if (a.args.size() > 1 && !isNone(a.args[1])) size = ssizeArg(vm, a.args[1]);
    if (size < 0) vm.raise(vm.b().value_error, "negative size value " + std::to_string(size));
    if (static_cast<size_t>(size) < b.data.size()) b.data.resize(static_cast<size_t>(size));
    return pyInt(size);
  });
  for (const char* name : {"readable", "writable", "seekable"})
    checkedNativeMethod(cls, name, [name](VM& vm, CallArgs& a) -> Value {
      bio(vm, a.args.at(0), name);
      return pyBool(true);
    });
  checkedNativeMethod(cls, "flush", [](VM& vm, CallArgs& a) -> Value {
    bio(vm, a.args.at(0), "flush");
    return none();
  });
  checkedNativeMethod(cls, "isatty", [](VM& vm, CallArgs& a) -> Value {
    bio(vm, a.args.at(0), "isatty");
    return pyBool(false);
  });
  checkedNativeMethod(cls, "close", [](VM& vm, CallArgs& a) -> Value {
    BytesIOState& b = nativeState<BytesIOState>(vm, a.args.at(0), "close");
    b.closed = true;
    b.data.clear();
    return none();
  });
  nativeGetSet(cls, "closed", [](VM& vm, const Value& self) -> Value {
    return pyBool(nativeState<BytesIOState>(vm, self, "closed").closed);
  });
  checkedNativeMethod(cls, "__getstate__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    BytesIOState& b = bio(vm, self, "__getstate__");
    DictPtr d = vm.instanceDict(self, false);
    Value dict = d && d->size() ? Value(d) : none();
    return pyTuple({pyBytes(b.data), pyInt(static_cast<int64_t>(b.pos)), dict});
  });
}

}  // namespace

void installMemoryIO(VM& vm, const std::shared_ptr<IoTypes>& t) {
  installStringIO(vm, t);
  installBytesIO(vm, t);
}

}  // namespace gbc::interp
