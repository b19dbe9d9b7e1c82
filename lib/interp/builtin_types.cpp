// The builtin classes — object, type, int, str, ..., the exceptions — as CPython has them: their
// constructors (__new__ and __init__, which work for subclasses too), their native attributes
// (getset descriptors such as type.__mro__ or function.__name__) and their methods in their
// class dicts (so `str.join`, `dict.__init__` and `object.__setattr__` exist as attributes).
#include <algorithm>
#include <cmath>

#include "interp/args.h"
#include "interp/bytes_ops.h"
#include "interp/complex.h"
#include "interp/dynamo.h"
#include "interp/range.h"
#include "interp/slicing.h"
#include "interp/text_codec.h"
#include "interp/torch_model.h"
#include "interp/vm.h"
#include "native/bigint.h"
#include "native/unicode_digits.h"

namespace gbc::interp {

void installObjectReduce(VM& vm);  // object_reduce.cpp

void installBuiltinFunctions(VM& vm);
void installNativeMethods(VM& vm);
void installDictViews(VM& vm);  // dict_views.cpp
void installSlotWrappers(VM& vm);
void installTextTypes(VM& vm);
void installExceptionAttributes(VM& vm);

namespace {

ClassPtr makeBuiltinClass(VM& vm, const std::string& name, std::vector<ClassPtr> bases, Kind k) {
  auto c = vm.makeClass(name, std::move(bases), nullptr);
  c->module = "builtins";
  c->instance_kind = k;
  c->builtin = true;
  vm.b().by_name[name] = c;
  return c;
}

/// A native method in a builtin class's dict.
Value method(const ClassPtr& c, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->qualname = c->name + "." + name;
  b->id = c->name + "." + name;
  c->dict->setStr(name, b);
  return b;
}

/// `__new__` of a builtin class: called with the class first (it does not bind).
Value staticNew(const ClassPtr& c, NativeFn fn) {
  Value b = method(c, "__new__", std::move(fn));
  as<BuiltinObject>(b).binds = false;
  return b;
}

ClassPtr classArg(VM& vm, const CallArgs& a, const char* what) {
  if (a.args.empty() || a.args[0]->kind != Kind::Class)
    vm.raise(vm.b().type_error, std::string(what) + ".__new__(X): X is not a type object");
  return std::static_pointer_cast<ClassObject>(a.args[0]);
}

/// The value a builtin __new__ made, as an instance of `cls` (a subclass: a fresh object).
Value ofClass(VM& vm, const ClassPtr& cls, Value v) {
  if (cls->builtin) return v;
  return vm.makeSubclassInstance(cls, std::move(v));
}

Value toInt(VM& vm, const Value& v, int base) {
  switch (v->kind) {
    case Kind::Int:
      return v->sub ? pyBigInt(toBigInt(v)) : v;
    case Kind::Bool:
      return pyInt(asInt(v));
    case Kind::Float: {
      double d = as<FloatObject>(v).v;
      if (std::isnan(d)) vm.raise(vm.b().value_error, "cannot convert float NaN to integer");
      if (std::isinf(d))
        vm.raise(vm.b().overflow_error, "cannot convert float infinity to integer");
      if (std::fabs(d) >= 9.2e18) return pyBigInt(native::BigInt::fromDouble(d));
      return pyInt(static_cast<int64_t>(d));
    }
    case Kind::Str:
    case Kind::Bytes: {
      // int(text, base) exactly as CPython parses it (Unicode digits and spaces too)
      std::string text = v->kind == Kind::Str ? native::transformDecimalAndSpaceToAscii(asStr(v))
                                              : as<BytesObject>(v).v;
      auto parsed = native::BigInt::parse(text, base, vm.int_max_str_digits);
      if (auto* n = std::get_if<native::BigInt>(&parsed)) return pyBigInt(std::move(*n));
      const auto& failure = std::get<native::IntParseFailure>(parsed);
      if (failure.kind == native::IntParseFailure::Kind::ExceedsDigitLimit)
        vm.raise(vm.b().value_error,
                 native::parseDigitLimitMessage(vm.int_max_str_digits, failure.digits));
      vm.raise(vm.b().value_error, native::invalidLiteralMessage(base, vm.repr(v)));
    }
    case Kind::Tensor:
      return tensorToPyNumber(vm, v, true);
    default:
      break;
  }
  for (const char* m : {"__int__", "__index__", "__trunc__"})
    if (Value f = vm.typeOf(v)->lookup(m)) {
      Value r = vm.call(vm.descrGet(f, v, vm.typeOf(v)), std::vector<Value>{});
      if (!isInt(r))
        vm.raise(vm.b().type_error,
                 std::string(m) + " returned non-int (type " + vm.typeOf(r)->name + ")");
      return r;
    }
  vm.raise(vm.b().type_error,
           "int() argument must be a string, a bytes-like object or a real number, not '" +
               vm.typeOf(v)->name + "'");
}

Value toFloat(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::Float:
      return v->sub ? pyFloat(as<FloatObject>(v).v) : v;
    case Kind::Int:
    case Kind::Bool:
      return pyFloat(asFloat(v));
    case Kind::Str: {
      std::string s = asStr(v);
      s.erase(0, s.find_first_not_of(" \t\n\r\f\v"));
      s.erase(s.find_last_not_of(" \t\n\r\f\v") + 1);
      std::string low = s;
      std::transform(low.begin(), low.end(), low.begin(), ::tolower);
      if (low == "inf" || low == "+inf" || low == "infinity" || low == "+infinity")
        return pyFloat(INFINITY);
      if (low == "-inf" || low == "-infinity") return pyFloat(-INFINITY);
      if (low == "nan" || low == "+nan" || low == "-nan") return pyFloat(NAN);
      std::string clean;
      for (char c : s)
        if (c != '_') clean += c;
      bool ok = !clean.empty() && clean.find_first_of("xXpP") == std::string::npos;
      if (ok) {
        char* end = nullptr;
        double d = std::strtod(clean.c_str(), &end);
        if (end == clean.c_str() + clean.size()) return pyFloat(d);
      }
      vm.raise(vm.b().value_error, "could not convert string to float: " + vm.repr(v));
    }
    case Kind::Tensor:
      return tensorToPyNumber(vm, v, false);
    default:
      break;
  }
  for (const char* m : {"__float__", "__index__"})
    if (Value f = vm.typeOf(v)->lookup(m)) {
      Value r = vm.call(vm.descrGet(f, v, vm.typeOf(v)), std::vector<Value>{});
      return std::string(m) == "__index__" ? pyFloat(static_cast<double>(asInt(r))) : r;
    }
  vm.raise(vm.b().type_error,
           "float() argument must be a string or a real number, not '" + vm.typeOf(v)->name + "'");
}

/// dict.update's and dict()'s argument handling (a mapping with keys(), or pairs; keywords).
void dictUpdate(VM& vm, const Value& d, CallArgs& a, size_t first, const char* who) {
  if (a.args.size() > first + 1)
    vm.raise(vm.b().type_error, std::string(who) + " expected at most 1 argument, got " +
                                    std::to_string(a.args.size() - first));
  auto& dst = as<DictObject>(d);
  if (a.args.size() > first) {
    const Value& src = a.args[first];
    if (src->kind == Kind::Dict && !vm.typeOf(src)->lookup("keys")->sub) {
      std::vector<std::pair<Value, Value>> items;
      as<DictObject>(src).forEach(
          [&](const Value& k, const Value& v) { items.emplace_back(k, v); });
      for (auto& [k, v] : items) vm.setItem(d, k, v);
    } else if (Value keys = vm.getAttrOrNull(src, "keys")) {
      for (const Value& k : vm.toVector(vm.call(keys, std::vector<Value>{})))
        vm.setItem(d, k, vm.getItem(src, k));
    } else {
      int64_t i = 0;
      Value it = vm.iter(src);
      while (Value kv = vm.next(it)) {
        std::vector<Value> pair;
        try {
          pair = vm.toVector(kv);
        } catch (PyRaise&) {
          vm.raise(vm.b().type_error, "cannot convert dictionary update sequence element #" +
                                          std::to_string(i) + " to a sequence");
        }
        if (pair.size() != 2)
          vm.raise(vm.b().value_error, "dictionary update sequence element #" + std::to_string(i) +
                                           " has length " + std::to_string(pair.size()) +
                                           "; 2 is required");
        vm.setItem(d, pair[0], pair[1]);
        ++i;
      }
    }
  }
  for (auto& [k, v] : a.kwargs) {
    if (d->sub)
      vm.setItem(d, pyStr(k), v);
    else
      dst.setStr(k, v);
  }
}

void installConstructors(VM& vm) {
  auto& B = vm.b();
  vm.object_new_ = staticNew(B.object, [](VM& vm, CallArgs& a) -> Value {
    return vm.objectNew(classArg(vm, a, "object"), a);
  });
  vm.object_init_ = method(B.object, "__init__", [](VM& vm, CallArgs& a) -> Value {
    vm.objectInit(a.args.at(0), a);
    return none();
  });
  staticNew(B.type, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr meta = classArg(vm, a, "type");
    if (a.args.size() == 2 && a.kwargs.empty()) return vm.typeOf(a.args[1]);
    return vm.typeNew(meta, a);
  });
  method(B.type, "__init__", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2 && a.args.size() != 4)
      vm.raise(vm.b().type_error, "type.__init__() takes 1 or 3 arguments");
    return none();
  });
  method(B.type, "__call__", [](VM& vm, CallArgs& a) -> Value {
    ClassPtr cls = classArg(vm, a, "type");
    CallArgs rest = a;
    rest.args.erase(rest.args.begin());
    return vm.typeCall(cls, rest);
  });
  staticNew(B.int_, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr cls = classArg(vm, a, "int");
    Value x = argOr(a, 1, nullptr, nullptr);
    Value base = argOr(a, 2, "base", nullptr);
    Value r;
    if (!x) {
      if (base) vm.raise(vm.b().type_error, "int() missing string argument");
      r = pyInt(0);
    } else if (base) {
      if (x->kind == Kind::ByteArray)  // (parsed as the bytes it holds)
        x = pyBytes(as<BytesObject>(x).v);
      if (x->kind != Kind::Str && x->kind != Kind::Bytes)
        vm.raise(vm.b().type_error, "int() can't convert non-string with explicit base");
      int64_t b = asInt(base);
      if (b != 0 && (b < 2 || b > 36))
        vm.raise(vm.b().value_error, "int() base must be >= 2 and <= 36, or 0");
      r = toInt(vm, x, static_cast<int>(b));
    } else {
      r = toInt(vm, x, 10);
    }
    if (cls->builtin) return r;
    auto sub_int = std::make_shared<IntObject>(isBigInt(r) ? 0 : asInt(r));
    if (isBigInt(r)) sub_int->big = as<IntObject>(r).big;
    return ofClass(vm, cls, sub_int);
  });
  staticNew(B.float_, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr cls = classArg(vm, a, "float");
    Value r = a.args.size() < 2 ? pyFloat(0) : toFloat(vm, a.args[1]);
    if (cls->builtin) return r;
    return ofClass(vm, cls, pyFloat(as<FloatObject>(r).v));
  });
  staticNew(B.bool_, [](VM& vm, CallArgs& a) -> Value {
    return pyBool(a.args.size() >= 2 && vm.truthy(a.args[1]));
  });
  staticNew(B.tuple, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr cls = classArg(vm, a, "tuple");
    std::vector<Value> items = a.args.size() < 2 ? std::vector<Value>{} : vm.toVector(a.args[1]);
    if (cls->builtin) return pyTuple(std::move(items));
    return ofClass(vm, cls, std::make_shared<TupleObject>(std::move(items)));
  });
  staticNew(B.frozenset, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr cls = classArg(vm, a, "frozenset");
    auto s = std::make_shared<SetObject>();
    s->frozen = true;
    if (a.args.size() >= 2)
      for (Value& v : vm.toVector(a.args[1])) s->add(v);
    return ofClass(vm, cls, s);
  });
  // mutable containers: __new__ makes an empty one, __init__ fills it (so subclasses may call
  // the base's __init__)
  staticNew(B.list, [](VM& vm, CallArgs& a) -> Value {
    return ofClass(vm, classArg(vm, a, "list"), pyList({}));
  });
  method(B.list, "__init__", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() > 2) vm.raise(vm.b().type_error, "list expected at most 1 argument");
    auto& l = as<ListObject>(a.args.at(0));
    l.items.clear();
    if (a.args.size() == 2) l.items = vm.toVector(a.args[1]);
    return none();
  });
  staticNew(B.set, [](VM& vm, CallArgs& a) -> Value {
    return ofClass(vm, classArg(vm, a, "set"), std::make_shared<SetObject>());
  });
  method(B.set, "__init__", [](VM& vm, CallArgs& a) -> Value {
    auto& s = as<SetObject>(a.args.at(0));
    s.entries.clear();
    s.index.clear();
    s.live = 0;
    if (a.args.size() == 2)
      for (Value& v : vm.toVector(a.args[1])) s.add(v);
    return none();
  });
  staticNew(B.dict, [](VM& vm, CallArgs& a) -> Value {
    return ofClass(vm, classArg(vm, a, "dict"), newDict());
  });
  method(B.dict, "__init__", [](VM& vm, CallArgs& a) -> Value {
    dictUpdate(vm, a.args.at(0), a, 1, "dict");
    return none();
  });
  staticNew(B.range, rangeNew);
  staticNew(B.slice, [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() < 2) vm.raise(vm.b().type_error, "slice expected at least 1 argument, got 0");
    if (a.args.size() == 2) return std::make_shared<SliceObject>(none(), a.args[1], none());
    return std::make_shared<SliceObject>(a.args[1], a.args[2],
                                         a.args.size() > 3 ? a.args[3] : none());
  });
  staticNew(B.property, [](VM& vm, CallArgs& a) -> Value {
    return ofClass(vm, classArg(vm, a, "property"), std::make_shared<PropertyObject>());
  });
  method(B.property, "__init__", [](VM& vm, CallArgs& a) -> Value {
    auto& p = as<PropertyObject>(a.args.at(0));
    auto opt = [&](size_t i, const char* kw) {
      Value v = argOr(a, i, kw, nullptr);
      return v && !isNone(v) ? v : nullptr;
    };
    p.fget = opt(1, "fget");
    p.fset = opt(2, "fset");
    p.fdel = opt(3, "fdel");
    p.doc = opt(4, "doc");
    if (!p.doc && p.fget)
      if (Value d = vm.getAttrOrNull(p.fget, "__doc__"); d && !isNone(d)) p.doc = d;
    return none();
  });
  staticNew(B.staticmethod, [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error, "staticmethod expected 1 argument, got " +
                                      std::to_string(a.args.empty() ? 0 : a.args.size() - 1));
    return ofClass(vm, classArg(vm, a, "staticmethod"),
                   std::make_shared<StaticMethodObject>(a.args[1]));
  });
  method(B.staticmethod, "__init__", [](VM&, CallArgs&) -> Value { return none(); });
  staticNew(B.classmethod, [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error, "classmethod expected 1 argument, got " +
                                      std::to_string(a.args.empty() ? 0 : a.args.size() - 1));
    return ofClass(vm, classArg(vm, a, "classmethod"),
                   std::make_shared<ClassMethodObject>(a.args[1]));
  });
  method(B.classmethod, "__init__", [](VM&, CallArgs&) -> Value { return none(); });
  staticNew(B.super_, [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() == 1) return vm.zeroArgSuper();
    if (a.args[1]->kind != Kind::Class)
      vm.raise(vm.b().type_error,
               "super() argument 1 must be a type, not " + vm.typeOf(a.args[1])->name);
    auto cls = std::static_pointer_cast<ClassObject>(a.args[1]);
    if (a.args.size() == 2) return std::make_shared<SuperObject>(cls, nullptr);
    const Value& obj = a.args[2];
    bool ok = vm.isInstance(obj, cls.get()) ||
              (obj->kind == Kind::Class && as<ClassObject>(obj).isSubclassOf(cls.get()));
    if (!ok)
      vm.raise(vm.b().type_error, "super(type, obj): obj (instance of " + vm.typeOf(obj)->name +
                                      ") is not an instance or subtype of type (" + cls->name +
                                      ").");
    return std::make_shared<SuperObject>(cls, obj);
  });
  method(B.super_, "__init__", [](VM&, CallArgs&) -> Value { return none(); });
  // exceptions: args from the constructor, also when a subclass's __init__ does not call up
  staticNew(B.base_exception, [](VM& vm, CallArgs& a) -> Value {
    ClassPtr cls = classArg(vm, a, "BaseException");
    auto inst = std::make_shared<InstanceObject>(cls);
    inst->dict->setStr("args", pyTuple(std::vector<Value>(a.args.begin() + 1, a.args.end())));
    return inst;
  });
  method(B.base_exception, "__init__", [](VM&, CallArgs& a) -> Value {
    auto& inst = as<InstanceObject>(a.args.at(0));
    inst.dict->setStr("args", pyTuple(std::vector<Value>(a.args.begin() + 1, a.args.end())));
    return none();
  });
}

}  // namespace

