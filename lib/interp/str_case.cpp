// str's case mappings (lower, upper, casefold, title, capitalize, swapcase: CPython's full
// mappings with the final-sigma rule, from lib/native/unicode), its is* predicates and its
// padding methods (center, ljust, rjust, zfill; widths in code points). ASCII strings take
// byte-wise fast paths.
#include "native/unicode/str_case.h"
#include "interp/str_methods.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"
#include "native/unicode/unicode.h"

namespace gbc::interp {

namespace {

namespace uc = native::unicode;

using CaseFn = std::u32string (*)(std::u32string_view);
using AsciiFn = void (*)(std::string&);

void asciiLower(std::string& s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
}
void asciiUpper(std::string& s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
}
void asciiSwapcase(std::string& s) {
  for (char& c : s)
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') c = static_cast<char>(c ^ 0x20);
}
void asciiTitle(std::string& s) {
  bool previous_cased = false;
  for (char& c : s) {
    bool lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
    if (previous_cased && upper) c = static_cast<char>(c + 32);
    if (!previous_cased && lower) c = static_cast<char>(c - 32);
    previous_cased = lower || upper;
  }
}
void asciiCapitalize(std::string& s) {
  asciiLower(s);
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
}

void installCase(VM& vm, const char* name, CaseFn full, AsciiFn ascii) {
  std::string qual = std::string("str.") + name;
  vm.nativeMethods(Kind::Str)[name] = [qual, full, ascii](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, qual, 1);
    const auto& s = as<StrObject>(a.args[0]);
    if (strIsAscii(s) && ascii) {
      std::string out = s.v;
      ascii(out);
      return pyStrKnown(std::move(out), s.v.size());
    }
    return pyStrFromCodePoints(full(toCodePoints(s.v)));
  };
}

/// An is* predicate true when the string is non-empty and every code point passes.
void installAll(VM& vm, const char* name, bool (*test)(char32_t)) {
  std::string qual = std::string("str.") + name;
  vm.nativeMethods(Kind::Str)[name] = [qual, test](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, qual, 1);
    Text t = textOf(a.args[0]);
    if (t.size() == 0) return pyBool(false);
    for (size_t i = 0; i < t.size(); ++i)
      if (!test(t[i])) return pyBool(false);
    return pyBool(true);
  };
}

/// A predicate of the whole string (islower, istitle, ...).
void installWhole(VM& vm, const char* name, bool (*test)(std::u32string_view)) {
  std::string qual = std::string("str.") + name;
  vm.nativeMethods(Kind::Str)[name] = [qual, test](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, qual, 1);
    return pyBool(test(toCodePoints(asStr(a.args[0]))));
  };
}

/// The fill character argument of center/ljust/rjust.
char32_t fillChar(VM& vm, CallArgs& a) {
  if (a.args.size() < 3) return ' ';
  const Value& f = a.args[2];
  if (f->kind != Kind::Str)
    vm.raise(vm.b().type_error,
             "The fill character must be a unicode character, not " + vm.typeOf(f)->name);
  if (strLength(f) != 1)
    vm.raise(vm.b().type_error, "The fill character must be exactly one character long");
  return textOf(f)[0];
}

Value padded(const Value& selfv, int64_t left, int64_t right, char32_t fill) {
  const auto& s = as<StrObject>(selfv);
  if (left <= 0 && right <= 0) {
    if (!selfv->sub) return selfv;
    return pyStrKnown(s.v, strLength(s));
  }
  left = std::max<int64_t>(left, 0);
  right = std::max<int64_t>(right, 0);
  std::string f;
  appendCodePoint(f, fill);
  std::string out;
  out.reserve(s.v.size() + static_cast<size_t>(left + right) * f.size());
  for (int64_t i = 0; i < left; ++i) out += f;
  out += s.v;
  for (int64_t i = 0; i < right; ++i) out += f;
  return pyStrKnown(std::move(out), strLength(s) + static_cast<size_t>(left + right));
}

void installPadding(VM& vm) {
  auto& S = vm.nativeMethods(Kind::Str);
  S["ljust"] = [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "str.ljust", 1, 2, 1);
    int64_t width = ssizeArgOf(vm, a.args[1]);
    char32_t fill = fillChar(vm, a);
    return padded(a.args[0], 0, width - static_cast<int64_t>(strLength(a.args[0])), fill);
  };
  S["rjust"] = [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "str.rjust", 1, 2, 1);
    int64_t width = ssizeArgOf(vm, a.args[1]);
    char32_t fill = fillChar(vm, a);
    return padded(a.args[0], width - static_cast<int64_t>(strLength(a.args[0])), 0, fill);
  };
  S["center"] = [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "str.center", 1, 2, 1);
    int64_t width = ssizeArgOf(vm, a.args[1]);
    char32_t fill = fillChar(vm, a);
    int64_t marg = width - static_cast<int64_t>(strLength(a.args[0]));
    if (marg <= 0) return padded(a.args[0], 0, 0, fill);
    int64_t left = marg / 2 + (marg & width & 1);
    return padded(a.args[0], left, marg - left, fill);
  };
  S["zfill"] = [](VM& vm, CallArgs& a) -> Value {
    int64_t width = ssizeArgOf(vm, oneArg(vm, a, "str.zfill", 1));
    const auto& s = as<StrObject>(a.args[0]);
    int64_t fill = width - static_cast<int64_t>(strLength(s));
    if (fill <= 0) return padded(a.args[0], 0, 0, ' ');
    std::string out = s.v;
    size_t sign = !out.empty() && (out[0] == '+' || out[0] == '-') ? 1 : 0;
    out.insert(sign, static_cast<size_t>(fill), '0');
    return pyStrKnown(std::move(out), strLength(s) + static_cast<size_t>(fill));
  };
}

}  // namespace

void installStrCase(VM& vm) {
  installCase(vm, "lower", uc::strLower, asciiLower);
  installCase(vm, "upper", uc::strUpper, asciiUpper);
  installCase(vm, "casefold", uc::strCasefold, asciiLower);
  installCase(vm, "swapcase", uc::strSwapcase, asciiSwapcase);
  installCase(vm, "title", uc::strTitle, asciiTitle);
  installCase(vm, "capitalize", uc::strCapitalize, asciiCapitalize);
  installAll(vm, "isalpha", uc::isAlpha);
  installAll(vm, "isalnum", uc::isAlnum);
  installAll(vm, "isdecimal", uc::isDecimal);
  installAll(vm, "isdigit", uc::isDigit);
  installAll(vm, "isnumeric", uc::isNumeric);
  installAll(vm, "isspace", uc::isSpace);
  installWhole(vm, "islower", uc::strIsLower);
  installWhole(vm, "isupper", uc::strIsUpper);
  installWhole(vm, "istitle", uc::strIsTitle);
  installWhole(vm, "isidentifier", uc::strIsIdentifier);
  auto& S = vm.nativeMethods(Kind::Str);
  S["isprintable"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "str.isprintable", 1);
    Text t = textOf(a.args[0]);
    for (size_t i = 0; i < t.size(); ++i)
      if (!uc::isPrintable(t[i])) return pyBool(false);
    return pyBool(true);  // '' is printable
  };
  S["isascii"] = [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "str.isascii", 1);
    return pyBool(strIsAscii(a.args[0]));
  };
  installPadding(vm);
}

}  // namespace gbc::interp
