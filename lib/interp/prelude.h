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
/// torch.optim, torch/_compile.py and torch.autograd.profiler (prelude_optim.cpp): loaded on
/// first use (VM::findModule), as most programs never train.
std::vector<PreludeModule> optimPreludes(const TargetProfile& target);

/// Methods of nn.Module and module-level helpers appended to the Module class's source
/// (prelude_module.cpp).
const char* moduleHooksAndState();

/// Expands `#@line N` directives into blank lines (so the next line is line N of the file).
std::string preludeLayout(const std::string& text);
/// `s` with every `key` replaced by the decimal `value`.
std::string substLine(std::string s, const std::string& key, int value);

}  // namespace gbc::interp
