// str's remaining methods: translate and maketrans, encode, format and format_map, the %
// operator's __mod__/__rmod__, and __getnewargs__.
#include "interp/codecs.h"
#include "interp/format.h"
#include "interp/str_methods.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

Value translate(VM& vm, CallArgs& a) {
  const Value& table = oneArg(vm, a, "str.translate", 1);
  const Value& selfv = a.args[0];
  Text t = textOf(selfv);
  std::u32string out;
  out.reserve(t.size());
  // CPython caches each code point's mapping while translating
  std::unordered_map<char32_t, Value> cache;
  for (size_t i = 0; i < t.size(); ++i) {
    char32_t c = t[i];
    Value mapped;
    auto hit = cache.find(c);
    if (hit != cache.end()) {
      mapped = hit->second;
    } else {
      try {
        mapped = vm.getItem(table, pyInt(c));
      } catch (PyRaise& e) {
        if (!vm.isInstance(e.exc, vm.b().lookup_error.get())) throw;
        mapped = nullptr;  // unmapped: kept
      }
      if (mapped && !isNone(mapped) && !isInt(mapped) && mapped->kind != Kind::Str)
        vm.raise(vm.b().type_error, "character mapping must return integer, None or str");
      if (mapped && isInt(mapped)) {
        Value big = mapped;
        if (isBigInt(big) || asInt(big) < 0 || asInt(big) > 0x10FFFF)
          vm.raise(vm.b().value_error, "character mapping must be in range(0x110000)");
      }
      cache.emplace(c, mapped);
    }
    if (!mapped) {
      out += c;
    } else if (isNone(mapped)) {
      continue;
    } else if (isInt(mapped)) {
      out += static_cast<char32_t>(asInt(mapped));
    } else {
      out += toCodePoints(asStr(mapped));
    }
  }
  return pyStrFromCodePoints(out);
}

}  // namespace

Value strMaketrans(VM& vm, CallArgs& a) {
  // a static method: no receiver
  CallArgs shifted;
  shifted.args.push_back(none());
  shifted.args.insert(shifted.args.end(), a.args.begin(), a.args.end());
  shifted.kwargs = a.kwargs;
  positionalArgs(vm, shifted, "str.maketrans", 1, 3, 1);
  auto result = newDict();
  if (a.args.size() == 1) {
    const Value& x = a.args[0];
    if (x->kind != Kind::Dict)
      vm.raise(vm.b().type_error, "if you give only one argument to maketrans it must be a dict");
    as<DictObject>(x).forEach([&](const Value& k, const Value& v) {
      if (k->kind == Kind::Str) {
        if (strLength(k) != 1)
          vm.raise(vm.b().value_error, py312(vm)
                                           ? "string keys in translate table must be of length 1"
                                           : "string keys in translatetable must be of length 1");
        result->set(pyInt(textOf(k)[0]), v);
      } else if (isInt(k)) {
        result->set(k, v);
      } else {
        vm.raise(vm.b().type_error, py312(vm)
                                        ? "keys in translate table must be strings or integers"
                                        : "keys in translate table mustbe strings or integers");
      }
    });
    return result;
  }
  const Value& x = a.args[0];
  const Value& y = a.args[1];
  if (x->kind != Kind::Str) badArgument(vm, "maketrans", "1", "str", x);
  if (y->kind != Kind::Str) badArgument(vm, "maketrans", "2", "str", y);
  Text tx = textOf(x), ty = textOf(y);
  if (tx.size() != ty.size())
    vm.raise(vm.b().value_error, "the first two maketrans arguments must have equal length");
  for (size_t i = 0; i < tx.size(); ++i) result->set(pyInt(tx[i]), pyInt(ty[i]));
  if (a.args.size() > 2) {
    const Value& z = a.args[2];
    if (z->kind != Kind::Str) badArgument(vm, "maketrans", "3", "str", z);
    Text tz = textOf(z);
    for (size_t i = 0; i < tz.size(); ++i) result->set(pyInt(tz[i]), none());
  }
  return result;
}

void installStrMisc(VM& vm) {
  auto& S = vm.nativeMethods(Kind::Str);
  S["translate"] = translate;
  S["encode"] = [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> p = keywordArgs(vm, a, "encode", {"encoding", "errors"}, 0, 0, 2);
    std::string encoding = p[0] ? strArg(vm, p[0], "encode", "'encoding'") : "utf-8";
    std::string errors = p[1] ? strArg(vm, p[1], "encode", "'errors'") : "strict";
    return encodeStr(vm, a.args[0], encoding, errors);
  };
  S["format"] = [](VM& vm, CallArgs& a) -> Value {
    CallArgs rest;
    rest.args.assign(a.args.begin() + 1, a.args.end());
    rest.kwargs = a.kwargs;
    return pyStr(strFormat(vm, a.args[0], rest, nullptr));
  };
  S["format_map"] = [](VM& vm, CallArgs& a) -> Value {
    const Value& mapping = oneArg(vm, a, "str.format_map", 1);
    CallArgs none_args;
    return pyStr(strFormat(vm, a.args[0], none_args, mapping));
  };
  S["__mod__"] = [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error, "expected 1 argument, got " + std::to_string(a.args.size() - 1));
    return percentFormatStr(vm, a.args[0], a.args[1]);
  };
  S["__rmod__"] = [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2)
      vm.raise(vm.b().type_error, "expected 1 argument, got " + std::to_string(a.args.size() - 1));
    if (a.args[1]->kind != Kind::Str) return notImplemented();
    return percentFormatStr(vm, a.args[1], a.args[0]);
  };
  S["__getnewargs__"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "str.__getnewargs__", 1);
    const auto& s = as<StrObject>(a.args[0]);
    return pyTuple({pyStrKnown(s.v, strLength(s))});
  };
  S["__sizeof__"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "str.__sizeof__", 1);
    // CPython's compact layout: the header, then the characters and a terminator
    Text t = textOf(a.args[0]);
    bool ascii = strIsAscii(a.args[0]);
    int64_t header = ascii ? 40 : 56;
    return pyInt(header + static_cast<int64_t>((t.size() + 1) * static_cast<size_t>(t.width)));
  };
}

}  // namespace gbc::interp
