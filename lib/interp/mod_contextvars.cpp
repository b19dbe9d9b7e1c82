// _contextvars (Python/context.c): ContextVar, Token (with 3.14's context-manager protocol),
// Context and copy_context. A Context is an immutable mapping from variables to values that
// set() replaces (CPython uses a HAMT; gbc copies a small vector, in insertion order, where
// CPython iterates in hash order); each VM has one current context, entered by Context.run.
#include "interp/clinic_args.h"
#include "interp/native_modules.h"
#include "interp/native_support.h"

namespace gbc::interp {

namespace {

using Vars = std::vector<std::pair<Value, Value>>;  // (ContextVar, value)

struct ContextState : NativeState {
  std::shared_ptr<const Vars> vars = std::make_shared<const Vars>();
  bool entered = false;
  Value prev;  // the context current before run() entered this one
  Value lookup(const Value& var) const {
    for (const auto& [k, v] : *vars)
      if (k.get() == var.get()) return v;
    return nullptr;
  }
  void set(const Value& var, const Value& value) {
    auto copy = std::make_shared<Vars>(*vars);
    bool found = false;
    for (auto& [k, v] : *copy)
      if (k.get() == var.get()) {
        v = value;
        found = true;
      }
    if (!found) copy->emplace_back(var, value);
    vars = std::move(copy);
  }
  void erase(const Value& var) {
    auto copy = std::make_shared<Vars>();
    for (const auto& kv : *vars)
      if (kv.first.get() != var.get()) copy->push_back(kv);
    vars = std::move(copy);
  }
};

struct VarState : NativeState {
  Value name, dflt;  // dflt null: none
};

struct TokenState : NativeState {
  Value ctx, var, old;  // old null: Token.MISSING
  bool used = false;
};

struct Module {
  ClassPtr context, var, token;
  Value missing;
  Value current;  // the current Context (null: none yet)

  Value newContext(std::shared_ptr<const Vars> vars) const {
    auto s = std::make_shared<ContextState>();
    s->vars = std::move(vars);
    return newNative(context, s);
  }
  /// The current context, made on first use as CPython's thread state does.
  Value currentContext() {
    if (!current) current = newContext(std::make_shared<const Vars>());
    return current;
  }
};

ContextState& ctxState(VM& vm, const Value& v, const char* what) {
  return nativeState<ContextState>(vm, v, what);
}
VarState& varState(VM& vm, const Value& v, const char* what) {
  return nativeState<VarState>(vm, v, what);
}
VarState* asVar(const Value& v) {
  if (v->kind != Kind::Instance) return nullptr;
  return dynamic_cast<VarState*>(as<InstanceObject>(v).native.get());
}

std::string address() { return "0x7f0000000000"; }

std::string varRepr(VM& vm, const Value& var) {
  VarState& s = varState(vm, var, "__repr__");
  std::string out = "<ContextVar name=" + vm.repr(s.name);
  if (s.dflt) out += " default=" + vm.repr(s.dflt);
  return out + " at " + address() + ">";
}

std::string tokenRepr(VM& vm, const Value& token) {
  auto& s = nativeState<TokenState>(vm, token, "__repr__");
  return std::string("<Token") + (s.used ? " used" : "") + " var=" + varRepr(vm, s.var) + " at " +
         address() + ">";
}

/// A mapping key of a Context: it must be a ContextVar.
const Value& varKey(VM& vm, const Value& key) {
  if (!asVar(key))
    vm.raise(vm.b().type_error, "a ContextVar key was expected, got " + vm.repr(key));
  return key;
}

Value varGet(VM& vm, Module& mod, const Value& var, const Value& dflt) {
  VarState& s = varState(vm, var, "get");
  if (mod.current)
    if (Value v = ctxState(vm, mod.current, "get").lookup(var)) return v;
  if (dflt) return dflt;
  if (s.dflt) return s.dflt;
  auto exc = std::make_shared<InstanceObject>(vm.b().lookup_error);
  exc->dict->setStr("args", pyTuple({var}));
  vm.raiseValue(exc);
}

void varReset(VM& vm, Module& mod, const Value& var, const Value& token) {
  auto* t = token->kind == Kind::Instance
                ? dynamic_cast<TokenState*>(as<InstanceObject>(token).native.get())
                : nullptr;
  if (!t) vm.raise(vm.b().type_error, "expected an instance of Token, got " + vm.repr(token));
  if (t->used) vm.raise(vm.b().runtime_error, tokenRepr(vm, token) + " has already been used once");
  if (t->var.get() != var.get())
    vm.raise(vm.b().value_error, tokenRepr(vm, token) + " was created by a different ContextVar");
  if (t->ctx.get() != mod.currentContext().get())
    vm.raise(vm.b().value_error, tokenRepr(vm, token) + " was created in a different Context");
  t->used = true;
  ContextState& ctx = ctxState(vm, mod.current, "reset");
  if (t->old)
    ctx.set(var, t->old);
  else
    ctx.erase(var);
}

void installVar(VM& vm, const Value& m, const std::shared_ptr<Module>& mod) {
  ClassPtr cls = makeNativeType(vm, "_contextvars", "ContextVar");
  cls->no_dict = true;
  mod->var = cls;
  nativeConstructor(cls, [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error,
               std::string("ContextVar() takes ") + (a.args.size() < 2 ? "exactly" : "at most") +
                   " 1 positional argument (" + std::to_string(a.args.size() - 1) + " given)");
    auto s = std::make_shared<VarState>();
    for (const auto& [k, v] : a.kwargs) {
      if (k != "default")
        vm.raise(vm.b().type_error,
                 "ContextVar() got an unexpected keyword argument '" + k + "'" +
                     (suggestName(k, {"default"}).empty() ? "" : ". Did you mean 'default'?"));
      s->dflt = v;
    }
    if (a.args[1]->kind != Kind::Str)
      vm.raise(vm.b().type_error, "context variable name must be a str");
    s->name = a.args[1];
    return newNative(constructedClass(a), s);
  });
  auto init_subclass =
      std::make_shared<BuiltinObject>("__init_subclass__", [](VM& vm, CallArgs&) -> Value {
        vm.raise(vm.b().type_error,
                 "type '_contextvars.ContextVar' is not an acceptable base type");
      });
  init_subclass->class_method = true;
  cls->dict->setStr("__init_subclass__", init_subclass);
  nativeGetSet(cls, "name", [](VM& vm, const Value& v) { return varState(vm, v, "name").name; });
  nativeMethod(cls, "get", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "get");
    checkPositional(vm, a, "get", 0, 1, 1);
    return varGet(vm, *mod, a.args[0], a.args.size() > 1 ? a.args[1] : nullptr);
  });
  nativeMethod(cls, "set", [mod](VM& vm, CallArgs& a) -> Value {
    Value value = methOneArg(vm, a, "ContextVar.set");
    varState(vm, a.args[0], "set");
    Value ctx = mod->currentContext();
    ContextState& cs = ctxState(vm, ctx, "set");
    auto t = std::make_shared<TokenState>();
    t->ctx = ctx;
    t->var = a.args[0];
    t->old = cs.lookup(a.args[0]);
    cs.set(a.args[0], value);
    return newNative(mod->token, t);
  });
  nativeMethod(cls, "reset", [mod](VM& vm, CallArgs& a) -> Value {
    Value token = methOneArg(vm, a, "ContextVar.reset");
    varState(vm, a.args[0], "reset");
    varReset(vm, *mod, a.args[0], token);
    return none();
  });
  nativeMethod(cls, "__repr__",
               [](VM& vm, CallArgs& a) -> Value { return pyStr(varRepr(vm, a.args.at(0))); });
  nativeMethod(cls, "__hash__", [](VM& vm, CallArgs& a) -> Value {
    varState(vm, a.args.at(0), "__hash__");
    return pyInt(identityHash(a.args[0].get()));
  });
  nativeClassGetItem(cls);
  as<ModuleObject>(m).dict->setStr("ContextVar", cls);
}

