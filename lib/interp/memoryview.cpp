// memoryview (memoryview.h), after CPython's Objects/memoryobject.c for one-dimensional views:
// items unpacked and packed by their native format, slicing with any step, cast, tolist,
// tobytes, hex, release and the context manager, comparison and hashing, CPython's messages.
#include "interp/memoryview.h"

#include <cmath>
#include <cstring>

#include "interp/bytes_ops.h"
#include "interp/native_type.h"
#include "interp/slicing.h"
#include "interp/text_args.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

MemoryViewState::~MemoryViewState() { release(); }

void MemoryViewState::release() {
  if (exported && obj) --as<BytesObject>(obj).exports;
  exported = false;
  released = true;
}

std::string_view MemoryViewState::bytes() const {
  const std::string& s = bytesOf(obj);
  return std::string_view(s).substr(static_cast<size_t>(offset),
                                    static_cast<size_t>(length * itemsize));
}

std::string MemoryViewState::gather() const {
  if (contiguous()) return std::string(bytes());
  const std::string& s = bytesOf(obj);
  std::string out;
  for (int64_t i = 0; i < length; ++i)
    out.append(s, static_cast<size_t>(offset + i * stride), static_cast<size_t>(itemsize));
  return out;
}

MemoryViewState* memoryViewState(const Value& v) {
  if (v->kind != Kind::Instance) return nullptr;
  return dynamic_cast<MemoryViewState*>(as<InstanceObject>(v).native.get());
}

void checkReleased(VM& vm, const MemoryViewState& mv) {
  if (mv.released)
    vm.raise(vm.b().value_error, "operation forbidden on released memoryview object");
}

