// The native attributes of builtin types, as getset descriptors in their class dicts: an
// object's __class__; a class's __name__, __qualname__, __module__, __bases__, __mro__, __dict__,
// __doc__; a function's __name__, __defaults__, __code__, ...; an exception's __cause__ and
// __context__; a code object's co_* fields; property's fget/fset/fdel; and the methods of
// `type` (mro, __subclasses__, __instancecheck__, ...), `function.__get__` and `property`'s.
#include "interp/dynamo.h"
#include "interp/frame_object.h"
#include "interp/range.h"
#include "interp/vm.h"

namespace gbc::interp {

Value mappingProxy(VM& vm, const Value& mapping);

namespace {

void getset(const ClassPtr& c, const std::string& name, GetSetObject::Getter get,
            GetSetObject::Setter set = nullptr) {
  auto gs = std::make_shared<GetSetObject>(name, std::move(get), std::move(set));
  gs->owner = c->name;
  c->dict->setStr(name, gs);
}

Value method(const ClassPtr& c, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->qualname = c->name + "." + name;
  b->id = c->name + "." + name;
  c->dict->setStr(name, b);
  return b;
}

ClassPtr cls(const Value& v) { return std::static_pointer_cast<ClassObject>(v); }

Value strOrRaise(VM& vm, const Value& v, const std::string& what) {
  if (!v || v->kind != Kind::Str)
    vm.raise(vm.b().type_error, "can only assign string to " + what + ", not '" +
                                    (v ? vm.typeOf(v)->name : std::string("NoneType")) + "'");
  return v;
}

void typeGetSets(VM& vm) {
  const ClassPtr& T = vm.b().type;
  getset(
      T, "__name__", [](VM&, const Value& c) -> Value { return pyStr(cls(c)->name); },
      [](VM& vm, const Value& c, const Value& v) {
        cls(c)->name = asStr(strOrRaise(vm, v, cls(c)->name + ".__name__"));
      });
  getset(
      T, "__qualname__", [](VM&, const Value& c) -> Value { return pyStr(cls(c)->qualname); },
      [](VM& vm, const Value& c, const Value& v) {
        cls(c)->qualname = asStr(strOrRaise(vm, v, cls(c)->name + ".__qualname__"));
      });
  getset(
      T, "__module__",
      [](VM&, const Value& c) -> Value {
        if (Value m = cls(c)->dict->getStr("__module__")) return m;
        return pyStr(cls(c)->module.empty() ? "builtins" : cls(c)->module);
      },
      [](VM& vm, const Value& c, const Value& v) {
        if (cls(c)->builtin)
          vm.raise(vm.b().type_error,
                   "cannot set '__module__' attribute of immutable type '" + cls(c)->name + "'");
        cls(c)->dict->setStr("__module__", v);
        if (v && v->kind == Kind::Str) cls(c)->module = asStr(v);
      });
  getset(T, "__bases__", [](VM&, const Value& c) -> Value {
    return pyTuple(std::vector<Value>(cls(c)->bases.begin(), cls(c)->bases.end()));
  });
  getset(T, "__base__", [](VM& vm, const Value& c) -> Value {
    // the solid base: the first base whose instances have a native layout, else the first
    const auto& bases = cls(c)->bases;
    if (bases.empty()) return none();
    for (const ClassPtr& b : bases)
      if (b->instance_kind != Kind::Instance) return b;
    (void)vm;
    return bases.front();
  });
  getset(T, "__mro__", [](VM&, const Value& c) -> Value {
    return pyTuple(std::vector<Value>(cls(c)->mro.begin(), cls(c)->mro.end()));
  });
  getset(T, "__dict__",
         [](VM& vm, const Value& c) -> Value { return mappingProxy(vm, cls(c)->dict); });
  getset(
      T, "__doc__",
      [](VM& vm, const Value& c) -> Value {
        Value d = cls(c)->dict->getStr("__doc__");
        if (!d) return none();
        return vm.descrGet(d, nullptr, cls(c));
      },
      [](VM& vm, const Value& c, const Value& v) {  // (type_set_doc: heap types only)
        if (cls(c)->builtin)
          vm.raise(vm.b().type_error,
                   "cannot set '__doc__' attribute of immutable type '" + cls(c)->name + "'");
        if (!v)
          vm.raise(vm.b().type_error,
                   "cannot delete '__doc__' attribute of immutable type '" + cls(c)->name + "'");
        cls(c)->dict->setStr("__doc__", v);
        ++classDictEpoch();
      });
  getset(
      T, "__abstractmethods__",
      [](VM& vm, const Value& c) -> Value {
        Value v = cls(c)->dict->getStr("__abstractmethods__");
        if (!v || cls(c) == vm.b().type) vm.raise(vm.b().attribute_error, "__abstractmethods__");
        return v;
      },
      [](VM& vm, const Value& c, const Value& v) {
        if (v)
          cls(c)->dict->setStr("__abstractmethods__", v);
        else if (!cls(c)->dict->erase(pyStr("__abstractmethods__")))
          vm.raise(vm.b().attribute_error, "__abstractmethods__");
      });
  getset(T, "__flags__", [](VM&, const Value& c) -> Value {
    // Py_TPFLAGS_HEAPTYPE for classes made by class statements, BASETYPE, and the subclass bits
    int64_t flags = (1 << 10);
    if (!cls(c)->builtin) flags |= (1 << 9);
    auto is = [&](Kind k) { return cls(c)->instance_kind == k; };
    if (is(Kind::Int)) flags |= 1L << 24;
    if (is(Kind::List)) flags |= 1L << 25;
    if (is(Kind::Tuple)) flags |= 1L << 26;
    if (is(Kind::Bytes)) flags |= 1L << 27;
    if (is(Kind::Str)) flags |= 1L << 28;
    if (is(Kind::Dict)) flags |= 1L << 29;
    if (cls(c)->is_exception) flags |= 1L << 30;
    if (is(Kind::Class)) flags |= 1L << 31;
    return pyInt(flags);
  });
  getset(T, "__text_signature__", [](VM&, const Value&) -> Value { return none(); });
  method(T, "__dir__", [](VM&, CallArgs& a) -> Value {
    // the names of the class and its bases (not of the metaclass), as type.__dir__
    auto names = std::make_shared<SetObject>();
    for (const ClassPtr& c : cls(a.args.at(0))->mro)
      c->dict->forEach([&](const Value& k, const Value&) { names->add(k); });
    std::vector<Value> out;
    for (const Value& v : names->entries)
      if (v) out.push_back(v);
    return pyList(std::move(out));
  });
  method(vm.b().module, "__dir__", [](VM& vm, CallArgs& a) -> Value {
    auto& m = as<ModuleObject>(a.args.at(0));
    if (Value d = m.dict->getStr("__dir__")) return vm.call(d, std::vector<Value>{});
    std::vector<Value> out;
    m.dict->forEach([&](const Value& k, const Value&) { out.push_back(k); });
    return pyList(std::move(out));
  });
  method(T, "mro", [](VM&, CallArgs& a) -> Value {
    auto& mro = cls(a.args.at(0))->mro;
    return pyList(std::vector<Value>(mro.begin(), mro.end()));
  });
  method(T, "__subclasses__", [](VM&, CallArgs& a) -> Value {
    std::vector<Value> out;
    for (const auto& w : cls(a.args.at(0))->subclasses)
      if (ClassPtr s = w.lock()) out.push_back(s);
    return pyList(std::move(out));
  });
  method(T, "__instancecheck__", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(vm.realIsInstance(a.args.at(1), a.args.at(0)));
  });
  method(T, "__subclasscheck__", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.at(1)->kind != Kind::Class)
      vm.raise(vm.b().type_error, "issubclass() arg 1 must be a class");
    return pyBool(cls(a.args[1])->isSubclassOf(cls(a.args.at(0)).get()));
  });
  Value prepare = method(T, "__prepare__", [](VM&, CallArgs&) -> Value { return newDict(); });
  as<BuiltinObject>(prepare).class_method = true;
  method(T, "__repr__",
         [](VM& vm, CallArgs& a) -> Value { return pyStr(vm.reprNative(a.args.at(0))); });
  method(T, "__or__", [](VM& vm, CallArgs& a) -> Value {
    if (Value u = vm.builtinsDict()->getStr("__gbc_union__"))
      return vm.call(u, {a.args.at(0), a.args.at(1)});
    return notImplemented();
  });
  method(T, "__ror__", [](VM& vm, CallArgs& a) -> Value {
    if (Value u = vm.builtinsDict()->getStr("__gbc_union__"))
      return vm.call(u, {a.args.at(1), a.args.at(0)});
    return notImplemented();
  });
}

