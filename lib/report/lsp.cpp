// LSP diagnostics.
#include "report/lsp.h"
#include "report/text.h"

#include "report/findings.h"
#include "report/registry.h"

#include <cctype>

namespace gbc::report {

using Json = nlohmann::json;

std::string pathFromUri(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.substr(0, kScheme.size()) != kScheme) return {};
  uri.remove_prefix(kScheme.size());
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
      i += 2;
      continue;
    }
    out += uri[i];
  }
  return out;
}

std::string uriFromPath(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "file://";
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

static Json position(const FileReport& file, const std::string& path, uint32_t line,
                     uint32_t byte_column) {
  std::string_view text;
  if (auto it = file.sources.find(path); it != file.sources.end() && it->second)
    text = sourceLine(*it->second, line);
  uint32_t character = byte_column == 0 ? 0 : convertColumn(text, byte_column, true) - 1;
  return Json{{"line", line == 0 ? 0 : line - 1}, {"character", character}};
}

static Json lineRange(const FileReport& file, const std::string& path, uint32_t line) {
  std::string_view text;
  if (auto it = file.sources.find(path); it != file.sources.end() && it->second)
    text = sourceLine(*it->second, line);
  uint32_t end = convertColumn(text, static_cast<uint32_t>(text.size()) + 1, true) - 1;
  uint32_t row = line == 0 ? 0 : line - 1;
  return Json{{"start", {{"line", row}, {"character", 0}}},
              {"end", {{"line", row}, {"character", end}}}};
}

Json lspDiagnostics(const FileReport& file, const TargetProfile& target) {
  const Registry& registry = registryFor(target);
  Json out = Json::array();
  for (const Finding& finding : collectFindings(file, registry)) {
    if (!finding.active() || finding.file != file.path) continue;
    Json range =
        finding.column == 0
            ? lineRange(file, finding.file, finding.line)
            : Json{{"start", position(file, finding.file, finding.line, finding.column)},
                   {"end", position(file, finding.file, finding.end_line, finding.end_column)}};
    Json diagnostic = {{"range", range},
                       {"severity", finding.isError() ? 1 : 2},
                       {"source", "gbc"},
                       {"message", findingMessage(finding)}};
    if (!finding.gb_code.empty()) {
      diagnostic["code"] = finding.gb_code;
      diagnostic["codeDescription"] = {{"href", Registry::docUrl(finding.gb_code)}};
    }
    Json related = Json::array();
    for (const FrameSummary& frame : finding.user_stack) {
      related.push_back(
          {{"location",
            {{"uri", uriFromPath(frame.file)}, {"range", lineRange(file, frame.file, frame.line)}}},
           {"message", "user stack: in " + frame.function}});
    }
    if (!related.empty()) diagnostic["relatedInformation"] = related;
    out.push_back(diagnostic);
  }
  for (const Diagnostic& d : file.diagnostics) {
    if (!d.file.empty() && d.file != file.path) continue;
    out.push_back({{"range", lineRange(file, file.path, d.line)},
                   {"severity", d.severity == Severity::Error ? 1 : 3},
                   {"source", "gbc"},
                   {"message", d.message}});
  }
  // the program's own uncaught exception: what follows it was not analysed
  if (file.stopped && file.stopped->reason == Stop::Reason::UncaughtException &&
      file.stopped->file == file.path) {
    std::string note = describeStop(*file.stopped);
    out.push_back({{"range", lineRange(file, file.path, file.stopped->line)},
                   {"severity", 3},
                   {"source", "gbc"},
                   {"message", note + " (" + file.stopped->message + ")"}});
  }
  return out;
}

}  // namespace gbc::report
