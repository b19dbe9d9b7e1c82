// itertools (Modules/itertoolsmodule.c): the module and its simple iterators — count, cycle,
// repeat, accumulate, chain, compress, dropwhile, takewhile, filterfalse, starmap, pairwise,
// islice, batched, zip_longest. groupby and tee are in mod_itertools_group.cpp, the
// combinatoric iterators in mod_itertools_comb.cpp. Each consumes its input lazily and in
// CPython's order, so side effects of the input happen as they would there.
#include "interp/mod_itertools.h"
#include "interp/clinic_args.h"
#include "interp/native_modules.h"

namespace gbc::interp {

namespace {

using syntax::BinOpKind;

// ---- count ----

struct CountState : IterState {
  Value cnt, step;
  Value next(VM& vm) override {
    Value stepped = vm.binaryOp(BinOpKind::Add, cnt, step);
    Value out = cnt;
    cnt = stepped;
    return out;
  }
};

void installCount(VM& vm, const Value& m) {
  ClassPtr cls = makeIteratorType(vm, "itertools", "count");
  nativeConstructor(cls, [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"count", {"start", "step"}}, 1);
    auto s = std::make_shared<CountState>();
    s->cnt = p[0] ? p[0] : pyInt(0);
    s->step = p[1] ? p[1] : pyInt(1);
    if (!isNumberLike(vm, s->cnt) || !isNumberLike(vm, s->step))
      vm.raise(vm.b().type_error, "a number is required");
    return newNative(constructedClass(a), s);
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    auto& s = iterState<CountState>(vm, a, "__repr__");
    std::string name = vm.typeOf(a.args[0])->name;
    bool unit_step = s.step->kind == Kind::Int && !isBigInt(s.step) && asInt(s.step) == 1;
    if (unit_step) return pyStr(name + "(" + vm.repr(s.cnt) + ")");
    return pyStr(name + "(" + vm.repr(s.cnt) + ", " + vm.repr(s.step) + ")");
  });
  as<ModuleObject>(m).dict->setStr("count", cls);
}

// ---- cycle ----

struct CycleState : IterState {
  Value it;  // null once exhausted
  std::vector<Value> saved;
  size_t index = 0;
  Value next(VM& vm) override {
    if (it) {
      if (Value item = vm.next(it)) {
        saved.push_back(item);
        return item;
      }
      it = nullptr;
    }
    if (saved.empty()) return nullptr;
    Value item = saved[index++];
    if (index >= saved.size()) index = 0;
    return item;
  }
};

// ---- repeat ----

struct RepeatState : IterState {
  Value element;
  int64_t cnt = -1;  // -1: forever
  Value next(VM&) override {
    if (cnt == 0) return nullptr;
    if (cnt > 0) --cnt;
    return element;
  }
};

void installRepeat(VM& vm, const Value& m) {
  ClassPtr cls = makeIteratorType(vm, "itertools", "repeat");
  nativeConstructor(cls, [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"repeat", {"object", "times"}, 0, 1}, 1);
    auto s = std::make_shared<RepeatState>();
    s->element = p[0];
    if (p[1]) {
      s->cnt = ssizeArg(vm, p[1]);
      // (CPython clamps only a positional count: repeat(x, times=-1) repeats forever)
      if (a.args.size() == 3 && s->cnt < 0) s->cnt = 0;
    }
    return newNative(constructedClass(a), s);
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    auto& s = iterState<RepeatState>(vm, a, "__repr__");
    std::string name = vm.typeOf(a.args[0])->name;
    if (s.cnt == -1) return pyStr(name + "(" + vm.repr(s.element) + ")");
    return pyStr(name + "(" + vm.repr(s.element) + ", " + std::to_string(s.cnt) + ")");
  });
  nativeMethod(cls, "__length_hint__", [](VM& vm, CallArgs& a) -> Value {
    auto& s = iterState<RepeatState>(vm, a, "__length_hint__");
    if (s.cnt == -1) vm.raise(vm.b().type_error, "len() of unsized object");
    return pyInt(s.cnt);
  });
  as<ModuleObject>(m).dict->setStr("repeat", cls);
}

// ---- accumulate ----