FunctionObject& fn(const Value& f) { return as<FunctionObject>(f); }

void functionGetSets(VM& vm) {
  const ClassPtr& F = vm.b().function;
  getset(
      F, "__name__", [](VM&, const Value& f) -> Value { return pyStr(fn(f).name); },
      [](VM& vm, const Value& f, const Value& v) {
        fn(f).name = asStr(strOrRaise(vm, v, "__name__"));
      });
  getset(
      F, "__qualname__", [](VM&, const Value& f) -> Value { return pyStr(fn(f).qualname); },
      [](VM& vm, const Value& f, const Value& v) {
        fn(f).qualname = asStr(strOrRaise(vm, v, "__qualname__"));
      });
  getset(
      F, "__module__",
      [](VM&, const Value& f) -> Value { return fn(f).module_name ? fn(f).module_name : none(); },
      [](VM&, const Value& f, const Value& v) { fn(f).module_name = v ? v : none(); });
  getset(
      F, "__defaults__",
      [](VM&, const Value& f) -> Value {
        return fn(f).defaults.empty() ? none() : pyTuple(fn(f).defaults);
      },
      [](VM& vm, const Value& f, const Value& v) {
        if (v && !isNone(v) && v->kind != Kind::Tuple)
          vm.raise(vm.b().type_error, "__defaults__ must be set to a tuple object");
        fn(f).defaults = !v || isNone(v) ? std::vector<Value>{} : as<TupleObject>(v).items;
      });
  getset(
      F, "__kwdefaults__",
      [](VM&, const Value& f) -> Value {
        return fn(f).kwdefaults ? Value(fn(f).kwdefaults) : none();
      },
      [](VM& vm, const Value& f, const Value& v) {
        if (v && !isNone(v) && v->kind != Kind::Dict)
          vm.raise(vm.b().type_error, "__kwdefaults__ must be set to a dict object");
        fn(f).kwdefaults = !v || isNone(v) ? nullptr : std::static_pointer_cast<DictObject>(v);
      });
  getset(
      F, "__code__",
      [](VM&, const Value& f) -> Value { return std::make_shared<CodeValue>(fn(f).code); },
      [](VM& vm, const Value& f, const Value& v) {
        if (!v || v->kind != Kind::Code)
          vm.raise(vm.b().type_error, "__code__ must be set to a code object");
        fn(f).code = as<CodeValue>(v).code;
      });
  getset(F, "__globals__", [](VM&, const Value& f) -> Value { return fn(f).globals; });
  getset(F, "__builtins__", [](VM& vm, const Value&) -> Value { return vm.builtinsDict(); });
  getset(F, "__closure__", [](VM&, const Value& f) -> Value {
    if (fn(f).closure.empty()) return none();
    return pyTuple(std::vector<Value>(fn(f).closure.begin(), fn(f).closure.end()));
  });
  method(F, "__get__", [](VM&, CallArgs& a) -> Value {
    Value inst = a.args.size() > 1 ? a.args[1] : none();
    if (isNone(inst)) return a.args.at(0);
    return std::make_shared<BoundMethodObject>(inst, a.args[0]);
  });
  const ClassPtr& M = vm.b().method;
  getset(M, "__self__", [](VM&, const Value& m) -> Value { return as<BoundMethodObject>(m).self; });
  getset(M, "__func__", [](VM&, const Value& m) -> Value { return as<BoundMethodObject>(m).func; });
  const ClassPtr& BF = vm.b().builtin_function;
  getset(BF, "__name__",
         [](VM&, const Value& f) -> Value { return pyStr(as<BuiltinObject>(f).name); });
  getset(BF, "__qualname__", [](VM&, const Value& f) -> Value {
    auto& b = as<BuiltinObject>(f);
    return pyStr(b.qualname.empty() ? b.name : b.qualname);
  });
  getset(BF, "__self__", [](VM&, const Value& f) -> Value {
    auto& b = as<BuiltinObject>(f);
    return b.self ? b.self : none();
  });
  getset(BF, "__module__", [](VM&, const Value& f) -> Value {
    auto& b = as<BuiltinObject>(f);
    if (b.attrs)
      if (Value m = b.attrs->getStr("__module__")) return m;
    size_t dot = b.id.rfind('.');
    if (b.self || dot == std::string::npos) return none();
    return pyStr(b.id.substr(0, dot));
  });
  getset(BF, "__doc__", [](VM&, const Value& f) -> Value {
    auto& b = as<BuiltinObject>(f);
    if (b.attrs)
      if (Value d = b.attrs->getStr("__doc__")) return d;
    return none();
  });
  getset(BF, "__text_signature__", [](VM&, const Value&) -> Value { return none(); });
}

