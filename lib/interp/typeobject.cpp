// Classes as CPython makes and calls them: the class statement (__build_class__ with
// __mro_entries__, the metaclass, __prepare__), type.__new__ (C3 MRO, __slots__, __classcell__,
// __set_name__, __init_subclass__), type.__call__ (__new__ then __init__), object.__new__ and
// object.__init__ with CPython's excess-argument rules, and zero-argument super().
#include "interp/dynamo.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

ClassPtr asClass(const Value& v) { return std::static_pointer_cast<ClassObject>(v); }

/// C3 linearisation of `cls` over its bases (CPython's mro_internal); empty when inconsistent.
std::vector<ClassPtr> c3(const ClassPtr& cls) {
  std::vector<std::vector<ClassPtr>> seqs;
  for (const ClassPtr& base : cls->bases) seqs.push_back(base->mro);
  seqs.push_back(cls->bases);
  std::vector<ClassPtr> out{cls};
  for (;;) {
    bool empty = true;
    for (const auto& s : seqs)
      if (!s.empty()) empty = false;
    if (empty) return out;
    ClassPtr cand;
    for (const auto& s : seqs) {
      if (s.empty()) continue;
      const ClassPtr& head = s.front();
      bool in_tail = false;
      for (const auto& t : seqs)
        for (size_t i = 1; i < t.size() && !in_tail; ++i) in_tail = t[i] == head;
      if (!in_tail) {
        cand = head;
        break;
      }
    }
    if (!cand) return {};
    out.push_back(cand);
    for (auto& s : seqs)
      if (!s.empty() && s.front() == cand) s.erase(s.begin());
  }
}

}  // namespace

ClassPtr VM::makeClass(const std::string& name, std::vector<ClassPtr> bases, DictPtr dict) {
  auto cls = std::make_shared<ClassObject>();
  cls->name = name;
  cls->qualname = name;
  cls->dict = dict ? dict : newDict();
  cls->dict->class_dict = true;
  ++classDictEpoch();
  if (bases.empty() && b().object) bases.push_back(b().object);
  cls->bases = bases;
  cls->mro = c3(cls);
  if (cls->mro.empty()) {
    std::string names;
    for (const ClassPtr& base : bases) names += (names.empty() ? "" : ", ") + base->name;
    raise(b().type_error,
          "Cannot create a consistent method resolution order (MRO) for bases " + names);
  }
  // instances have no __dict__ when the class has __slots__ (without "__dict__", see typeNew)
  // and no base gives them one (builtin bases and slotted classes do not)
  bool no_dict = true;
  for (auto& base : bases) {
    if (base->is_exception) cls->is_exception = true;
    if (base->instance_kind != Kind::Instance && base->instance_kind != Kind::Class)
      cls->instance_kind = base->instance_kind;
    if (base->instance_kind == Kind::Class && base->builtin) cls->instance_kind = Kind::Class;
    no_dict = no_dict && (base->builtin || base->no_dict);
    base->subclasses.push_back(cls);
  }
  cls->no_dict = no_dict && cls->dict->getStr("__slots__") != nullptr;
  if (Value m = cls->dict->getStr("__module__"); m && m->kind == Kind::Str) cls->module = asStr(m);
  if (Value q = cls->dict->getStr("__qualname__"); q && q->kind == Kind::Str)
    cls->qualname = asStr(q);
  // functions defined in the body learn their class (super(), __class__)
  cls->dict->forEach([&](const Value&, const Value& v) {
    Value fnv = v;
    if (v->kind == Kind::StaticMethod) fnv = as<StaticMethodObject>(v).func;
    if (v->kind == Kind::ClassMethod) fnv = as<ClassMethodObject>(v).func;
    if (v->kind == Kind::Property && as<PropertyObject>(v).fget) fnv = as<PropertyObject>(v).fget;
    if (fnv && fnv->kind == Kind::Function) as<FunctionObject>(fnv).defining_class = cls;
  });
  return cls;
}

