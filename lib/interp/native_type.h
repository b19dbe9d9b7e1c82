// Native types: classes whose instances carry C++ state, as CPython's C types do (deque,
// itertools.chain, StringIO, ...). An instance is an InstanceObject whose `native` holds the
// state; the type's `__new__` makes it (so user subclasses work: `class Q(deque)` gets a deque's
// state from deque.__new__), and each method checks its receiver with nativeState<S>().
//
//   struct DequeState : NativeState { std::deque<Value> items; };
//   ClassPtr deque = makeNativeType(vm, "collections", "deque");
//   nativeNew<DequeState>(deque);                       // deque.__new__(cls, *args)
//   nativeMethod(deque, "append", [](VM& vm, CallArgs& a) -> Value {
//     nativeState<DequeState>(vm, a, "append").items.push_back(a.args.at(1));
//     return none();
//   });
#pragma once

#include <memory>
#include <string>

#include "interp/vm.h"

namespace gbc::interp {

/// A new native class `module`.`name` (builtin: its attributes are gbc's own), deriving `bases`
/// (default object).
inline ClassPtr makeNativeType(VM& vm, const std::string& module, const std::string& name,
                               std::vector<ClassPtr> bases = {}) {
  ClassPtr cls = vm.makeClass(name, std::move(bases), nullptr);
  cls->module = module;
  cls->dict->setStr("__module__", pyStr(module));
  cls->builtin = true;
  return cls;
}

/// Adds a method to a native class; returns it.
inline Value nativeMethod(const ClassPtr& cls, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->qualname = cls->name + "." + name;
  b->id = cls->module + "." + cls->name + "." + name;
  cls->dict->setStr(name, b);
  return b;
}

/// Adds a read-only (or, with `set`, writable) attribute to a native class.
inline void nativeGetSet(const ClassPtr& cls, const std::string& name, GetSetObject::Getter get,
                         GetSetObject::Setter set = nullptr) {
  auto gs = std::make_shared<GetSetObject>(name, std::move(get), std::move(set));
  gs->owner = cls->name;
  cls->dict->setStr(name, gs);
}

/// The state of native instance `self` (TypeError naming `what` when it is not an `S`).
template <class S>
S& nativeState(VM& vm, const Value& self, const char* what) {
  if (self && self->kind == Kind::Instance)
    if (auto* s = dynamic_cast<S*>(as<InstanceObject>(self).native.get())) return *s;
  vm.raise(vm.b().type_error, std::string("descriptor '") + what +
                                  "' requires a native object, got '" + vm.typeOf(self)->name +
                                  "'");
}

/// An instance of `cls` (a native class or a subclass of one) with a fresh state S.
template <class S>
Value newNative(const ClassPtr& cls, std::shared_ptr<S> state = std::make_shared<S>()) {
  auto inst = std::make_shared<InstanceObject>(cls);
  inst->native = std::move(state);
  return inst;
}

/// Gives `cls` a `__new__(cls, *args, **kwargs)` that makes an instance with a fresh S (the
/// type's `__init__` then reads the arguments).
template <class S>
void nativeNew(const ClassPtr& cls) {
  auto b = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.empty() || a.args[0]->kind != Kind::Class)
      vm.raise(vm.b().type_error, "__new__(X): X is not a type object");
    return newNative<S>(std::static_pointer_cast<ClassObject>(a.args[0]));
  });
  b->binds = false;
  b->qualname = cls->name + ".__new__";
  cls->dict->setStr("__new__", b);
}

}  // namespace gbc::interp
