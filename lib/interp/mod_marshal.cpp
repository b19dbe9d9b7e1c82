// The marshal module: CPython's serialisation of code objects and constants (.pyc files).
// zipimport imports it at the top and only unmarshals when it loads a .pyc from an archive;
// gbc runs sources, so the module exists with CPython's `version`, and each of its functions is a
// located gap of gbc's when called (its byte format is CPython's, which gbc does not produce).
#include "interp/native_modules.h"
#include "interp/vm.h"

namespace gbc::interp {

Value makeMarshalModule(VM& vm) {
  (void)vm;
  Value m = newNativeModule("marshal");
  as<ModuleObject>(m).dict->setStr("version", pyInt(5));
  for (const char* name : {"dump", "dumps", "load", "loads"}) {
    std::string what = std::string("`marshal.") + name + "` (CPython's .pyc byte format)";
    moduleFunction(m, name, [what](VM& vm, CallArgs&) -> Value { vm.unsupported(what); });
  }
  return m;
}

}  // namespace gbc::interp