void installBuiltinClasses(VM& vm) {
  auto& B = vm.b();
  B.object = vm.makeClass("object", {}, nullptr);
  B.object->module = "builtins";
  B.object->builtin = true;
  B.by_name["object"] = B.object;
  B.type = makeBuiltinClass(vm, "type", {B.object}, Kind::Class);
  B.int_ = makeBuiltinClass(vm, "int", {B.object}, Kind::Int);
  B.bool_ = makeBuiltinClass(vm, "bool", {B.int_}, Kind::Bool);
  B.float_ = makeBuiltinClass(vm, "float", {B.object}, Kind::Float);
  B.str = makeBuiltinClass(vm, "str", {B.object}, Kind::Str);
  B.bytes = makeBuiltinClass(vm, "bytes", {B.object}, Kind::Bytes);
  B.bytearray = makeBuiltinClass(vm, "bytearray", {B.object}, Kind::ByteArray);
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
  B.getset_descriptor = makeBuiltinClass(vm, "getset_descriptor", {B.object}, Kind::GetSet);

  auto exc = [&](const std::string& name, const ClassPtr& base) {
    auto c = vm.makeClass(name, {base}, nullptr);
    c->module = "builtins";
    c->is_exception = true;
    c->builtin = true;
    B.by_name[name] = c;
    vm.builtinsDict()->setStr(name, c);
    return c;
  };
  B.base_exception = vm.makeClass("BaseException", {B.object}, nullptr);
  B.base_exception->module = "builtins";
  B.base_exception->is_exception = true;
  B.base_exception->builtin = true;
  B.by_name["BaseException"] = B.base_exception;
  vm.builtinsDict()->setStr("BaseException", B.base_exception);
  B.exception = exc("Exception", B.base_exception);
  B.keyboard_interrupt = exc("KeyboardInterrupt", B.base_exception);
  B.generator_exit = exc("GeneratorExit", B.base_exception);
  exc("SystemExit", B.base_exception);
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
  exc("FloatingPointError", B.arithmetic_error);
  B.runtime_error = exc("RuntimeError", B.exception);
  B.not_implemented_error = exc("NotImplementedError", B.runtime_error);
  B.recursion_error = exc("RecursionError", B.runtime_error);
  exc("PythonFinalizationError", B.runtime_error);
  B.assertion_error = exc("AssertionError", B.exception);
  B.stop_iteration = exc("StopIteration", B.exception);
  exc("StopAsyncIteration", B.exception);
  B.import_error = exc("ImportError", B.exception);
  B.module_not_found_error = exc("ModuleNotFoundError", B.import_error);
  B.os_error = exc("OSError", B.exception);
  vm.builtinsDict()->setStr("EnvironmentError", B.os_error);
  vm.builtinsDict()->setStr("IOError", B.os_error);
  B.file_not_found_error = exc("FileNotFoundError", B.os_error);
  for (const char* name :
       {"BlockingIOError", "ChildProcessError", "ConnectionError", "FileExistsError",
        "InterruptedError", "IsADirectoryError", "NotADirectoryError", "PermissionError",
        "ProcessLookupError", "TimeoutError"})
    exc(name, B.os_error);
  for (const char* name : {"BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError",
                           "ConnectionResetError"})
    exc(name, B.by_name["ConnectionError"]);
  B.warning = exc("Warning", B.exception);
  B.user_warning = exc("UserWarning", B.warning);
  B.deprecation_warning = exc("DeprecationWarning", B.warning);
  for (const char* name :
       {"RuntimeWarning", "FutureWarning", "PendingDeprecationWarning", "SyntaxWarning",
        "ImportWarning", "UnicodeWarning", "BytesWarning", "ResourceWarning", "EncodingWarning"})
    exc(name, B.warning);
  auto unicode_error = exc("UnicodeError", B.value_error);
  for (const char* name : {"UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError"})
    exc(name, unicode_error);
  auto syntax_error = exc("SyntaxError", B.exception);
  auto indentation_error = exc("IndentationError", syntax_error);
  exc("TabError", indentation_error);
  exc("_IncompleteInputError", syntax_error);
  for (const char* name :
       {"SystemError", "BufferError", "EOFError", "MemoryError", "ReferenceError"})
    exc(name, B.exception);

  for (auto& [name, cls] : B.by_name)
    if (!cls->is_exception) vm.builtinsDict()->setStr(name, cls);
  for (const char* hidden :
       {"function", "builtin_function_or_method", "method", "module", "cell", "iterator",
        "generator", "code", "NoneType", "ellipsis", "NotImplementedType", "getset_descriptor"})
    vm.builtinsDict()->erase(pyStr(hidden));

  installConstructors(vm);
  installExceptionAttributes(vm);
  installBuiltinFunctions(vm);
  installNativeMethods(vm);
  installDictViews(vm);
  installSlotWrappers(vm);
  installTextTypes(vm);
  installObjectReduce(vm);
  installComplex(vm);
}

}  // namespace gbc::interp
