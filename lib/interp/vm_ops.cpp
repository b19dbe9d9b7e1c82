// The object protocol: attributes, items, operators, comparisons, iteration, str/repr.
#include <cmath>

#include "interp/dynamo.h"
#include "interp/runtime_compat.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

using syntax::BinOpKind;
using syntax::CmpOpKind;
using syntax::UnaryOpKind;

ClassPtr VM::typeOf(const Value& v) {
  auto& B = b();
  switch (v->kind) {
    case Kind::None:
      return B.none_type;
    case Kind::Bool:
      return B.bool_;
    case Kind::Int:
      return B.int_;
    case Kind::Float:
      return B.float_;
    case Kind::Str:
      return B.str;
    case Kind::Bytes:
      return B.bytes;
    case Kind::Tuple:
      return B.tuple;
    case Kind::List:
      return B.list;
    case Kind::Dict:
      return B.dict;
    case Kind::Set:
      return as<SetObject>(v).frozen ? B.frozenset : B.set;
    case Kind::Slice:
      return B.slice;
    case Kind::Ellipsis:
      return B.ellipsis;
    case Kind::NotImplemented:
      return B.notimplemented;
    case Kind::Function:
      return B.function;
    case Kind::BoundMethod:
      return B.method;
    case Kind::Builtin:
      return B.builtin_function;
    case Kind::Class:
      return B.type;
    case Kind::Instance:
      return as<InstanceObject>(v).cls;
    case Kind::Module:
      return B.module;
    case Kind::Cell:
      return B.cell;
    case Kind::Iterator:
      return B.iterator;
    case Kind::Generator:
      return B.generator;
    case Kind::Code:
      return B.code;
    case Kind::Property:
      return B.property;
    case Kind::StaticMethod:
      return B.staticmethod;
    case Kind::ClassMethod:
      return B.classmethod;
    case Kind::Tensor:
      return as<TensorObject>(v).is_parameter && B.parameter ? B.parameter : B.tensor;
    case Kind::DType:
      return B.dtype;
    case Kind::Super:
      return B.super_;
    case Kind::Range:
      return B.range;
  }
  return B.object;
}

bool VM::isInstance(const Value& v, const ClassObject* cls) {
  if (cls == b().object.get()) return true;
  if (cls == b().int_.get() && v->kind == Kind::Bool) return true;
  return typeOf(v)->isSubclassOf(cls);
}

static Value bindDescriptor(VM& vm, const Value& attr, const Value& self, const ClassPtr& cls) {
  switch (attr->kind) {
    case Kind::Function:
      return std::make_shared<BoundMethodObject>(self, attr);
    case Kind::Builtin: {
      auto& bf = as<BuiltinObject>(attr);
      if (bf.self) return attr;
      auto bound = std::make_shared<BuiltinObject>(bf);
      bound->self = self;
      return bound;
    }
    case Kind::StaticMethod:
      return as<StaticMethodObject>(attr).func;
    case Kind::ClassMethod:
      return std::make_shared<BoundMethodObject>(cls, as<ClassMethodObject>(attr).func);
    case Kind::Property: {
      auto& p = as<PropertyObject>(attr);
      if (!p.fget) vm.raise(vm.b().attribute_error, "unreadable attribute");
      return vm.call(p.fget, std::vector<Value>{self});
    }
    default:
      return attr;
  }
}

Value VM::getAttrOrNull(const Value& obj, std::string_view name) {
  try {
    return getAttr(obj, name);
  } catch (PyRaise& e) {
    if (isInstance(e.exc, b().attribute_error.get())) return nullptr;
    throw;
  }
}

