// object.__reduce_ex__, object.__reduce__ and object.__getstate__ as CPython's typeobject.c
// gives them (what copy, pickle and copyreg build on): copyreg._reduce_ex below protocol 2,
// else a copyreg.__newobj__ / __newobj_ex__ reduction from __getnewargs_ex__ / __getnewargs__,
// with the state of __getstate__ (the instance dict and the __slots__ values). Also the
// __getnewargs__ of int, float and tuple and the __reduce__ of set, frozenset and slice.
#include "interp/native_args.h"
#include "interp/native_type.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

namespace {

/// The type's name as tp_name spells it (a C type of a module: 'module.name').
std::string tpName(VM& vm, const Value& obj) {
  ClassPtr cls = vm.typeOf(obj);
  if (cls->builtin && !cls->module.empty() && cls->module != "builtins")
    return cls->module + "." + cls->name;
  return cls->name;
}

[[noreturn]] void cannotPickle(VM& vm, const Value& obj) {
  vm.raise(vm.b().type_error, "cannot pickle '" + tpName(vm, obj) + "' object");
}

Value copyreg(VM& vm) { return vm.importModule("copyreg", nullptr, 0); }

/// Whether an object of this kind carries C-level data object.__reduce_ex__ cannot save
/// (CPython's basicsize test, and types without tp_new).
bool opaque(const Value& obj) {
  switch (obj->kind) {
    case Kind::Instance:
      return as<InstanceObject>(obj).native != nullptr;
    case Kind::Int:
    case Kind::Bool:
    case Kind::Float:
    case Kind::Str:
    case Kind::Bytes:
    case Kind::ByteArray:
    case Kind::Tuple:
    case Kind::List:
    case Kind::Dict:
    case Kind::Set:
      return obj->sub && obj->sub->native;
    default:
      return true;
  }
}

/// copyreg._slotnames(cls): the names of cls's __slots__ along its MRO (cached by copyreg in
/// cls.__slotnames__); empty without any.
std::vector<Value> slotNames(VM& vm, const ClassPtr& cls) {
  if (Value cached = cls->dict->getStr("__slotnames__"))
    if (cached->kind == Kind::List) return as<ListObject>(cached).items;
  bool any = false;
  for (const auto& c : cls->mro) any = any || (c->dict && c->dict->getStr("__slots__"));
  if (!any) return {};
  Value names = vm.call(vm.getAttr(copyreg(vm), "_slotnames"), std::vector<Value>{cls});
  if (names->kind != Kind::List && !isNone(names))
    vm.raise(vm.b().type_error, "copyreg._slotnames didn't return a list or None");
  return isNone(names) ? std::vector<Value>{} : as<ListObject>(names).items;
}

/// object_getstate_default: the instance dict (None when empty), paired with a dict of the
/// __slots__ values that are set.
Value defaultState(VM& vm, const Value& obj, bool required) {
  if (required && opaque(obj)) cannotPickle(vm, obj);
  std::vector<Value> names = slotNames(vm, vm.typeOf(obj));
  // the instance __dict__ (gbc keeps __slots__ values in the same dict: they are left out)
  Value state = none();
  DictPtr d = vm.instanceDict(obj, false);
  if (d && !vm.typeOf(obj)->no_dict && d->size() != 0) {
    DictPtr own = d;
    if (!names.empty()) {
      own = newDict();
      d->forEach([&](const Value& k, const Value& v) {
        bool slot = false;
        for (const Value& n : names)
          slot = slot || (k->kind == Kind::Str && n->kind == Kind::Str && asStr(k) == asStr(n));
        if (!slot) own->set(k, v);
      });
    }
    if (own->size() != 0) state = own;
  }
  if (!names.empty()) {
    DictPtr slots = newDict();
    for (const Value& name : names) {
      if (name->kind != Kind::Str) continue;
      if (Value v = vm.getAttrOrNull(obj, asStr(name))) slots->setStr(asStr(name), v);
    }
    if (slots->size() != 0) state = pyTuple({state, slots});
  }
  return state;
}

/// object_getstate: obj.__getstate__(), the default one without a call through Python.
Value getState(VM& vm, const Value& obj, bool required) {
  Value gs = vm.getAttr(obj, "__getstate__");
  if (gs->kind == Kind::Builtin) {
    auto& b = as<BuiltinObject>(gs);
    if (b.id == "builtins.object.__getstate__" && b.self.get() == obj.get())
      return defaultState(vm, obj, required);
  }
  return vm.call(gs, std::vector<Value>{});
}

/// reduce_newobj: (copyreg.__newobj__, (cls, *args), state, listitems, dictitems), or
/// __newobj_ex__ with keyword arguments.
Value reduceNewobj(VM& vm, const Value& obj) {
  if (obj->kind == Kind::Generator || obj->kind == Kind::Iterator) cannotPickle(vm, obj);
  ClassPtr cls = vm.typeOf(obj);
  Value args, kwargs;
  // (looked up on the type, builtin types' own included: int.__getnewargs__)
  auto lookup = [&](const char* name) { return vm.typeOf(obj)->lookup(name); };
  if (Value m = lookup("__getnewargs_ex__")) {
    Value r = vm.callSpecial(m, obj, {});
    if (r->kind != Kind::Tuple)
      vm.raise(vm.b().type_error,
               "__getnewargs_ex__ should return a tuple, not '" + vm.typeOf(r)->name + "'");
    const auto& items = as<TupleObject>(r).items;
    if (items.size() != 2)
      vm.raise(vm.b().value_error, "__getnewargs_ex__ should return a tuple of length 2, not " +
                                       std::to_string(items.size()));
    args = items[0];
    kwargs = items[1];
    if (args->kind != Kind::Tuple)
      vm.raise(vm.b().type_error,
               "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '" +
                   vm.typeOf(args)->name + "'");
    if (kwargs->kind != Kind::Dict)
      vm.raise(vm.b().type_error,
               "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '" +
                   vm.typeOf(kwargs)->name + "'");
  } else if (Value g = lookup("__getnewargs__")) {
    args = vm.callSpecial(g, obj, {});
    if (args->kind != Kind::Tuple)
      vm.raise(vm.b().type_error,
               "__getnewargs__ should return a tuple, not '" + vm.typeOf(args)->name + "'");
  }
  Value reg = copyreg(vm);
  bool hasargs = args != nullptr;
  Value newobj, newargs;
  if (!kwargs || as<DictObject>(kwargs).size() == 0) {
    newobj = vm.getAttr(reg, "__newobj__");
    std::vector<Value> items{cls};
    if (args)
      for (const Value& v : as<TupleObject>(args).items) items.push_back(v);
    newargs = pyTuple(std::move(items));
  } else {
    newobj = vm.getAttr(reg, "__newobj_ex__");
    newargs = pyTuple({cls, args, kwargs});
  }
  bool is_list = obj->kind == Kind::List, is_dict = obj->kind == Kind::Dict;
  Value state = getState(vm, obj, !(hasargs || is_list || is_dict));
  Value listitems = is_list ? vm.iter(obj) : none();
  Value dictitems =
      is_dict ? vm.iter(vm.call(vm.getAttr(obj, "items"), std::vector<Value>{})) : none();
  return pyTuple({newobj, newargs, state, listitems, dictitems});
}

Value commonReduce(VM& vm, const Value& obj, int64_t proto) {
  if (proto >= 2) return reduceNewobj(vm, obj);
  return vm.call(vm.getAttr(copyreg(vm), "_reduce_ex"), std::vector<Value>{obj, pyInt(proto)});
}

}  // namespace