void installToken(VM& vm, const Value& m, const std::shared_ptr<Module>& mod) {
  ClassPtr cls = makeNativeType(vm, "_contextvars", "Token");
  cls->no_dict = true;
  mod->token = cls;
  nativeConstructor(cls, [](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().runtime_error, "Tokens can only be created by ContextVars");
  });
  auto token = [](VM& vm, const Value& v) -> TokenState& {
    return nativeState<TokenState>(vm, v, "Token");
  };
  nativeGetSet(cls, "var", [token](VM& vm, const Value& v) { return token(vm, v).var; });
  nativeGetSet(cls, "old_value", [token, mod](VM& vm, const Value& v) {
    Value old = token(vm, v).old;
    return old ? old : mod->missing;
  });
  nativeMethod(cls, "__repr__",
               [](VM& vm, CallArgs& a) -> Value { return pyStr(tokenRepr(vm, a.args.at(0))); });
  if (vm.target().python >= "3.14") {  // a context manager that resets its variable
    nativeMethod(cls, "__enter__", [token](VM& vm, CallArgs& a) -> Value {
      methNoArgs(vm, a, "Token.__enter__");
      token(vm, a.args[0]);
      return a.args[0];
    });
    nativeMethod(cls, "__exit__", [token, mod](VM& vm, CallArgs& a) -> Value {
      checkPositional(vm, a, "__exit__", 3, 3, 1);
      TokenState& t = token(vm, a.args[0]);
      varReset(vm, *mod, t.var, a.args[0]);
      return none();
    });
  }
  ClassPtr missing_cls = makeNativeType(vm, "_contextvars", "Token.MISSING");
  missing_cls->no_dict = true;
  nativeMethod(missing_cls, "__repr__",
               [](VM&, CallArgs&) -> Value { return pyStr("<Token.MISSING>"); });
  mod->missing = newNative(missing_cls, std::make_shared<NativeState>());
  cls->dict->setStr("MISSING", mod->missing);
  as<ModuleObject>(m).dict->setStr("Token", cls);
}

