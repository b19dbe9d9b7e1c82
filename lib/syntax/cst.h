// A thin, typed view of tree-sitter-python's CST for the lowering code: node kinds and field ids
// resolved once from the grammar, children collected with a cursor (ts_node_child is O(i)), spans
// in CPython's convention. Private to lib/syntax.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "syntax/ast.h"
#include "syntax/ts_handles.h"

extern "C" const TSLanguage* tree_sitter_python(void);

namespace gbc::syntax {

enum class NodeKind : uint8_t {
  Other,
#define GBC_CST_KIND(name, text) name,
#include "syntax/cst_kinds.def"
#undef GBC_CST_KIND
};

/// Field names lowering reads (node-types.json).
enum class Field : uint8_t {
  Alias,
  Alternative,
  Argument,
  Arguments,
  Attribute,
  Body,
  Cause,
  Condition,
  Consequence,
  Definition,
  Expression,
  FormatSpecifier,
  Function,
  Guard,
  Key,
  Left,
  ModuleName,
  Name,
  Object,
  Operator,
  Operators,
  Parameters,
  ReturnType,
  Right,
  Subject,
  Subscript,
  Superclasses,
  Type,
  TypeConversion,
  TypeParameters,
  Value,
  kCount
};

/// Symbol and field tables of the vendored grammar, built once (thread-safe static).
class Grammar {
 public:
  static const Grammar& get();
  const TSLanguage* language() const { return language_; }
  NodeKind kind(TSNode node) const;
  TSFieldId field(Field f) const { return fields_[static_cast<int>(f)]; }

 private:
  Grammar();
  const TSLanguage* language_;
  std::vector<NodeKind> kinds_;  // indexed by TSSymbol
  TSFieldId fields_[static_cast<int>(Field::kCount)];
};

/// One child of a node, with the field it fills (0 when none).
struct CstChild {
  TSNode node;
  TSFieldId field;
};

/// The children of one node (comments and line continuations skipped).
class Children {
 public:
  std::vector<CstChild> items;

  /// First child in `f`, or a null node.
  TSNode field(Field f) const;
  /// All children in `f`, in order.
  std::vector<TSNode> fieldAll(Field f) const;
  /// Named children, in order (whatever their field).
  std::vector<TSNode> named() const;
  /// Whether an anonymous child with this type ("async", ",", "=") is present.
  bool hasToken(std::string_view type) const;
};

/// Source-aware helpers over one parsed tree.
class Cst {
 public:
  Cst(std::string_view source, TSNode root) : source_(source), cursor_(root) {}

  NodeKind kind(TSNode n) const { return Grammar::get().kind(n); }
  std::string_view text(TSNode n) const;
  std::string_view source() const { return source_; }
  Children children(TSNode n);
  /// CPython-style span of `n` as the CST gives it.
  static Span span(TSNode n);
  /// Start of `from`, end of `to`.
  static Span spanBetween(TSNode from, TSNode to);
  /// Span from the start of `n` to the end of its last real token (comments excluded): what
  /// CPython gives a statement, whose CST node may swallow trailing comments.
  Span statementSpan(TSNode n);
  static bool isExtra(NodeKind k) {
    return k == NodeKind::Comment || k == NodeKind::LineContinuation;
  }

 private:
  std::string_view source_;
  TreeCursor cursor_;
};

}  // namespace gbc::syntax
