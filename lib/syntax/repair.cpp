// Source repairs (repair.h): find the ERROR nodes tree-sitter-python 0.23.6 leaves on newer
// syntax, mask that syntax in a same-length copy of the source, and record what was masked.
#include "syntax/repair.h"

#include <algorithm>
#include <cstring>

#include "syntax/ts_handles.h"

namespace gbc::syntax {

bool RepairEdits::exceptComma(uint32_t at) const {
  return std::find(except_commas.begin(), except_commas.end(), at) != except_commas.end();
}

bool RepairEdits::star(uint32_t at) const {
  return std::find(stars.begin(), stars.end(), at) != stars.end();
}

namespace {

bool isError(TSNode n) { return std::strcmp(ts_node_type(n), "ERROR") == 0; }

void collectErrors(TSNode n, std::vector<TSNode>& out) {
  if (isError(n)) {
    out.push_back(n);
    return;
  }
  if (!ts_node_has_error(n)) return;
  for (uint32_t i = 0, k = ts_node_child_count(n); i < k; ++i)
    collectErrors(ts_node_child(n, i), out);
}

/// The nearest ancestor of one of these types, or a null node.
TSNode ancestor(TSNode n, std::initializer_list<const char*> types) {
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p))
    for (const char* t : types)
      if (std::strcmp(ts_node_type(p), t) == 0) return p;
  return TSNode{};
}

/// Calls `visit(offset)` for each byte of [from, to) at bracket depth 0 relative to `from`,
/// outside string literals. Returns false when the range is unbalanced.
template <typename F>
bool scanTopLevel(const std::string& s, uint32_t from, uint32_t to, F visit) {
  int depth = 0;
  for (uint32_t i = from; i < to; ++i) {
    const char c = s[i];
    if (c == '\'' || c == '"') {
      const char q = c;
      for (++i; i < to && s[i] != q; ++i)
        if (s[i] == '\\') ++i;
      continue;
    }
    if (c == '#') {
      while (i < to && s[i] != '\n') ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth < 0) return false;
    } else if (depth == 0) {
      visit(i);
    }
  }
  return depth == 0;
}

/// `except A, B, C:` → `except A| B| C:` (only without `as`, as PEP 758 allows).
bool repairExcept(Repair& r, TSNode clause) {
  uint32_t from = ts_node_start_byte(clause), to = ts_node_end_byte(clause);
  for (uint32_t i = 0, k = ts_node_named_child_count(clause); i < k; ++i) {
    TSNode c = ts_node_named_child(clause, i);
    if (std::strcmp(ts_node_type(c), "block") == 0) to = std::min(to, ts_node_start_byte(c));
  }
  // the header ends at its ':'
  std::vector<uint32_t> colons, commas;
  bool has_as = false;
  scanTopLevel(r.text, from, to, [&](uint32_t i) {
    const std::string& s = r.text;
    if (s[i] == ':') colons.push_back(i);
    if (s[i] == ',' && colons.empty()) commas.push_back(i);
    if (colons.empty() && s.compare(i, 4, " as ") == 0) has_as = true;
  });
  if (commas.empty() || has_as) return false;
  for (uint32_t c : commas) {
    r.text[c] = '|';
    r.edits.except_commas.push_back(c);
  }
  return true;
}

/// `x[a, *(b)]` → `x[a,  (b)]`.
bool repairSubscript(Repair& r, TSNode subscript) {
  uint32_t open = 0, close = 0;
  for (uint32_t i = 0, k = ts_node_child_count(subscript); i < k; ++i) {
    TSNode c = ts_node_child(subscript, i);
    if (std::strcmp(ts_node_type(c), "[") == 0 && !open) open = ts_node_start_byte(c);
    if (std::strcmp(ts_node_type(c), "]") == 0) close = ts_node_start_byte(c);
  }
  if (!open || close <= open) return false;
  bool changed = false;
  scanTopLevel(r.text, open + 1, close, [&](uint32_t i) {
    if (r.text[i] != '*') return;
    uint32_t j = i + 1;
    while (j < close && (r.text[j] == ' ' || r.text[j] == '\t')) ++j;
    if (j < close && r.text[j] == '(') {
      r.text[i] = ' ';
      r.edits.stars.push_back(i);
      changed = true;
    }
  });
  return changed;
}

/// `[T = int, *Ts = *tuple[int]]` → the defaults blanked.
bool repairTypeParameters(Repair& r, TSNode params) {
  const uint32_t open = ts_node_start_byte(params), close = ts_node_end_byte(params) - 1;
  if (r.text[open] != '[' || r.text[close] != ']') return false;
  std::vector<uint32_t> equals, ends;
  bool ok = scanTopLevel(r.text, open + 1, close, [&](uint32_t i) {
    const std::string& s = r.text;
    if (s[i] == ',') {
      if (equals.size() > ends.size()) ends.push_back(i);
      return;
    }
    if (s[i] != '=') return;
    const char before = s[i - 1], after = i + 1 < s.size() ? s[i + 1] : '\0';
    if (after == '=' || std::strchr("=!<>:", before)) return;  // ==, !=, <=, >=, :=
    if (equals.size() > ends.size()) return;
    equals.push_back(i);
  });
  if (!ok || equals.empty()) return false;
  if (equals.size() > ends.size()) ends.push_back(close);
  for (size_t k = 0; k < equals.size(); ++k) {
    for (uint32_t i = equals[k]; i < ends[k]; ++i)
      if (r.text[i] != '\n' && r.text[i] != '\r') r.text[i] = ' ';
    r.edits.defaults.push_back({equals[k], ends[k]});
  }
  return true;
}

}  // namespace

std::optional<Repair> repairSource(const std::string& source, TSNode root) {
  std::vector<TSNode> errors;
  collectErrors(root, errors);
  if (errors.empty()) return std::nullopt;
  Repair r;
  r.text = source;
  std::vector<uint32_t> done;
  for (TSNode e : errors) {
    TSNode at =
        ancestor(e, {"type_parameter", "except_clause", "except_group_clause", "subscript"});
    if (ts_node_is_null(at)) return std::nullopt;
    const uint32_t key = ts_node_start_byte(at);
    if (std::find(done.begin(), done.end(), key) != done.end()) continue;
    done.push_back(key);
    const std::string type = ts_node_type(at);
    bool repaired = type == "type_parameter" ? repairTypeParameters(r, at)
                    : type == "subscript"    ? repairSubscript(r, at)
                                             : repairExcept(r, at);
    if (!repaired) return std::nullopt;
  }
  return r;
}

std::string isolateExpression(const std::string& source, uint32_t from, uint32_t to) {
  std::string out(source.size(), ' ');
  for (size_t i = 0; i < source.size(); ++i)
    if (source[i] == '\n' || source[i] == '\r') out[i] = source[i];
  for (uint32_t i = from; i < to; ++i) out[i] = source[i];
  out[from - 1] = '(';
  out[to] = ')';
  return out;
}

}  // namespace gbc::syntax
