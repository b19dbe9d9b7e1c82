// Registry: builds each release's registry once from its generated table (or parses JSON).
#include "report/registry.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <deque>
#include <map>

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

struct Registry::Owned {
  std::deque<std::string> texts;
  std::deque<std::vector<std::string_view>> hints;
  std::vector<RegistryEntry> entries;
  std::vector<RegistryType> types;
};

Result<Registry> Registry::parse(std::string_view json_text) {
  // ordered_json keeps the file's order: Dynamo's gb_type -> code dict is built in that order,
  // so when a gb_type is listed under two codes the later one wins.
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return formatError("not valid JSON");
  if (!doc.is_object()) return formatError("top level is not an object");
  auto owned = std::make_shared<Owned>();
  auto keep = [&](std::string text) -> std::string_view {
    return owned->texts.emplace_back(std::move(text));
  };
  std::map<std::string_view, std::string_view> code_by_type;
  for (const auto& [code, variants] : doc.items()) {
    if (!variants.is_array()) return formatError(code + " is not a list");
    std::string_view kept_code = keep(code);
    for (const auto& variant : variants) {
      if (!variant.is_object()) return formatError(code + " has a variant that is not an object");
      auto text = [&](const char* key) -> std::string_view {
        auto it = variant.find(key);
        return keep(it != variant.end() && it->is_string() ? it->template get<std::string>() : "");
      };
      std::vector<std::string_view>& hints = owned->hints.emplace_back();
      if (auto list = variant.find("Hints"); list != variant.end() && list->is_array()) {
        for (const auto& hint : *list)
          if (hint.is_string()) hints.push_back(keep(hint.get<std::string>()));
      }
      RegistryEntry entry{kept_code, text("Gb_type"), text("Context"), text("Explanation"), hints};
      code_by_type[entry.gb_type] = kept_code;
      owned->entries.push_back(entry);
    }
  }
  std::stable_sort(owned->entries.begin(), owned->entries.end(),
                   [](const RegistryEntry& a, const RegistryEntry& b) { return a.code < b.code; });
  for (const auto& [gb_type, code] : code_by_type) owned->types.push_back({gb_type, code});
  Registry registry = fromTable({owned->entries, owned->types});
  registry.owned_ = std::move(owned);
  return registry;
}

Registry Registry::fromTable(const RegistryTable& table) {
  Registry registry;
  registry.table_ = table;
  return registry;
}

std::optional<std::string> Registry::codeFor(std::string_view gb_type) const {
  auto it =
      std::lower_bound(table_.types.begin(), table_.types.end(), gb_type,
                       [](const RegistryType& t, std::string_view key) { return t.gb_type < key; });
  if (it == table_.types.end() || it->gb_type != gb_type) return std::nullopt;
  return std::string(it->code);
}

std::span<const RegistryEntry> Registry::entries(std::string_view code) const {
  auto first =
      std::lower_bound(table_.entries.begin(), table_.entries.end(), code,
                       [](const RegistryEntry& e, std::string_view key) { return e.code < key; });
  auto last =
      std::upper_bound(first, table_.entries.end(), code,
                       [](std::string_view key, const RegistryEntry& e) { return key < e.code; });
  return {first, last};
}

std::vector<std::string> Registry::codes() const {
  std::vector<std::string> out;
  for (const RegistryEntry& entry : table_.entries)
    if (out.empty() || out.back() != entry.code) out.emplace_back(entry.code);
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
