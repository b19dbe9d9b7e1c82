// Source repairs for the newer syntax the vendored tree-sitter-python (0.23.6) does not parse:
// PEP 758's `except A, B, C:` beyond two types, `*(expr)` items in a subscript, and PEP 696
// type-parameter defaults. When a tree has errors, repairSource masks these in a copy of the
// text of the same length (so every offset, line and column holds), the copy is parsed, and the
// lowering reads the masked parts back through RepairEdits. Private to lib/syntax.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "syntax/ts_handles.h"

namespace gbc::syntax {

struct RepairEdits {
  /// Byte offsets of `,` between except types rewritten as `|`.
  std::vector<uint32_t> except_commas;
  /// Byte offsets of `*` before a parenthesised subscript item, blanked.
  std::vector<uint32_t> stars;
  /// Type-parameter defaults blanked: [equals, end) with `end` at the `,` or `]` after them.
  struct Default {
    uint32_t equals;
    uint32_t end;
  };
  std::vector<Default> defaults;

  bool exceptComma(uint32_t at) const;
  bool star(uint32_t at) const;
};

struct Repair {
  std::string text;
  RepairEdits edits;
};

/// The repaired text when every ERROR of `root` (the tree of `source`) sits where one of the
/// repairs applies, else nullopt.
std::optional<Repair> repairSource(const std::string& source, TSNode root);

/// tree-sitter's tree of `src` (parser.cpp): null on tree-sitter's own failures.
Result<TreeHandle> parseTree(const std::string& path, const std::string& src);

/// A copy of `source` with only [from, to) kept, inside parentheses at `from - 1` and `to`, and
/// everything else blank (newlines kept): the text to parse one masked default alone.
std::string isolateExpression(const std::string& source, uint32_t from, uint32_t to);

}  // namespace gbc::syntax
