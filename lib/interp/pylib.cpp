// Loading the embedded Python modules of pylib.h.
#include "interp/pylib.h"

#include <string>

#include "interp/vm.h"

namespace gbc::interp {

void loadPrelude(VM& vm, const std::string& name, const std::string& filename,
                 const std::string& source);

std::string pylibFilename(std::string_view name) { return "<gbc>/" + std::string(name) + ".py"; }

Value loadPylibModule(VM& vm, std::string_view name) {
  for (const PylibModule& m : pylibModules())
    if (name == m.name) {
      loadPrelude(vm, std::string(name), pylibFilename(name), m.source);
      return vm.findModule(std::string(name));
    }
  return nullptr;
}

}  // namespace gbc::interp
