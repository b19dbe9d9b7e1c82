// Grammar tables and CST helpers.
#include "syntax/cst.h"

#include <cstring>
#include <string_view>
#include <unordered_map>

namespace gbc::syntax {

namespace {

struct KindName {
  NodeKind kind;
  const char* name;
};

constexpr KindName kKindNames[] = {
#define GBC_CST_KIND(e, text) {NodeKind::e, text},
#include "syntax/cst_kinds.def"
#undef GBC_CST_KIND
};

// Same order as enum Field.
constexpr const char* kFieldNames[] = {
    "alias",    "alternative", "argument",     "arguments",  "attribute",       "body",
    "cause",    "condition",   "consequence",  "definition", "expression",      "format_specifier",
    "function", "guard",       "key",          "left",       "module_name",     "name",
    "object",   "operator",    "operators",    "parameters", "return_type",     "right",
    "subject",  "subscript",   "superclasses", "type",       "type_conversion", "type_parameters",
    "value"};
static_assert(sizeof(kFieldNames) / sizeof(kFieldNames[0]) == static_cast<int>(Field::kCount));

}  // namespace

Grammar::Grammar() : language_(tree_sitter_python()) {
  const uint32_t count = ts_language_symbol_count(language_);
  kinds_.assign(count, NodeKind::Other);
  // Several symbols may share a name (aliases such as as_pattern_target); map each one.
  std::unordered_map<std::string_view, NodeKind> by_name;
  for (const KindName& k : kKindNames) by_name[k.name] = k.kind;
  for (uint32_t sym = 0; sym < count; ++sym) {
    if (ts_language_symbol_type(language_, static_cast<TSSymbol>(sym)) != TSSymbolTypeRegular)
      continue;
    auto it = by_name.find(ts_language_symbol_name(language_, static_cast<TSSymbol>(sym)));
    if (it != by_name.end()) kinds_[sym] = it->second;
  }
  for (int i = 0; i < static_cast<int>(Field::kCount); ++i) {
    fields_[i] = ts_language_field_id_for_name(language_, kFieldNames[i],
                                               static_cast<uint32_t>(std::strlen(kFieldNames[i])));
  }
}

const Grammar& Grammar::get() {
  static const Grammar grammar;
  return grammar;
}

NodeKind Grammar::kind(TSNode node) const {
  if (!ts_node_is_named(node)) return NodeKind::Other;
  TSSymbol sym = ts_node_symbol(node);
  return sym < kinds_.size() ? kinds_[sym] : NodeKind::Other;
}

TSNode Children::field(Field f) const {
  TSFieldId id = Grammar::get().field(f);
  for (const CstChild& c : items) {
    if (c.field == id) return c.node;
  }
  return TSNode{};
}

std::vector<TSNode> Children::fieldAll(Field f) const {
  TSFieldId id = Grammar::get().field(f);
  std::vector<TSNode> out;
  for (const CstChild& c : items) {
    if (c.field == id) out.push_back(c.node);
  }
  return out;
}

std::vector<TSNode> Children::named() const {
  std::vector<TSNode> out;
  for (const CstChild& c : items) {
    if (ts_node_is_named(c.node)) out.push_back(c.node);
  }
  return out;
}

bool Children::hasToken(std::string_view type) const {
  for (const CstChild& c : items) {
    if (!ts_node_is_named(c.node) && type == ts_node_type(c.node)) return true;
  }
  return false;
}

std::string_view Cst::text(TSNode n) const {
  uint32_t start = ts_node_start_byte(n);
  uint32_t end = ts_node_end_byte(n);
  return source_.substr(start, end - start);
}

Children Cst::children(TSNode n) {
  Children out;
  TSTreeCursor* cursor = cursor_.get();
  ts_tree_cursor_reset(cursor, n);
  if (!ts_tree_cursor_goto_first_child(cursor)) return out;
  do {
    TSNode child = ts_tree_cursor_current_node(cursor);
    if (isExtra(kind(child))) continue;
    out.items.push_back({child, ts_tree_cursor_current_field_id(cursor)});
  } while (ts_tree_cursor_goto_next_sibling(cursor));
  return out;
}

Span Cst::span(TSNode n) {
  TSPoint s = ts_node_start_point(n);
  TSPoint e = ts_node_end_point(n);
  return Span{s.row + 1, s.column, e.row + 1, e.column};
}

Span Cst::spanBetween(TSNode from, TSNode to) {
  Span s = span(from);
  Span e = span(to);
  return Span{s.line, s.col, e.end_line, e.end_col};
}

Span Cst::statementSpan(TSNode n) {
  // Down the chain of last non-empty children (extras skipped): CPython's end of a statement is
  // its last token, where tree-sitter's node may extend over trailing comments.
  TSNode last = n;
  TSTreeCursor* cursor = cursor_.get();
  for (;;) {
    ts_tree_cursor_reset(cursor, last);
    if (!ts_tree_cursor_goto_first_child(cursor)) break;
    TSNode next{};
    bool found = false;
    do {
      TSNode child = ts_tree_cursor_current_node(cursor);
      if (isExtra(kind(child)) || ts_node_end_byte(child) <= ts_node_start_byte(child)) continue;
      next = child;
      found = true;
    } while (ts_tree_cursor_goto_next_sibling(cursor));
    if (!found) break;
    last = next;
  }
  return spanBetween(n, last);
}

}  // namespace gbc::syntax
