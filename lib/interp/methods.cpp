// Methods of builtin types: str, list, tuple, dict, set, int, float.
#include <algorithm>
#include <cmath>

#include "interp/dynamo.h"
#include "interp/format.h"
#include "interp/vm.h"

namespace gbc::interp {

static std::string strip(const std::string& s, const std::string& chars, bool left, bool right) {
  size_t b = 0, e = s.size();
  if (left)
    while (b < e && chars.find(s[b]) != std::string::npos) ++b;
  if (right)
    while (e > b && chars.find(s[e - 1]) != std::string::npos) --e;
  return s.substr(b, e - b);
}

void installNativeMethods(VM& vm) {
  auto& S = vm.nativeMethods(Kind::Str);
  S["format"] = [](VM& vm, CallArgs& a) -> Value {
    std::string fmt = asStr(a.args[0]);
    CallArgs rest;
    rest.args.assign(a.args.begin() + 1, a.args.end());
    rest.kwargs = a.kwargs;
    return pyStr(strFormat(vm, fmt, rest));
  };
  S["join"] = [](VM& vm, CallArgs& a) -> Value {
    std::string out;
    bool first = true;
    for (Value& v : vm.toVector(a.args[1])) {
      if (v->kind != Kind::Str)
        vm.raise(vm.b().type_error,
                 "sequence item: expected str instance, " + vm.typeOf(v)->name + " found");
      if (!first) out += asStr(a.args[0]);
      first = false;
      out += asStr(v);
    }
    return pyStr(out);
  };
  auto ws = std::string(" \t\n\r\f\v");
  S["strip"] = [ws](VM&, CallArgs& a) -> Value {
    return pyStr(strip(asStr(a.args[0]),
                       a.args.size() > 1 && !isNone(a.args[1]) ? asStr(a.args[1]) : ws, true,
                       true));
  };
  S["lstrip"] = [ws](VM&, CallArgs& a) -> Value {
    return pyStr(strip(asStr(a.args[0]), a.args.size() > 1 ? asStr(a.args[1]) : ws, true, false));
  };
  S["rstrip"] = [ws](VM&, CallArgs& a) -> Value {
    return pyStr(strip(asStr(a.args[0]), a.args.size() > 1 ? asStr(a.args[1]) : ws, false, true));
  };
  S["split"] = [ws](VM&, CallArgs& a) -> Value {
    const std::string& s = asStr(a.args[0]);
    std::vector<Value> out;
    Value sepv = a.args.size() > 1 ? a.args[1] : a.kw("sep");
    if (!sepv || isNone(sepv)) {
      size_t i = 0;
      while (i < s.size()) {
        while (i < s.size() && ws.find(s[i]) != std::string::npos) ++i;
        if (i >= s.size()) break;
        size_t j = i;
        while (j < s.size() && ws.find(s[j]) == std::string::npos) ++j;
        out.push_back(pyStr(s.substr(i, j - i)));
        i = j;
      }
      return pyList(std::move(out));
    }
    const std::string& sep = asStr(sepv);
    size_t start = 0;
    for (;;) {
      size_t p = s.find(sep, start);
      if (p == std::string::npos) break;
      out.push_back(pyStr(s.substr(start, p - start)));
      start = p + sep.size();
    }
    out.push_back(pyStr(s.substr(start)));
    return pyList(std::move(out));
  };
  S["splitlines"] = [](VM&, CallArgs& a) -> Value {
    const std::string& s = asStr(a.args[0]);
    std::vector<Value> out;
    size_t start = 0;
    while (start < s.size()) {
      size_t p = s.find('\n', start);
      if (p == std::string::npos) {
        out.push_back(pyStr(s.substr(start)));
        break;
      }
      out.push_back(pyStr(s.substr(start, p - start)));
      start = p + 1;
    }
    return pyList(std::move(out));
  };
  S["startswith"] = [](VM& vm, CallArgs& a) -> Value {
    const std::string& s = asStr(a.args[0]);
    std::vector<Value> ps =
        a.args[1]->kind == Kind::Tuple ? vm.toVector(a.args[1]) : std::vector<Value>{a.args[1]};
    for (auto& p : ps)
      if (s.rfind(asStr(p), 0) == 0) return pyBool(true);
    return pyBool(false);
  };
  S["endswith"] = [](VM& vm, CallArgs& a) -> Value {
    const std::string& s = asStr(a.args[0]);
    std::vector<Value> ps =
        a.args[1]->kind == Kind::Tuple ? vm.toVector(a.args[1]) : std::vector<Value>{a.args[1]};
    for (auto& pv : ps) {
      const std::string& p = asStr(pv);
      if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0)
        return pyBool(true);
    }
    return pyBool(false);
  };
  S["replace"] = [](VM&, CallArgs& a) -> Value {
    std::string s = asStr(a.args[0]);
    const std::string& from = asStr(a.args[1]);
    const std::string& to = asStr(a.args[2]);
    if (from.empty()) return pyStr(s);
    std::string out;
    size_t start = 0;
    for (;;) {
      size_t p = s.find(from, start);
      if (p == std::string::npos) break;
      out += s.substr(start, p - start) + to;
      start = p + from.size();
    }
    return pyStr(out + s.substr(start));
  };
  S["upper"] = [](VM&, CallArgs& a) -> Value {
    std::string s = asStr(a.args[0]);
    std::transform(s.begin(), s.end(), s.begin(), ::toupper);
    return pyStr(s);
  };
  S["lower"] = [](VM&, CallArgs& a) -> Value {
    std::string s = asStr(a.args[0]);
    std::transform(s.begin(), s.end(), s.begin(), ::tolower);
    return pyStr(s);
  };
  S["capitalize"] = [](VM&, CallArgs& a) -> Value {
    std::string s = asStr(a.args[0]);
    std::transform(s.begin(), s.end(), s.begin(), ::tolower);
    if (!s.empty()) s[0] = static_cast<char>(toupper(s[0]));
    return pyStr(s);
  };
  S["title"] = S["capitalize"];
  S["find"] = [](VM&, CallArgs& a) -> Value {
    size_t p = asStr(a.args[0]).find(asStr(a.args[1]));
    return pyInt(p == std::string::npos ? -1 : static_cast<int64_t>(p));
  };
  S["index"] = [](VM& vm, CallArgs& a) -> Value {
    size_t p = asStr(a.args[0]).find(asStr(a.args[1]));
    if (p == std::string::npos) vm.raise(vm.b().value_error, "substring not found");
    return pyInt(static_cast<int64_t>(p));
  };
  S["count"] = [](VM&, CallArgs& a) -> Value {
    const std::string& s = asStr(a.args[0]);
    const std::string& sub = asStr(a.args[1]);
    if (sub.empty()) return pyInt(static_cast<int64_t>(s.size() + 1));
    int64_t n = 0;
    for (size_t p = s.find(sub); p != std::string::npos; p = s.find(sub, p + sub.size())) ++n;
    return pyInt(n);
  };
  S["isdigit"] = [](VM&, CallArgs& a) -> Value {
    const std::string& s = asStr(a.args[0]);
    return pyBool(!s.empty() && std::all_of(s.begin(), s.end(), ::isdigit));
  };
  S["isalpha"] = [](VM&, CallArgs& a) -> Value {
    const std::string& s = asStr(a.args[0]);
    return pyBool(!s.empty() && std::all_of(s.begin(), s.end(), ::isalpha));
  };
  S["isidentifier"] = [](VM&, CallArgs& a) -> Value {
    const std::string& s = asStr(a.args[0]);
    return pyBool(!s.empty() && !isdigit(s[0]) &&
                  std::all_of(s.begin(), s.end(), [](char c) { return isalnum(c) || c == '_'; }));
  };
  auto justify = [](char mode) {
    return [mode](VM&, CallArgs& a) -> Value {
      std::string s = asStr(a.args[0]);
      int64_t w = asInt(a.args[1]);
      std::string fill = a.args.size() > 2 ? asStr(a.args[2]) : " ";
      int64_t n = w - static_cast<int64_t>(s.size());
      if (n <= 0) return pyStr(s);
      if (mode == 'l') return pyStr(s + std::string(static_cast<size_t>(n), fill[0]));
      if (mode == 'r') return pyStr(std::string(static_cast<size_t>(n), fill[0]) + s);
      size_t left = static_cast<size_t>(n / 2 + (n & w & 1));
      return pyStr(std::string(left, fill[0]) + s +
                   std::string(static_cast<size_t>(n) - left, fill[0]));
    };
  };
  S["ljust"] = justify('l');
  S["rjust"] = justify('r');
  S["center"] = justify('c');
  S["zfill"] = [](VM&, CallArgs& a) -> Value {
    std::string s = asStr(a.args[0]);
    int64_t w = asInt(a.args[1]);
    int64_t n = w - static_cast<int64_t>(s.size());
    if (n <= 0) return pyStr(s);
    size_t sign = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    return pyStr(s.substr(0, sign) + std::string(static_cast<size_t>(n), '0') + s.substr(sign));
  };
  S["encode"] = [](VM&, CallArgs& a) -> Value {
    return std::make_shared<BytesObject>(asStr(a.args[0]));
  };

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
  D["keys"] = [](VM&, CallArgs& a) -> Value {
    std::vector<Value> out;
    as<DictObject>(a.args[0]).forEach([&](const Value& k, const Value&) { out.push_back(k); });
    return pyList(std::move(out));
  };
  D["values"] = [](VM&, CallArgs& a) -> Value {
    std::vector<Value> out;
    as<DictObject>(a.args[0]).forEach([&](const Value&, const Value& v) { out.push_back(v); });
    return pyList(std::move(out));
  };
  D["items"] = [](VM&, CallArgs& a) -> Value {
    std::vector<Value> out;
    as<DictObject>(a.args[0]).forEach([&](const Value& k, const Value& v) {
      out.push_back(pyTuple({k, v}));
    });
    return pyList(std::move(out));
  };
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
      if (a.args[1]->kind == Kind::Dict)
        as<DictObject>(a.args[1]).forEach([&](const Value& k, const Value& v) { d.set(k, v); });
      else
        for (Value& kv : vm.toVector(a.args[1])) {
          auto p = vm.toVector(kv);
          d.set(p[0], p[1]);
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

  auto& F = vm.nativeMethods(Kind::Float);
  F["is_integer"] = [](VM&, CallArgs& a) -> Value {
    double d = as<FloatObject>(a.args[0]).v;
    return pyBool(std::isfinite(d) && std::floor(d) == d);
  };
  auto& I = vm.nativeMethods(Kind::Int);
  I["bit_length"] = [](VM&, CallArgs& a) -> Value {
    uint64_t x = static_cast<uint64_t>(std::llabs(asInt(a.args[0])));
    int n = 0;
    while (x) {
      ++n;
      x >>= 1;
    }
    return pyInt(n);
  };
  auto& G = vm.nativeMethods(Kind::Generator);
  G["__next__"] = [](VM& vm, CallArgs& a) -> Value {
    Value v = vm.next(a.args[0]);
    if (!v) vm.raise(vm.b().stop_iteration, "");
    return v;
  };
  G["close"] = [](VM&, CallArgs& a) -> Value {
    as<GeneratorObject>(a.args[0]).finished = true;
    return none();
  };
}

}  // namespace gbc::interp
