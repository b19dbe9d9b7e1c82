// The _posixsubprocess module, only so that `import subprocess` succeeds: starting a process
// (fork_exec) is gbc's gap.
#include "interp/native_modules.h"
#include "interp/vm.h"

namespace gbc::interp {

Value makePosixSubprocessModule(VM& vm) {
  (void)vm;
  Value m = newNativeModule("_posixsubprocess");
  moduleFunction(m, "fork_exec", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported("starting a process (`subprocess`: gbc runs no other processes)");
  });
  return m;
}

}  // namespace gbc::interp
