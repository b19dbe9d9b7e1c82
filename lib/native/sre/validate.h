// Checks compiled code before the engine runs it, as _sre.compile does (CPython raises
// RuntimeError("invalid SRE code") when this fails). The engine trusts code that passed: every
// skip lands inside the code, every set is closed, every group number is in range.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "native/sre/constants.h"

namespace gbc::native::sre {

/// True when `code` is well-formed for a pattern with `groups` capturing groups: the shapes
/// re._compiler emits, ending in SUCCESS. Stricter than CPython in one way only: a MARK must
/// name a slot of the pattern's groups (CPython lets MARK 2*groups+1 through). When given,
/// `set_offsets` receives where each character set of the code begins.
bool validateCode(std::span<const Code> code, std::ptrdiff_t groups,
                  std::vector<size_t>* set_offsets = nullptr);

}  // namespace gbc::native::sre