InstanceObject& exc(const Value& e) { return as<InstanceObject>(e); }

void exceptionGetSets(VM& vm) {
  const ClassPtr& E = vm.b().base_exception;
  getset(
      E, "args",
      [](VM&, const Value& e) -> Value {
        Value a = exc(e).dict->getStr("args");
        return a ? a : pyTuple({});
      },
      [](VM& vm, const Value& e, const Value& v) {
        exc(e).dict->setStr("args", pyTuple(v ? vm.toVector(v) : std::vector<Value>{}));
      });
  getset(
      E, "__cause__",
      [](VM&, const Value& e) -> Value { return exc(e).cause ? exc(e).cause : none(); },
      [](VM& vm, const Value& e, const Value& v) {
        if (v && !isNone(v) && !vm.isInstance(v, vm.b().base_exception.get()))
          vm.raise(vm.b().type_error, "exception cause must be None or derive from BaseException");
        exc(e).cause = v && !isNone(v) ? v : nullptr;
        exc(e).suppress_context = true;
      });
  getset(
      E, "__context__",
      [](VM&, const Value& e) -> Value { return exc(e).context ? exc(e).context : none(); },
      [](VM&, const Value& e, const Value& v) { exc(e).context = v && !isNone(v) ? v : nullptr; });
  getset(
      E, "__suppress_context__",
      [](VM&, const Value& e) -> Value { return pyBool(exc(e).suppress_context); },
      [](VM& vm, const Value& e, const Value& v) { exc(e).suppress_context = v && vm.truthy(v); });
  getset(
      E, "__traceback__",
      [](VM& vm, const Value& e) -> Value {
        // one the program set (with_traceback, assignment), else the VM's own record
        if (Value tb = exc(e).dict->getStr("__gbc_traceback__")) return tb;
        return makeTracebackObject(vm, exc(e).traceback);
      },
      [](VM&, const Value& e, const Value& v) {
        exc(e).dict->setStr("__gbc_traceback__", v ? v : none());
      });
  method(E, "with_traceback", [](VM&, CallArgs& a) -> Value {
    exc(a.args.at(0)).dict->setStr("__gbc_traceback__", a.args.at(1));
    return a.args[0];
  });
  method(E, "add_note", [](VM& vm, CallArgs& a) -> Value {
    Value note = a.args.at(1);
    if (note->kind != Kind::Str)
      vm.raise(vm.b().type_error, "note must be a str, not '" + vm.typeOf(note)->name + "'");
    Value notes = exc(a.args[0]).dict->getStr("__notes__");
    if (!notes) {
      notes = pyList({});
      exc(a.args[0]).dict->setStr("__notes__", notes);
    }
    if (notes->kind != Kind::List)
      vm.raise(vm.b().type_error, "Cannot add note: __notes__ is not a list");
    as<ListObject>(notes).items.push_back(note);
    return none();
  });
}

