// Transitional include for syntax::tracebackCaretLine (lib/syntax/carets.h, written in parallel).
// When that header exists it is used as is; until then a stub that shows no carets keeps the
// report library building. Remove this file and include "syntax/carets.h" directly once it lands.
#pragma once

#if __has_include("syntax/carets.h")
#include "syntax/carets.h"
#define GBC_HAVE_SYNTAX_CARETS 1
#else
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gbc::syntax {
/// Stub: CPython 3.13+'s caret line under a traceback source line, relative to the stripped
/// line, or nullopt when CPython shows none. This stand-in always answers nullopt.
inline std::optional<std::string> tracebackCaretLine(std::string_view /*line*/, uint32_t /*col*/,
                                                     uint32_t /*end_col*/) {
  return std::nullopt;
}
}  // namespace gbc::syntax
#define GBC_HAVE_SYNTAX_CARETS 0
#endif
