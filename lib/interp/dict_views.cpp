// dict.keys(), dict.values(), dict.items() as CPython's views (Objects/dictobject.c): live over
// the dict, with len, in, iteration, reversed, repr, and for keys and items the set operations
// and set equality of collections.abc.Set.
#include <string>

#include "interp/native_type.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

enum class ViewKind { Keys, Values, Items };

struct DictViewState : NativeState {
  std::shared_ptr<DictObject> dict;
  ViewKind kind = ViewKind::Keys;
};

DictViewState* viewOf(const Value& v) {
  if (!v || v->kind != Kind::Instance || !as<InstanceObject>(v).native) return nullptr;
  return dynamic_cast<DictViewState*>(as<InstanceObject>(v).native.get());
}

DictViewState& state(VM& vm, const Value& self, const char* what) {
  return nativeState<DictViewState>(vm, self, what);
}

/// The view's elements now, in the dict's order.
std::vector<Value> elements(const DictViewState& s) {
  std::vector<Value> out;
  s.dict->forEach([&](const Value& k, const Value& v) {
    out.push_back(s.kind == ViewKind::Keys ? k : s.kind == ViewKind::Values ? v : pyTuple({k, v}));
  });
  return out;
}

Value setOf(VM& vm, const Value& iterable) {
  return vm.call(vm.builtinsDict()->getStr("set"), std::vector<Value>{iterable});
}

bool contains(VM& vm, const DictViewState& s, const Value& x) {
  if (s.kind == ViewKind::Keys) return static_cast<bool>(s.dict->get(x));
  if (s.kind == ViewKind::Items) {
    if (x->kind != Kind::Tuple || as<TupleObject>(x).items.size() != 2) return false;
    Value v = s.dict->get(as<TupleObject>(x).items[0]);
    return v && vm.equals(v, as<TupleObject>(x).items[1]);
  }
  for (const Value& v : elements(s))
    if (v.get() == x.get() || vm.equals(v, x)) return true;
  return false;
}

}  // namespace

void installDictViews(VM& vm) {
  const char* names[] = {"dict_keys", "dict_values", "dict_items"};
  auto& D = vm.nativeMethods(Kind::Dict);
  for (int k = 0; k < 3; ++k) {
    auto kind = static_cast<ViewKind>(k);
    ClassPtr cls = makeNativeType(vm, "builtins", names[k]);
    std::string name = names[k];
    nativeMethod(cls, "__len__", [](VM& vm, CallArgs& a) -> Value {
      return pyInt(static_cast<int64_t>(state(vm, a.args.at(0), "__len__").dict->size()));
    });
    nativeMethod(cls, "__iter__", [](VM& vm, CallArgs& a) -> Value {
      DictViewState& s = state(vm, a.args.at(0), "__iter__");
      // keys iterate the dict itself (a change of size during the loop is CPython's error)
      if (s.kind == ViewKind::Keys) return vm.iter(s.dict);
      return vm.iter(pyList(elements(s)));
    });
    nativeMethod(cls, "__reversed__", [](VM& vm, CallArgs& a) -> Value {
      std::vector<Value> items = elements(state(vm, a.args.at(0), "__reversed__"));
      return vm.iter(pyList(std::vector<Value>(items.rbegin(), items.rend())));
    });
    nativeMethod(cls, "__contains__", [](VM& vm, CallArgs& a) -> Value {
      return pyBool(contains(vm, state(vm, a.args.at(0), "__contains__"), a.args.at(1)));
    });
    nativeMethod(cls, "__repr__", [name](VM& vm, CallArgs& a) -> Value {
      return pyStr(name + "(" + vm.repr(pyList(elements(state(vm, a.args.at(0), "__repr__")))) +
                   ")");
    });
    nativeGetSet(cls, "mapping", [](VM& vm, const Value& self) -> Value {
      Value proxy = vm.getAttr(vm.importModule("types", nullptr, 0), "MappingProxyType");
      return vm.call(proxy, std::vector<Value>{state(vm, self, "mapping").dict});
    });
    if (kind != ViewKind::Values) {
      // the set operations: a new set of the view's elements combined with any iterable
      struct Op {
        const char* dunder;
        const char* method;
        bool reflected;
      };
      for (Op op : {Op{"__sub__", "difference", false}, Op{"__rsub__", "difference", true},
                    Op{"__and__", "intersection", false}, Op{"__rand__", "intersection", true},
                    Op{"__or__", "union", false}, Op{"__ror__", "union", true},
                    Op{"__xor__", "symmetric_difference", false},
                    Op{"__rxor__", "symmetric_difference", true}}) {
        nativeMethod(cls, op.dunder, [op](VM& vm, CallArgs& a) -> Value {
          Value mine = setOf(vm, pyList(elements(state(vm, a.args.at(0), op.dunder))));
          Value other = a.args.at(1);
          if (op.reflected) {  // other OP view: set(other) OP the view's elements
            Value theirs = setOf(vm, other);
            return vm.callMethod(theirs, op.method, {mine});
          }
          return vm.callMethod(mine, op.method, {other});
        });
      }
      nativeMethod(cls, "isdisjoint", [](VM& vm, CallArgs& a) -> Value {
        DictViewState& s = state(vm, a.args.at(0), "isdisjoint");
        for (const Value& x : vm.toVector(a.args.at(1)))
          if (contains(vm, s, x)) return pyBool(false);
        return pyBool(true);
      });
      // equal to a set, frozenset or keys/items view with the same elements
      nativeMethod(cls, "__eq__", [](VM& vm, CallArgs& a) -> Value {
        DictViewState& s = state(vm, a.args.at(0), "__eq__");
        const Value& other = a.args.at(1);
        DictViewState* ov = viewOf(other);
        bool setlike = other->kind == Kind::Set || (ov && ov->kind != ViewKind::Values);
        if (!setlike) {
          Value abc = vm.getAttr(vm.importModule("collections.abc", nullptr, 0), "Set");
          if (!vm.isInstance(other, &as<ClassObject>(abc))) return notImplemented();
        }
        if (vm.len(other) != static_cast<int64_t>(s.dict->size())) return pyBool(false);
        for (const Value& x : vm.toVector(other))
          if (!contains(vm, s, x)) return pyBool(false);
        return pyBool(true);
      });
    }
    D[k == 0   ? "keys"
      : k == 1 ? "values"
               : "items"] = [cls, kind](VM& vm, CallArgs& a) -> Value {
      auto s = std::make_shared<DictViewState>();
      s->dict = std::static_pointer_cast<DictObject>(a.args.at(0));
      s->kind = kind;
      (void)vm;
      return newNative<DictViewState>(cls, s);
    };
  }
}

}  // namespace gbc::interp
