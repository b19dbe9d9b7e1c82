// _struct (Modules/_struct.c): Struct, pack, pack_into, unpack, unpack_from, iter_unpack,
// calcsize and error, binding the codec of lib/native/struct_codec.h. The VM's part is CPython's
// argument handling and each argument's conversion (__index__, __float__, truth value) in
// argument order. Not yet: complex values (gbc has no complex: a located "gbc cannot model")
// and pack_into (gbc has no writable buffer: bytearray, memoryview), which fails as CPython fails
// for bytes.
#include "interp/clinic_args.h"
#include "interp/native_modules.h"
#include "interp/native_support.h"
#include "native/struct_codec.h"

#include <unordered_map>

namespace gbc::interp {

namespace {

using native::StructArg;
using native::StructCodeKind;
using native::StructItem;
using native::StructLayout;
using native::StructValue;

struct StructModule {
  ClassPtr error, struct_cls, unpack_iterator;
  std::unordered_map<std::string, std::shared_ptr<const StructLayout>> cache;
};

struct StructState : NativeState {
  std::shared_ptr<const StructLayout> layout;
  Value format;  // str
};

[[noreturn]] void raiseError(VM& vm, const StructModule& mod, const native::PyError& e) {
  switch (e.kind) {
    case native::PyErrorKind::ValueError:
      vm.raise(vm.b().value_error, e.message);
    case native::PyErrorKind::OverflowError:
      vm.raise(vm.b().overflow_error, e.message);
    case native::PyErrorKind::ZeroDivisionError:
      vm.raise(vm.b().zero_division_error, e.message);
    case native::PyErrorKind::MemoryError:
      vm.raise(builtinClass(vm, "MemoryError"), e.message);
    case native::PyErrorKind::StructError:
      vm.raise(mod.error, e.message);
  }
  vm.raise(mod.error, e.message);
}

template <class T>
T& check(VM& vm, const StructModule& mod, native::PyResult<T>& r) {
  if (!r) raiseError(vm, mod, r.error());
  return *r;
}

/// A str format must encode as ASCII (UnicodeEncodeError, as str.encode('ascii') raises it).
void asciiFormat(VM& vm, const Value& format) {
  const std::string& text = asStr(format);
  int64_t position = 0;
  for (size_t i = 0; i < text.size(); ++position) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::vector<Value> args{pyStr("ascii"), format, pyInt(position), pyInt(position + 1),
                            pyStr("ordinal not in range(128)")};
    vm.raiseValue(vm.call(builtinClass(vm, "UnicodeEncodeError"), std::move(args)));
  }
}

/// The format's text (str or bytes) and its compiled layout, cached by text.
std::shared_ptr<const StructLayout> compileFormat(VM& vm, StructModule& mod, const Value& format,
                                                  std::string& text) {
  if (format->kind != Kind::Str && format->kind != Kind::Bytes)
    vm.raise(vm.b().type_error,
             "Struct() argument 1 must be a str or bytes object, not " + typeName(vm, format));
  text = format->kind == Kind::Str ? asStr(format) : as<BytesObject>(format).v;
  if (format->kind == Kind::Str) asciiFormat(vm, format);
  auto it = mod.cache.find(text);
  if (it != mod.cache.end()) return it->second;
  auto layout = native::compileStructFormat(text);
  auto shared = std::make_shared<const StructLayout>(std::move(check(vm, mod, layout)));
  if (mod.cache.size() > 100) mod.cache.clear();  // (CPython's cache is bounded too)
  mod.cache.emplace(text, shared);
  return shared;
}

/// A pack() argument converted for its item as CPython's packers convert it.
StructArg classify(VM& vm, const StructItem& item, const Value& v) {
  switch (item.kind) {
    case StructCodeKind::Pad:
      return std::monostate{};
    case StructCodeKind::Integer: {
      if (!hasIndex(vm, v)) return std::monostate{};
      Value i = indexObject(vm, v);
      if (isBigInt(i)) return toBigInt(i);
      return asInt(i);
    }
    case StructCodeKind::Bool:
      return vm.truthy(v);
    case StructCodeKind::Float:
    case StructCodeKind::Complex:
      if (v->kind == Kind::Float) return asFloat(v);
      if (isBigInt(v)) return toBigInt(v);
      if (v->kind == Kind::Int || v->kind == Kind::Bool) return asInt(v);
      try {  // PyFloat_AsDouble: __float__, then __index__; any failure is "not a float"
        if (Value f = vm.typeOf(v)->lookup("__float__")) {
          Value r = vm.callSpecial(f, v, {});
          if (r->kind == Kind::Float) return asFloat(r);
          return std::monostate{};
        }
        if (hasIndex(vm, v)) {
          Value i = indexObject(vm, v);
          if (isBigInt(i)) return toBigInt(i);
          return asInt(i);
        }
      } catch (PyRaise&) {
      }
      return std::monostate{};
    case StructCodeKind::Char:
    case StructCodeKind::String:
    case StructCodeKind::PascalString:
      if (v->kind == Kind::Bytes) return native::StructBytes{as<BytesObject>(v).v, false};
      return std::monostate{};
  }
  return std::monostate{};
}

Value toValue(VM& vm, const StructValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return pyInt(*i);
  if (const auto* d = std::get_if<double>(&v)) return pyFloat(*d);
  if (const auto* b = std::get_if<bool>(&v)) return pyBool(*b);
  if (const auto* s = std::get_if<std::string>(&v)) return std::make_shared<BytesObject>(*s);
  if (const auto* b = std::get_if<native::BigInt>(&v)) return pyBigInt(*b);
  vm.unsupported("`struct.unpack` of a complex (gbc has no complex)");
}

std::string pack(VM& vm, StructModule& mod, const StructLayout& layout,
                 const std::vector<Value>& args) {
  if (args.size() != layout.value_count) {
    std::vector<StructArg> none_args(args.size());
    auto r = native::structPack(layout, none_args);
    check(vm, mod, r);
  }
  std::string out(layout.size, '\0');
  size_t next = 0;
  for (const StructItem& item : layout.items) {
    if (item.kind == StructCodeKind::Pad) continue;
    bool one_value =
        item.kind == StructCodeKind::String || item.kind == StructCodeKind::PascalString;
    size_t count = one_value ? 1 : item.repeat;
    for (size_t k = 0; k < count; ++k) {
      StructArg arg = classify(vm, item, args[next++]);
      auto r = native::structPackValue(layout, item, arg, out.data() + item.offset + k * item.size);
      check(vm, mod, r);
    }
  }
  return out;
}

Value tupleOf(VM& vm, std::vector<StructValue>& values) {
  std::vector<Value> out;
  out.reserve(values.size());
  for (const StructValue& v : values) out.push_back(toValue(vm, v));
  return pyTuple(std::move(out));
}

/// The bytes of a readable buffer argument (gbc's only bytes-like object is bytes).
const std::string& readBuffer(VM& vm, const Value& v) {
  if (v->kind != Kind::Bytes)
    vm.raise(vm.b().type_error, "a bytes-like object is required, not '" + typeName(vm, v) + "'");
  return as<BytesObject>(v).v;
}

struct UnpackIterState : IterState {
  std::shared_ptr<const StructLayout> layout;
  std::shared_ptr<StructModule> mod;
  Value buffer;
  size_t index = 0, count = 0;
  Value next(VM& vm) override {
    if (index >= count) return nullptr;
    const std::string& data = as<BytesObject>(buffer).v;
    auto r = native::structUnpack(
        *layout, std::string_view(data).substr(index * layout->size, layout->size));
    ++index;
    return tupleOf(vm, check(vm, *mod, r));
  }
};

// ---- the operations, shared by the Struct methods and the module functions ----

Value unpackFrom(VM& vm, StructModule& mod, const StructLayout& layout, const Value& buffer,
                 const Value& offset) {
  const std::string& data = readBuffer(vm, buffer);
  int64_t off = offset ? ssizeArg(vm, offset) : 0;
  auto r = native::structUnpackFrom(layout, data, off);
  return tupleOf(vm, check(vm, mod, r));
}

Value iterUnpack(VM& vm, const std::shared_ptr<StructModule>& mod,
                 const std::shared_ptr<const StructLayout>& layout, const Value& buffer) {
  const std::string& data = readBuffer(vm, buffer);
  auto n = native::structIterUnpackCount(*layout, data.size());
  auto s = std::make_shared<UnpackIterState>();
  s->count = check(vm, *mod, n);
  s->layout = layout;
  s->mod = mod;
  s->buffer = buffer;
  return newNative(mod->unpack_iterator, s);
}

[[noreturn]] void packInto(VM& vm, StructModule& mod, const StructLayout& layout,
                           const std::vector<Value>& args) {
  if (args.size() != layout.value_count + 2) {
    if (args.empty()) vm.raise(mod.error, "pack_into expected buffer argument");
    if (args.size() == 1) vm.raise(mod.error, "pack_into expected offset argument");
    vm.raise(mod.error, "pack_into expected " + std::to_string(layout.value_count) +
                            " items for packing (got " + std::to_string(args.size() - 2) + ")");
  }
  vm.raise(vm.b().type_error,
           "argument must be read-write bytes-like object, not " + typeName(vm, args[0]));
}

StructState& structState(VM& vm, const Value& v, const char* what) {
  return nativeState<StructState>(vm, v, what);
}

void installStruct(VM& vm, const Value& m, const std::shared_ptr<StructModule>& mod) {
  ClassPtr cls = makeNativeType(vm, "_struct", "Struct");
  cls->no_dict = true;
  mod->struct_cls = cls;
  nativeConstructor(cls, [mod](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"Struct", {"format"}, 0, 1}, 1);
    auto s = std::make_shared<StructState>();
    std::string text;
    s->layout = compileFormat(vm, *mod, p[0], text);
    s->format = pyStr(text);
    return newNative(constructedClass(a), s);
  });
  nativeMethod(cls, "pack", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "pack");
    StructState& s = structState(vm, a.args.at(0), "pack");
    return std::make_shared<BytesObject>(pack(vm, *mod, *s.layout, restArgs(a, 1)));
  });
  nativeMethod(cls, "pack_into", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "pack_into");
    packInto(vm, *mod, *structState(vm, a.args.at(0), "pack_into").layout, restArgs(a, 1));
  });
  nativeMethod(cls, "unpack", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "unpack");
    checkPositional(vm, a, "unpack", 1, 1, 1);
    StructState& s = structState(vm, a.args[0], "unpack");
    auto r = native::structUnpack(*s.layout, readBuffer(vm, a.args[1]));
    return tupleOf(vm, check(vm, *mod, r));
  });
  nativeMethod(cls, "unpack_from", [mod](VM& vm, CallArgs& a) -> Value {
    StructState& s = structState(vm, a.args.at(0), "unpack_from");
    auto p = clinicParse(vm, a, {"unpack_from", {"buffer", "offset"}, 0, 1}, 1);
    return unpackFrom(vm, *mod, *s.layout, p[0], p[1]);
  });
  nativeMethod(cls, "iter_unpack", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "iter_unpack");
    checkPositional(vm, a, "iter_unpack", 1, 1, 1);
    return iterUnpack(vm, mod, structState(vm, a.args[0], "iter_unpack").layout, a.args[1]);
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    StructState& s = structState(vm, a.args.at(0), "__repr__");
    return pyStr("Struct(" + vm.repr(s.format) + ")");
  });
  nativeMethod(cls, "__sizeof__", [](VM& vm, CallArgs& a) -> Value {
    StructState& s = structState(vm, a.args.at(0), "__sizeof__");
    return pyInt(static_cast<int64_t>(48 + 32 * s.layout->items.size()));
  });
  nativeGetSet(cls, "format",
               [](VM& vm, const Value& v) { return structState(vm, v, "format").format; });
  nativeGetSet(cls, "size", [](VM& vm, const Value& v) -> Value {
    return pyInt(static_cast<int64_t>(structState(vm, v, "size").layout->size));
  });
  as<ModuleObject>(m).dict->setStr("Struct", cls);

  ClassPtr iter = makeIteratorType(vm, "_struct", "unpack_iterator");
  iter->no_dict = true;
  nativeConstructor(iter, [](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().type_error, "cannot create '_struct.unpack_iterator' instances");
  });
  nativeMethod(iter, "__length_hint__", [](VM& vm, CallArgs& a) -> Value {
    auto& s = iterState<UnpackIterState>(vm, a, "__length_hint__");
    return pyInt(static_cast<int64_t>(s.count - s.index));
  });
  mod->unpack_iterator = iter;
}

