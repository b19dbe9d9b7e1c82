// The builtins module: builtin classes and functions.
#include <algorithm>
#include <cmath>

#include "interp/dynamo.h"
#include "interp/format.h"
#include "interp/mod_sys.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

static Value builtin(VM& vm, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = "builtins." + name;
  b->qualname = name;
  vm.builtinsDict()->setStr(name, b);
  return b;
}

static ClassPtr makeBuiltinClass(VM& vm, const std::string& name, std::vector<ClassPtr> bases,
                                 Kind k) {
  auto c = vm.makeClass(name, std::move(bases), nullptr);
  c->module = "builtins";
  c->instance_kind = k;
  vm.b().by_name[name] = c;
  return c;
}

static void setNew(const ClassPtr& c, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>("__new__", std::move(fn));
  c->dict->setStr("__gbc_new__", b);
}

static Value argOr(CallArgs& a, size_t i, const char* kw, Value dflt) {
  if (i < a.args.size()) return a.args[i];
  if (kw)
    if (Value v = a.kw(kw)) return v;
  return dflt;
}

static Value toInt(VM& vm, const Value& v, int base) {
  switch (v->kind) {
    case Kind::Int:
      return v;
    case Kind::Bool:
      return pyInt(asInt(v));
    case Kind::Float: {
      double d = as<FloatObject>(v).v;
      if (std::isnan(d)) vm.raise(vm.b().value_error, "cannot convert float NaN to integer");
      if (std::isinf(d))
        vm.raise(vm.b().overflow_error, "cannot convert float infinity to integer");
      return pyInt(static_cast<int64_t>(d));
    }
    case Kind::Str: {
      std::string s = asStr(v);
      s.erase(0, s.find_first_not_of(" \t\n"));
      s.erase(s.find_last_not_of(" \t\n") + 1);
      std::string clean;
      for (char c : s)
        if (c != '_') clean += c;
      try {
        size_t pos = 0;
        long long r = std::stoll(clean, &pos, base);
        if (pos != clean.size()) throw std::invalid_argument("x");
        return pyInt(r);
      } catch (...) {
        vm.raise(vm.b().value_error,
                 "invalid literal for int() with base " + std::to_string(base) + ": " + vm.repr(v));
      }
    }
    case Kind::Tensor:
      return tensorToPyNumber(vm, v, true);
    default:
      break;
  }
  if (Value m = vm.typeOf(v)->lookup("__int__")) return vm.call(m, {v});
  if (Value m = vm.typeOf(v)->lookup("__index__")) return vm.call(m, {v});
  vm.raise(vm.b().type_error,
           "int() argument must be a string, a bytes-like object or a real number, not '" +
               vm.typeOf(v)->name + "'");
}

static Value toFloat(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::Float:
      return v;
    case Kind::Int:
    case Kind::Bool:
      return pyFloat(static_cast<double>(asInt(v)));
    case Kind::Str: {
      std::string s = asStr(v);
      s.erase(0, s.find_first_not_of(" \t\n"));
      s.erase(s.find_last_not_of(" \t\n") + 1);
      std::string low = s;
      std::transform(low.begin(), low.end(), low.begin(), ::tolower);
      if (low == "inf" || low == "+inf" || low == "infinity") return pyFloat(INFINITY);
      if (low == "-inf" || low == "-infinity") return pyFloat(-INFINITY);
      if (low == "nan" || low == "+nan" || low == "-nan") return pyFloat(NAN);
      try {
        size_t pos = 0;
        double d = std::stod(s, &pos);
        if (pos != s.size()) throw std::invalid_argument("x");
        return pyFloat(d);
      } catch (...) {
        vm.raise(vm.b().value_error, "could not convert string to float: " + vm.repr(v));
      }
    }
    case Kind::Tensor:
      return tensorToPyNumber(vm, v, false);
    default:
      break;
  }
  if (Value m = vm.typeOf(v)->lookup("__float__")) return vm.call(m, {v});
  vm.raise(vm.b().type_error,
           "float() argument must be a string or a real number, not '" + vm.typeOf(v)->name + "'");
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

void installBuiltinFunctions(VM& vm);
void installNativeMethods(VM& vm);

