// For interp's Catch2 tests: what `gbc run` prints for a small program.
#pragma once

#include <string>

#include "interp/driver.h"
#include "report/traceback.h"

namespace gbc::interp::testing {

/// stdout of `gbc run` on `source` (as the file `path`), followed by the traceback of an
/// uncaught exception as CPython prints it; "error: <message>" when gbc could not run it (a
/// syntax error, something it cannot model).
inline std::string runProgram(const std::string& path, const std::string& source) {
  Options opt;
  std::string out;
  opt.out = [&out](std::string_view s) { out += s; };
  opt.run = true;
  auto outcome = runFile(path, source, opt);
  if (!outcome) return "error: " + outcome.error().message;
  if (outcome->uncaught_exception)
    return out +
           report::formatPyTraceback(*outcome->uncaught_exception, outcome->report.sources, true);
  return out;
}

}  // namespace gbc::interp::testing