void codeGetSets(VM& vm) {
  const ClassPtr& C = vm.b().code;
  auto strings = [](const std::vector<std::string>& v) {
    std::vector<Value> out;
    for (const std::string& s : v) out.push_back(pyStr(s));
    return pyTuple(std::move(out));
  };
  auto code = [](const Value& c) -> const CodeObject& { return *as<CodeValue>(c).code; };
  getset(C, "co_name", [code](VM&, const Value& c) -> Value { return pyStr(code(c).name); });
  getset(C, "co_qualname",
         [code](VM&, const Value& c) -> Value { return pyStr(code(c).qualname); });
  getset(C, "co_filename",
         [code](VM&, const Value& c) -> Value { return pyStr(code(c).filename); });
  getset(C, "co_firstlineno",
         [code](VM&, const Value& c) -> Value { return pyInt(code(c).firstlineno); });
  getset(C, "co_argcount",
         [code](VM&, const Value& c) -> Value { return pyInt(code(c).argcount); });
  getset(C, "co_posonlyargcount",
         [code](VM&, const Value& c) -> Value { return pyInt(code(c).posonlyargcount); });
  getset(C, "co_kwonlyargcount",
         [code](VM&, const Value& c) -> Value { return pyInt(code(c).kwonlyargcount); });
  getset(C, "co_nlocals", [code](VM&, const Value& c) -> Value {
    return pyInt(static_cast<int64_t>(code(c).varnames.size()));
  });
  getset(C, "co_varnames",
         [code, strings](VM&, const Value& c) -> Value { return strings(code(c).varnames); });
  getset(C, "co_cellvars",
         [code, strings](VM&, const Value& c) -> Value { return strings(code(c).cellvars); });
  getset(C, "co_freevars",
         [code, strings](VM&, const Value& c) -> Value { return strings(code(c).freevars); });
  getset(C, "co_names",
         [code, strings](VM&, const Value& c) -> Value { return strings(code(c).names); });
  getset(C, "co_flags", [code](VM&, const Value& c) -> Value { return pyInt(code(c).co_flags); });
  // Positions per instruction of gbc's own bytecode, as f_lasti / tb_lasti (2 * instruction)
  // count them, so traceback's _get_code_position finds each instruction's span
  method(C, "co_positions", [code](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> out;
    for (const Instr& in : code(a.args.at(0)).code) {
      const syntax::Span& p = in.pos;
      if (p.line == 0) {
        out.push_back(pyTuple({none(), none(), none(), none()}));
        continue;
      }
      bool cols = p.end_line != 0;
      out.push_back(pyTuple({pyInt(p.line), pyInt(cols ? p.end_line : p.line),
                             cols ? pyInt(p.col) : none(), cols ? pyInt(p.end_col) : none()}));
    }
    return vm.iter(pyList(std::move(out)));
  });
  // (start, end, line) byte ranges of runs of instructions on one line (PEP 626)
  method(C, "co_lines", [code](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> out;
    const auto& instrs = code(a.args.at(0)).code;
    for (size_t i = 0; i < instrs.size();) {
      size_t j = i + 1;
      while (j < instrs.size() && instrs[j].pos.line == instrs[i].pos.line) ++j;
      uint32_t line = instrs[i].pos.line;
      out.push_back(pyTuple({pyInt(static_cast<int64_t>(2 * i)), pyInt(static_cast<int64_t>(2 * j)),
                             line ? pyInt(line) : none()}));
      i = j;
    }
    return vm.iter(pyList(std::move(out)));
  });
}

