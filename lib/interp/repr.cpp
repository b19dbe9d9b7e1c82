// str() and repr() with CPython's formatting.
#include <algorithm>

#include "interp/bytecode.h"
#include "interp/bytes_ops.h"
#include "interp/range.h"
#include "interp/runtime_compat.h"
#include "interp/str_ops.h"
#include "interp/torch_model.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

/// The str a __str__ / __repr__ method returned (TypeError for anything else).
static std::string stringResult(VM& vm, const Value& r, const char* method) {
  if (r->kind != Kind::Str)
    vm.raise(vm.b().type_error,
             std::string(method) + " returned non-string (type " + vm.typeOf(r)->name + ")");
  return asStr(r);
}

std::string VM::str(const Value& v) {
  checkStack();
  if (v->kind == Kind::Str && !v->sub) return asStr(v);
  if (v->kind == Kind::Instance || v->sub) {
    Value m = typeOf(v)->lookup("__str__");
    if (m && !(m->kind == Kind::Builtin && as<BuiltinObject>(m).slot))
      return stringResult(*this, callSpecial(m, v, {}), "__str__");
    // object.__str__ is repr(), whatever __repr__ is; a builtin base's __str__ its own
    if (!m || m == object_str_) return repr(v);
  }
  return strNative(v);
}

std::string VM::strNative(const Value& v) {
  switch (v->kind) {
    case Kind::Str:
      return asStr(v);
    case Kind::Instance: {
      auto& inst = as<InstanceObject>(v);
      if (inst.cls->is_exception) {
        if (Value m = inst.cls->lookup("__gbc_str__")) return str(call(m, {v}));
        Value args = inst.dict->getStr("args");
        if (!args || args->kind != Kind::Tuple) return "";
        auto& items = as<TupleObject>(args).items;
        if (items.empty()) return "";
        if (items.size() == 1) {
          if (inst.cls->isSubclassOf(b().key_error.get())) return repr(items[0]);
          return str(items[0]);
        }
        return repr(args);
      }
      return reprNative(v);
    }
    default:
      return reprNative(v);
  }
}

static std::string joinRepr(VM& vm, const std::vector<Value>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += vm.repr(items[i]);
  }
  return out;
}

std::string VM::repr(const Value& v) {
  checkStack();
  if (Value m = special(v, "__repr__"))
    return stringResult(*this, callSpecial(m, v, {}), "__repr__");
  return reprNative(v);
}

