// The integer constants of CPython's system modules on x86-64 Linux (posix's O_* / F_OK / ...,
// errno, signal, time's CLOCK_*, _locale, fcntl, select), read from CPython 3.14 by
// tools/gen_os_tables.py into os_tables.inc.
#pragma once

#include <span>
#include <string_view>

#include "interp/value.h"

namespace gbc::interp {

struct IntConstant {
  const char* name;
  long long value;
};

enum class OsTable {
  Posix,
  PosixSysconfNames,
  PosixConfstrNames,
  PosixPathconfNames,
  Errno,
  ErrnoCodes,  // errno.errorcode's entries in CPython's order
  Signal,
  Time,
  Locale,
  Fcntl,
  Select,
};

/// One table of constants (sorted by name).
std::span<const IntConstant> osTable(OsTable which);

/// Sets every constant of `which` in `module`'s dict.
void addConstants(const Value& module, OsTable which);

/// The value of constant `name` in `which` (`fallback` when absent).
long long osConstant(OsTable which, std::string_view name, long long fallback = -1);

/// Whether CPython has a codec of this name (normalised as encodings.normalize_encoding, lower
/// case).
bool isCPythonCodecName(std::string_view normalized);

}  // namespace gbc::interp