void installObjectReduce(VM& vm) {
  const auto& B = vm.b();
  nativeMethod(B.object, "__getstate__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "object.__getstate__", 1);
    return defaultState(vm, a.args[0], false);
  });
  nativeMethod(B.object, "__reduce__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "object.__reduce__", 1);
    return commonReduce(vm, a.args[0], 0);
  });
  nativeMethod(B.object, "__reduce_ex__", [](VM& vm, CallArgs& a) -> Value {
    Value protocol = oneArg(vm, a, "object.__reduce_ex__", 1);
    if (!isInt(protocol))
      vm.raise(vm.b().type_error,
               "'" + vm.typeOf(protocol)->name + "' object cannot be interpreted as an integer");
    const Value& self = a.args[0];
    Value reduce = vm.getAttr(self, "__reduce__");
    // a class that overrides __reduce__ is reduced by its own
    Value cls_reduce = vm.typeOf(self)->lookup("__reduce__");
    if (!cls_reduce || cls_reduce->kind != Kind::Builtin ||
        as<BuiltinObject>(cls_reduce).id != "builtins.object.__reduce__")
      return vm.call(reduce, std::vector<Value>{});
    return commonReduce(vm, self, asInt(protocol));
  });
  for (const ClassPtr& cls : {B.set, B.frozenset}) {
    std::string what = cls->name + ".__reduce__";
    nativeMethod(cls, "__reduce__", [what](VM& vm, CallArgs& a) -> Value {
      noArgs(vm, a, what, 1);
      const Value& self = a.args[0];
      if (self->kind != Kind::Set) vm.raise(vm.b().type_error, "descriptor requires a set");
      Value keys = pyList(vm.toVector(self));
      return pyTuple({vm.typeOf(self), pyTuple({keys}), defaultState(vm, self, false)});
    });
  }
  nativeMethod(B.slice, "__reduce__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "slice.__reduce__", 1);
    if (a.args[0]->kind != Kind::Slice) vm.raise(vm.b().type_error, "descriptor requires a slice");
    auto& s = as<SliceObject>(a.args[0]);
    return pyTuple({vm.b().slice, pyTuple({s.start, s.stop, s.step})});
  });
  nativeMethod(B.int_, "__getnewargs__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "int.__getnewargs__", 1);
    const Value& v = a.args[0];
    if (v->kind == Kind::Bool) return pyTuple({pyInt(asInt(v))});
    if (isBigInt(v)) return pyTuple({pyBigInt(toBigInt(v))});
    return pyTuple({pyInt(asInt(v))});
  });
  nativeMethod(B.float_, "__getnewargs__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "float.__getnewargs__", 1);
    return pyTuple({pyFloat(as<FloatObject>(a.args[0]).v)});
  });
  nativeMethod(B.tuple, "__getnewargs__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "tuple.__getnewargs__", 1);
    return pyTuple({pyTuple(as<TupleObject>(a.args[0]).items)});
  });
}

}  // namespace gbc::interp
