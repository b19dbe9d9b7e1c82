// Helpers shared by lib/syntax's tests.
#pragma once

#include <string>
#include <string_view>

#include "syntax/ast_dump.h"
#include "syntax/parser.h"

namespace gbc::syntax::testing {

/// dumpAst of `source`, or "error: <message>" when it does not parse.
inline std::string dumpSource(std::string_view source) {
  auto module = parseModule("<test>", source);
  if (!module) return "error: " + module.error().message;
  return dumpAst(*module);
}

}  // namespace gbc::syntax::testing
