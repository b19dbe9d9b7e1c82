// collections.deque and its iterators (Modules/_collectionsmodule.c): a std::deque of values
// with an optional maxlen, and a mutation counter that every change bumps, so iterators and
// searches that call back into Python detect a deque changed under them ("deque mutated during
// iteration") as CPython's do.
#include "interp/clinic_args.h"
#include "interp/mod_collections.h"

#include <deque>

namespace gbc::interp {

namespace {

using syntax::CmpOpKind;

struct DequeState : NativeState {
  std::deque<Value> items;
  int64_t maxlen = -1;  // -1: unbounded
  uint64_t state = 0;   // bumped by every mutation

  int64_t size() const { return static_cast<int64_t>(items.size()); }
  void append(Value v) {
    items.push_back(std::move(v));
    if (maxlen >= 0 && size() > maxlen) items.pop_front();
    ++state;
  }
  void appendLeft(Value v) {
    items.push_front(std::move(v));
    if (maxlen >= 0 && size() > maxlen) items.pop_back();
    ++state;
  }
  void rotate(int64_t n) {
    int64_t len = size();
    if (len <= 1) return;
    ++state;
    n %= len;
    if (n < 0) n += len;
    std::rotate(items.begin(), items.begin() + (len - n), items.end());
  }
};

const char* const kMutated = "deque mutated during iteration";

DequeState& deque(VM& vm, const Value& v, const char* what) {
  return nativeState<DequeState>(vm, v, what);
}
DequeState& self(VM& vm, const CallArgs& a, const char* what) {
  if (a.args.empty())
    vm.raise(vm.b().type_error, std::string("descriptor '") + what +
                                    "' of 'collections.deque' object needs an argument");
  return deque(vm, a.args[0], what);
}
bool isDeque(const Value& v) {
  return v->kind == Kind::Instance &&
         dynamic_cast<DequeState*>(as<InstanceObject>(v).native.get()) != nullptr;
}

void extend(VM& vm, const Value& self_v, DequeState& d, const Value& iterable, bool left) {
  if (iterable.get() == self_v.get()) {
    Value copy = pyList(vm.toVector(iterable));
    extend(vm, self_v, d, copy, left);
    return;
  }
  Value it = vm.iter(iterable);
  if (d.maxlen == 0) {
    while (vm.next(it)) {
    }
    return;
  }
  while (Value item = vm.next(it)) {
    if (left)
      d.appendLeft(std::move(item));
    else
      d.append(std::move(item));
  }
}

/// deque_copy: a plain deque copies itself; a subclass is called as type(d)(d[, maxlen]).
Value copyDeque(VM& vm, const Value& v) {
  DequeState& d = deque(vm, v, "copy");
  ClassPtr cls = vm.typeOf(v);
  if (cls->builtin) {
    auto s = std::make_shared<DequeState>();
    s->maxlen = d.maxlen;
    s->items = d.items;
    return newNative(cls, s);
  }
  Value r = d.maxlen < 0 ? vm.call(cls, std::vector<Value>{v})
                         : vm.call(cls, std::vector<Value>{v, pyInt(d.maxlen)});
  if (!isDeque(r))
    vm.raise(vm.b().type_error, tpName(cls) + "() must return a deque, not " + typeName(vm, r));
  return r;
}

void inplaceRepeat(DequeState& d, int64_t n) {
  int64_t size = d.size();
  if (size == 0 || n == 1) return;
  if (n <= 0) {
    d.items.clear();
    ++d.state;
    return;
  }
  if (d.maxlen >= 0 && n * size > d.maxlen) n = (d.maxlen + size - 1) / size;
  std::vector<Value> seq(d.items.begin(), d.items.end());
  for (int64_t i = 0; i < n - 1; ++i)
    for (const Value& v : seq) d.append(v);
}

/// Index `i` of a deque of `len` items after Python's negative-index rule, or IndexError.
size_t itemIndex(VM& vm, const Value& key, int64_t len) {
  if (!hasIndex(vm, key))
    vm.raise(vm.b().type_error, "sequence index must be integer, not '" + typeName(vm, key) + "'");
  int64_t i = ssizeArg(vm, key);
  if (i < 0) i += len;
  if (i < 0 || i >= len) vm.raise(vm.b().index_error, "deque index out of range");
  return static_cast<size_t>(i);
}

/// A slice-index argument of index() (_PyEval_SliceIndexNotNone).
int64_t sliceIndex(VM& vm, const Value& v) {
  if (!hasIndex(vm, v))
    vm.raise(vm.b().type_error, "slice indices must be integers or have an __index__ method");
  return ssizeArg(vm, v);
}

// ---- iterators ----

struct DequeIterState : IterState {
  Value owner;
  DequeState* d = nullptr;
  uint64_t state = 0;
  size_t index = 0;
  int64_t counter = 0;  // items left
  bool reverse = false;
  Value next(VM& vm) override {
    if (d->state != state) {
      counter = 0;
      vm.raise(vm.b().runtime_error, kMutated);
    }
    if (counter == 0) return nullptr;
    Value item = reverse ? d->items[d->items.size() - 1 - index] : d->items[index];
    ++index;
    --counter;
    return item;
  }
};

Value newDequeIter(VM& vm, const ClassPtr& cls, const Value& owner, bool reverse) {
  auto s = std::make_shared<DequeIterState>();
  s->owner = owner;
  s->d = &deque(vm, owner, "__iter__");
  s->state = s->d->state;
  s->counter = s->d->size();
  s->reverse = reverse;
  return newNative(cls, s);
}

ClassPtr installDequeIter(VM& vm, const Value& m, const char* name, bool reverse) {
  ClassPtr cls = makeIteratorType(vm, "collections", name);
  cls->no_dict = true;
  nativeConstructor(cls, [name, reverse](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    checkPositional(vm, a, name, 1, 2, 1);
    if (!isDeque(a.args[1]))
      vm.raise(vm.b().type_error, std::string(name) +
                                      "() argument 1 must be collections.deque, not " +
                                      typeName(vm, a.args[1]));
    Value it = newDequeIter(vm, c, a.args[1], reverse);
    int64_t index = a.args.size() > 2 ? ssizeArg(vm, a.args[2]) : 0;
    auto& s = nativeState<DequeIterState>(vm, it, name);
    for (int64_t i = 0; i < index && s.next(vm); ++i) {
    }
    return it;
  });
  nativeMethod(cls, "__length_hint__", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(iterState<DequeIterState>(vm, a, "__length_hint__").counter);
  });
  nativeMethod(cls, "__reduce__", [](VM& vm, CallArgs& a) -> Value {
    auto& s = iterState<DequeIterState>(vm, a, "__reduce__");
    return pyTuple({vm.typeOf(a.args[0]), pyTuple({s.owner, pyInt(s.d->size() - s.counter)})});
  });
  as<ModuleObject>(m).dict->setStr(name, cls);
  return cls;
}

// ---- comparison ----

Value compareDeques(VM& vm, const Value& v, const Value& w, CmpOpKind op) {
  if (!isDeque(v) || !isDeque(w)) return notImplemented();
  int64_t vs = deque(vm, v, "__eq__").size(), ws = deque(vm, w, "__eq__").size();
  if (op == CmpOpKind::Eq && (v.get() == w.get() || vs != ws)) return pyBool(v.get() == w.get());
  if (op == CmpOpKind::NotEq && (v.get() == w.get() || vs != ws)) return pyBool(v.get() != w.get());
  Value it1 = vm.iter(v), it2 = vm.iter(w);
  for (;;) {
    Value x = vm.next(it1);
    Value y = x ? vm.next(it2) : nullptr;
    if (!x || !y) break;
    if (!vm.equals(x, y)) return vm.compare(op, x, y);
  }
  switch (op) {
    case CmpOpKind::Lt:
      return pyBool(vs < ws);
    case CmpOpKind::LtE:
      return pyBool(vs <= ws);
    case CmpOpKind::Eq:
      return pyBool(vs == ws);
    case CmpOpKind::NotEq:
      return pyBool(vs != ws);
    case CmpOpKind::Gt:
      return pyBool(vs > ws);
    case CmpOpKind::GtE:
      return pyBool(vs >= ws);
    default:
      return notImplemented();
  }
}

void installComparisons(const ClassPtr& cls) {
  const std::pair<const char*, CmpOpKind> ops[] = {
      {"__eq__", CmpOpKind::Eq},  {"__ne__", CmpOpKind::NotEq}, {"__lt__", CmpOpKind::Lt},
      {"__le__", CmpOpKind::LtE}, {"__gt__", CmpOpKind::Gt},    {"__ge__", CmpOpKind::GtE}};
  for (auto [name, op] : ops)
    nativeMethod(cls, name, [op = op, name = name](VM& vm, CallArgs& a) -> Value {
      checkPositional(vm, a, name, 1, 1, 1);
      return compareDeques(vm, a.args[0], a.args[1], op);
    });
  cls->dict->setStr("__hash__", none());
}

// ---- searching ----

/// Compares each item from `start` to `stop` with `v`; `hit` decides whether to stop at a
/// match. Raises `on_mutation` if the deque changes meanwhile.
template <class Hit>
void scan(VM& vm, DequeState& d, const Value& v, int64_t start, int64_t stop,
          const ClassPtr& on_mutation, Hit hit) {
  uint64_t start_state = d.state;
  for (int64_t i = start; i < stop; ++i) {
    Value item = d.items[static_cast<size_t>(i)];
    bool eq = vm.equals(item, v);
    if (start_state != d.state) vm.raise(on_mutation, kMutated);
    if (eq && hit(i)) return;
  }
}

void installSearching(const ClassPtr& cls) {
  nativeMethod(cls, "__contains__", [](VM& vm, CallArgs& a) -> Value {
    Value v = methOneArg(vm, a, "deque.__contains__");
    DequeState& d = self(vm, a, "__contains__");
    bool found = false;
    scan(vm, d, v, 0, d.size(), vm.b().runtime_error, [&](int64_t) { return found = true; });
    return pyBool(found);
  });
  nativeMethod(cls, "count", [](VM& vm, CallArgs& a) -> Value {
    Value v = methOneArg(vm, a, "deque.count");
    DequeState& d = self(vm, a, "count");
    int64_t n = 0;
    scan(vm, d, v, 0, d.size(), vm.b().runtime_error, [&](int64_t) {
      ++n;
      return false;
    });
    return pyInt(n);
  });
  nativeMethod(cls, "index", [](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "index");
    checkPositional(vm, a, "index", 1, 3, 1);
    DequeState& d = self(vm, a, "index");
    int64_t start = a.args.size() > 2 ? sliceIndex(vm, a.args[2]) : 0;
    int64_t stop = a.args.size() > 3 ? sliceIndex(vm, a.args[3]) : INT64_MAX;
    int64_t n = d.size();
    if (start < 0) start = std::max<int64_t>(start + n, 0);
    if (stop < 0) stop = std::max<int64_t>(stop + n, 0);
    stop = std::min(stop, n);
    start = std::min(start, stop);
    int64_t found = -1;
    scan(vm, d, a.args[1], start, stop, vm.b().runtime_error, [&](int64_t i) {
      found = i;
      return true;
    });
    if (found < 0) vm.raise(vm.b().value_error, "deque.index(x): x not in deque");
    return pyInt(found);
  });
  nativeMethod(cls, "remove", [](VM& vm, CallArgs& a) -> Value {
    Value v = methOneArg(vm, a, "deque.remove");
    DequeState& d = self(vm, a, "remove");
    int64_t found = -1;
    scan(vm, d, v, 0, d.size(), vm.b().index_error, [&](int64_t i) {
      found = i;
      return true;
    });
    if (found < 0) vm.raise(vm.b().value_error, "deque.remove(x): x not in deque");
    d.items.erase(d.items.begin() + found);
    ++d.state;
    return none();
  });
}

