// The object protocol: attributes, items, operators, comparisons, iteration, str/repr.
#include <cmath>

#include "interp/bytes_ops.h"
#include "interp/dynamo.h"
#include "interp/eval_ext.h"
#include "interp/range.h"
#include "interp/runtime_compat.h"
#include "interp/slicing.h"
#include "interp/str_ops.h"
#include "interp/text.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

using syntax::BinOpKind;
using syntax::CmpOpKind;
using syntax::UnaryOpKind;

/// The class of the iterators named `name` (list_iterator, dict_keyiterator, ...): a subclass
/// of `iterator` made on first use and kept in by_name under "iterator:NAME".
static ClassPtr iteratorClass(VM& vm, const std::string& name) {
  auto& B = vm.b();
  if (name == "iterator") return B.iterator;
  ClassPtr& slot = B.by_name["iterator:" + name];
  if (!slot) {
    slot = vm.makeClass(name, {B.iterator}, nullptr);
    slot->module = "builtins";
    slot->instance_kind = Kind::Iterator;
    slot->builtin = true;
  }
  return slot;
}

ClassPtr VM::typeOf(const Value& v) {
  if (v->sub) return v->sub->cls;
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
    case Kind::ByteArray:
      return B.bytearray;
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
    case Kind::Class: {
      const ClassPtr& meta = as<ClassObject>(v).meta;
      return meta ? meta : B.type;
    }
    case Kind::Instance:
      return as<InstanceObject>(v).cls;
    case Kind::Module:
      return B.module;
    case Kind::Cell:
      return B.cell;
    case Kind::Iterator: {
      auto& it = as<IteratorObject>(v);
      if (!it.cls) it.cls = iteratorClass(*this, it.type_name);
      return it.cls;
    }
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
    case Kind::GetSet:
      return B.getset_descriptor;
  }
  return B.object;
}

bool VM::isInstance(const Value& v, const ClassObject* cls) {
  if (cls == b().object.get()) return true;
  if (cls == b().int_.get() && v->kind == Kind::Bool) return true;
  return typeOf(v)->isSubclassOf(cls);
}

Value VM::special(const Value& obj, std::string_view name) {
  // (a class whose metaclass is a user class: the metaclass's methods, `for m in SomeEnum`)
  bool user_meta =
      obj->kind == Kind::Class && as<ClassObject>(obj).meta && !as<ClassObject>(obj).meta->builtin;
  if (obj->kind != Kind::Instance && !obj->sub && !user_meta) return nullptr;
  Value m = typeOf(obj)->lookup(name);
  if (m && m->kind == Kind::Builtin && as<BuiltinObject>(m).slot) return nullptr;
  return m;
}

Value VM::callSpecial(const Value& method, const Value& self, std::vector<Value> args) {
  if (method->kind == Kind::Function) {
    args.insert(args.begin(), self);
    return call(method, std::move(args));
  }
  if (isNone(method)) raise(b().type_error, "'" + typeOf(self)->name + "' object is not callable");
  return call(descrGet(method, self, typeOf(self)), std::move(args));
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
  if (Value m = special(obj, "__getitem__")) return callSpecial(m, obj, {key});
  return getItemNative(obj, key);
}

