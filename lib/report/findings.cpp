// Findings: graph breaks and Unsupported errors as located, coded items.
#include "report/findings.h"

#include "base/check.h"

#include <cstdio>

namespace gbc::report {

std::string_view sourceLine(std::string_view text, uint32_t line) {
  if (line == 0) return {};
  std::size_t start = 0;
  for (uint32_t n = 1; n < line; ++n) {
    std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) return {};
    start = newline + 1;
  }
  std::size_t end = text.find('\n', start);
  std::string_view out =
      text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

std::string_view strip(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

uint32_t convertColumn(std::string_view line_text, uint32_t byte_column, bool utf16) {
  if (byte_column == 0) return 0;
  uint32_t units = 0;
  std::size_t limit = byte_column - 1;
  for (std::size_t i = 0; i < limit; ++i) {
    if (i >= line_text.size()) {
      units += static_cast<uint32_t>(limit - i);  // past the text: count bytes
      break;
    }
    auto byte = static_cast<unsigned char>(line_text[i]);
    if ((byte & 0xC0) == 0x80) continue;       // continuation byte
    units += (utf16 && byte >= 0xF0) ? 2 : 1;  // 4-byte sequences are surrogate pairs in UTF-16
  }
  return units + 1;
}

std::string stableHash(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

static std::string lineText(const FileReport& file, const std::string& path, uint32_t line) {
  auto it = file.sources.find(path);
  if (it == file.sources.end() || !it->second) return {};
  return std::string(strip(sourceLine(*it->second, line)));
}

static void copyMessage(Finding& out, const std::vector<GbMessage>& messages, bool first,
                        const Registry& registry) {
  if (messages.empty()) return;
  const GbMessage* chosen = first ? &messages.front() : &messages.back();
  if (!first) {
    // An error's code is the code of its last message that has one (json.h).
    for (const GbMessage& message : messages)
      if (registry.codeFor(message.gb_type)) chosen = &message;
  }
  out.gb_type = chosen->gb_type;
  out.explanation = chosen->explanation;
  out.hints = chosen->hints;
  out.gb_code = registry.codeFor(chosen->gb_type).value_or("");
}

static Finding breakFinding(const FileReport& file, const GraphBreak& brk, std::size_t index,
                            const Registry& registry) {
  Finding out;
  out.kind = FindingKind::Break;
  out.index = index;
  const FrameSummary& at = brk.location;
  out.file = at.file.empty() ? file.path : at.file;
  out.line = at.line;
  out.end_line = at.has_columns && at.end_line != 0 ? at.end_line : at.line;
  out.column = at.has_columns ? at.col + 1 : 0;
  out.end_column = at.has_columns ? at.end_col + 1 : 0;
  copyMessage(out, brk.messages, /*first=*/true, registry);
  out.function = !at.function.empty()      ? at.function
                 : !brk.user_stack.empty() ? brk.user_stack.back().function
                                           : brk.frame;
  out.user_stack = brk.user_stack;
  out.may = brk.may;
  out.suppressed = brk.suppressed;
  out.baselined = brk.baselined;
  out.source_line = lineText(file, out.file, out.line);
  return out;
}

static Finding errorFinding(const FileReport& file, const UnsupportedError& error,
                            std::size_t index, FindingKind kind, const Registry& registry) {
  Finding out;
  out.kind = kind;
  out.index = index;
  out.file = file.path;
  if (!error.user_stack.empty()) {
    const FrameSummary& leaf = error.user_stack.back();
    out.file = leaf.file;
    out.line = leaf.line;
    out.end_line = leaf.has_columns && leaf.end_line != 0 ? leaf.end_line : leaf.line;
    out.column = leaf.has_columns ? leaf.col + 1 : 0;
    out.end_column = leaf.has_columns ? leaf.end_col + 1 : 0;
    out.function = leaf.function;
  }
  copyMessage(out, error.messages, /*first=*/false, registry);
  out.user_stack = error.user_stack;
  out.may = error.may;
  out.suppressed = error.suppressed;
  out.baselined = error.baselined;
  out.source_line = lineText(file, out.file, out.line);
  return out;
}

std::vector<Finding> collectFindings(const FileReport& file, const Registry& registry) {
  std::vector<Finding> out;
  for (std::size_t i = 0; i < file.graph_breaks.size(); ++i)
    if (!file.graph_breaks[i].duplicate)
      out.push_back(breakFinding(file, file.graph_breaks[i], i, registry));
  for (std::size_t i = 0; i < file.errors.size(); ++i)
    out.push_back(errorFinding(file, file.errors[i], i, FindingKind::Error, registry));
  for (std::size_t i = 0; i < file.caught_errors.size(); ++i)
    out.push_back(errorFinding(file, file.caught_errors[i], i, FindingKind::CaughtError, registry));
  return out;
}

std::string findingMessage(const Finding& finding) {
  std::string out = finding.gb_type;
  if (!finding.explanation.empty()) out += ": " + finding.explanation;
  if (finding.may) out += " (may)";
  return out;
}

bool failsOn(const Finding& finding, FailOn fail_on) {
  if (!finding.active()) return false;
  switch (fail_on) {
    case FailOn::Error:
      return finding.isError();
    case FailOn::Break:
      return true;
    case FailOn::Never:
      return false;
  }
  GBC_UNREACHABLE("unknown FailOn");
}

}  // namespace gbc::report