Value VM::getAttr(const Value& obj, std::string_view name) {
  checkStack();
  switch (obj->kind) {
    case Kind::Instance: {
      auto& inst = as<InstanceObject>(obj);
      Value cattr = inst.cls->lookup(name);
      if (cattr && cattr->kind == Kind::Property)
        return bindDescriptor(*this, cattr, obj, inst.cls);
      if (Value v = inst.dict->getStr(name)) return v;
      if (name == "__class__") return inst.cls;
      if (name == "__dict__") return inst.dict;
      if (cattr) return bindDescriptor(*this, cattr, obj, inst.cls);
      if (inst.cls->is_exception && name == "args") return pyTuple({});
      if (Value ga = inst.cls->lookup("__getattr__"))
        return call(bindDescriptor(*this, ga, obj, inst.cls), {pyStr(std::string(name))});
      raiseNoAttribute(
          obj, name,
          "'" + inst.cls->name + "' object has no attribute '" + std::string(name) + "'");
    }
    case Kind::Class: {
      auto cls = std::static_pointer_cast<ClassObject>(obj);
      if (name == "__name__") return pyStr(cls->name);
      if (name == "__qualname__") return pyStr(cls->qualname);
      if (name == "__mro__") return pyTuple(std::vector<Value>(cls->mro.begin(), cls->mro.end()));
      if (name == "__bases__")
        return pyTuple(std::vector<Value>(cls->bases.begin(), cls->bases.end()));
      if (name == "__dict__") return cls->dict;
      if (Value v = cls->lookup(name)) {
        if (v->kind == Kind::ClassMethod)
          return std::make_shared<BoundMethodObject>(cls, as<ClassMethodObject>(v).func);
        if (v->kind == Kind::StaticMethod) return as<StaticMethodObject>(v).func;
        return v;
      }
      if (name == "__module__") return pyStr(cls->module);
      raiseNoAttribute(
          obj, name,
          "type object '" + cls->name + "' has no attribute '" + std::string(name) + "'");
    }
    case Kind::Module: {
      auto& m = as<ModuleObject>(obj);
      if (Value v = m.dict->getStr(name)) return v;
      std::string sub = m.name + "." + std::string(name);
      if (Value v = findModule(sub)) return v;
      if (loadLazyAttr(m.name, name))
        if (Value v = m.dict->getStr(name)) return v;
      if (name == "__name__") return pyStr(m.name);
      if (name == "__dict__") return m.dict;
      if (Value ga = m.dict->getStr("__getattr__")) return call(ga, {pyStr(std::string(name))});
      // torch has the attribute, most likely: gbc's model of torch does not.
      if (m.name == "torch" || m.name.rfind("torch.", 0) == 0)
        unsupported("`" + m.name + "." + std::string(name) + "` (not in gbc's model of torch)");
      raiseNoAttribute(obj, name,
                       "module '" + m.name + "' has no attribute '" + std::string(name) + "'");
    }
    case Kind::Function: {
      auto& fn = as<FunctionObject>(obj);
      if (fn.attrs)
        if (Value v = fn.attrs->getStr(name)) return v;
      if (name == "__name__") return pyStr(fn.name);
      if (name == "__qualname__") return pyStr(fn.qualname);
      if (name == "__module__") return fn.module_name ? fn.module_name : none();
      if (name == "__doc__") return none();
      if (name == "__dict__") {
        if (!fn.attrs) fn.attrs = newDict();
        return fn.attrs;
      }
      if (name == "__code__") return std::make_shared<CodeValue>(fn.code);
      if (name == "__defaults__") return fn.defaults.empty() ? none() : pyTuple(fn.defaults);
      if (name == "__kwdefaults__") return fn.kwdefaults ? Value(fn.kwdefaults) : none();
      if (name == "__globals__") return fn.globals;
      if (name == "__wrapped__" || name == "__annotations__") break;
      if (name == "__get__") {  // the descriptor protocol: binds the function to an instance
        Value f = obj;
        return std::make_shared<BuiltinObject>("__get__", [f](VM&, CallArgs& a) -> Value {
          Value inst = a.args.empty() ? none() : a.args[0];
          if (isNone(inst)) return f;
          return std::make_shared<BoundMethodObject>(inst, f);
        });
      }
      break;
    }
    case Kind::BoundMethod: {
      auto& bm = as<BoundMethodObject>(obj);
      if (name == "__self__") return bm.self;
      if (name == "__func__") return bm.func;
      return getAttr(bm.func, name);
    }
    case Kind::Builtin: {
      auto& bf = as<BuiltinObject>(obj);
      if (bf.attrs)
        if (Value v = bf.attrs->getStr(name)) return v;
      if (name == "__name__") return pyStr(bf.name);
      if (name == "__qualname__") return pyStr(bf.qualname.empty() ? bf.name : bf.qualname);
      if (name == "__self__" && bf.self) return bf.self;
      if (name == "__module__") return none();
      if (name == "__doc__") return none();
      break;
    }
    case Kind::Super: {
      auto& sp = as<SuperObject>(obj);
      ClassPtr start = sp.self->kind == Kind::Class ? std::static_pointer_cast<ClassObject>(sp.self)
                                                    : typeOf(sp.self);
      bool found = false;
      for (const auto& c : start->mro) {
        if (found && c->dict) {
          if (Value v = c->dict->getStr(name)) return bindDescriptor(*this, v, sp.self, start);
        }
        if (c == sp.cls) found = true;
      }
      raise(b().attribute_error, "'super' object has no attribute '" + std::string(name) + "'");
    }
    case Kind::Code: {
      auto& c = as<CodeValue>(obj);
      if (name == "co_name") return pyStr(c.code->name);
      if (name == "co_filename") return pyStr(c.code->filename);
      if (name == "co_firstlineno") return pyInt(c.code->firstlineno);
      break;
    }
    default:
      break;
  }
  // builtin kinds: native properties and methods
  auto& props = nativeProps(obj->kind);
  if (auto it = props.find(std::string(name)); it != props.end()) return it->second(*this, obj);
  auto& methods = nativeMethods(obj->kind);
  if (auto it = methods.find(std::string(name)); it != methods.end()) {
    auto bf = std::make_shared<BuiltinObject>(std::string(name), it->second);
    bf->self = obj;
    bf->qualname = typeOf(obj)->name + "." + std::string(name);
    bf->id = typeOf(obj)->name + "." + std::string(name);
    return bf;
  }
  if (obj->kind == Kind::Tensor) {
    auto& t = as<TensorObject>(obj);
    if (t.attrs)
      if (Value v = t.attrs->getStr(name)) return v;
  }
  if (name == "__class__") return typeOf(obj);
  if (obj->kind == Kind::Function) {
    auto& fn = as<FunctionObject>(obj);
    if (fn.attrs)
      if (Value v = fn.attrs->getStr(name)) return v;
  }
  if (obj->kind == Kind::Tensor && name.substr(0, 2) != "__")
    unsupported("`Tensor." + std::string(name) + "` (not in gbc's model of torch)");
  raiseNoAttribute(
      obj, name, "'" + typeOf(obj)->name + "' object has no attribute '" + std::string(name) + "'");
}

