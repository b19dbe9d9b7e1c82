// Suppressions: `# gbc: ignore[...]` comments and the config's ignore list.
#include "report/suppress.h"

#include "report/findings.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

namespace gbc::report {

/// The byte offset of the line's comment `#`, skipping `#` inside single-line string literals.
static std::optional<std::size_t> commentStart(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote != 0) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '\'' || c == '"')
      quote = c;
    else if (c == '#')
      return i;
  }
  return std::nullopt;
}

static std::vector<std::string> splitCodes(std::string_view list) {
  std::vector<std::string> out;
  std::string code;
  for (char c : list) {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!code.empty()) out.push_back(code);
      code.clear();
      continue;
    }
    code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (!code.empty()) out.push_back(code);
  return out;
}

static std::optional<Suppression> parseComment(std::string_view comment, uint32_t line,
                                               uint32_t column) {
  constexpr std::string_view kMarker = "gbc:";
  std::size_t at = comment.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = comment.substr(at + kMarker.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  constexpr std::string_view kIgnore = "ignore";
  if (rest.substr(0, kIgnore.size()) != kIgnore) return std::nullopt;
  rest.remove_prefix(kIgnore.size());
  Suppression out{line, column, {}, ""};
  std::size_t text_end = comment.size() - rest.size();
  if (!rest.empty() && rest.front() == '[') {
    std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.codes = splitCodes(rest.substr(1, close - 1));
    text_end += close + 1;
  } else if (!rest.empty() && (std::isalnum(static_cast<unsigned char>(rest.front())) ||
                               rest.front() == '_' || rest.front() == '-')) {
    if (rest.substr(0, 2) != "--") return std::nullopt;  // e.g. "gbc: ignored", not ours
  }
  out.text = std::string(comment.substr(at, text_end - at));
  return out;
}

std::vector<Suppression> parseSuppressions(std::string_view source) {
  std::vector<Suppression> out;
  uint32_t line_no = 0;
  std::size_t start = 0;
  while (start <= source.size()) {
    ++line_no;
    std::size_t end = source.find('\n', start);
    std::string_view line =
        source.substr(start, end == std::string_view::npos ? source.size() - start : end - start);
    if (std::optional<std::size_t> hash = commentStart(line)) {
      std::optional<Suppression> found =
          parseComment(line.substr(*hash + 1), line_no, static_cast<uint32_t>(*hash + 1));
      if (found) out.push_back(std::move(*found));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

namespace {

/// Suppressions of the files a report refers to, parsed once each, with their use marks.
class SuppressionIndex {
 public:
  explicit SuppressionIndex(const FileReport& file) : file_(file) {}

  /// Whether a comment on `line` of `path` covers one of `codes`; marks the comment used.
  bool covers(const std::string& path, uint32_t line, const std::vector<std::string>& codes) {
    std::vector<Entry>& entries = entriesFor(path);
    bool covered = false;
    for (Entry& entry : entries) {
      if (entry.suppression.line != line) continue;
      bool match = entry.suppression.codes.empty();
      for (const std::string& code : entry.suppression.codes)
        match = match || std::find(codes.begin(), codes.end(), code) != codes.end();
      if (!match) continue;
      entry.used = true;
      covered = true;
    }
    return covered;
  }

  /// The analysed file's comments that covered nothing.
  std::vector<Suppression> unused() {
    std::vector<Suppression> out;
    for (const Entry& entry : entriesFor(file_.path))
      if (!entry.used) out.push_back(entry.suppression);
    return out;
  }

 private:
  struct Entry {
    Suppression suppression;
    bool used = false;
  };

  std::vector<Entry>& entriesFor(const std::string& path) {
    auto it = by_path_.find(path);
    if (it != by_path_.end()) return it->second;
    std::vector<Entry>& entries = by_path_[path];
    auto source = file_.sources.find(path);
    if (source != file_.sources.end() && source->second)
      for (Suppression& s : parseSuppressions(*source->second)) entries.push_back({std::move(s)});
    return entries;
  }

  const FileReport& file_;
  std::map<std::string, std::vector<Entry>> by_path_;
};

}  // namespace

static std::vector<std::string> codesOf(const std::vector<GbMessage>& messages,
                                        const Registry& registry) {
  std::vector<std::string> out;
  for (const GbMessage& message : messages)
    if (std::optional<std::string> code = registry.codeFor(message.gb_type)) out.push_back(*code);
  return out;
}

static bool anyIgnored(const std::vector<std::string>& codes, const std::set<std::string>& ignore) {
  return std::any_of(codes.begin(), codes.end(),
                     [&](const std::string& code) { return ignore.count(code) != 0; });
}

void applySuppressions(FileReport& file, const Registry& registry,
                       const std::set<std::string>& ignore_codes) {
  SuppressionIndex index(file);
  for (GraphBreak& brk : file.graph_breaks) {
    std::vector<std::string> codes = codesOf(brk.messages, registry);
    const std::string& path = brk.location.file.empty() ? file.path : brk.location.file;
    if (index.covers(path, brk.location.line, codes) || anyIgnored(codes, ignore_codes))
      brk.suppressed = true;
  }
  auto markErrors = [&](std::vector<UnsupportedError>& errors) {
    for (UnsupportedError& error : errors) {
      std::vector<std::string> codes = codesOf(error.messages, registry);
      bool covered = false;
      if (!error.user_stack.empty()) {
        const FrameSummary& leaf = error.user_stack.back();
        covered = index.covers(leaf.file, leaf.line, codes);
      }
      if (covered || anyIgnored(codes, ignore_codes)) error.suppressed = true;
    }
  };
  markErrors(file.errors);
  markErrors(file.caught_errors);
  for (const Suppression& s : index.unused()) {
    file.diagnostics.push_back(
        Diagnostic{Severity::Warning, file.path, s.line, s.column,
                   "unused suppression '" + s.text + "': no graph break or error on this line"});
  }
}

FileReport withoutInactive(const FileReport& file) {
  FileReport out = file;
  std::erase_if(out.graph_breaks, [](const GraphBreak& b) { return b.suppressed || b.baselined; });
  auto inactive = [](const UnsupportedError& e) { return e.suppressed || e.baselined; };
  std::erase_if(out.errors, inactive);
  std::erase_if(out.caught_errors, inactive);
  return out;
}

}  // namespace gbc::report