Value VM::getItemNative(const Value& obj, const Value& key) {
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
    case Kind::Str:
      return strGetItem(*this, obj, key);
    case Kind::Bytes:
    case Kind::ByteArray:
      return bytesGetItem(*this, obj, key);
    case Kind::Dict: {
      if (Value v = as<DictObject>(obj).get(key)) return v;
      // a dict subclass's __missing__ (defaultdict, Counter)
      if (obj->sub)
        if (Value missing = typeOf(obj)->lookup("__missing__"))
          return callSpecial(missing, obj, {key});
      raiseKeyError(key);
    }
    case Kind::Range: {
      return rangeGetItem(*this, obj, key);
    }
    case Kind::Tensor:
      return tensorGetItem(*this, obj, key);
    case Kind::Class: {
      // the metaclass's __getitem__ (an Enum's members), else the class's __class_getitem__
      auto cls = std::static_pointer_cast<ClassObject>(obj);
      if (cls->meta)
        if (Value gi = cls->meta->lookup("__getitem__"))
          return call(descrGet(gi, obj, cls->meta), std::vector<Value>{key});
      if (Value cg = classGetAttr(cls, "__class_getitem__"))
        return call(cg, std::vector<Value>{key});
      if (cls == b().type) return obj;
      raise(b().type_error, "type '" + cls->name + "' is not subscriptable");
    }
    default:
      break;
  }
  raiseTypeErrorOrGap(obj, "__getitem__",
                      "'" + typeOf(obj)->name + "' object is not subscriptable");
}

void VM::setItem(const Value& obj, const Value& key, Value v) {
  if (Value m = special(obj, "__setitem__")) {
    callSpecial(m, obj, {key, v});
    return;
  }
  setItemNative(obj, key, std::move(v));
}

void VM::setItemNative(const Value& obj, const Value& key, Value v) {
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
    case Kind::ByteArray:
      byteArraySetItem(*this, obj, key, v);
      return;
    default:
      break;
  }
  raiseTypeErrorOrGap(obj, "__setitem__",
                      "'" + typeOf(obj)->name + "' object does not support item assignment");
}

void VM::delItem(const Value& obj, const Value& key) {
  if (Value m = special(obj, "__delitem__")) {
    callSpecial(m, obj, {key});
    return;
  }
  delItemNative(obj, key);
}

void VM::delItemNative(const Value& obj, const Value& key) {
  if (obj->kind == Kind::Dict) {
    if (!as<DictObject>(obj).erase(key)) raiseKeyError(key);
    return;
  }
  if (obj->kind == Kind::ByteArray) {
    byteArrayDelItem(*this, obj, key);
    return;
  }
  if (obj->kind == Kind::List && key->kind == Kind::Slice) {
    auto& l = as<ListObject>(obj);
    dynamo_->journalList(*this, obj);
    SliceBounds sb = sliceBounds(*this, as<SliceObject>(key), static_cast<int64_t>(l.items.size()));
    if (sb.length <= 0) return;
    if (sb.step < 0) {  // the same items, walked forwards
      sb.start += (sb.length - 1) * sb.step;
      sb.step = -sb.step;
    }
    std::vector<Value> kept;
    for (int64_t i = 0, k = 0; i < static_cast<int64_t>(l.items.size()); ++i) {
      bool gone = k < sb.length && i == sb.start + k * sb.step;
      if (gone)
        ++k;
      else
        kept.push_back(l.items[static_cast<size_t>(i)]);
    }
    l.items = std::move(kept);
    return;
  }
  if (obj->kind == Kind::List) {
    auto& l = as<ListObject>(obj);
    l.items.erase(l.items.begin() + normIndex(*this, asInt(key),
                                              static_cast<int64_t>(l.items.size()),
                                              "list assignment"));
    return;
  }
  raiseTypeErrorOrGap(obj, "__delitem__",
                      "'" + typeOf(obj)->name + "' object doesn't support item deletion");
}

