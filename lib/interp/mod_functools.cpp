// _functools (Modules/_functoolsmodule.c): reduce, partial (nested partials flattened, 3.14's
// Placeholder and method binding through __get__; 3.12's partial binds nothing and has no
// placeholders), and cmp_to_key's KeyWrapper. functools' pure-Python _lru_cache_wrapper is used
// as it is (functools.py falls back to it).
#include "interp/clinic_args.h"
#include "interp/native_modules.h"
#include "interp/native_support.h"

namespace gbc::interp {

namespace {

using syntax::CmpOpKind;

bool hasPlaceholders(VM& vm) { return vm.target().python >= "3.14"; }

// ---- reduce ----

Value reduce(VM& vm, CallArgs& a) {
  Value func, seq, result;
  if (hasPlaceholders(vm)) {
    auto p = clinicParse(vm, a, {"reduce", {"function", "iterable", "initial"}, 2, 2});
    func = p[0];
    seq = p[1];
    result = p[2];
  } else {
    noKeywords(vm, a, "reduce");
    checkPositional(vm, a, "reduce", 2, 3);
    func = a.args[0];
    seq = a.args[1];
    if (a.args.size() > 2) result = a.args[2];
  }
  Value it;
  try {
    it = vm.iter(seq);
  } catch (PyRaise& e) {
    if (!vm.isInstance(e.exc, vm.b().type_error.get())) throw;
    vm.raise(vm.b().type_error, "reduce() arg 2 must support iteration");
  }
  while (Value item = vm.next(it)) result = result ? vm.call(func, {result, item}) : item;
  if (!result) vm.raise(vm.b().type_error, "reduce() of empty iterable with no initial value");
  return result;
}

// ---- partial ----

struct PartialState : NativeState {
  Value fn;
  std::vector<Value> args;
  DictPtr kw = newDict();
  size_t phcount = 0;
};

struct FunctoolsModule {
  Value placeholder;  // null before 3.14
  ClassPtr partial;
};

PartialState* partialState(const Value& v) {
  if (v->kind != Kind::Instance) return nullptr;
  return dynamic_cast<PartialState*>(as<InstanceObject>(v).native.get());
}

size_t countPlaceholders(const std::vector<Value>& args, const Value& ph) {
  size_t n = 0;
  for (const Value& v : args) n += ph && v.get() == ph.get();
  return n;
}

Value newPartial(VM& vm, const FunctoolsModule& mod, CallArgs& a) {
  ClassPtr cls = constructedClass(a);
  if (a.args.size() < 2) vm.raise(vm.b().type_error, "type 'partial' takes at least one argument");
  const Value& ph = mod.placeholder;
  Value func = a.args[1];
  std::vector<Value> pargs;
  DictPtr pkw;
  size_t pto_phcount = 0;
  if (PartialState* part = partialState(func)) {
    DictPtr dict = as<InstanceObject>(func).dict;
    if (dict->size() == 0) {
      pargs = part->args;
      pkw = part->kw;
      pto_phcount = part->phcount;
      func = part->fn;
    }
  }
  if (!vm.isCallable(func)) vm.raise(vm.b().type_error, "the first argument must be callable");
  std::vector<Value> args = restArgs(a, 2);
  if (ph && !args.empty() && args.back().get() == ph.get())
    vm.raise(vm.b().type_error, "trailing Placeholders are not allowed");
  for (const auto& [k, v] : a.kwargs)
    if (ph && v.get() == ph.get())
      vm.raise(vm.b().type_error, "Placeholder cannot be passed as a keyword argument");
  // the new positionals fill the inner partial's placeholders first
  size_t next = 0;
  if (pto_phcount)
    for (Value& v : pargs)
      if (v.get() == ph.get() && next < args.size()) v = args[next++];
  pargs.insert(pargs.end(), args.begin() + static_cast<std::ptrdiff_t>(next), args.end());
  auto s = std::make_shared<PartialState>();
  s->fn = func;
  s->args = std::move(pargs);
  s->phcount = countPlaceholders(s->args, ph);
  if (pkw) pkw->forEach([&](const Value& k, const Value& v) { s->kw->set(k, v); });
  for (const auto& [k, v] : a.kwargs) s->kw->setStr(k, v);
  return newNative(cls, s);
}

Value callPartial(VM& vm, const FunctoolsModule& mod, CallArgs& a) {
  PartialState& s = nativeState<PartialState>(vm, a.args.at(0), "__call__");
  size_t nargs = a.args.size() - 1;
  if (nargs < s.phcount)
    vm.raise(vm.b().type_error,
             "missing positional arguments in 'partial' call; expected at least " +
                 std::to_string(s.phcount) + ", got " + std::to_string(nargs));
  CallArgs call;
  size_t next = 1;
  for (const Value& v : s.args)
    call.args.push_back(s.phcount && v.get() == mod.placeholder.get() ? a.args[next++] : v);
  call.args.insert(call.args.end(), a.args.begin() + static_cast<std::ptrdiff_t>(next),
                   a.args.end());
  s.kw->forEach([&](const Value& k, const Value& v) {
    bool overridden = false;
    for (const auto& kv : a.kwargs)
      overridden = overridden || (k->kind == Kind::Str && asStr(k) == kv.first);
    if (!overridden) call.kwargs.emplace_back(k->kind == Kind::Str ? asStr(k) : vm.str(k), v);
  });
  for (const auto& kv : a.kwargs) call.kwargs.push_back(kv);
  Value fn = s.fn;
  return vm.call(fn, call);
}

std::string partialRepr(VM& vm, const Value& self) {
  PartialState& s = nativeState<PartialState>(vm, self, "__repr__");
  ClassPtr cls = vm.typeOf(self);
  std::string module = vm.str(vm.getAttr(cls, "__module__"));
  std::string qualname = vm.str(vm.getAttr(cls, "__qualname__"));
  ReprGuard guard(self.get());
  if (guard.recursive()) return "...";
  std::string out = vm.repr(s.fn);
  for (const Value& v : s.args) out += ", " + vm.repr(v);
  s.kw->forEach(
      [&](const Value& k, const Value& v) { out += ", " + vm.str(k) + "=" + vm.repr(v); });
  return module + "." + qualname + "(" + out + ")";
}

void setPartialState(VM& vm, const FunctoolsModule& mod, const Value& self, const Value& state) {
  PartialState& s = nativeState<PartialState>(vm, self, "__setstate__");
  auto invalid = [&] { vm.raise(vm.b().type_error, "invalid partial state"); };
  if (state->kind != Kind::Tuple || as<TupleObject>(state).items.size() != 4) invalid();
  const auto& items = as<TupleObject>(state).items;
  const Value &fn = items[0], &fnargs = items[1], &kw = items[2], &dict = items[3];
  if (!vm.isCallable(fn) || fnargs->kind != Kind::Tuple ||
      (!isNone(kw) && kw->kind != Kind::Dict) || (!isNone(dict) && dict->kind != Kind::Dict))
    invalid();
  const auto& args = as<TupleObject>(fnargs).items;
  if (mod.placeholder && !args.empty() && args.back().get() == mod.placeholder.get())
    vm.raise(vm.b().type_error, "trailing Placeholders are not allowed");
  s.fn = fn;
  s.args = args;
  s.phcount = countPlaceholders(args, mod.placeholder);
  s.kw = newDict();
  if (!isNone(kw))
    as<DictObject>(kw).forEach([&](const Value& k, const Value& v) { s.kw->set(k, v); });
  DictPtr own = as<InstanceObject>(self).dict;
  own->entries.clear();
  own->index.clear();
  own->live = 0;
  if (!isNone(dict))
    as<DictObject>(dict).forEach([&](const Value& k, const Value& v) { own->set(k, v); });
}

void installPartial(VM& vm, const Value& m, const std::shared_ptr<FunctoolsModule>& mod) {
  ClassPtr cls = makeNativeType(vm, "functools", "partial");
  mod->partial = cls;
  cls->dict->setStr("__doc__", pyStr("Create a new function with partial application of the "
                                     "given arguments\nand keywords."));
  nativeConstructor(cls, [mod](VM& vm, CallArgs& a) -> Value { return newPartial(vm, *mod, a); });
  nativeMethod(cls, "__call__",
               [mod](VM& vm, CallArgs& a) -> Value { return callPartial(vm, *mod, a); });
  nativeMethod(cls, "__repr__",
               [](VM& vm, CallArgs& a) -> Value { return pyStr(partialRepr(vm, a.args.at(0))); });
  nativeMethod(cls, "__reduce__", [](VM& vm, CallArgs& a) -> Value {
    PartialState& s = nativeState<PartialState>(vm, a.args.at(0), "__reduce__");
    DictPtr dict = as<InstanceObject>(a.args[0]).dict;
    return pyTuple({vm.typeOf(a.args[0]), pyTuple({s.fn}),
                    pyTuple({s.fn, pyTuple(s.args), s.kw, dict->size() ? Value(dict) : none()})});
  });
  nativeMethod(cls, "__setstate__", [mod](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__setstate__", 1, 1, 1);
    setPartialState(vm, *mod, a.args[0], a.args[1]);
    return none();
  });
  auto readonly = [](VM& vm, const Value&, const Value&) {
    vm.raise(vm.b().attribute_error, "readonly attribute");
  };
  nativeGetSet(
      cls, "func",
      [](VM& vm, const Value& v) { return nativeState<PartialState>(vm, v, "func").fn; }, readonly);
  nativeGetSet(
      cls, "args",
      [](VM& vm, const Value& v) { return pyTuple(nativeState<PartialState>(vm, v, "args").args); },
      readonly);
  nativeGetSet(
      cls, "keywords",
      [](VM& vm, const Value& v) -> Value {
        return nativeState<PartialState>(vm, v, "keywords").kw;
      },
      readonly);
  if (hasPlaceholders(vm))  // 3.14: a method descriptor
    nativeMethod(cls, "__get__", [](VM& vm, CallArgs& a) -> Value {
      checkPositional(vm, a, "__get__", 1, 2, 1);
      const Value& obj = a.args[1];
      if (isNone(obj)) return a.args[0];
      return std::make_shared<BoundMethodObject>(obj, a.args[0]);
    });
  nativeClassGetItem(cls);
  as<ModuleObject>(m).dict->setStr("partial", cls);
}

void installPlaceholder(VM& vm, const Value& m, FunctoolsModule& mod) {
  ClassPtr cls = makeNativeType(vm, "functools", "_PlaceholderType");
  cls->no_dict = true;
  mod.placeholder = newNative(cls, std::make_shared<NativeState>());
  Value singleton = mod.placeholder;
  nativeConstructor(cls, [singleton](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() > 1 || !a.kwargs.empty())
      vm.raise(vm.b().type_error, "PlaceholderType takes no arguments");
    return singleton;
  });
  nativeMethod(cls, "__repr__", [](VM&, CallArgs&) -> Value { return pyStr("Placeholder"); });
  nativeMethod(cls, "__reduce__", [](VM&, CallArgs&) -> Value { return pyStr("Placeholder"); });
  auto init_subclass =
      std::make_shared<BuiltinObject>("__init_subclass__", [](VM& vm, CallArgs&) -> Value {
        vm.raise(vm.b().type_error,
                 "type 'functools._PlaceholderType' is not an acceptable base type");
      });
  init_subclass->class_method = true;
  cls->dict->setStr("__init_subclass__", init_subclass);
  as<ModuleObject>(m).dict->setStr("_PlaceholderType", cls);
  as<ModuleObject>(m).dict->setStr("Placeholder", mod.placeholder);
}

// ---- cmp_to_key ----

struct KeyState : NativeState {
  Value cmp, object;  // object null: the key function itself
};

void installCmpToKey(VM& vm, const Value& m) {
  ClassPtr cls = makeNativeType(vm, "functools", "KeyWrapper");
  cls->no_dict = true;
  cls->dict->setStr("__hash__", none());
  nativeMethod(cls, "__call__", [](VM& vm, CallArgs& a) -> Value {
    KeyState& s = nativeState<KeyState>(vm, a.args.at(0), "__call__");
    auto p = clinicParse(vm, a, {"K", {"obj"}, 0, 1}, 1);
    auto k = std::make_shared<KeyState>();
    k->cmp = s.cmp;
    k->object = p[0];
    return newNative(vm.typeOf(a.args[0]), k);
  });
  const std::pair<const char*, CmpOpKind> ops[] = {
      {"__eq__", CmpOpKind::Eq},  {"__ne__", CmpOpKind::NotEq}, {"__lt__", CmpOpKind::Lt},
      {"__le__", CmpOpKind::LtE}, {"__gt__", CmpOpKind::Gt},    {"__ge__", CmpOpKind::GtE}};
  for (auto [name, op] : ops)
    nativeMethod(cls, name, [op = op, name = name](VM& vm, CallArgs& a) -> Value {
      checkPositional(vm, a, name, 1, 1, 1);
      KeyState& x = nativeState<KeyState>(vm, a.args[0], name);
      auto* y = a.args[1]->kind == Kind::Instance
                    ? dynamic_cast<KeyState*>(as<InstanceObject>(a.args[1]).native.get())
                    : nullptr;
      if (!y) vm.raise(vm.b().type_error, "other argument must be K instance");
      if (!x.object || !y->object)
        vm.raise(vm.b().attribute_error, "object");  // (a bare KeyWrapper has no object)
      Value res = vm.call(x.cmp, {x.object, y->object});
      return vm.compare(op, res, pyInt(0));
    });
  nativeGetSet(
      cls, "obj",
      [](VM& vm, const Value& v) -> Value {
        Value o = nativeState<KeyState>(vm, v, "obj").object;
        if (!o) vm.raise(vm.b().attribute_error, "obj");
        return o;
      },
      [](VM& vm, const Value& v, const Value& o) {
        nativeState<KeyState>(vm, v, "obj").object = o;
      });
  moduleFunction(m, "cmp_to_key", [cls](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"cmp_to_key", {"mycmp"}, 0, 1});
    auto k = std::make_shared<KeyState>();
    k->cmp = p[0];
    return newNative(cls, k);
  });
}

}  // namespace

Value makeFunctoolsModule(VM& vm) {
  Value m = newNativeModule("_functools");
  auto mod = std::make_shared<FunctoolsModule>();
  if (hasPlaceholders(vm)) installPlaceholder(vm, m, *mod);
  installPartial(vm, m, mod);
  installCmpToKey(vm, m);
  moduleFunction(m, "reduce", reduce);
  return m;
}

}  // namespace gbc::interp
