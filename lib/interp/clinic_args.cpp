// CPython's argument parsing messages (clinic_args.h), as Python/getargs.c words them.
#include "interp/clinic_args.h"

#include "base/check.h"
#include "native/bigint.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>

namespace gbc::interp {

namespace {

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::string suggestName(std::string_view name, const std::vector<std::string_view>& candidates) {
  // Python/suggestions.c: Levenshtein distance, a case change costing half a move, trimmed of
  // common affixes; at most a third of the characters changed; the first best candidate wins
  constexpr size_t kMove = 2, kCase = 1, kMaxString = 40;
  auto cost = [](char a, char b) -> size_t {
    if (a == b) return 0;
    if (std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)))
      return kCase;
    return kMove;
  };
  auto distance = [&](std::string_view a, std::string_view b, size_t max_cost) -> size_t {
    while (!a.empty() && !b.empty() && a.front() == b.front())
      a.remove_prefix(1), b.remove_prefix(1);
    while (!a.empty() && !b.empty() && a.back() == b.back()) a.remove_suffix(1), b.remove_suffix(1);
    if (a.empty() || b.empty()) return (a.size() + b.size()) * kMove;
    if (a.size() > kMaxString || b.size() > kMaxString) return max_cost + 1;
    if (b.size() < a.size()) std::swap(a, b);
    if ((b.size() - a.size()) * kMove > max_cost) return max_cost + 1;
    std::vector<size_t> row(a.size());
    for (size_t i = 0; i < a.size(); ++i) row[i] = (i + 1) * kMove;
    size_t result = 0;
    for (size_t bi = 0; bi < b.size(); ++bi) {
      size_t d = result = bi * kMove;
      size_t minimum = SIZE_MAX;
      for (size_t i = 0; i < a.size(); ++i) {
        size_t substitute = d + cost(b[bi], a[i]);
        d = row[i];
        result = std::min(std::min(result, d) + kMove, substitute);
        row[i] = result;
        minimum = std::min(minimum, result);
      }
      if (minimum > max_cost) return max_cost + 1;
    }
    return result;
  };
  std::string_view best;
  size_t best_distance = SIZE_MAX;
  for (std::string_view item : candidates) {
    if (item == name) continue;
    size_t max_distance = (name.size() + item.size() + 3) * kMove / 6;
    if (best_distance != SIZE_MAX) max_distance = std::min(max_distance, best_distance - 1);
    size_t d = distance(name, item, max_distance);
    if (d > max_distance) continue;
    if (best.empty() || d < best_distance) {
      best = item;
      best_distance = d;
    }
  }
  return std::string(best);
}

std::vector<Value> clinicParse(VM& vm, const CallArgs& a, const ClinicSpec& spec, size_t skip) {
  std::vector<const char*> names(spec.names);
  const size_t maxargs = names.size();
  const size_t maxpos = spec.maxpos < 0 ? maxargs : static_cast<size_t>(spec.maxpos);
  const size_t posonly = static_cast<size_t>(spec.posonly);
  const size_t required = static_cast<size_t>(spec.required);
  const size_t nargs = a.args.size() > skip ? a.args.size() - skip : 0;
  size_t nkwargs = a.kwargs.size();
  std::string f = std::string(spec.fname) + "()";
  if (nargs + nkwargs > maxargs)
    vm.raise(vm.b().type_error, f + " takes at most " + std::to_string(maxargs) + " " +
                                    (nargs == 0 ? "keyword " : "") + "argument" +
                                    (maxargs == 1 ? "" : "s") + " (" +
                                    std::to_string(nargs + nkwargs) + " given)");
  if (nargs > maxpos) {
    if (maxpos == 0) vm.raise(vm.b().type_error, f + " takes no positional arguments");
    vm.raise(vm.b().type_error, f + " takes " + (required < maxpos ? "at most " : "exactly ") +
                                    plural(maxpos, "positional argument") + " (" +
                                    std::to_string(nargs) + " given)");
  }
  size_t min_posonly = std::min(required, posonly);
  if (nargs < min_posonly)
    vm.raise(vm.b().type_error, f + " takes " + (min_posonly < maxpos ? "at least " : "exactly ") +
                                    plural(min_posonly, "positional argument") + " (" +
                                    std::to_string(nargs) + " given)");
  std::vector<Value> out(maxargs);
  for (size_t i = 0; i < nargs; ++i) out[i] = a.args[skip + i];
  for (size_t i = std::max(nargs, posonly); i < maxargs; ++i) {
    Value v = nkwargs ? a.kw(names[i]) : nullptr;
    if (v) {
      out[i] = v;
      --nkwargs;
      continue;
    }
    if (i < required)
      vm.raise(vm.b().type_error, f + " missing required argument '" + names[i] + "' (pos " +
                                      std::to_string(i + 1) + ")");
  }
  if (nkwargs == 0) return out;
  for (size_t i = posonly; i < nargs; ++i)
    if (a.kw(names[i]))
      vm.raise(vm.b().type_error, "argument for " + f + " given by name ('" + names[i] +
                                      "') and position (" + std::to_string(i + 1) + ")");
  for (const auto& [k, v] : a.kwargs) {
    bool known = false;
    for (size_t i = posonly; i < maxargs; ++i) known = known || k == names[i];
    if (known) continue;
    std::string message = f + " got an unexpected keyword argument '" + k + "'";
    if (vm.target().python >= "3.14") {  // (3.14 suggests a close parameter name)
      std::vector<std::string_view> candidates(names.begin() + static_cast<std::ptrdiff_t>(posonly),
                                               names.end());
      std::string close = suggestName(k, candidates);
      if (!close.empty()) message += ". Did you mean '" + close + "'?";
    }
    vm.raise(vm.b().type_error, message);
  }
  return out;
}

