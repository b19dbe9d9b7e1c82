// CPython's module-name tables and the stand-in switch (importer_names.h).
#include "interp/importer_names.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>

namespace gbc::interp {

namespace {

#include "interp/cpython_modules.inc"

// CPython 3.11+ freezes these standard-library modules (Python/frozen.c; the same list in 3.12
// and 3.14, read from _imp._frozen_module_names()); sorted.
const char* const kFrozen[] = {
    "_collections_abc",    "_sitebuiltins",  "abc",  "codecs", "genericpath",
    "importlib.machinery", "importlib.util", "io",   "ntpath", "os",
    "posixpath",           "runpy",          "site", "stat",   "zipimport"};

template <size_t N>
NameList list(const char* const (&names)[N]) {
  return NameList(names, N);
}

CPythonModules make(NameList builtin, NameList stdlib, NameList c_modules, std::string_view tag) {
  // _imp.extension_suffixes() of CPython on x86-64 Linux (3.14 added the abi3 one with the
  // platform triplet)
  std::vector<std::string> suffixes = {".cpython-" + std::string(tag) + "-x86_64-linux-gnu.so",
                                       ".abi3.so"};
  if (tag == "314") suffixes.push_back(".abi3-x86_64-linux-gnu.so");
  suffixes.push_back(".so");
  return CPythonModules{
      builtin, stdlib, c_modules, list(kOtherPlatforms), list(kFrozen), std::move(suffixes)};
}

/// The stand-ins: gbc's native models of pure-Python modules, kept until the real module runs
/// well on the VM (stdlib.cpp, stdlib_io.cpp).
const char* const kStandIns[] = {"warnings", "io"};

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

bool NameList::contains(std::string_view name) const {
  return std::binary_search(names_, names_ + count_, name,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

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
