// Caret lines, after CPython's Lib/traceback.py (3.13/3.14): FrameSummary formatting,
// _should_show_carets and _extract_caret_anchors_from_line_segment. Offsets there are in
// characters (after _byte_offset_to_character_offset), so this file decodes UTF-8 first.
#include "syntax/carets.h"

#include <cctype>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "syntax/parser.h"

namespace gbc::syntax {

namespace {

/// A line decoded to code points, with the byte offset where each one starts.
struct DecodedLine {
  std::vector<char32_t> chars;
  std::vector<size_t> byte_at;  // byte_at[i] = offset of chars[i]; byte_at[size] = end

  explicit DecodedLine(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (i + len > s.size()) len = s.size() - i;
      char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
      for (size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      byte_at.push_back(i);
      chars.push_back(cp);
      i += len;
    }
    byte_at.push_back(s.size());
  }
  size_t size() const { return chars.size(); }
  /// _byte_offset_to_character_offset: characters that start before `byte`.
  size_t charOffset(size_t byte) const {
    size_t n = 0;
    while (n < chars.size() && byte_at[n] < byte) ++n;
    return n;
  }
};

bool isSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1C ||
         c == 0x1D || c == 0x1E || c == 0x1F || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

/// unicodedata.east_asian_width(c) in "WF", for the common ranges (CJK, Hangul, fullwidth forms,
/// emoji); a table-free approximation.
bool isWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
         (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

/// _display_width(line, offset).
size_t displayWidth(const DecodedLine& line, size_t offset) {
  size_t width = 0;
  for (size_t i = 0; i < offset && i < line.size(); ++i) width += isWide(line.chars[i]) ? 2 : 1;
  return width;
}

/// [left, right) in characters of the segment: what the secondary marker covers.
struct Anchors {
  size_t left;
  size_t right;
};

/// _extract_caret_anchors_from_line_segment for a one-line segment. Where CPython's helpers would
/// run off the line (an AssertionError it suppresses), there are no anchors.
std::optional<Anchors> extractAnchorsUncached(std::string_view segment) {
  auto module = parseModule("<segment>", "(\n" + std::string(segment) + "\n)");
  if (!module || module->body.size() != 1 || module->body[0]->kind != StmtKind::Expr)
    return std::nullopt;
  const Expr& e = *module->body[0]->value;
  const DecodedLine line(segment);
  // End of a subexpression as a (valid) character index; -2: the "(\n" line added above.
  auto endOf = [&](const Expr& sub) -> std::optional<size_t> {
    if (sub.span.end_line != 2) return std::nullopt;
    return line.charOffset(sub.span.end_col);
  };
  // increment_until(stop): skip characters until `stop`; `\` or `#` would go to the next line.
  auto advanceUntil = [&](size_t col, auto stop) -> std::optional<size_t> {
    for (; col < line.size(); ++col) {
      char32_t ch = line.chars[col];
      if (ch == '\\' || ch == '#') return std::nullopt;
      if (stop(ch)) return col;
    }
    return std::nullopt;
  };
  switch (e.kind) {
    case ExprKind::BinOp: {
      auto left_end = endOf(*e.left);
      if (!left_end) return std::nullopt;
      auto op = advanceUntil(*left_end, [](char32_t ch) { return !isSpace(ch) && ch != ')'; });
      if (!op) return std::nullopt;
      size_t right_col = *op + 1;
      // A second operator character: on the line, before the right operand, not space, `\`, `#`.
      if (right_col < line.size() && e.right->span.line == 2 &&
          right_col < line.charOffset(e.right->span.col) && !isSpace(line.chars[right_col]) &&
          line.chars[right_col] != '\\' && line.chars[right_col] != '#')
        ++right_col;
      return Anchors{*op, right_col};
    }
    case ExprKind::Subscript:
    case ExprKind::Call: {
      const Expr& head = e.kind == ExprKind::Call ? *e.func : *e.value;
      const char32_t bracket = e.kind == ExprKind::Call ? '(' : '[';
      auto head_end = endOf(head);
      auto end = endOf(e);
      if (!head_end || !end) return std::nullopt;
      auto open = advanceUntil(*head_end, [&](char32_t ch) { return ch == bracket; });
      if (!open) return std::nullopt;
      return Anchors{*open, *end};
    }
    default:
      return std::nullopt;
  }
}

/// A necessary condition for callSpansWholeStatementUncached, from the text alone: the statement
/// is `return NAME` + `(` or one `NAME = ...`, and the value starts (after any opening
/// parentheses) at `start`. Most traceback lines (`y = a + f(b)`, `print(...)`, `out = x`)
/// fail it without a parse; a line with non-ASCII bytes (characters are not bytes there) always
/// goes to the parser.
bool mayBeWholeStatementCall(std::string_view text, size_t start) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  size_t i = 0;
  auto skip = [&](std::string_view chars) {
    while (i < text.size() && chars.find(text[i]) != std::string_view::npos) ++i;
  };
  auto identifier = [&] {
    size_t from = i;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
      ++i;
    return text.substr(from, i - from);
  };
  skip(" \t");
  std::string_view first = identifier();
  if (first.empty()) return false;
  skip(" \t");
  bool is_return = first == "return";
  if (!is_return) {
    if (i >= text.size() || text[i] != '=' || (i + 1 < text.size() && text[i + 1] == '='))
      return false;
    ++i;
  }
  skip(" \t(");
  if (i != start) return false;
  if (!is_return) return true;
  if (identifier().empty()) return false;  // `return` of a call whose callee is a Name
  skip(" \t");
  return i >= text.size() || text[i] == '(' || text[i] == ')' || text[i] == '\\';
}

/// The first statement of `text` is `return NAME(...)` or `NAME = <call>` and the call is exactly
/// [start, end) (CPython compares the ast's byte columns with character offsets; so do we).
bool callSpansWholeStatementUncached(std::string_view text, size_t start, size_t end) {
  if (!mayBeWholeStatementCall(text, start)) return false;
  auto module = parseModule("<line>", text);
  if (!module || module->body.empty()) return false;
  const Stmt& s = *module->body[0];
  const Expr* value = nullptr;
  if (s.kind == StmtKind::Return && s.value && s.value->kind == ExprKind::Call &&
      s.value->func->kind == ExprKind::Name)
    value = s.value.get();
  if (s.kind == StmtKind::Assign && s.value && s.value->kind == ExprKind::Call &&
      s.targets.size() == 1 && s.targets[0]->kind == ExprKind::Name)
    value = s.value.get();
  return value != nullptr && value->span.line == 1 && value->span.end_line == 1 &&
         value->span.col == start && value->span.end_col == end;
}

/// Tracebacks repeat the same lines (every frame of torch's own code, a loop's frames, the same
/// file analysed again by `gbc lsp`): each segment is parsed once per process, by whichever
/// thread meets it first (the parse runs outside the lock). Bounded, so a long editor session
/// does not grow it forever.
template <typename Value>
class Memo {
 public:
  template <typename Compute>
  Value get(const std::string& key, Compute compute) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = map_.find(key); it != map_.end()) return it->second;
    }
    Value value = compute();
    std::lock_guard<std::mutex> lock(mutex_);
    if (map_.size() >= 4096) map_.clear();
    map_.emplace(key, value);
    return value;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, Value> map_;
};

