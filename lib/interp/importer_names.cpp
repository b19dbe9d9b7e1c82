// CPython's module-name tables and the stand-in switch (importer_names.h).
#include "interp/importer_names.h"

#include <cstdlib>
#include <map>
#include <mutex>

namespace gbc::interp {

namespace {

#include "interp/cpython_modules.inc"

// CPython 3.11+ freezes these standard-library modules (Python/frozen.c; the same list in 3.12
// and 3.14, read from _imp._frozen_module_names()); os.path is 3.12's frozen alias of posixpath.
const char* const kFrozen[] = {"zipimport",
                               "abc",
                               "codecs",
                               "io",
                               "_collections_abc",
                               "_sitebuiltins",
                               "genericpath",
                               "ntpath",
                               "posixpath",
                               "os",
                               "site",
                               "stat",
                               "importlib.util",
                               "importlib.machinery",
                               "runpy"};

template <size_t N>
std::vector<std::string> list(const char* const (&names)[N]) {
  return std::vector<std::string>(names, names + N);
}

CPythonModules make(std::vector<std::string> builtin, std::vector<std::string> stdlib,
                    std::vector<std::string> c_modules, std::string_view tag) {
  CPythonModules m;
  m.builtin = std::move(builtin);
  m.stdlib = std::move(stdlib);
  m.c_modules.insert(c_modules.begin(), c_modules.end());
  m.builtin_set.insert(m.builtin.begin(), m.builtin.end());
  m.stdlib_set.insert(m.stdlib.begin(), m.stdlib.end());
  for (const char* name : kOtherPlatforms) m.other_platforms.insert(name);
  for (const char* name : kFrozen) m.frozen.insert(name);
  // _imp.extension_suffixes() of CPython on x86-64 Linux (3.14 added the abi3 one with the
  // platform triplet)
  m.extension_suffixes = {".cpython-" + std::string(tag) + "-x86_64-linux-gnu.so", ".abi3.so"};
  if (tag == "314") m.extension_suffixes.push_back(".abi3-x86_64-linux-gnu.so");
  m.extension_suffixes.push_back(".so");
  return m;
}

/// The stand-ins: gbc's native models of pure-Python modules, kept until the real module runs
/// well on the VM (stdlib.cpp, stdlib_io.cpp).
const char* const kStandIns[] = {"functools", "warnings", "copy",    "typing",
                                 "io",        "os",       "os.path", "logging"};

struct StandInState {
  std::mutex mutex;
  std::map<std::string, bool, std::less<>> active;
  StandInState() {
    const char* env = std::getenv("GBC_REAL_STDLIB");
    std::string off = env ? env : "";
    bool all = off == "1" || off == "all";
    for (const char* name : kStandIns) {
      bool listed = false;
      for (size_t start = 0; start <= off.size();) {
        size_t comma = off.find(',', start);
        if (comma == std::string::npos) comma = off.size();
        if (off.compare(start, comma - start, name) == 0 &&
            comma - start == std::string(name).size())
          listed = true;
        start = comma + 1;
      }
      active[name] = !(all || listed);
    }
  }
};

StandInState& standIns() {
  static StandInState state;
  return state;
}

}  // namespace

const CPythonModules& cpythonModules(std::string_view python) {
  static const CPythonModules m314 =
      make(list(kBuiltinNames314), list(kStdlibNames314), list(kCModules314), "314");
  static const CPythonModules m312 =
      make(list(kBuiltinNames312), list(kStdlibNames312), list(kCModules312), "312");
  return python == "3.12" ? m312 : m314;
}

bool isStandIn(std::string_view name) {
  for (const char* s : kStandIns)
    if (name == s) return true;
  return false;
}

bool standInActive(std::string_view name) {
  StandInState& state = standIns();
  std::lock_guard<std::mutex> lock(state.mutex);
  auto it = state.active.find(name);
  return it != state.active.end() && it->second;
}

void setStandInActive(std::string_view name, bool active) {
  StandInState& state = standIns();
  std::lock_guard<std::mutex> lock(state.mutex);
  auto it = state.active.find(name);
  if (it != state.active.end()) it->second = active;
}

}  // namespace gbc::interp