namespace {

int64_t formatSize(std::string_view f) {
  if (f.size() == 2 && f[0] == '@') f.remove_prefix(1);
  if (f.size() != 1) return 0;
  switch (f[0]) {
    case 'B':
    case 'b':
    case 'c':
    case '?':
      return 1;
    case 'h':
    case 'H':
    case 'e':
      return 2;
    case 'i':
    case 'I':
    case 'f':
      return 4;
    case 'l':
    case 'L':
    case 'q':
    case 'Q':
    case 'n':
    case 'N':
    case 'd':
    case 'P':
      return 8;
    default:
      return 0;
  }
}

char formatChar(const std::string& f) { return f.back(); }

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

/// IEEE half to double.
double halfToDouble(uint16_t h) {
  int exp = (h >> 10) & 0x1F, mant = h & 0x3FF;
  double v;
  if (exp == 0)
    v = std::ldexp(mant, -24);
  else if (exp == 31)
    v = mant ? NAN : INFINITY;
  else
    v = std::ldexp(mant + 1024, exp - 25);
  return (h & 0x8000) ? -v : v;
}

Value unpack(char f, const char* p) {
  switch (f) {
    case 'B':
      return pyInt(load<uint8_t>(p));
    case 'b':
      return pyInt(load<int8_t>(p));
    case 'c':
      return pyBytes(std::string(p, 1));
    case '?':
      return pyBool(load<uint8_t>(p) != 0);
    case 'h':
      return pyInt(load<int16_t>(p));
    case 'H':
      return pyInt(load<uint16_t>(p));
    case 'i':
      return pyInt(load<int32_t>(p));
    case 'I':
      return pyInt(load<uint32_t>(p));
    case 'l':
    case 'q':
    case 'n':
      return pyInt(load<int64_t>(p));
    case 'L':
    case 'Q':
    case 'N':
    case 'P': {
      uint64_t u = load<uint64_t>(p);
      if (u <= static_cast<uint64_t>(INT64_MAX)) return pyInt(static_cast<int64_t>(u));
      return pyBigInt(native::BigInt::fromUint64(u));
    }
    case 'f':
      return pyFloat(load<float>(p));
    case 'd':
      return pyFloat(load<double>(p));
    case 'e':
      return pyFloat(halfToDouble(load<uint16_t>(p)));
    default:
      return none();
  }
}

/// Packs `v` as format `f` into `p` (memoryview's item assignment).
void pack(VM& vm, char f, const std::string& format, const Value& v, char* p) {
  auto invalid = [&]() {
    vm.raise(vm.b().value_error, "memoryview: invalid value for format '" + format + "'");
  };
  auto wrongType = [&]() {
    vm.raise(vm.b().type_error, "memoryview: invalid type for format '" + format + "'");
  };
  switch (f) {
    case 'c': {
      if (v->kind != Kind::Bytes) wrongType();
      if (bytesOf(v).size() != 1) invalid();
      *p = bytesOf(v)[0];
      return;
    }
    case '?':
      *p = vm.truthy(v) ? 1 : 0;
      return;
    case 'f':
    case 'd':
    case 'e': {
      if (!isInt(v) && v->kind != Kind::Float) wrongType();
      double d = asFloat(v);
      if (f == 'd') {
        std::memcpy(p, &d, 8);
      } else if (f == 'f') {
        float x = static_cast<float>(d);
        std::memcpy(p, &x, 4);
      } else {
        vm.unsupported("`memoryview` item assignment with format 'e'");
      }
      return;
    }
    default:
      break;
  }
  if (!hasIndex(vm, v)) wrongType();
  Value iv = indexInt(vm, v);
  int64_t size = formatSize(format);
  bool is_signed = f == 'b' || f == 'h' || f == 'i' || f == 'l' || f == 'q' || f == 'n';
  native::BigInt b = toBigInt(iv);
  if (is_signed) {
    if (!b.fitsInt64()) invalid();
    int64_t x = b.toInt64();
    int64_t lo = size == 8 ? INT64_MIN : -(int64_t{1} << (size * 8 - 1));
    int64_t hi = size == 8 ? INT64_MAX : (int64_t{1} << (size * 8 - 1)) - 1;
    if (x < lo || x > hi) invalid();
    std::memcpy(p, &x, static_cast<size_t>(size));
  } else {
    if (b.isNegative()) invalid();
    uint64_t x;
    if (!b.fitsUint64()) invalid();
    x = b.toUint64();
    if (size < 8 && x >= (uint64_t{1} << (size * 8))) invalid();
    std::memcpy(p, &x, static_cast<size_t>(size));
  }
}

MemoryViewState& stateOf(VM& vm, const Value& self, const char* what) {
  auto& mv = nativeState<MemoryViewState>(vm, self, what);
  checkReleased(vm, mv);
  return mv;
}

Value makeView(VM& vm, const MemoryViewState& from) {
  auto state = std::make_shared<MemoryViewState>();
  state->obj = from.obj;
  state->offset = from.offset;
  state->length = from.length;
  state->stride = from.stride;
  state->format = from.format;
  state->itemsize = from.itemsize;
  state->readonly = from.readonly;
  if (from.obj->kind == Kind::ByteArray) {
    ++as<BytesObject>(from.obj).exports;
    state->exported = true;
  }
  return newNative<MemoryViewState>(vm.b().memoryview, state);
}

const char* itemAt(const MemoryViewState& mv, int64_t i) {
  return bytesOf(mv.obj).data() + mv.offset + i * mv.stride;
}

Value toList(const MemoryViewState& mv) {
  std::vector<Value> out;
  out.reserve(static_cast<size_t>(mv.length));
  char f = formatChar(mv.format);
  for (int64_t i = 0; i < mv.length; ++i) out.push_back(unpack(f, itemAt(mv, i)));
  return pyList(std::move(out));
}

int64_t itemIndex(VM& vm, const MemoryViewState& mv, const Value& key) {
  int64_t i = indexValue(vm, key);
  if (i < 0) i += mv.length;
  if (i < 0 || i >= mv.length) vm.raise(vm.b().index_error, "index out of bounds on dimension 1");
  return i;
}

void installMethods(const ClassPtr& cls) {
  nativeMethod(cls, "__getitem__", [](VM& vm, CallArgs& a) -> Value {
    auto& mv = stateOf(vm, a.args.at(0), "__getitem__");
    const Value& key = a.args.at(1);
    if (key->kind == Kind::Slice) {
      SliceBounds sb = sliceBounds(vm, as<SliceObject>(key), mv.length);
      MemoryViewState view = mv;
      view.exported = false;
      view.offset = mv.offset + sb.start * mv.stride;
      view.length = std::max<int64_t>(sb.length, 0);
      view.stride = mv.stride * sb.step;
      return makeView(vm, view);
    }
    if (!hasIndex(vm, key)) vm.raise(vm.b().type_error, "memoryview: invalid slice key");
    return unpack(formatChar(mv.format), itemAt(mv, itemIndex(vm, mv, key)));
  });
  nativeMethod(cls, "__setitem__", [](VM& vm, CallArgs& a) -> Value {
    auto& mv = stateOf(vm, a.args.at(0), "__setitem__");
    if (mv.readonly) vm.raise(vm.b().type_error, "cannot modify read-only memory");
    const Value& key = a.args.at(1);
    const Value& v = a.args.at(2);
    std::string& buf = as<BytesObject>(mv.obj).v;
    if (key->kind == Kind::Slice) {
      SliceBounds sb = sliceBounds(vm, as<SliceObject>(key), mv.length);
      std::string src = std::string(bufferArg(vm, v));
      if (static_cast<int64_t>(src.size()) != sb.length * mv.itemsize)
        vm.raise(vm.b().value_error,
                 "memoryview assignment: lvalue and rvalue have different structures");
      for (int64_t k = 0; k < sb.length; ++k)
        std::memcpy(buf.data() + mv.offset + (sb.start + k * sb.step) * mv.stride,
                    src.data() + k * mv.itemsize, static_cast<size_t>(mv.itemsize));
      return none();
    }
    int64_t i = itemIndex(vm, mv, key);
    pack(vm, formatChar(mv.format), mv.format, v, buf.data() + mv.offset + i * mv.stride);
    return none();
  });
  nativeMethod(cls, "__len__", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(stateOf(vm, a.args.at(0), "__len__").length);
  });
  nativeMethod(cls, "__iter__", [](VM& vm, CallArgs& a) -> Value {
    Value self = a.args.at(0);
    stateOf(vm, self, "__iter__");
    auto it = std::make_shared<IteratorObject>();
    it->source = IteratorObject::Source::Native;
    it->type_name = "memory_iterator";
    auto index = std::make_shared<int64_t>(0);
    it->next = [self, index](VM& vm) -> Value {
      auto& mv = stateOf(vm, self, "__next__");
      if (*index >= mv.length) return nullptr;
      return unpack(formatChar(mv.format), itemAt(mv, (*index)++));
    };
    return it;
  });
  nativeMethod(cls, "tolist", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "memoryview.tolist", 1);
    return toList(stateOf(vm, a.args[0], "tolist"));
  });
  nativeMethod(cls, "tobytes", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> p = keywordArgs(vm, a, "tobytes", {"order"}, 0, 0, 1);
    (void)p;
    return pyBytes(stateOf(vm, a.args[0], "tobytes").gather());
  });
  nativeMethod(cls, "toreadonly", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "memoryview.toreadonly", 1);
    MemoryViewState view = stateOf(vm, a.args[0], "toreadonly");
    view.exported = false;
    view.readonly = true;
    return makeView(vm, view);
  });
  nativeMethod(cls, "release", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "memoryview.release", 1);
    nativeState<MemoryViewState>(vm, a.args[0], "release").release();
    return none();
  });
  nativeMethod(cls, "__enter__", [](VM& vm, CallArgs& a) -> Value {
    stateOf(vm, a.args.at(0), "__enter__");
    return a.args[0];
  });
  nativeMethod(cls, "__exit__", [](VM& vm, CallArgs& a) -> Value {
    nativeState<MemoryViewState>(vm, a.args.at(0), "__exit__").release();
    return none();
  });
  nativeMethod(cls, "cast", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> p = keywordArgs(vm, a, "cast", {"format", "shape"}, 0, 1, 2);
    auto& mv = stateOf(vm, a.args[0], "cast");
    const std::string& format = strArg(vm, p[0], "cast", "1");
    if (p[1]) vm.unsupported("`memoryview.cast` with a shape (multi-dimensional views)");
    if (!mv.contiguous())
      vm.raise(vm.b().type_error, "memoryview: casts are restricted to C-contiguous views");
    int64_t size = formatSize(format);
    if (size == 0)
      vm.raise(vm.b().value_error,
               "memoryview: destination format must be a native single character format "
               "prefixed with an optional '@'");
    auto byteFormat = [](const std::string& f) {
      char c = f.back();
      return c == 'B' || c == 'b' || c == 'c';
    };
    if (!byteFormat(mv.format) && !byteFormat(format))
      vm.raise(vm.b().type_error, "memoryview: cannot cast between two non-byte formats");
    int64_t nbytes = mv.length * mv.itemsize;
    if (nbytes % size != 0)
      vm.raise(vm.b().type_error, "memoryview: length is not a multiple of itemsize");
    MemoryViewState view = mv;
    view.exported = false;
    view.format = format;
    view.itemsize = size;
    view.stride = size;
    view.length = nbytes / size;
    return makeView(vm, view);
  });
  nativeMethod(cls, "hex", [](VM& vm, CallArgs& a) -> Value {
    std::string data = stateOf(vm, a.args.at(0), "hex").gather();
    CallArgs rest;
    rest.args.assign(a.args.begin() + 1, a.args.end());
    rest.kwargs = a.kwargs;
    return vm.call(vm.getAttr(pyBytes(std::move(data)), "hex"), rest);
  });
  nativeMethod(cls, "__eq__", [](VM& vm, CallArgs& a) -> Value {
    Value self = a.args.at(0), other = a.args.at(1);
    auto& mv = nativeState<MemoryViewState>(vm, self, "__eq__");
    if (self.get() == other.get()) return pyBool(true);
    if (mv.released) return pyBool(false);
    MemoryViewState* omv = memoryViewState(other);
    if (omv && omv->released) return pyBool(false);
    if (!omv && !isBytesKind(other->kind)) return notImplemented();
    Value left = toList(mv);
    Value right = omv ? toList(*omv) : vm.call(vm.b().list, std::vector<Value>{other});
    return pyBool(vm.equals(left, right));
  });
  nativeMethod(cls, "__hash__", [](VM& vm, CallArgs& a) -> Value {
    auto& mv = stateOf(vm, a.args.at(0), "__hash__");
    if (!mv.readonly) vm.raise(vm.b().value_error, "cannot hash writable memoryview object");
    char f = formatChar(mv.format);
    if (f != 'B' && f != 'b' && f != 'c')
      vm.raise(vm.b().value_error, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    return pyInt(vm.hash(pyBytes(mv.gather())));
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    auto& mv = nativeState<MemoryViewState>(vm, a.args.at(0), "__repr__");
    return pyStr(std::string(mv.released ? "<released memory" : "<memory") + " at 0x7f0000000000>");
  });
  nativeMethod(cls, "count", [](VM& vm, CallArgs& a) -> Value {
    const Value& x = oneArg(vm, a, "memoryview.count", 1);
    Value items = toList(stateOf(vm, a.args[0], "count"));
    int64_t n = 0;
    for (const Value& v : as<ListObject>(items).items)
      if (vm.equals(v, x)) ++n;
    return pyInt(n);
  });
}

