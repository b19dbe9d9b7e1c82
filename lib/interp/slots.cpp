// The special methods of the builtin types as attributes of their classes, as CPython's slot
// wrappers are: `object.__setattr__`, `dict.__getitem__`, `int.__add__`, `list.__iter__`, ...
// Each calls the VM's native behaviour for the receiver, whatever a subclass overrides, so
// `super().__getitem__(k)` in a dict subclass reaches dict's own. They are marked `slot`: finding
// one on a type (VM::special) means the native behaviour applies, without a call.
// The native methods of builtin kinds (methods.cpp) are published into the class dicts here too.
#include "interp/dynamo.h"
#include "interp/format.h"
#include "interp/vm.h"

namespace gbc::interp {

void installGetSets(VM& vm);
void installTypeHooks(VM& vm);

namespace {

using syntax::BinOpKind;
using syntax::CmpOpKind;

/// Whether `v` can be the receiver of a method of a builtin class whose instances are `kind`.
bool receiverMatches(Kind kind, const Value& v) {
  if (kind == Kind::Instance) return true;
  if (kind == Kind::Int) return v->kind == Kind::Int || v->kind == Kind::Bool;
  return v->kind == kind;
}

/// A method of builtin class `cls` whose receiver must be one of its instances ("descriptor
/// 'join' for 'str' objects doesn't apply to a 'int' object" otherwise).
Value checkedMethod(VM& vm, const ClassPtr& cls, const std::string& name, NativeFn fn, bool slot) {
  Kind kind = cls->instance_kind;
  std::string cname = cls->name;
  NativeFn wrapped = [fn, kind, cname, name](VM& vm, CallArgs& a) -> Value {
    if (a.args.empty())
      vm.raise(vm.b().type_error, "unbound method " + cname + "." + name + "() needs an argument");
    if (!receiverMatches(kind, a.args[0]))
      vm.raise(vm.b().type_error, "descriptor '" + name + "' for '" + cname +
                                      "' objects doesn't apply to a '" +
                                      vm.typeOf(a.args[0])->name + "' object");
    return fn(vm, a);
  };
  auto b = std::make_shared<BuiltinObject>(name, std::move(wrapped));
  b->qualname = cname + "." + name;
  b->id = cname + "." + name;
  b->slot = slot;
  cls->dict->setStr(name, b);
  (void)vm;
  return b;
}

Value slot(VM& vm, const ClassPtr& cls, const std::string& name, NativeFn fn) {
  return checkedMethod(vm, cls, name, std::move(fn), true);
}

Value arg(VM& vm, CallArgs& a, size_t i, const char* method) {
  (void)method;
  if (i >= a.args.size())  // CPython's slot wrappers: "expected 1 argument, got 0"
    vm.raise(vm.b().type_error, "expected " + std::to_string(i) + " argument" +
                                    (i == 1 ? "" : "s") + ", got " +
                                    std::to_string(a.args.size() - 1));
  return a.args[i];
}

const char* kBinaryNames[] = {"add", "sub",    "mul",    "matmul", "truediv", "floordiv", "mod",
                              "pow", "lshift", "rshift", "or",     "xor",     "and"};

/// __op__ and __rop__ (and __iop__ where `inplace`) of `cls` for the binary operators `ops`.
void binarySlots(VM& vm, const ClassPtr& cls, std::initializer_list<BinOpKind> ops,
                 bool inplace = false) {
  for (BinOpKind op : ops) {
    std::string n = kBinaryNames[static_cast<int>(op)];
    slot(vm, cls, "__" + n + "__", [op](VM& vm, CallArgs& a) -> Value {
      Value r = vm.nativeBinary(op, a.args[0], arg(vm, a, 1, "op"), false);
      return r ? r : notImplemented();
    });
    slot(vm, cls, "__r" + n + "__", [op](VM& vm, CallArgs& a) -> Value {
      Value r = vm.nativeBinary(op, arg(vm, a, 1, "op"), a.args[0], false);
      return r ? r : notImplemented();
    });
    if (inplace)
      slot(vm, cls, "__i" + n + "__", [op](VM& vm, CallArgs& a) -> Value {
        Value r = vm.nativeBinary(op, a.args[0], arg(vm, a, 1, "op"), true);
        return r ? r : notImplemented();
      });
  }
}

void compareSlots(VM& vm, const ClassPtr& cls, bool ordering) {
  std::vector<std::pair<const char*, CmpOpKind>> ops = {{"__eq__", CmpOpKind::Eq},
                                                        {"__ne__", CmpOpKind::NotEq}};
  if (ordering)
    for (auto op : std::vector<std::pair<const char*, CmpOpKind>>{{"__lt__", CmpOpKind::Lt},
                                                                  {"__le__", CmpOpKind::LtE},
                                                                  {"__gt__", CmpOpKind::Gt},
                                                                  {"__ge__", CmpOpKind::GtE}})
      ops.push_back(op);
  for (auto [name, op] : ops)
    slot(vm, cls, name, [op = op](VM& vm, CallArgs& a) -> Value {
      return vm.nativeCompare(op, a.args[0], arg(vm, a, 1, "comparison"));
    });
}

/// __len__, __getitem__, __iter__, __contains__ and (mutable) __setitem__, __delitem__.
void containerSlots(VM& vm, const ClassPtr& cls, bool mutable_items) {
  slot(vm, cls, "__len__", [](VM& vm, CallArgs& a) -> Value {
    Value self = a.args[0];
    // (the native length, whatever a subclass's __len__ says)
    switch (self->kind) {
      case Kind::List:
        return pyInt(static_cast<int64_t>(as<ListObject>(self).items.size()));
      case Kind::Tuple:
        return pyInt(static_cast<int64_t>(as<TupleObject>(self).items.size()));
      case Kind::Dict:
        return pyInt(static_cast<int64_t>(as<DictObject>(self).size()));
      case Kind::Set:
        return pyInt(static_cast<int64_t>(as<SetObject>(self).live));
      default:
        return pyInt(vm.lenNative(self));
    }
  });
  if (cls->instance_kind != Kind::Set)
    slot(vm, cls, "__getitem__", [](VM& vm, CallArgs& a) -> Value {
      return vm.getItemNative(a.args[0], arg(vm, a, 1, "__getitem__"));
    });
  slot(vm, cls, "__iter__", [](VM& vm, CallArgs& a) -> Value { return vm.iterNative(a.args[0]); });
  slot(vm, cls, "__contains__", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(vm.containsNative(a.args[0], arg(vm, a, 1, "__contains__")));
  });
  if (!mutable_items) return;
  slot(vm, cls, "__setitem__", [](VM& vm, CallArgs& a) -> Value {
    vm.setItemNative(a.args[0], arg(vm, a, 1, "__setitem__"), arg(vm, a, 2, "__setitem__"));
    return none();
  });
  slot(vm, cls, "__delitem__", [](VM& vm, CallArgs& a) -> Value {
    vm.delItemNative(a.args[0], arg(vm, a, 1, "__delitem__"));
    return none();
  });
}

void reprSlots(VM& vm, const ClassPtr& cls) {
  slot(vm, cls, "__repr__",
       [](VM& vm, CallArgs& a) -> Value { return pyStr(vm.reprNative(a.args[0])); });
}

void hashSlot(VM& vm, const ClassPtr& cls, bool hashable) {
  if (!hashable) {
    cls->dict->setStr("__hash__", none());
    return;
  }
  slot(vm, cls, "__hash__", [](VM&, CallArgs& a) -> Value {
    return pyInt(a.args[0]->kind == Kind::Instance ? identityHash(a.args[0].get())
                                                   : nativeHash(a.args[0]));
  });
}

void numberSlots(VM& vm, const ClassPtr& cls) {
  using B = BinOpKind;
  binarySlots(vm, cls, {B::Add, B::Sub, B::Mult, B::Div, B::FloorDiv, B::Mod, B::Pow});
  if (cls->instance_kind == Kind::Int)
    binarySlots(vm, cls, {B::LShift, B::RShift, B::BitOr, B::BitXor, B::BitAnd});
  for (auto [name, op] : std::vector<std::pair<const char*, syntax::UnaryOpKind>>{
           {"__neg__", syntax::UnaryOpKind::USub}, {"__pos__", syntax::UnaryOpKind::UAdd}})
    slot(vm, cls, name, [op = op](VM&, CallArgs& a) -> Value {
      Value self = a.args[0];
      if (self->kind == Kind::Float) {
        double x = as<FloatObject>(self).v;
        return pyFloat(op == syntax::UnaryOpKind::USub ? -x : x);
      }
      return pyInt(op == syntax::UnaryOpKind::USub ? -asInt(self) : asInt(self));
    });
  slot(vm, cls, "__abs__", [](VM&, CallArgs& a) -> Value {
    if (a.args[0]->kind == Kind::Float) return pyFloat(std::abs(as<FloatObject>(a.args[0]).v));
    return pyInt(std::llabs(asInt(a.args[0])));
  });
  slot(vm, cls, "__bool__", [](VM&, CallArgs& a) -> Value {
    if (a.args[0]->kind == Kind::Float) return pyBool(as<FloatObject>(a.args[0]).v != 0);
    return pyBool(asInt(a.args[0]) != 0);
  });
  slot(vm, cls, "__float__", [](VM&, CallArgs& a) -> Value { return pyFloat(asFloat(a.args[0])); });
  if (cls->instance_kind == Kind::Int) {
    for (const char* name : {"__int__", "__index__", "__trunc__", "__floor__", "__ceil__"})
      slot(vm, cls, name, [](VM&, CallArgs& a) -> Value { return pyInt(asInt(a.args[0])); });
    slot(vm, cls, "__invert__", [](VM&, CallArgs& a) -> Value { return pyInt(~asInt(a.args[0])); });
  } else {
    slot(vm, cls, "__int__", [](VM& vm, CallArgs& a) -> Value {
      return vm.call(vm.b().int_, std::vector<Value>{pyFloat(as<FloatObject>(a.args[0]).v)});
    });
    slot(vm, cls, "__trunc__", [](VM& vm, CallArgs& a) -> Value {
      return vm.call(vm.b().int_, std::vector<Value>{pyFloat(as<FloatObject>(a.args[0]).v)});
    });
  }
}

void formatSlot(VM& vm, const ClassPtr& cls) {
  slot(vm, cls, "__format__", [](VM& vm, CallArgs& a) -> Value {
    Value spec = arg(vm, a, 1, "__format__");
    if (spec->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "__format__() argument must be str, not " + vm.typeOf(spec)->name);
    return pyStr(formatNative(vm, a.args[0], asStr(spec)));
  });
}

void installObjectSlots(VM& vm) {
  auto& B = vm.b();
  const ClassPtr& obj = B.object;
  slot(vm, obj, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    return pyStr(a.args[0]->kind == Kind::Instance ? vm.objectRepr(a.args[0])
                                                   : vm.reprNative(a.args[0]));
  });
  vm.object_str_ = slot(vm, obj, "__str__",
                        [](VM& vm, CallArgs& a) -> Value { return pyStr(vm.repr(a.args[0])); });
  hashSlot(vm, obj, true);
  slot(vm, obj, "__eq__", [](VM&, CallArgs& a) -> Value {
    return a.args.size() > 1 && a.args[0].get() == a.args[1].get() ? pyBool(true)
                                                                   : notImplemented();
  });
  slot(vm, obj, "__ne__", [](VM& vm, CallArgs& a) -> Value {
    return vm.nativeCompare(CmpOpKind::NotEq, a.args[0], arg(vm, a, 1, "__ne__"));
  });
  for (const char* name : {"__lt__", "__le__", "__gt__", "__ge__"})
    slot(vm, obj, name, [](VM&, CallArgs&) -> Value { return notImplemented(); });
  slot(vm, obj, "__getattribute__", [](VM& vm, CallArgs& a) -> Value {
    Value name = arg(vm, a, 1, "__getattribute__");
    if (name->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "attribute name must be string, not '" + vm.typeOf(name)->name + "'");
    if (a.args[0]->kind == Kind::Class) {
      if (Value v = vm.classGetAttr(std::static_pointer_cast<ClassObject>(a.args[0]), asStr(name)))
        return v;
    } else if (Value v = vm.genericGetAttr(a.args[0], vm.typeOf(a.args[0]), asStr(name))) {
      return v;
    }
    vm.raiseNoAttribute(
        a.args[0], asStr(name),
        "'" + vm.typeOf(a.args[0])->name + "' object has no attribute '" + asStr(name) + "'");
  });
  slot(vm, obj, "__setattr__", [](VM& vm, CallArgs& a) -> Value {
    Value name = arg(vm, a, 1, "__setattr__");
    if (name->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "attribute name must be string, not '" + vm.typeOf(name)->name + "'");
    if (a.args[0]->kind == Kind::Class)
      vm.classSetAttr(std::static_pointer_cast<ClassObject>(a.args[0]), asStr(name),
                      arg(vm, a, 2, "__setattr__"));
    else
      vm.genericSetAttr(a.args[0], vm.typeOf(a.args[0]), asStr(name), arg(vm, a, 2, "__setattr__"));
    return none();
  });
  slot(vm, obj, "__delattr__", [](VM& vm, CallArgs& a) -> Value {
    Value name = arg(vm, a, 1, "__delattr__");
    if (name->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "attribute name must be string, not '" + vm.typeOf(name)->name + "'");
    if (a.args[0]->kind == Kind::Class)
      vm.classSetAttr(std::static_pointer_cast<ClassObject>(a.args[0]), asStr(name), nullptr);
    else
      vm.genericSetAttr(a.args[0], vm.typeOf(a.args[0]), asStr(name), nullptr);
    return none();
  });
  slot(vm, obj, "__format__", [](VM& vm, CallArgs& a) -> Value {
    Value spec = arg(vm, a, 1, "__format__");
    if (spec->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "__format__() argument must be str, not " + vm.typeOf(spec)->name);
    if (!asStr(spec).empty())
      vm.raise(vm.b().type_error,
               "unsupported format string passed to " + vm.typeOf(a.args[0])->name + ".__format__");
    return pyStr(vm.str(a.args[0]));
  });
  Value isc = slot(vm, obj, "__init_subclass__", [](VM& vm, CallArgs& a) -> Value {
    if (!a.kwargs.empty())
      vm.raise(vm.b().type_error, (a.args[0]->kind == Kind::Class ? as<ClassObject>(a.args[0]).name
                                                                  : std::string("object")) +
                                      ".__init_subclass__() takes no keyword arguments");
    return none();
  });
  as<BuiltinObject>(isc).class_method = true;
  Value hook =
      slot(vm, obj, "__subclasshook__", [](VM&, CallArgs&) -> Value { return notImplemented(); });
  as<BuiltinObject>(hook).class_method = true;
  slot(vm, obj, "__sizeof__", [](VM&, CallArgs&) -> Value { return pyInt(16); });
  slot(vm, obj, "__dir__", [](VM& vm, CallArgs& a) -> Value {
    // the instance dict's keys and every attribute along the type's MRO
    auto names = std::make_shared<SetObject>();
    if (DictPtr d = vm.instanceDict(a.args[0], false))
      d->forEach([&](const Value& k, const Value&) { names->add(k); });
    for (const ClassPtr& c : vm.typeOf(a.args[0])->mro)
      c->dict->forEach([&](const Value& k, const Value&) { names->add(k); });
    std::vector<Value> out;
    for (const Value& v : names->entries)
      if (v) out.push_back(v);
    return pyList(std::move(out));
  });
}

