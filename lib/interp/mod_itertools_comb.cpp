// itertools' combinatoric iterators: product, permutations, combinations and
// combinations_with_replacement. Their inputs are read into tuples when the iterator is made
// (as CPython does); results come in CPython's order from the same index updates.
#include "interp/clinic_args.h"
#include "interp/mod_itertools.h"

namespace gbc::interp {

namespace {

using Pool = std::vector<Value>;

Pool toPool(VM& vm, const Value& iterable) {
  if (iterable->kind == Kind::Tuple && !iterable->sub) return as<TupleObject>(iterable).items;
  return vm.toVector(iterable);
}

// ---- product ----

struct ProductState : IterState {
  std::vector<std::shared_ptr<const Pool>> pools;
  std::vector<size_t> indices;
  std::vector<Value> result;
  bool started = false, stopped = false;
  Value next(VM&) override {
    if (stopped) return nullptr;
    if (!started) {
      started = true;
      for (const auto& pool : pools) result.push_back(pool->front());
      return pyTuple(result);
    }
    size_t i = pools.size();
    while (i-- > 0) {
      const Pool& pool = *pools[i];
      if (++indices[i] == pool.size()) {
        indices[i] = 0;
        result[i] = pool[0];
        continue;
      }
      result[i] = pool[indices[i]];
      return pyTuple(result);
    }
    stopped = true;
    return nullptr;
  }
};

Value makeProduct(VM& vm, CallArgs& a) {
  int64_t repeat = 1;
  if (!a.kwargs.empty()) {
    CallArgs kw;
    kw.kwargs = a.kwargs;
    auto p = clinicParse(vm, kw, {"product", {"repeat"}});
    if (p[0]) repeat = ssizeArg(vm, p[0]);
    if (repeat < 0) vm.raise(vm.b().value_error, "repeat argument cannot be negative");
  }
  auto s = std::make_shared<ProductState>();
  std::vector<std::shared_ptr<const Pool>> pools;
  if (repeat != 0)
    for (size_t i = 1; i < a.args.size(); ++i)
      pools.push_back(std::make_shared<const Pool>(toPool(vm, a.args[i])));
  if (!pools.empty() && static_cast<uint64_t>(repeat) > (uint64_t{1} << 40) / pools.size())
    vm.raise(vm.b().overflow_error, "repeat argument too large");
  for (int64_t r = 0; r < repeat; ++r)
    for (const auto& pool : pools) {
      s->pools.push_back(pool);
      if (pool->empty()) s->stopped = true;
    }
  s->indices.assign(s->pools.size(), 0);
  return newNative(constructedClass(a), s);
}

// ---- permutations ----

struct PermutationsState : IterState {
  Pool pool;
  size_t r = 0;
  std::vector<size_t> indices, cycles;
  std::vector<Value> result;
  bool started = false, stopped = false;
  Value next(VM&) override {
    if (stopped) return nullptr;
    const size_t n = pool.size();
    if (!started) {
      started = true;
      for (size_t i = 0; i < r; ++i) result.push_back(pool[indices[i]]);
      return pyTuple(result);
    }
    if (n == 0) return finish();
    size_t i = r;
    while (i-- > 0) {
      if (--cycles[i] == 0) {
        // rotate indices[i:] left by one
        size_t first = indices[i];
        for (size_t j = i; j + 1 < n; ++j) indices[j] = indices[j + 1];
        indices[n - 1] = first;
        cycles[i] = n - i;
        continue;
      }
      std::swap(indices[i], indices[n - cycles[i]]);
      for (size_t k = i; k < r; ++k) result[k] = pool[indices[k]];
      return pyTuple(result);
    }
    return finish();
  }
  Value finish() {
    stopped = true;
    return nullptr;
  }
};

Value makePermutations(VM& vm, CallArgs& a) {
  auto p = clinicParse(vm, a, {"permutations", {"iterable", "r"}, 0, 1}, 1);
  auto s = std::make_shared<PermutationsState>();
  s->pool = toPool(vm, p[0]);
  int64_t n = static_cast<int64_t>(s->pool.size()), r = n;
  if (p[1] && !isNone(p[1])) {
    if (p[1]->kind != Kind::Int && p[1]->kind != Kind::Bool)
      vm.raise(vm.b().type_error, "Expected int as r");
    r = asInt(p[1]);
  }
  if (r < 0) vm.raise(vm.b().value_error, "r must be non-negative");
  s->r = static_cast<size_t>(r);
  for (int64_t i = 0; i < n; ++i) s->indices.push_back(static_cast<size_t>(i));
  for (int64_t i = 0; i < std::min(r, n); ++i) s->cycles.push_back(static_cast<size_t>(n - i));
  s->stopped = r > n;
  return newNative(constructedClass(a), s);
}

// ---- combinations, combinations_with_replacement ----

struct CombinationsState : IterState {
  Pool pool;
  size_t r = 0;
  bool replace = false;  // combinations_with_replacement
  std::vector<size_t> indices;
  std::vector<Value> result;
  bool started = false, stopped = false;
  Value next(VM&) override {
    if (stopped) return nullptr;
    const size_t n = pool.size();
    if (!started) {
      started = true;
      for (size_t i = 0; i < r; ++i) result.push_back(pool[indices[i]]);
      return pyTuple(result);
    }
    // the rightmost index not at its maximum
    size_t i = r;
    while (i > 0 && indices[i - 1] == (replace ? n - 1 : i - 1 + n - r)) --i;
    if (i == 0) {
      stopped = true;
      return nullptr;
    }
    --i;
    if (replace) {
      size_t index = indices[i] + 1;
      for (size_t j = i; j < r; ++j) {
        indices[j] = index;
        result[j] = pool[index];
      }
      return pyTuple(result);
    }
    ++indices[i];
    for (size_t j = i + 1; j < r; ++j) indices[j] = indices[j - 1] + 1;
    for (size_t j = i; j < r; ++j) result[j] = pool[indices[j]];
    return pyTuple(result);
  }
};

NativeFn makeCombinations(const char* name, bool replace) {
  return [name, replace](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {name, {"iterable", "r"}, 0, 2}, 1);
    int64_t r = ssizeArg(vm, p[1]);
    auto s = std::make_shared<CombinationsState>();
    s->pool = toPool(vm, p[0]);
    if (r < 0) vm.raise(vm.b().value_error, "r must be non-negative");
    s->r = static_cast<size_t>(r);
    s->replace = replace;
    const size_t n = s->pool.size();
    for (size_t i = 0; i < s->r; ++i) s->indices.push_back(replace ? 0 : i);
    s->stopped = replace ? (n == 0 && s->r > 0) : s->r > n;
    return newNative(constructedClass(a), s);
  };
}

void installType(VM& vm, const Value& m, const char* name, NativeFn make) {
  ClassPtr cls = makeIteratorType(vm, "itertools", name);
  nativeConstructor(cls, std::move(make));
  as<ModuleObject>(m).dict->setStr(name, cls);
}

}  // namespace

void installItertoolsCombinatorics(VM& vm, const Value& module) {
  installType(vm, module, "product", makeProduct);
  installType(vm, module, "permutations", makePermutations);
  installType(vm, module, "combinations", makeCombinations("combinations", false));
  installType(vm, module, "combinations_with_replacement",
              makeCombinations("combinations_with_replacement", true));
}

}  // namespace gbc::interp