void installGetSets(const ClassPtr& cls) {
  auto get = [](auto fn) {
    return [fn](VM& vm, const Value& self) -> Value {
      return fn(vm, stateOf(vm, self, "attribute"), self);
    };
  };
  nativeGetSet(cls, "obj", get([](VM&, MemoryViewState& mv, const Value&) { return mv.obj; }));
  nativeGetSet(cls, "nbytes", get([](VM&, MemoryViewState& mv, const Value&) {
                 return pyInt(mv.length * mv.itemsize);
               }));
  nativeGetSet(cls, "readonly",
               get([](VM&, MemoryViewState& mv, const Value&) { return pyBool(mv.readonly); }));
  nativeGetSet(cls, "itemsize",
               get([](VM&, MemoryViewState& mv, const Value&) { return pyInt(mv.itemsize); }));
  nativeGetSet(cls, "format",
               get([](VM&, MemoryViewState& mv, const Value&) { return pyStr(mv.format); }));
  nativeGetSet(cls, "ndim", get([](VM&, MemoryViewState&, const Value&) { return pyInt(1); }));
  nativeGetSet(cls, "shape", get([](VM&, MemoryViewState& mv, const Value&) {
                 return pyTuple({pyInt(mv.length)});
               }));
  nativeGetSet(cls, "strides", get([](VM&, MemoryViewState& mv, const Value&) {
                 return pyTuple({pyInt(mv.stride)});
               }));
  nativeGetSet(cls, "suboffsets",
               get([](VM&, MemoryViewState&, const Value&) { return pyTuple({}); }));
  for (const char* name : {"c_contiguous", "f_contiguous", "contiguous"})
    nativeGetSet(cls, name, get([](VM&, MemoryViewState& mv, const Value&) {
                   return pyBool(mv.contiguous());
                 }));
  // `released` answers on a released view too
  nativeGetSet(cls, "released", [](VM& vm, const Value& self) -> Value {
    return pyBool(nativeState<MemoryViewState>(vm, self, "released").released);
  });
}

}  // namespace