void VM::setAttr(const Value& obj, std::string_view name, Value v) {
  switch (obj->kind) {
    case Kind::Instance: {
      auto& inst = as<InstanceObject>(obj);
      Value cattr = inst.cls->lookup(name);
      if (cattr && cattr->kind == Kind::Property) {
        auto& p = as<PropertyObject>(cattr);
        if (!p.fset) raise(b().attribute_error, "can't set attribute");
        call(p.fset, {obj, v});
        return;
      }
      if (Value sa = inst.cls->lookup("__setattr__"); sa && sa->kind == Kind::Function) {
        call(sa, {obj, pyStr(std::string(name)), v});
        return;
      }
      dynamo_->journalDict(*this, inst.dict, std::string(name));
      inst.dict->setStr(name, std::move(v));
      return;
    }
    case Kind::Class: {
      auto& cls = as<ClassObject>(obj);
      dynamo_->journalDict(*this, cls.dict, std::string(name));
      cls.dict->setStr(name, std::move(v));
      return;
    }
    case Kind::Module:
      dynamo_->journalDict(*this, as<ModuleObject>(obj).dict, std::string(name));
      as<ModuleObject>(obj).dict->setStr(name, std::move(v));
      return;
    case Kind::Function: {
      auto& fn = as<FunctionObject>(obj);
      if (name == "__name__") {
        fn.name = str(v);
        return;
      }
      if (name == "__qualname__") {
        fn.qualname = str(v);
        return;
      }
      if (name == "__defaults__") {
        fn.defaults = isNone(v) ? std::vector<Value>{} : toVector(v);
        return;
      }
      if (!fn.attrs) fn.attrs = newDict();
      fn.attrs->setStr(name, std::move(v));
      return;
    }
    case Kind::Builtin: {
      auto& bf = as<BuiltinObject>(obj);
      if (!bf.attrs) bf.attrs = newDict();
      bf.attrs->setStr(name, std::move(v));
      return;
    }
    case Kind::Tensor: {
      if (tensorSetAttr(*this, obj, name, v)) return;
      auto& t = as<TensorObject>(obj);
      if (!t.attrs) t.attrs = newDict();
      t.attrs->setStr(name, std::move(v));
      return;
    }
    default:
      break;
  }
  raise(b().attribute_error,
        "'" + typeOf(obj)->name + "' object has no attribute '" + std::string(name) + "'");
}

void VM::delAttr(const Value& obj, std::string_view name) {
  if (obj->kind == Kind::Instance) {
    if (!as<InstanceObject>(obj).dict->erase(pyStr(std::string(name))))
      raise(b().attribute_error, std::string(name));
    return;
  }
  raise(b().attribute_error, std::string(name));
}

static int64_t normIndex(VM& vm, int64_t i, int64_t n, const char* what) {
  if (i < 0) i += n;
  if (i < 0 || i >= n) vm.raise(vm.b().index_error, std::string(what) + " index out of range");
  return i;
}

/// Python slice indices for a sequence of length n.
static void sliceIndices(VM& vm, const SliceObject& s, int64_t n, int64_t& start, int64_t& stop,
                         int64_t& step) {
  step = isNone(s.step) ? 1 : asInt(s.step);
  if (step == 0) vm.raise(vm.b().value_error, "slice step cannot be zero");
  auto clamp = [&](const Value& v, int64_t dflt, bool is_start) {
    if (isNone(v)) return dflt;
    int64_t i = asInt(v);
    if (i < 0) {
      i += n;
      if (i < 0) i = step < 0 ? -1 : 0;
    } else if (i >= n) {
      i = step < 0 ? n - 1 : n;
    }
    (void)is_start;
    return i;
  };
  start = clamp(s.start, step < 0 ? n - 1 : 0, true);
  stop = clamp(s.stop, step < 0 ? -1 : n, false);
}

template <typename Seq>
static Seq sliceSeq(VM& vm, const Seq& items, const SliceObject& s) {
  int64_t start, stop, step;
  sliceIndices(vm, s, static_cast<int64_t>(items.size()), start, stop, step);
  Seq out;
  if (step > 0)
    for (int64_t i = start; i < stop; i += step) out.push_back(items[static_cast<size_t>(i)]);
  else
    for (int64_t i = start; i > stop; i += step) out.push_back(items[static_cast<size_t>(i)]);
  return out;
}

Value VM::getItem(const Value& obj, const Value& key) {
  switch (obj->kind) {
    case Kind::List:
    case Kind::Tuple: {
      const auto& items =
          obj->kind == Kind::List ? as<ListObject>(obj).items : as<TupleObject>(obj).items;
      if (key->kind == Kind::Slice) {
        auto out = sliceSeq(*this, items, as<SliceObject>(key));
        if (obj->kind == Kind::List) return pyList(std::move(out));
        auto t = std::make_shared<TupleObject>(std::move(out));
        t->is_size = as<TupleObject>(obj).is_size;
        return t;
      }
      if (!isInt(key))
        raise(b().type_error, std::string(obj->kind == Kind::List ? "list" : "tuple") +
                                  " indices must be integers or slices, not " + typeOf(key)->name);
      return items[static_cast<size_t>(normIndex(*this, asInt(key),
                                                 static_cast<int64_t>(items.size()),
                                                 obj->kind == Kind::List ? "list" : "tuple"))];
    }
    case Kind::Str: {
      const std::string& s = asStr(obj);
      if (key->kind == Kind::Slice) {
        std::vector<char> chars(s.begin(), s.end());
        auto out = sliceSeq(*this, chars, as<SliceObject>(key));
        return pyStr(std::string(out.begin(), out.end()));
      }
      int64_t i = normIndex(*this, asInt(key), static_cast<int64_t>(s.size()), "string");
      return pyStr(std::string(1, s[static_cast<size_t>(i)]));
    }
    case Kind::Dict: {
      if (Value v = as<DictObject>(obj).get(key)) return v;
      raise(b().key_error, repr(key));
    }
    case Kind::Range: {
      auto& r = as<RangeObject>(obj);
      int64_t i = normIndex(*this, asInt(key), r.length(), "range object");
      return pyInt(r.start + i * r.step);
    }
    case Kind::Tensor:
      return tensorGetItem(*this, obj, key);
    case Kind::Instance: {
      if (Value gi = typeOf(obj)->lookup("__getitem__")) return call(gi, {obj, key});
      break;
    }
    case Kind::Class: {
      if (Value cg = as<ClassObject>(obj).lookup("__class_getitem__")) return call(cg, {obj, key});
      return obj;  // typing generics such as list[int]
    }
    default:
      break;
  }
  raise(b().type_error, "'" + typeOf(obj)->name + "' object is not subscriptable");
}

