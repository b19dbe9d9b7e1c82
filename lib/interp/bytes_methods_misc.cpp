// The other methods of bytes and bytearray: ASCII case mappings and is* predicates, padding
// (center, ljust, rjust, zfill, expandtabs), hex and fromhex, translate and maketrans, decode,
// %, and bytearray's mutators (append, extend, insert, pop, remove, reverse, clear, copy,
// resize), with CPython's messages per version.
#include <algorithm>

#include "interp/bytes_methods.h"
#include "interp/bytes_ops.h"
#include "interp/codecs.h"
#include "interp/format.h"
#include "interp/slicing.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

bool isLowerByte(char c) { return c >= 'a' && c <= 'z'; }
bool isUpperByte(char c) { return c >= 'A' && c <= 'Z'; }
bool isAlphaByte(char c) { return isLowerByte(c) || isUpperByte(c); }
bool isDigitByte(char c) { return c >= '0' && c <= '9'; }

using Transform = void (*)(std::string&);

void lowerAll(std::string& s) {
  for (char& c : s)
    if (isUpperByte(c)) c = static_cast<char>(c + 32);
}
void upperAll(std::string& s) {
  for (char& c : s)
    if (isLowerByte(c)) c = static_cast<char>(c - 32);
}
void swapAll(std::string& s) {
  for (char& c : s)
    if (isAlphaByte(c)) c = static_cast<char>(c ^ 0x20);
}
void titleAll(std::string& s) {
  bool previous = false;
  for (char& c : s) {
    if (isUpperByte(c) && previous) c = static_cast<char>(c + 32);
    if (isLowerByte(c) && !previous) c = static_cast<char>(c - 32);
    previous = isAlphaByte(c);
  }
}
void capitalizeAll(std::string& s) {
  lowerAll(s);
  if (!s.empty() && isLowerByte(s[0])) s[0] = static_cast<char>(s[0] - 32);
}

bool allOf(std::string_view s, bool (*test)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), test);
}

bool isLowerCase(std::string_view s) {
  bool cased = false;
  for (char c : s) {
    if (isUpperByte(c)) return false;
    cased = cased || isLowerByte(c);
  }
  return cased;
}
bool isUpperCase(std::string_view s) {
  bool cased = false;
  for (char c : s) {
    if (isLowerByte(c)) return false;
    cased = cased || isUpperByte(c);
  }
  return cased;
}
bool isTitleCase(std::string_view s) {
  bool cased = false, previous = false;
  for (char c : s) {
    if (isUpperByte(c)) {
      if (previous) return false;
      previous = cased = true;
    } else if (isLowerByte(c)) {
      if (!previous) return false;
      previous = cased = true;
    } else {
      previous = false;
    }
  }
  return cased;
}

/// The fill byte of center/ljust/rjust ("byte string of length 1").
char fillByte(VM& vm, CallArgs& a, const std::string& name) {
  if (a.args.size() < 3) return ' ';
  const Value& f = a.args[2];
  if (isBytesKind(f->kind) && bytesOf(f).size() == 1) return bytesOf(f)[0];
  if (isBytesKind(f->kind) && !py312(vm))
    vm.raise(vm.b().type_error, name + "(): argument 2 must be a byte string of length 1, not a " +
                                    vm.typeOf(f)->name + " object of length " +
                                    std::to_string(bytesOf(f).size()));
  badArgument(vm, name, "2", "a byte string of length 1", f);
}

Value pad(const Value& self, int64_t left, int64_t right, char fill) {
  if (left <= 0 && right <= 0) return unchanged(self);
  std::string out(static_cast<size_t>(std::max<int64_t>(left, 0)), fill);
  out += bytesOf(self);
  out.append(static_cast<size_t>(std::max<int64_t>(right, 0)), fill);
  return sameKind(self, std::move(out));
}