/// The native methods of the builtin kinds (methods.cpp registers them by kind) as attributes of
/// their classes: `str.join`, `list.append`, `dict.get`, ...
void publishNativeMethods(VM& vm) {
  auto& B = vm.b();
  auto publish = [&](Kind kind, const ClassPtr& cls, std::initializer_list<const char*> skip) {
    for (auto& [name, fn] : vm.nativeMethods(kind)) {
      bool skipped = false;
      for (const char* s : skip) skipped = skipped || name == s;
      if (skipped || cls->dict->getStr(name)) continue;
      bool dunder = name.size() > 4 && name.rfind("__", 0) == 0;
      checkedMethod(vm, cls, name, fn, dunder);
    }
  };
  publish(Kind::Str, B.str, {});
  publish(Kind::Bytes, B.bytes, {});
  publish(Kind::ByteArray, B.bytearray, {});
  publish(Kind::List, B.list, {});
  publish(Kind::Tuple, B.tuple, {});
  publish(Kind::Dict, B.dict, {});
  publish(Kind::Set, B.set, {});
  publish(Kind::Set, B.frozenset,
          {"add", "remove", "discard", "pop", "clear", "update", "intersection_update",
           "difference_update", "symmetric_difference_update"});
  publish(Kind::Int, B.int_, {});
  publish(Kind::Float, B.float_, {});
  publish(Kind::Generator, B.generator, {});
}

}  // namespace

