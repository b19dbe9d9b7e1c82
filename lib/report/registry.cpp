// Registry: builds each release's registry once from its generated table (or parses JSON).
#include "report/registry.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstddef>

namespace gbc::report {

namespace embedded {
// Defined by the sources lib/report/tools/registry_gen generates at build time.
extern const RegistryTable kRegistry2_14;
extern const RegistryTable kRegistry2_11;
}  // namespace embedded

static constexpr std::string_view kSiteUrl =
    "https://meta-pytorch.github.io/compile-graph-break-site/gb/";

static Error formatError(std::string what) {
  return Error{ErrorCode::Internal, "bad graph-break registry: " + std::move(what)};
}

Result<Registry> Registry::parse(std::string_view json_text) {
  // ordered_json keeps the file's order: Dynamo's gb_type -> code dict is built in that order,
  // so when a gb_type is listed under two codes the later one wins.
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return formatError("not valid JSON");
  if (!doc.is_object()) return formatError("top level is not an object");
  Registry registry;
  for (const auto& [code, variants] : doc.items()) {
    if (!variants.is_array()) return formatError(code + " is not a list");
    for (const auto& variant : variants) {
      if (!variant.is_object()) return formatError(code + " has a variant that is not an object");
      RegistryEntry entry;
      auto text = [&](const char* key) -> std::string {
        auto it = variant.find(key);
        return it != variant.end() && it->is_string() ? it->template get<std::string>() : "";
      };
      entry.gb_type = text("Gb_type");
      entry.context = text("Context");
      entry.explanation = text("Explanation");
      if (auto hints = variant.find("Hints"); hints != variant.end() && hints->is_array()) {
        for (const auto& hint : *hints)
          if (hint.is_string()) entry.hints.push_back(hint.get<std::string>());
      }
      registry.add(code, std::move(entry));
    }
  }
  return registry;
}

Registry Registry::fromTable(const RegistryTable& table) {
  Registry registry;
  for (std::size_t i = 0; i < table.size; ++i) {
    const RegistryRow& row = table.rows[i];
    RegistryEntry entry{row.gb_type, row.context, row.explanation, {}};
    entry.hints.assign(table.hints + row.first_hint, table.hints + row.first_hint + row.hint_count);
    registry.add(row.code, std::move(entry));
  }
  return registry;
}

void Registry::add(const std::string& code, RegistryEntry entry) {
  code_by_type_[entry.gb_type] = code;
  entries_[code].push_back(std::move(entry));
}

std::optional<std::string> Registry::codeFor(std::string_view gb_type) const {
  auto it = code_by_type_.find(gb_type);
  if (it == code_by_type_.end()) return std::nullopt;
  return it->second;
}

std::span<const RegistryEntry> Registry::entries(std::string_view code) const {
  auto it = entries_.find(code);
  if (it == entries_.end()) return {};
  return it->second;
}

std::vector<std::string> Registry::codes() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& [code, list] : entries_) out.push_back(code);
  return out;
}

std::optional<std::string> Registry::docUrlFor(std::string_view gb_type) const {
  std::optional<std::string> code = codeFor(gb_type);
  if (!code) return std::nullopt;
  return docUrl(*code);
}

std::string Registry::docUrl(std::string_view code) {
  // exc.py: f"{GRAPH_BREAK_SITE_URL}gb{gb_id.lstrip('GB')}.html"
  std::string_view digits = code;
  while (!digits.empty() && (digits.front() == 'G' || digits.front() == 'B'))
    digits.remove_prefix(1);
  std::string out(kSiteUrl);
  out += "gb";
  for (char c : digits) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  out += ".html";
  return out;
}

const Registry& registryFor(const TargetProfile& target) {
  if (target.registry == "2.14") {
    static const Registry registry = Registry::fromTable(embedded::kRegistry2_14);
    return registry;
  }
  GBC_CHECK(target.registry == "2.11", "unknown registry resource in the target profile");
  static const Registry registry = Registry::fromTable(embedded::kRegistry2_11);
  return registry;
}

}  // namespace gbc::report