// ---- adding and removing ----

void installMutators(const ClassPtr& cls) {
  nativeMethod(cls, "append", [](VM& vm, CallArgs& a) -> Value {
    Value v = methOneArg(vm, a, "deque.append");
    self(vm, a, "append").append(v);
    return none();
  });
  nativeMethod(cls, "appendleft", [](VM& vm, CallArgs& a) -> Value {
    Value v = methOneArg(vm, a, "deque.appendleft");
    self(vm, a, "appendleft").appendLeft(v);
    return none();
  });
  nativeMethod(cls, "extend", [](VM& vm, CallArgs& a) -> Value {
    Value v = methOneArg(vm, a, "deque.extend");
    extend(vm, a.args[0], self(vm, a, "extend"), v, false);
    return none();
  });
  nativeMethod(cls, "extendleft", [](VM& vm, CallArgs& a) -> Value {
    Value v = methOneArg(vm, a, "deque.extendleft");
    extend(vm, a.args[0], self(vm, a, "extendleft"), v, true);
    return none();
  });
  for (bool left : {false, true})
    nativeMethod(cls, left ? "popleft" : "pop", [left](VM& vm, CallArgs& a) -> Value {
      methNoArgs(vm, a, left ? "deque.popleft" : "deque.pop");
      DequeState& d = self(vm, a, "pop");
      if (d.items.empty()) vm.raise(vm.b().index_error, "pop from an empty deque");
      Value v = left ? d.items.front() : d.items.back();
      if (left)
        d.items.pop_front();
      else
        d.items.pop_back();
      ++d.state;
      return v;
    });
  nativeMethod(cls, "clear", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "deque.clear");
    DequeState& d = self(vm, a, "clear");
    d.items.clear();
    ++d.state;
    return none();
  });
  nativeMethod(cls, "reverse", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "deque.reverse");
    DequeState& d = self(vm, a, "reverse");
    std::reverse(d.items.begin(), d.items.end());
    return none();
  });
  nativeMethod(cls, "rotate", [](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "rotate");
    checkPositional(vm, a, "rotate", 0, 1, 1);
    DequeState& d = self(vm, a, "rotate");
    d.rotate(a.args.size() > 1 ? ssizeArg(vm, a.args[1]) : 1);
    return none();
  });
  nativeMethod(cls, "insert", [](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "insert");
    checkPositional(vm, a, "insert", 2, 2, 1);
    DequeState& d = self(vm, a, "insert");
    int64_t index = ssizeArg(vm, a.args[1]), n = d.size();
    if (d.maxlen == n) vm.raise(vm.b().index_error, "deque already at its maximum size");
    if (index < 0) index = std::max<int64_t>(index + n, 0);
    index = std::min(index, n);
    d.items.insert(d.items.begin() + index, a.args[2]);
    ++d.state;
    return none();
  });
}

