// The builtin complex type (complex.cpp): values are native instances holding two doubles.
#pragma once

#include <optional>

#include "interp/value.h"

namespace gbc::interp {

struct Cx {
  double re = 0, im = 0;
};

/// The value of a complex (or complex subclass) instance; nullopt for anything else.
std::optional<Cx> complexValue(const Value& v);
/// A new complex.
Value makeComplex(VM& vm, double re, double im);
/// Creates the `complex` class (builtins.complex, vm.b().by_name["complex"]).
void installComplex(VM& vm);

}  // namespace gbc::interp