Value hex(VM& vm, CallArgs& a, std::string_view data) {
  std::vector<Value> p = keywordArgs(vm, a, "hex", {"sep", "bytes_per_sep"}, 0, 0, 2);
  static const char kDigits[] = "0123456789abcdef";
  char sep = 0;
  if (p[0]) {
    int64_t n = vm.len(p[0]);
    if (n != 1) vm.raise(vm.b().value_error, "sep must be length 1.");
    if (p[0]->kind == Kind::Str) {
      char32_t c = textOf(p[0])[0];
      if (c >= 128) vm.raise(vm.b().value_error, "sep must be ASCII.");
      sep = static_cast<char>(c);
    } else if (isBytesKind(p[0]->kind)) {
      sep = bytesOf(p[0])[0];
      if (static_cast<unsigned char>(sep) >= 128)
        vm.raise(vm.b().value_error, "sep must be ASCII.");
    } else {
      vm.raise(vm.b().type_error, "sep must be str or bytes.");
    }
  }
  int64_t per = p[1] ? intArgOf(vm, p[1]) : 1;
  std::string out;
  size_t n = data.size();
  for (size_t i = 0; i < n; ++i) {
    if (sep && per != 0 && i > 0) {
      bool boundary =
          per > 0 ? (n - i) % static_cast<size_t>(per) == 0 : i % static_cast<size_t>(-per) == 0;
      if (boundary) out += sep;
    }
    auto b = static_cast<unsigned char>(data[i]);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return pyStrKnown(out, out.size());
}

int hexDigit(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

Value fromhex(VM& vm, const Value& cls, const Value& arg) {
  std::u32string s;
  if (arg->kind == Kind::Str) {
    s = toCodePoints(asStr(arg));
  } else if (auto view = py312(vm) ? std::nullopt : bufferView(vm, arg)) {
    for (char c : *view) s += static_cast<unsigned char>(c);
  } else {
    vm.raise(vm.b().type_error, std::string("fromhex() argument must be ") +
                                    (py312(vm) ? "str" : "str or bytes-like") + ", not " +
                                    vm.typeOf(arg)->name);
  }
  auto bad = [&](size_t pos) {
    vm.raise(vm.b().value_error,
             "non-hexadecimal number found in fromhex() arg at position " + std::to_string(pos));
  };
  auto space = [](char32_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  std::string out;
  size_t i = 0;
  while (true) {
    while (i < s.size() && space(s[i])) ++i;
    if (i >= s.size()) break;
    int hi = hexDigit(s[i]);
    if (hi < 0) bad(i);
    ++i;
    if (i >= s.size()) {
      if (py312(vm)) bad(i);
      vm.raise(vm.b().value_error,
               "fromhex() arg must contain an even number of hexadecimal digits");
    }
    int lo = hexDigit(s[i]);
    if (lo < 0) bad(i);
    ++i;
    out += static_cast<char>(hi * 16 + lo);
  }
  ClassPtr type = std::static_pointer_cast<ClassObject>(cls);
  if (type == vm.b().bytes) return pyBytes(std::move(out));
  if (type == vm.b().bytearray) return pyByteArray(std::move(out));
  return vm.call(cls, std::vector<Value>{pyBytes(std::move(out))});
}

Value translate(VM& vm, CallArgs& a) {
  std::vector<Value> p = keywordArgs(vm, a, "translate", {"", "delete"}, 1, 1, 2);
  const Value& self = a.args[0];
  std::string table;
  bool identity = isNone(p[0]);
  if (!identity) {
    table = std::string(bufferArg(vm, p[0]));
    if (table.size() != 256)
      vm.raise(vm.b().value_error, "translation table must be 256 characters long");
  }
  std::string del = p[1] ? std::string(bufferArg(vm, p[1])) : std::string();
  std::string out;
  for (char c : bytesOf(self)) {
    if (del.find(c) != std::string::npos) continue;
    out += identity ? c : table[static_cast<unsigned char>(c)];
  }
  return sameKind(self, std::move(out));
}

Value maketrans(VM& vm, CallArgs& a, bool bytearray) {
  CallArgs shifted;
  shifted.args.push_back(none());
  shifted.args.insert(shifted.args.end(), a.args.begin(), a.args.end());
  shifted.kwargs = a.kwargs;
  positionalArgs(vm, shifted, bytearray ? "bytearray.maketrans" : "bytes.maketrans", 2, 2, 1);
  std::string from(bufferArg(vm, a.args[0]));
  std::string to(bufferArg(vm, a.args[1]));
  if (from.size() != to.size())
    vm.raise(vm.b().value_error, "maketrans arguments must have same length");
  std::string table(256, '\0');
  for (int i = 0; i < 256; ++i) table[static_cast<size_t>(i)] = static_cast<char>(i);
  for (size_t i = 0; i < from.size(); ++i) table[static_cast<unsigned char>(from[i])] = to[i];
  return pyBytes(std::move(table));
}

Value expandtabs(VM& vm, CallArgs& a) {
  std::vector<Value> p = keywordArgs(vm, a, "expandtabs", {"tabsize"}, 0, 0, 1);
  int64_t tabsize = p[0] ? intArgOf(vm, p[0]) : 8;
  std::string out;
  int64_t column = 0;
  for (char c : bytesOf(a.args[0])) {
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t incr = tabsize - column % tabsize;
        column += incr;
        out.append(static_cast<size_t>(incr), ' ');
      }
      continue;
    }
    ++column;
    out += c;
    if (c == '\n' || c == '\r') column = 0;
  }
  return sameKind(a.args[0], std::move(out));
}

/// A byte value argument of bytearray's mutators.
char byteArg(VM& vm, const Value& v) {
  Value i = indexInt(vm, v);
  if (isBigInt(i) || asInt(i) < 0 || asInt(i) > 255)
    vm.raise(vm.b().value_error, "byte must be in range(0, 256)");
  return static_cast<char>(asInt(i));
}

void installByteArrayMutators(VM& vm) {
  auto& M = vm.nativeMethods(Kind::ByteArray);
  M["append"] = [](VM& vm, CallArgs& a) -> Value {
    char b = byteArg(vm, oneArg(vm, a, "bytearray.append", 1));
    checkResizable(vm, a.args[0]);
    as<BytesObject>(a.args[0]).v += b;
    return none();
  };
  M["extend"] = [](VM& vm, CallArgs& a) -> Value {
    const Value& src = oneArg(vm, a, "bytearray.extend", 1);
    std::string add;
    if (auto view = bufferView(vm, src)) {
      add = std::string(*view);
    } else {
      if (src->kind == Kind::Str) {
        if (py312(vm))
          vm.raise(vm.b().type_error, "'str' object cannot be interpreted as an integer");
        vm.raise(vm.b().type_error, "expected iterable of integers; got: 'str'");
      }
      for (const Value& v : vm.toVector(src)) add += byteArg(vm, v);
    }
    checkResizable(vm, a.args[0]);
    as<BytesObject>(a.args[0]).v += add;
    return none();
  };
  M["insert"] = [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "bytearray.insert", 2, 2, 1);
    std::string& s = as<BytesObject>(a.args[0]).v;
    int64_t n = static_cast<int64_t>(s.size());
    int64_t i = ssizeArgOf(vm, a.args[1]);
    char b = byteArg(vm, a.args[2]);
    if (i < 0) i = std::max<int64_t>(i + n, 0);
    if (i > n) i = n;
    checkResizable(vm, a.args[0]);
    s.insert(static_cast<size_t>(i), 1, b);
    return none();
  };
  M["pop"] = [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "bytearray.pop", 0, 1, 1);
    std::string& s = as<BytesObject>(a.args[0]).v;
    int64_t i = a.args.size() > 1 ? ssizeArgOf(vm, a.args[1]) : -1;
    if (s.empty()) vm.raise(vm.b().index_error, "pop from empty bytearray");
    int64_t n = static_cast<int64_t>(s.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.raise(vm.b().index_error, "pop index out of range");
    checkResizable(vm, a.args[0]);
    auto b = static_cast<uint8_t>(s[static_cast<size_t>(i)]);
    s.erase(static_cast<size_t>(i), 1);
    return pyInt(b);
  };
  M["remove"] = [](VM& vm, CallArgs& a) -> Value {
    char b = byteArg(vm, oneArg(vm, a, "bytearray.remove", 1));
    std::string& s = as<BytesObject>(a.args[0]).v;
    size_t p = s.find(b);
    if (p == std::string::npos) vm.raise(vm.b().value_error, "value not found in bytearray");
    checkResizable(vm, a.args[0]);
    s.erase(p, 1);
    return none();
  };
  M["reverse"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "bytearray.reverse", 1);
    std::string& s = as<BytesObject>(a.args[0]).v;
    std::reverse(s.begin(), s.end());
    return none();
  };
  M["clear"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "bytearray.clear", 1);
    checkResizable(vm, a.args[0]);
    as<BytesObject>(a.args[0]).v.clear();
    return none();
  };
  M["copy"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "bytearray.copy", 1);
    return pyByteArray(bytesOf(a.args[0]));
  };
  M["__alloc__"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "bytearray.__alloc__", 1);
    return pyInt(static_cast<int64_t>(bytesOf(a.args[0]).size()) + 1);
  };
  if (!py312(vm))
    M["resize"] = [](VM& vm, CallArgs& a) -> Value {
      int64_t n = ssizeArgOf(vm, oneArg(vm, a, "bytearray.resize", 1));
      if (n < 0)
        vm.raise(vm.b().value_error, "Can only resize to positive sizes, got " + std::to_string(n));
      std::string& s = as<BytesObject>(a.args[0]).v;
      if (static_cast<size_t>(n) != s.size()) checkResizable(vm, a.args[0]);
      s.resize(static_cast<size_t>(n), '\0');
      return none();
    };
}

}  // namespace