struct AccumulateState : IterState {
  Value it, func, total, initial;
  Value next(VM& vm) override {
    if (initial) {
      total = initial;
      initial = nullptr;
      return total;
    }
    Value val = vm.next(it);
    if (!val) return nullptr;
    if (!total)
      total = val;
    else if (!func)
      total = vm.binaryOp(BinOpKind::Add, total, val);
    else
      total = vm.call(func, {total, val});
    return total;
  }
};

// ---- chain ----

struct ChainState : IterState {
  Value source;  // iterator over the iterables; null once exhausted
  Value active;  // the current iterable's iterator
  Value next(VM& vm) override {
    while (source) {
      if (!active) {
        Value iterable = vm.next(source);
        if (!iterable) {
          source = nullptr;
          return nullptr;
        }
        active = vm.iter(iterable);
      }
      if (Value item = vm.next(active)) return item;
      active = nullptr;
    }
    return nullptr;
  }
};

void installChain(VM& vm, const Value& m) {
  ClassPtr cls = makeIteratorType(vm, "itertools", "chain");
  nativeConstructor(cls, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    if (c->builtin) noKeywords(vm, a, "chain");
    auto s = std::make_shared<ChainState>();
    s->source = vm.iter(pyTuple(restArgs(a, 1)));
    return newNative(c, s);
  });
  auto from = std::make_shared<BuiltinObject>("from_iterable", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error, "chain.from_iterable() takes exactly one argument (" +
                                      std::to_string(a.args.size() - 1) + " given)");
    auto s = std::make_shared<ChainState>();
    s->source = vm.iter(a.args[1]);
    return newNative(std::static_pointer_cast<ClassObject>(a.args[0]), s);
  });
  from->qualname = "chain.from_iterable";
  from->id = "itertools.chain.from_iterable";
  from->class_method = true;
  cls->dict->setStr("from_iterable", from);
  nativeClassGetItem(cls);
  as<ModuleObject>(m).dict->setStr("chain", cls);
}

// ---- compress, dropwhile, takewhile, filterfalse, starmap ----

struct CompressState : IterState {
  Value data, selectors;
  Value next(VM& vm) override {
    for (;;) {
      Value datum = vm.next(data);
      if (!datum) return nullptr;
      Value selector = vm.next(selectors);
      if (!selector) return nullptr;
      if (vm.truthy(selector)) return datum;
    }
  }
};

struct DropWhileState : IterState {
  Value func, it;
  bool dropping = true;
  Value next(VM& vm) override {
    for (;;) {
      Value item = vm.next(it);
      if (!item) return nullptr;
      if (!dropping) return item;
      if (!vm.truthy(vm.call(func, {item}))) {
        dropping = false;
        return item;
      }
    }
  }
};

struct TakeWhileState : IterState {
  Value func, it;
  bool stopped = false;
  Value next(VM& vm) override {
    if (stopped) return nullptr;
    Value item = vm.next(it);
    if (!item) return nullptr;
    if (vm.truthy(vm.call(func, {item}))) return item;
    stopped = true;
    return nullptr;
  }
};

struct FilterFalseState : IterState {
  Value func, it;  // func null: the item's own truth
  Value next(VM& vm) override {
    for (;;) {
      Value item = vm.next(it);
      if (!item) return nullptr;
      bool ok = func ? vm.truthy(vm.call(func, {item})) : vm.truthy(item);
      if (!ok) return item;
    }
  }
};

struct StarmapState : IterState {
  Value func, it;
  Value next(VM& vm) override {
    Value args = vm.next(it);
    if (!args) return nullptr;
    CallArgs ca;
    if (args->kind == Kind::Tuple && !args->sub)
      ca.args = as<TupleObject>(args).items;
    else
      ca.args = vm.toVector(args);
    return vm.call(func, ca);
  }
};

// ---- pairwise ----

struct PairwiseState : IterState {
  Value it, old;
  Value next(VM& vm) override {
    if (!it) return nullptr;
    if (!old) {
      old = vm.next(it);
      if (!old) {
        it = nullptr;
        return nullptr;
      }
    }
    Value item = vm.next(it);
    if (!item) {
      it = nullptr;
      old = nullptr;
      return nullptr;
    }
    Value out = pyTuple({old, item});
    old = item;
    return out;
  }
};

// ---- islice ----

