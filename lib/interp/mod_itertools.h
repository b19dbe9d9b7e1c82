// The parts of the itertools module (mod_itertools*.cpp) and its factory.
#pragma once

#include "interp/native_support.h"

namespace gbc::interp {

/// Builds the itertools module (native_modules.cpp).
Value makeItertoolsModule(VM& vm);
/// groupby, _grouper, tee and _tee (mod_itertools_group.cpp).
void installItertoolsGroup(VM& vm, const Value& module);
/// product, permutations, combinations, combinations_with_replacement (mod_itertools_comb.cpp).
void installItertoolsCombinatorics(VM& vm, const Value& module);

}  // namespace gbc::interp
