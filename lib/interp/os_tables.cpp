// The constant tables of os_tables.h.
#include "interp/os_tables.h"

namespace gbc::interp {

namespace {
#include "interp/os_tables.inc"

template <size_t N>
std::span<const IntConstant> span(const IntConstant (&t)[N]) {
  return {t, N};
}
}  // namespace

std::span<const IntConstant> osTable(OsTable which) {
  switch (which) {
    case OsTable::Posix:
      return span(kPosixConstants);
    case OsTable::PosixSysconfNames:
      return span(kPosixSysconfNames);
    case OsTable::PosixConfstrNames:
      return span(kPosixConfstrNames);
    case OsTable::PosixPathconfNames:
      return span(kPosixPathconfNames);
    case OsTable::Errno:
      return span(kErrnoConstants);
    case OsTable::ErrnoCodes:
      return span(kErrnoCodes);
    case OsTable::Signal:
      return span(kSignalConstants);
    case OsTable::Time:
      return span(kTimeConstants);
    case OsTable::Locale:
      return span(kLocaleConstants);
    case OsTable::Fcntl:
      return span(kFcntlConstants);
    case OsTable::Select:
      return span(kSelectConstants);
  }
  return {};
}

void addConstants(const Value& module, OsTable which) {
  for (const IntConstant& c : osTable(which))
    as<ModuleObject>(module).dict->setStr(c.name, pyInt(c.value));
}

long long osConstant(OsTable which, std::string_view name, long long fallback) {
  for (const IntConstant& c : osTable(which))
    if (name == c.name) return c.value;
  return fallback;
}

bool isCPythonCodecName(std::string_view normalized) {
  for (const char* known : kCodecNames)
    if (normalized == known) return true;
  return false;
}

}  // namespace gbc::interp
