// _collections (Modules/_collectionsmodule.c): the module, defaultdict (a real subclass of
// gbc's dict whose __missing__ calls default_factory), _count_elements (Counter's loop) and
// _tuplegetter (namedtuple's field descriptors). deque and its iterators are in
// mod_collections_deque.cpp. OrderedDict is left to collections' pure-Python version, which
// CPython's collections/__init__.py falls back to when _collections has none.
#include "interp/mod_collections.h"

#include "interp/clinic_args.h"
#include "interp/native_modules.h"

namespace gbc::interp {

namespace {

// ---- defaultdict ----

struct DefaultDictState : NativeState {
  Value factory;  // null: none
};

DefaultDictState& ddState(VM& vm, const Value& v, const char* what) {
  if (v->kind == Kind::Dict && v->sub)
    if (auto* s = dynamic_cast<DefaultDictState*>(v->sub->native.get())) return *s;
  vm.raise(vm.b().type_error, std::string("descriptor '") + what +
                                  "' requires a 'collections.defaultdict' object but received '" +
                                  typeName(vm, v) + "'");
}

/// type(dd)(dd.default_factory, arg): copy(), __or__.
Value newDefaultDict(VM& vm, const Value& dd, const Value& arg) {
  Value factory = ddState(vm, dd, "copy").factory;
  return vm.call(vm.typeOf(dd), std::vector<Value>{factory ? factory : none(), arg});
}

void installDefaultDict(VM& vm, const Value& m) {
  ClassPtr cls = makeNativeType(vm, "collections", "defaultdict", {vm.b().dict});
  cls->no_dict = true;
  nativeConstructor(cls, [](VM&, CallArgs& a) -> Value {
    auto d = std::make_shared<DictObject>();
    d->sub = std::make_shared<SubclassState>();
    d->sub->cls = constructedClass(a);
    d->sub->dict = newDict();
    d->sub->native = std::make_shared<DefaultDictState>();
    return d;
  });
  nativeMethod(cls, "__init__", [](VM& vm, CallArgs& a) -> Value {
    DefaultDictState& s = ddState(vm, a.args.at(0), "__init__");
    Value factory;
    if (a.args.size() > 1) {
      factory = a.args[1];
      if (!isNone(factory) && !vm.isCallable(factory))
        vm.raise(vm.b().type_error, "first argument must be callable or None");
    }
    s.factory = factory && !isNone(factory) ? factory : nullptr;
    CallArgs rest;
    rest.args.push_back(a.args[0]);
    for (size_t i = 2; i < a.args.size(); ++i) rest.args.push_back(a.args[i]);
    rest.kwargs = a.kwargs;
    return vm.call(vm.b().dict->dict->getStr("__init__"), rest);
  });
  nativeMethod(cls, "__missing__", [](VM& vm, CallArgs& a) -> Value {
    Value key = methOneArg(vm, a, "defaultdict.__missing__");
    DefaultDictState& s = ddState(vm, a.args[0], "__missing__");
    if (!s.factory) vm.raiseKeyError(key);
    Value value = vm.call(s.factory, std::vector<Value>{});
    // (3.13+: PyDict_SetDefaultRef, no __setitem__; a value the factory stored wins)
    auto& dict = as<DictObject>(a.args[0]);
    if (Value existing = dict.get(key)) return existing;
    dict.set(key, value);
    return value;
  });
  for (const char* name : {"copy", "__copy__"})
    nativeMethod(cls, name, [name](VM& vm, CallArgs& a) -> Value {
      methNoArgs(vm, a, std::string("defaultdict.") + name);
      return newDefaultDict(vm, a.args[0], a.args[0]);
    });
  nativeMethod(cls, "__reduce__", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "defaultdict.__reduce__");
    DefaultDictState& s = ddState(vm, a.args[0], "__reduce__");
    Value args = s.factory ? pyTuple({s.factory}) : pyTuple({});
    Value items = vm.iter(vm.callMethod(a.args[0], "items", {}));
    return pyTuple({vm.typeOf(a.args[0]), args, none(), none(), items});
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    DefaultDictState& s = ddState(vm, a.args.at(0), "__repr__");
    std::string factory = "None";
    if (s.factory) {
      ReprGuard guard(s.factory.get());
      factory = guard.recursive() ? "..." : vm.repr(s.factory);
    }
    ReprGuard guard(a.args[0].get());
    std::string base = guard.recursive() ? "{...}" : vm.reprNative(a.args[0]);
    return pyStr(vm.typeOf(a.args[0])->name + "(" + factory + ", " + base + ")");
  });
  for (bool reflected : {false, true})
    nativeMethod(cls, reflected ? "__ror__" : "__or__", [reflected](VM& vm, CallArgs& a) -> Value {
      checkPositional(vm, a, reflected ? "__ror__" : "__or__", 1, 1, 1);
      Value self = a.args[0], other = a.args[1];
      if (other->kind != Kind::Dict) return notImplemented();
      Value left = reflected ? other : self, right = reflected ? self : other;
      Value r = newDefaultDict(vm, self, left);
      vm.callMethod(r, "update", {right});
      return r;
    });
  nativeGetSet(
      cls, "default_factory",
      [](VM& vm, const Value& obj) -> Value {
        Value f = ddState(vm, obj, "default_factory").factory;
        return f ? f : none();
      },
      [](VM& vm, const Value& obj, const Value& v) {
        ddState(vm, obj, "default_factory").factory = v && !isNone(v) ? v : nullptr;
      });
  nativeClassGetItem(cls);
  as<ModuleObject>(m).dict->setStr("defaultdict", cls);
}

