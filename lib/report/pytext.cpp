// Python string helpers, following CPython's str methods and Lib/textwrap.py.
#include "report/pytext.h"

#include <algorithm>
#include <optional>

namespace gbc::report::py {

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
         (c >= '\x1c' && c <= '\x1f');
}

std::string_view lstrip(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  return s;
}

std::string_view rstrip(std::string_view s) {
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view strip(std::string_view s) { return rstrip(lstrip(s)); }

static bool isLineBoundary(char c) {
  return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\x1c' || c == '\x1d' ||
         c == '\x1e';
}

std::vector<std::string_view> splitLinesKeepEnds(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!isLineBoundary(s[i])) continue;
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    out.push_back(s.substr(start, i + 1 - start));
    start = i + 1;
  }
  if (start < s.size()) out.push_back(s.substr(start));
  return out;
}

std::string indent(std::string_view text, std::string_view prefix) {
  std::string out;
  out.reserve(text.size() + prefix.size() * 4);
  for (std::string_view line : splitLinesKeepEnds(text)) {
    if (!strip(line).empty()) out += prefix;
    out += line;
  }
  return out;
}

std::string indentAll(std::string_view text, std::string_view prefix) {
  std::string out;
  for (std::string_view line : splitLinesKeepEnds(text)) {
    out += prefix;
    out += line;
  }
  return out;
}

// textwrap.dedent works on lines split at "\n" only; it treats lines of spaces and tabs as blank.
std::string dedent(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  auto isBlank = [](std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
  };
  std::optional<std::string_view> margin;
  for (std::string_view line : lines) {
    if (isBlank(line)) continue;
    std::string_view lead = line.substr(0, line.find_first_not_of(" \t"));
    if (!margin) {
      margin = lead;
      continue;
    }
    std::size_t common = 0;
    while (common < margin->size() && common < lead.size() && (*margin)[common] == lead[common])
      ++common;
    margin = margin->substr(0, common);
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) out += '\n';
    if (isBlank(lines[i])) continue;
    out += lines[i].substr(margin ? margin->size() : 0);
  }
  return out;
}

std::string indentContinuation(std::string_view part) {
  std::string indented = indent(part, "    ");
  return std::string(lstrip(indented));
}

std::size_t charCount(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::size_t byteToCharOffset(std::string_view line, std::size_t byte_offset) {
  return charCount(line.substr(0, std::min(byte_offset, line.size())));
}

std::string_view sourceLine(const SourceMap& sources, std::string_view file, uint32_t n) {
  if (n == 0) return {};
  auto it = sources.find(std::string(file));
  if (it == sources.end() || !it->second) return {};
  std::string_view text = *it->second;
  uint32_t current = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '\n' && c != '\r') continue;
    if (current == n) return text.substr(start, i - start);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
    ++current;
  }
  if (current == n && start < text.size()) return text.substr(start);
  return {};
}

}  // namespace gbc::report::py
