// The builtins module: builtin classes and functions.
#include <algorithm>
#include <cmath>

#include "interp/args.h"
#include "interp/dynamo.h"
#include "interp/eval_ext.h"
#include "interp/format.h"
#include "interp/mod_sys.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

Value builtinPow(VM& vm, CallArgs& a);
Value builtinDivmod(VM& vm, CallArgs& a);

static Value builtin(VM& vm, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->binds = false;  // a builtin function stored on a class does not bind
  b->id = "builtins." + name;
  b->qualname = name;
  vm.builtinsDict()->setStr(name, b);
  return b;
}

static Value minMax(VM& vm, CallArgs& a, bool is_max) {
  std::vector<Value> items = a.args.size() == 1 ? vm.toVector(a.args[0]) : a.args;
  Value key = a.kw("key");
  Value dflt = a.kw("default");
  if (items.empty()) {
    if (dflt) return dflt;
    vm.raise(vm.b().value_error,
             std::string(is_max ? "max" : "min") + "() iterable argument is empty");
  }
  Value best = items[0];
  Value bestk = key && !isNone(key) ? vm.call(key, {best}) : best;
  for (size_t i = 1; i < items.size(); ++i) {
    Value k = key && !isNone(key) ? vm.call(key, {items[i]}) : items[i];
    bool better =
        vm.truthy(vm.compare(is_max ? syntax::CmpOpKind::Gt : syntax::CmpOpKind::Lt, k, bestk));
    if (better) {
      best = items[i];
      bestk = k;
    }
  }
  return best;
}

static Value makeNativeIter(std::function<Value(VM&)> next, std::string type_name) {
  auto it = std::make_shared<IteratorObject>();
  it->source = IteratorObject::Source::Native;
  it->next = std::move(next);
  it->type_name = std::move(type_name);
  return it;
}

void installBuiltinClasses(VM& vm);

