// Argument binding and converters for native functions (native_args.h), with the messages of
// CPython 3.14's Python/getargs.c and Modules/posixmodule.c (path_converter).
#include "interp/native_args.h"

#include <algorithm>
#include <cstdint>

#include "interp/native_type.h"
#include "interp/text_codec.h"

namespace gbc::interp {

namespace {

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

[[noreturn]] void typeError(VM& vm, std::string message) {
  vm.raise(vm.b().type_error, std::move(message));
}

// CPython 3.14's "Did you mean" for a mistyped keyword (Python/suggestions.c): the closest
// candidate by its Levenshtein distance (a case change costs 1, another edit 2), within
// (len(name) + len(candidate) + 3) * 2 / 6.
constexpr size_t kMoveCost = 2, kCaseCost = 1, kMaxStringSize = 40;

size_t substitutionCost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  if ('A' <= a && a <= 'Z') a = static_cast<char>(a + ('a' - 'A'));
  if ('A' <= b && b <= 'Z') b = static_cast<char>(b + ('a' - 'A'));
  return a == b ? kCaseCost : kMoveCost;
}

size_t levenshtein(std::string_view a, std::string_view b, size_t max_cost) {
  if (a == b) return 0;
  while (!a.empty() && !b.empty() && a.front() == b.front()) a.remove_prefix(1), b.remove_prefix(1);
  while (!a.empty() && !b.empty() && a.back() == b.back()) a.remove_suffix(1), b.remove_suffix(1);
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  std::vector<size_t> buffer(a.size());
  for (size_t i = 0; i < a.size(); ++i) buffer[i] = (i + 1) * kMoveCost;
  size_t result = 0;
  for (size_t bi = 0; bi < b.size(); ++bi) {
    size_t distance = result = bi * kMoveCost, minimum = SIZE_MAX;
    for (size_t i = 0; i < a.size(); ++i) {
      size_t substitute = distance + substitutionCost(b[bi], a[i]);
      distance = buffer[i];
      result = std::min(std::min(result, distance) + kMoveCost, substitute);
      buffer[i] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) return max_cost + 1;
  }
  return result;
}

std::string suggestion(std::string_view name, const std::vector<std::string_view>& candidates) {
  std::string_view best;
  size_t best_distance = SIZE_MAX;
  for (std::string_view item : candidates) {
    if (item == name) continue;
    size_t max_distance = (name.size() + item.size() + 3) * kMoveCost / 6;
    if (best_distance != SIZE_MAX) max_distance = std::min(max_distance, best_distance - 1);
    size_t d = levenshtein(name, item, max_distance);
    if (d > max_distance) continue;
    if (best.empty() || d < best_distance) best = item, best_distance = d;
  }
  return best.empty() ? "" : ". Did you mean '" + std::string(best) + "'?";
}

}  // namespace