/// The layout of a module function's format argument (args[0]).
std::shared_ptr<const StructLayout> formatArg(VM& vm, StructModule& mod, const CallArgs& a) {
  if (a.args.empty()) vm.raise(vm.b().type_error, "missing format argument");
  std::string text;
  return compileFormat(vm, mod, a.args[0], text);
}

void installFunctions(const Value& m, const std::shared_ptr<StructModule>& mod) {
  moduleFunction(m, "pack", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "pack");
    auto layout = formatArg(vm, *mod, a);
    return std::make_shared<BytesObject>(pack(vm, *mod, *layout, restArgs(a, 1)));
  });
  moduleFunction(m, "pack_into", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "pack_into");
    auto layout = formatArg(vm, *mod, a);
    packInto(vm, *mod, *layout, restArgs(a, 1));
  });
  moduleFunction(m, "unpack", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "unpack");
    checkPositional(vm, a, "unpack", 2, 2);
    auto layout = formatArg(vm, *mod, a);
    auto r = native::structUnpack(*layout, readBuffer(vm, a.args[1]));
    return tupleOf(vm, check(vm, *mod, r));
  });
  moduleFunction(m, "unpack_from", [mod](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"unpack_from", {"format", "buffer", "offset"}, 1, 2});
    CallArgs f;
    f.args.push_back(p[0]);
    auto layout = formatArg(vm, *mod, f);
    return unpackFrom(vm, *mod, *layout, p[1], p[2]);
  });
  moduleFunction(m, "iter_unpack", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "iter_unpack");
    checkPositional(vm, a, "iter_unpack", 2, 2);
    return iterUnpack(vm, mod, formatArg(vm, *mod, a), a.args[1]);
  });
  moduleFunction(m, "calcsize", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "calcsize");
    checkPositional(vm, a, "calcsize", 1, 1);
    return pyInt(static_cast<int64_t>(formatArg(vm, *mod, a)->size));
  });
  moduleFunction(m, "_clearcache", [mod](VM&, CallArgs&) -> Value {
    mod->cache.clear();
    return none();
  });
}

}  // namespace

Value makeStructModule(VM& vm) {
  Value m = newNativeModule("_struct");
  auto mod = std::make_shared<StructModule>();
  auto dict = newDict();
  dict->setStr("__module__", pyStr("struct"));
  mod->error = vm.makeClass("error", {vm.b().exception}, dict);
  mod->error->module = "struct";
  as<ModuleObject>(m).dict->setStr("error", mod->error);
  installStruct(vm, m, mod);
  installFunctions(m, mod);
  return m;
}

}  // namespace gbc::interp
