// Python sources of the torch parts gbc models in Python (see prelude.cpp).
#pragma once

#include <string>
#include <vector>

#include "base/target.h"

namespace gbc::interp {

struct PreludeModule {
  std::string name;      // dotted module name
  std::string filename;  // virtual path under the target's torch prefix
  std::string source;
};

std::vector<PreludeModule> preludeModules(const TargetProfile& target);

}  // namespace gbc::interp