struct IsliceState : IterState {
  Value it;  // null once exhausted
  int64_t next_index = 0, stop = -1, step = 1, cnt = 0;
  Value next(VM& vm) override {
    if (!it) return nullptr;
    while (cnt < next_index) {
      if (!vm.next(it)) {
        it = nullptr;
        return nullptr;
      }
      ++cnt;
    }
    if (stop != -1 && cnt >= stop) {
      it = nullptr;
      return nullptr;
    }
    Value item = vm.next(it);
    if (!item) {
      it = nullptr;
      return nullptr;
    }
    ++cnt;
    int64_t old = next_index;
    next_index =
        static_cast<int64_t>(static_cast<uint64_t>(next_index) + static_cast<uint64_t>(step));
    if (next_index < old || (stop != -1 && next_index > stop)) next_index = stop;
    return item;
  }
};

/// An islice index: None, or an int in 0..sys.maxsize (-1 for anything else, as CPython's
/// PyNumber_AsSsize_t failure reads).
int64_t isliceIndex(VM& vm, const Value& v, int64_t none_value) {
  if (isNone(v)) return none_value;
  if (!hasIndex(vm, v)) return -1;
  Value i = indexObject(vm, v);
  return isBigInt(i) ? -1 : asInt(i);
}

Value makeIslice(VM& vm, CallArgs& a) {
  ClassPtr c = constructedClass(a);
  if (c->builtin) noKeywords(vm, a, "islice");
  checkPositional(vm, a, "islice", 2, 4, 1);
  const std::string stop_msg =
      "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
  auto s = std::make_shared<IsliceState>();
  size_t n = a.args.size() - 1;
  int64_t start = 0;
  if (n == 2) {
    s->stop = isliceIndex(vm, a.args[2], -1);
    if (s->stop == -1 && !isNone(a.args[2])) vm.raise(vm.b().value_error, stop_msg);
  } else {
    start = isliceIndex(vm, a.args[2], 0);
    s->stop = isliceIndex(vm, a.args[3], -1);
    if (s->stop == -1 && !isNone(a.args[3])) vm.raise(vm.b().value_error, stop_msg);
  }
  if (start < 0 || s->stop < -1)
    vm.raise(vm.b().value_error,
             "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
  if (n == 4) s->step = isliceIndex(vm, a.args[4], 1);
  if (s->step < 1)
    vm.raise(vm.b().value_error, "Step for islice() must be a positive integer or None.");
  s->it = vm.iter(a.args[1]);
  s->next_index = start;
  return newNative(c, s);
}

// ---- batched ----

struct BatchedState : IterState {
  Value it;
  int64_t n = 1;
  bool strict = false;
  Value next(VM& vm) override {
    if (!it) return nullptr;
    std::vector<Value> items;
    items.reserve(static_cast<size_t>(std::min<int64_t>(n, 4096)));
    while (static_cast<int64_t>(items.size()) < n) {
      Value item;
      try {
        item = vm.next(it);
      } catch (PyRaise&) {
        it = nullptr;
        throw;
      }
      if (!item) break;
      items.push_back(std::move(item));
    }
    if (items.empty()) {
      it = nullptr;
      return nullptr;
    }
    if (strict && static_cast<int64_t>(items.size()) != n) {
      it = nullptr;
      vm.raise(vm.b().value_error, "batched(): incomplete batch");
    }
    return pyTuple(std::move(items));
  }
};

Value makeBatched(VM& vm, CallArgs& a) {
  // strict= is new in 3.13: 3.12's batched takes (iterable, n) only
  bool has_strict = vm.target().python != "3.12";
  std::vector<Value> p =
      has_strict ? clinicParse(vm, a, {"batched", {"iterable", "n", "strict"}, 0, 2, 2}, 1)
                 : clinicParse(vm, a, {"batched", {"iterable", "n"}, 0, 2}, 1);
  auto s = std::make_shared<BatchedState>();
  s->n = ssizeArg(vm, p[1]);
  if (has_strict && p[2]) s->strict = vm.truthy(p[2]);
  if (s->n < 1) vm.raise(vm.b().value_error, "n must be at least one");
  s->it = vm.iter(p[0]);
  return newNative(constructedClass(a), s);
}

// ---- zip_longest ----

struct ZipLongestState : IterState {
  std::vector<Value> its;  // null: exhausted
  size_t active = 0;
  Value fill;
  Value next(VM& vm) override {
    if (its.empty() || active == 0) return nullptr;
    std::vector<Value> out;
    out.reserve(its.size());
    for (Value& it : its) {
      if (!it) {
        out.push_back(fill);
        continue;
      }
      Value item;
      try {
        item = vm.next(it);
      } catch (PyRaise&) {
        active = 0;
        throw;
      }
      if (!item) {
        if (--active == 0) return nullptr;
        it = nullptr;
        item = fill;
      }
      out.push_back(item);
    }
    return pyTuple(std::move(out));
  }
};

Value makeZipLongest(VM& vm, CallArgs& a) {
  auto s = std::make_shared<ZipLongestState>();
  s->fill = none();
  if (!a.kwargs.empty()) {
    if (a.kwargs.size() != 1 || a.kwargs[0].first != "fillvalue")
      vm.raise(vm.b().type_error, "zip_longest() got an unexpected keyword argument");
    s->fill = a.kwargs[0].second;
  }
  for (size_t i = 1; i < a.args.size(); ++i) s->its.push_back(vm.iter(a.args[i]));
  s->active = s->its.size();
  return newNative(constructedClass(a), s);
}

/// A type whose constructor takes exactly (function, iterable) positionally, as dropwhile,
/// takewhile, filterfalse and starmap do.
template <class S>
void installFuncIter(VM& vm, const Value& m, const char* name) {
  ClassPtr cls = makeIteratorType(vm, "itertools", name);
  nativeConstructor(cls, [name](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    if (c->builtin) noKeywords(vm, a, name);
    checkPositional(vm, a, name, 2, 2, 1);
    auto s = std::make_shared<S>();
    s->func = a.args[1];
    s->it = vm.iter(a.args[2]);
    return newNative(c, s);
  });
  as<ModuleObject>(m).dict->setStr(name, cls);
}

/// A type with a constructor `make` (args[0] is the class).
void installType(VM& vm, const Value& m, const char* name, NativeFn make) {
  ClassPtr cls = makeIteratorType(vm, "itertools", name);
  nativeConstructor(cls, std::move(make));
  as<ModuleObject>(m).dict->setStr(name, cls);
}

}  // namespace

