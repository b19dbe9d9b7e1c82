// Methods of builtin types: list, tuple, dict, set, int, float (str's: str_*.cpp; bytes':
// bytes_methods*.cpp).
#include <algorithm>
#include <cmath>

#include "interp/bytes_methods.h"
#include "interp/dynamo.h"
#include "interp/eval_ext.h"
#include "interp/native_args.h"
#include "interp/str_methods.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

void addSetMethods(VM& vm);

void installNativeMethods(VM& vm) {
  installStrMethods(vm);
  installBytesMethods(vm);
  // dict.fromkeys(iterable, value=None): a classmethod, so subclasses make their own type
  auto fromkeys = std::make_shared<BuiltinObject>("fromkeys", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "dict.fromkeys", 1, 2, 1);
    Value value = a.args.size() > 2 ? a.args[2] : none();
    Value d = vm.call(a.args[0], std::vector<Value>{});
    Value it = vm.iter(a.args[1]);
    while (Value key = vm.next(it)) vm.setItem(d, key, value);
    return d;
  });
  fromkeys->class_method = true;
  fromkeys->qualname = "dict.fromkeys";
  fromkeys->id = fromkeys->qualname;
  vm.b().dict->dict->setStr("fromkeys", fromkeys);
  // float.__getformat__('double' | 'float'): the IEEE layout of this x86-64 build
  auto getformat =
      std::make_shared<BuiltinObject>("__getformat__", [](VM& vm, CallArgs& a) -> Value {
        if (a.args.size() != 2 || a.args[1]->kind != Kind::Str)
          vm.raise(vm.b().type_error, "float.__getformat__() argument must be str");
        const std::string& t = asStr(a.args[1]);
        if (t != "double" && t != "float")
          vm.raise(vm.b().value_error, "__getformat__() argument 1 must be 'double' or 'float'");
        return pyStr("IEEE, little-endian");
      });
  getformat->class_method = true;
  getformat->qualname = "float.__getformat__";
  getformat->id = getformat->qualname;
  vm.b().float_->dict->setStr("__getformat__", getformat);

  auto& L = vm.nativeMethods(Kind::List);
  L["append"] = [](VM& vm, CallArgs& a) -> Value {
    vm.dynamo().journalList(vm, a.args[0]);
    as<ListObject>(a.args[0]).items.push_back(a.args.at(1));
    return none();
  };
  L["extend"] = [](VM& vm, CallArgs& a) -> Value {
    vm.dynamo().journalList(vm, a.args[0]);
    auto items = vm.toVector(a.args.at(1));
    auto& l = as<ListObject>(a.args[0]).items;
    l.insert(l.end(), items.begin(), items.end());
    return none();
  };
  L["insert"] = [](VM& vm, CallArgs& a) -> Value {
    vm.dynamo().journalList(vm, a.args[0]);
    auto& l = as<ListObject>(a.args[0]).items;
    int64_t i = asInt(a.args[1]), n = static_cast<int64_t>(l.size());
    if (i < 0) i = std::max<int64_t>(0, i + n);
    if (i > n) i = n;
    l.insert(l.begin() + i, a.args[2]);
    return none();
  };
  L["pop"] = [](VM& vm, CallArgs& a) -> Value {
    vm.dynamo().journalList(vm, a.args[0]);
    auto& l = as<ListObject>(a.args[0]).items;
    if (l.empty()) vm.raise(vm.b().index_error, "pop from empty list");
    int64_t i = a.args.size() > 1 ? asInt(a.args[1]) : -1;
    if (i < 0) i += static_cast<int64_t>(l.size());
    if (i < 0 || i >= static_cast<int64_t>(l.size()))
      vm.raise(vm.b().index_error, "pop index out of range");
    Value v = l[static_cast<size_t>(i)];
    l.erase(l.begin() + i);
    return v;
  };
  L["remove"] = [](VM& vm, CallArgs& a) -> Value {
    vm.dynamo().journalList(vm, a.args[0]);
    auto& l = as<ListObject>(a.args[0]).items;
    for (size_t i = 0; i < l.size(); ++i)
      if (vm.equals(l[i], a.args[1])) {
        l.erase(l.begin() + static_cast<long>(i));
        return none();
      }
    vm.raise(vm.b().value_error, "list.remove(x): x not in list");
  };
  L["index"] = [](VM& vm, CallArgs& a) -> Value {
    auto& l = as<ListObject>(a.args[0]).items;
    for (size_t i = 0; i < l.size(); ++i)
      if (vm.equals(l[i], a.args[1])) return pyInt(static_cast<int64_t>(i));
    vm.raise(vm.b().value_error, vm.repr(a.args[1]) + " is not in list");
  };
  L["count"] = [](VM& vm, CallArgs& a) -> Value {
    int64_t n = 0;
    for (auto& v : as<ListObject>(a.args[0]).items)
      if (vm.equals(v, a.args[1])) ++n;
    return pyInt(n);
  };
  L["copy"] = [](VM&, CallArgs& a) -> Value { return pyList(as<ListObject>(a.args[0]).items); };
  L["clear"] = [](VM& vm, CallArgs& a) -> Value {
    vm.dynamo().journalList(vm, a.args[0]);
    as<ListObject>(a.args[0]).items.clear();
    return none();
  };
  L["reverse"] = [](VM& vm, CallArgs& a) -> Value {
    vm.dynamo().journalList(vm, a.args[0]);
    auto& l = as<ListObject>(a.args[0]).items;
    std::reverse(l.begin(), l.end());
    return none();
  };
  L["sort"] = [](VM& vm, CallArgs& a) -> Value {
    vm.dynamo().journalList(vm, a.args[0]);
    CallArgs s;
    s.args.push_back(a.args[0]);
    s.kwargs = a.kwargs;
    Value sorted = vm.call(vm.builtinsDict()->getStr("sorted"), s);
    as<ListObject>(a.args[0]).items = as<ListObject>(sorted).items;
    return none();
  };
  auto& T = vm.nativeMethods(Kind::Tuple);
  T["index"] = [](VM& vm, CallArgs& a) -> Value {
    auto& l = as<TupleObject>(a.args[0]).items;
    for (size_t i = 0; i < l.size(); ++i)
      if (vm.equals(l[i], a.args[1])) return pyInt(static_cast<int64_t>(i));
    vm.raise(vm.b().value_error, "tuple.index(x): x not in tuple");
  };
  T["count"] = [](VM& vm, CallArgs& a) -> Value {
    int64_t n = 0;
    for (auto& v : as<TupleObject>(a.args[0]).items)
      if (vm.equals(v, a.args[1])) ++n;
    return pyInt(n);
  };
  T["numel"] = [](VM&, CallArgs& a) -> Value {
    int64_t n = 1;
    for (auto& v : as<TupleObject>(a.args[0]).items) n *= asInt(v);
    return pyInt(n);
  };

  auto& D = vm.nativeMethods(Kind::Dict);
  D["get"] = [](VM&, CallArgs& a) -> Value {
    Value v = as<DictObject>(a.args[0]).get(a.args.at(1));
    return v ? v : (a.args.size() > 2 ? a.args[2] : none());
  };
  // keys, values, items: dict_views.cpp
  D["pop"] = [](VM& vm, CallArgs& a) -> Value {
    auto& d = as<DictObject>(a.args[0]);
    Value v = d.get(a.args.at(1));
    if (!v) {
      if (a.args.size() > 2) return a.args[2];
      vm.raiseKeyError(a.args[1]);
    }
    d.erase(a.args[1]);
    return v;
  };
  // the last item inserted (LIFO), as CPython's; trailing tombstones are dropped on the way
  D["popitem"] = [](VM& vm, CallArgs& a) -> Value {
    auto& d = as<DictObject>(a.args[0]);
    while (!d.entries.empty() && !d.entries.back().first) d.entries.pop_back();
    if (d.entries.empty()) vm.raise(vm.b().key_error, "popitem(): dictionary is empty");
    auto [key, value] = d.entries.back();
    d.erase(key);
    while (!d.entries.empty() && !d.entries.back().first) d.entries.pop_back();
    return pyTuple({key, value});
  };
  D["setdefault"] = [](VM&, CallArgs& a) -> Value {
    auto& d = as<DictObject>(a.args[0]);
    Value v = d.get(a.args.at(1));
    if (v) return v;
    Value dflt = a.args.size() > 2 ? a.args[2] : none();
    d.set(a.args[1], dflt);
    return dflt;
  };
  D["update"] = [](VM& vm, CallArgs& a) -> Value {
    auto& d = as<DictObject>(a.args[0]);
    if (a.args.size() > 1) {
      if (a.args[1]->kind == Kind::Dict && !a.args[1]->sub) {
        as<DictObject>(a.args[1]).forEach([&](const Value& k, const Value& v) { d.set(k, v); });
      } else if (Value keys = vm.getAttrOrNull(a.args[1], "keys")) {
        // a mapping: its keys() and [] (a mappingproxy, a dict subclass, ...)
        for (Value& k : vm.toVector(vm.call(keys, std::vector<Value>{})))
          d.set(k, vm.getItem(a.args[1], k));
      } else {
        size_t n = 0;
        for (Value& kv : vm.toVector(a.args[1])) {
          auto p = vm.toVector(kv);
          if (p.size() != 2)
            vm.raise(vm.b().value_error, "dictionary update sequence element #" +
                                             std::to_string(n) + " has length " +
                                             std::to_string(p.size()) + "; 2 is required");
          d.set(p[0], p[1]);
          ++n;
        }
      }
    }
    for (auto& [k, v] : a.kwargs) d.setStr(k, v);
    return none();
  };
  D["copy"] = [](VM&, CallArgs& a) -> Value {
    auto d = newDict();
    as<DictObject>(a.args[0]).forEach([&](const Value& k, const Value& v) { d->set(k, v); });
    return d;
  };
  D["clear"] = [](VM&, CallArgs& a) -> Value {
    auto& d = as<DictObject>(a.args[0]);
    d.entries.clear();
    d.index.clear();
    d.live = 0;
    return none();
  };

  auto& St = vm.nativeMethods(Kind::Set);
  St["add"] = [](VM&, CallArgs& a) -> Value {
    as<SetObject>(a.args[0]).add(a.args.at(1));
    return none();
  };
  St["discard"] = [](VM&, CallArgs& a) -> Value {
    as<SetObject>(a.args[0]).erase(a.args.at(1));
    return none();
  };
  St["remove"] = [](VM& vm, CallArgs& a) -> Value {
    if (!as<SetObject>(a.args[0]).erase(a.args.at(1))) vm.raiseKeyError(a.args[1]);
    return none();
  };
  St["update"] = [](VM& vm, CallArgs& a) -> Value {
    for (size_t i = 1; i < a.args.size(); ++i)
      for (Value& v : vm.toVector(a.args[i])) as<SetObject>(a.args[0]).add(v);
    return none();
  };
  St["union"] = [](VM& vm, CallArgs& a) -> Value {
    auto s = std::make_shared<SetObject>();
    for (auto& v : as<SetObject>(a.args[0]).entries)
      if (v) s->add(v);
    for (size_t i = 1; i < a.args.size(); ++i)
      for (Value& v : vm.toVector(a.args[i])) s->add(v);
    return s;
  };
  St["copy"] = St["union"];
  addSetMethods(vm);  // set_methods.cpp

  auto& F = vm.nativeMethods(Kind::Float);
  F["is_integer"] = [](VM&, CallArgs& a) -> Value {
    double d = as<FloatObject>(a.args[0]).v;
    return pyBool(std::isfinite(d) && std::floor(d) == d);
  };
  auto& I = vm.nativeMethods(Kind::Int);
  // (of the absolute value, for ints of any size)
  I["bit_length"] = [](VM&, CallArgs& a) -> Value {
    return pyInt(static_cast<int64_t>(toBigInt(a.args[0]).bitLength()));
  };
  I["bit_count"] = [](VM&, CallArgs& a) -> Value {
    return pyInt(static_cast<int64_t>(toBigInt(a.args[0]).bitCount()));
  };
  auto& G = vm.nativeMethods(Kind::Generator);
  G["__next__"] = [](VM& vm, CallArgs& a) -> Value { return nextOrStop(vm, a.args[0]); };
  // (send/throw/close: gen_objects.cpp)
}

}  // namespace gbc::interp
