// nestingBound and treeDepth (see nesting.h).
#include "syntax/nesting.h"

#include "syntax/lexical.h"

#include <algorithm>
#include <vector>

namespace gbc::syntax {

namespace {

bool wordChar(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool nestingKeyword(std::string_view w) {
  return w == "not" || w == "and" || w == "or" || w == "lambda" || w == "if" || w == "await" ||
         w == "yield";
}

}  // namespace

uint32_t nestingBound(std::string_view text) {
  const size_t n = text.size();
  std::vector<size_t> indents{0};  // indentation widths of the open blocks
  uint32_t bound = 0;
  uint32_t units = 0;  // nesting tokens in the current logical line
  int brackets = 0;
  bool line_start = true;
  auto endLine = [&] {
    bound = std::max<uint32_t>(bound, 3 * static_cast<uint32_t>(indents.size()) + 3 * units + 16);
    units = 0;
  };
  size_t i = 0;
  while (i < n) {
    char c = text[i];
    if (line_start) {
      line_start = false;
      size_t width = 0, j = i;
      while (j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\f')) {
        width += text[j] == '\t' ? 8 - width % 8 : 1;
        ++j;
      }
      // Blank and comment-only lines do not open or close blocks.
      if (j < n && text[j] != '\n' && text[j] != '\r' && text[j] != '#') {
        if (width > indents.back()) indents.push_back(width);
        while (indents.size() > 1 && width < indents.back()) indents.pop_back();
      }
      i = j;
      continue;
    }
    if (wordChar(c)) {
      size_t j = i;
      while (j < n && wordChar(text[j])) ++j;
      // A string prefix (r, b, f, u, rb, ...) is a word followed by a quote: the literal follows.
      if (nestingKeyword(text.substr(i, j - i))) ++units;
      i = j;
      continue;
    }
    switch (c) {
      case '\n':
        ++i;
        if (brackets == 0) {
          endLine();
          line_start = true;
        }
        break;
      case '#':
        while (i < n && text[i] != '\n') ++i;
        break;
      case '\\':
        i += 2;  // a line continuation (the logical line goes on) or a stray backslash
        break;
      case '(':
      case '[':
      case '{':
        ++brackets;
        ++units;
        ++i;
        break;
      case ')':
      case ']':
      case '}':
        if (brackets > 0) --brackets;
        ++i;
        break;
      case '"':
      case '\'':
        i = skipStringLiteral(text, i);
        break;
      case '.':
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '@':
      case '&':
      case '|':
      case '^':
      case '~':
      case '<':
      case '>':
      case '=':
      case '!':
      case ':':
      case ',':
        ++units;
        ++i;
        break;
      default:
        ++i;
    }
  }
  endLine();
  return bound;
}

uint32_t treeDepth(TSNode root, uint32_t limit) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  uint32_t depth = 0, deepest = 0;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) break;
      continue;
    }
    bool moved = false;
    while (!(moved = ts_tree_cursor_goto_next_sibling(&cursor))) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(&cursor)) break;
      --depth;
    }
    if (!moved) break;
  }
  ts_tree_cursor_delete(&cursor);
  return deepest;
}

uint32_t indentOverflowLine(std::string_view text, int max_levels) {
  std::vector<uint32_t> stack{0};
  int brackets = 0;
  char quote = 0;       // the open string's quote character
  bool triple = false;  // ... and whether it is triple-quoted
  bool continued = false;
  uint32_t line = 1;
  size_t i = 0;
  while (i < text.size()) {
    // the start of a physical line
    if (!quote && brackets == 0 && !continued) {
      uint32_t width = 0;
      size_t j = i;
      for (; j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\f'); ++j)
        width = text[j] == '\t' ? (width / 8 + 1) * 8 : text[j] == ' ' ? width + 1 : 0;
      bool blank = j >= text.size() || text[j] == '\n' || text[j] == '\r' || text[j] == '#';
      if (!blank) {
        while (stack.size() > 1 && stack.back() > width) stack.pop_back();
        if (width > stack.back()) stack.push_back(width);
        if (static_cast<int>(stack.size()) - 1 >= max_levels) return line;
      }
      i = j;
    }
    continued = false;
    // the rest of the line
    for (; i < text.size() && text[i] != '\n'; ++i) {
      char c = text[i];
      if (quote) {
        if (c == '\\') {
          if (i + 1 < text.size() && text[i + 1] != '\n') ++i;
        } else if (c == quote) {
          if (!triple) {
            quote = 0;
          } else if (i + 2 < text.size() && text[i + 1] == quote && text[i + 2] == quote) {
            quote = 0;
            i += 2;
          }
        }
        continue;
      }
      if (c == '#') {
        while (i < text.size() && text[i] != '\n') ++i;
        break;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        triple = i + 2 < text.size() && text[i + 1] == c && text[i + 2] == c;
        if (triple) i += 2;
      } else if (c == '(' || c == '[' || c == '{') {
        ++brackets;
      } else if ((c == ')' || c == ']' || c == '}') && brackets > 0) {
        --brackets;
      } else if (c == '\\' &&
                 (i + 1 >= text.size() || text[i + 1] == '\n' || text[i + 1] == '\r')) {
        continued = true;
      }
    }
    if (quote && !triple) quote = 0;  // an unterminated one-line string: the parser reports it
    ++i;
    ++line;
  }
  return 0;
}

}  // namespace gbc::syntax
