// SourceText: a file's text with an index of line starts, for traceback lines and carets.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gbc::syntax {

/// Owns a source file's text and answers `line(n)` in O(1). Lines end at "\n", "\r\n" or a lone
/// "\r" (as Python's universal newlines read them); the terminator is never part of a line.
class SourceText {
 public:
  SourceText() = default;
  explicit SourceText(std::string text);

  /// The whole text, unchanged.
  const std::string& text() const { return text_; }
  /// Number of lines; a final line without a newline counts, an empty text has 0 lines.
  uint32_t lineCount() const { return static_cast<uint32_t>(starts_.size()); }
  /// Line `n` (1-based) without its newline; empty for n == 0 or n > lineCount().
  std::string_view line(uint32_t n) const;
  /// Byte offset of the start of line `n` (1-based), or text().size() when out of range.
  std::size_t lineOffset(uint32_t n) const;

 private:
  std::string text_;
  std::vector<std::size_t> starts_;  // byte offset of each line's first character
  std::vector<std::size_t> ends_;    // byte offset of each line's terminator (or text end)
};

}  // namespace gbc::syntax
