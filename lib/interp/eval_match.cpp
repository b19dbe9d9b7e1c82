// The match-statement opcodes (PEP 634) as CPython's ceval runs them: MATCH_SEQUENCE and
// MATCH_MAPPING (CPython's Py_TPFLAGS_SEQUENCE / _MAPPING: the builtin types, and classes that
// are collections.abc.Sequence / Mapping), MATCH_KEYS (map.get with a sentinel, duplicate keys a
// ValueError), MATCH_CLASS (isinstance, __match_args__, the builtin types that match themselves)
// and GET_LEN.
#include "interp/gen_objects.h"

namespace gbc::interp {

namespace {

Value pop(Frame& f) {
  Value v = std::move(f.stack.back());
  f.stack.pop_back();
  return v;
}

/// isinstance(v, collections.abc.<abc>) when collections.abc is loaded (a class can only be a
/// virtual Sequence or Mapping by importing it).
bool isAbcInstance(VM& vm, const Value& v, const char* abc) {
  Value mod = vm.findModule("collections.abc");
  if (!mod) mod = vm.findModule("_collections_abc");
  if (!mod) return false;
  Value cls = vm.getAttrOrNull(mod, abc);
  Value isinstance = vm.builtinsDict()->getStr("isinstance");
  if (!cls || !isinstance) return false;
  return vm.truthy(vm.call(isinstance, std::vector<Value>{v, cls}));
}

bool isSubclassOfBuiltin(VM& vm, const ClassPtr& cls, const char* name) {
  auto it = vm.b().by_name.find(name);
  return it != vm.b().by_name.end() && cls->isSubclassOf(it->second.get());
}

bool matchSequence(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::List:
    case Kind::Tuple:
    case Kind::Range:
      return true;
    case Kind::Instance: {
      ClassPtr cls = vm.typeOf(v);
      for (const char* excluded : {"str", "bytes", "bytearray"})
        if (isSubclassOfBuiltin(vm, cls, excluded)) return false;
      for (const char* seq : {"list", "tuple", "range", "memoryview"})
        if (isSubclassOfBuiltin(vm, cls, seq)) return true;
      return isAbcInstance(vm, v, "Sequence");
    }
    default:
      return false;
  }
}

bool matchMapping(VM& vm, const Value& v) {
  if (v->kind == Kind::Dict) return true;
  if (v->kind != Kind::Instance) return false;
  if (isSubclassOfBuiltin(vm, vm.typeOf(v), "dict")) return true;
  return isAbcInstance(vm, v, "Mapping");
}

Value matchKeys(VM& vm, const Value& subject, const Value& keys) {
  std::vector<Value> values;
  SetObject seen;
  Value get = subject->kind == Kind::Dict ? nullptr : vm.getAttr(subject, "get");
  Value dummy = std::make_shared<InstanceObject>(vm.b().object);
  for (const Value& key : as<TupleObject>(keys).items) {
    if (seen.contains(key))
      vm.raise(vm.b().value_error, "mapping pattern checks duplicate key (" + vm.repr(key) + ")");
    seen.add(key);
    Value value =
        get ? vm.call(get, std::vector<Value>{key, dummy}) : as<DictObject>(subject).get(key);
    if (!value || value == dummy) return none();
    values.push_back(std::move(value));
  }
  return pyTuple(std::move(values));
}

/// The builtin types whose instances a single positional sub-pattern matches whole
/// (`case int(x)`), unless a subclass defines __match_args__.
bool matchesSelf(VM& vm, const ClassPtr& cls) {
  for (const char* name : {"bool", "bytearray", "bytes", "dict", "float", "frozenset", "int",
                           "list", "set", "str", "tuple"})
    if (isSubclassOfBuiltin(vm, cls, name)) return true;
  return false;
}

Value matchClassAttr(VM& vm, const Value& subject, const ClassPtr& cls, const Value& name,
                     SetObject& seen, bool& missing) {
  if (seen.contains(name))
    vm.raise(vm.b().type_error,
             cls->name + "() got multiple sub-patterns for attribute " + vm.repr(name));
  seen.add(name);
  Value attr = vm.getAttrOrNull(subject, asStr(name));
  if (!attr) missing = true;
  return attr;
}

Value matchClass(VM& vm, const Value& subject, const Value& type, int nargs, const Value& kwnames) {
  if (type->kind != Kind::Class)
    vm.raise(vm.b().type_error, "called match pattern must be a class");
  ClassPtr cls = std::static_pointer_cast<ClassObject>(type);
  Value isinstance = vm.builtinsDict()->getStr("isinstance");
  if (!vm.truthy(vm.call(isinstance, std::vector<Value>{subject, type}))) return none();
  SetObject seen;
  std::vector<Value> attrs;
  bool missing = false;
  if (nargs > 0) {
    Value match_args = vm.getAttrOrNull(type, "__match_args__");
    bool match_self = false;
    std::vector<Value> names;
    if (match_args) {
      if (match_args->kind != Kind::Tuple)
        vm.raise(vm.b().type_error, cls->name + ".__match_args__ must be a tuple (got " +
                                        vm.typeOf(match_args)->name + ")");
      names = as<TupleObject>(match_args).items;
    } else {
      match_self = matchesSelf(vm, cls);
    }
    const int allowed = match_self ? 1 : static_cast<int>(names.size());
    if (allowed < nargs)
      vm.raise(vm.b().type_error, cls->name + "() accepts " + std::to_string(allowed) +
                                      " positional sub-pattern" + (allowed == 1 ? "" : "s") + " (" +
                                      std::to_string(nargs) + " given)");
    if (match_self) {
      attrs.push_back(subject);
    } else {
      for (int i = 0; i < nargs; ++i) {
        const Value& name = names[static_cast<size_t>(i)];
        if (name->kind != Kind::Str)
          vm.raise(vm.b().type_error,
                   "__match_args__ elements must be strings (got " + vm.typeOf(name)->name + ")");
        Value attr = matchClassAttr(vm, subject, cls, name, seen, missing);
        if (missing) return none();
        attrs.push_back(attr);
      }
    }
  }
  for (const Value& name : as<TupleObject>(kwnames).items) {
    Value attr = matchClassAttr(vm, subject, cls, name, seen, missing);
    if (missing) return none();
    attrs.push_back(attr);
  }
  return pyTuple(std::move(attrs));
}

}  // namespace

void execMatchOp(VM& vm, Frame& f, const Instr& in) {
  switch (in.op) {
    case Op::MATCH_MAPPING:
      f.stack.push_back(pyBool(matchMapping(vm, f.stack.back())));
      return;
    case Op::MATCH_SEQUENCE:
      f.stack.push_back(pyBool(matchSequence(vm, f.stack.back())));
      return;
    case Op::MATCH_KEYS: {
      Value keys = f.stack.back();
      Value subject = f.stack[f.stack.size() - 2];
      f.stack.push_back(matchKeys(vm, subject, keys));
      return;
    }
    case Op::MATCH_CLASS: {
      Value names = pop(f);
      Value type = pop(f);
      Value subject = pop(f);
      f.stack.push_back(matchClass(vm, subject, type, in.arg, names));
      return;
    }
    case Op::GET_LEN:
      f.stack.push_back(pyInt(vm.len(f.stack.back())));
      return;
    default:
      GBC_UNREACHABLE("not a match opcode");
  }
}

}  // namespace gbc::interp
