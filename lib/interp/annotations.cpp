// The annotation attributes of functions, classes and modules, as getsets on `function`, `type`
// and `module` (CPython's funcobject.c, typeobject.c, moduleobject.c): `__annotations__` (3.14:
// computed from `__annotate__(1)` on first access and cached, PEP 649; 3.12: the dict made at
// definition time), `__annotate__` (3.14 only), `__type_params__` (PEP 695), and a function's
// `__doc__` (its code's docstring constant unless set). Setting and deleting behave as in CPython.
#include "interp/eval_ext.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

void getset(const ClassPtr& c, const std::string& name, GetSetObject::Getter get,
            GetSetObject::Setter set) {
  auto gs = std::make_shared<GetSetObject>(name, std::move(get), std::move(set));
  gs->owner = c->name;
  c->dict->setStr(name, gs);
}

bool python314(VM& vm) { return vm.target().python != "3.12"; }

FunctionObject& fn(const Value& f) { return as<FunctionObject>(f); }
ClassPtr cls(const Value& c) { return std::static_pointer_cast<ClassObject>(c); }

/// `annotate(1)` (Format.VALUE), which must give a dict.
Value callAnnotate(VM& vm, const Value& annotate) {
  Value d = vm.call(annotate, std::vector<Value>{pyInt(1)});
  if (d->kind != Kind::Dict)
    vm.raise(vm.b().type_error,
             "__annotate__ returned non-dict of type '" + vm.typeOf(d)->name + "'");
  return d;
}

void checkAnnotate(VM& vm, const Value& v) {
  if (!v) vm.raise(vm.b().type_error, "cannot delete __annotate__ attribute");
  if (!isNone(v) && !vm.isCallable(v))
    vm.raise(vm.b().type_error, "__annotate__ must be callable or None");
}

void functionAnnotations(VM& vm) {
  const ClassPtr& F = vm.b().function;
  getset(
      F, "__annotations__",
      [](VM& vm, const Value& f) -> Value {
        auto& func = fn(f);
        if (!func.annotations && func.annotate && !isNone(func.annotate))
          func.annotations = callAnnotate(vm, func.annotate);
        if (!func.annotations) func.annotations = newDict();
        return func.annotations;
      },
      [](VM& vm, const Value& f, const Value& v) {
        if (v && !isNone(v) && v->kind != Kind::Dict)
          vm.raise(vm.b().type_error, "__annotations__ must be set to a dict object");
        fn(f).annotations = v && !isNone(v) ? v : nullptr;
        fn(f).annotate = nullptr;  // (3.14: the annotations set replace those computed)
      });
  if (python314(vm))
    getset(
        F, "__annotate__",
        [](VM&, const Value& f) -> Value { return fn(f).annotate ? fn(f).annotate : none(); },
        [](VM& vm, const Value& f, const Value& v) {
          if (!v) vm.raise(vm.b().type_error, "__annotate__ cannot be deleted");
          checkAnnotate(vm, v);
          fn(f).annotate = v;
          if (!isNone(v)) fn(f).annotations = nullptr;
        });
  getset(
      F, "__type_params__",
      [](VM&, const Value& f) -> Value {
        return fn(f).type_params ? fn(f).type_params : pyTuple({});
      },
      [](VM& vm, const Value& f, const Value& v) {
        if (!v || v->kind != Kind::Tuple)
          vm.raise(vm.b().type_error, "__type_params__ must be set to a tuple");
        fn(f).type_params = v;
      });
  getset(
      F, "__doc__",
      [](VM&, const Value& f) -> Value { return fn(f).doc ? fn(f).doc : functionDocstring(fn(f)); },
      [](VM&, const Value& f, const Value& v) { fn(f).doc = v ? v : none(); });
}

/// A class's own annotate function (3.14's type_get_annotate): `__annotate__` or
/// `__annotate_func__` of its namespace, None (then recorded) when it has neither.
Value classAnnotate(VM& vm, const ClassPtr& c) {
  Value a = c->dict->getStr("__annotate__");
  if (!a) a = c->dict->getStr("__annotate_func__");
  if (!a) {
    a = none();
    c->dict->setStr("__annotate_func__", a);
  }
  return vm.descrGet(a, nullptr, c);
}

void noAnnotationsOfBuiltin(VM& vm, const ClassPtr& c, const char* name) {
  if (c->builtin)
    vm.raise(vm.b().attribute_error,
             "type object '" + c->name + "' has no attribute '" + std::string(name) + "'");
}

void immutable(VM& vm, const ClassPtr& c, const char* name) {
  if (c->builtin)
    vm.raise(vm.b().type_error, "cannot set '" + std::string(name) +
                                    "' attribute of immutable type '" + c->name + "'");
}