void VM::setItem(const Value& obj, const Value& key, Value v) {
  switch (obj->kind) {
    case Kind::List: {
      auto& l = as<ListObject>(obj);
      dynamo_->journalList(*this, obj);
      if (key->kind == Kind::Slice) {
        int64_t start, stop, step;
        sliceIndices(*this, as<SliceObject>(key), static_cast<int64_t>(l.items.size()), start, stop,
                     step);
        if (step != 1) unsupported("extended slice assignment");
        std::vector<Value> repl = toVector(v);
        if (stop < start) stop = start;
        l.items.erase(l.items.begin() + start, l.items.begin() + stop);
        l.items.insert(l.items.begin() + start, repl.begin(), repl.end());
        return;
      }
      l.items[static_cast<size_t>(normIndex(*this, asInt(key), static_cast<int64_t>(l.items.size()),
                                            "list assignment"))] = std::move(v);
      return;
    }
    case Kind::Dict:
      dynamo_->journalDictKey(*this, std::static_pointer_cast<DictObject>(obj), key);
      as<DictObject>(obj).set(key, std::move(v));
      return;
    case Kind::Tensor:
      tensorSetItem(*this, obj, key, v);
      return;
    case Kind::Instance:
      if (Value si = typeOf(obj)->lookup("__setitem__")) {
        call(si, {obj, key, v});
        return;
      }
      break;
    default:
      break;
  }
  raise(b().type_error, "'" + typeOf(obj)->name + "' object does not support item assignment");
}

void VM::delItem(const Value& obj, const Value& key) {
  if (obj->kind == Kind::Dict) {
    if (!as<DictObject>(obj).erase(key)) raise(b().key_error, repr(key));
    return;
  }
  if (obj->kind == Kind::List) {
    auto& l = as<ListObject>(obj);
    l.items.erase(l.items.begin() + normIndex(*this, asInt(key),
                                              static_cast<int64_t>(l.items.size()),
                                              "list assignment"));
    return;
  }
  raise(b().type_error, "'" + typeOf(obj)->name + "' object doesn't support item deletion");
}

static const char* binOpSymbol(BinOpKind op) {
  switch (op) {
    case BinOpKind::Add:
      return "+";
    case BinOpKind::Sub:
      return "-";
    case BinOpKind::Mult:
      return "*";
    case BinOpKind::MatMult:
      return "@";
    case BinOpKind::Div:
      return "/";
    case BinOpKind::FloorDiv:
      return "//";
    case BinOpKind::Mod:
      return "%";
    case BinOpKind::Pow:
      return "** or pow()";
    case BinOpKind::LShift:
      return "<<";
    case BinOpKind::RShift:
      return ">>";
    case BinOpKind::BitOr:
      return "|";
    case BinOpKind::BitXor:
      return "^";
    case BinOpKind::BitAnd:
      return "&";
  }
  return "?";
}

static const char* binOpDunder(BinOpKind op) {
  switch (op) {
    case BinOpKind::Add:
      return "add";
    case BinOpKind::Sub:
      return "sub";
    case BinOpKind::Mult:
      return "mul";
    case BinOpKind::MatMult:
      return "matmul";
    case BinOpKind::Div:
      return "truediv";
    case BinOpKind::FloorDiv:
      return "floordiv";
    case BinOpKind::Mod:
      return "mod";
    case BinOpKind::Pow:
      return "pow";
    case BinOpKind::LShift:
      return "lshift";
    case BinOpKind::RShift:
      return "rshift";
    case BinOpKind::BitOr:
      return "or";
    case BinOpKind::BitXor:
      return "xor";
    case BinOpKind::BitAnd:
      return "and";
  }
  return "?";
}

static double pyFloorMod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0 && ((m < 0) != (b < 0))) m += b;
  return m;
}

