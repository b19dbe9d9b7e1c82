// GitHub Actions annotations.
#include "report/github.h"

#include "report/findings.h"
#include "report/registry.h"
#include "report/sarif.h"
#include "report/suppress.h"
#include "report/text.h"

namespace gbc::report {

std::string escapeGithubData(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escapeGithubProperty(std::string_view text) {
  std::string out;
  for (char c : escapeGithubData(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

std::string renderGithub(const Report& report, const TargetProfile& target,
                         const std::string& root) {
  const Registry& registry = registryFor(target);
  std::string out;
  Report shown;
  for (const FileReport& file : report.files) {
    for (const Finding& finding : collectFindings(file, registry)) {
      if (!finding.active()) continue;
      out += finding.isError() ? "::error " : "::warning ";
      out += "file=" + escapeGithubProperty(relativeTo(finding.file, root));
      out += ",line=" + std::to_string(std::max<uint32_t>(finding.line, 1));
      if (finding.end_line != 0) out += ",endLine=" + std::to_string(finding.end_line);
      if (finding.column != 0) {
        out += ",col=" + std::to_string(finding.column);
        if (finding.end_column != 0) out += ",endColumn=" + std::to_string(finding.end_column);
      }
      std::string title = finding.gb_code.empty() ? "graph break" : finding.gb_code;
      out += ",title=" + escapeGithubProperty(title);
      std::string message = findingMessage(finding);
      if (!finding.gb_code.empty()) message += "\n" + Registry::docUrl(finding.gb_code);
      out += "::" + escapeGithubData(message) + "\n";
    }
    for (const Diagnostic& diagnostic : file.diagnostics) {
      out += "::notice file=" + escapeGithubProperty(relativeTo(
                                    diagnostic.file.empty() ? file.path : diagnostic.file, root));
      out += ",line=" + std::to_string(std::max<uint32_t>(diagnostic.line, 1));
      if (diagnostic.column != 0) out += ",col=" + std::to_string(diagnostic.column);
      out += ",title=gbc::" + escapeGithubData(diagnostic.message) + "\n";
    }
    shown.files.push_back(withoutInactive(file));
  }
  out += renderSummary(shown) + "\n";
  return out;
}

}  // namespace gbc::report
