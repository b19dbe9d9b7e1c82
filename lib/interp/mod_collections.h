// The parts of the _collections module (mod_collections*.cpp) and its factory.
#pragma once

#include "interp/native_support.h"

namespace gbc::interp {

/// Builds the _collections module (native_modules.cpp).
Value makeCollectionsModule(VM& vm);
/// deque, _deque_iterator and _deque_reverse_iterator (mod_collections_deque.cpp).
void installDeque(VM& vm, const Value& module);

}  // namespace gbc::interp
