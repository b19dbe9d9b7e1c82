// Choosing and wording the syntax error of a broken tree. tree-sitter recovers from errors by
// wrapping tokens in ERROR nodes, which can be large; brackets are checked separately because
// their errors are the most common and CPython words them precisely.
#include "syntax/syntax_errors.h"

#include <optional>
#include <vector>

#include "syntax/ts_handles.h"

namespace gbc::syntax {

namespace {

bool isErrorNode(TSNode n) { return ts_node_symbol(n) == static_cast<TSSymbol>(-1); }

bool hasErrorBelow(TSNode n) {
  TreeCursor cursor(n);
  if (!ts_tree_cursor_goto_first_child(cursor.get())) return false;
  do {
    TSNode c = ts_tree_cursor_current_node(cursor.get());
    if (isErrorNode(c) || ts_node_is_missing(c) || ts_node_has_error(c)) return true;
  } while (ts_tree_cursor_goto_next_sibling(cursor.get()));
  return false;
}

/// The first ERROR or MISSING node in source order; within an ERROR node that wraps a valid
/// prefix (even the whole file), the innermost error is closer to the real mistake. Iterative.
TSNode firstError(TSNode root) {
  TreeCursor cursor(root);
  TSNode cur = root;
  for (;;) {
    ts_tree_cursor_reset(cursor.get(), cur);
    if (!ts_tree_cursor_goto_first_child(cursor.get())) return cur;
    bool descended = false;
    do {
      TSNode child = ts_tree_cursor_current_node(cursor.get());
      if (ts_node_is_missing(child)) return child;
      if (isErrorNode(child) && !hasErrorBelow(child)) return child;
      if (isErrorNode(child) || ts_node_has_error(child)) {
        cur = child;
        descended = true;
        break;
      }
    } while (ts_tree_cursor_goto_next_sibling(cursor.get()));
    if (!descended) return cur;
  }
}

struct Problem {
  TSPoint at;
  uint32_t byte;
  std::string what;
};

/// Bracket matching over the tree's real tokens (MISSING ones are not in the source): the first
/// unmatched or mismatched closer, and the innermost bracket left open.
void scanBrackets(TSNode root, std::optional<Problem>& bad_closer,
                  std::optional<Problem>& unclosed) {
  struct Open {
    char c;
    TSPoint at;
    uint32_t byte;
  };
  std::vector<Open> stack;
  TreeCursor cursor(root);
  TSTreeCursor* c = cursor.get();
  for (;;) {
    if (ts_tree_cursor_goto_first_child(c)) continue;
    TSNode leaf = ts_tree_cursor_current_node(c);
    std::string_view type = ts_node_type(leaf);
    if (!ts_node_is_named(leaf) && !ts_node_is_missing(leaf) && type.size() == 1) {
      char ch = type[0];
      if (ch == '(' || ch == '[' || ch == '{') {
        stack.push_back({ch, ts_node_start_point(leaf), ts_node_start_byte(leaf)});
      } else if ((ch == ')' || ch == ']' || ch == '}') && !bad_closer) {
        char want = ch == ')' ? '(' : ch == ']' ? '[' : '{';
        if (stack.empty()) {
          bad_closer = Problem{ts_node_start_point(leaf), ts_node_start_byte(leaf),
                               "unmatched '" + std::string(1, ch) + "'"};
        } else if (stack.back().c != want) {
          bad_closer = Problem{ts_node_start_point(leaf), ts_node_start_byte(leaf),
                               "closing parenthesis '" + std::string(1, ch) +
                                   "' does not match opening parenthesis '" +
                                   std::string(1, stack.back().c) + "'"};
        } else {
          stack.pop_back();
        }
      }
    }
    while (!ts_tree_cursor_goto_next_sibling(c)) {
      if (!ts_tree_cursor_goto_parent(c)) {
        if (!stack.empty())
          unclosed = Problem{stack.back().at, stack.back().byte,
                             "'" + std::string(1, stack.back().c) + "' was never closed"};
        return;
      }
    }
  }
}

Problem describeNode(TSNode n, std::string_view source) {
  if (ts_node_is_missing(n)) {
    std::string type = ts_node_type(n);
    return {ts_node_start_point(n), ts_node_start_byte(n),
            ts_node_is_named(n) ? "missing " + type : "missing '" + type + "'"};
  }
  TSNode leaf = n;
  while (ts_node_child_count(leaf) > 0) leaf = ts_node_child(leaf, 0);
  uint32_t start = ts_node_start_byte(leaf);
  std::string_view text = source.substr(start, ts_node_end_byte(leaf) - start);
  text = text.substr(0, text.find_first_of("\r\n"));
  if (text.empty()) return {ts_node_start_point(n), ts_node_start_byte(n), "invalid syntax"};
  size_t quote = text.find_first_of("'\"");
  if (quote != std::string_view::npos && quote <= 2 &&
      text.find_first_not_of("rRbBuUfF") == quote) {
    bool triple = text.substr(quote, 3) == std::string(3, text[quote]);
    return {ts_node_start_point(leaf), start,
            triple ? "unterminated triple-quoted string literal" : "unterminated string literal"};
  }
  std::string shown =
      text.size() > 20 ? std::string(text.substr(0, 20)) + "..." : std::string(text);
  return {ts_node_start_point(leaf), start, "unexpected token '" + shown + "'"};
}

}  // namespace

Error describeSyntaxError(const std::string& path, std::string_view source, TSNode root) {
  TSNode first = firstError(root);
  Problem problem = describeNode(first, source);
  std::optional<Problem> bad_closer, unclosed;
  scanBrackets(root, bad_closer, unclosed);
  // A bracket error explains the first broken region when it lies inside it (or before it); an
  // unclosed bracket when the region starts after it (tree-sitter often breaks off at the end).
  const uint32_t region_end = ts_node_end_byte(first);
  if (bad_closer && bad_closer->byte <= region_end)
    problem = *bad_closer;
  else if (unclosed && unclosed->byte <= region_end &&
           (!bad_closer || unclosed->byte < bad_closer->byte))
    problem = *unclosed;
  return Error{ErrorCode::Syntax, path + ":" + std::to_string(problem.at.row + 1) + ":" +
                                      std::to_string(problem.at.column + 1) +
                                      ": syntax error: " + problem.what};
}

}  // namespace gbc::syntax