void propertyMembers(VM& vm) {
  const ClassPtr& P = vm.b().property;
  auto prop = [](const Value& p) -> PropertyObject& { return as<PropertyObject>(p); };
  auto orNone = [](const Value& v) { return v ? v : none(); };
  getset(P, "fget", [=](VM&, const Value& p) -> Value { return orNone(prop(p).fget); });
  getset(P, "fset", [=](VM&, const Value& p) -> Value { return orNone(prop(p).fset); });
  getset(P, "fdel", [=](VM&, const Value& p) -> Value { return orNone(prop(p).fdel); });
  getset(
      P, "__doc__", [=](VM&, const Value& p) -> Value { return orNone(prop(p).doc); },
      [=](VM&, const Value& p, const Value& v) { prop(p).doc = v; });
  getset(P, "__name__", [=](VM& vm, const Value& p) -> Value {
    if (prop(p).name) return prop(p).name;
    if (prop(p).fget) return vm.getAttr(prop(p).fget, "__name__");
    vm.raise(vm.b().attribute_error, "'property' object has no attribute '__name__'");
  });
  getset(P, "__isabstractmethod__", [=](VM& vm, const Value& p) -> Value {
    for (const Value& f : {prop(p).fget, prop(p).fset, prop(p).fdel})
      if (f)
        if (Value a = vm.getAttrOrNull(f, "__isabstractmethod__"); a && vm.truthy(a))
          return pyBool(true);
    return pyBool(false);
  });
  // getter / setter / deleter: a copy of the property with one accessor replaced
  for (int which = 0; which < 3; ++which) {
    const char* name = which == 0 ? "getter" : which == 1 ? "setter" : "deleter";
    method(P, name, [which](VM& vm, CallArgs& a) -> Value {
      auto& old = as<PropertyObject>(a.args.at(0));
      auto copy = std::make_shared<PropertyObject>(old);
      (which == 0 ? copy->fget : which == 1 ? copy->fset : copy->fdel) = a.args.at(1);
      if (which == 0 && !old.doc)
        if (Value d = vm.getAttrOrNull(a.args[1], "__doc__"); d && !isNone(d)) copy->doc = d;
      copy->sub = old.sub;
      return copy;
    });
  }
  method(P, "__get__", [](VM& vm, CallArgs& a) -> Value {
    Value obj = a.args.size() > 1 ? a.args[1] : none();
    return vm.descrGet(a.args.at(0), obj, isNone(obj) ? nullptr : vm.typeOf(obj));
  });
  method(P, "__set__", [](VM& vm, CallArgs& a) -> Value {
    vm.descrSet(a.args.at(0), a.args.at(1), a.args.at(2));
    return none();
  });
  method(P, "__delete__", [](VM& vm, CallArgs& a) -> Value {
    vm.descrSet(a.args.at(0), a.args.at(1), nullptr);
    return none();
  });
  method(P, "__set_name__", [](VM&, CallArgs& a) -> Value {
    as<PropertyObject>(a.args.at(0)).name = a.args.at(2);
    return none();
  });
  for (const ClassPtr& c : {vm.b().staticmethod, vm.b().classmethod}) {
    bool is_static = c == vm.b().staticmethod;
    auto func = [is_static](const Value& m) -> Value {
      return is_static ? as<StaticMethodObject>(m).func : as<ClassMethodObject>(m).func;
    };
    getset(c, "__func__", [func](VM&, const Value& m) -> Value { return func(m); });
    getset(c, "__wrapped__", [func](VM&, const Value& m) -> Value { return func(m); });
    getset(c, "__isabstractmethod__", [func](VM& vm, const Value& m) -> Value {
      Value a = vm.getAttrOrNull(func(m), "__isabstractmethod__");
      return pyBool(a && vm.truthy(a));
    });
    method(c, "__get__", [](VM& vm, CallArgs& a) -> Value {
      Value obj = a.args.size() > 1 ? a.args[1] : none();
      Value type = a.args.size() > 2 && !isNone(a.args[2]) ? a.args[2]
                   : isNone(obj)                           ? Value(nullptr)
                                                           : Value(vm.typeOf(obj));
      return vm.descrGet(a.args.at(0), obj,
                         type ? std::static_pointer_cast<ClassObject>(type) : nullptr);
    });
  }
}