// ---- _count_elements ----

Value countElements(VM& vm, CallArgs& a) {
  noKeywords(vm, a, "_count_elements");
  checkPositional(vm, a, "_count_elements", 2, 2);
  Value mapping = a.args[0];
  Value it = vm.iter(a.args[1]);
  ClassPtr type = vm.typeOf(mapping);
  const ClassPtr& dict = vm.b().dict;
  bool plain = mapping->kind == Kind::Dict && type->lookup("get") == dict->dict->getStr("get") &&
               type->lookup("__setitem__") == dict->dict->getStr("__setitem__");
  Value one = pyInt(1), zero = pyInt(0);
  if (plain) {
    auto& d = as<DictObject>(mapping);
    while (Value key = vm.next(it)) {
      Value old = d.get(key);
      d.set(key, old ? vm.binaryOp(syntax::BinOpKind::Add, old, one) : one);
    }
    return none();
  }
  Value get = vm.getAttr(mapping, "get");
  while (Value key = vm.next(it)) {
    Value old = vm.call(get, std::vector<Value>{key, zero});
    vm.setItem(mapping, key, vm.binaryOp(syntax::BinOpKind::Add, old, one));
  }
  return none();
}

// ---- _tuplegetter ----

struct TupleGetterState : NativeState {
  int64_t index = 0;
  Value doc;
};

void installTupleGetter(VM& vm, const Value& m) {
  ClassPtr cls = makeNativeType(vm, "collections", "_tuplegetter");
  cls->no_dict = true;
  nativeConstructor(cls, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    if (c->builtin) noKeywords(vm, a, "_tuplegetter");
    checkPositional(vm, a, "_tuplegetter", 2, 2, 1);
    auto s = std::make_shared<TupleGetterState>();
    s->index = ssizeArg(vm, a.args[1]);
    s->doc = a.args[2];
    return newNative(c, s);
  });
  auto state = [](VM& vm, const CallArgs& a, const char* what) -> TupleGetterState& {
    return nativeState<TupleGetterState>(vm, a.args.at(0), what);
  };
  nativeMethod(cls, "__get__", [state](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__get__", 1, 2, 1);
    TupleGetterState& s = state(vm, a, "__get__");
    const Value& obj = a.args[1];
    if (isNone(obj)) return a.args[0];
    if (obj->kind != Kind::Tuple)
      vm.raise(vm.b().type_error, "descriptor for index '" + std::to_string(s.index) +
                                      "' for tuple subclasses doesn't apply to '" +
                                      typeName(vm, obj) + "' object");
    const auto& items = as<TupleObject>(obj).items;
    if (s.index < 0 || s.index >= static_cast<int64_t>(items.size()))
      vm.raise(vm.b().index_error, "tuple index out of range");
    return items[static_cast<size_t>(s.index)];
  });
  nativeMethod(cls, "__set__", [state](VM& vm, CallArgs& a) -> Value {
    state(vm, a, "__set__");
    vm.raise(vm.b().attribute_error, "can't set attribute");
  });
  nativeMethod(cls, "__delete__", [state](VM& vm, CallArgs& a) -> Value {
    state(vm, a, "__delete__");
    vm.raise(vm.b().attribute_error, "can't delete attribute");
  });
  nativeMethod(cls, "__reduce__", [state](VM& vm, CallArgs& a) -> Value {
    TupleGetterState& s = state(vm, a, "__reduce__");
    return pyTuple({vm.typeOf(a.args[0]), pyTuple({pyInt(s.index), s.doc})});
  });
  nativeMethod(cls, "__repr__", [state](VM& vm, CallArgs& a) -> Value {
    TupleGetterState& s = state(vm, a, "__repr__");
    return pyStr(vm.typeOf(a.args[0])->name + "(" + std::to_string(s.index) + ", " +
                 vm.repr(s.doc) + ")");
  });
  nativeGetSet(
      cls, "__doc__",
      [](VM& vm, const Value& obj) -> Value {
        return nativeState<TupleGetterState>(vm, obj, "__doc__").doc;
      },
      [](VM& vm, const Value& obj, const Value& v) {
        nativeState<TupleGetterState>(vm, obj, "__doc__").doc = v ? v : none();
      });
  as<ModuleObject>(m).dict->setStr("_tuplegetter", cls);
}

}  // namespace

Value makeCollectionsModule(VM& vm) {
  Value m = newNativeModule("_collections");
  installDeque(vm, m);
  installDefaultDict(vm, m);
  installTupleGetter(vm, m);
  moduleFunction(m, "_count_elements", countElements);
  return m;
}

}  // namespace gbc::interp