void installBytesMisc(VM& vm, Kind kind) {
  auto& M = vm.nativeMethods(kind);
  std::string owner = kind == Kind::Bytes ? "bytes" : "bytearray";
  auto q = [owner](const char* name) { return owner + "." + name; };
  std::pair<const char*, Transform> transforms[] = {{"lower", lowerAll},
                                                    {"upper", upperAll},
                                                    {"swapcase", swapAll},
                                                    {"title", titleAll},
                                                    {"capitalize", capitalizeAll}};
  for (auto [name, fn] : transforms) {
    std::string qual = q(name);
    M[name] = [qual, fn = fn](VM& vm, CallArgs& a) -> Value {
      noArgs(vm, a, qual, 1);
      std::string s = bytesOf(a.args[0]);
      fn(s);
      return sameKind(a.args[0], std::move(s));
    };
  }
  std::pair<const char*, bool (*)(std::string_view)> predicates[] = {
      {"isalpha", [](std::string_view s) { return allOf(s, isAlphaByte); }},
      {"isdigit", [](std::string_view s) { return allOf(s, isDigitByte); }},
      {"isalnum",
       [](std::string_view s) {
         return allOf(s, [](char c) { return isAlphaByte(c) || isDigitByte(c); });
       }},
      {"isspace", [](std::string_view s) { return allOf(s, isAsciiSpaceByte); }},
      {"isascii", [](std::string_view s) { return isAsciiBytes(s); }},
      {"islower", isLowerCase},
      {"isupper", isUpperCase},
      {"istitle", isTitleCase}};
  for (auto [name, fn] : predicates) {
    std::string qual = q(name);
    M[name] = [qual, fn = fn](VM& vm, CallArgs& a) -> Value {
      noArgs(vm, a, qual, 1);
      return pyBool(fn(bytesOf(a.args[0])));
    };
  }
  for (const char* name : {"ljust", "rjust", "center"}) {
    std::string qual = q(name), mode = name;
    M[name] = [qual, mode](VM& vm, CallArgs& a) -> Value {
      positionalArgs(vm, a, qual, 1, 2, 1);
      int64_t width = ssizeArgOf(vm, a.args[1]);
      char fill = fillByte(vm, a, mode);
      int64_t marg = width - static_cast<int64_t>(bytesOf(a.args[0]).size());
      if (mode == "ljust") return pad(a.args[0], 0, marg, fill);
      if (mode == "rjust") return pad(a.args[0], marg, 0, fill);
      if (marg <= 0) return unchanged(a.args[0]);
      int64_t left = marg / 2 + (marg & width & 1);
      return pad(a.args[0], left, marg - left, fill);
    };
  }
  M["zfill"] = [q](VM& vm, CallArgs& a) -> Value {
    int64_t width = ssizeArgOf(vm, oneArg(vm, a, q("zfill"), 1));
    std::string s = bytesOf(a.args[0]);
    int64_t fill = width - static_cast<int64_t>(s.size());
    if (fill <= 0) return unchanged(a.args[0]);
    size_t sign = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
    s.insert(sign, static_cast<size_t>(fill), '0');
    return sameKind(a.args[0], std::move(s));
  };
  M["expandtabs"] = expandtabs;
  M["hex"] = [](VM& vm, CallArgs& a) -> Value { return hex(vm, a, bytesOf(a.args[0])); };
  M["translate"] = translate;
  M["decode"] = [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> p = keywordArgs(vm, a, "decode", {"encoding", "errors"}, 0, 0, 2);
    std::string encoding = p[0] ? strArg(vm, p[0], "decode", "'encoding'") : "utf-8";
    std::string errors = p[1] ? strArg(vm, p[1], "decode", "'errors'") : "strict";
    std::string data = bytesOf(a.args[0]);
    return decodeBytes(vm, a.args[0], data, encoding, errors);
  };
  M["__mod__"] = [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error, "expected 1 argument, got " + std::to_string(a.args.size() - 1));
    return percentFormatBytes(vm, a.args[0], a.args[1]);
  };
  M["__rmod__"] = [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error, "expected 1 argument, got " + std::to_string(a.args.size() - 1));
    if (!isBytesKind(a.args[1]->kind)) return notImplemented();
    return percentFormatBytes(vm, a.args[1], a.args[0]);
  };
  if (kind == Kind::Bytes) {
    M["__getnewargs__"] = [](VM& vm, CallArgs& a) -> Value {
      noArgs(vm, a, "bytes.__getnewargs__", 1);
      return pyTuple({pyBytes(bytesOf(a.args[0]))});
    };
    M["__bytes__"] = [](VM& vm, CallArgs& a) -> Value {
      noArgs(vm, a, "bytes.__bytes__", 1);
      return unchanged(a.args[0]);
    };
  } else {
    installByteArrayMutators(vm);
  }
}

void installBytesClassMethods(VM& vm) {
  for (const ClassPtr& cls : {vm.b().bytes, vm.b().bytearray}) {
    bool array = cls == vm.b().bytearray;
    auto from = std::make_shared<BuiltinObject>("fromhex", [](VM& vm, CallArgs& a) -> Value {
      if (a.args.size() != 2 || !a.kwargs.empty())
        vm.raise(vm.b().type_error, "fromhex() takes exactly one argument (" +
                                        std::to_string(a.args.size() - 1) + " given)");
      return fromhex(vm, a.args[0], a.args[1]);
    });
    from->class_method = true;
    from->qualname = cls->name + ".fromhex";
    from->id = from->qualname;
    cls->dict->setStr("fromhex", from);
    auto make = std::make_shared<BuiltinObject>(
        "maketrans", [array](VM& vm, CallArgs& a) -> Value { return maketrans(vm, a, array); });
    make->qualname = cls->name + ".maketrans";
    make->id = make->qualname;
    cls->dict->setStr("maketrans", std::make_shared<StaticMethodObject>(make));
  }
}

}  // namespace gbc::interp