void installBuiltinFunctions(VM& vm) {
  builtin(vm, "print", [](VM& vm, CallArgs& a) -> Value {
    std::string sep = " ", end = "\n";
    if (Value s = a.kw("sep"); s && !isNone(s)) sep = asStr(s);
    if (Value e = a.kw("end"); e && !isNone(e)) end = asStr(e);
    // the pieces print() writes one by one: each argument's str, the separators, the end
    std::vector<std::string> pieces;
    for (size_t i = 0; i < a.args.size(); ++i) {
      if (i) pieces.push_back(sep);
      pieces.push_back(vm.str(a.args[i]));
    }
    pieces.push_back(end);
    Value flush = a.kw("flush");
    printTo(vm, a.kw("file"), pieces, flush && vm.truthy(flush));  // (mod_sys.h)
    return none();
  });
  builtin(vm, "len", [](VM& vm, CallArgs& a) -> Value { return pyInt(vm.len(a.args.at(0))); });
  builtin(vm, "repr", [](VM& vm, CallArgs& a) -> Value { return pyStr(vm.repr(a.args.at(0))); });
  builtin(vm, "isinstance", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error,
               "isinstance expected 2 arguments, got " + std::to_string(a.args.size()));
    return pyBool(vm.isInstanceHook(a.args[0], a.args[1]));
  });
  builtin(vm, "issubclass", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error,
               "issubclass expected 2 arguments, got " + std::to_string(a.args.size()));
    return pyBool(vm.isSubclassHook(a.args[0], a.args[1]));
  });
  builtin(vm, "hasattr", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(vm.hasAttr(a.args.at(0), asStr(a.args.at(1))));
  });
  builtin(vm, "getattr", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() > 2) {
      Value v = vm.getAttrOrNull(a.args[0], asStr(a.args[1]));
      return v ? v : a.args[2];
    }
    return vm.getAttr(a.args.at(0), asStr(a.args.at(1)));
  });
  builtin(vm, "setattr", [](VM& vm, CallArgs& a) -> Value {
    vm.setAttr(a.args.at(0), asStr(a.args.at(1)), a.args.at(2));
    return none();
  });
  builtin(vm, "delattr", [](VM& vm, CallArgs& a) -> Value {
    vm.delAttr(a.args.at(0), asStr(a.args.at(1)));
    return none();
  });
  builtin(vm, "callable",
          [](VM& vm, CallArgs& a) -> Value { return pyBool(vm.isCallable(a.args.at(0))); });
  builtin(vm, "id", [](VM&, CallArgs& a) -> Value {
    return pyInt(
        static_cast<int64_t>(reinterpret_cast<uintptr_t>(a.args.at(0).get()) & 0x7fffffffffff));
  });
  builtin(vm, "hash", [](VM& vm, CallArgs& a) -> Value { return pyInt(vm.hash(a.args.at(0))); });
  builtin(vm, "abs", [](VM& vm, CallArgs& a) -> Value {
    const Value& v = a.args.at(0);
    if (v->kind == Kind::Int || v->kind == Kind::Bool) return pyInt(std::llabs(asInt(v)));
    if (v->kind == Kind::Float) return pyFloat(std::fabs(as<FloatObject>(v).v));
    if (v->kind == Kind::Tensor) return tensorCallMethod(vm, v, "abs", {});
    if (Value m = vm.typeOf(v)->lookup("__abs__")) return vm.call(m, {v});
    vm.raise(vm.b().type_error, "bad operand type for abs(): '" + vm.typeOf(v)->name + "'");
  });
  builtin(vm, "round", [](VM& vm, CallArgs& a) -> Value {
    const Value& v = a.args.at(0);
    Value nd = argOr(a, 1, "ndigits", none());
    if (v->kind == Kind::Tensor) return tensorCallMethod(vm, v, "round", {});
    double d = asFloat(v);
    if (isNone(nd)) {
      double r = std::nearbyint(d);
      return pyInt(static_cast<int64_t>(r));
    }
    double m = std::pow(10.0, static_cast<double>(asInt(nd)));
    double r = std::nearbyint(d * m) / m;
    if (isInt(v)) return pyInt(static_cast<int64_t>(r));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(std::max<int64_t>(0, asInt(nd))), d);
    return pyFloat(std::strtod(buf, nullptr));
  });
  builtin(vm, "divmod", builtinDivmod);  // builtins_pow.cpp
  builtin(vm, "pow", builtinPow);
  builtin(vm, "min", [](VM& vm, CallArgs& a) -> Value { return minMax(vm, a, false); });
  builtin(vm, "max", [](VM& vm, CallArgs& a) -> Value { return minMax(vm, a, true); });
  builtin(vm, "sum", [](VM& vm, CallArgs& a) -> Value {
    Value acc = argOr(a, 1, "start", pyInt(0));
    Value it = vm.iter(a.args.at(0));
    while (Value v = vm.next(it)) {
      if (acc->kind == Kind::Float && !acc->sub) {
        // CPython's float path: Neumaier-compensated over floats and plain ints, rounded once
        // where it ends (so sum([0.1] * 10) == 1.0)
        double f = as<FloatObject>(acc).v, c = 0.0;
        for (; v; v = vm.next(it)) {
          double x;
          if (v->kind == Kind::Float && !v->sub)
            x = as<FloatObject>(v).v;
          else if ((v->kind == Kind::Int && !v->sub && !isBigInt(v) &&
                    !as<IntObject>(v).symbolic()) ||
                   (v->kind == Kind::Bool && !v->sub))
            x = static_cast<double>(asInt(v));
          else
            break;
          double t = f + x;
          c += std::fabs(f) >= std::fabs(x) ? (f - t) + x : (x - t) + f;
          f = t;
        }
        if (c != 0.0 && std::isfinite(c)) f += c;
        acc = pyFloat(f);
        if (!v) break;
      }
      acc = vm.binaryOp(syntax::BinOpKind::Add, acc, v);
    }
    return acc;
  });
  builtin(vm, "any", [](VM& vm, CallArgs& a) -> Value {
    Value it = vm.iter(a.args.at(0));
    while (Value v = vm.next(it))
      if (vm.truthy(v)) return pyBool(true);
    return pyBool(false);
  });
  builtin(vm, "all", [](VM& vm, CallArgs& a) -> Value {
    Value it = vm.iter(a.args.at(0));
    while (Value v = vm.next(it))
      if (!vm.truthy(v)) return pyBool(false);
    return pyBool(true);
  });
  builtin(vm, "iter", [](VM& vm, CallArgs& a) -> Value { return vm.iter(a.args.at(0)); });
  builtin(vm, "next", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() == 1) return nextOrStop(vm, a.args[0]);  // (StopIteration.value: eval_ext.h)
    Value v = vm.next(a.args.at(0));
    if (v) return v;
    if (a.args.size() > 1) return a.args[1];
    vm.raise(vm.b().stop_iteration, "");
  });
  builtin(vm, "enumerate", [](VM& vm, CallArgs& a) -> Value {
    Value it = vm.iter(a.args.at(0));
    int64_t start = asInt(argOr(a, 1, "start", pyInt(0)));
    auto i = std::make_shared<int64_t>(start);
    return makeNativeIter(
        [it, i](VM& vm) -> Value {
          Value v = vm.next(it);
          if (!v) return nullptr;
          return pyTuple({pyInt((*i)++), v});
        },
        "enumerate");
  });
  builtin(vm, "zip", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> its;
    for (Value& v : a.args) its.push_back(vm.iter(v));
    return makeNativeIter(
        [its](VM& vm) -> Value {
          if (its.empty()) return nullptr;
          std::vector<Value> row;
          for (const Value& it : its) {
            Value v = vm.next(it);
            if (!v) return nullptr;
            row.push_back(v);
          }
          return pyTuple(std::move(row));
        },
        "zip");
  });
  builtin(vm, "map", [](VM& vm, CallArgs& a) -> Value {
    Value fn = a.args.at(0);
    std::vector<Value> its;
    for (size_t i = 1; i < a.args.size(); ++i) its.push_back(vm.iter(a.args[i]));
    return makeNativeIter(
        [fn, its](VM& vm) -> Value {
          std::vector<Value> row;
          for (const Value& it : its) {
            Value v = vm.next(it);
            if (!v) return nullptr;
            row.push_back(v);
          }
          return vm.call(fn, std::move(row));
        },
        "map");
  });
  builtin(vm, "filter", [](VM& vm, CallArgs& a) -> Value {
    Value fn = a.args.at(0);
    Value it = vm.iter(a.args.at(1));
    return makeNativeIter(
        [fn, it](VM& vm) -> Value {
          while (Value v = vm.next(it))
            if (isNone(fn) ? vm.truthy(v) : vm.truthy(vm.call(fn, {v}))) return v;
          return nullptr;
        },
        "filter");
  });
  builtin(vm, "reversed", [](VM& vm, CallArgs& a) -> Value {
    // a type's own __reversed__ (deque's) first, as CPython's reversed() does
    if (Value m = vm.special(a.args.at(0), "__reversed__")) return vm.callSpecial(m, a.args[0], {});
    if (a.args[0]->kind == Kind::Range)  // (a range of any size, without listing it)
      return vm.callSpecial(vm.b().range->lookup("__reversed__"), a.args[0], {});
    std::vector<Value> items = vm.toVector(a.args.at(0));
    std::reverse(items.begin(), items.end());
    auto l = pyList(std::move(items));
    return vm.iter(l);
  });
  builtin(vm, "sorted", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> items = vm.toVector(a.args.at(0));
    Value key = a.kw("key");
    bool rev = a.kw("reverse") && vm.truthy(a.kw("reverse"));
    std::vector<std::pair<Value, Value>> keyed;
    for (Value& v : items) keyed.emplace_back(key && !isNone(key) ? vm.call(key, {v}) : v, v);
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) {
      return rev ? vm.truthy(vm.compare(syntax::CmpOpKind::Lt, y.first, x.first))
                 : vm.truthy(vm.compare(syntax::CmpOpKind::Lt, x.first, y.first));
    });
    std::vector<Value> out;
    for (auto& kv : keyed) out.push_back(kv.second);
    return pyList(std::move(out));
  });
  builtin(vm, "globals", [](VM& vm, CallArgs&) -> Value { return vm.top()->globals; });
  builtin(vm, "locals", [](VM& vm, CallArgs&) -> Value {
    Frame* f = vm.top();
    if (f->locals) return f->locals;
    auto d = newDict();
    for (size_t i = 0; i < f->fast.size(); ++i)
      if (f->fast[i]) d->setStr(f->code->varnames[i], f->fast[i]);
    return d;
  });
  builtin(vm, "vars",
          [](VM& vm, CallArgs& a) -> Value { return vm.getAttr(a.args.at(0), "__dict__"); });
  builtin(vm, "dir", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> names;
    if (a.args.empty()) {  // the caller's local names
      Frame* f = vm.top();
      if (f->locals)
        f->locals->forEach([&](const Value& k, const Value&) { names.push_back(k); });
      else
        for (size_t i = 0; i < f->fast.size(); ++i)
          if (f->fast[i]) names.push_back(pyStr(f->code->varnames[i]));
    } else {
      // type(obj).__dir__(obj)
      const Value& obj = a.args[0];
      ClassPtr type = vm.typeOf(obj);
      Value d = type->lookup("__dir__");
      if (!d) vm.raise(vm.b().type_error, "object does not provide __dir__");
      names = vm.toVector(vm.call(vm.descrGet(d, obj, type), std::vector<Value>{}));
    }
    std::stable_sort(names.begin(), names.end(), [&](const Value& x, const Value& y) {
      return vm.truthy(vm.compare(syntax::CmpOpKind::Lt, x, y));
    });
    return pyList(std::move(names));
  });
  builtin(vm, "__build_class__", [](VM& vm, CallArgs& a) -> Value { return vm.buildClass(a); });
  builtin(vm, "input", [](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().by_name["EOFError"], "EOF when reading a line");
  });
  vm.builtinsDict()->setStr("None", none());
  vm.builtinsDict()->setStr("Ellipsis", ellipsis());
  vm.builtinsDict()->setStr("NotImplemented", notImplemented());
  vm.builtinsDict()->setStr("__name__", pyStr("builtins"));
  vm.builtinsDict()->setStr("__debug__", pyBool(true));
}

}  // namespace gbc::interp