// ---- sequence protocol ----

void installSequence(const ClassPtr& cls, const ClassPtr& iter_cls, const ClassPtr& reverse_cls) {
  nativeMethod(cls, "__len__",
               [](VM& vm, CallArgs& a) -> Value { return pyInt(self(vm, a, "__len__").size()); });
  nativeMethod(cls, "__iter__", [iter_cls](VM& vm, CallArgs& a) -> Value {
    self(vm, a, "__iter__");
    return newDequeIter(vm, iter_cls, a.args[0], false);
  });
  nativeMethod(cls, "__reversed__", [reverse_cls](VM& vm, CallArgs& a) -> Value {
    self(vm, a, "__reversed__");
    return newDequeIter(vm, reverse_cls, a.args[0], true);
  });
  nativeMethod(cls, "__getitem__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__getitem__", 1, 1, 1);
    DequeState& d = self(vm, a, "__getitem__");
    return d.items[itemIndex(vm, a.args[1], d.size())];
  });
  nativeMethod(cls, "__setitem__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__setitem__", 2, 2, 1);
    DequeState& d = self(vm, a, "__setitem__");
    d.items[itemIndex(vm, a.args[1], d.size())] = a.args[2];
    return none();
  });
  nativeMethod(cls, "__delitem__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__delitem__", 1, 1, 1);
    DequeState& d = self(vm, a, "__delitem__");
    size_t i = itemIndex(vm, a.args[1], d.size());
    d.items.erase(d.items.begin() + static_cast<std::ptrdiff_t>(i));
    ++d.state;
    return none();
  });
  nativeMethod(cls, "__add__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__add__", 1, 1, 1);
    self(vm, a, "__add__");
    if (!isDeque(a.args[1]))
      vm.raise(vm.b().type_error, "can only concatenate " + vm.typeOf(a.args[0])->name +
                                      " (not \"" + typeName(vm, a.args[1]) + "\") to " +
                                      vm.typeOf(a.args[0])->name);
    Value r = copyDeque(vm, a.args[0]);
    extend(vm, r, deque(vm, r, "__add__"), a.args[1], false);
    return r;
  });
  nativeMethod(cls, "__iadd__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__iadd__", 1, 1, 1);
    extend(vm, a.args[0], self(vm, a, "__iadd__"), a.args[1], false);
    return a.args[0];
  });
  auto times = [](VM& vm, const Value& n) -> int64_t {
    if (!hasIndex(vm, n))
      vm.raise(vm.b().type_error,
               "can't multiply sequence by non-int of type '" + typeName(vm, n) + "'");
    return ssizeArg(vm, n);
  };
  for (const char* name : {"__mul__", "__rmul__"})
    nativeMethod(cls, name, [times, name](VM& vm, CallArgs& a) -> Value {
      checkPositional(vm, a, name, 1, 1, 1);
      self(vm, a, name);
      int64_t n = times(vm, a.args[1]);
      Value r = copyDeque(vm, a.args[0]);
      inplaceRepeat(deque(vm, r, name), n);
      return r;
    });
  nativeMethod(cls, "__imul__", [times](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__imul__", 1, 1, 1);
    inplaceRepeat(self(vm, a, "__imul__"), times(vm, a.args[1]));
    return a.args[0];
  });
}

