// numpy.random's legacy interface (numpy/random/mtrand.pyx: RandomState and the module functions
// bound to its global instance), drawing numpy's exact MT19937 streams: legacy seeding
// (_mt19937.pyx _legacy_seeding: init_genrand for an int, init_by_array for a sequence),
// random_sample's 53-bit doubles, the polar Box-Muller gauss with its cached value
// (legacy-distributions.c), masked rejection for bounded integers (distributions.c
// random_bounded_uint64_fill, random_interval) and the Fisher-Yates shuffle behind permutation
// and choice. Traced by Dynamo, numpy.random becomes torch._numpy.random, which draws from
// torch's generator instead: that is a located gap.
#include "interp/numpy_random.h"

#include <array>
#include <cmath>
#include <random>

#include "interp/dynamo.h"
#include "interp/numpy_model.h"
#include "interp/torch_model.h"

namespace gbc::interp {

using runtime::Tensor;

namespace {

/// mt19937.c's state with the legacy generator's cached gaussian (aug_bitgen_t).
struct LegacyState {
  std::array<uint32_t, 624> key{};
  int pos = 624;
  bool has_gauss = false;
  double gauss = 0.0;

  void seed(uint32_t s) {
    for (int i = 0; i < 624; ++i) {
      key[static_cast<size_t>(i)] = s;
      s = 1812433253u * (s ^ (s >> 30)) + static_cast<uint32_t>(i + 1);
    }
    pos = 624;
    has_gauss = false;
    gauss = 0.0;
  }

