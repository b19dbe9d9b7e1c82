// Lexical helpers for scans of Python source that do not parse it (nesting.h, interp/reach.h).
#pragma once

#include <cstddef>
#include <string_view>

namespace gbc::syntax {

/// The index just past the string literal whose opening quote is at text[i] (its prefix letters,
/// if any, come before i): single or triple quoted, backslash escapes skipped. An unterminated
/// single-quoted literal ends at its line's newline (tree-sitter reports that error).
inline size_t skipStringLiteral(std::string_view text, size_t i) {
  const size_t n = text.size();
  const char quote = text[i];
  const bool triple = i + 2 < n && text[i + 1] == quote && text[i + 2] == quote;
  i += triple ? 3 : 1;
  while (i < n) {
    if (text[i] == '\\') {
      i += 2;
    } else if (text[i] == quote &&
               (!triple || (i + 2 < n && text[i + 1] == quote && text[i + 2] == quote))) {
      return i + (triple ? 3 : 1);
    } else if (text[i] == '\n' && !triple) {
      return i;
    } else {
      ++i;
    }
  }
  return n;
}

}  // namespace gbc::syntax
