// The methods of set and frozenset beyond add/discard/remove/update (methods.cpp): pop, clear,
// union/intersection/difference/symmetric_difference and their in-place forms, issubset,
// issuperset, isdisjoint, with CPython's result types (a frozenset's operations give frozensets)
// and messages. (frozenset is given only the non-mutating ones: slots.cpp's publish list.)
#include "interp/native_args.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

SetObject& self(const CallArgs& a) { return as<SetObject>(a.args[0]); }

std::vector<Value> items(const SetObject& s) {
  std::vector<Value> out;
  out.reserve(s.live);
  for (const Value& v : s.entries)
    if (v) out.push_back(v);
  return out;
}

/// A new set of the receiver's base type (set or frozenset) holding `values`.
Value result(const SetObject& like, const std::vector<Value>& values) {
  auto r = std::make_shared<SetObject>();
  r->frozen = like.frozen;
  for (const Value& v : values) r->add(v);
  return r;
}

/// The items of `other` as a set to test membership against (a set as it is).
std::shared_ptr<SetObject> asSet(VM& vm, const Value& other) {
  if (other->kind == Kind::Set) return std::static_pointer_cast<SetObject>(other);
  auto s = std::make_shared<SetObject>();
  Value it = vm.iter(other);
  while (Value v = vm.next(it)) s->add(v);
  return s;
}

std::vector<Value> intersect(VM& vm, const SetObject& s, const CallArgs& a) {
  std::vector<Value> cur = items(s);
  for (size_t i = 1; i < a.args.size(); ++i) {
    auto other = asSet(vm, a.args[i]);
    std::vector<Value> next;
    for (const Value& v : cur)
      if (other->contains(v)) next.push_back(v);
    cur = std::move(next);
  }
  return cur;
}

std::vector<Value> subtract(VM& vm, const SetObject& s, const CallArgs& a) {
  std::vector<Value> cur = items(s);
  for (size_t i = 1; i < a.args.size(); ++i) {
    auto other = asSet(vm, a.args[i]);
    std::vector<Value> next;
    for (const Value& v : cur)
      if (!other->contains(v)) next.push_back(v);
    cur = std::move(next);
  }
  return cur;
}

std::vector<Value> symmetric(VM& vm, const SetObject& s, const Value& other_v) {
  auto other = asSet(vm, other_v);
  std::vector<Value> out;
  for (const Value& v : s.entries)
    if (v && !other->contains(v)) out.push_back(v);
  for (const Value& v : other->entries)
    if (v && !s.contains(v)) out.push_back(v);
  return out;
}

void replace(SetObject& s, const std::vector<Value>& values) {
  s.entries.clear();
  s.index.clear();
  s.live = 0;
  for (const Value& v : values) s.add(v);
}

}  // namespace

void addSetMethods(VM& vm) {
  auto& St = vm.nativeMethods(Kind::Set);
  St["pop"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "set.pop", 1);
    SetObject& s = self(a);
    for (const Value& v : s.entries)
      if (v) {
        Value out = v;
        s.erase(out);
        return out;
      }
    vm.raise(vm.b().key_error, "pop from an empty set");
  };
  St["clear"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "set.clear", 1);
    replace(self(a), {});
    return none();
  };
  St["union"] = [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> out = items(self(a));
    for (size_t i = 1; i < a.args.size(); ++i) {
      Value it = vm.iter(a.args[i]);
      while (Value v = vm.next(it)) out.push_back(v);
    }
    return result(self(a), out);
  };
  St["copy"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "set.copy", 1);
    if (self(a).frozen && !a.args[0]->sub) return a.args[0];
    return result(self(a), items(self(a)));
  };
  St["intersection"] = [](VM& vm, CallArgs& a) -> Value {
    return result(self(a), intersect(vm, self(a), a));
  };
  St["intersection_update"] = [](VM& vm, CallArgs& a) -> Value {
    replace(self(a), intersect(vm, self(a), a));
    return none();
  };
  St["difference"] = [](VM& vm, CallArgs& a) -> Value {
    return result(self(a), subtract(vm, self(a), a));
  };
  St["difference_update"] = [](VM& vm, CallArgs& a) -> Value {
    replace(self(a), subtract(vm, self(a), a));
    return none();
  };
  St["symmetric_difference"] = [](VM& vm, CallArgs& a) -> Value {
    Value other = oneArg(vm, a, "set.symmetric_difference", 1);
    return result(self(a), symmetric(vm, self(a), other));
  };
  St["symmetric_difference_update"] = [](VM& vm, CallArgs& a) -> Value {
    Value other = oneArg(vm, a, "set.symmetric_difference_update", 1);
    replace(self(a), symmetric(vm, self(a), other));
    return none();
  };
  St["issubset"] = [](VM& vm, CallArgs& a) -> Value {
    auto other = asSet(vm, oneArg(vm, a, "set.issubset", 1));
    for (const Value& v : self(a).entries)
      if (v && !other->contains(v)) return pyBool(false);
    return pyBool(true);
  };
  St["issuperset"] = [](VM& vm, CallArgs& a) -> Value {
    Value it = vm.iter(oneArg(vm, a, "set.issuperset", 1));
    while (Value v = vm.next(it))
      if (!self(a).contains(v)) return pyBool(false);
    return pyBool(true);
  };
  St["isdisjoint"] = [](VM& vm, CallArgs& a) -> Value {
    Value it = vm.iter(oneArg(vm, a, "set.isdisjoint", 1));
    while (Value v = vm.next(it))
      if (self(a).contains(v)) return pyBool(false);
    return pyBool(true);
  };
}

}  // namespace gbc::interp