bool VM::truthy(const Value& v) {
  if (v->kind == Kind::Instance || v->sub) {
    if (Value m = special(v, "__bool__")) {
      Value r = callSpecial(m, v, {});
      if (r->kind != Kind::Bool)
        raise(b().type_error, "__bool__ should return bool, returned " + typeOf(r)->name);
      return as<BoolObject>(r).v;
    }
    if (Value m = special(v, "__len__")) return lenResult(callSpecial(m, v, {})) != 0;
    if (v->kind == Kind::Instance) return true;
  }
  switch (v->kind) {
    case Kind::None:
      return false;
    case Kind::Bool:
      return as<BoolObject>(v).v;
    case Kind::Int:
      return as<IntObject>(v).v != 0 || as<IntObject>(v).big;
    case Kind::Float:
      return as<FloatObject>(v).v != 0.0;
    case Kind::Str:
      return !asStr(v).empty();
    case Kind::Bytes:
    case Kind::ByteArray:
      return !as<BytesObject>(v).v.empty();
    case Kind::Tuple:
      return !as<TupleObject>(v).items.empty();
    case Kind::List:
      return !as<ListObject>(v).items.empty();
    case Kind::Dict:
      return as<DictObject>(v).size() != 0;
    case Kind::Set:
      return as<SetObject>(v).live != 0;
    case Kind::Range:
      return !as<RangeObject>(v).empty();
    case Kind::Tensor:
      return tensorTruthy(*this, v);
    default:
      return true;
  }
}

int64_t VM::lenResult(const Value& r) {
  if (!isInt(r)) {
    Value idx = r->kind == Kind::Instance || r->sub ? typeOf(r)->lookup("__index__") : nullptr;
    if (!idx)
      raise(b().type_error, "'" + typeOf(r)->name + "' object cannot be interpreted as an integer");
    return lenResult(callSpecial(idx, r, {}));
  }
  if (asInt(r) < 0) raise(b().value_error, "__len__() should return >= 0");
  return asInt(r);
}

bool VM::contains(const Value& c, const Value& item) {
  if (Value m = special(c, "__contains__")) return truthy(callSpecial(m, c, {item}));
  return containsNative(c, item);
}

bool VM::containsNative(const Value& c, const Value& item) {
  switch (c->kind) {
    case Kind::Dict:
      return as<DictObject>(c).get(item) != nullptr;
    case Kind::Set:
      return as<SetObject>(c).contains(item);
    case Kind::Str:
      return strContains(*this, c, item);
    case Kind::Bytes:
    case Kind::ByteArray:
      return bytesContains(*this, c, item);
    case Kind::Range: {
      if (auto in = rangeContains(as<RangeObject>(c), item)) return *in;
      break;
    }
    default:
      break;
  }
  Value it = iterNative(c);
  while (Value v = next(it))
    if (v.get() == item.get() || equals(v, item)) return true;
  return false;
}

Value VM::iter(const Value& v) {
  if (v->kind == Kind::Instance || v->sub || v->kind == Kind::Class) {
    if (Value m = special(v, "__iter__")) {
      Value r = callSpecial(m, v, {});
      if (r->kind != Kind::Iterator && r->kind != Kind::Generator && !typeOf(r)->lookup("__next__"))
        raise(b().type_error, "iter() returned non-iterator of type '" + typeOf(r)->name + "'");
      return r;
    }
    if (Value gi = special(v, "__getitem__")) {
      // the old sequence protocol: items 0, 1, ... until IndexError (or StopIteration)
      auto it = std::make_shared<IteratorObject>();
      it->source = IteratorObject::Source::Native;
      it->type_name = "iterator";
      auto index = std::make_shared<int64_t>(0);
      Value self = v;
      it->next = [self, gi, index](VM& vm) -> Value {
        try {
          return vm.callSpecial(gi, self, {pyInt((*index)++)});
        } catch (PyRaise& e) {
          if (vm.isInstance(e.exc, vm.b().index_error.get()) ||
              vm.isInstance(e.exc, vm.b().stop_iteration.get()))
            return nullptr;
          throw;
        }
      };
      return it;
    }
  }
  return iterNative(v);
}

Value VM::iterNative(const Value& v) {
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
      return rangeIter(*this, v);
    case Kind::Str:
      return strIterator(v);
    case Kind::Bytes:
    case Kind::ByteArray:
      return bytesIterator(v);
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
    default:
      break;
  }
  raiseTypeErrorOrGap(v, "__iter__", "'" + typeOf(v)->name + "' object is not iterable");
}

