// The graph-break registry of a target release: gb-codes ("GB0025") and their entries, embedded
// in the binary from PyTorch's torch/_dynamo/graph_break_registry.json (lib/report/data/) as
// tables generated at build time (lib/report/tools/registry_gen.cpp).
#pragma once

#include "base/result.h"
#include "base/target.h"

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gbc::report {

/// One variant of a registry entry, as the JSON spells it (Gb_type, Context, Explanation, Hints).
/// Context and Explanation are templates with `{placeholders}`, not the texts Dynamo prints.
/// The texts live as long as the Registry (static data for the embedded ones).
struct RegistryEntry {
  std::string_view code;
  std::string_view gb_type;
  std::string_view context;
  std::string_view explanation;
  std::span<const std::string_view> hints;
};

/// One gb_type and the code Dynamo prints for it.
struct RegistryType {
  std::string_view gb_type;
  std::string_view code;
};

/// A registry as static tables (lib/report/tools/registry_gen generates the embedded ones).
struct RegistryTable {
  std::span<const RegistryEntry> entries;  // sorted by code, the file's order within a code
  std::span<const RegistryType> types;     // sorted by gb_type
};

/// A parsed registry: code -> variants, and gb_type -> code.
class Registry {
 public:
  /// Parses a registry JSON document (an object of "GBnnnn" -> list of variants).
  static Result<Registry> parse(std::string_view json_text);

  /// The registry of a generated table (what the binary embeds): no copies.
  static Registry fromTable(const RegistryTable& table);

  /// The gb-code Dynamo prints for `gb_type` (exact match), or nullopt when the release does not
  /// know it. A gb_type listed under several codes maps to the code of its last entry in the
  /// file's order, as exc.py's _load_gb_type_to_gb_id_map builds its dict.
  std::optional<std::string> codeFor(std::string_view gb_type) const;

  /// The variants recorded under `code` ("GB0025"); empty when the code is unknown.
  std::span<const RegistryEntry> entries(std::string_view code) const;

  /// Every code, sorted ("GB0000" first).
  std::vector<std::string> codes() const;

  /// The page URL of `gb_type`'s code, or nullopt when the release does not know it.
  std::optional<std::string> docUrlFor(std::string_view gb_type) const;

  /// The page URL of a code: https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0025.html
  static std::string docUrl(std::string_view code);

 private:
  RegistryTable table_;
  /// The texts and tables of a parsed document (none for a generated table).
  struct Owned;
  std::shared_ptr<const Owned> owned_;
};

/// The registry embedded for `target` (its `registry` resource: "2.14" or "2.11"). Parsed once,
/// on first use; thread-safe.
const Registry& registryFor(const TargetProfile& target);

}  // namespace gbc::report