void installSlotWrappers(VM& vm) {
  auto& B = vm.b();
  using Bo = BinOpKind;
  installObjectSlots(vm);
  for (const ClassPtr& cls : {B.int_, B.float_}) {
    reprSlots(vm, cls);
    hashSlot(vm, cls, true);
    compareSlots(vm, cls, true);
    numberSlots(vm, cls);
    formatSlot(vm, cls);
  }
  for (const ClassPtr& cls : {B.str, B.bytes}) {
    reprSlots(vm, cls);
    hashSlot(vm, cls, true);
    compareSlots(vm, cls, true);
    containerSlots(vm, cls, false);
    binarySlots(vm, cls, {Bo::Add, Bo::Mult, Bo::Mod});
    formatSlot(vm, cls);
  }
  slot(vm, B.str, "__str__", [](VM&, CallArgs& a) -> Value { return pyStr(asStr(a.args[0])); });
  reprSlots(vm, B.bytearray);
  hashSlot(vm, B.bytearray, false);
  compareSlots(vm, B.bytearray, true);
  containerSlots(vm, B.bytearray, true);
  binarySlots(vm, B.bytearray, {Bo::Add, Bo::Mult, Bo::Mod}, true);
  reprSlots(vm, B.tuple);
  hashSlot(vm, B.tuple, true);
  compareSlots(vm, B.tuple, true);
  containerSlots(vm, B.tuple, false);
  binarySlots(vm, B.tuple, {Bo::Add, Bo::Mult});
  reprSlots(vm, B.list);
  hashSlot(vm, B.list, false);
  compareSlots(vm, B.list, true);
  containerSlots(vm, B.list, true);
  binarySlots(vm, B.list, {Bo::Add, Bo::Mult}, true);
  reprSlots(vm, B.dict);
  hashSlot(vm, B.dict, false);
  compareSlots(vm, B.dict, false);
  containerSlots(vm, B.dict, true);
  binarySlots(vm, B.dict, {Bo::BitOr}, true);
  for (const ClassPtr& cls : {B.set, B.frozenset}) {
    reprSlots(vm, cls);
    hashSlot(vm, cls, cls == B.frozenset);
    compareSlots(vm, cls, true);
    containerSlots(vm, cls, false);
    binarySlots(vm, cls, {Bo::BitOr, Bo::BitAnd, Bo::Sub, Bo::BitXor}, cls == B.set);
  }
  reprSlots(vm, B.range);
  hashSlot(vm, B.range, true);
  compareSlots(vm, B.range, false);
  containerSlots(vm, B.range, false);
  // exceptions: str() is the args' text, repr() Name(args)
  slot(vm, B.base_exception, "__str__",
       [](VM& vm, CallArgs& a) -> Value { return pyStr(vm.strNative(a.args[0])); });
  slot(vm, B.base_exception, "__repr__",
       [](VM& vm, CallArgs& a) -> Value { return pyStr(vm.reprNative(a.args[0])); });
  // calling: functions, builtins, bound methods and classes have __call__ (tp_call)
  for (const ClassPtr& cls : {B.function, B.builtin_function, B.method, B.type})
    slot(vm, cls, "__call__", [](VM& vm, CallArgs& a) -> Value {
      CallArgs rest;
      rest.args.assign(a.args.begin() + 1, a.args.end());
      rest.kwargs = std::move(a.kwargs);
      return vm.call(a.args[0], rest);
    });
  // the native getsets are descriptors Python code may drive by hand
  // (`type.__dict__["__annotations__"].__get__`)
  slot(vm, B.getset_descriptor, "__get__", [](VM& vm, CallArgs& a) -> Value {
    Value obj = arg(vm, a, 1, "__get__");
    if (isNone(obj)) {
      if (a.args.size() < 3 || isNone(a.args[2]))
        vm.raise(vm.b().type_error, "__get__(None, None) is invalid");
      return a.args[0];
    }
    return vm.descrGet(a.args[0], obj, vm.typeOf(obj));
  });
  slot(vm, B.getset_descriptor, "__set__", [](VM& vm, CallArgs& a) -> Value {
    vm.descrSet(a.args[0], arg(vm, a, 1, "__set__"), arg(vm, a, 2, "__set__"));
    return none();
  });
  slot(vm, B.getset_descriptor, "__delete__", [](VM& vm, CallArgs& a) -> Value {
    vm.descrSet(a.args[0], arg(vm, a, 1, "__delete__"), nullptr);
    return none();
  });
  installGetSets(vm);
  installTypeHooks(vm);
  publishNativeMethods(vm);
}

}  // namespace gbc::interp
