// Baselines: record and accept known findings.
#include "report/baseline.h"

#include "report/findings.h"
#include "report/registry.h"
#include "report/sarif.h"

#include <set>

namespace gbc::report {

using Json = nlohmann::ordered_json;

static BaselineKey keyOf(const Finding& finding, const std::string& root) {
  return {relativeTo(finding.file, root), finding.function, finding.gb_code, finding.source_line};
}

Baseline makeBaseline(const Report& report, const TargetProfile& target, const std::string& root) {
  const Registry& registry = registryFor(target);
  Baseline out;
  for (const FileReport& file : report.files)
    for (const Finding& finding : collectFindings(file, registry))
      if (!finding.suppressed) ++out[keyOf(finding, root)];
  return out;
}

Json baselineJson(const Baseline& baseline) {
  Json findings = Json::array();
  for (const auto& [key, count] : baseline) {
    findings.push_back({{"file", std::get<0>(key)},
                        {"function", std::get<1>(key)},
                        {"gb_code", std::get<2>(key)},
                        {"source", std::get<3>(key)},
                        {"count", count}});
  }
  return Json{{"gbc_baseline", 1}, {"findings", findings}};
}

Baseline mergeBaseline(const Baseline& before, const Baseline& today,
                       const std::set<std::string>& analysed) {
  auto fileOf = [](const std::string& file) {
    size_t cell = file.rfind("#cell");
    return cell == std::string::npos ? file : file.substr(0, cell);
  };
  std::set<std::string> replaced;
  for (const std::string& file : analysed) replaced.insert(fileOf(file));
  for (const auto& [key, count] : today) replaced.insert(fileOf(std::get<0>(key)));
  Baseline out = today;
  for (const auto& [key, count] : before)
    if (!replaced.count(fileOf(std::get<0>(key)))) out[key] += count;
  return out;
}

Result<Baseline> parseBaseline(std::string_view text) {
  Json document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object())
    return Error{ErrorCode::Usage, "baseline is not a JSON object"};
  if (document.value("gbc_baseline", 0) != 1)
    return Error{ErrorCode::Usage, "baseline has no \"gbc_baseline\": 1"};
  const Json& findings = document["findings"];
  if (!findings.is_array()) return Error{ErrorCode::Usage, "baseline has no \"findings\" list"};
  Baseline out;
  std::size_t index = 0;
  for (const Json& entry : findings) {
    std::string where = "baseline entry " + std::to_string(++index);
    if (!entry.is_object()) return Error{ErrorCode::Usage, where + " is not an object"};
    std::string fields[4];
    const char* names[4] = {"file", "function", "gb_code", "source"};
    for (int i = 0; i < 4; ++i) {
      auto it = entry.find(names[i]);
      if (it == entry.end() || !it->is_string())
        return Error{ErrorCode::Usage, where + ": \"" + names[i] + "\" must be a string"};
      fields[i] = it->get<std::string>();
    }
    if (fields[0].empty()) return Error{ErrorCode::Usage, where + ": \"file\" is empty"};
    int n = 1;
    if (auto count = entry.find("count"); count != entry.end()) {
      if (!count->is_number_integer() || count->get<int64_t>() < 1)
        return Error{ErrorCode::Usage, where + ": \"count\" must be a whole number >= 1"};
      n = count->get<int>();
    }
    for (const auto& [key, value] : entry.items())
      if (key != "file" && key != "function" && key != "gb_code" && key != "source" &&
          key != "count")
        return Error{ErrorCode::Usage, where + ": unknown key \"" + key + "\""};
    out[{fields[0], fields[1], fields[2], fields[3]}] += n;
  }
  return out;
}

std::size_t applyBaseline(Report& report, const Baseline& baseline, const TargetProfile& target,
                          const std::string& root) {
  const Registry& registry = registryFor(target);
  Baseline remaining = baseline;
  std::size_t matched = 0;
  for (FileReport& file : report.files) {
    std::set<std::pair<std::string, uint32_t>> baselined_lines;
    for (const Finding& finding : collectFindings(file, registry)) {
      if (finding.suppressed) continue;
      auto it = remaining.find(keyOf(finding, root));
      if (it == remaining.end() || it->second <= 0) continue;
      --it->second;
      ++matched;
      switch (finding.kind) {
        case FindingKind::Break:
          file.graph_breaks[finding.index].baselined = true;
          baselined_lines.emplace(finding.file, finding.line);
          break;
        case FindingKind::Error:
          file.errors[finding.index].baselined = true;
          break;
        case FindingKind::CaughtError:
          file.caught_errors[finding.index].baselined = true;
          break;
      }
    }
    for (GraphBreak& brk : file.graph_breaks) {
      const std::string& path = brk.location.file.empty() ? file.path : brk.location.file;
      if (brk.duplicate && baselined_lines.count({path, brk.location.line})) brk.baselined = true;
    }
  }
  return matched;
}

}  // namespace gbc::report
