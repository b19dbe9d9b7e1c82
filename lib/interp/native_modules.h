// The modules CPython writes in C that gbc implements natively (itertools, _collections, math,
// _io, posix, ...): each is one file (mod_<name>.cpp) with a factory that builds the module
// object, listed once in native_modules.cpp. A module is built on its first import, like
// CPython's builtin modules, so a program pays only for what it imports.
#pragma once

#include <string_view>

#include "interp/value.h"

namespace gbc::interp {

/// Builds a native module (its dict filled; not registered).
using NativeModuleFactory = Value (*)(VM& vm);

/// The factory of native module `name`, or null when gbc has none.
NativeModuleFactory findNativeModule(std::string_view name);

/// Names of every native module (sys.builtin_module_names is made from them).
std::vector<std::string_view> nativeModuleNames();

/// A new module object named `name` with __name__ set (for factories).
Value newNativeModule(const std::string& name);

/// Adds a native function to a module built by a factory; returns it.
Value moduleFunction(const Value& module, const std::string& name, NativeFn fn);

}  // namespace gbc::interp