ClassPtr VM::mostDerivedMetaclass(ClassPtr meta, const std::vector<ClassPtr>& bases) {
  for (const ClassPtr& base : bases) {
    ClassPtr bm = typeOf(base);
    if (meta->isSubclassOf(bm.get())) continue;
    if (bm->isSubclassOf(meta.get())) {
      meta = bm;
      continue;
    }
    raise(b().type_error,
          "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass "
          "of the metaclasses of all its bases");
  }
  return meta;
}

Value VM::typeNew(const ClassPtr& requested, CallArgs& a) {
  // type.__new__(metatype, name, bases, namespace, **kwds)
  if (a.args.size() != 4)
    raise(b().type_error, "type.__new__() takes exactly 3 arguments (" +
                              std::to_string(a.args.empty() ? 0 : a.args.size() - 1) + " given)");
  if (a.args[1]->kind != Kind::Str)
    raise(b().type_error, "type.__new__() argument 1 must be str, not " + typeOf(a.args[1])->name);
  if (a.args[2]->kind != Kind::Tuple)
    raise(b().type_error,
          "type.__new__() argument 2 must be tuple, not " + typeOf(a.args[2])->name);
  if (a.args[3]->kind != Kind::Dict)
    raise(b().type_error, "type.__new__() argument 3 must be dict, not " + typeOf(a.args[3])->name);
  std::string name = asStr(a.args[1]);
  std::vector<ClassPtr> bases;
  for (const Value& v : as<TupleObject>(a.args[2]).items) {
    if (v->kind != Kind::Class) {
      if (getAttrOrNull(v, "__mro_entries__"))
        raise(b().type_error, "type() doesn't support MRO entry resolution; use types.new_class()");
      raise(b().type_error, "bases must be types");
    }
    ClassPtr base = asClass(v);
    if (base->builtin && (base == b().bool_ || base == b().none_type || base == b().range ||
                          base == b().slice || base == b().function || base == b().generator))
      raise(b().type_error, "type '" + base->name + "' is not an acceptable base type");
    bases.push_back(base);
  }
  ClassPtr meta = mostDerivedMetaclass(requested, bases);
  if (meta != requested) {
    // a more derived metaclass with its own __new__ makes the class (type_new's "winner")
    Value nw = meta->lookup("__new__");
    if (nw && nw->kind == Kind::StaticMethod) nw = as<StaticMethodObject>(nw).func;
    if (nw && nw.get() != object_new_.get() && nw != b().type->dict->getStr("__new__")) {
      CallArgs w;
      w.args = {meta, a.args[1], a.args[2], a.args[3]};
      w.kwargs = a.kwargs;
      return call(nw, w);
    }
  }
  auto dict = newDict();
  as<DictObject>(a.args[3]).forEach([&](const Value& k, const Value& v) { dict->set(k, v); });
  std::string qualname = name;
  if (Value q = dict->getStr("__qualname__")) {
    if (q->kind != Kind::Str)
      raise(b().type_error, "type __qualname__ must be a str, not " + typeOf(q)->name);
    qualname = asStr(q);
    dict->erase(pyStr("__qualname__"));
  }
  if (!dict->getStr("__module__"))
    if (Frame* f = top())
      if (Value mod = f->globals->getStr("__name__")) dict->setStr("__module__", mod);
  // special methods that are implicitly static or class methods
  if (Value nw = dict->getStr("__new__"); nw && nw->kind == Kind::Function)
    dict->setStr("__new__", std::make_shared<StaticMethodObject>(nw));
  for (const char* implicit : {"__init_subclass__", "__class_getitem__"})
    if (Value f = dict->getStr(implicit); f && f->kind == Kind::Function)
      dict->setStr(implicit, std::make_shared<ClassMethodObject>(f));
  if (dict->getStr("__eq__") && !dict->getStr("__hash__")) dict->setStr("__hash__", none());
  Value classcell = dict->getStr("__classcell__");
  if (classcell) dict->erase(pyStr("__classcell__"));
  std::vector<std::string> slots;
  if (Value sl = dict->getStr("__slots__")) {
    std::vector<Value> names = sl->kind == Kind::Str ? std::vector<Value>{sl} : toVector(sl);
    for (const Value& n : names) {
      if (n->kind != Kind::Str)
        raise(b().type_error, "__slots__ items must be strings, not '" + typeOf(n)->name + "'");
      slots.push_back(asStr(n));
    }
  }
  ClassPtr cls = makeClass(name, bases, dict);
  cls->qualname = qualname;
  if (meta != b().type) cls->meta = meta;
  if (!slots.empty() || dict->getStr("__slots__")) {
    bool has_dict = false;
    for (const std::string& s : slots) {
      if (s == "__dict__") {
        has_dict = true;
        continue;
      }
      if (s == "__weakref__") continue;
      if (dict->getStr(s))
        raise(b().value_error, "'" + s + "' in __slots__ conflicts with class variable");
      installSlotMember(cls, s);
    }
    if (has_dict) cls->no_dict = false;
  }
  // (after the slots: a '__doc__' slot is the class's __doc__, as PyType_Ready leaves it)
  if (!cls->dict->getStr("__doc__")) cls->dict->setStr("__doc__", none());
  if (classcell) {
    if (classcell->kind != Kind::Cell)
      raise(b().type_error,
            "__classcell__ must be a nonlocal cell, not " + typeOf(classcell)->name);
    as<CellObject>(classcell).v = cls;
  }
  // __set_name__ of the attributes, then the parent's __init_subclass__
  std::vector<std::pair<Value, Value>> attrs;
  dict->forEach([&](const Value& k, const Value& v) { attrs.emplace_back(k, v); });
  for (auto& [k, v] : attrs)
    if (Value sn = typeOf(v)->lookup("__set_name__"))
      call(descrGet(sn, v, typeOf(v)), std::vector<Value>{cls, k});
  for (size_t i = 1; i < cls->mro.size(); ++i)
    if (Value isc = cls->mro[i]->dict->getStr("__init_subclass__")) {
      CallArgs sub;
      sub.kwargs = a.kwargs;
      call(descrGet(isc, nullptr, cls), sub);
      break;
    }
  return cls;
}

