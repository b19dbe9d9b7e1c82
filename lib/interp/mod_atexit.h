// atexit's hook for the driver (mod_atexit.cpp): CPython runs the registered functions when the
// interpreter exits; gbc's driver calls runAtexitCallbacks at the end of the program.
#pragma once

#include <string>
#include <vector>

#include "interp/vm.h"
#include "report/model.h"

namespace gbc::interp {

/// A callback that raised at exit: CPython prints "Exception ignored in atexit callback
/// <callback>:" and the traceback on stderr, and goes on with the others.
struct AtexitFailure {
  std::string callback;  ///< repr() of the callback
  report::PyTraceback traceback;
};

/// Runs the functions atexit.register()ed in `vm`, last registered first, and forgets them, as
/// CPython does at exit; returns the failures for the driver to report. Nothing runs if the
/// program never imported atexit.
std::vector<AtexitFailure> runAtexitCallbacks(VM& vm);

}  // namespace gbc::interp
