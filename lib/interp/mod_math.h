// Shared by the files of the math module (mod_math.cpp, mod_math_int.cpp).
#pragma once

#include "interp/value.h"

namespace gbc::interp {

/// PyFloat_AsDouble as math's functions use it: "must be real number, not X".
double mathReal(VM& vm, const Value& v);
[[noreturn]] void mathDomainError(VM& vm);
[[noreturn]] void mathRangeError(VM& vm);
/// comb, perm, factorial, gcd, lcm, isqrt, floor, ceil, trunc, prod, sumprod.
void installMathIntegers(VM& vm, const Value& m);

}  // namespace gbc::interp
