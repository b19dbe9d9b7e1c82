// Argument parsing for the methods of str, bytes and bytearray with CPython's messages, which
// depend on how CPython declares each method (METH_NOARGS, METH_O, Argument Clinic with
// positional-only parameters or with keywords) and on the Python version (3.12's texts differ).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "interp/native_args.h"
#include "interp/value.h"

namespace gbc::interp {

/// Whether the VM runs as CPython 3.12 (vm.target().python); 3.14 otherwise.
bool py312(VM& vm);

/// CPython 3.12's PyArg_ParseTuple arity messages ("find() takes at least 1 argument (0 given)")
/// for methods 3.14 moved to Argument Clinic.
void parseTupleArgs(VM& vm, const CallArgs& a, std::string_view qualname, size_t min, size_t max);

/// Argument Clinic with keywords (_PyArg_UnpackKeywords): `names` are the parameters in order,
/// the first `posonly` positional-only, at most `maxpos` given by position, the first `required`
/// required. Returns one value per parameter (null where not given). The receiver is args[0].
std::vector<Value> keywordArgs(VM& vm, const CallArgs& a, std::string_view fname,
                               std::initializer_list<const char*> names, size_t posonly,
                               size_t required, size_t maxpos);

/// The type check of Argument Clinic's converters: "`fname`() argument `which` must be
/// `expected`, not X" (`which`: "1", "'encoding'"; empty: just "argument").
[[noreturn]] void badArgument(VM& vm, std::string_view fname, std::string_view which,
                              std::string_view expected, const Value& got);
/// A str argument (see badArgument).
// noArgs / oneArg (METH_NOARGS / METH_O; first = 1 for a method): native_args.h
const std::string& strArg(VM& vm, const Value& v, std::string_view fname, std::string_view which);
/// A Py_ssize_t argument (__index__; OverflowError "Python int too large to convert to C
/// ssize_t").
int64_t ssizeArgOf(VM& vm, const Value& v);
/// A C int argument (OverflowError "Python int too large to convert to C int").
int intArgOf(VM& vm, const Value& v);

}  // namespace gbc::interp