std::string VM::reprNative(const Value& v) {
  switch (v->kind) {
    case Kind::None:
      return "None";
    case Kind::Bool:
      return as<BoolObject>(v).v ? "True" : "False";
    case Kind::Int:
      if (isBigInt(v)) {
        native::PyResult<std::string> text =
            as<IntObject>(v).big->toDecimalString(int_max_str_digits);
        if (!text) raise(b().value_error, text.error().message);
        return *text;
      }
      return std::to_string(as<IntObject>(v).v);
    case Kind::Float:
      return runtime::formatPythonFloat(as<FloatObject>(v).v);
    case Kind::Str:
      return strRepr(as<StrObject>(v));
    case Kind::Bytes:
    case Kind::ByteArray:
      return bytesRepr(*this, v);
    case Kind::Tuple: {
      auto& t = as<TupleObject>(v);
      if (t.is_size) {
        std::string out = "torch.Size([";
        out += joinRepr(*this, t.items);
        return out + "])";
      }
      if (t.items.size() == 1) return "(" + repr(t.items[0]) + ",)";
      return "(" + joinRepr(*this, t.items) + ")";
    }
    case Kind::List: {
      // a list that contains itself prints as [...] (Py_ReprEnter)
      static thread_local std::vector<const Object*> active;
      if (std::find(active.begin(), active.end(), v.get()) != active.end()) return "[...]";
      active.push_back(v.get());
      struct Leave {
        ~Leave() { active.pop_back(); }
      } leave;
      return "[" + joinRepr(*this, as<ListObject>(v).items) + "]";
    }
    case Kind::Dict: {
      std::string out = "{";
      bool first = true;
      as<DictObject>(v).forEach([&](const Value& k, const Value& val) {
        if (!first) out += ", ";
        first = false;
        out += repr(k) + ": " + repr(val);
      });
      return out + "}";
    }
    case Kind::Set: {
      auto& s = as<SetObject>(v);
      if (s.live == 0) return s.frozen ? "frozenset()" : "set()";
      std::vector<Value> items;
      for (auto& e : s.entries)
        if (e) items.push_back(e);
      std::string inner = "{" + joinRepr(*this, items) + "}";
      return s.frozen ? "frozenset(" + inner + ")" : inner;
    }
    case Kind::Slice: {
      auto& s = as<SliceObject>(v);
      return "slice(" + repr(s.start) + ", " + repr(s.stop) + ", " + repr(s.step) + ")";
    }
    case Kind::Range: {
      return rangeRepr(as<RangeObject>(v));
    }
    case Kind::Ellipsis:
      return "Ellipsis";
    case Kind::NotImplemented:
      return "NotImplemented";
    case Kind::Function: {
      auto& fn = as<FunctionObject>(v);
      return "<function " + fn.qualname + " at 0x7f0000000000>";
    }
    case Kind::BoundMethod: {
      auto& bm = as<BoundMethodObject>(v);
      std::string q = bm.func->kind == Kind::Function ? as<FunctionObject>(bm.func).qualname : "?";
      return "<bound method " + q + " of " + repr(bm.self) + ">";
    }
    case Kind::Builtin: {
      auto& bf = as<BuiltinObject>(v);
      if (bf.self)
        return "<built-in method " + bf.name + " of " + typeOf(bf.self)->name +
               " object at 0x7f0000000000>";
      return "<built-in function " + bf.name + ">";
    }
    case Kind::Class: {
      auto& c = as<ClassObject>(v);
      std::string mod = c.module;
      if (mod.empty() || mod == "builtins") return "<class '" + c.qualname + "'>";
      return "<class '" + mod + "." + c.qualname + "'>";
    }
    case Kind::Module:
      return "<module '" + as<ModuleObject>(v).name + "'>";
    case Kind::Tensor:  // torch.nn.Parameter.__repr__ prefixes the tensor's
      return (as<TensorObject>(v).is_parameter ? "Parameter containing:\n" : "") +
             tensorRepr(*this, v);
    case Kind::DType:
      return std::string(runtime::dtypeName(as<DTypeObject>(v).d));
    case Kind::Instance: {
      auto& inst = as<InstanceObject>(v);
      if (inst.cls->is_exception) {
        Value args = inst.dict->getStr("args");
        std::string a =
            args && args->kind == Kind::Tuple ? joinRepr(*this, as<TupleObject>(args).items) : "";
        return inst.cls->name + "(" + a + ")";
      }
      return objectRepr(v);
    }
    case Kind::Generator:
      return "<generator object at 0x7f0000000000>";
    case Kind::Iterator:
      return "<" + as<IteratorObject>(v).type_name + " object at 0x7f0000000000>";
    case Kind::Property:
      return "<property object at 0x7f0000000000>";
    case Kind::GetSet: {
      auto& gs = as<GetSetObject>(v);
      return "<attribute '" + gs.name + "' of '" + gs.owner + "' objects>";
    }
    case Kind::Cell:
      return "<cell at 0x7f0000000000: " +
             (as<CellObject>(v).v ? typeOf(as<CellObject>(v).v)->name + " object at 0x7f0000000000"
                                  : std::string("empty")) +
             ">";
    default:
      return objectRepr(v);
  }
}

std::string VM::objectRepr(const Value& v) {
  // object.__repr__: <module.Qualname object at 0x...>
  ClassPtr cls = typeOf(v);
  std::string mod = cls->module.empty() ? "__main__" : cls->module;
  return "<" + (mod == "builtins" ? "" : mod + ".") + cls->qualname + " object at 0x7f0000000000>";
}

}  // namespace gbc::interp