Value VM::typeCall(const ClassPtr& cls, CallArgs& args) {
  if (cls == b().type && args.args.size() == 1 && args.kwargs.empty()) return typeOf(args.args[0]);
  Value nw = classGetAttr(cls, "__new__");
  if (!nw) raise(b().type_error, "cannot create '" + cls->name + "' instances");
  CallArgs na = args;
  na.args.insert(na.args.begin(), cls);
  Value obj = call(nw, na);
  if (!isInstance(obj, cls.get())) return obj;
  ClassPtr type = typeOf(obj);
  if (type == b().type && cls == b().type) return obj;  // type(name, bases, ns): no __init__ call
  if (Value init = type->lookup("__init__")) {
    Value r = call(descrGet(init, obj, type), args);
    if (!isNone(r))
      raise(b().type_error, "__init__() should return None, not '" + typeOf(r)->name + "'");
  }
  return obj;
}

Value VM::newInstance(const ClassPtr& cls, CallArgs& args) {
  if (cls->meta)
    if (Value call_hook = cls->meta->lookup("__call__");
        call_hook && call_hook->kind != Kind::Builtin)
      return call(descrGet(call_hook, cls, cls->meta), args);
  return typeCall(cls, args);
}

Value VM::objectNew(const ClassPtr& cls, CallArgs& a) {
  // a.args[0] is the class; CPython's object_new rejects extra arguments unless __init__ is
  // overridden and __new__ is not
  bool excess = a.args.size() > 1 || !a.kwargs.empty();
  if (excess) {
    Value nw = cls->lookup("__new__");
    Value init = cls->lookup("__init__");
    if (nw != object_new_)
      raise(b().type_error,
            "object.__new__() takes exactly one argument (the type to instantiate)");
    if (init == object_init_) raise(b().type_error, cls->name + "() takes no arguments");
  }
  if (cls->is_exception) {
    auto inst = std::make_shared<InstanceObject>(cls);
    inst->dict->setStr("args", pyTuple(std::vector<Value>(a.args.begin() + 1, a.args.end())));
    return inst;
  }
  switch (cls->instance_kind) {
    case Kind::Instance:
      return std::make_shared<InstanceObject>(cls);
    case Kind::Dict:
    case Kind::List:
    case Kind::Set: {
      Value obj = cls->instance_kind == Kind::Dict   ? Value(newDict())
                  : cls->instance_kind == Kind::List ? pyList({})
                                                     : Value(std::make_shared<SetObject>());
      obj->sub = std::make_shared<SubclassState>(SubclassState{cls, newDict()});
      return obj;
    }
    default: {
      std::string base = "object";
      for (const ClassPtr& c : cls->mro)
        if (c->builtin && c->instance_kind == cls->instance_kind) {
          base = c->name;
          break;
        }
      raise(b().type_error,
            "object.__new__(" + cls->name + ") is not safe, use " + base + ".__new__()");
    }
  }
}

