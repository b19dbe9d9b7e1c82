// The select module, only as far as `import subprocess` / `import selectors` need it: the
// constants and select.error. Waiting on descriptors (select, poll, epoll) is gbc's gap: the
// programs gbc runs have no other processes or sockets to wait for.
#include "interp/native_modules.h"
#include "interp/os_tables.h"
#include "interp/vm.h"

namespace gbc::interp {

Value makeSelectModule(VM& vm) {
  Value m = newNativeModule("select");
  addConstants(m, OsTable::Select);
  as<ModuleObject>(m).dict->setStr("error", vm.b().os_error);
  moduleFunction(m, "select", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported("`select.select` (gbc waits on no descriptors)");
  });
  return m;
}

}  // namespace gbc::interp
