// The `sys` module, natively: the import system's state (modules, path, meta_path, path_hooks,
// path_importer_cache), the interpreter's identity as CPython of the target version (version,
// version_info, hexversion, implementation, flags, float_info, ...), the standard streams (gbc
// run writes the program's stdout through VM::out and its stderr through VM::err), frames,
// exceptions being handled, and the hooks programs set (no-ops where gbc has no such machinery).
#pragma once

#include <string>
#include <vector>

#include "interp/vm.h"

namespace gbc::interp {

class Importer;

/// What the environment decides about sys (environment.h): empty strings take the target
/// CPython's own values (/usr/bin/python3.14, prefix /usr; /usr/local/bin/python3.12, /usr/local).
struct SysSettings {
  std::string executable;
  std::string prefix;       // sys.prefix, sys.exec_prefix (a virtual environment's folder)
  std::string base_prefix;  // sys.base_prefix, sys.base_exec_prefix
  std::vector<std::string> argv;
};

/// Creates `sys` and registers it as a built-in module.
void installSys(VM& vm, Importer& importer);

/// Sets sys.executable, the prefixes, argv and orig_argv.
void configureSys(VM& vm, const SysSettings& settings);

/// Writes `pieces` to `file` as print() does (sys.stdout when `file` is null or None; nothing
/// when that is None): a file of the program's gets one write() per piece; flushes when `flush`.
/// sys.monitoring (mod_sys_monitoring.cpp); `namespace_cls` is types.SimpleNamespace.
void installMonitoring(VM& vm, const Value& sys, const Value& namespace_cls);

void printTo(VM& vm, const Value& file, const std::vector<std::string>& pieces, bool flush);

}  // namespace gbc::interp
