// Small helpers for reading the arguments of native functions.
#pragma once

#include "interp/value.h"

namespace gbc::interp {

/// Positional argument `i`, else keyword `kw` (may be null), else `dflt`.
inline Value argOr(CallArgs& a, size_t i, const char* kw, Value dflt) {
  if (i < a.args.size()) return a.args[i];
  if (kw)
    if (Value v = a.kw(kw)) return v;
  return dflt;
}

}  // namespace gbc::interp