void checkPositional(VM& vm, const CallArgs& a, const char* name, size_t min, size_t max,
                     size_t skip) {
  size_t n = a.args.size() > skip ? a.args.size() - skip : 0;
  if (n < min)
    vm.raise(vm.b().type_error, std::string(name) + " expected " + (min == max ? "" : "at least ") +
                                    plural(min, "argument") + ", got " + std::to_string(n));
  if (n > max)
    vm.raise(vm.b().type_error, std::string(name) + " expected " + (min == max ? "" : "at most ") +
                                    plural(max, "argument") + ", got " + std::to_string(n));
}

void noKeywords(VM& vm, const CallArgs& a, const char* name) {
  if (!a.kwargs.empty())
    vm.raise(vm.b().type_error, std::string(name) + "() takes no keyword arguments");
}

Value methOneArg(VM& vm, const CallArgs& a, const std::string& qualname, size_t skip) {
  if (!a.kwargs.empty()) vm.raise(vm.b().type_error, qualname + "() takes no keyword arguments");
  size_t n = a.args.size() > skip ? a.args.size() - skip : 0;
  if (n != 1)
    vm.raise(vm.b().type_error,
             qualname + "() takes exactly one argument (" + std::to_string(n) + " given)");
  return a.args[skip];
}

void methNoArgs(VM& vm, const CallArgs& a, const std::string& qualname, size_t skip) {
  if (!a.kwargs.empty()) vm.raise(vm.b().type_error, qualname + "() takes no keyword arguments");
  size_t n = a.args.size() > skip ? a.args.size() - skip : 0;
  if (n > 0)
    vm.raise(vm.b().type_error,
             qualname + "() takes no arguments (" + std::to_string(n) + " given)");
}

ClassPtr builtinClass(VM& vm, const char* name) {
  Value cls = vm.builtinsDict()->getStr(name);
  GBC_CHECK(cls && cls->kind == Kind::Class, "the builtins have the class");
  return std::static_pointer_cast<ClassObject>(cls);
}

Value indexObject(VM& vm, const Value& v) {
  if (v->kind == Kind::Int) return v->sub ? pyBigInt(toBigInt(v)) : v;
  if (v->kind == Kind::Bool) return pyInt(asInt(v));
  if (v->kind == Kind::Instance || v->sub)
    if (Value m = vm.typeOf(v)->lookup("__index__")) {
      Value r = vm.callSpecial(m, v, {});
      if (r->kind != Kind::Int && r->kind != Kind::Bool)
        vm.raise(vm.b().type_error, "__index__ returned non-int (type " + vm.typeOf(r)->name + ")");
      return r;
    }
  vm.raise(vm.b().type_error,
           "'" + vm.typeOf(v)->name + "' object cannot be interpreted as an integer");
}

uint64_t lowBits(const Value& v) {
  if (!isBigInt(v)) return static_cast<uint64_t>(asInt(v));
  native::BigInt mask = native::BigInt::fromUint64(~uint64_t{0});
  return (toBigInt(v) & mask).toUint64();
}

bool isNumberLike(VM& vm, const Value& v) {
  if (v->kind == Kind::Int || v->kind == Kind::Bool || v->kind == Kind::Float) return true;
  if (v->kind != Kind::Instance && !v->sub) return false;
  ClassPtr t = vm.typeOf(v);
  for (std::string_view m : {"__index__", "__int__", "__float__", "__complex__"})
    if (t->lookup(m)) return true;
  return false;
}

}  // namespace gbc::interp