void classAnnotations(VM& vm) {
  const ClassPtr& T = vm.b().type;
  if (!python314(vm)) {
    // 3.12: the namespace's `__annotations__`, an empty dict made (and kept) when it has none
    getset(
        T, "__annotations__",
        [](VM& vm, const Value& cv) -> Value {
          ClassPtr c = cls(cv);
          noAnnotationsOfBuiltin(vm, c, "__annotations__");
          if (Value a = c->dict->getStr("__annotations__")) return vm.descrGet(a, nullptr, c);
          Value a = newDict();
          c->dict->setStr("__annotations__", a);
          return a;
        },
        [](VM& vm, const Value& cv, const Value& v) {
          ClassPtr c = cls(cv);
          immutable(vm, c, "__annotations__");
          if (v)
            c->dict->setStr("__annotations__", v);
          else if (!c->dict->erase(pyStr("__annotations__")))
            vm.raise(vm.b().attribute_error, "__annotations__");
        });
  } else {
    getset(
        T, "__annotations__",
        [](VM& vm, const Value& cv) -> Value {
          ClassPtr c = cls(cv);
          noAnnotationsOfBuiltin(vm, c, "__annotations__");
          Value a = c->dict->getStr("__annotations__");  // (eager: `from __future__` classes)
          if (!a) a = c->dict->getStr("__annotations_cache__");
          if (a) return vm.descrGet(a, nullptr, c);
          Value annotate = classAnnotate(vm, c);
          a = vm.isCallable(annotate) ? callAnnotate(vm, annotate) : Value(newDict());
          c->dict->setStr("__annotations_cache__", a);
          return a;
        },
        [](VM& vm, const Value& cv, const Value& v) {
          ClassPtr c = cls(cv);
          immutable(vm, c, "__annotations__");
          if (v) {
            c->dict->setStr("__annotations_cache__", v);
            c->dict->setStr("__annotate_func__", none());
          } else {
            if (!c->dict->erase(pyStr("__annotations_cache__")))
              vm.raise(vm.b().attribute_error, "__annotations__");
            c->dict->erase(pyStr("__annotate_func__"));
          }
          c->dict->erase(pyStr("__annotations__"));
        });
    getset(
        T, "__annotate__",
        [](VM& vm, const Value& cv) -> Value {
          noAnnotationsOfBuiltin(vm, cls(cv), "__annotate__");
          return classAnnotate(vm, cls(cv));
        },
        [](VM& vm, const Value& cv, const Value& v) {
          ClassPtr c = cls(cv);
          if (!v) vm.raise(vm.b().type_error, "cannot delete __annotate__ attribute");
          immutable(vm, c, "__annotate__");
          checkAnnotate(vm, v);
          c->dict->erase(pyStr("__annotate__"));
          c->dict->setStr("__annotate_func__", v);
          if (!isNone(v)) c->dict->erase(pyStr("__annotations_cache__"));
        });
  }
  getset(
      T, "__type_params__",
      [](VM&, const Value& cv) -> Value {
        Value v = cls(cv)->dict->getStr("__type_params__");
        return v ? v : pyTuple({});
      },
      [](VM& vm, const Value& cv, const Value& v) {
        ClassPtr c = cls(cv);
        if (c->builtin || !v)
          vm.raise(vm.b().type_error, std::string("cannot ") + (v ? "set" : "delete") +
                                          " '__type_params__' attribute of immutable type '" +
                                          c->name + "'");
        if (v->kind != Kind::Tuple)
          vm.raise(vm.b().type_error, "__type_params__ must be set to a tuple");
        c->dict->setStr("__type_params__", v);
      });
}

/// Whether a module is still being imported (its spec's `_initializing`): its annotations are
/// not cached then, as they may still grow.
bool initializing(VM& vm, const DictPtr& d) {
  Value spec = d->getStr("__spec__");
  if (!spec || isNone(spec)) return false;
  Value init = vm.getAttrOrNull(spec, "_initializing");
  return init && vm.truthy(init);
}

void moduleAnnotations(VM& vm) {
  const ClassPtr& M = vm.b().module;
  const bool py314 = python314(vm);
  auto dict = [](const Value& m) { return as<ModuleObject>(m).dict; };
  getset(
      M, "__annotations__",
      [dict, py314](VM& vm, const Value& m) -> Value {
        DictPtr d = dict(m);
        if (Value a = d->getStr("__annotations__")) return a;
        Value annotate = py314 ? d->getStr("__annotate__") : nullptr;
        Value a =
            annotate && vm.isCallable(annotate) ? callAnnotate(vm, annotate) : Value(newDict());
        if (!py314 || !initializing(vm, d)) d->setStr("__annotations__", a);
        return a;
      },
      [dict, py314](VM& vm, const Value& m, const Value& v) {
        DictPtr d = dict(m);
        if (v)
          d->setStr("__annotations__", v);
        else if (!d->erase(pyStr("__annotations__")))
          vm.raise(vm.b().attribute_error, "__annotations__");
        if (py314) d->erase(pyStr("__annotate__"));
      });
  if (py314)
    getset(
        M, "__annotate__",
        [dict](VM&, const Value& m) -> Value {
          DictPtr d = dict(m);
          Value a = d->getStr("__annotate__");
          if (!a) {
            a = none();
            d->setStr("__annotate__", a);
          }
          return a;
        },
        [dict](VM& vm, const Value& m, const Value& v) {
          checkAnnotate(vm, v);
          dict(m)->setStr("__annotate__", v);
          if (!isNone(v)) dict(m)->erase(pyStr("__annotations__"));
        });
}

}  // namespace

void installAnnotationGetSets(VM& vm) {
  functionAnnotations(vm);
  classAnnotations(vm);
  moduleAnnotations(vm);
}

}  // namespace gbc::interp
