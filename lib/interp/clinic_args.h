// CPython's argument parsing for native functions, with its exact messages: Argument Clinic's
// keyword unpacking (_PyArg_UnpackKeywords), PyArg_UnpackTuple's positional count checks,
// _PyArg_NoKeywords, and the integer conversions of the "n" / "i" converters (__index__).
// Native modules parse with these so `count(1, 2, 3)` fails as CPython's does.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "interp/slicing.h"
#include "interp/vm.h"

namespace gbc::interp {

/// A function's parameters as Argument Clinic declares them: `names` in order, the first
/// `posonly` positional-only, the first `required` required, the first `maxpos` (-1: all)
/// positional; the rest keyword-only.
struct ClinicSpec {
  const char* fname;
  std::initializer_list<const char*> names;
  int posonly = 0;
  int required = 0;
  int maxpos = -1;
};

/// The arguments of a call (after the first `skip` positionals, a method's self) by parameter,
/// null where not given; TypeError as CPython's clinic raises it.
std::vector<Value> clinicParse(VM& vm, const CallArgs& a, const ClinicSpec& spec, size_t skip = 0);

/// The candidate closest to a mistyped `name` as CPython 3.14 suggests one ("Did you mean
/// 'start'?"), or "" when none is close enough (Python/suggestions.c's rules).
std::string suggestName(std::string_view name, const std::vector<std::string_view>& candidates);

/// PyArg_UnpackTuple's / _PyArg_CheckPositional's count check ("cycle expected 1 argument, got
/// 0"), over the positionals after `skip`.
void checkPositional(VM& vm, const CallArgs& a, const char* name, size_t min, size_t max,
                     size_t skip = 0);

/// _PyArg_NoKeywords: "chain() takes no keyword arguments".
void noKeywords(VM& vm, const CallArgs& a, const char* name);

/// A METH_O function's one argument (after `skip` positionals: 1 for a method's self):
/// "deque.append() takes exactly one argument (0 given)" otherwise; `qualname` is "deque.append".
Value methOneArg(VM& vm, const CallArgs& a, const std::string& qualname, size_t skip = 1);

/// A METH_NOARGS function's check (after `skip` positionals): "deque.pop() takes no arguments (1
/// given)".
void methNoArgs(VM& vm, const CallArgs& a, const std::string& qualname, size_t skip = 1);

/// PyNumber_Index: an int (of any size) as it is, a bool as its int, or __index__'s int result;
/// TypeError "'str' object cannot be interpreted as an integer" otherwise.
Value indexObject(VM& vm, const Value& v);

/// The low 64 bits of an int of any size in two's complement (PyLong_AsUnsignedLongLongMask).
uint64_t lowBits(const Value& v);

// PyNumber_Index as a C Py_ssize_t: ssizeArg (slicing.h).

/// Whether `v` is a number (PyNumber_Check: int, float, complex, __index__, __int__, __float__).
bool isNumberLike(VM& vm, const Value& v);

/// The builtin class `name` (MemoryError, ReferenceError, ...), which the VM must have.
ClassPtr builtinClass(VM& vm, const char* name);

/// The positionals of a call after `skip` (a method's self).
inline std::vector<Value> restArgs(const CallArgs& a, size_t skip) {
  if (a.args.size() <= skip) return {};
  return std::vector<Value>(a.args.begin() + static_cast<std::ptrdiff_t>(skip), a.args.end());
}

/// The name of `v`'s type as CPython's messages print it (Py_TYPE(v)->tp_name).
inline std::string typeName(VM& vm, const Value& v) { return vm.typeOf(v)->name; }

}  // namespace gbc::interp