void VM::objectInit(const Value& self, CallArgs& a) {
  bool excess = a.args.size() > 1 || !a.kwargs.empty();
  if (!excess) return;
  ClassPtr type = typeOf(self);
  if (type->lookup("__init__") != object_init_)
    raise(b().type_error,
          "object.__init__() takes exactly one argument (the instance to initialize)");
  if (type->lookup("__new__") == object_new_)
    raise(b().type_error, type->name + "() takes no arguments");
}

Value VM::makeSubclassInstance(const ClassPtr& cls, Value native) {
  if (cls->builtin) return native;
  native->sub = std::make_shared<SubclassState>(SubclassState{cls, newDict()});
  return native;
}

Value VM::buildClass(CallArgs& a) {
  // __build_class__(func, name, *bases, metaclass=..., **kwds)
  if (a.args.size() < 2) raise(b().type_error, "__build_class__: not enough arguments");
  Value body = a.args[0];
  if (body->kind != Kind::Function)
    raise(b().type_error, "__build_class__: func must be a function");
  if (a.args[1]->kind != Kind::Str) raise(b().type_error, "__build_class__: name is not a string");
  std::string name = asStr(a.args[1]);
  std::vector<Value> orig_bases(a.args.begin() + 2, a.args.end());
  std::vector<Value> bases;
  bool changed = false;
  for (const Value& base : orig_bases) {
    if (base->kind != Kind::Class)
      if (Value me = getAttrOrNull(base, "__mro_entries__")) {
        Value entries = call(me, std::vector<Value>{pyTuple(orig_bases)});
        if (entries->kind != Kind::Tuple)
          raise(b().type_error, "__mro_entries__ must return a tuple");
        for (const Value& e : as<TupleObject>(entries).items) bases.push_back(e);
        changed = true;
        continue;
      }
    bases.push_back(base);
  }
  Value meta;
  std::vector<std::pair<std::string, Value>> kwds;
  for (auto& [k, v] : a.kwargs) {
    if (k == "metaclass")
      meta = v;
    else
      kwds.emplace_back(k, v);
  }
  if (!meta) meta = bases.empty() ? Value(b().type) : Value(typeOf(bases.front()));
  if (meta->kind == Kind::Class) {
    std::vector<ClassPtr> class_bases;
    for (const Value& base : bases)
      if (base->kind == Kind::Class) class_bases.push_back(asClass(base));
    meta = mostDerivedMetaclass(asClass(meta), class_bases);
  }
  Value ns;
  if (Value prepare = getAttrOrNull(meta, "__prepare__")) {
    CallArgs pa;
    pa.args = {a.args[1], pyTuple(bases)};
    pa.kwargs = kwds;
    ns = call(prepare, pa);
  } else {
    ns = newDict();
  }
  if (ns->kind != Kind::Dict)
    raise(b().type_error, (meta->kind == Kind::Class ? asClass(meta)->name : std::string("?")) +
                              ".__prepare__() must return a mapping, not " + typeOf(ns)->name);
  auto& fn = as<FunctionObject>(body);
  auto f = std::make_shared<Frame>();
  f->code = fn.code;
  f->name = fn.code->name;
  f->globals = fn.globals;
  f->locals = std::static_pointer_cast<DictObject>(ns);
  f->fast.assign(fn.code->varnames.size(), nullptr);
  for (size_t i = 0; i < fn.code->cellvars.size(); ++i)
    f->cells.push_back(std::make_shared<CellObject>());
  for (auto& c : fn.closure) f->cells.push_back(c);
  eval(*f);
  if (changed) setItem(ns, pyStr("__orig_bases__"), pyTuple(orig_bases));
  CallArgs ca;
  ca.args = {a.args[1], pyTuple(bases), ns};
  ca.kwargs = kwds;
  Value cls = call(meta, ca);
  // the __class__ cell of methods that use super() or __class__
  for (size_t i = 0; i < fn.code->cellvars.size(); ++i)
    if (fn.code->cellvars[i] == "__class__" && !f->cells[i]->v) f->cells[i]->v = cls;
  return cls;
}