Value runInContext(VM& vm, Module& mod, const Value& ctx, CallArgs& a) {
  ContextState& s = ctxState(vm, ctx, "run");
  if (s.entered)
    vm.raise(vm.b().runtime_error, "cannot enter context: <_contextvars.Context object at " +
                                       address() + "> is already entered");
  if (a.args.size() < 2)
    vm.raise(vm.b().type_error, "run() missing 1 required positional argument");
  s.entered = true;
  s.prev = mod.current;
  mod.current = ctx;
  CallArgs call;
  call.args = restArgs(a, 2);
  call.kwargs = a.kwargs;
  struct Exit {
    Module& mod;
    ContextState& s;
    ~Exit() {
      mod.current = s.prev;
      s.prev = nullptr;
      s.entered = false;
    }
  } exit{mod, s};
  return vm.call(a.args[1], call);
}

void installContext(VM& vm, const Value& m, const std::shared_ptr<Module>& mod) {
  ClassPtr cls = makeNativeType(vm, "_contextvars", "Context");
  cls->no_dict = true;
  cls->dict->setStr("__hash__", none());
  mod->context = cls;
  nativeConstructor(cls, [mod](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() > 1 || !a.kwargs.empty())
      vm.raise(vm.b().type_error, "Context() does not accept any arguments");
    return mod->newContext(std::make_shared<const Vars>());
  });
  nativeMethod(cls, "run", [mod](VM& vm, CallArgs& a) -> Value {
    return runInContext(vm, *mod, a.args.at(0), a);
  });
  nativeMethod(cls, "copy", [mod](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "Context.copy");
    return mod->newContext(ctxState(vm, a.args[0], "copy").vars);
  });
  nativeMethod(cls, "__getitem__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__getitem__", 1, 1, 1);
    Value v = ctxState(vm, a.args[0], "__getitem__").lookup(varKey(vm, a.args[1]));
    if (!v) vm.raiseKeyError(a.args[1]);
    return v;
  });
  nativeMethod(cls, "__contains__", [](VM& vm, CallArgs& a) -> Value {
    checkPositional(vm, a, "__contains__", 1, 1, 1);
    return pyBool(ctxState(vm, a.args[0], "__contains__").lookup(varKey(vm, a.args[1])) != nullptr);
  });
  nativeMethod(cls, "get", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"get", {"key", "default"}, 2, 1}, 1);
    Value v = ctxState(vm, a.args[0], "get").lookup(varKey(vm, p[0]));
    return v ? v : (p[1] ? p[1] : none());
  });
  nativeMethod(cls, "__len__", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(static_cast<int64_t>(ctxState(vm, a.args.at(0), "__len__").vars->size()));
  });
  auto listOf = [](VM& vm, const Value& ctx, int which) {
    std::vector<Value> out;
    for (const auto& [k, v] : *ctxState(vm, ctx, "keys").vars)
      out.push_back(which == 0 ? k : which == 1 ? v : pyTuple({k, v}));
    return pyList(std::move(out));
  };
  nativeMethod(cls, "__iter__", [listOf](VM& vm, CallArgs& a) -> Value {
    return vm.iter(listOf(vm, a.args.at(0), 0));
  });
  const char* views[] = {"keys", "values", "items"};
  for (int i = 0; i < 3; ++i)
    nativeMethod(cls, views[i], [listOf, i, name = views[i]](VM& vm, CallArgs& a) -> Value {
      methNoArgs(vm, a, std::string("Context.") + name);
      return listOf(vm, a.args[0], i);
    });
  for (bool ne : {false, true})
    nativeMethod(cls, ne ? "__ne__" : "__eq__", [ne](VM& vm, CallArgs& a) -> Value {
      checkPositional(vm, a, ne ? "__ne__" : "__eq__", 1, 1, 1);
      const Value& other = a.args[1];
      if (other->kind != Kind::Instance ||
          !dynamic_cast<ContextState*>(as<InstanceObject>(other).native.get()))
        return notImplemented();
      const Vars& x = *ctxState(vm, a.args[0], "__eq__").vars;
      const Vars& y = *ctxState(vm, other, "__eq__").vars;
      bool eq = x.size() == y.size();
      for (size_t i = 0; eq && i < x.size(); ++i) {
        Value v = ctxState(vm, other, "__eq__").lookup(x[i].first);
        eq = v && vm.equals(x[i].second, v);
      }
      return pyBool(eq != ne);
    });
  as<ModuleObject>(m).dict->setStr("Context", cls);
}

}  // namespace

Value makeContextvarsModule(VM& vm) {
  Value m = newNativeModule("_contextvars");
  auto mod = std::make_shared<Module>();
  installContext(vm, m, mod);
  installVar(vm, m, mod);
  installToken(vm, m, mod);
  moduleFunction(m, "copy_context", [mod](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "copy_context", 0);
    return mod->newContext(ctxState(vm, mod->currentContext(), "copy_context").vars);
  });
  return m;
}

}  // namespace gbc::interp