Value newMemoryView(VM& vm, const Value& obj) {
  if (MemoryViewState* mv = memoryViewState(obj)) {
    checkReleased(vm, *mv);
    MemoryViewState view = *mv;
    view.exported = false;
    return makeView(vm, view);
  }
  if (!isBytesKind(obj->kind))
    vm.raise(vm.b().type_error,
             "memoryview: a bytes-like object is required, not '" + vm.typeOf(obj)->name + "'");
  MemoryViewState view;
  view.obj = obj;
  view.length = static_cast<int64_t>(bytesOf(obj).size());
  view.readonly = obj->kind == Kind::Bytes;
  return makeView(vm, view);
}

void installMemoryView(VM& vm) {
  ClassPtr cls = makeNativeType(vm, "builtins", "memoryview");
  vm.b().memoryview = cls;
  vm.b().by_name["memoryview"] = cls;
  vm.builtinsDict()->setStr("memoryview", cls);
  auto ctor = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> p = keywordArgs(vm, a, "memoryview", {"object"}, 0, 1, 1);
    return newMemoryView(vm, p[0]);
  });
  ctor->binds = false;
  ctor->qualname = "memoryview.__new__";
  cls->dict->setStr("__new__", ctor);
  installMethods(cls);
  installGetSets(cls);
}

}  // namespace gbc::interp
