// Test helpers: the reference JSON files recorded from real PyTorch (testdata/runtime).
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gbc::runtime::testing {

inline nlohmann::json loadReference(const std::string& name) {
  std::ifstream in(std::string(GBC_RUNTIME_TESTDATA) + "/" + name);
  return nlohmann::json::parse(in);
}

/// float.hex() text (or a JSON number) as a double.
inline double hexValue(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  return std::strtod(v.get<std::string>().c_str(), nullptr);
}

/// Nested JSON lists flattened in row-major order.
inline void flattenJson(const nlohmann::json& v, std::vector<nlohmann::json>& out) {
  if (v.is_array()) {
    for (const auto& x : v) flattenJson(x, out);
  } else {
    out.push_back(v);
  }
}

}  // namespace gbc::runtime::testing
