// RAII owners for tree-sitter's C handles. Private to lib/syntax: the only place (with cst.h) that
// knows tree-sitter's delete functions.
#pragma once

#include <tree_sitter/api.h>

#include <memory>

namespace gbc::syntax {

/// One stateless deleter, overloaded per handle type.
struct TsDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};

using ParserHandle = std::unique_ptr<TSParser, TsDeleter>;
using TreeHandle = std::unique_ptr<TSTree, TsDeleter>;

/// A TSTreeCursor (a by-value struct that still owns a heap stack); move-only.
class TreeCursor {
 public:
  explicit TreeCursor(TSNode node) : cursor_(ts_tree_cursor_new(node)), owns_(true) {}
  TreeCursor(const TreeCursor&) = delete;
  TreeCursor& operator=(const TreeCursor&) = delete;
  TreeCursor(TreeCursor&& other) noexcept : cursor_(other.cursor_), owns_(other.owns_) {
    other.owns_ = false;
  }
  TreeCursor& operator=(TreeCursor&& other) = delete;
  ~TreeCursor() {
    if (owns_) ts_tree_cursor_delete(&cursor_);
  }

  TSTreeCursor* get() { return &cursor_; }

 private:
  TSTreeCursor cursor_;
  bool owns_;
};

}  // namespace gbc::syntax
