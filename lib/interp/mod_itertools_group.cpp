// itertools.groupby with its _grouper (each group reads the groupby's shared iterator and is
// dead once the groupby moves on), and tee with its _tee iterators: the tees of one input share
// a chain of 57-value blocks that the input fills as the leading tee asks, so a block is freed
// when the last tee leaves it (Modules/itertoolsmodule.c, teedataobject).
#include "interp/clinic_args.h"
#include "interp/mod_itertools.h"
#include "interp/native_modules.h"

namespace gbc::interp {

namespace {

// ---- groupby ----

struct GroupbyState : IterState {
  Value it, keyfunc;  // keyfunc null: the identity
  Value tgtkey, currkey, currvalue;
  const Object* currgrouper = nullptr;  // the live group (others end at once)
  std::weak_ptr<Object> self;
  ClassPtr grouper_cls;

  /// Reads the next value and its key; false when the input is exhausted.
  bool step(VM& vm) {
    Value value = vm.next(it);
    if (!value) return false;
    Value key = keyfunc ? vm.call(keyfunc, {value}) : value;
    currvalue = value;
    currkey = key;
    return true;
  }
  Value next(VM& vm) override;
};

struct GrouperState : IterState {
  Value parent, tgtkey;
  const Object* me = nullptr;
  Value next(VM& vm) override {
    auto& g = nativeState<GroupbyState>(vm, parent, "_grouper");
    if (g.currgrouper != me) return nullptr;
    if (!g.currvalue && !g.step(vm)) return nullptr;
    if (!vm.equals(tgtkey, g.currkey)) return nullptr;
    Value r = g.currvalue;
    g.currvalue = nullptr;
    return r;
  }
};

Value newGrouper(const ClassPtr& cls, Value parent, Value tgtkey) {
  auto s = std::make_shared<GrouperState>();
  s->parent = std::move(parent);
  s->tgtkey = std::move(tgtkey);
  Value g = newNative(cls, s);
  s->me = g.get();
  return g;
}

Value GroupbyState::next(VM& vm) {
  currgrouper = nullptr;
  for (;;) {
    if (!currkey) {
      // (nothing read yet)
    } else if (!tgtkey) {
      break;
    } else if (!vm.equals(tgtkey, currkey)) {
      break;
    }
    if (!step(vm)) return nullptr;
  }
  tgtkey = currkey;
  Value grouper = newGrouper(grouper_cls, self.lock(), tgtkey);
  currgrouper = grouper.get();
  return pyTuple({currkey, grouper});
}

void installGroupby(VM& vm, const Value& m) {
  ClassPtr grouper = makeIteratorType(vm, "itertools", "_grouper");
  nativeConstructor(grouper, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    if (c->builtin) noKeywords(vm, a, "_grouper");
    checkPositional(vm, a, "_grouper", 2, 2, 1);
    const Value& parent = a.args[1];
    bool ok = parent->kind == Kind::Instance &&
              dynamic_cast<GroupbyState*>(as<InstanceObject>(parent).native.get());
    if (!ok)
      vm.raise(vm.b().type_error,
               "_grouper() argument 1 must be itertools.groupby, not " + tpName(vm.typeOf(parent)));
    return newGrouper(c, parent, a.args[2]);
  });
  ClassPtr groupby = makeIteratorType(vm, "itertools", "groupby");
  nativeConstructor(groupby, [grouper](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"groupby", {"iterable", "key"}, 0, 1}, 1);
    auto s = std::make_shared<GroupbyState>();
    s->grouper_cls = grouper;
    if (p[1] && !isNone(p[1])) s->keyfunc = p[1];
    s->it = vm.iter(p[0]);
    Value g = newNative(constructedClass(a), s);
    s->self = g;
    return g;
  });
  as<ModuleObject>(m).dict->setStr("groupby", groupby);
  as<ModuleObject>(m).dict->setStr("_grouper", grouper);
}

// ---- tee ----

constexpr size_t kLinkCells = 57;

/// One block of values read from the shared input; the next block is made on demand.
struct TeeData {
  Value it;
  std::vector<Value> values;
  std::shared_ptr<TeeData> next;
  bool running = false;

  std::shared_ptr<TeeData> jump() {
    if (!next) {
      next = std::make_shared<TeeData>();
      next->it = it;
    }
    return next;
  }
  /// Value i of this block, read from the input when the asking tee leads; null at the end.
  Value get(VM& vm, size_t i) {
    if (i < values.size()) return values[i];
    if (running) vm.raise(vm.b().runtime_error, "cannot re-enter the tee iterator");
    running = true;
    Value v;
    try {
      v = vm.next(it);
    } catch (...) {
      running = false;
      throw;
    }
    running = false;
    if (!v) return nullptr;
    values.push_back(v);
    return v;
  }
};

struct TeeState : IterState {
  std::shared_ptr<TeeData> data;
  size_t index = 0;
  Value next(VM& vm) override {
    if (index >= kLinkCells) {
      data = data->jump();
      index = 0;
    }
    Value v = data->get(vm, index);
    if (!v) return nullptr;
    ++index;
    return v;
  }
};

Value teeCopy(const ClassPtr& cls, const TeeState& from) {
  auto s = std::make_shared<TeeState>();
  s->data = from.data;
  s->index = from.index;
  return newNative(cls, s);
}

/// _tee(iterable): a copy when the iterator is already a tee, else a fresh one over it.
Value teeFromIterable(VM& vm, const ClassPtr& tee_cls, const Value& iterable) {
  Value it = vm.iter(iterable);
  if (it->kind == Kind::Instance)
    if (auto* t = dynamic_cast<TeeState*>(as<InstanceObject>(it).native.get()))
      return teeCopy(tee_cls, *t);
  auto s = std::make_shared<TeeState>();
  s->data = std::make_shared<TeeData>();
  s->data->it = it;
  return newNative(tee_cls, s);
}

void installTee(VM& vm, const Value& m) {
  ClassPtr tee = makeIteratorType(vm, "itertools", "_tee");
  nativeConstructor(tee, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr c = constructedClass(a);
    if (c->builtin) noKeywords(vm, a, "_tee");
    checkPositional(vm, a, "_tee", 1, 1, 1);
    return teeFromIterable(vm, c, a.args[1]);
  });
  nativeMethod(tee, "__copy__", [](VM& vm, CallArgs& a) -> Value {
    return teeCopy(vm.typeOf(a.args[0]), iterState<TeeState>(vm, a, "__copy__"));
  });
  moduleFunction(m, "tee", [tee](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "itertools.tee");
    checkPositional(vm, a, "tee", 1, 2);
    int64_t n = a.args.size() > 1 ? ssizeArg(vm, a.args[1]) : 2;
    if (n < 0) vm.raise(vm.b().value_error, "n must be >= 0");
    std::vector<Value> out;
    if (n == 0) return pyTuple({});
    Value it = vm.iter(a.args[0]);
    Value copyable = it;
    Value copy = vm.getAttrOrNull(it, "__copy__");
    if (!copy) {
      copyable = teeFromIterable(vm, tee, it);
      copy = vm.getAttr(copyable, "__copy__");
    }
    out.push_back(copyable);
    for (int64_t i = 1; i < n; ++i) out.push_back(vm.call(copy, std::vector<Value>{}));
    return pyTuple(std::move(out));
  });
  as<ModuleObject>(m).dict->setStr("_tee", tee);
}

}  // namespace

void installItertoolsGroup(VM& vm, const Value& module) {
  installGroupby(vm, module);
  installTee(vm, module);
}

}  // namespace gbc::interp
