// SourceText: line index built once, in one pass over the text.
#include "syntax/source.h"

#include <utility>

namespace gbc::syntax {

SourceText::SourceText(std::string text) : text_(std::move(text)) {
  std::size_t start = 0;
  const std::size_t size = text_.size();
  for (std::size_t i = 0; i < size; ++i) {
    char c = text_[i];
    if (c != '\n' && c != '\r') continue;
    starts_.push_back(start);
    ends_.push_back(i);
    if (c == '\r' && i + 1 < size && text_[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < size) {
    starts_.push_back(start);
    ends_.push_back(size);
  }
}

std::string_view SourceText::line(uint32_t n) const {
  if (n == 0 || n > starts_.size()) return {};
  return std::string_view(text_).substr(starts_[n - 1], ends_[n - 1] - starts_[n - 1]);
}

std::size_t SourceText::lineOffset(uint32_t n) const {
  if (n == 0 || n > starts_.size()) return text_.size();
  return starts_[n - 1];
}

}  // namespace gbc::syntax