void valueGetSets(VM& vm) {
  auto& B = vm.b();
  getset(
      B.object, "__class__", [](VM& vm, const Value& o) -> Value { return vm.typeOf(o); },
      [](VM& vm, const Value& o, const Value& v) {
        if (!v || v->kind != Kind::Class)
          vm.raise(vm.b().type_error, "__class__ must be set to a class");
        auto target = std::static_pointer_cast<ClassObject>(v);
        if (o->kind == Kind::Instance && target->instance_kind == Kind::Instance &&
            !target->builtin) {
          as<InstanceObject>(o).cls = target;
          return;
        }
        if (o->sub && target->instance_kind == o->kind && !target->builtin) {
          o->sub->cls = target;
          return;
        }
        vm.raise(vm.b().type_error,
                 "__class__ assignment only supported for mutable types or "
                 "ModuleType subclasses");
      });
  getset(B.object, "__doc__", [](VM&, const Value&) -> Value { return none(); });
  installRange(vm);
  auto slice = [](const Value& s) -> SliceObject& { return as<SliceObject>(s); };
  getset(B.slice, "start", [=](VM&, const Value& s) -> Value { return slice(s).start; });
  getset(B.slice, "stop", [=](VM&, const Value& s) -> Value { return slice(s).stop; });
  getset(B.slice, "step", [=](VM&, const Value& s) -> Value { return slice(s).step; });
  // (int(i): a bool's is an int, a big int's the same big int)
  getset(B.int_, "real", [](VM&, const Value& i) -> Value { return pyBigInt(toBigInt(i)); });
  getset(B.int_, "imag", [](VM&, const Value&) -> Value { return pyInt(0); });
  getset(B.int_, "numerator", [](VM&, const Value& i) -> Value { return pyBigInt(toBigInt(i)); });
  getset(B.int_, "denominator", [](VM&, const Value&) -> Value { return pyInt(1); });
  getset(B.float_, "real",
         [](VM&, const Value& f) -> Value { return pyFloat(as<FloatObject>(f).v); });
  getset(B.float_, "imag", [](VM&, const Value&) -> Value { return pyFloat(0); });
  getset(
      B.cell, "cell_contents",
      [](VM& vm, const Value& c) -> Value {
        if (!as<CellObject>(c).v) vm.raise(vm.b().value_error, "Cell is empty");
        return as<CellObject>(c).v;
      },
      [](VM&, const Value& c, const Value& v) { as<CellObject>(c).v = v; });
}

}  // namespace

