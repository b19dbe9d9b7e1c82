// The tables of cpython_names.h, indexed once per process on first use.
#include "interp/cpython_names.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace gbc::interp {

namespace {

struct NameTable {
  const char* key;
  const char* names;  // space-separated
};

#include "interp/cpython_names_data.inc"

using NameSet = std::unordered_set<std::string_view>;

void addWords(NameSet& set, std::string_view words) {
  size_t start = 0;
  while (start < words.size()) {
    size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    if (end > start) set.insert(words.substr(start, end - start));
    start = end + 1;
  }
}

template <size_t N>
std::unordered_map<std::string_view, NameSet> index(const NameTable (&table)[N]) {
  std::unordered_map<std::string_view, NameSet> out;
  for (const NameTable& entry : table) addWords(out[entry.key], entry.names);
  return out;
}

bool has(const std::unordered_map<std::string_view, NameSet>& tables, std::string_view key,
         std::string_view name) {
  auto it = tables.find(key);
  return it != tables.end() && it->second.count(name) != 0;
}

}  // namespace

bool cpythonTypeHas(std::string_view type_name, std::string_view name) {
  static const auto tables = index(kTypeNames);
  return has(tables, type_name, name);
}

bool cpythonModuleHas(std::string_view module, std::string_view name) {
  static const auto tables = index(kModuleNames);
  return has(tables, module, name);
}

bool isStdlibModule(std::string_view top_level) {
  static const NameSet names = [] {
    NameSet set;
    addWords(set, kStdlibModules);
    return set;
  }();
  return names.count(top_level) != 0;
}

}  // namespace gbc::interp
