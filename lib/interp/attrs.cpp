// The attribute protocol as CPython has it: type(obj).__getattribute__ (object's generic one:
// data descriptors of the type, then the instance __dict__, then other descriptors and class
// attributes), __getattr__ as the fallback, type.__getattribute__ for classes (the metaclass's
// data descriptors first), super's lookup along the MRO, and the matching __setattr__ /
// __delattr__. Descriptors: functions and method descriptors bind, staticmethod / classmethod,
// property, native getsets (GetSetObject) and any object whose type has __get__.
#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

/// The special method `name` of `type` that overrides the generic protocol (a Python one, or a
/// native type's own such as a weakref proxy's), null when it is the builtin object's (or type's)
/// slot wrapper: only an override changes what the generic protocol does.
Value override(VM& vm, const ClassPtr& type, std::string_view name) {
  Value m = type->lookup(name);
  if (!m || (m->kind == Kind::Builtin && as<BuiltinObject>(m).slot)) return nullptr;
  (void)vm;
  return m;
}

bool hasTypeAttr(VM& vm, const Value& obj, std::string_view name) {
  return vm.typeOf(obj)->lookup(name) != nullptr;
}

}  // namespace

bool VM::isDataDescriptor(const Value& d) {
  switch (d->kind) {
    case Kind::Property:
    case Kind::GetSet:
      return true;
    case Kind::Instance:
      return hasTypeAttr(*this, d, "__set__") || hasTypeAttr(*this, d, "__delete__");
    default:
      return d->sub && (hasTypeAttr(*this, d, "__set__") || hasTypeAttr(*this, d, "__delete__"));
  }
}

Value VM::descrGet(const Value& descr, const Value& obj, const ClassPtr& type) {
  switch (descr->kind) {
    case Kind::Function:
      if (!obj || isNone(obj)) return descr;
      return std::make_shared<BoundMethodObject>(obj, descr);
    case Kind::Builtin: {
      auto& bf = as<BuiltinObject>(descr);
      if (bf.self || !bf.binds) return descr;
      Value self = bf.class_method ? Value(type) : obj;
      // (an absent instance is class access; None is an instance: `None.__repr__` binds)
      if (!self) return descr;
      auto bound = std::make_shared<BuiltinObject>(bf);
      bound->self = self;
      return bound;
    }
    case Kind::StaticMethod:
      return as<StaticMethodObject>(descr).func;
    case Kind::ClassMethod:
      return std::make_shared<BoundMethodObject>(type, as<ClassMethodObject>(descr).func);
    case Kind::Property: {
      if (!obj || isNone(obj)) return descr;
      auto& p = as<PropertyObject>(descr);
      if (!p.fget || isNone(p.fget))
        raise(b().attribute_error, "property " + propertyName(descr) + "of '" + typeOf(obj)->name +
                                       "' object has no getter");
      return call(p.fget, std::vector<Value>{obj});
    }
    case Kind::GetSet:
      // only an absent instance is class access (getset_get's descr_check): `None.__class__` is
      // NoneType; functions and properties, as CPython's, take None for absent too
      if (!obj) return descr;
      return as<GetSetObject>(descr).get(*this, obj);
    default:
      break;
  }
  if (descr->kind == Kind::Instance || descr->sub)
    if (Value get = typeOf(descr)->lookup("__get__"))
      return call(get, std::vector<Value>{descr, obj ? obj : none(), type});
  return descr;
}

std::string VM::propertyName(const Value& prop) {
  // CPython names the property by its __name__ (from __set_name__ or the getter) when known
  auto& p = as<PropertyObject>(prop);
  if (p.name) return "'" + str(p.name) + "' ";
  if (p.fget && !isNone(p.fget))
    if (Value n = getAttrOrNull(p.fget, "__name__"); n && n->kind == Kind::Str)
      return "'" + asStr(n) + "' ";
  return "";
}