static Value numberOp(VM& vm, BinOpKind op, const Value& a, const Value& b) {
  bool fl = a->kind == Kind::Float || b->kind == Kind::Float;
  if (!fl) {
    int64_t x = asInt(a), y = asInt(b);
    switch (op) {
      case BinOpKind::Add: {
        int64_t r;
        if (__builtin_add_overflow(x, y, &r)) vm.unsupported("integer overflow beyond 64 bits");
        return pyInt(r);
      }
      case BinOpKind::Sub: {
        int64_t r;
        if (__builtin_sub_overflow(x, y, &r)) vm.unsupported("integer overflow beyond 64 bits");
        return pyInt(r);
      }
      case BinOpKind::Mult: {
        int64_t r;
        if (__builtin_mul_overflow(x, y, &r)) vm.unsupported("integer overflow beyond 64 bits");
        return pyInt(r);
      }
      case BinOpKind::Div:
        if (y == 0) vm.raise(vm.b().zero_division_error, "division by zero");
        return pyFloat(static_cast<double>(x) / static_cast<double>(y));
      case BinOpKind::FloorDiv: {
        if (y == 0) vm.raise(vm.b().zero_division_error, "integer division or modulo by zero");
        int64_t q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
        return pyInt(q);
      }
      case BinOpKind::Mod: {
        if (y == 0) vm.raise(vm.b().zero_division_error, "integer modulo by zero");
        int64_t m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) m += y;
        return pyInt(m);
      }
      case BinOpKind::Pow: {
        if (y < 0) return pyFloat(std::pow(static_cast<double>(x), static_cast<double>(y)));
        int64_t r = 1;
        for (int64_t i = 0; i < y; ++i)
          if (__builtin_mul_overflow(r, x, &r)) vm.unsupported("integer overflow beyond 64 bits");
        return pyInt(r);
      }
      case BinOpKind::LShift:
        return pyInt(x << y);
      case BinOpKind::RShift:
        return pyInt(x >> y);
      case BinOpKind::BitOr:
        if (a->kind == Kind::Bool && b->kind == Kind::Bool) return pyBool(x | y);
        return pyInt(x | y);
      case BinOpKind::BitXor:
        if (a->kind == Kind::Bool && b->kind == Kind::Bool) return pyBool(x ^ y);
        return pyInt(x ^ y);
      case BinOpKind::BitAnd:
        if (a->kind == Kind::Bool && b->kind == Kind::Bool) return pyBool(x & y);
        return pyInt(x & y);
      case BinOpKind::MatMult:
        break;
    }
    return nullptr;
  }
  double x = asFloat(a), y = asFloat(b);
  switch (op) {
    case BinOpKind::Add:
      return pyFloat(x + y);
    case BinOpKind::Sub:
      return pyFloat(x - y);
    case BinOpKind::Mult:
      return pyFloat(x * y);
    case BinOpKind::Div:
      if (y == 0) vm.raise(vm.b().zero_division_error, "float division by zero");
      return pyFloat(x / y);
    case BinOpKind::FloorDiv:
      if (y == 0) vm.raise(vm.b().zero_division_error, "float floor division by zero");
      return pyFloat(std::floor(x / y));
    case BinOpKind::Mod:
      if (y == 0) vm.raise(vm.b().zero_division_error, "float modulo by zero");
      return pyFloat(pyFloorMod(x, y));
    case BinOpKind::Pow:
      return pyFloat(std::pow(x, y));
    default:
      return nullptr;
  }
}

Value VM::binaryOp(BinOpKind op, const Value& a, const Value& b, bool inplace) {
  if (a->kind == Kind::Tensor || b->kind == Kind::Tensor) {
    if (Value r = tensorBinaryOp(*this, op, a, b, inplace)) return r;
  }
  bool an = a->kind == Kind::Int || a->kind == Kind::Bool || a->kind == Kind::Float;
  bool bn = b->kind == Kind::Int || b->kind == Kind::Bool || b->kind == Kind::Float;
  if (an && bn) {
    Value r = numberOp(*this, op, a, b);
    bool sym = (a->kind == Kind::Int && as<IntObject>(a).symbolic()) ||
               (b->kind == Kind::Int && as<IntObject>(b).symbolic());
    if (r && sym && r->kind == Kind::Int && top_ && top_->trace) {
      static const char* names[] = {"add",      "sub", "mul", "matmul", "truediv",
                                    "floordiv", "mod", "pow", "lshift", "rshift",
                                    "or_",      "xor", "and_"};
      return dynamo_->symIntOp(*this, names[static_cast<int>(op)], a, b, asInt(r));
    }
    if (r) return r;
  }
  if (op == BinOpKind::Add) {
    if (a->kind == Kind::Str && b->kind == Kind::Str) return pyStr(asStr(a) + asStr(b));
    if (a->kind == Kind::List && b->kind == Kind::List) {
      if (inplace) {
        dynamo_->journalList(*this, a);
        auto& l = as<ListObject>(a).items;
        const auto src = as<ListObject>(b).items;
        l.insert(l.end(), src.begin(), src.end());
        return a;
      }
      auto items = as<ListObject>(a).items;
      items.insert(items.end(), as<ListObject>(b).items.begin(), as<ListObject>(b).items.end());
      return pyList(std::move(items));
    }
    if (a->kind == Kind::Tuple && b->kind == Kind::Tuple) {
      auto items = as<TupleObject>(a).items;
      items.insert(items.end(), as<TupleObject>(b).items.begin(), as<TupleObject>(b).items.end());
      auto t = std::make_shared<TupleObject>(std::move(items));
      t->is_size = as<TupleObject>(a).is_size;
      return t;
    }
    if (inplace && a->kind == Kind::List) {
      dynamo_->journalList(*this, a);
      for (Value& v : toVector(b)) as<ListObject>(a).items.push_back(v);
      return a;
    }
  }
  if (op == BinOpKind::Mult) {
    auto repeat = [&](const Value& seq, const Value& n) -> Value {
      int64_t k = std::max<int64_t>(0, asInt(n));
      if (seq->kind == Kind::Str) {
        std::string s;
        for (int64_t i = 0; i < k; ++i) s += asStr(seq);
        return pyStr(std::move(s));
      }
      const auto& items =
          seq->kind == Kind::List ? as<ListObject>(seq).items : as<TupleObject>(seq).items;
      std::vector<Value> out;
      for (int64_t i = 0; i < k; ++i) out.insert(out.end(), items.begin(), items.end());
      return seq->kind == Kind::List ? pyList(std::move(out)) : pyTuple(std::move(out));
    };
    auto isSeq = [](const Value& v) {
      return v->kind == Kind::Str || v->kind == Kind::List || v->kind == Kind::Tuple;
    };
    if (isSeq(a) && isInt(b)) return repeat(a, b);
    if (isSeq(b) && isInt(a)) return repeat(b, a);
  }
  if (op == BinOpKind::Mod && a->kind == Kind::Str)
    return call(builtinsDict()->getStr("__gbc_percent_format__"), {a, b});
  if (a->kind == Kind::Set && b->kind == Kind::Set) {
    auto out = std::make_shared<SetObject>();
    auto& x = as<SetObject>(a);
    auto& y = as<SetObject>(b);
    if (op == BinOpKind::BitOr) {
      for (auto& v : x.entries)
        if (v) out->add(v);
      for (auto& v : y.entries)
        if (v) out->add(v);
      return out;
    }
    if (op == BinOpKind::BitAnd) {
      for (auto& v : x.entries)
        if (v && y.contains(v)) out->add(v);
      return out;
    }
    if (op == BinOpKind::Sub) {
      for (auto& v : x.entries)
        if (v && !y.contains(v)) out->add(v);
      return out;
    }
  }
  if (a->kind == Kind::Dict && b->kind == Kind::Dict && op == BinOpKind::BitOr) {
    auto out = newDict();
    as<DictObject>(a).forEach([&](const Value& k, const Value& v) { out->set(k, v); });
    as<DictObject>(b).forEach([&](const Value& k, const Value& v) { out->set(k, v); });
    return out;
  }
  std::string dn = binOpDunder(op);
  if (inplace && a->kind == Kind::Instance)
    if (Value m = typeOf(a)->lookup("__i" + dn + "__")) {
      Value r = call(m, {a, b});
      if (r->kind != Kind::NotImplemented) return r;
    }
  if (a->kind == Kind::Instance)
    if (Value m = typeOf(a)->lookup("__" + dn + "__")) {
      Value r = call(m, {a, b});
      if (r->kind != Kind::NotImplemented) return r;
    }
  if (b->kind == Kind::Instance)
    if (Value m = typeOf(b)->lookup("__r" + dn + "__")) {
      Value r = call(m, {b, a});
      if (r->kind != Kind::NotImplemented) return r;
    }
  raise(this->b().type_error, std::string("unsupported operand type(s) for ") + binOpSymbol(op) +
                                  (inplace ? "=" : "") + ": '" + typeOf(a)->name + "' and '" +
                                  typeOf(b)->name + "'");
}