Value VM::next(const Value& itv) {
  // generators resume through the generator driver (gen_objects.cpp: yield from, PEP 479)
  if (itv->kind == Kind::Generator) return generatorNext(*this, itv);
  if (itv->kind == Kind::Instance || itv->sub) {
    Value m = special(itv, "__next__");
    if (!m) raise(b().type_error, "'" + typeOf(itv)->name + "' object is not an iterator");
    try {
      return callSpecial(m, itv, {});
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
      if (it.index >= r.len) return nullptr;
      // (unsigned: start + step * index stays within int64, its parts may not)
      return pyInt(
          static_cast<int64_t>(static_cast<uint64_t>(r.start) +
                               static_cast<uint64_t>(r.step) * static_cast<uint64_t>(it.index++)));
    }
    case IteratorObject::Source::Str:
      return strIteratorNext(it);
    case IteratorObject::Source::Native:
      return it.next ? it.next(*this) : nullptr;
    default:
      return nullptr;
  }
}

std::vector<Value> VM::toVector(const Value& v) {
  if (v->kind == Kind::List && !v->sub) return as<ListObject>(v).items;
  if (v->kind == Kind::Tuple && !v->sub) return as<TupleObject>(v).items;
  std::vector<Value> out;
  Value it = iter(v);
  while (Value x = next(it)) out.push_back(std::move(x));
  return out;
}

int64_t VM::len(const Value& v) {
  if (Value m = special(v, "__len__")) return lenResult(callSpecial(m, v, {}));
  return lenNative(v);
}

int64_t VM::lenNative(const Value& v) {
  switch (v->kind) {
    case Kind::Str:
      return static_cast<int64_t>(strLength(v));
    case Kind::Bytes:
    case Kind::ByteArray:
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
    default:
      break;
  }
  raiseTypeErrorOrGap(v, "__len__", "object of type '" + typeOf(v)->name + "' has no len()");
}

int64_t VM::hash(const Value& v) {
  checkStack();
  auto unhashable = [&] { raise(b().type_error, "unhashable type: '" + typeOf(v)->name + "'"); };
  if (v->kind == Kind::Instance || v->sub) {
    Value m = typeOf(v)->lookup("__hash__");
    if (m && isNone(m)) unhashable();
    if (m && !(m->kind == Kind::Builtin && as<BuiltinObject>(m).slot)) {
      Value r = callSpecial(m, v, {});
      if (!isInt(r)) raise(b().type_error, "__hash__ method should return an integer");
      return nativeHash(r);
    }
    if (v->kind == Kind::Instance) return identityHash(v.get());
  }
  if (v->kind == Kind::List || v->kind == Kind::Dict || v->kind == Kind::ByteArray ||
      (v->kind == Kind::Set && !as<SetObject>(v).frozen))
    unhashable();
  if (v->kind == Kind::Range) return rangeHash(*this, as<RangeObject>(v));
  if (v->kind == Kind::Tuple) {
    // CPython's tuple hash (xxHash's mixing) over the items' hashes
    const uint64_t p1 = 11400714785074694791ULL, p2 = 14029467366897019727ULL,
                   p5 = 2870177450012600261ULL;
    uint64_t acc = p5;
    const auto& items = as<TupleObject>(v).items;
    for (const Value& item : items) {
      uint64_t lane = static_cast<uint64_t>(hash(item));
      acc += lane * p2;
      acc = (acc << 31) | (acc >> 33);
      acc *= p1;
    }
    acc += items.size() ^ (p5 ^ 3527539UL);
    if (acc == static_cast<uint64_t>(-1)) return 1546275796;
    return static_cast<int64_t>(acc);
  }
  return nativeHash(v);
}

int64_t vmHash(VM& vm, const Value& v) { return vm.hash(v); }
bool vmEquals(VM& vm, const Value& a, const Value& b) { return vm.equals(a, b); }

}  // namespace gbc::interp