void installBuiltinClasses(VM& vm) {
  auto& B = vm.b();
  B.object = vm.makeClass("object", {}, nullptr);
  B.object->module = "builtins";
  B.by_name["object"] = B.object;
  B.type = makeBuiltinClass(vm, "type", {B.object}, Kind::Class);
  B.int_ = makeBuiltinClass(vm, "int", {B.object}, Kind::Int);
  B.bool_ = makeBuiltinClass(vm, "bool", {B.int_}, Kind::Bool);
  B.float_ = makeBuiltinClass(vm, "float", {B.object}, Kind::Float);
  B.str = makeBuiltinClass(vm, "str", {B.object}, Kind::Str);
  B.bytes = makeBuiltinClass(vm, "bytes", {B.object}, Kind::Bytes);
  B.tuple = makeBuiltinClass(vm, "tuple", {B.object}, Kind::Tuple);
  B.list = makeBuiltinClass(vm, "list", {B.object}, Kind::List);
  B.dict = makeBuiltinClass(vm, "dict", {B.object}, Kind::Dict);
  B.set = makeBuiltinClass(vm, "set", {B.object}, Kind::Set);
  B.frozenset = makeBuiltinClass(vm, "frozenset", {B.object}, Kind::Set);
  B.slice = makeBuiltinClass(vm, "slice", {B.object}, Kind::Slice);
  B.range = makeBuiltinClass(vm, "range", {B.object}, Kind::Range);
  B.none_type = makeBuiltinClass(vm, "NoneType", {B.object}, Kind::None);
  B.function = makeBuiltinClass(vm, "function", {B.object}, Kind::Function);
  B.builtin_function =
      makeBuiltinClass(vm, "builtin_function_or_method", {B.object}, Kind::Builtin);
  B.method = makeBuiltinClass(vm, "method", {B.object}, Kind::BoundMethod);
  B.module = makeBuiltinClass(vm, "module", {B.object}, Kind::Module);
  B.cell = makeBuiltinClass(vm, "cell", {B.object}, Kind::Cell);
  B.iterator = makeBuiltinClass(vm, "iterator", {B.object}, Kind::Iterator);
  B.generator = makeBuiltinClass(vm, "generator", {B.object}, Kind::Generator);
  B.property = makeBuiltinClass(vm, "property", {B.object}, Kind::Property);
  B.staticmethod = makeBuiltinClass(vm, "staticmethod", {B.object}, Kind::StaticMethod);
  B.classmethod = makeBuiltinClass(vm, "classmethod", {B.object}, Kind::ClassMethod);
  B.super_ = makeBuiltinClass(vm, "super", {B.object}, Kind::Super);
  B.ellipsis = makeBuiltinClass(vm, "ellipsis", {B.object}, Kind::Ellipsis);
  B.notimplemented = makeBuiltinClass(vm, "NotImplementedType", {B.object}, Kind::NotImplemented);
  B.code = makeBuiltinClass(vm, "code", {B.object}, Kind::Code);

  auto exc = [&](const std::string& name, const ClassPtr& base) {
    auto c = vm.makeClass(name, {base}, nullptr);
    c->module = "builtins";
    c->is_exception = true;
    B.by_name[name] = c;
    vm.builtinsDict()->setStr(name, c);
    return c;
  };
  B.base_exception = vm.makeClass("BaseException", {B.object}, nullptr);
  B.base_exception->module = "builtins";
  B.base_exception->is_exception = true;
  B.by_name["BaseException"] = B.base_exception;
  vm.builtinsDict()->setStr("BaseException", B.base_exception);
  B.exception = exc("Exception", B.base_exception);
  B.keyboard_interrupt = exc("KeyboardInterrupt", B.base_exception);
  B.generator_exit = exc("GeneratorExit", B.base_exception);
  B.type_error = exc("TypeError", B.exception);
  B.value_error = exc("ValueError", B.exception);
  B.attribute_error = exc("AttributeError", B.exception);
  B.name_error = exc("NameError", B.exception);
  B.unbound_local_error = exc("UnboundLocalError", B.name_error);
  B.lookup_error = exc("LookupError", B.exception);
  B.key_error = exc("KeyError", B.lookup_error);
  B.index_error = exc("IndexError", B.lookup_error);
  B.arithmetic_error = exc("ArithmeticError", B.exception);
  B.zero_division_error = exc("ZeroDivisionError", B.arithmetic_error);
  B.overflow_error = exc("OverflowError", B.arithmetic_error);
  B.runtime_error = exc("RuntimeError", B.exception);
  B.not_implemented_error = exc("NotImplementedError", B.runtime_error);
  B.recursion_error = exc("RecursionError", B.runtime_error);
  B.assertion_error = exc("AssertionError", B.exception);
  B.stop_iteration = exc("StopIteration", B.exception);
  B.import_error = exc("ImportError", B.exception);
  B.module_not_found_error = exc("ModuleNotFoundError", B.import_error);
  B.os_error = exc("OSError", B.exception);
  B.file_not_found_error = exc("FileNotFoundError", B.os_error);
  B.warning = exc("Warning", B.exception);
  B.user_warning = exc("UserWarning", B.warning);
  B.deprecation_warning = exc("DeprecationWarning", B.warning);
  exc("RuntimeWarning", B.warning);
  exc("FutureWarning", B.warning);
  exc("StopAsyncIteration", B.exception);
  exc("EnvironmentError", B.exception);
  exc("IOError", B.os_error);
  exc("PermissionError", B.os_error);
  exc("TimeoutError", B.os_error);
  exc("UnicodeError", B.value_error);
  exc("SystemError", B.exception);
  exc("BufferError", B.exception);
  exc("EOFError", B.exception);
  exc("MemoryError", B.exception);
  exc("ReferenceError", B.exception);

  for (auto& [name, cls] : B.by_name)
    if (!cls->is_exception) vm.builtinsDict()->setStr(name, cls);
  vm.builtinsDict()->erase(pyStr("function"));
  vm.builtinsDict()->erase(pyStr("builtin_function_or_method"));
  vm.builtinsDict()->erase(pyStr("method"));
  vm.builtinsDict()->erase(pyStr("module"));
  vm.builtinsDict()->erase(pyStr("cell"));
  vm.builtinsDict()->erase(pyStr("iterator"));
  vm.builtinsDict()->erase(pyStr("generator"));
  vm.builtinsDict()->erase(pyStr("code"));
  vm.builtinsDict()->erase(pyStr("NoneType"));
  vm.builtinsDict()->erase(pyStr("ellipsis"));
  vm.builtinsDict()->erase(pyStr("NotImplementedType"));

  // constructors of builtin types
  setNew(B.int_, [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() < 2) return pyInt(0);
    Value base = argOr(a, 2, "base", pyInt(10));
    return toInt(vm, a.args[1], static_cast<int>(asInt(base)));
  });
  setNew(B.float_, [](VM& vm, CallArgs& a) -> Value {
    return a.args.size() < 2 ? pyFloat(0) : toFloat(vm, a.args[1]);
  });
  setNew(B.bool_, [](VM& vm, CallArgs& a) -> Value {
    return pyBool(a.args.size() >= 2 && vm.truthy(a.args[1]));
  });
  setNew(B.str, [](VM& vm, CallArgs& a) -> Value {
    return pyStr(a.args.size() < 2 ? "" : vm.str(a.args[1]));
  });
  setNew(B.tuple, [](VM& vm, CallArgs& a) -> Value {
    return pyTuple(a.args.size() < 2 ? std::vector<Value>{} : vm.toVector(a.args[1]));
  });
  setNew(B.list, [](VM& vm, CallArgs& a) -> Value {
    return pyList(a.args.size() < 2 ? std::vector<Value>{} : vm.toVector(a.args[1]));
  });
  setNew(B.set, [](VM& vm, CallArgs& a) -> Value {
    auto s = std::make_shared<SetObject>();
    if (a.args.size() >= 2)
      for (Value& v : vm.toVector(a.args[1])) s->add(v);
    return s;
  });
  setNew(B.frozenset, [](VM& vm, CallArgs& a) -> Value {
    auto s = std::make_shared<SetObject>();
    s->frozen = true;
    if (a.args.size() >= 2)
      for (Value& v : vm.toVector(a.args[1])) s->add(v);
    return s;
  });
  setNew(B.dict, [](VM& vm, CallArgs& a) -> Value {
    auto d = newDict();
    if (a.args.size() >= 2) {
      const Value& src = a.args[1];
      if (src->kind == Kind::Dict) {
        as<DictObject>(src).forEach([&](const Value& k, const Value& v) { d->set(k, v); });
      } else {
        for (Value& kv : vm.toVector(src)) {
          auto pair = vm.toVector(kv);
          if (pair.size() != 2)
            vm.raise(vm.b().value_error, "dictionary update sequence element has wrong length");
          d->set(pair[0], pair[1]);
        }
      }
    }
    for (auto& [k, v] : a.kwargs) d->setStr(k, v);
    return d;
  });
  setNew(B.range, [](VM& vm, CallArgs& a) -> Value {
    std::vector<int64_t> n;
    for (size_t i = 1; i < a.args.size(); ++i) {
      const Value& v = a.args[i];
      if (v->kind == Kind::Tensor)
        n.push_back(asInt(tensorToPyNumber(vm, v, true)));
      else if (!isInt(v))
        vm.raise(vm.b().type_error,
                 "'" + vm.typeOf(v)->name + "' object cannot be interpreted as an integer");
      else
        n.push_back(asInt(v));
    }
    if (n.empty()) vm.raise(vm.b().type_error, "range expected at least 1 argument, got 0");
    if (n.size() == 1) return std::make_shared<RangeObject>(0, n[0], 1);
    int64_t step = n.size() > 2 ? n[2] : 1;
    if (step == 0) vm.raise(vm.b().value_error, "range() arg 3 must not be zero");
    return std::make_shared<RangeObject>(n[0], n[1], step);
  });
  setNew(B.slice, [](VM&, CallArgs& a) -> Value {
    if (a.args.size() == 2) return std::make_shared<SliceObject>(none(), a.args[1], none());
    return std::make_shared<SliceObject>(a.args[1], a.args[2],
                                         a.args.size() > 3 ? a.args[3] : none());
  });
  setNew(B.object, [](VM&, CallArgs& a) -> Value {
    return std::make_shared<InstanceObject>(std::static_pointer_cast<ClassObject>(a.args[0]));
  });
  setNew(B.type, [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() == 2) return vm.typeOf(a.args[1]);
    std::vector<ClassPtr> bases;
    for (Value& v : vm.toVector(a.args[2]))
      bases.push_back(std::static_pointer_cast<ClassObject>(v));
    auto d = newDict();
    as<DictObject>(a.args[3]).forEach([&](const Value& k, const Value& v) { d->set(k, v); });
    return vm.makeClass(asStr(a.args[1]), bases, d);
  });
  setNew(B.property, [](VM&, CallArgs& a) -> Value {
    auto p = std::make_shared<PropertyObject>();
    p->fget = argOr(a, 1, "fget", nullptr);
    p->fset = argOr(a, 2, "fset", nullptr);
    if (p->fset && isNone(p->fset)) p->fset = nullptr;
    return p;
  });
  setNew(B.staticmethod,
         [](VM&, CallArgs& a) -> Value { return std::make_shared<StaticMethodObject>(a.args[1]); });
  setNew(B.classmethod,
         [](VM&, CallArgs& a) -> Value { return std::make_shared<ClassMethodObject>(a.args[1]); });
  setNew(B.super_, [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() >= 3)
      return std::make_shared<SuperObject>(std::static_pointer_cast<ClassObject>(a.args[1]),
                                           a.args[2]);
    Frame* f = vm.top();
    if (!f || !f->func || f->fast.empty()) vm.raise(vm.b().runtime_error, "super(): no arguments");
    auto cls = f->func->defining_class.lock();
    if (!cls) vm.raise(vm.b().runtime_error, "super(): __class__ cell not found");
    Value self = f->fast[0];
    if (!self) {
      // the first argument may live in a cell
      if (!f->cells.empty() && f->cells[0]->v) self = f->cells[0]->v;
    }
    return std::make_shared<SuperObject>(cls, self);
  });
  auto exc_init = std::make_shared<BuiltinObject>("__init__", [](VM&, CallArgs& a) -> Value {
    auto& inst = as<InstanceObject>(a.args[0]);
    std::vector<Value> rest(a.args.begin() + 1, a.args.end());
    inst.dict->setStr("args", pyTuple(std::move(rest)));
    return none();
  });
  B.base_exception->dict->setStr("__init__", exc_init);
  B.object->dict->setStr(
      "__init__",
      std::make_shared<BuiltinObject>("__init__", [](VM&, CallArgs&) -> Value { return none(); }));
  B.object->dict->setStr(
      "__setattr__",
      std::make_shared<BuiltinObject>("__setattr__", [](VM& vm, CallArgs& a) -> Value {
        if (a.args[0]->kind == Kind::Instance) {
          auto& inst = as<InstanceObject>(a.args[0]);
          vm.dynamo().journalDict(vm, inst.dict, asStr(a.args[1]));
          inst.dict->setStr(asStr(a.args[1]), a.args[2]);
          return none();
        }
        vm.setAttr(a.args[0], asStr(a.args[1]), a.args[2]);
        return none();
      }));
  B.object->dict->setStr(
      "__getattribute__",
      std::make_shared<BuiltinObject>("__getattribute__", [](VM& vm, CallArgs& a) -> Value {
        if (a.args[0]->kind == Kind::Instance) {
          auto& inst = as<InstanceObject>(a.args[0]);
          if (Value v = inst.dict->getStr(asStr(a.args[1]))) return v;
        }
        return vm.getAttr(a.args[0], asStr(a.args[1]));
      }));
  B.object->dict->setStr(
      "__new__", std::make_shared<BuiltinObject>("__new__", [](VM&, CallArgs& a) -> Value {
        return std::make_shared<InstanceObject>(std::static_pointer_cast<ClassObject>(a.args[0]));
      }));
  installBuiltinFunctions(vm);
  installNativeMethods(vm);
}

