// Small models of standard-library modules programs commonly import (warnings; io in
// stdlib_io.cpp), kept until CPython's own source runs well on the VM
// (importer_names.cpp's stand-ins).
#include <cmath>

#include "interp/dynamo.h"
#include "interp/stdlib_io.h"
#include "interp/vm.h"

namespace gbc::interp {

static Value newModule(VM& vm, const std::string& name) {
  auto m = std::make_shared<ModuleObject>(name);
  m->dict->setStr("__name__", pyStr(name));
  vm.registerModule(name, m);
  return m;
}

static void fn(const Value& m, const std::string& name, NativeFn f) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(f));
  b->id = as<ModuleObject>(m).name + "." + name;
  as<ModuleObject>(m).dict->setStr(name, b);
}

void installStdlibModules(VM& vm) {
  Value warnings = newModule(vm, "warnings");
  fn(warnings, "warn", [](VM&, CallArgs&) -> Value { return none(); });
  fn(warnings, "filterwarnings", [](VM&, CallArgs&) -> Value { return none(); });
  fn(warnings, "simplefilter", [](VM&, CallArgs&) -> Value { return none(); });
  installStdlibIo(vm);
}

}  // namespace gbc::interp
