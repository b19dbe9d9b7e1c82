// _weakref (Modules/_weakref.c, Objects/weakrefobject.c): ref (ReferenceType), proxy
// (ProxyType, CallableProxyType), getweakrefcount, getweakrefs, _remove_dead_weakref.
// gbc's objects are shared_ptrs, so a ref holds a std::weak_ptr to its referent: ref() gives
// None once the last strong reference is gone. Callbacks are accepted (and kept in
// __callback__) but never called: gbc has no hook at an object's death. So WeakValueDictionary
// and WeakSet keep dead entries until they look at them (their lengths count them), and
// weakref.finalize runs its function at exit only (through atexit). Objects in reference cycles
// never die (gbc has no cycle collector: gc.collect() finds nothing).
#include "interp/clinic_args.h"
#include "interp/native_modules.h"
#include "interp/native_support.h"

#include <unordered_map>

namespace gbc::interp {

namespace {

using syntax::BinOpKind;
using syntax::CmpOpKind;

struct RefState : NativeState {
  std::weak_ptr<Object> target;
  Value callback;  // null: none
  int64_t hash = -1;
  bool hashed = false;
  bool proxy = false;
};

/// The live weak references (refs and proxies) of each object, for getweakrefcount,
/// getweakrefs and the reuse of a basic ref.
class RefRegistry {
 public:
  std::vector<Value> refsOf(const Value& obj) {
    auto it = entries_.find(obj.get());
    if (it == entries_.end()) return {};
    if (it->second.target.lock() != obj) {  // a dead object's address reused
      entries_.erase(it);
      return {};
    }
    std::vector<Value> out;
    auto& refs = it->second.refs;
    for (size_t i = 0; i < refs.size();) {
      if (Value r = refs[i].lock()) {
        out.push_back(r);
        ++i;
      } else {
        refs.erase(refs.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
    return out;
  }
  void add(const Value& obj, const Value& ref) {
    Entry& e = entries_[obj.get()];
    if (e.target.lock() != obj) e = Entry{obj, {}};
    e.refs.push_back(ref);
  }

 private:
  struct Entry {
    std::weak_ptr<Object> target;
    std::vector<std::weak_ptr<Object>> refs;
  };
  std::unordered_map<const Object*, Entry> entries_;
};

struct WeakrefModule {
  RefRegistry registry;
  ClassPtr ref, proxy, callable_proxy;
};

RefState* refState(const Value& v) {
  if (v->kind != Kind::Instance) return nullptr;
  return dynamic_cast<RefState*>(as<InstanceObject>(v).native.get());
}

/// Whether CPython's type of `v` has a weak-reference slot.
bool weakrefable(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::Function:
    case Kind::BoundMethod:
    case Kind::Builtin:
    case Kind::Class:
    case Kind::Module:
    case Kind::Set:
    case Kind::Generator:
    case Kind::Code:
    case Kind::Tensor:
      return true;
    case Kind::Instance:
      break;
    case Kind::List:
    case Kind::Dict:
    case Kind::Float:
    case Kind::Str:
      return v->sub != nullptr;
    default:
      return false;
  }
  ClassPtr cls = vm.typeOf(v);
  for (const ClassPtr& c : cls->mro) {
    if (c->builtin) return c != vm.b().object;
    Value slots = c->dict->getStr("__slots__");
    if (!slots) return true;  // a class without __slots__ gives its instances __weakref__
    std::vector<Value> names =
        slots->kind == Kind::Str ? std::vector<Value>{slots} : vm.toVector(slots);
    for (const Value& n : names)
      if (n->kind == Kind::Str && asStr(n) == "__weakref__") return true;
  }
  return false;
}

/// The referent of weak reference `ref`, null when dead.
Value referent(const RefState& s) { return s.target.lock(); }

/// A new ref or proxy to `obj` of class `cls`, reusing the basic one where CPython does.
Value newRef(VM& vm, WeakrefModule& mod, const ClassPtr& cls, const Value& obj,
             const Value& callback, bool proxy) {
  if (!weakrefable(vm, obj))
    vm.raise(vm.b().type_error,
             "cannot create weak reference to '" + tpName(vm.typeOf(obj)) + "' object");
  Value cb = callback && !isNone(callback) ? callback : nullptr;
  if (!cb && (proxy || cls == mod.ref))
    for (const Value& r : mod.registry.refsOf(obj)) {
      RefState* s = refState(r);
      if (s && !s->callback && s->proxy == proxy && vm.typeOf(r) == cls) return r;
    }
  auto s = std::make_shared<RefState>();
  s->target = obj;
  s->callback = cb;
  s->proxy = proxy;
  Value r = newNative(cls, s);
  mod.registry.add(obj, r);
  return r;
}

std::string address() { return "0x7f0000000000"; }

void installRef(VM& vm, const Value& m, const std::shared_ptr<WeakrefModule>& mod) {
  ClassPtr cls = makeNativeType(vm, "weakref", "ReferenceType");
  cls->no_dict = true;
  mod->ref = cls;
  nativeConstructor(cls, [mod](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    if (c->builtin) noKeywords(vm, a, "ref");
    checkPositional(vm, a, "__new__", 1, 2, 1);
    return newRef(vm, *mod, c, a.args[1], a.args.size() > 2 ? a.args[2] : nullptr, false);
  });
  nativeMethod(cls, "__init__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__init__", 1, 2, 1);
    return none();
  });
  auto state = [](VM& vm, const Value& v) -> RefState& {
    return nativeState<RefState>(vm, v, "__call__");
  };
  nativeMethod(cls, "__call__", [state](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "weakref");
    checkPositional(vm, a, "weakref", 0, 0, 1);
    Value obj = referent(state(vm, a.args[0]));
    return obj ? obj : none();
  });
  nativeMethod(cls, "__hash__", [state](VM& vm, CallArgs& a) -> Value {
    RefState& s = state(vm, a.args.at(0));
    if (s.hashed) return pyInt(s.hash);
    Value obj = referent(s);
    if (!obj) vm.raise(vm.b().type_error, "weak object has gone away");
    s.hash = vm.hash(obj);
    s.hashed = true;
    return pyInt(s.hash);
  });
  for (bool ne : {false, true})
    nativeMethod(cls, ne ? "__ne__" : "__eq__", [ne](VM& vm, CallArgs& a) -> Value {
      checkPositional(vm, a, ne ? "__ne__" : "__eq__", 1, 1, 1);
      RefState* x = refState(a.args[0]);
      RefState* y = refState(a.args[1]);
      if (!x || !y || x->proxy || y->proxy) return notImplemented();
      Value ox = referent(*x), oy = referent(*y);
      if (!ox || !oy) return pyBool((a.args[0].get() == a.args[1].get()) != ne);
      return vm.compare(ne ? CmpOpKind::NotEq : CmpOpKind::Eq, ox, oy);
    });
  nativeMethod(cls, "__repr__", [state](VM& vm, CallArgs& a) -> Value {
    Value obj = referent(state(vm, a.args.at(0)));
    if (!obj) return pyStr("<weakref at " + address() + "; dead>");
    std::string out =
        "<weakref at " + address() + "; to '" + tpName(vm.typeOf(obj)) + "' at " + address();
    Value name = vm.getAttrOrNull(obj, "__name__");
    if (name && name->kind == Kind::Str) out += " (" + asStr(name) + ")";
    return pyStr(out + ">");
  });
  nativeGetSet(cls, "__callback__", [](VM& vm, const Value& v) -> Value {
    RefState& s = nativeState<RefState>(vm, v, "__callback__");
    return s.callback && referent(s) ? s.callback : none();
  });
  nativeClassGetItem(cls);
  as<ModuleObject>(m).dict->setStr("ref", cls);
  as<ModuleObject>(m).dict->setStr("ReferenceType", cls);
}

/// The object a proxy stands for (ReferenceError once it is gone); other values as they are.
Value unwrap(VM& vm, const Value& v) {
  RefState* s = refState(v);
  if (!s || !s->proxy) return v;
  Value obj = referent(*s);
  if (!obj)
    vm.raise(builtinClass(vm, "ReferenceError"), "weakly-referenced object no longer exists");
  return obj;
}

void installProxyMethods(const ClassPtr& cls, bool callable) {
  cls->no_dict = true;
  cls->dict->setStr("__hash__", none());
  nativeMethod(cls, "__getattribute__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__getattribute__", 1, 1, 1);
    return vm.getAttr(unwrap(vm, a.args[0]), asStr(a.args[1]));
  });
  nativeMethod(cls, "__setattr__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__setattr__", 2, 2, 1);
    vm.setAttr(unwrap(vm, a.args[0]), asStr(a.args[1]), a.args[2]);
    return none();
  });
  nativeMethod(cls, "__delattr__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__delattr__", 1, 1, 1);
    vm.delAttr(unwrap(vm, a.args[0]), asStr(a.args[1]));
    return none();
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    Value obj = unwrap(vm, a.args.at(0));
    return pyStr("<weakproxy at " + address() + "; to '" + tpName(vm.typeOf(obj)) + "' at " +
                 address() + ">");
  });
  nativeMethod(cls, "__str__", [](VM& vm, CallArgs& a) -> Value {
    return pyStr(vm.str(unwrap(vm, a.args.at(0))));
  });
  nativeMethod(cls, "__bool__", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(vm.truthy(unwrap(vm, a.args.at(0))));
  });
  nativeMethod(cls, "__len__", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(vm.len(unwrap(vm, a.args.at(0))));
  });
  nativeMethod(cls, "__iter__",
               [](VM& vm, CallArgs& a) -> Value { return vm.iter(unwrap(vm, a.args.at(0))); });
  nativeMethod(cls, "__next__", [](VM& vm, CallArgs& a) -> Value {
    Value obj = unwrap(vm, a.args.at(0));
    if (obj->kind != Kind::Iterator && obj->kind != Kind::Generator &&
        !vm.typeOf(obj)->lookup("__next__"))
      vm.raise(vm.b().type_error,
               "Weakref proxy referenced a non-iterator '" + tpName(vm.typeOf(obj)) + "' object");
    Value v = vm.next(obj);
    if (!v) vm.raise(vm.b().stop_iteration, "");
    return v;
  });
  nativeMethod(cls, "__getitem__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__getitem__", 1, 1, 1);
    return vm.getItem(unwrap(vm, a.args[0]), unwrap(vm, a.args[1]));
  });
  nativeMethod(cls, "__setitem__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__setitem__", 2, 2, 1);
    vm.setItem(unwrap(vm, a.args[0]), unwrap(vm, a.args[1]), unwrap(vm, a.args[2]));
    return none();
  });
  nativeMethod(cls, "__delitem__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__delitem__", 1, 1, 1);
    vm.delItem(unwrap(vm, a.args[0]), unwrap(vm, a.args[1]));
    return none();
  });
  nativeMethod(cls, "__contains__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__contains__", 1, 1, 1);
    return pyBool(vm.contains(unwrap(vm, a.args[0]), unwrap(vm, a.args[1])));
  });
  const std::pair<const char*, CmpOpKind> cmps[] = {
      {"__eq__", CmpOpKind::Eq},  {"__ne__", CmpOpKind::NotEq}, {"__lt__", CmpOpKind::Lt},
      {"__le__", CmpOpKind::LtE}, {"__gt__", CmpOpKind::Gt},    {"__ge__", CmpOpKind::GtE}};
  for (auto [name, op] : cmps)
    nativeMethod(cls, name, [op = op, name = name](VM& vm, CallArgs& a) -> Value {
      checkPositional(vm, a, name, 1, 1, 1);
      return vm.compare(op, unwrap(vm, a.args[0]), unwrap(vm, a.args[1]));
    });
  const std::pair<const char*, BinOpKind> ops[] = {
      {"add", BinOpKind::Add},       {"sub", BinOpKind::Sub},
      {"mul", BinOpKind::Mult},      {"matmul", BinOpKind::MatMult},
      {"truediv", BinOpKind::Div},   {"floordiv", BinOpKind::FloorDiv},
      {"mod", BinOpKind::Mod},       {"pow", BinOpKind::Pow},
      {"lshift", BinOpKind::LShift}, {"rshift", BinOpKind::RShift},
      {"and", BinOpKind::BitAnd},    {"or", BinOpKind::BitOr},
      {"xor", BinOpKind::BitXor}};
  for (auto [name, op] : ops) {
    std::string n = name;
    nativeMethod(cls, "__" + n + "__", [op = op](VM& vm, CallArgs& a) -> Value {
      return vm.binaryOp(op, unwrap(vm, a.args.at(0)), unwrap(vm, a.args.at(1)));
    });
    nativeMethod(cls, "__r" + n + "__", [op = op](VM& vm, CallArgs& a) -> Value {
      return vm.binaryOp(op, unwrap(vm, a.args.at(1)), unwrap(vm, a.args.at(0)));
    });
    nativeMethod(cls, "__i" + n + "__", [op = op](VM& vm, CallArgs& a) -> Value {
      // (the referent changes in place where it can; the proxy stays the result)
      vm.binaryOp(op, unwrap(vm, a.args.at(0)), unwrap(vm, a.args.at(1)), true);
      return a.args[0];
    });
  }
  const std::pair<const char*, syntax::UnaryOpKind> unary[] = {
      {"__neg__", syntax::UnaryOpKind::USub},
      {"__pos__", syntax::UnaryOpKind::UAdd},
      {"__invert__", syntax::UnaryOpKind::Invert}};
  for (auto [name, op] : unary)
    nativeMethod(cls, name, [op = op](VM& vm, CallArgs& a) -> Value {
      return vm.unaryOp(op, unwrap(vm, a.args.at(0)));
    });
  for (const char* name :
       {"__abs__", "__int__", "__float__", "__index__", "__reversed__", "__bytes__"})
    nativeMethod(cls, name, [name](VM& vm, CallArgs& a) -> Value {
      return vm.callMethod(unwrap(vm, a.args.at(0)), name, {});
    });
  if (callable)
    nativeMethod(cls, "__call__", [](VM& vm, CallArgs& a) -> Value {
      CallArgs rest;
      rest.args = restArgs(a, 1);
      rest.kwargs = a.kwargs;
      return vm.call(unwrap(vm, a.args.at(0)), rest);
    });
}

}  // namespace