void installBuiltinFunctions(VM& vm) {
  builtin(vm, "print", [](VM& vm, CallArgs& a) -> Value {
    std::string sep = " ", end = "\n";
    if (Value s = a.kw("sep"); s && !isNone(s)) sep = asStr(s);
    if (Value e = a.kw("end"); e && !isNone(e)) end = asStr(e);
    std::string out;
    for (size_t i = 0; i < a.args.size(); ++i) {
      if (i) out += sep;
      out += vm.str(a.args[i]);
    }
    out += end;
    Value flush = a.kw("flush");
    printTo(vm, a.kw("file"), out, flush && vm.truthy(flush));  // (mod_sys.h)
    return none();
  });
  builtin(vm, "len", [](VM& vm, CallArgs& a) -> Value { return pyInt(vm.len(a.args.at(0))); });
  builtin(vm, "repr", [](VM& vm, CallArgs& a) -> Value { return pyStr(vm.repr(a.args.at(0))); });
  builtin(vm, "ascii", [](VM& vm, CallArgs& a) -> Value { return pyStr(vm.repr(a.args.at(0))); });
  builtin(vm, "format", [](VM& vm, CallArgs& a) -> Value {
    return pyStr(formatValue(vm, a.args.at(0), a.args.size() > 1 ? asStr(a.args[1]) : ""));
  });
  builtin(vm, "__gbc_percent_format__", [](VM& vm, CallArgs& a) -> Value {
    return pyStr(percentFormat(vm, asStr(a.args[0]), a.args[1]));
  });
  builtin(vm, "isinstance", [](VM& vm, CallArgs& a) -> Value {
    const Value& t = a.args.at(1);
    std::vector<Value> types =
        t->kind == Kind::Tuple ? as<TupleObject>(t).items : std::vector<Value>{t};
    for (const Value& c : types)
      if (c->kind == Kind::Class && vm.isInstance(a.args[0], &as<ClassObject>(c)))
        return pyBool(true);
    return pyBool(false);
  });
  builtin(vm, "issubclass", [](VM& vm, CallArgs& a) -> Value {
    const Value& t = a.args.at(1);
    if (a.args[0]->kind != Kind::Class)
      vm.raise(vm.b().type_error, "issubclass() arg 1 must be a class");
    std::vector<Value> types =
        t->kind == Kind::Tuple ? as<TupleObject>(t).items : std::vector<Value>{t};
    for (const Value& c : types)
      if (c->kind == Kind::Class && as<ClassObject>(a.args[0]).isSubclassOf(&as<ClassObject>(c)))
        return pyBool(true);
    return pyBool(false);
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
  builtin(vm, "callable", [](VM& vm, CallArgs& a) -> Value {
    Kind k = a.args.at(0)->kind;
    bool c = k == Kind::Function || k == Kind::Builtin || k == Kind::BoundMethod ||
             k == Kind::Class || (k == Kind::Instance && vm.typeOf(a.args[0])->lookup("__call__"));
    return pyBool(c);
  });
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
  builtin(vm, "divmod", [](VM& vm, CallArgs& a) -> Value {
    return pyTuple({vm.binaryOp(syntax::BinOpKind::FloorDiv, a.args[0], a.args[1]),
                    vm.binaryOp(syntax::BinOpKind::Mod, a.args[0], a.args[1])});
  });
  builtin(vm, "pow", [](VM& vm, CallArgs& a) -> Value {
    return vm.binaryOp(syntax::BinOpKind::Pow, a.args.at(0), a.args.at(1));
  });
  builtin(vm, "min", [](VM& vm, CallArgs& a) -> Value { return minMax(vm, a, false); });
  builtin(vm, "max", [](VM& vm, CallArgs& a) -> Value { return minMax(vm, a, true); });
  builtin(vm, "sum", [](VM& vm, CallArgs& a) -> Value {
    Value acc = argOr(a, 1, "start", pyInt(0));
    for (Value& v : vm.toVector(a.args.at(0))) acc = vm.binaryOp(syntax::BinOpKind::Add, acc, v);
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
  builtin(vm, "chr", [](VM&, CallArgs& a) -> Value {
    int64_t c = asInt(a.args.at(0));
    std::string s;
    if (c < 0x80)
      s += static_cast<char>(c);
    else if (c < 0x800) {
      s += static_cast<char>(0xc0 | (c >> 6));
      s += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      s += static_cast<char>(0xe0 | (c >> 12));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (c & 0x3f));
    } else {
      s += static_cast<char>(0xf0 | (c >> 18));
      s += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (c & 0x3f));
    }
    return pyStr(s);
  });
  builtin(vm, "ord", [](VM&, CallArgs& a) -> Value {
    const std::string& s = asStr(a.args.at(0));
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) return pyInt(c);
    int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
    int64_t cp = c & (0x3f >> n);
    for (int i = 1; i <= n; ++i)
      cp = (cp << 6) | (static_cast<unsigned char>(s[static_cast<size_t>(i)]) & 0x3f);
    return pyInt(cp);
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
    Value d = vm.getAttrOrNull(a.args.at(0), "__dict__");
    if (d && d->kind == Kind::Dict)
      as<DictObject>(d).forEach([&](const Value& k, const Value&) { names.push_back(k); });
    return pyList(std::move(names));
  });
  builtin(vm, "__build_class__", [](VM& vm, CallArgs& a) -> Value {
    Value body = a.args.at(0);
    std::string name = asStr(a.args.at(1));
    std::vector<ClassPtr> bases;
    for (size_t i = 2; i < a.args.size(); ++i) {
      if (a.args[i]->kind != Kind::Class) vm.unsupported("class base that is not a class");
      bases.push_back(std::static_pointer_cast<ClassObject>(a.args[i]));
    }
    auto& fn = as<FunctionObject>(body);
    auto ns = newDict();
    auto f = std::make_shared<Frame>();
    f->code = fn.code;
    f->name = fn.code->name;
    f->globals = fn.globals;
    f->locals = ns;
    f->fast.assign(fn.code->varnames.size(), nullptr);
    for (size_t i = 0; i < fn.code->cellvars.size(); ++i)
      f->cells.push_back(std::make_shared<CellObject>());
    for (auto& c : fn.closure) f->cells.push_back(c);
    vm.eval(*f);
    Value classcell = ns->getStr("__classcell__");
    if (classcell) ns->erase(pyStr("__classcell__"));
    ClassPtr cls = vm.makeClass(name, bases, ns);
    if (classcell && classcell->kind == Kind::Cell) as<CellObject>(classcell).v = cls;
    // __class__ cell for super() in methods that reference it
    for (size_t i = 0; i < fn.code->cellvars.size(); ++i)
      if (fn.code->cellvars[i] == "__class__") f->cells[i]->v = cls;
    for (auto& base : bases)
      if (Value isc = base->lookup("__init_subclass__"); isc && isc->kind == Kind::Function)
        vm.call(isc, {cls});
    return cls;
  });
  builtin(vm, "open", [](VM& vm, CallArgs& a) -> Value {
    vm.raise(vm.b().file_not_found_error,
             "[Errno 2] No such file or directory: " + vm.repr(a.args.at(0)));
  });
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