std::optional<Anchors> extractAnchors(std::string_view segment) {
  static Memo<std::optional<Anchors>> memo;
  return memo.get(std::string(segment), [&] { return extractAnchorsUncached(segment); });
}

bool callSpansWholeStatement(std::string_view text, size_t start, size_t end) {
  static Memo<bool> memo;
  std::string key = std::to_string(start) + ":" + std::to_string(end) + ":";
  key += text;
  return memo.get(key, [&] { return callSpansWholeStatementUncached(text, start, end); });
}

}  // namespace

std::optional<std::string> tracebackCaretLine(std::string_view raw_line, uint32_t col,
                                              uint32_t end_col) {
  if (end_col > raw_line.size() || col > end_col) return std::nullopt;
  // FrameSummary dedents the line (textwrap.dedent: spaces and tabs) and shifts the offsets.
  size_t indent = raw_line.find_first_not_of(" \t");
  if (indent == std::string_view::npos) return std::nullopt;  // blank line: nothing printed
  const DecodedLine original(raw_line);
  const std::string_view text = raw_line.substr(indent);
  const DecodedLine line(text);
  const size_t dedent = original.size() - line.size();
  const size_t start_char = original.charOffset(col);
  const size_t end_char = original.charOffset(end_col);
  const size_t start = start_char > dedent ? start_char - dedent : 0;
  const size_t end = end_char > dedent ? end_char - dedent : 0;

  const std::string_view segment = raw_line.substr(col, end_col - col);
  std::optional<Anchors> anchors = extractAnchors(segment);

  bool show;
  if (callSpansWholeStatement(text, start, end)) {
    show = false;
  } else if (anchors) {
    show = true;
  } else {
    bool text_before = false, text_after = false;
    for (size_t i = 0; i < start && i < line.size(); ++i) text_before |= !isSpace(line.chars[i]);
    for (size_t i = end; i < line.size(); ++i) text_after |= !isSpace(line.chars[i]);
    show = text_before || text_after;
  }
  if (!show) return std::nullopt;

  size_t num_spaces = 0;
  while (num_spaces < line.size() && isSpace(line.chars[num_spaces])) ++num_spaces;
  const size_t dp_start = displayWidth(line, start);
  const size_t dp_end = displayWidth(line, end);
  size_t left = 0, right = 0;
  if (anchors) {
    left = displayWidth(line, anchors->left + start);
    right = displayWidth(line, anchors->right + start);
  }
  std::string carets;
  for (size_t c = 0; c < dp_end; ++c) {
    if (c < num_spaces || c < dp_start)
      carets += ' ';
    else if (anchors && c >= left && c < right)
      carets += '^';
    else
      carets += anchors ? '~' : '^';
  }
  return carets;
}

std::string attributionCaretLine(std::string_view raw_line, uint32_t col, uint32_t end_col) {
  if (end_col > raw_line.size() || col >= end_col) return {};
  const DecodedLine line(raw_line);
  const size_t start = line.charOffset(col);
  const size_t end = line.charOffset(end_col);
  std::optional<Anchors> anchors = extractAnchors(raw_line.substr(col, end_col - col));
  std::string markers(start, ' ');
  for (size_t c = start; c < end; ++c) {
    bool inside = !anchors || (c >= anchors->left + start && c < anchors->right + start);
    markers += inside ? '^' : '~';
  }
  return markers;
}

}  // namespace gbc::syntax
