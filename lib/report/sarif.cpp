// SARIF 2.1.0 output.
#include "report/sarif.h"
#include "report/text.h"

#include "report/findings.h"
#include "report/json.h"
#include "report/registry.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace gbc::report {

using Json = nlohmann::ordered_json;

constexpr const char* kUnknownRule = "GBC-UNKNOWN";

std::string relativeTo(const std::string& path, const std::string& root) {
  if (root.empty()) return path;
  std::string prefix = root.back() == '/' ? root : root + "/";
  if (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0)
    return path.substr(prefix.size());
  return path;
}

/// RFC 3986 percent-encoding of a path (keeps unreserved characters and '/').
static std::string encodeUriPath(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
      continue;
    }
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

/// A notebook cell's unit name ("nb.ipynb#cell3", app/gbc/notebook.h): the cell's position, 0
/// for other paths.
static int notebookCell(const std::string& path) {
  size_t hash = path.rfind("#cell");
  if (hash == std::string::npos || hash + 5 >= path.size() ||
      path.find_first_not_of("0123456789", hash + 5) != std::string::npos)
    return 0;
  return std::stoi(path.substr(hash + 5));
}

/// A location in a notebook cell: the notebook is the artifact (artifactJson), the region's lines
/// are the cell's, and the cell's position goes in the location's property bag.
static void withCell(Json& location, const std::string& path) {
  if (int cell = notebookCell(path)) location["properties"] = {{"notebookCell", cell}};
}

static Json artifactJson(const std::string& given, const std::string& root) {
  std::string path = notebookCell(given) ? given.substr(0, given.rfind("#cell")) : given;
  std::string relative = relativeTo(path, root);
  if (!relative.empty() && relative.front() == '/')
    return Json{{"uri", "file://" + encodeUriPath(relative)}};
  return Json{{"uri", encodeUriPath(relative)}, {"uriBaseId", "%SRCROOT%"}};
}

static Json ruleJson(const std::string& code, const std::string& gb_type,
                     const Registry& registry) {
  if (code == kUnknownRule) {
    return Json{{"id", code},
                {"name", "UnknownGraphBreak"},
                {"shortDescription",
                 {{"text", "a graph break whose gb_type this release's registry does not list"}}},
                {"defaultConfiguration", {{"level", "warning"}}}};
  }
  std::span<const RegistryEntry> entries = registry.entries(code);
  std::string name = entries.empty() ? gb_type : std::string(entries.front().gb_type);
  std::string explanation = entries.empty() ? "" : std::string(entries.front().explanation);
  std::string help = name + "\n\nExplanation: " + explanation;
  std::string markdown = "**" + name + "**\n\n" + explanation;
  if (!entries.empty()) {
    for (std::string_view hint : entries.front().hints) {
      help += "\nHint: ";
      help += hint;
      markdown += "\n- Hint: ";
      markdown += hint;
    }
  }
  std::string url = Registry::docUrl(code);
  help += "\n\n" + url;
  markdown += "\n\n[" + code + "](" + url + ")";
  return Json{{"id", code},
              {"name", name},
              {"shortDescription", {{"text", name}}},
              {"fullDescription", {{"text", explanation.empty() ? name : explanation}}},
              {"helpUri", url},
              {"help", {{"text", help}, {"markdown", markdown}}},
              {"defaultConfiguration", {{"level", "warning"}}},
              {"properties", {{"tags", Json::array({"torch.compile", "graph-break"})}}}};
}

static Json regionJson(const Finding& finding, const FileReport& file) {
  Json region = {{"startLine", std::max<uint32_t>(finding.line, 1)}};
  if (finding.column == 0) return region;
  std::string start_text, end_text;
  if (auto it = file.sources.find(finding.file); it != file.sources.end() && it->second) {
    start_text = std::string(sourceLine(*it->second, finding.line));
    end_text = std::string(sourceLine(*it->second, finding.end_line));
  }
  region["startColumn"] = convertColumn(start_text, finding.column, /*utf16=*/false);
  region["endLine"] = std::max(finding.end_line, finding.line);
  uint32_t end_column = convertColumn(end_text, finding.end_column, /*utf16=*/false);
  if (end_column != 0) region["endColumn"] = end_column;
  return region;
}

static Json locationJson(const std::string& path, uint32_t line, const std::string& root) {
  Json location{{"physicalLocation",
                 {{"artifactLocation", artifactJson(path, root)},
                  {"region", {{"startLine", std::max<uint32_t>(line, 1)}}}}}};
  withCell(location, path);
  return location;
}