DictPtr VM::instanceDict(const Value& obj, bool create) {
  if (obj->sub) return obj->sub->dict;
  switch (obj->kind) {
    case Kind::Instance:
      return as<InstanceObject>(obj).dict;
    case Kind::Module:
      return as<ModuleObject>(obj).dict;
    case Kind::Function: {
      auto& fn = as<FunctionObject>(obj);
      if (!fn.attrs && create) fn.attrs = newDict();
      return fn.attrs;
    }
    case Kind::Builtin: {
      auto& bf = as<BuiltinObject>(obj);
      if (!bf.attrs && create) bf.attrs = newDict();
      return bf.attrs;
    }
    case Kind::Tensor: {
      auto& t = as<TensorObject>(obj);
      if (!t.attrs && create) t.attrs = newDict();
      return t.attrs;
    }
    case Kind::Class:
      return as<ClassObject>(obj).dict;
    default:
      return nullptr;
  }
}

Value VM::genericGetAttr(const Value& obj, const ClassPtr& type, std::string_view name) {
  Value descr = type->lookup(name);
  if (descr && isDataDescriptor(descr)) return descrGet(descr, obj, type);
  if (DictPtr d = instanceDict(obj, false)) {
    if (Value v = d->getStr(name)) return v;
    if (name == "__dict__" && !type->no_dict) return d;
  } else if (name == "__dict__" && obj->kind == Kind::Function) {
    return instanceDict(obj, true);
  }
  if (obj->kind == Kind::Module) {
    auto& m = as<ModuleObject>(obj);
    // a submodule imported but not set as an attribute, or a part of the model loaded lazily
    if (Value v = findModule(m.name + "." + std::string(name))) return v;
    if (loadLazyAttr(m.name, name))
      if (Value v = m.dict->getStr(name)) return v;
  }
  if (descr) return descrGet(descr, obj, type);
  // native attributes and methods of builtin kinds registered by name (the torch model's Tensor)
  auto& props = nativeProps(obj->kind);
  if (auto it = props.find(std::string(name)); it != props.end()) return it->second(*this, obj);
  auto& methods = nativeMethods(obj->kind);
  // (a frozenset has only what frozenset's class publishes: no add, pop, ...)
  bool frozen = obj->kind == Kind::Set && as<SetObject>(obj).frozen;
  if (auto it = methods.find(std::string(name)); it != methods.end() && !frozen) {
    auto bf = std::make_shared<BuiltinObject>(std::string(name), it->second);
    bf->self = obj;
    bf->qualname = type->name + "." + std::string(name);
    bf->id = type->name + "." + std::string(name);
    return bf;
  }
  if (obj->kind == Kind::BoundMethod)  // a method delegates what it lacks to its function
    return getAttrOrNull(as<BoundMethodObject>(obj).func, name);
  return nullptr;
}

Value VM::classGetAttr(const ClassPtr& cls, std::string_view name) {
  ClassPtr meta = cls->meta ? cls->meta : b().type;
  Value meta_attr = meta->lookup(name);
  if (meta_attr && isDataDescriptor(meta_attr)) return descrGet(meta_attr, cls, meta);
  if (Value attr = cls->lookup(name)) {
    switch (attr->kind) {
      case Kind::Function:
      case Kind::Property:
      case Kind::GetSet:
        return attr;
      case Kind::Builtin:
        return as<BuiltinObject>(attr).class_method ? descrGet(attr, cls, cls) : attr;
      default:
        return descrGet(attr, nullptr, cls);
    }
  }
  if (meta_attr) return descrGet(meta_attr, cls, meta);
  return nullptr;
}

Value VM::superGetAttr(const Value& sup, std::string_view name) {
  auto& sp = as<SuperObject>(sup);
  if (name == "__thisclass__") return sp.cls;
  if (name == "__self__") return sp.self ? sp.self : none();
  if (name == "__class__") return b().super_;
  // the MRO searched is the object's type's, or the object's own when it is a subclass of cls
  ClassPtr start =
      !sp.self ? nullptr
      : sp.self->kind == Kind::Class && as<ClassObject>(sp.self).isSubclassOf(sp.cls.get())
          ? std::static_pointer_cast<ClassObject>(sp.self)
          : typeOf(sp.self);
  if (name == "__self_class__") return start ? Value(start) : none();
  if (start) {
    bool found = false;
    for (const ClassPtr& c : start->mro) {
      if (found && c->dict)
        if (Value v = c->dict->getStr(name))
          return descrGet(v, sp.self.get() == start.get() ? nullptr : sp.self, start);
      if (c == sp.cls) found = true;
    }
  }
  return genericGetAttr(sup, b().super_, name);
}