Value makeWeakrefModule(VM& vm) {
  Value m = newNativeModule("_weakref");
  auto mod = std::make_shared<WeakrefModule>();
  installRef(vm, m, mod);
  mod->proxy = makeNativeType(vm, "weakref", "ProxyType");
  mod->callable_proxy = makeNativeType(vm, "weakref", "CallableProxyType");
  installProxyMethods(mod->proxy, false);
  installProxyMethods(mod->callable_proxy, true);
  as<ModuleObject>(m).dict->setStr("ProxyType", mod->proxy);
  as<ModuleObject>(m).dict->setStr("CallableProxyType", mod->callable_proxy);
  moduleFunction(m, "proxy", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "proxy");
    checkPositional(vm, a, "proxy", 1, 2);
    const Value& obj = a.args[0];
    ClassPtr cls = vm.isCallable(obj) ? mod->callable_proxy : mod->proxy;
    return newRef(vm, *mod, cls, obj, a.args.size() > 1 ? a.args[1] : nullptr, true);
  });
  moduleFunction(m, "getweakrefcount", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "getweakrefcount");
    checkPositional(vm, a, "getweakrefcount", 1, 1);
    return pyInt(static_cast<int64_t>(mod->registry.refsOf(a.args[0]).size()));
  });
  moduleFunction(m, "getweakrefs", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "getweakrefs");
    checkPositional(vm, a, "getweakrefs", 1, 1);
    return pyList(mod->registry.refsOf(a.args[0]));
  });
  moduleFunction(m, "_remove_dead_weakref", [](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "_remove_dead_weakref");
    checkPositional(vm, a, "_remove_dead_weakref", 2, 2);
    if (a.args[0]->kind != Kind::Dict)
      vm.raise(vm.b().type_error,
               "_remove_dead_weakref() argument 1 must be dict, not " + typeName(vm, a.args[0]));
    auto& d = as<DictObject>(a.args[0]);
    Value v = d.get(a.args[1]);
    if (!v) return none();
    RefState* s = refState(v);
    if (!s) vm.raise(vm.b().type_error, "not a weakref");
    if (!referent(*s)) d.erase(a.args[1]);
    return none();
  });
  return m;
}

}  // namespace gbc::interp