void installObjectMethods(const ClassPtr& cls) {
  nativeMethod(cls, "__init__", [](VM& vm, CallArgs& a) -> Value {
    DequeState& d = self(vm, a, "__init__");
    auto p = clinicParse(vm, a, {"deque", {"iterable", "maxlen"}}, 1);
    int64_t maxlen = -1;
    if (p[1] && !isNone(p[1])) {
      if (p[1]->kind != Kind::Int && p[1]->kind != Kind::Bool)
        vm.raise(vm.b().type_error, "an integer is required");
      maxlen = asInt(p[1]);
      if (maxlen < 0) vm.raise(vm.b().value_error, "maxlen must be non-negative");
    }
    d.maxlen = maxlen;
    if (!d.items.empty()) {
      d.items.clear();
      ++d.state;
    }
    if (p[0]) extend(vm, a.args[0], d, p[0], false);
    return none();
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    DequeState& d = self(vm, a, "__repr__");
    ReprGuard guard(a.args[0].get());
    if (guard.recursive()) return pyStr("[...]");
    std::string items = vm.repr(pyList(vm.toVector(a.args[0])));
    std::string name = vm.typeOf(a.args[0])->name;
    if (d.maxlen >= 0)
      return pyStr(name + "(" + items + ", maxlen=" + std::to_string(d.maxlen) + ")");
    return pyStr(name + "(" + items + ")");
  });
  for (const char* name : {"copy", "__copy__"})
    nativeMethod(cls, name, [name](VM& vm, CallArgs& a) -> Value {
      methNoArgs(vm, a, std::string("deque.") + name);
      self(vm, a, name);
      return copyDeque(vm, a.args[0]);
    });
  nativeMethod(cls, "__reduce__", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "deque.__reduce__");
    DequeState& d = self(vm, a, "__reduce__");
    Value args = d.maxlen < 0 ? pyTuple({}) : pyTuple({pyTuple({}), pyInt(d.maxlen)});
    Value state = none();
    if (DictPtr dict = vm.instanceDict(a.args[0], false); dict && dict->size() > 0) {
      auto copy = newDict();
      dict->forEach([&](const Value& k, const Value& v) { copy->set(k, v); });
      state = copy;
    }
    return pyTuple({vm.typeOf(a.args[0]), args, state, vm.iter(a.args[0])});
  });
  nativeGetSet(cls, "maxlen", [](VM& vm, const Value& obj) -> Value {
    DequeState& d = deque(vm, obj, "maxlen");
    return d.maxlen < 0 ? none() : pyInt(d.maxlen);
  });
  nativeClassGetItem(cls);
}

}  // namespace

void installDeque(VM& vm, const Value& module) {
  ClassPtr cls = makeNativeType(vm, "collections", "deque");
  cls->no_dict = true;
  cls->dict->setStr("__doc__",
                    pyStr("A list-like sequence optimized for data accesses near its endpoints."));
  nativeNew<DequeState>(cls);
  ClassPtr iter_cls = installDequeIter(vm, module, "_deque_iterator", false);
  ClassPtr reverse_cls = installDequeIter(vm, module, "_deque_reverse_iterator", true);
  installObjectMethods(cls);
  installComparisons(cls);
  installSearching(cls);
  installMutators(cls);
  installSequence(cls, iter_cls, reverse_cls);
  as<ModuleObject>(module).dict->setStr("deque", cls);
}

}  // namespace gbc::interp
