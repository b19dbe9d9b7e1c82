// numpy.random's legacy interface of numpy_random.cpp.
#pragma once

#include "interp/vm.h"

namespace gbc::interp {

/// numpy.random (RandomState and the module functions on its global instance), set on `numpy`.
void installNumpyRandom(VM& vm, const Value& numpy);

}  // namespace gbc::interp