Value VM::getAttrOrNull(const Value& obj, std::string_view name) {
  try {
    return lookupAttr(obj, name);
  } catch (PyRaise& e) {
    if (isInstance(e.exc, b().attribute_error.get())) return nullptr;
    throw;
  }
}

Value VM::lookupAttr(const Value& obj, std::string_view name) {
  checkStack();
  if (obj->kind == Kind::Class) {
    auto cls = std::static_pointer_cast<ClassObject>(obj);
    ClassPtr meta = cls->meta ? cls->meta : b().type;
    if (cls->meta)
      if (Value ga = override(*this, meta, "__getattribute__"))
        return callAttrHook(ga, obj, meta, name);
    if (Value v = classGetAttr(cls, name)) return v;
    if (cls->meta)
      if (Value ga = cls->meta->lookup("__getattr__"))
        return call(descrGet(ga, obj, meta), std::vector<Value>{pyStr(std::string(name))});
    return nullptr;
  }
  if (obj->kind == Kind::Super) return superGetAttr(obj, name);
  ClassPtr type = typeOf(obj);
  if (obj->kind == Kind::Instance || obj->sub)
    if (Value ga = override(*this, type, "__getattribute__"))
      return callAttrHook(ga, obj, type, name);
  if (Value v = genericGetAttr(obj, type, name)) return v;
  if (obj->kind == Kind::Instance || obj->sub) {
    if (Value ga = type->lookup("__getattr__"))
      return call(descrGet(ga, obj, type), std::vector<Value>{pyStr(std::string(name))});
  } else if (obj->kind == Kind::Module) {
    if (Value ga = as<ModuleObject>(obj).dict->getStr("__getattr__"))
      return call(ga, std::vector<Value>{pyStr(std::string(name))});
  }
  return nullptr;
}

Value VM::callAttrHook(const Value& getattribute, const Value& obj, const ClassPtr& type,
                       std::string_view name) {
  // a Python __getattribute__, with __getattr__ as the fallback when it raises AttributeError
  try {
    return call(descrGet(getattribute, obj, type), std::vector<Value>{pyStr(std::string(name))});
  } catch (PyRaise& e) {
    if (!isInstance(e.exc, b().attribute_error.get())) throw;
    Value ga = type->lookup("__getattr__");
    if (!ga) throw;
    return call(descrGet(ga, obj, type), std::vector<Value>{pyStr(std::string(name))});
  }
}

Value VM::getAttr(const Value& obj, std::string_view name) {
  if (Value v = lookupAttr(obj, name)) return v;
  std::string attr(name);
  switch (obj->kind) {
    case Kind::Class:
      raiseNoAttribute(
          obj, name,
          "type object '" + as<ClassObject>(obj).name + "' has no attribute '" + attr + "'");
    case Kind::Module: {
      auto& m = as<ModuleObject>(obj);
      // torch has the attribute, most likely: gbc's model of torch does not. numpy is gbc's
      // model too (its core is C): what it lacks is a gap, which the program may still catch as
      // the AttributeError it would be
      if (const char* model = modelledPackage(m.name)) {
        std::string what =
            "`" + m.name + "." + attr + "` (not in gbc's model of " + std::string(model) + ")";
        if (std::string_view(model) == "torch") unsupported(what);
        raiseGap(b().attribute_error, "module '" + m.name + "' has no attribute '" + attr + "'",
                 what);
      }
      raiseNoAttribute(obj, name, "module '" + m.name + "' has no attribute '" + attr + "'");
    }
    case Kind::Super:
      raise(b().attribute_error, "'super' object has no attribute '" + attr + "'");
    case Kind::Tensor:
      if (name.substr(0, 2) != "__")
        unsupported("`Tensor." + attr + "` (not in gbc's model of torch)");
      break;
    default:
      break;
  }
  raiseNoAttribute(obj, name, "'" + typeOf(obj)->name + "' object has no attribute '" + attr + "'");
}