std::vector<Value> bindArgs(VM& vm, const CallArgs& a, const ArgSpec& spec, size_t first) {
  const size_t nparams = spec.params.size();
  const size_t maxpos = nparams - spec.kwonly;
  const size_t nargs = a.args.size() > first ? a.args.size() - first : 0;
  const std::string fname = std::string(spec.name) + "()";
  if (nargs > maxpos) {
    if (maxpos == 0) typeError(vm, fname + " takes no positional arguments");
    size_t minpos = std::min(spec.required, maxpos);
    typeError(vm, fname + " takes " + (minpos < maxpos ? "at most " : "exactly ") +
                      plural(maxpos, spec.kwonly ? "positional argument" : "argument") + " (" +
                      std::to_string(nargs) + " given)");
  }
  std::vector<Value> out(nparams);
  for (size_t i = 0; i < nargs; ++i) out[i] = a.args[first + i];
  // keywords bind first; missing required arguments are reported before unknown keywords
  // (_PyArg_UnpackKeywords)
  std::string unknown, doubled;
  size_t doubled_at = 0;
  for (const auto& [key, value] : a.kwargs) {
    size_t at = nparams;
    for (size_t i = spec.posonly; i < nparams; ++i)
      if (spec.params[i] == key) at = i;
    if (at == nparams) {
      if (unknown.empty()) unknown = key;
      continue;
    }
    if (out[at]) {
      if (doubled.empty()) doubled = key, doubled_at = at;
      continue;
    }
    out[at] = value;
  }
  for (size_t i = 0; i < spec.required && i < nparams; ++i) {
    if (out[i]) continue;
    if (i >= maxpos)
      typeError(vm, fname + " missing required keyword-only argument '" +
                        std::string(spec.params[i]) + "'");
    typeError(vm, fname + " missing required argument '" + std::string(spec.params[i]) + "' (pos " +
                      std::to_string(i + 1) + ")");
  }
  if (!doubled.empty())
    typeError(vm, "argument for " + fname + " given by name ('" + doubled + "') and position (" +
                      std::to_string(doubled_at + 1) + ")");
  if (!unknown.empty()) {
    for (size_t i = 0; i < spec.posonly; ++i)
      if (spec.params[i] == unknown)
        typeError(vm, fname + " got some positional-only arguments passed as keyword arguments: '" +
                          unknown + "'");
    std::vector<std::string_view> keywords(
        spec.params.begin() + static_cast<ptrdiff_t>(spec.posonly), spec.params.end());
    typeError(vm, fname + " got an unexpected keyword argument '" + unknown + "'" +
                      suggestion(unknown, keywords));
  }
  return out;
}

void noArgs(VM& vm, const CallArgs& a, std::string_view name, size_t first) {
  if (!a.kwargs.empty()) typeError(vm, std::string(name) + "() takes no keyword arguments");
  size_t n = a.args.size() > first ? a.args.size() - first : 0;
  if (n)
    typeError(vm, std::string(name) + "() takes no arguments (" + std::to_string(n) + " given)");
}

Value oneArg(VM& vm, const CallArgs& a, std::string_view name, size_t first) {
  if (!a.kwargs.empty()) typeError(vm, std::string(name) + "() takes no keyword arguments");
  size_t n = a.args.size() > first ? a.args.size() - first : 0;
  if (n != 1)
    typeError(
        vm, std::string(name) + "() takes exactly one argument (" + std::to_string(n) + " given)");
  return a.args[first];
}

void positionalArgs(VM& vm, const CallArgs& a, std::string_view name, size_t min, size_t max,
                    size_t first) {
  std::string n(name);
  if (!a.kwargs.empty()) {
    // (the message names the function as its __qualname__ would: a method "StringIO.read")
    typeError(vm, n + "() takes no keyword arguments");
  }
  size_t got = a.args.size() > first ? a.args.size() - first : 0;
  if (got >= min && got <= max) return;
  std::string bound = min == max ? "" : got < min ? "at least " : "at most ";
  size_t want = got < min ? min : max;
  // _PyArg_CheckPositional names the function without its module or class
  size_t dot = n.rfind('.');
  std::string shown = dot == std::string::npos ? n : n.substr(dot + 1);
  typeError(
      vm, shown + " expected " + bound + plural(want, "argument") + ", got " + std::to_string(got));
}

bool optStrArg(VM& vm, const Value& v, std::string_view fname, std::string_view arg,
               std::string& out) {
  if (!v || isNone(v)) return false;
  if (v->kind != Kind::Str)
    typeError(vm, std::string(fname) + "() argument '" + std::string(arg) +
                      "' must be str or None, not " + vm.typeOf(v)->name);
  out = asStr(v);
  return true;
}

bool optSizeArg(VM& vm, const Value& v, int64_t& out) {
  if (!v || isNone(v)) return false;
  if (!hasIndex(vm, v))
    typeError(vm, "argument should be integer or None, not '" + vm.typeOf(v)->name + "'");
  out = ssizeArg(vm, v);
  return true;
}

