// The text types' constructors and builtins: str(), bytes(), bytearray() as CPython's
// unicode_new / bytes_new / bytearray___init__ read their arguments, memoryview, and the
// builtins ord, chr, ascii and format, with CPython's messages per version.
#include "interp/bytes_methods.h"
#include "interp/bytes_ops.h"
#include "interp/codecs.h"
#include "interp/format.h"
#include "interp/memoryview.h"
#include "interp/slicing.h"
#include "interp/str_methods.h"
#include "interp/str_ops.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

namespace {

Value builtinFunction(VM& vm, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->binds = false;
  b->id = "builtins." + name;
  b->qualname = name;
  vm.builtinsDict()->setStr(name, b);
  return b;
}

/// The class argument of a __new__ (TypeError unless a subtype of `base`).
ClassPtr newClass(VM& vm, const CallArgs& a, const ClassPtr& base) {
  const std::string& n = base->name;
  if (a.args.empty() || a.args[0]->kind != Kind::Class)
    vm.raise(vm.b().type_error, n + ".__new__(X): X is not a type object");
  ClassPtr cls = std::static_pointer_cast<ClassObject>(a.args[0]);
  if (!cls->isSubclassOf(base.get()))
    vm.raise(vm.b().type_error,
             n + ".__new__(" + cls->name + "): " + cls->name + " is not a subtype of " + n);
  return cls;
}

Value ofClass(VM& vm, const ClassPtr& cls, Value v) {
  if (cls->builtin) return v;
  return vm.makeSubclassInstance(cls, std::move(v));
}

/// The arguments after the class of a __new__, as a call would see them.
CallArgs afterClass(const CallArgs& a) {
  CallArgs rest;
  rest.args.push_back(none());  // (a placeholder receiver for keywordArgs)
  rest.args.insert(rest.args.end(), a.args.begin() + 1, a.args.end());
  rest.kwargs = a.kwargs;
  return rest;
}

Value strNew(VM& vm, CallArgs& a) {
  ClassPtr cls = newClass(vm, a, vm.b().str);
  CallArgs rest = afterClass(a);
  if (!py312(vm) && rest.args.size() > 4)
    vm.raise(vm.b().type_error,
             "str expected at most 3 arguments, got " + std::to_string(rest.args.size() - 1));
  std::vector<Value> p = keywordArgs(vm, rest, "str", {"object", "encoding", "errors"}, 0, 0, 3);
  if (!p[0] && !p[1] && !p[2]) return ofClass(vm, cls, pyStrKnown("", 0));
  if (!p[1] && !p[2]) {
    const Value& obj = p[0];
    if (obj->kind == Kind::Str && !obj->sub && cls->builtin) return obj;
    std::string s = vm.str(obj);
    return ofClass(vm, cls, pyStr(std::move(s)));
  }
  std::string encoding = p[1] ? strArg(vm, p[1], "str", "'encoding'") : "utf-8";
  std::string errors = p[2] ? strArg(vm, p[2], "str", "'errors'") : "strict";
  Value obj = p[0] ? p[0] : pyBytes("");
  if (obj->kind == Kind::Str) vm.raise(vm.b().type_error, "decoding str is not supported");
  auto view = bufferView(vm, obj);
  if (!view)
    vm.raise(vm.b().type_error,
             "decoding to str: need a bytes-like object, " + vm.typeOf(obj)->name + " found");
  std::string data(*view);
  Value s = decodeBytes(vm, obj, data, encoding, errors);
  return ofClass(vm, cls, pyStr(asStr(s)));
}

/// The bytes bytes(x) / bytearray(x) hold (PyBytes_FromObject and friends).
std::string bytesFrom(VM& vm, const Value& src, const Value& encoding, const Value& errors,
                      const char* type) {
  if (encoding) {
    if (src->kind != Kind::Str) vm.raise(vm.b().type_error, "encoding without a string argument");
    std::string enc = strArg(vm, encoding, type, "'encoding'");
    std::string err = errors ? strArg(vm, errors, type, "'errors'") : "strict";
    return bytesOf(encodeStr(vm, src, enc, err));
  }
  if (errors)
    vm.raise(vm.b().type_error, src->kind == Kind::Str ? "string argument without an encoding"
                                                       : "errors without a string argument");
  if (src->kind == Kind::Str) vm.raise(vm.b().type_error, "string argument without an encoding");
  if (std::string_view(type) == "bytes" && (src->kind == Kind::Instance || src->sub))
    if (Value m = vm.typeOf(src)->lookup("__bytes__")) {
      Value r = vm.callSpecial(m, src, {});
      if (r->kind != Kind::Bytes)
        vm.raise(vm.b().type_error,
                 "__bytes__ returned non-bytes (type " + vm.typeOf(r)->name + ")");
      return bytesOf(r);
    }
  if (auto view = bufferView(vm, src)) return std::string(*view);
  if (hasIndex(vm, src) && src->kind != Kind::Float) {
    Value i = indexInt(vm, src);
    if (isBigInt(i))
      vm.raise(vm.b().overflow_error,
               "cannot fit '" + vm.typeOf(src)->name + "' into an index-sized integer");
    if (asInt(i) < 0) vm.raise(vm.b().value_error, "negative count");
    return std::string(static_cast<size_t>(asInt(i)), '\0');
  }
  bool iterable = src->kind == Kind::List || src->kind == Kind::Tuple ||
                  src->kind == Kind::Iterator || src->kind == Kind::Generator ||
                  src->kind == Kind::Range || src->kind == Kind::Dict || src->kind == Kind::Set ||
                  vm.typeOf(src)->lookup("__iter__") || vm.typeOf(src)->lookup("__getitem__");
  if (!iterable)
    vm.raise(vm.b().type_error, "cannot convert '" + vm.typeOf(src)->name + "' object to " + type);
  std::string out;
  bool bytes = std::string_view(type) == "bytes";
  for (const Value& v : vm.toVector(src)) {
    Value i = indexInt(vm, v);
    if (isBigInt(i) || asInt(i) < 0 || asInt(i) > 255)
      vm.raise(vm.b().value_error,
               bytes ? "bytes must be in range(0, 256)" : "byte must be in range(0, 256)");
    out += static_cast<char>(asInt(i));
  }
  return out;
}

Value bytesNew(VM& vm, CallArgs& a) {
  ClassPtr cls = newClass(vm, a, vm.b().bytes);
  CallArgs rest = afterClass(a);
  std::vector<Value> p = keywordArgs(vm, rest, "bytes", {"source", "encoding", "errors"}, 0, 0, 3);
  std::string out;
  if (p[0]) {
    out = bytesFrom(vm, p[0], p[1], p[2], "bytes");
  } else if (p[1] || p[2]) {
    vm.raise(vm.b().type_error,
             p[1] ? "encoding without a string argument" : "errors without a string argument");
  }
  return ofClass(vm, cls, pyBytes(std::move(out)));
}

Value byteArrayNew(VM& vm, CallArgs& a) {
  ClassPtr cls = newClass(vm, a, vm.b().bytearray);
  return ofClass(vm, cls, pyByteArray(""));
}

Value byteArrayInit(VM& vm, CallArgs& a) {
  if (a.args.empty() || a.args[0]->kind != Kind::ByteArray)
    vm.raise(vm.b().type_error, "descriptor '__init__' requires a 'bytearray' object");
  std::vector<Value> p = keywordArgs(vm, a, "bytearray", {"source", "encoding", "errors"}, 0, 0, 3);
  std::string out;
  if (p[0]) {
    out = bytesFrom(vm, p[0], p[1], p[2], "bytearray");
  } else if (p[1] || p[2]) {
    vm.raise(vm.b().type_error,
             p[1] ? "encoding without a string argument" : "errors without a string argument");
  }
  checkResizable(vm, a.args[0]);
  as<BytesObject>(a.args[0]).v = std::move(out);
  return none();
}

void installConstructors(VM& vm) {
  auto ctor = [&](const ClassPtr& cls, const char* name, NativeFn fn) {
    auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
    b->qualname = cls->name + "." + name;
    b->id = b->qualname;
    if (std::string_view(name) == "__new__") b->binds = false;
    cls->dict->setStr(name, b);
  };
  ctor(vm.b().str, "__new__", strNew);
  ctor(vm.b().bytes, "__new__", bytesNew);
  ctor(vm.b().bytearray, "__new__", byteArrayNew);
  ctor(vm.b().bytearray, "__init__", byteArrayInit);
  // str.maketrans is a static method
  auto make = std::make_shared<BuiltinObject>("maketrans", strMaketrans);
  make->qualname = "str.maketrans";
  make->id = "str.maketrans";
  vm.b().str->dict->setStr("maketrans", std::make_shared<StaticMethodObject>(make));
  installBytesClassMethods(vm);
}

void installBuiltins(VM& vm) {
  builtinFunction(vm, "ord", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 1 || !a.kwargs.empty())
      vm.raise(vm.b().type_error,
               "ord() takes exactly one argument (" + std::to_string(a.args.size()) + " given)");
    const Value& c = a.args[0];
    size_t n;
    if (c->kind == Kind::Str) {
      n = strLength(c);
      if (n == 1) return pyInt(textOf(c)[0]);
    } else if (isBytesKind(c->kind)) {
      n = bytesOf(c).size();
      if (n == 1) return pyInt(static_cast<uint8_t>(bytesOf(c)[0]));
    } else {
      vm.raise(vm.b().type_error,
               "ord() expected string of length 1, but " + vm.typeOf(c)->name + " found");
    }
    vm.raise(vm.b().type_error,
             "ord() expected a character, but string of length " + std::to_string(n) + " found");
  });
  builtinFunction(vm, "chr", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 1 || !a.kwargs.empty())
      vm.raise(vm.b().type_error,
               "chr() takes exactly one argument (" + std::to_string(a.args.size()) + " given)");
    Value i = indexInt(vm, a.args[0]);
    if (isBigInt(i)) {
      if (py312(vm)) vm.raise(vm.b().overflow_error, "Python int too large to convert to C int");
      vm.raise(vm.b().value_error, "chr() arg not in range(0x110000)");
    }
    int64_t v = asInt(i);
    if (py312(vm) && (v > INT32_MAX || v < INT32_MIN))
      vm.raise(vm.b().overflow_error, "Python int too large to convert to C int");
    if (v < 0 || v > 0x10FFFF) vm.raise(vm.b().value_error, "chr() arg not in range(0x110000)");
    return pyChar(static_cast<char32_t>(v));
  });
  builtinFunction(vm, "ascii", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 1 || !a.kwargs.empty())
      vm.raise(vm.b().type_error,
               "ascii() takes exactly one argument (" + std::to_string(a.args.size()) + " given)");
    return pyStr(asciiEscape(vm.repr(a.args[0])));
  });
  builtinFunction(vm, "format", [](VM& vm, CallArgs& a) -> Value {
    CallArgs shifted;
    shifted.args.push_back(none());
    shifted.args.insert(shifted.args.end(), a.args.begin(), a.args.end());
    shifted.kwargs = a.kwargs;
    positionalArgs(vm, shifted, "format", 1, 2, 1);
    std::string spec;
    if (a.args.size() > 1) spec = strArg(vm, a.args[1], "format", "2");
    return pyStr(formatValue(vm, a.args[0], spec));
  });
  for (auto [name, base] : {std::pair<const char*, int>{"bin", 2}, {"oct", 8}, {"hex", 16}}) {
    std::string fname = name;
    int b = base;
    builtinFunction(vm, name, [fname, b](VM& vm, CallArgs& a) -> Value {
      if (a.args.size() != 1 || !a.kwargs.empty())
        vm.raise(vm.b().type_error, fname + "() takes exactly one argument (" +
                                        std::to_string(a.args.size()) + " given)");
      std::string s = toBigInt(indexInt(vm, a.args[0])).toPrefixedString(b);
      return pyStrKnown(s, s.size());
    });
  }
  builtinFunction(vm, "__gbc_percent_format__", [](VM& vm, CallArgs& a) -> Value {
    return percentFormatStr(vm, a.args.at(0), a.args.at(1));
  });
}

}  // namespace

void installTextTypes(VM& vm) {
  installConstructors(vm);
  installMemoryView(vm);
  installBuiltins(vm);
}

}  // namespace gbc::interp
