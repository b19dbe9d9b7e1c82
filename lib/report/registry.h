// The graph-break registry of a target release: gb-codes ("GB0025") and their entries, embedded
// in the binary from PyTorch's torch/_dynamo/graph_break_registry.json (lib/report/data/) as
// tables generated at build time (lib/report/tools/registry_gen.cpp).
#pragma once

#include "base/result.h"
#include "base/target.h"

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gbc::report {

/// One variant of a registry entry, as the JSON spells it (Gb_type, Context, Explanation, Hints).
/// Context and Explanation are templates with `{placeholders}`, not the texts Dynamo prints.
struct RegistryEntry {
  std::string gb_type;
  std::string context;
  std::string explanation;
  std::vector<std::string> hints;
};

/// One variant as the generated tables store it (lib/report/tools/registry_gen): static strings,
/// and its hints as a range of the table's hint array.
struct RegistryRow {
  const char* code;
  const char* gb_type;
  const char* context;
  const char* explanation;
  std::size_t first_hint;
  std::size_t hint_count;
};

/// A generated registry: its rows in the JSON file's order and the hints they index.
struct RegistryTable {
  const RegistryRow* rows;
  std::size_t size;
  const char* const* hints;
};

/// A parsed registry: code -> variants, and gb_type -> code.
class Registry {
 public:
  /// Parses a registry JSON document (an object of "GBnnnn" -> list of variants).
  static Result<Registry> parse(std::string_view json_text);

  /// Builds the registry of a generated table (what the binary embeds).
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
  /// Adds one variant under `code`; a gb_type seen before maps to the latest code.
  void add(const std::string& code, RegistryEntry entry);

  std::map<std::string, std::vector<RegistryEntry>, std::less<>> entries_;
  std::map<std::string, std::string, std::less<>> code_by_type_;
};

/// The registry embedded for `target` (its `registry` resource: "2.14" or "2.11"). Parsed once,
/// on first use; thread-safe.
const Registry& registryFor(const TargetProfile& target);

}  // namespace gbc::report
