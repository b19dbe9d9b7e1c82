// gbc's Python versions of modules CPython writes in C (lib/interp/pylib/*.py, embedded in the
// binary at build time): used where the C module's behaviour is mostly calls back into the
// standard library (typing's TypeVar and Generic), or plain data structures whose speed does not
// matter (types.GenericAlias, SimpleNamespace). They are native modules to the import system:
// found before sys.path, their frames are not the user's ("<gbc>/<name>.py").
#pragma once

#include <span>
#include <string_view>

#include "interp/value.h"

namespace gbc::interp {

struct PylibModule {
  const char* name;
  const char* source;
};

/// Every embedded module (generated from lib/interp/pylib).
std::span<const PylibModule> pylibModules();

/// The file name a pylib module's code carries: "<gbc>/_typing.py".
std::string pylibFilename(std::string_view name);

/// Executes pylib module `name` into a new registered module, or returns null when there is no
/// such module.
Value loadPylibModule(VM& vm, std::string_view name);

}  // namespace gbc::interp
