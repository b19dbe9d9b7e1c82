// Argument parsing for the methods of str, bytes and bytearray (text_args.h).
#include "interp/text_args.h"

#include <limits>

#include "interp/slicing.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string_view shortName(std::string_view qualname) {
  size_t dot = qualname.rfind('.');
  return dot == std::string_view::npos ? qualname : qualname.substr(dot + 1);
}

void noKeywords(VM& vm, const CallArgs& a, std::string_view qualname) {
  if (!a.kwargs.empty())
    vm.raise(vm.b().type_error, std::string(qualname) + "() takes no keyword arguments");
}

}  // namespace

bool py312(VM& vm) { return vm.target().python == "3.12"; }

void parseTupleArgs(VM& vm, const CallArgs& a, std::string_view qualname, size_t min, size_t max) {
  noKeywords(vm, a, qualname);
  size_t n = a.args.size() - 1;
  std::string name(shortName(qualname));
  if (n < min || n > max) {
    const char* how = min == max ? "exactly" : n < min ? "at least" : "at most";
    vm.raise(vm.b().type_error, name + "() takes " + how + " " +
                                    plural(n < min ? min : max, "argument") + " (" +
                                    std::to_string(n) + " given)");
  }
}

std::vector<Value> keywordArgs(VM& vm, const CallArgs& a, std::string_view fname,
                               std::initializer_list<const char*> names, size_t posonly,
                               size_t required, size_t maxpos) {
  std::vector<const char*> params(names);
  size_t nargs = a.args.size() - 1, nkw = a.kwargs.size();
  std::string f(fname);
  size_t maxargs = params.size();
  auto& te = vm.b().type_error;
  if (nargs + nkw > maxargs)
    vm.raise(te, f + "() takes at most " + std::to_string(maxargs) + " " +
                     (nargs == 0 ? "keyword " : "") + "argument" + (maxargs == 1 ? "" : "s") +
                     " (" + std::to_string(nargs + nkw) + " given)");
  if (nargs > maxpos) {
    if (maxpos == 0) vm.raise(te, f + "() takes no positional arguments");
    vm.raise(te, f + "() takes " + (required < maxpos ? "at most" : "exactly") + " " +
                     plural(maxpos, "positional argument") + " (" + std::to_string(nargs) +
                     " given)");
  }
  size_t minpos = std::min(required, posonly);
  if (nargs < minpos)
    vm.raise(te, f + "() takes " + (minpos < maxpos ? "at least" : "exactly") + " " +
                     plural(minpos, "positional argument") + " (" + std::to_string(nargs) +
                     " given)");
  std::vector<Value> out(params.size());
  for (size_t i = 0; i < nargs; ++i) out[i] = a.args[i + 1];
  for (const auto& [key, value] : a.kwargs) {
    size_t k = posonly;
    while (k < params.size() && key != params[k]) ++k;
    if (k == params.size()) {
      if (py312(vm)) vm.raise(te, "'" + key + "' is an invalid keyword argument for " + f + "()");
      vm.raise(te, f + "() got an unexpected keyword argument '" + key + "'");
    }
    if (out[k])
      vm.raise(te, "argument for " + f + "() given by name ('" + key + "') and position (" +
                       std::to_string(k + 1) + ")");
    out[k] = value;
  }
  for (size_t i = 0; i < required; ++i)
    if (!out[i]) {
      if (i < posonly)
        vm.raise(te, f + "() takes " + (required < maxpos ? "at least" : "exactly") + " " +
                         plural(required, "positional argument") + " (" + std::to_string(nargs) +
                         " given)");
      vm.raise(te, f + "() missing required argument '" + params[i] + "' (pos " +
                       std::to_string(i + 1) + ")");
    }
  return out;
}

void badArgument(VM& vm, std::string_view fname, std::string_view which, std::string_view expected,
                 const Value& got) {
  std::string arg = which.empty() ? "argument" : "argument " + std::string(which);
  vm.raise(vm.b().type_error, std::string(fname) + "() " + arg + " must be " +
                                  std::string(expected) + ", not " +
                                  (isNone(got) ? std::string("None") : vm.typeOf(got)->name));
}

const std::string& strArg(VM& vm, const Value& v, std::string_view fname, std::string_view which) {
  if (v->kind != Kind::Str) badArgument(vm, fname, which, "str", v);
  return asStr(v);
}

int64_t ssizeArgOf(VM& vm, const Value& v) { return ssizeArg(vm, v); }

int intArgOf(VM& vm, const Value& v) {
  Value i = indexInt(vm, v);
  if (isBigInt(i) || asInt(i) > std::numeric_limits<int>::max() ||
      asInt(i) < std::numeric_limits<int>::min())
    vm.raise(vm.b().overflow_error, "Python int too large to convert to C int");
  return static_cast<int>(asInt(i));
}

}  // namespace gbc::interp