bool VM::isInstanceHook(const Value& obj, const Value& cls) {
  // PyObject_IsInstance: exact type first, tuples, then type(cls).__instancecheck__
  if (cls->kind == Kind::Class && typeOf(obj).get() == &as<ClassObject>(cls)) return true;
  if (cls->kind == Kind::Tuple && !cls->sub) {
    for (const Value& c : as<TupleObject>(cls).items)
      if (isInstanceHook(obj, c)) return true;
    return false;
  }
  ClassPtr meta = typeOf(cls);
  if (Value check = meta->lookup("__instancecheck__")) {
    if (cls->kind == Kind::Class && check->kind == Kind::Builtin) return realIsInstance(obj, cls);
    return truthy(call(descrGet(check, cls, meta), std::vector<Value>{obj}));
  }
  raise(b().type_error, "isinstance() arg 2 must be a type, a tuple of types, or a union");
}

bool VM::realIsInstance(const Value& obj, const Value& cls) {
  auto* c = &as<ClassObject>(cls);
  if (isInstance(obj, c)) return true;
  // an object may claim another class through __class__ (proxies, mocks)
  if (obj->kind == Kind::Instance)
    if (Value claimed = getAttrOrNull(obj, "__class__");
        claimed && claimed->kind == Kind::Class && claimed.get() != typeOf(obj).get())
      return as<ClassObject>(claimed).isSubclassOf(c);
  return false;
}

bool VM::isSubclassHook(const Value& derived, const Value& cls) {
  if (cls->kind == Kind::Tuple && !cls->sub) {
    for (const Value& c : as<TupleObject>(cls).items)
      if (isSubclassHook(derived, c)) return true;
    return false;
  }
  ClassPtr meta = typeOf(cls);
  if (Value check = meta->lookup("__subclasscheck__")) {
    if (cls->kind == Kind::Class && check->kind == Kind::Builtin) {
      if (derived->kind != Kind::Class) {
        // a class-like object with __bases__ (abstract_issubclass)
        if (!getAttrOrNull(derived, "__bases__"))
          raise(b().type_error, "issubclass() arg 1 must be a class");
        return false;
      }
      return as<ClassObject>(derived).isSubclassOf(&as<ClassObject>(cls));
    }
    return truthy(call(descrGet(check, cls, meta), std::vector<Value>{derived}));
  }
  raise(b().type_error, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
}

Value VM::zeroArgSuper() {
  Frame* f = top();
  if (!f || !f->func || f->code->argcount + f->code->kwonlyargcount == 0)
    raise(b().runtime_error, "super(): no arguments");
  // the class: the __class__ cell the compiler gave the function, else its defining class
  Value cls;
  const CodeObject& code = *f->code;
  for (size_t i = 0; i < code.freevars.size(); ++i)
    if (code.freevars[i] == "__class__") {
      size_t at = code.cellvars.size() + i;
      if (at < f->cells.size()) cls = f->cells[at]->v;
    }
  if (!cls)
    if (ClassPtr dc = f->func->defining_class.lock()) cls = dc;
  if (!cls) raise(b().runtime_error, "super(): __class__ cell not found");
  if (cls->kind != Kind::Class) raise(b().runtime_error, "super(): __class__ is not a type");
  Value self = f->fast.empty() ? nullptr : f->fast[0];
  // the first argument may live in a cell
  if (!self && !code.cell2arg.empty())
    for (size_t i = 0; i < code.cell2arg.size(); ++i)
      if (code.cell2arg[i] == 0) self = f->cells[i]->v;
  if (!self) raise(b().runtime_error, "super(): arg[0] deleted");
  return std::make_shared<SuperObject>(asClass(cls), self);
}

}  // namespace gbc::interp