Value fspath(VM& vm, const Value& v) {
  if (v->kind == Kind::Str || v->kind == Kind::Bytes) return v;
  ClassPtr type = vm.typeOf(v);
  Value method = type->lookup("__fspath__");
  if (!method || isNone(method))
    typeError(vm, "expected str, bytes or os.PathLike object, not " + type->name);
  Value r = vm.callSpecial(method, v, {});
  if (r->kind != Kind::Str && r->kind != Kind::Bytes)
    typeError(vm, "expected " + type->name + ".__fspath__() to return str or bytes, not " +
                      vm.typeOf(r)->name);
  return r;
}

PathArg pathArg(VM& vm, const Value& v, std::string_view fname, std::string_view argname,
                bool allow_fd, bool nullable) {
  PathArg p;
  p.object = v;
  std::string prefix = fname.empty() ? "" : std::string(fname) + ": ";
  if (nullable && isNone(v)) {
    p.is_none = true;
    p.path = ".";
    return p;
  }
  if (allow_fd && hasIndex(vm, v) && v->kind != Kind::Str && v->kind != Kind::Bytes) {
    int64_t fd = ssizeArg(vm, v);
    if (fd < 0) vm.raise(vm.b().value_error, prefix + "fd is negative");  // (never a path)
    if (fd > INT32_MAX) vm.raise(vm.b().overflow_error, prefix + "fd is greater than maximum");
    p.fd = static_cast<int>(fd);
    p.shown = pyInt(fd);
    return p;
  }
  Value s = v;
  if (v->kind != Kind::Str && v->kind != Kind::Bytes) {
    Value method = vm.typeOf(v)->lookup("__fspath__");
    if (!method || isNone(method)) {
      std::string kinds = allow_fd && nullable ? "string, bytes, os.PathLike, integer or None"
                          : allow_fd           ? "string, bytes, os.PathLike or integer"
                          : nullable           ? "string, bytes, os.PathLike or None"
                                               : "string, bytes or os.PathLike";
      typeError(vm, prefix + std::string(argname) + " should be " + kinds + ", not " +
                        vm.typeOf(v)->name);
    }
    s = fspath(vm, v);
  }
  p.is_bytes = s->kind == Kind::Bytes;
  p.shown = s;
  const std::string& text = p.is_bytes ? as<BytesObject>(s).v : asStr(s);
  if (text.find('\0') != std::string::npos)
    vm.raise(vm.b().value_error, prefix + "embedded null character in " + std::string(argname));
  // (a str path's lone surrogates are the bytes os.fsdecode escaped)
  p.path = p.is_bytes ? text : encodeText(vm, Codec::Utf8, text, "surrogateescape");
  return p;
}

std::string typeName(const ClassPtr& cls) {
  if (cls->builtin && !cls->module.empty() && cls->module != "builtins")
    return cls->module + "." + cls->name;
  return cls->name;
}

Value checkedNativeMethod(const ClassPtr& cls, const std::string& name, NativeFn fn) {
  std::weak_ptr<ClassObject> weak = cls;
  std::string qualname = cls->name + "." + name;
  return nativeMethod(cls, name, [weak, name, qualname, fn](VM& vm, CallArgs& a) -> Value {
    if (a.args.empty())
      vm.raise(vm.b().type_error, "unbound method " + qualname + "() needs an argument");
    ClassPtr owner = weak.lock();
    if (owner && !vm.isInstance(a.args[0], owner.get()))
      vm.raise(vm.b().type_error, "descriptor '" + name + "' for '" + typeName(owner) +
                                      "' objects doesn't apply to a '" +
                                      typeName(vm.typeOf(a.args[0])) + "' object");
    return fn(vm, a);
  });
}

std::string osBytes(VM& vm, const Value& v) {
  if (v->kind == Kind::Bytes) return as<BytesObject>(v).v;
  return encodeText(vm, Codec::Utf8, asStr(v), "surrogateescape");
}

Value osStr(const std::string& bytes) {
  // (decoding with surrogateescape never fails: every undecodable byte is >= 0x80)
  VM* vm = currentVM();
  return pyStr(decodeText(*vm, Codec::Utf8, bytes, "surrogateescape", true));
}

}  // namespace gbc::interp
