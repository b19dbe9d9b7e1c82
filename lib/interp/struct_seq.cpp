// Struct sequences (struct_seq.h), after CPython 3.14's Objects/structseq.c: an instance is a
// TupleObject (the sequence fields) of a tuple subclass, carrying its attribute-only fields.
#include "interp/struct_seq.h"

#include <unordered_map>

#include "base/check.h"

#include "interp/native_args.h"
#include "interp/native_type.h"

namespace gbc::interp {

namespace {

/// What CPython keeps in the type object: its full name and fields.
struct StructSeqInfo {
  std::string full_name;            // tp_name: "os.stat_result"
  std::vector<std::string> fields;  // every field, kUnnamedField for unnamed ones
  std::vector<std::string> named;   // the named fields in order (tp_members)
  size_t n_sequence = 0;
  size_t n_unnamed = 0;
};

/// An instance: the tuple of sequence fields plus the attribute-only ones.
struct StructSeqObject : TupleObject {
  StructSeqObject(std::vector<Value> items, std::vector<Value> rest)
      : TupleObject(std::move(items)), hidden(std::move(rest)) {}
  std::vector<Value> hidden;
  std::shared_ptr<const StructSeqInfo> info;
};

/// The info of each struct-sequence type, by class (a weak reference checks the class is the
/// same one, not a later class at the same address).
struct Registered {
  std::weak_ptr<ClassObject> cls;
  std::shared_ptr<const StructSeqInfo> info;
};
std::unordered_map<const ClassObject*, Registered>& registry() {
  static thread_local std::unordered_map<const ClassObject*, Registered> r;
  return r;
}

std::shared_ptr<const StructSeqInfo> infoOf(const ClassPtr& type) {
  for (const ClassPtr& c : type->mro) {
    auto it = registry().find(c.get());
    if (it != registry().end() && it->second.cls.lock() == c) return it->second.info;
  }
  return nullptr;
}

StructSeqObject* objectOf(const Value& v) {
  if (!v || v->kind != Kind::Tuple) return nullptr;
  return dynamic_cast<StructSeqObject*>(v.get());
}

Value build(const ClassPtr& type, std::shared_ptr<const StructSeqInfo> info,
            std::vector<Value> values) {
  values.resize(std::max(values.size(), info->fields.size()));
  for (Value& v : values)
    if (!v) v = none();
  std::vector<Value> rest(values.begin() + static_cast<std::ptrdiff_t>(info->n_sequence),
                          values.begin() + static_cast<std::ptrdiff_t>(info->fields.size()));
  values.resize(info->n_sequence);
  auto obj = std::make_shared<StructSeqObject>(std::move(values), std::move(rest));
  obj->info = std::move(info);
  obj->sub = std::make_shared<SubclassState>(SubclassState{type, nullptr});
  return obj;
}

Value fieldAt(const StructSeqObject& o, size_t i) {
  if (i < o.items.size()) return o.items[i];
  i -= o.items.size();
  return i < o.hidden.size() ? o.hidden[i] : nullptr;
}

StructSeqObject& self(VM& vm, const Value& v, const char* what) {
  StructSeqObject* o = objectOf(v);
  if (!o)
    vm.raise(vm.b().type_error, std::string("descriptor '") + what +
                                    "' requires a struct sequence, not '" + vm.typeOf(v)->name +
                                    "'");
  return *o;
}

void installMethods(VM& vm, const ClassPtr& cls, const std::shared_ptr<const StructSeqInfo>& info) {
  Value nw = nativeMethod(cls, "__new__", [info](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"structseq", {"sequence", "dict"}, 1};
    if (a.args.empty() || a.args[0]->kind != Kind::Class)
      vm.raise(vm.b().type_error, "structseq.__new__(X): X is not a type object");
    auto type = std::static_pointer_cast<ClassObject>(a.args[0]);
    std::vector<Value> v = bindArgs(vm, a, spec, 1);
    std::vector<Value> seq;
    try {
      seq = vm.toVector(v[0]);
    } catch (PyRaise& e) {
      if (!vm.isInstance(e.exc, vm.b().type_error.get())) throw;
      vm.raise(vm.b().type_error, "constructor requires a sequence");
    }
    Value dict = v[1] && !isNone(v[1]) ? v[1] : nullptr;
    if (dict && dict->kind != Kind::Dict)
      vm.raise(vm.b().type_error, info->full_name + "() takes a dict as second arg, if any");
    size_t min_len = info->n_sequence, max_len = info->fields.size(), len = seq.size();
    auto lengthError = [&](const char* bound, size_t want) {
      vm.raise(vm.b().type_error,
               info->full_name + "() takes " + (min_len == max_len ? std::string("a ") : bound) +
                   std::to_string(want) + "-sequence (" + std::to_string(len) + "-sequence given)");
    };
    if (len < min_len) lengthError("an at least ", min_len);
    if (len > max_len) lengthError("an at most ", max_len);
    std::vector<Value> values = seq;
    for (size_t i = len; i < max_len; ++i) {
      Value item;
      if (dict) item = as<DictObject>(dict).getStr(info->fields[i]);
      values.push_back(item ? item : none());
    }
    return build(type, info, std::move(values));
  });
  as<BuiltinObject>(nw).binds = false;
  checkedNativeMethod(cls, "__repr__", [info](VM& vm, CallArgs& a) -> Value {
    StructSeqObject& o = self(vm, a.args.at(0), "__repr__");
    std::string out = vm.typeOf(a.args[0])->builtin ? info->full_name : vm.typeOf(a.args[0])->name;
    out += "(";
    // (each tuple item is named by the named field of the same rank: os.stat_result's unnamed
    // integer times print as st_atime=..., as CPython prints them)
    for (size_t i = 0; i < o.items.size(); ++i) {
      if (i) out += ", ";
      out += (i < info->named.size() ? info->named[i] : "?") + "=" + vm.repr(o.items[i]);
    }
    return pyStr(out + ")");
  });
  checkedNativeMethod(cls, "__reduce__", [info](VM& vm, CallArgs& a) -> Value {
    StructSeqObject& o = self(vm, a.args.at(0), "__reduce__");
    auto dict = newDict();
    for (size_t i = 0; i < o.hidden.size(); ++i)
      dict->setStr(info->named.at(o.items.size() - info->n_unnamed + i), o.hidden[i]);
    return pyTuple({vm.typeOf(a.args[0]), pyTuple({pyTuple(o.items), dict})});
  });
  if (vm.target().python != "3.12")
    checkedNativeMethod(cls, "__replace__", [info](VM& vm, CallArgs& a) -> Value {
      StructSeqObject& o = self(vm, a.args.at(0), "__replace__");
      if (a.args.size() > 1)
        vm.raise(vm.b().type_error, "__replace__() takes no positional arguments");
      if (info->n_unnamed)
        vm.raise(vm.b().type_error, "__replace__() is not supported for " + info->full_name +
                                        " because it has unnamed field(s)");
      std::vector<Value> values = o.items;
      values.insert(values.end(), o.hidden.begin(), o.hidden.end());
      std::vector<Value> unknown;
      for (const auto& [key, value] : a.kwargs) {
        bool found = false;
        for (size_t i = 0; i < info->fields.size(); ++i)
          if (info->fields[i] == key) values[i] = value, found = true;
        if (!found) unknown.push_back(pyStr(key));
      }
      if (!unknown.empty())
        vm.raise(vm.b().type_error,
                 "Got unexpected field name(s): " + vm.repr(pyList(std::move(unknown))));
      return build(vm.typeOf(a.args[0]), info, std::move(values));
    });
  for (size_t i = 0; i < info->fields.size(); ++i) {
    if (info->fields[i] == kUnnamedField) continue;
    nativeGetSet(
        cls, info->fields[i],
        [i](VM& vm, const Value& v) -> Value {
          Value f = fieldAt(self(vm, v, "field"), i);
          return f ? f : none();
        },
        [](VM& vm, const Value&, const Value&) {
          vm.raise(vm.b().attribute_error, "readonly attribute");
        });
  }
}

}  // namespace