Json toSarif(const Report& report, const TargetProfile& target, const std::string& root) {
  const Registry& registry = registryFor(target);
  std::map<std::string, std::string> used;  // code -> gb_type, sorted by code
  Json results = Json::array();
  std::map<std::string, int> occurrences;
  std::vector<std::pair<std::string, Json>> pending;  // rule id, result (ruleIndex filled later)
  for (const FileReport& file : report.files) {
    for (const Finding& finding : collectFindings(file, registry)) {
      if (finding.baselined) continue;
      std::string rule = finding.gb_code.empty() ? kUnknownRule : finding.gb_code;
      used.emplace(rule, finding.gb_type);
      std::string relative = relativeTo(finding.file, root);
      std::string key = relative + "\n" + rule + "\n" + finding.source_line;
      int occurrence = occurrences[key]++;
      Json where{{"physicalLocation",
                  {{"artifactLocation", artifactJson(finding.file, root)},
                   {"region", regionJson(finding, file)}}}};
      withCell(where, finding.file);
      Json result = {
          {"ruleId", rule},
          {"level", finding.isError() ? "error" : "warning"},
          {"message", {{"text", findingMessage(finding)}}},
          {"locations", Json::array({where})},
          {"partialFingerprints",
           {{"gbc/v1", stableHash(key + "\n" + std::to_string(occurrence))}}},
      };
      if (!finding.user_stack.empty()) {
        Json related = Json::array();
        for (std::size_t i = 0; i < finding.user_stack.size(); ++i) {
          const FrameSummary& frame = finding.user_stack[i];
          Json location = locationJson(frame.file, frame.line, root);
          location["id"] = i;
          location["message"] = {{"text", "user stack: in " + frame.function}};
          related.push_back(location);
        }
        result["relatedLocations"] = related;
      }
      if (finding.suppressed) result["suppressions"] = Json::array({Json{{"kind", "inSource"}}});
      result["properties"] = {{"gb_type", finding.gb_type},
                              {"function", finding.function},
                              {"kind", finding.kind == FindingKind::Break   ? "graph_break"
                                       : finding.kind == FindingKind::Error ? "error"
                                                                            : "caught_error"},
                              {"may", finding.may}};
      pending.emplace_back(rule, std::move(result));
    }
  }
  Json rules = Json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const auto& [code, gb_type] : used) {
    rule_index[code] = rules.size();
    rules.push_back(ruleJson(code, gb_type, registry));
  }
  for (auto& [rule, result] : pending) {
    result["ruleIndex"] = rule_index[rule];
    results.push_back(std::move(result));
  }
  Json driver = {{"name", "gbc"},
                 {"version", toolVersion()},
                 {"semanticVersion", toolVersion()},
                 {"informationUri", "https://meta-pytorch.github.io/compile-graph-break-site/"},
                 {"rules", rules}};
  Json run = {{"tool", {{"driver", driver}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", results},
              {"properties", {{"target", {{"torch", target.torch}, {"python", target.python}}}}}};
  // gbc's own diagnostics and the files not analysed to their end, as tool notifications: a run
  // that stopped early in some file did not execute successfully
  Json notifications = Json::array();
  bool complete = true;
  for (const FileReport& file : report.files) {
    for (const Diagnostic& diagnostic : file.diagnostics) {
      Json note = {{"level", diagnostic.severity == Severity::Error     ? "error"
                             : diagnostic.severity == Severity::Warning ? "warning"
                                                                        : "note"},
                   {"message", {{"text", diagnostic.message}}},
                   {"locations",
                    Json::array({locationJson(diagnostic.file.empty() ? file.path : diagnostic.file,
                                              diagnostic.line, root)})}};
      notifications.push_back(std::move(note));
    }
    if (!file.stopped) continue;
    complete = false;
    if (file.stopped->reason != Stop::Reason::UncaughtException) continue;
    notifications.push_back(
        {{"level", "warning"},
         {"message", {{"text", describeStop(*file.stopped)}}},
         {"locations", Json::array({locationJson(file.stopped->file, file.stopped->line, root)})}});
  }
  run["invocations"] = Json::array(
      {Json{{"executionSuccessful", complete}, {"toolExecutionNotifications", notifications}}});
  std::string base = root.empty() || root.back() == '/' ? root : root + "/";
  run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", "file://" + encodeUriPath(base)}}}};
  return Json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({run})}};
}

}  // namespace gbc::report
