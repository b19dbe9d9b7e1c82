// The errno module: the E* constants of x86-64 Linux and errorcode (number -> name), as
// CPython 3.14's Modules/errnomodule.c has them (os_tables.h).
#include "interp/native_modules.h"
#include "interp/os_tables.h"

namespace gbc::interp {

Value makeErrnoModule(VM& vm) {
  (void)vm;
  Value m = newNativeModule("errno");
  addConstants(m, OsTable::Errno);
  auto codes = newDict();
  for (const IntConstant& c : osTable(OsTable::ErrnoCodes))
    codes->set(pyInt(c.value), pyStr(c.name));
  as<ModuleObject>(m).dict->setStr("errorcode", codes);
  return m;
}

}  // namespace gbc::interp