void VM::installSlotMember(const ClassPtr& cls, const std::string& name) {
  // a __slots__ member: stored in the instance's dict under its name, but a data descriptor, so
  // reading it unset is an AttributeError and other names cannot be set (no_dict classes)
  auto gs = std::make_shared<GetSetObject>(
      name,
      [name](VM& vm, const Value& o) -> Value {
        DictPtr d = vm.instanceDict(o, false);
        if (Value v = d ? d->getStr(name) : nullptr) return v;
        vm.raise(vm.b().attribute_error,
                 "'" + vm.typeOf(o)->name + "' object has no attribute '" + name + "'");
      },
      [name](VM& vm, const Value& o, const Value& v) {
        DictPtr d = vm.instanceDict(o, true);
        if (!d) vm.raise(vm.b().attribute_error, name);
        vm.dynamo().journalDict(vm, d, name);
        if (v) {
          d->setStr(name, v);
        } else if (!d->erase(pyStr(name))) {
          vm.raise(vm.b().attribute_error,
                   "'" + vm.typeOf(o)->name + "' object has no attribute '" + name + "'");
        }
      });
  gs->owner = cls->name;
  cls->dict->setStr(name, gs);
}

/// A getset descriptor's own attributes (what inspect.getattr_static reads).
static void descriptorGetSets(VM& vm) {
  const ClassPtr& D = vm.b().getset_descriptor;
  auto gs = [](const Value& d) -> const GetSetObject& { return as<GetSetObject>(d); };
  getset(D, "__name__", [=](VM&, const Value& d) -> Value { return pyStr(gs(d).name); });
  getset(D, "__qualname__", [=](VM&, const Value& d) -> Value {
    return pyStr(gs(d).owner.empty() ? gs(d).name : gs(d).owner + "." + gs(d).name);
  });
  getset(D, "__objclass__", [=](VM& vm, const Value& d) -> Value {
    auto& by_name = vm.b().by_name;
    if (auto it = by_name.find(gs(d).owner); it != by_name.end()) return it->second;
    if (Value c = vm.builtinsDict()->getStr(gs(d).owner); c && c->kind == Kind::Class) return c;
    vm.unsupported("`getset_descriptor.__objclass__` of " + gs(d).owner + "." + gs(d).name);
  });
}

void installAnnotationGetSets(VM& vm);  // annotations.cpp

void installGetSets(VM& vm) {
  typeGetSets(vm);
  functionGetSets(vm);
  exceptionGetSets(vm);
  codeGetSets(vm);
  propertyMembers(vm);
  valueGetSets(vm);
  descriptorGetSets(vm);
  installAnnotationGetSets(vm);  // __annotations__, __annotate__, __type_params__, function __doc__
}

}  // namespace gbc::interp
