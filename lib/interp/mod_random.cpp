// _random (Modules/_randommodule.c): Random with random, seed, getstate, setstate and
// getrandbits, binding CPython's Mersenne Twister of lib/native/mt19937.h; random.py's Random
// subclasses it. seed(None) draws from std::random_device (CPython: os.urandom).
#include "interp/clinic_args.h"
#include "interp/native_modules.h"
#include "interp/native_type.h"
#include "native/mt19937.h"

#include <random>

namespace gbc::interp {

namespace {

using native::BigInt;
using native::MersenneTwister;

struct RandomState : NativeState {
  MersenneTwister mt;
};

RandomState& self(VM& vm, const CallArgs& a, const char* what) {
  if (a.args.empty()) vm.raise(vm.b().type_error, std::string(what) + "() needs an argument");
  return nativeState<RandomState>(vm, a.args[0], what);
}

void seed(VM& vm, RandomState& s, const Value& arg) {
  if (!arg || isNone(arg)) {
    std::random_device device;
    std::vector<std::uint32_t> key(MersenneTwister::kStateWords);
    for (auto& word : key) word = device();
    s.mt.initByArray(key);
    return;
  }
  if (arg->kind == Kind::Int || arg->kind == Kind::Bool) {
    s.mt.seed(toBigInt(arg));  // (its absolute value's words)
    return;
  }
  s.mt.seed(BigInt::fromUint64(static_cast<std::uint64_t>(vm.hash(arg))));
}

Value getState(RandomState& s) {
  MersenneTwister::State st = s.mt.getState();
  std::vector<Value> items;
  items.reserve(MersenneTwister::kStateWords + 1);
  for (std::uint32_t w : st.words) items.push_back(pyInt(w));
  items.push_back(pyInt(st.index));
  return pyTuple(std::move(items));
}

void setState(VM& vm, RandomState& s, const Value& state) {
  if (state->kind != Kind::Tuple) vm.raise(vm.b().type_error, "state vector must be a tuple");
  const auto& items = as<TupleObject>(state).items;
  if (items.size() != MersenneTwister::kStateWords + 1)
    vm.raise(vm.b().value_error, "state vector is the wrong size");
  std::array<std::uint32_t, MersenneTwister::kStateWords> words{};
  for (size_t i = 0; i < words.size(); ++i) {
    const Value& w = items[i];
    // PyLong_AsUnsignedLong: an int only, not negative; kept modulo 2**32
    if (w->kind != Kind::Int && w->kind != Kind::Bool)
      vm.raise(vm.b().type_error, "an integer is required");
    BigInt word = toBigInt(w);
    if (word.isNegative())
      vm.raise(vm.b().overflow_error, "can't convert negative value to unsigned int");
    if (!word.fitsUint64())
      vm.raise(vm.b().overflow_error, "Python int too large to convert to C unsigned long");
    words[i] = static_cast<std::uint32_t>(word.toUint64());
  }
  int64_t index = ssizeArg(vm, items.back());
  auto r = s.mt.setState(words, index);
  if (!r) vm.raise(vm.b().value_error, r.error().message);
}

}  // namespace

Value makeRandomModule(VM& vm) {
  Value m = newNativeModule("_random");
  ClassPtr cls = makeNativeType(vm, "_random", "Random");
  cls->no_dict = true;
  cls->dict->setStr("__doc__", pyStr("Random() -> create a random number generator with its own "
                                     "internal state."));
  auto construct = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.empty() || a.args[0]->kind != Kind::Class)
      vm.raise(vm.b().type_error, "Random.__new__(X): X is not a type object");
    auto c = std::static_pointer_cast<ClassObject>(a.args[0]);
    return newNative(c, std::make_shared<RandomState>());
  });
  construct->binds = false;
  construct->qualname = "Random.__new__";
  cls->dict->setStr("__new__", construct);
  nativeMethod(cls, "__init__", [](VM& vm, CallArgs& a) -> Value {
    RandomState& s = self(vm, a, "__init__");
    noKeywords(vm, a, "Random");
    checkPositional(vm, a, "Random", 0, 1, 1);
    seed(vm, s, a.args.size() > 1 ? a.args[1] : nullptr);
    return none();
  });
  nativeMethod(cls, "seed", [](VM& vm, CallArgs& a) -> Value {
    RandomState& s = self(vm, a, "seed");
    noKeywords(vm, a, "seed");
    checkPositional(vm, a, "seed", 0, 1, 1);
    seed(vm, s, a.args.size() > 1 ? a.args[1] : nullptr);
    return none();
  });
  nativeMethod(cls, "random", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "Random.random");
    return pyFloat(self(vm, a, "random").mt.random());
  });
  nativeMethod(cls, "getrandbits", [](VM& vm, CallArgs& a) -> Value {
    Value kv = methOneArg(vm, a, "Random.getrandbits");
    RandomState& s = self(vm, a, "getrandbits");
    int64_t k = ssizeArg(vm, kv);
    if (k < 0) vm.raise(vm.b().value_error, "Cannot convert negative int");
    return pyBigInt(s.mt.getrandbits(static_cast<std::uint64_t>(k)));
  });
  nativeMethod(cls, "getstate", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "Random.getstate");
    return getState(self(vm, a, "getstate"));
  });
  nativeMethod(cls, "setstate", [](VM& vm, CallArgs& a) -> Value {
    Value state = methOneArg(vm, a, "Random.setstate");
    setState(vm, self(vm, a, "setstate"), state);
    return none();
  });
  as<ModuleObject>(m).dict->setStr("Random", cls);
  return m;
}

}  // namespace gbc::interp
