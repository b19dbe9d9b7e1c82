// The unicodedata module (CPython's Modules/unicodedata.c) over lib/native/unicode: the
// properties of a character, names both ways, the normalization forms, and ucd_3_2_0 (a UCD
// object answering for Unicode 3.2.0), with Argument Clinic's messages per version.
//
// Unicode versions: CPython 3.14 has Unicode 16.0, 3.12 has 15.0. gbc's tables are 16.0 for both
// targets; for 3.12 unidata_version says 15.0.0 as CPython 3.12's does, and the characters new in
// 16.0 (none of which 3.12 assigns) still answer as 16.0 assigns them.
#include "interp/bytes_ops.h"
#include "interp/native_modules.h"
#include "interp/native_type.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"
#include "native/unicode/names.h"
#include "native/unicode/ucd.h"

namespace gbc::interp {

namespace {

namespace uc = native::unicode;
using uc::UcdVersion;

struct UcdState : NativeState {
  UcdVersion version = UcdVersion::V3_2_0;
};

/// Adds method `name` to the module (Current) and to the UCD type (the instance's version).
using UcdFn = std::function<Value(VM&, CallArgs&, UcdVersion, const std::string& qual)>;

void both(const Value& module, const ClassPtr& ucd, const std::string& name, UcdFn fn) {
  moduleFunction(module, name, [fn, name](VM& vm, CallArgs& a) -> Value {
    CallArgs shifted;
    shifted.args.push_back(none());
    shifted.args.insert(shifted.args.end(), a.args.begin(), a.args.end());
    shifted.kwargs = a.kwargs;
    return fn(vm, shifted, UcdVersion::Current, "unicodedata." + name);
  });
  nativeMethod(ucd, name, [fn, name](VM& vm, CallArgs& a) -> Value {
    UcdVersion v = nativeState<UcdState>(vm, a.args.at(0), name.c_str()).version;
    return fn(vm, a, v, "unicodedata.UCD." + name);
  });
}

std::string shortName(const std::string& qual) { return qual.substr(qual.rfind('.') + 1); }

/// The character argument ("a unicode character").
char32_t charArg(VM& vm, const Value& v, const std::string& qual) {
  std::string name = shortName(qual);
  if (v->kind != Kind::Str)
    vm.raise(vm.b().type_error,
             name + "() argument must be a unicode character, not " + vm.typeOf(v)->name);
  size_t n = strLength(v);
  if (n != 1) {
    if (py312(vm))
      vm.raise(vm.b().type_error, name + "() argument must be a unicode character, not str");
    vm.raise(vm.b().type_error, name +
                                    "(): argument must be a unicode character, not a string "
                                    "of length " +
                                    std::to_string(n));
  }
  return textOf(v)[0];
}

/// A one-character function (METH_O).
void charFunction(const Value& m, const ClassPtr& ucd, const std::string& name,
                  std::function<Value(VM&, char32_t, UcdVersion)> fn) {
  both(m, ucd, name, [fn](VM& vm, CallArgs& a, UcdVersion v, const std::string& qual) -> Value {
    return fn(vm, charArg(vm, oneArg(vm, a, qual, 1), qual), v);
  });
}

/// decimal / digit / numeric / name: (chr, default=<none>, /).
void withDefault(const Value& m, const ClassPtr& ucd, const std::string& name, const char* error,
                 std::function<Value(char32_t, UcdVersion)> fn) {
  both(m, ucd, name,
       [fn, error](VM& vm, CallArgs& a, UcdVersion v, const std::string& qual) -> Value {
         positionalArgs(vm, a, qual, 1, 2, 1);
         Value r = fn(charArg(vm, a.args[1], qual), v);
         if (r) return r;
         if (a.args.size() > 2) return a.args[2];
         vm.raise(vm.b().value_error, error);
       });
}

uc::NormalForm formArg(VM& vm, const Value& f) {
  const std::string& s = strArg(vm, f, "normalize", "1");
  if (s == "NFC") return uc::NormalForm::NFC;
  if (s == "NFD") return uc::NormalForm::NFD;
  if (s == "NFKC") return uc::NormalForm::NFKC;
  if (s == "NFKD") return uc::NormalForm::NFKD;
  vm.raise(vm.b().value_error, "invalid normalization form");
}

void installFunctions(VM& vm, const Value& m, const ClassPtr& ucd) {
  (void)vm;
  charFunction(m, ucd, "category", [](VM&, char32_t c, UcdVersion v) {
    return pyStr(std::string(uc::categoryName(uc::categoryIn(c, v))));
  });
  charFunction(m, ucd, "bidirectional", [](VM&, char32_t c, UcdVersion v) {
    return pyStr(std::string(uc::bidirectional(c, v)));
  });
  charFunction(m, ucd, "combining",
               [](VM&, char32_t c, UcdVersion v) { return pyInt(uc::combining(c, v)); });
  charFunction(m, ucd, "east_asian_width", [](VM&, char32_t c, UcdVersion v) {
    return pyStr(std::string(uc::eastAsianWidth(c, v)));
  });
  charFunction(m, ucd, "mirrored",
               [](VM&, char32_t c, UcdVersion v) { return pyInt(uc::mirrored(c, v) ? 1 : 0); });
  charFunction(m, ucd, "decomposition",
               [](VM&, char32_t c, UcdVersion v) { return pyStr(uc::decomposition(c, v)); });
  withDefault(m, ucd, "decimal", "not a decimal", [](char32_t c, UcdVersion v) -> Value {
    int d = uc::decimalIn(c, v);
    return d < 0 ? nullptr : pyInt(d);
  });
  withDefault(m, ucd, "digit", "not a digit", [](char32_t c, UcdVersion) -> Value {
    int d = uc::digitValue(c);
    return d < 0 ? nullptr : pyInt(d);
  });
  withDefault(m, ucd, "numeric", "not a numeric character", [](char32_t c, UcdVersion v) -> Value {
    auto d = uc::numericIn(c, v);
    return d ? pyFloat(*d) : nullptr;
  });
  withDefault(m, ucd, "name", "no such name", [](char32_t c, UcdVersion v) -> Value {
    if (!uc::assignedIn(c, v)) return nullptr;
    std::string n = uc::characterName(c);
    return n.empty() ? nullptr : pyStrKnown(n, n.size());
  });
  both(m, ucd, "lookup", [](VM& vm, CallArgs& a, UcdVersion v, const std::string& qual) -> Value {
    const Value& arg = oneArg(vm, a, qual, 1);
    std::string name = arg->kind == Kind::Str ? asStr(arg) : std::string(bufferArg(vm, arg));
    if (name.size() > 256) vm.raise(vm.b().key_error, "name too long");
    std::optional<std::u32string> found;
    if (v == UcdVersion::Current) {
      found = uc::lookupNameOrSequence(name, !py312(vm));
    } else if (auto cp = uc::lookupName(name, false)) {
      found = std::u32string(1, *cp);
    }
    if (!found) vm.raise(vm.b().key_error, "undefined character name '" + name + "'");
    return pyStrFromCodePoints(*found);
  });
  both(m, ucd, "normalize",
       [](VM& vm, CallArgs& a, UcdVersion v, const std::string& qual) -> Value {
         positionalArgs(vm, a, qual, 2, 2, 1);
         uc::NormalForm form = formArg(vm, a.args[1]);
         const Value& s = a.args[2];
         if (s->kind != Kind::Str) badArgument(vm, "normalize", "2", "str", s);
         if (strLength(s) == 0) return pyStrKnown("", 0);
         if (strIsAscii(s)) return s->sub ? pyStr(asStr(s)) : s;
         return pyStrFromCodePoints(uc::normalize(form, toCodePoints(asStr(s)), v));
       });
  both(m, ucd, "is_normalized",
       [](VM& vm, CallArgs& a, UcdVersion v, const std::string& qual) -> Value {
         positionalArgs(vm, a, qual, 2, 2, 1);
         uc::NormalForm form = formArg(vm, a.args[1]);
         const Value& s = a.args[2];
         if (s->kind != Kind::Str) badArgument(vm, "is_normalized", "2", "str", s);
         if (strIsAscii(s)) return pyBool(true);
         std::u32string cps = toCodePoints(asStr(s));
         return pyBool(uc::normalize(form, cps, v) == cps);
       });
}

}  // namespace

Value makeUnicodedataModule(VM& vm) {
  Value m = newNativeModule("unicodedata");
  auto& d = *as<ModuleObject>(m).dict;
  ClassPtr ucd = makeNativeType(vm, "unicodedata", "UCD");
  auto refuse = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().type_error, "cannot create 'unicodedata.UCD' instances");
  });
  refuse->binds = false;
  ucd->dict->setStr("__new__", refuse);
  nativeGetSet(ucd, "unidata_version", [](VM&, const Value&) -> Value { return pyStr("3.2.0"); });
  installFunctions(vm, m, ucd);
  d.setStr("UCD", ucd);
  d.setStr("ucd_3_2_0", newNative<UcdState>(ucd));
  d.setStr("unidata_version", pyStr(py312(vm) ? "15.0.0" : std::string(uc::unicodeVersion())));
  // the capsule other C modules use; nothing in gbc reads it
  ClassPtr capsule = makeNativeType(vm, "builtins", "PyCapsule");
  d.setStr("_ucnhash_CAPI", newNative<NativeState>(capsule));
  return m;
}

}  // namespace gbc::interp