  void initByArray(const std::vector<uint32_t>& init) {
    seed(19650218u);
    size_t i = 1, j = 0, n = init.size();
    for (size_t k = std::max<size_t>(624, n); k; --k) {
      key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) * 1664525u)) + init[j] +
               static_cast<uint32_t>(j);
      ++i, ++j;
      if (i >= 624) key[0] = key[623], i = 1;
      if (j >= n) j = 0;
    }
    for (size_t k = 623; k; --k) {
      key[i] =
          (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) * 1566083941u)) - static_cast<uint32_t>(i);
      ++i;
      if (i >= 624) key[0] = key[623], i = 1;
    }
    key[0] = 0x80000000u;
  }

  uint32_t next32() {
    if (pos >= 624) {
      constexpr uint32_t kUpper = 0x80000000u, kLower = 0x7FFFFFFFu, kMatrixA = 0x9908B0DFu;
      for (size_t k = 0; k < 624; ++k) {
        uint32_t y = (key[k] & kUpper) | (key[(k + 1) % 624] & kLower);
        key[k] = key[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1u) ? kMatrixA : 0u);
      }
      pos = 0;
    }
    uint32_t y = key[static_cast<size_t>(pos++)];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9D2C5680u;
    y ^= (y << 15) & 0xEFC60000u;
    y ^= y >> 18;
    return y;
  }
  uint64_t next64() {
    uint64_t hi = next32();
    return (hi << 32) | next32();
  }
  /// random_standard_uniform: 53 bits from two draws.
  double nextDouble() {
    int32_t a = static_cast<int32_t>(next32() >> 5), b = static_cast<int32_t>(next32() >> 6);
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
  double nextGauss() {
    if (has_gauss) {
      has_gauss = false;
      double t = gauss;
      gauss = 0.0;
      return t;
    }
    double x1, x2, r2;
    do {
      x1 = 2.0 * nextDouble() - 1.0;
      x2 = 2.0 * nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = std::sqrt(-2.0 * std::log(r2) / r2);
    gauss = f * x1;
    has_gauss = true;
    return f * x2;
  }
  /// random_interval: a value in [0, max] by masked rejection.
  uint64_t interval(uint64_t max) {
    if (max == 0) return 0;
    uint64_t mask = max, v;
    for (int s = 1; s <= 32; s *= 2) mask |= mask >> s;
    if (max <= 0xFFFFFFFFu) {
      while ((v = (next32() & mask)) > max) {
      }
    } else {
      while ((v = (next64() & mask)) > max) {
      }
    }
    return v;
  }
  /// random_bounded_uint64_fill (use_masked) for one value: off + [0, rng].
  uint64_t bounded(uint64_t rng) {
    if (rng == 0) return 0;
    if (rng == 0xFFFFFFFFu) return next32();
    if (rng == ~uint64_t{0}) return next64();
    return interval(rng);
  }
};

ClassPtr& randomStateClass() {
  static thread_local ClassPtr cls;
  return cls;
}

LegacyState& globalState() {
  static thread_local std::unique_ptr<LegacyState> st;
  if (!st) {
    st = std::make_unique<LegacyState>();
    std::random_device rd;
    std::vector<uint32_t> entropy;
    for (int i = 0; i < 4; ++i) entropy.push_back(rd());
    st->initByArray(entropy);
  }
  return *st;
}

/// A sampler runs on the global state (module function) or on a RandomState (method: self first).
LegacyState& stateOf(VM& vm, CallArgs& a, bool method) {
  if (!method) return globalState();
  const Value& self = a.args.at(0);
  if (self->kind != Kind::Instance || !as<InstanceObject>(self).payload)
    vm.raise(vm.b().type_error, "descriptor requires a 'numpy.random.mtrand.RandomState' object");
  auto& st = *std::static_pointer_cast<LegacyState>(as<InstanceObject>(self).payload);
  a.args.erase(a.args.begin());
  return st;
}

/// Traced by Dynamo, np.random calls run torch._numpy.random on torch's generator.
void refuseTraced(VM& vm, const std::string& name) {
  if (vm.dynamo().tracing(vm))
    vm.unsupported("`numpy.random." + name +
                   "` traced by Dynamo (torch._numpy.random draws from torch's generator)");
}

/// A positional-or-keyword argument.
Value argAt(CallArgs& a, size_t i, const char* name) {
  if (i < a.args.size()) return a.args[i];
  return a.kw(name);
}

bool given(const Value& v) { return v && !isNone(v); }

/// The `size` argument: nullopt for None (one Python scalar is returned).
std::optional<runtime::Shape> sizeArg(VM& vm, const Value& v) {
  if (!given(v)) return std::nullopt;
  runtime::Shape s;
  if (v->kind == Kind::Tuple || v->kind == Kind::List) {
    for (const Value& x : vm.toVector(v)) s.push_back(asInt(x));
  } else {
    s.push_back(asInt(v));
  }
  for (int64_t d : s)
    if (d < 0) vm.raise(vm.b().value_error, "negative dimensions are not allowed");
  return s;
}

int64_t numel(const runtime::Shape& s) {
  int64_t n = 1;
  for (int64_t d : s) n *= d;
  return n;
}

Value doubles(const std::optional<runtime::Shape>& size, const std::function<double()>& draw) {
  if (!size) return pyFloat(draw());
  Tensor t = runtime::empty(*size, runtime::DType::Float64).value();
  auto* p = t.data<double>();
  for (int64_t i = 0, n = numel(*size); i < n; ++i) p[i] = draw();
  return makeNdarray(wrapTensor(t));
}

Value int64Array(const runtime::Shape& shape, const std::vector<int64_t>& values) {
  Tensor t = runtime::empty(shape, runtime::DType::Int64).value();
  auto* p = t.data<int64_t>();
  for (size_t i = 0; i < values.size(); ++i) p[i] = values[i];
  return makeNdarray(wrapTensor(t));
}

/// The shape given as separate ints (rand(2, 3), randn()).
std::optional<runtime::Shape> dimsArgs(const CallArgs& a) {
  if (a.args.empty()) return std::nullopt;
  runtime::Shape s;
  for (const Value& v : a.args) s.push_back(asInt(v));
  return s;
}

void seedState(VM& vm, LegacyState& st, const Value& seed) {
  if (!given(seed)) {
    std::random_device rd;
    std::vector<uint32_t> entropy;
    for (int i = 0; i < 4; ++i) entropy.push_back(rd());
    st.initByArray(entropy);
    return;
  }
  auto inRange = [&](const Value& v) {
    if (v->kind != Kind::Int && v->kind != Kind::Bool)
      vm.raise(vm.b().type_error,
               "Cannot cast array data from dtype('float64') to "
               "dtype('int64') according to the rule 'safe'");
    if (as<IntObject>(v).big || asInt(v) < 0 || asInt(v) > 0xFFFFFFFFll)
      vm.raise(vm.b().value_error, "Seed must be between 0 and 2**32 - 1");
    return static_cast<uint32_t>(asInt(v));
  };
  if (seed->kind == Kind::Int || seed->kind == Kind::Bool) {
    st.seed(inRange(seed));
  } else if (seed->kind == Kind::List || seed->kind == Kind::Tuple) {
    std::vector<uint32_t> key;
    for (const Value& v : vm.toVector(seed)) key.push_back(inRange(v));
    if (key.empty()) vm.raise(vm.b().value_error, "Seed must be non-empty");
    st.initByArray(key);
  } else {
    vm.unsupported("numpy.random.seed with a seed of type " + vm.typeOf(seed)->name);
  }
  st.has_gauss = false;
  st.gauss = 0.0;
}

/// A legacy shuffle of n items: the swaps (i, j) in draw order.
template <typename Swap>
void shuffleDraws(LegacyState& st, int64_t n, Swap swap) {
  for (int64_t i = n - 1; i >= 1; --i) {
    int64_t j = static_cast<int64_t>(st.interval(static_cast<uint64_t>(i)));
    swap(i, j);
  }
}

std::vector<int64_t> permutation(LegacyState& st, int64_t n) {
  std::vector<int64_t> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  shuffleDraws(st, n, [&](int64_t i, int64_t j) {
    std::swap(v[static_cast<size_t>(i)], v[static_cast<size_t>(j)]);
  });
  return v;
}

/// randint(low, high=None, size=None, dtype=int)
Value randint(VM& vm, LegacyState& st, CallArgs& a) {
  Value lowv = argAt(a, 0, "low"), highv = argAt(a, 1, "high"), sizev = argAt(a, 2, "size");
  if (Value d = argAt(a, 3, "dtype"); given(d) && d != vm.b().int_)
    vm.unsupported("numpy.random.randint with a dtype");
  if (!lowv) vm.raise(vm.b().type_error, "randint() missing required argument 'low' (pos 1)");
  if (lowv->kind != Kind::Int || (given(highv) && highv->kind != Kind::Int))
    vm.unsupported("numpy.random.randint with non-int bounds");
  int64_t low = asInt(lowv), high = 0;
  if (given(highv)) {
    high = asInt(highv);
  } else {
    high = low;
    low = 0;
  }
  if (low >= high) vm.raise(vm.b().value_error, "low >= high");
  uint64_t rng = static_cast<uint64_t>(high - 1) - static_cast<uint64_t>(low);
  auto size = sizeArg(vm, sizev);
  if (!size) return pyInt(low + static_cast<int64_t>(st.bounded(rng)));
  std::vector<int64_t> out;
  for (int64_t i = 0, n = numel(*size); i < n; ++i)
    out.push_back(low + static_cast<int64_t>(st.bounded(rng)));
  return int64Array(*size, out);
}

/// choice(a, size=None, replace=True, p=None) with an int population or a 1-d sequence.
Value choice(VM& vm, LegacyState& st, CallArgs& a) {
  Value av = argAt(a, 0, "a"), sizev = argAt(a, 1, "size"), replv = argAt(a, 2, "replace"),
        pv = argAt(a, 3, "p");
  if (!av) vm.raise(vm.b().type_error, "choice() missing required argument 'a' (pos 1)");
  bool replace = !replv || vm.truthy(replv);
  std::vector<Value> pool;
  int64_t pop;
  bool fromInt = av->kind == Kind::Int;
  if (fromInt) {
    pop = asInt(av);
  } else if (av->kind == Kind::List || av->kind == Kind::Tuple) {
    pool = vm.toVector(av);
    for (const Value& v : pool)
      if (v->kind != Kind::Int && v->kind != Kind::Float && v->kind != Kind::Bool)
        vm.unsupported("numpy.random.choice over non-numbers");
    pop = static_cast<int64_t>(pool.size());
  } else {
    vm.unsupported("numpy.random.choice over a " + vm.typeOf(av)->name);
  }
  auto shape = sizeArg(vm, sizev);
  int64_t n = shape ? numel(*shape) : 1;
  if (pop <= 0 && n != 0) {
    if (fromInt)
      vm.raise(vm.b().value_error, "a must be greater than 0 unless no samples are taken");
    vm.raise(vm.b().value_error, "'a' cannot be empty unless no samples are taken");
  }
  std::vector<double> p;
  if (given(pv)) {
    if (pv->kind != Kind::List && pv->kind != Kind::Tuple)
      vm.unsupported("numpy.random.choice with p of type " + vm.typeOf(pv)->name);
    for (const Value& x : vm.toVector(pv)) p.push_back(asFloat(x));
    if (static_cast<int64_t>(p.size()) != pop)
      vm.raise(vm.b().value_error, "'a' and 'p' must have same size");
    double sum = 0, c = 0;  // kahan_sum
    for (double x : p) {
      if (x < 0) vm.raise(vm.b().value_error, "probabilities are not non-negative");
      double y = x - c, t = sum + y;
      c = (t - sum) - y;
      sum = t;
    }
    if (std::fabs(sum - 1.0) > std::sqrt(2.220446049250313e-16))
      vm.raise(vm.b().value_error, "probabilities do not sum to 1");
  }
  std::vector<int64_t> idx;
  if (replace) {
    if (!p.empty()) {
      std::vector<double> cdf(p.size());
      double acc = 0;
      for (size_t i = 0; i < p.size(); ++i) cdf[i] = acc += p[i];
      for (double& x : cdf) x /= cdf.back();
      for (int64_t i = 0; i < n; ++i) {
        double u = st.nextDouble();
        idx.push_back(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
      }
    } else {
      uint64_t rng = static_cast<uint64_t>(pop - 1);
      for (int64_t i = 0; i < n; ++i) idx.push_back(static_cast<int64_t>(st.bounded(rng)));
    }
  } else {
    if (n > pop)
      vm.raise(vm.b().value_error,
               "Cannot take a larger sample than population when 'replace=False'");
    if (!p.empty()) vm.unsupported("numpy.random.choice without replacement with p");
    idx = permutation(st, pop);
    idx.resize(static_cast<size_t>(n));
  }
  if (fromInt) {
    if (!shape) return pyInt(idx.at(0));
    return int64Array(*shape, idx);
  }
  if (!shape) return pool.at(static_cast<size_t>(idx.at(0)));
  bool anyFloat = false;
  for (const Value& v : pool) anyFloat |= v->kind == Kind::Float;
  if (anyFloat) {
    std::vector<double> vals;
    for (int64_t i : idx) vals.push_back(asFloat(pool[static_cast<size_t>(i)]));
    size_t k = 0;
    return doubles(shape, [&] { return vals[k++]; });
  }
  std::vector<int64_t> vals;
  for (int64_t i : idx) vals.push_back(asInt(pool[static_cast<size_t>(i)]));
  return int64Array(*shape, vals);
}

/// shuffle(x) in place: a list or an ndarray along its first axis.
Value shuffle(VM& vm, LegacyState& st, CallArgs& a) {
  Value x = a.args.at(0);
  if (x->kind == Kind::List) {
    auto& items = as<ListObject>(x).items;
    shuffleDraws(st, static_cast<int64_t>(items.size()), [&](int64_t i, int64_t j) {
      std::swap(items[static_cast<size_t>(i)], items[static_cast<size_t>(j)]);
    });
    return none();
  }
  if (!isNdarray(x)) vm.unsupported("numpy.random.shuffle of a " + vm.typeOf(x)->name);
  const Tensor& t = as<TensorObject>(ndarrayTensor(x)).t;
  if (t.dim() == 0) vm.raise(vm.b().value_error, "x must be an integer or at least 1-dimensional");
  Tensor rows = t.clone();
  std::vector<int64_t> order = permutation(st, t.sizes()[0]);
  // (same draws as swapping in place: apply the permutation the swaps produce)
  for (size_t i = 0; i < order.size(); ++i) {
    Tensor dst = runtime::select(t, 0, static_cast<int64_t>(i)).value();
    check(vm, runtime::copy_(dst, runtime::select(rows, 0, order[i]).value()));
  }
  return none();
}

Value sample(VM& vm, const std::string& name, CallArgs& a, LegacyState& st) {
  if (name == "seed") {
    seedState(vm, st, argAt(a, 0, "seed"));
    return none();
  }
  if (name == "random_sample" || name == "random")
    return doubles(sizeArg(vm, argAt(a, 0, "size")), [&] { return st.nextDouble(); });
  if (name == "rand") return doubles(dimsArgs(a), [&] { return st.nextDouble(); });
  if (name == "randn") return doubles(dimsArgs(a), [&] { return st.nextGauss(); });
  if (name == "standard_normal")
    return doubles(sizeArg(vm, argAt(a, 0, "size")), [&] { return st.nextGauss(); });
  if (name == "uniform" || name == "normal") {
    bool uni = name == "uniform";
    Value v0 = argAt(a, 0, uni ? "low" : "loc"), v1 = argAt(a, 1, uni ? "high" : "scale");
    for (const Value& v : {v0, v1})
      if (v && v->kind != Kind::Int && v->kind != Kind::Float && v->kind != Kind::Bool)
        vm.unsupported("numpy.random." + name + " with array parameters");
    double p0 = v0 ? asFloat(v0) : 0.0, p1 = v1 ? asFloat(v1) : 1.0;
    if (!uni && p1 < 0) vm.raise(vm.b().value_error, "scale < 0");
    auto size = sizeArg(vm, argAt(a, 2, "size"));
    if (uni) return doubles(size, [&] { return p0 + (p1 - p0) * st.nextDouble(); });
    return doubles(size, [&] { return p0 + p1 * st.nextGauss(); });
  }
  if (name == "randint") return randint(vm, st, a);
  if (name == "choice") return choice(vm, st, a);
  if (name == "shuffle") return shuffle(vm, st, a);
  // permutation(x): an int n permutes arange(n); a sequence or array is copied, then shuffled
  Value x = a.args.at(0);
  if (x->kind == Kind::Int) {
    int64_t n = asInt(x);
    return int64Array({static_cast<int64_t>(n)}, permutation(st, n));
  }
  if (!isNdarray(x)) vm.unsupported("numpy.random.permutation of a " + vm.typeOf(x)->name);
  Value copy = makeNdarray(wrapTensor(as<TensorObject>(ndarrayTensor(x)).t.clone()));
  CallArgs sa;
  sa.args.push_back(copy);
  shuffle(vm, st, sa);
  return copy;
}

const char* const kSamplers[] = {"seed",    "random_sample",   "random",  "rand",
                                 "randn",   "standard_normal", "uniform", "normal",
                                 "randint", "choice",          "shuffle", "permutation"};

}  // namespace

void installNumpyRandom(VM& vm, const Value& numpy) {
  auto m = std::make_shared<ModuleObject>("numpy.random");
  m->dict->setStr("__name__", pyStr("numpy.random"));
  vm.registerModule("numpy.random", m);
  as<ModuleObject>(numpy).dict->setStr("random", m);
  ClassPtr cls = vm.makeClass("RandomState", {vm.b().object}, nullptr);
  cls->module = "numpy.random.mtrand";
  randomStateClass() = cls;
  m->dict->setStr("RandomState", cls);
  auto init = std::make_shared<BuiltinObject>("__init__", [](VM& vm, CallArgs& a) -> Value {
    auto st = std::make_shared<LegacyState>();
    seedState(vm, *st, argAt(a, 1, "seed"));
    as<InstanceObject>(a.args.at(0)).payload = st;
    return none();
  });
  cls->dict->setStr("__init__", init);
  for (const char* n : kSamplers) {
    std::string name = n;
    auto fn = std::make_shared<BuiltinObject>(name, [name](VM& vm, CallArgs& a) -> Value {
      refuseTraced(vm, name);
      return sample(vm, name, a, globalState());
    });
    fn->id = "numpy.random." + name;
    m->dict->setStr(name, fn);
    auto meth = std::make_shared<BuiltinObject>(name, [name](VM& vm, CallArgs& a) -> Value {
      refuseTraced(vm, name);
      LegacyState& st = stateOf(vm, a, true);
      return sample(vm, name, a, st);
    });
    meth->id = "numpy.random.RandomState." + name;
    meth->qualname = "RandomState." + name;
    cls->dict->setStr(name, meth);
  }
}

}  // namespace gbc::interp