Value VM::unaryOp(UnaryOpKind op, const Value& a) {
  if (op == UnaryOpKind::Not) return pyBool(!truthy(a));
  if (a->kind == Kind::Tensor) return tensorUnaryOp(*this, op, a);
  if (a->kind == Kind::Int || a->kind == Kind::Bool) {
    int64_t x = asInt(a);
    if (op == UnaryOpKind::USub) return pyInt(-x);
    if (op == UnaryOpKind::UAdd) return pyInt(x);
    return pyInt(~x);
  }
  if (a->kind == Kind::Float) {
    double x = as<FloatObject>(a).v;
    if (op == UnaryOpKind::USub) return pyFloat(-x);
    if (op == UnaryOpKind::UAdd) return a;
  }
  if (a->kind == Kind::Instance) {
    const char* n = op == UnaryOpKind::USub   ? "__neg__"
                    : op == UnaryOpKind::UAdd ? "__pos__"
                                              : "__invert__";
    if (Value m = typeOf(a)->lookup(n)) return call(m, {a});
  }
  const char* sym = op == UnaryOpKind::USub   ? "unary -"
                    : op == UnaryOpKind::UAdd ? "unary +"
                                              : "unary ~";
  raise(b().type_error, std::string("bad operand type for ") + sym + ": '" + typeOf(a)->name + "'");
}

static int cmpSeq(VM& vm, const std::vector<Value>& a, const std::vector<Value>& b);

