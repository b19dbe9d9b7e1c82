// atexit's hook for the driver (mod_atexit.cpp): CPython runs the registered functions when the
// interpreter exits; gbc's driver calls runAtexitCallbacks at the end of the program.
#pragma once

#include <string>
#include <vector>

#include "interp/vm.h"

namespace gbc::interp {

/// Runs the functions atexit.register()ed in `vm`, last registered first, and forgets them, as
/// CPython does at exit. A function that raises does not stop the others; each such failure is
/// returned as CPython reports it on stderr ("Exception ignored in atexit callback <f>:\n" and
/// the traceback), for the driver to print. Nothing runs if the program never imported atexit.
std::vector<std::string> runAtexitCallbacks(VM& vm);

}  // namespace gbc::interp