void VM::descrSet(const Value& descr, const Value& obj, const Value& v) {
  switch (descr->kind) {
    case Kind::Property: {
      auto& p = as<PropertyObject>(descr);
      const Value& f = v ? p.fset : p.fdel;
      if (!f || isNone(f))
        raise(b().attribute_error, "property " + propertyName(descr) + "of '" + typeOf(obj)->name +
                                       "' object has no " + (v ? "setter" : "deleter"));
      if (v)
        call(f, std::vector<Value>{obj, v});
      else
        call(f, std::vector<Value>{obj});
      return;
    }
    case Kind::GetSet: {
      auto& gs = as<GetSetObject>(descr);
      if (!gs.set)
        raise(b().attribute_error,
              "attribute '" + gs.name + "' of '" + gs.owner + "' objects is not writable");
      gs.set(*this, obj, v);
      return;
    }
    default:
      break;
  }
  Value m = typeOf(descr)->lookup(v ? "__set__" : "__delete__");
  if (!m) raise(b().attribute_error, std::string(v ? "__set__" : "__delete__") + " not supported");
  if (v)
    call(m, std::vector<Value>{descr, obj, v});
  else
    call(m, std::vector<Value>{descr, obj});
}

void VM::genericSetAttr(const Value& obj, const ClassPtr& type, std::string_view name,
                        const Value& v) {
  Value descr = type->lookup(name);
  if (descr && isDataDescriptor(descr)) {
    descrSet(descr, obj, v);
    return;
  }
  if (obj->kind == Kind::Tensor && v && tensorSetAttr(*this, obj, name, v)) return;
  DictPtr d = type->no_dict ? nullptr : instanceDict(obj, true);
  std::string attr(name);
  if (!d) {
    std::string message = "'" + type->name + "' object has no attribute '" + attr + "'";
    if (v && !target().python.empty() && target().python >= "3.13")
      message += " and no __dict__ for setting new attributes";
    raise(b().attribute_error, message);
  }
  dynamo_->journalDict(*this, d, attr);
  if (v) {
    d->setStr(name, v);
  } else if (!d->erase(pyStr(attr))) {
    raise(b().attribute_error, "'" + type->name + "' object has no attribute '" + attr + "'");
  }
}

void VM::classSetAttr(const ClassPtr& cls, std::string_view name, const Value& v) {
  ClassPtr meta = cls->meta ? cls->meta : b().type;
  if (Value descr = meta->lookup(name); descr && isDataDescriptor(descr)) {
    descrSet(descr, cls, v);
    return;
  }
  if (cls->builtin)
    raise(b().type_error,
          "cannot set '" + std::string(name) + "' attribute of immutable type '" + cls->name + "'");
  std::string attr(name);
  dynamo_->journalDict(*this, cls->dict, attr);
  if (v) {
    cls->dict->setStr(name, v);
  } else if (!cls->dict->erase(pyStr(attr))) {
    raise(b().attribute_error, "type object '" + cls->name + "' has no attribute '" + attr + "'");
  }
}

void VM::setAttr(const Value& obj, std::string_view name, Value v) {
  if (obj->kind == Kind::Class) {
    auto cls = std::static_pointer_cast<ClassObject>(obj);
    if (cls->meta)
      if (Value sa = override(*this, cls->meta, "__setattr__")) {
        call(descrGet(sa, obj, cls->meta), std::vector<Value>{pyStr(std::string(name)), v});
        return;
      }
    classSetAttr(cls, name, v);
    return;
  }
  ClassPtr type = typeOf(obj);
  if (obj->kind == Kind::Instance || obj->sub)
    if (Value sa = override(*this, type, "__setattr__")) {
      call(descrGet(sa, obj, type), std::vector<Value>{pyStr(std::string(name)), v});
      return;
    }
  genericSetAttr(obj, type, name, v);
}

void VM::delAttr(const Value& obj, std::string_view name) {
  if (obj->kind == Kind::Class) {
    auto cls = std::static_pointer_cast<ClassObject>(obj);
    if (cls->meta)
      if (Value da = override(*this, cls->meta, "__delattr__")) {
        call(descrGet(da, obj, cls->meta), std::vector<Value>{pyStr(std::string(name))});
        return;
      }
    classSetAttr(cls, name, nullptr);
    return;
  }
  ClassPtr type = typeOf(obj);
  if (obj->kind == Kind::Instance || obj->sub)
    if (Value da = override(*this, type, "__delattr__")) {
      call(descrGet(da, obj, type), std::vector<Value>{pyStr(std::string(name))});
      return;
    }
  genericSetAttr(obj, type, name, nullptr);
}

}  // namespace gbc::interp
