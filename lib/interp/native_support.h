// Helpers for native types beyond native_type.h: a constructor that parses its arguments in
// __new__ as CPython's tp_new does; native iterator types (itertools.count, the deque iterators:
// a state with a virtual next() and a class whose __iter__ returns self and whose __next__
// raises StopIteration when next() gives nothing); CPython's tp_name of a type; and the guard
// against recursive reprs (Py_ReprEnter).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "interp/native_type.h"

namespace gbc::interp {

/// The state of a native iterator: next() returns the next item, or null when exhausted.
struct IterState : NativeState {
  virtual Value next(VM& vm) = 0;
};

/// Gives `cls` a `__new__(cls, *args, **kwargs)` calling `make` (args[0] is the class).
inline void nativeConstructor(const ClassPtr& cls, NativeFn make) {
  auto b = std::make_shared<BuiltinObject>("__new__", [make](VM& vm, CallArgs& a) -> Value {
    if (a.args.empty() || a.args[0]->kind != Kind::Class)
      vm.raise(vm.b().type_error, "__new__(X): X is not a type object");
    return make(vm, a);
  });
  b->binds = false;
  b->qualname = cls->name + ".__new__";
  b->id = cls->module + "." + cls->name + ".__new__";
  cls->dict->setStr("__new__", b);
}

/// The class a constructor was called for (args[0] of __new__).
inline ClassPtr constructedClass(const CallArgs& a) {
  return std::static_pointer_cast<ClassObject>(a.args[0]);
}

/// `self`'s iterator state of type S (TypeError naming `what` otherwise).
template <class S>
S& iterState(VM& vm, const CallArgs& a, const char* what) {
  if (a.args.empty()) vm.raise(vm.b().type_error, std::string(what) + "() needs an argument");
  return nativeState<S>(vm, a.args[0], what);
}

/// A native iterator class `module`.`name`: __iter__ returns self, __next__ calls the state's
/// next() (StopIteration when it gives nothing).
inline ClassPtr makeIteratorType(VM& vm, const std::string& module, const std::string& name) {
  ClassPtr cls = makeNativeType(vm, module, name);
  nativeMethod(cls, "__iter__", [](VM& vm, CallArgs& a) -> Value {
    iterState<IterState>(vm, a, "__iter__");
    return a.args[0];
  });
  nativeMethod(cls, "__next__", [](VM& vm, CallArgs& a) -> Value {
    Value v = iterState<IterState>(vm, a, "__next__").next(vm);
    if (!v) vm.raise(vm.b().stop_iteration, "");
    return v;
  });
  return cls;
}

/// Gives `cls` CPython's __class_getitem__ = classmethod(GenericAlias): `deque[int]` is a
/// types.GenericAlias (made by gbc's pylib, _gbc_types._class_getitem, as `list[int]` is).
inline void nativeClassGetItem(const ClassPtr& cls) {
  auto cg = std::make_shared<BuiltinObject>("__class_getitem__", [](VM& vm, CallArgs& a) -> Value {
    Value make = vm.getAttr(vm.importModule("_gbc_types", nullptr, 0), "_class_getitem");
    return vm.call(make, std::vector<Value>{a.args.at(0), a.args.at(1)});
  });
  cg->class_method = true;
  cg->qualname = cls->name + ".__class_getitem__";
  cls->dict->setStr("__class_getitem__", cg);
}

/// CPython's tp_name of a type: "module.name" for a native type of a C module, the bare name
/// for builtins and classes defined in Python.
inline std::string tpName(const ClassPtr& cls) {
  if (cls->builtin && !cls->module.empty() && cls->module != "builtins")
    return cls->module + "." + cls->name;
  return cls->name;
}

/// Py_ReprEnter / Py_ReprLeave: while a guard for an object lives, a nested guard for the same
/// object is recursive() (CPython then prints "[...]" or "{...}").
class ReprGuard {
 public:
  explicit ReprGuard(const Object* obj) {
    for (const Object* o : active()) recursive_ = recursive_ || o == obj;
    if (!recursive_) active().push_back(obj);
  }
  ~ReprGuard() {
    if (!recursive_) active().pop_back();
  }
  ReprGuard(const ReprGuard&) = delete;
  ReprGuard& operator=(const ReprGuard&) = delete;
  bool recursive() const { return recursive_; }

 private:
  static std::vector<const Object*>& active() {
    static thread_local std::vector<const Object*> objects;
    return objects;
  }
  bool recursive_ = false;
};

}  // namespace gbc::interp