static int cmpValues(VM& vm, const Value& a, const Value& b) {
  bool an = a->kind == Kind::Int || a->kind == Kind::Bool || a->kind == Kind::Float;
  bool bn = b->kind == Kind::Int || b->kind == Kind::Bool || b->kind == Kind::Float;
  if (an && bn) {
    if (a->kind != Kind::Float && b->kind != Kind::Float)
      return asInt(a) < asInt(b) ? -1 : asInt(a) > asInt(b) ? 1 : 0;
    double x = asFloat(a), y = asFloat(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a->kind == Kind::Str && b->kind == Kind::Str)
    return asStr(a).compare(asStr(b)) < 0 ? -1 : asStr(a) == asStr(b) ? 0 : 1;
  if (a->kind == Kind::Tuple && b->kind == Kind::Tuple)
    return cmpSeq(vm, as<TupleObject>(a).items, as<TupleObject>(b).items);
  if (a->kind == Kind::List && b->kind == Kind::List)
    return cmpSeq(vm, as<ListObject>(a).items, as<ListObject>(b).items);
  return 2;  // unordered
}

static int cmpSeq(VM& vm, const std::vector<Value>& a, const std::vector<Value>& b) {
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (vm.equals(a[i], b[i])) continue;
    return cmpValues(vm, a[i], b[i]);
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

Value VM::compare(CmpOpKind op, const Value& a, const Value& b) {
  checkStack();
  if (a->kind == Kind::Tensor || b->kind == Kind::Tensor) return tensorCompare(*this, op, a, b);
  if (top_ && top_->trace && op >= CmpOpKind::Eq && op <= CmpOpKind::GtE &&
      ((a->kind == Kind::Int && as<IntObject>(a).unbacked()) ||
       (b->kind == Kind::Int && as<IntObject>(b).unbacked()))) {
    int64_t x = asInt(a), y = asInt(b);
    bool r = op == CmpOpKind::Eq      ? x == y
             : op == CmpOpKind::NotEq ? x != y
             : op == CmpOpKind::Lt    ? x < y
             : op == CmpOpKind::LtE   ? x <= y
             : op == CmpOpKind::Gt    ? x > y
                                      : x >= y;
    if (Value sym = dynamo_->unbackedCompare(*this, op, a, b, r)) return sym;
  }
  if (op == CmpOpKind::Eq || op == CmpOpKind::NotEq) {
    bool eq = equals(a, b);
    bool r = op == CmpOpKind::Eq ? eq : !eq;
    if (top_ && top_->trace &&
        ((a->kind == Kind::Int && as<IntObject>(a).symbolic()) ||
         (b->kind == Kind::Int && as<IntObject>(b).symbolic())))
      dynamo_->symIntCompare(*this, op, a, b, r);
    return pyBool(r);
  }
  if (a->kind == Kind::Instance) {
    const char* n = op == CmpOpKind::Lt    ? "__lt__"
                    : op == CmpOpKind::LtE ? "__le__"
                    : op == CmpOpKind::Gt  ? "__gt__"
                                           : "__ge__";
    if (Value m = typeOf(a)->lookup(n)) return call(m, {a, b});
  }
  int c = cmpValues(*this, a, b);
  if (c != 2 && top_ && top_->trace &&
      ((a->kind == Kind::Int && as<IntObject>(a).symbolic()) ||
       (b->kind == Kind::Int && as<IntObject>(b).symbolic()))) {
    bool r = op == CmpOpKind::Lt    ? c < 0
             : op == CmpOpKind::LtE ? c <= 0
             : op == CmpOpKind::Gt  ? c > 0
                                    : c >= 0;
    dynamo_->symIntCompare(*this, op, a, b, r);
  }
  if (c == 2) {
    const char* sym = op == CmpOpKind::Lt    ? "<"
                      : op == CmpOpKind::LtE ? "<="
                      : op == CmpOpKind::Gt  ? ">"
                                             : ">=";
    raise(this->b().type_error, std::string("'") + sym + "' not supported between instances of '" +
                                    typeOf(a)->name + "' and '" + typeOf(b)->name + "'");
  }
  switch (op) {
    case CmpOpKind::Lt:
      return pyBool(c < 0);
    case CmpOpKind::LtE:
      return pyBool(c <= 0);
    case CmpOpKind::Gt:
      return pyBool(c > 0);
    case CmpOpKind::GtE:
      return pyBool(c >= 0);
    default:
      return pyBool(false);
  }
}

bool VM::equals(const Value& a, const Value& b) {
  checkStack();
  if (a.get() == b.get()) return true;
  if (a->kind == Kind::Tensor || b->kind == Kind::Tensor)
    return truthy(tensorCompare(*this, CmpOpKind::Eq, a, b));
  if (a->kind == Kind::List && b->kind == Kind::List) {
    const auto& x = as<ListObject>(a).items;
    const auto& y = as<ListObject>(b).items;
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (!equals(x[i], y[i])) return false;
    return true;
  }
  if (a->kind == Kind::Dict && b->kind == Kind::Dict) {
    auto& x = as<DictObject>(a);
    auto& y = as<DictObject>(b);
    if (x.size() != y.size()) return false;
    bool eq = true;
    x.forEach([&](const Value& k, const Value& v) {
      Value w = y.get(k);
      if (!w || !equals(v, w)) eq = false;
    });
    return eq;
  }
  if (a->kind == Kind::Instance)
    if (Value m = typeOf(a)->lookup("__eq__")) {
      Value r = call(m, {a, b});
      if (r->kind != Kind::NotImplemented) return truthy(r);
    }
  if (a->kind == Kind::DType && b->kind == Kind::DType)
    return as<DTypeObject>(a).d == as<DTypeObject>(b).d;
  return KeyEq()(a, b);
}

bool VM::truthy(const Value& v) {
  switch (v->kind) {
    case Kind::None:
      return false;
    case Kind::Bool:
      return as<BoolObject>(v).v;
    case Kind::Int:
      return as<IntObject>(v).v != 0;
    case Kind::Float:
      return as<FloatObject>(v).v != 0.0;
    case Kind::Str:
      return !asStr(v).empty();
    case Kind::Tuple:
      return !as<TupleObject>(v).items.empty();
    case Kind::List:
      return !as<ListObject>(v).items.empty();
    case Kind::Dict:
      return as<DictObject>(v).size() != 0;
    case Kind::Set:
      return as<SetObject>(v).live != 0;
    case Kind::Range:
      return as<RangeObject>(v).length() != 0;
    case Kind::Tensor:
      return tensorTruthy(*this, v);
    case Kind::Instance: {
      if (Value m = typeOf(v)->lookup("__bool__")) return truthy(call(m, {v}));
      if (Value m = typeOf(v)->lookup("__len__")) return asInt(call(m, {v})) != 0;
      return true;
    }
    default:
      return true;
  }
}

bool VM::contains(const Value& c, const Value& item) {
  switch (c->kind) {
    case Kind::Dict:
      return as<DictObject>(c).get(item) != nullptr;
    case Kind::Set:
      return as<SetObject>(c).contains(item);
    case Kind::Str:
      return asStr(c).find(asStr(item)) != std::string::npos;
    case Kind::Instance:
      if (Value m = typeOf(c)->lookup("__contains__")) return truthy(call(m, {c, item}));
      break;
    default:
      break;
  }
  for (const Value& v : toVector(c))
    if (equals(v, item)) return true;
  return false;
}

Value VM::iter(const Value& v) {
  auto it = std::make_shared<IteratorObject>();
  it->target = v;
  switch (v->kind) {
    case Kind::List:
      it->source = IteratorObject::Source::List;
      return it;
    case Kind::Tuple:
      it->source = IteratorObject::Source::Tuple;
      it->type_name = "tuple_iterator";
      return it;
    case Kind::Range:
      it->source = IteratorObject::Source::Range;
      it->type_name = "range_iterator";
      return it;
    case Kind::Str:
      it->source = IteratorObject::Source::Str;
      it->type_name = "str_ascii_iterator";
      return it;
    case Kind::Dict: {
      auto keys = std::make_shared<ListObject>(std::vector<Value>{});
      as<DictObject>(v).forEach([&](const Value& k, const Value&) { keys->items.push_back(k); });
      it->target = keys;
      it->type_name = "dict_keyiterator";
      return it;
    }
    case Kind::Set: {
      auto keys = std::make_shared<ListObject>(std::vector<Value>{});
      for (auto& e : as<SetObject>(v).entries)
        if (e) keys->items.push_back(e);
      it->target = keys;
      it->type_name = "set_iterator";
      return it;
    }
    case Kind::Iterator:
    case Kind::Generator:
      return v;
    case Kind::Tensor: {
      auto items = std::make_shared<ListObject>(tensorUnbind(*this, v));
      it->target = items;
      return it;
    }
    case Kind::Instance: {
      if (Value m = typeOf(v)->lookup("__iter__")) return call(m, {v});
      if (Value gi = typeOf(v)->lookup("__getitem__")) {
        it->source = IteratorObject::Source::Native;
        auto self = v;
        it->next = [self, gi](VM& vm) -> Value {
          (void)vm;
          return nullptr;
        };
      }
      break;
    }
    default:
      break;
  }
  raise(b().type_error, "'" + typeOf(v)->name + "' object is not iterable");
}

Value VM::next(const Value& itv) {
  if (itv->kind == Kind::Generator) {
    auto& g = as<GeneratorObject>(itv);
    if (g.finished) return nullptr;
    Frame& f = *g.frame;
    if (f.started) f.stack.push_back(none());
    f.started = true;
    f.yielded = false;
    if (top_ && top_->trace)
      f.trace = top_->trace;
    else
      f.trace = nullptr;
    Value v;
    try {
      v = eval(f);
    } catch (...) {
      g.finished = true;
      throw;
    }
    if (!f.yielded) {
      g.finished = true;
      return nullptr;
    }
    return v;
  }
  if (itv->kind == Kind::Instance) {
    Value m = typeOf(itv)->lookup("__next__");
    if (!m) raise(b().type_error, "'" + typeOf(itv)->name + "' object is not an iterator");
    try {
      return call(m, {itv});
    } catch (PyRaise& e) {
      if (isInstance(e.exc, b().stop_iteration.get())) return nullptr;
      throw;
    }
  }
  if (itv->kind != Kind::Iterator)
    raise(b().type_error, "'" + typeOf(itv)->name + "' object is not an iterator");
  auto& it = as<IteratorObject>(itv);
  switch (it.source) {
    case IteratorObject::Source::List: {
      auto& items = as<ListObject>(it.target).items;
      if (it.index >= static_cast<int64_t>(items.size())) return nullptr;
      return items[static_cast<size_t>(it.index++)];
    }
    case IteratorObject::Source::Tuple: {
      auto& items = as<TupleObject>(it.target).items;
      if (it.index >= static_cast<int64_t>(items.size())) return nullptr;
      return items[static_cast<size_t>(it.index++)];
    }
    case IteratorObject::Source::Range: {
      auto& r = as<RangeObject>(it.target);
      if (it.index >= r.length()) return nullptr;
      return pyInt(r.start + r.step * it.index++);
    }
    case IteratorObject::Source::Str: {
      const std::string& s = asStr(it.target);
      if (it.index >= static_cast<int64_t>(s.size())) return nullptr;
      size_t i = static_cast<size_t>(it.index);
      size_t n = 1;
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0xf0)
        n = 4;
      else if (c >= 0xe0)
        n = 3;
      else if (c >= 0xc0)
        n = 2;
      it.index += static_cast<int64_t>(n);
      return pyStr(s.substr(i, n));
    }
    case IteratorObject::Source::Native:
      return it.next ? it.next(*this) : nullptr;
    default:
      return nullptr;
  }
}

std::vector<Value> VM::toVector(const Value& v) {
  if (v->kind == Kind::List) return as<ListObject>(v).items;
  if (v->kind == Kind::Tuple) return as<TupleObject>(v).items;
  std::vector<Value> out;
  Value it = iter(v);
  while (Value x = next(it)) out.push_back(std::move(x));
  return out;
}

int64_t VM::len(const Value& v) {
  switch (v->kind) {
    case Kind::Str: {
      int64_t n = 0;
      for (unsigned char c : asStr(v))
        if ((c & 0xc0) != 0x80) ++n;
      return n;
    }
    case Kind::Bytes:
      return static_cast<int64_t>(as<BytesObject>(v).v.size());
    case Kind::Tuple:
      return static_cast<int64_t>(as<TupleObject>(v).items.size());
    case Kind::List:
      return static_cast<int64_t>(as<ListObject>(v).items.size());
    case Kind::Dict:
      return static_cast<int64_t>(as<DictObject>(v).size());
    case Kind::Set:
      return static_cast<int64_t>(as<SetObject>(v).live);
    case Kind::Range:
      return as<RangeObject>(v).length();
    case Kind::Tensor:
      return tensorLen(*this, v);
    case Kind::Instance:
      if (Value m = typeOf(v)->lookup("__len__")) return asInt(call(m, {v}));
      break;
    default:
      break;
  }
  raise(b().type_error, "object of type '" + typeOf(v)->name + "' has no len()");
}

int64_t VM::hash(const Value& v) {
  checkStack();
  if (v->kind == Kind::List || v->kind == Kind::Dict || v->kind == Kind::Set)
    raise(b().type_error, "unhashable type: '" + typeOf(v)->name + "'");
  return static_cast<int64_t>(KeyHash()(v));
}

}  // namespace gbc::interp