ClassPtr makeStructSeqType(VM& vm, const std::string& name, std::vector<std::string> fields,
                           size_t n_sequence) {
  auto info = std::make_shared<StructSeqInfo>();
  info->full_name = name;
  info->n_sequence = std::min(n_sequence, fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i] == kUnnamedField)
      ++info->n_unnamed;
    else
      info->named.push_back(fields[i]);
  }
  info->fields = std::move(fields);
  size_t dot = name.rfind('.');
  std::string module = dot == std::string::npos ? "builtins" : name.substr(0, dot);
  ClassPtr cls = makeNativeType(vm, module, name.substr(dot + 1), {vm.b().tuple});
  cls->no_dict = true;
  cls->dict->setStr("n_sequence_fields", pyInt(static_cast<int64_t>(info->n_sequence)));
  cls->dict->setStr("n_fields", pyInt(static_cast<int64_t>(info->fields.size())));
  cls->dict->setStr("n_unnamed_fields", pyInt(static_cast<int64_t>(info->n_unnamed)));
  std::vector<Value> match;
  for (size_t i = 0; i < info->n_sequence; ++i)
    if (info->fields[i] != kUnnamedField) match.push_back(pyStr(info->fields[i]));
  cls->dict->setStr("__match_args__", pyTuple(std::move(match)));
  installMethods(vm, cls, info);
  registry()[cls.get()] = {cls, info};
  return cls;
}

Value makeStructSeq(VM& vm, const ClassPtr& type, std::vector<Value> values) {
  auto info = infoOf(type);
  GBC_CHECK(info != nullptr, "makeStructSeq is given a struct-sequence type");
  (void)vm;
  return build(type, std::move(info), std::move(values));
}

bool isStructSeq(const Value& v) { return objectOf(v) != nullptr; }

Value structSeqTuple(const Value& v) {
  StructSeqObject* o = objectOf(v);
  return o ? pyTuple(o->items) : nullptr;
}

Value structSeqField(const Value& v, size_t i) {
  StructSeqObject* o = objectOf(v);
  return o ? fieldAt(*o, i) : nullptr;
}

void structSeqSetField(const Value& v, size_t i, Value value) {
  StructSeqObject* o = objectOf(v);
  GBC_CHECK(o && i >= o->items.size() && i - o->items.size() < o->hidden.size(),
            "structSeqSetField sets an attribute-only field");
  o->hidden[i - o->items.size()] = std::move(value);
}

}  // namespace gbc::interp