Value makeItertoolsModule(VM& vm) {
  Value m = newNativeModule("itertools");
  installCount(vm, m);
  installType(vm, m, "cycle", [](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    if (c->builtin) noKeywords(vm, a, "cycle");
    checkPositional(vm, a, "cycle", 1, 1, 1);
    auto s = std::make_shared<CycleState>();
    s->it = vm.iter(a.args[1]);
    return newNative(c, s);
  });
  installRepeat(vm, m);
  installType(vm, m, "accumulate", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"accumulate", {"iterable", "func", "initial"}, 0, 1, 2}, 1);
    auto s = std::make_shared<AccumulateState>();
    s->it = vm.iter(p[0]);
    if (p[1] && !isNone(p[1])) s->func = p[1];
    if (p[2] && !isNone(p[2])) s->initial = p[2];
    return newNative(constructedClass(a), s);
  });
  installChain(vm, m);
  installType(vm, m, "compress", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"compress", {"data", "selectors"}, 0, 2}, 1);
    auto s = std::make_shared<CompressState>();
    s->data = vm.iter(p[0]);
    s->selectors = vm.iter(p[1]);
    return newNative(constructedClass(a), s);
  });
  installFuncIter<DropWhileState>(vm, m, "dropwhile");
  installFuncIter<TakeWhileState>(vm, m, "takewhile");
  installType(vm, m, "filterfalse", [](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    if (c->builtin) noKeywords(vm, a, "filterfalse");
    checkPositional(vm, a, "filterfalse", 2, 2, 1);
    auto s = std::make_shared<FilterFalseState>();
    if (!isNone(a.args[1])) s->func = a.args[1];
    s->it = vm.iter(a.args[2]);
    return newNative(c, s);
  });
  installFuncIter<StarmapState>(vm, m, "starmap");
  installType(vm, m, "pairwise", [](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    if (c->builtin) noKeywords(vm, a, "pairwise");
    checkPositional(vm, a, "pairwise", 1, 1, 1);
    auto s = std::make_shared<PairwiseState>();
    s->it = vm.iter(a.args[1]);
    return newNative(c, s);
  });
  installType(vm, m, "islice", makeIslice);
  installType(vm, m, "batched", makeBatched);
  installType(vm, m, "zip_longest", makeZipLongest);
  installItertoolsGroup(vm, m);
  installItertoolsCombinatorics(vm, m);
  return m;
}

}  // namespace gbc::interp
