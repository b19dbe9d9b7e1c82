// Lowerer: turns tree-sitter-python's CST (already checked free of ERROR/MISSING nodes) into the
// typed AST of ast.h, with CPython's spans. Split over lower_expr.cpp, lower_operators.cpp,
// lower_literals.cpp, lower_stmt.cpp and lower_defs.cpp. Private to lib/syntax.
//
// Errors are sticky: the first one is kept, lowering functions then return null and callers
// unwind; the partial AST is discarded. Recursion is bounded: expressions nest at most
// kMaxExprDepth deep (CPython's own limit on nested parentheses is 200), blocks kMaxBlockDepth.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "syntax/ast.h"
#include "syntax/cst.h"
#include "syntax/repair.h"

namespace gbc::syntax {

inline constexpr int kMaxExprDepth = 200;
/// A chain of binary operators (`1 + 1 + ... + 1`) is lowered without recursion and may be far
/// deeper than brackets nest: CPython compiles chains of thousands of terms. The AST's consumers
/// recurse over it, on the program's 256 MiB thread (interp::Options::stack_bytes).
inline constexpr int kMaxOperatorChain = 5000;
inline constexpr int kMaxBlockDepth = 100;

struct StrPiece;  // lower_literals.cpp: one literal chunk or replacement field of an f-string

class Lowerer {
 public:
  Lowerer(std::string_view path, std::string_view source, TSNode root)
      : path_(path), cst_(source, root), root_(root) {}

  Result<StmtList> lowerModule();
  /// The tree is of a repaired copy of `original` (repair.h): `edits` says what was masked.
  void setRepair(const RepairEdits* edits, const std::string* original) {
    edits_ = edits;
    original_ = original;
  }

  // --- errors (first one wins) ---
  std::nullptr_t fail(TSNode at, ErrorCode code, const std::string& what);
  std::nullptr_t syntaxError(TSNode at, const std::string& what) {
    return fail(at, ErrorCode::Syntax, "syntax error: " + what);
  }
  bool failed() const { return error_.has_value(); }

  // --- expressions (lower_expr.cpp) ---
  ExprPtr expr(TSNode n);
  /// An optional child: null node -> null expression, no error.
  ExprPtr optExpr(TSNode n) { return ts_node_is_null(n) ? nullptr : expr(n); }
  /// A Tuple of `elements` with `span` (for expression_list, pattern_list, subscript tuples).
  ExprPtr tupleOf(const std::vector<TSNode>& elements, Span span);
  /// Positional and keyword arguments of a call or class bases, with CPython's order checks.
  void callArguments(TSNode argument_list, ExprList& args, std::vector<Keyword>& keywords);

  // --- literals (lower_literals.cpp) ---
  ExprPtr number(TSNode n);
  ExprPtr strings(TSNode n);

  // --- statements (lower_stmt.cpp) ---
  /// Lowers the statements of a block node owned by the statement or clause `owner` (the module:
  /// a null owner), appending to `out`. Checks indentation, which tree-sitter does not enforce.
  void block(TSNode n, TSNode owner, StmtList& out);
  void statement(TSNode n, StmtList& out);

  // --- definitions (lower_defs.cpp) ---
  StmtPtr functionDef(TSNode n, ExprList decorators);
  StmtPtr classDef(TSNode n, ExprList decorators);
  StmtPtr decorated(TSNode n);
  std::unique_ptr<Parameters> parameters(TSNode n);  // n may be null (lambda without params)
  /// The PEP 695 parameters of a type_parameter node (null: none), appended to `out`.
  bool typeParams(TSNode n, std::vector<TypeParam>& out);

  /// The text of an identifier node; a hard keyword there (`return return`) is a syntax error.
  std::string identifier(TSNode n);

  Cst& cst() { return cst_; }

 private:
  friend class ExprDepth;
  // expression helpers (lower_expr.cpp)
  ExprPtr name(TSNode n);
  ExprPtr primary(TSNode n);
  ExprPtr attribute(TSNode n);
  ExprPtr subscript(TSNode n);
  ExprPtr slice(TSNode n);
  ExprPtr call(TSNode n);
  ExprPtr binaryOp(TSNode n);
  ExprPtr unaryOp(TSNode n);
  ExprPtr boolOp(TSNode n);
  ExprPtr compare(TSNode n);
  ExprPtr conditional(TSNode n);
  ExprPtr lambda(TSNode n);
  ExprPtr sequence(TSNode n, ExprKind kind);
  ExprPtr dict(TSNode n);
  ExprPtr comprehension(TSNode n, ExprKind kind);
  ExprPtr starred(TSNode n);
  ExprPtr parenthesized(TSNode n);
  ExprPtr yield(TSNode n);
  ExprPtr typeExpr(TSNode n);
  ExprPtr genericType(TSNode n);
  ExprPtr unionType(TSNode n);
  ExprPtr constant(TSNode n, ConstantValue value);
  // literal helpers (lower_literals.cpp)
  /// An f-string (or t-string) replacement field `{...}`: its debug text (for `=`) and its
  /// FormattedValue (Interpolation).
  void interpolation(TSNode n, bool raw, bool tstring, std::vector<StrPiece>& out);
  ExprPtr formatSpec(TSNode n, bool raw);
  /// Source bytes [from, to) without the comment nodes found under `within`.
  std::string textWithoutComments(uint32_t from, uint32_t to, TSNode within);
  /// Decodes literal text (escapes, newlines, `{{`), reporting bad escapes at `at`.
  bool decodeLiteral(TSNode at, std::string_view raw_text, bool raw, bool bytes, bool fstring,
                     std::string& out);
  /// Adds the literal text between byte offsets [from, to) of an f-string as a piece.
  void literalGap(TSNode at, TSPoint from_point, uint32_t from, TSPoint to_point, uint32_t to,
                  bool raw, std::vector<StrPiece>& out);
  // match statements (lower_match.cpp)
  StmtPtr matchStatement(TSNode n);
  PatternPtr pattern(TSNode n);
  /// The pattern starting at items[i] (a `_` or `-` token, or a node); advances i past it.
  PatternPtr patternAt(const std::vector<CstChild>& items, size_t& i);
  /// A literal of a pattern (number, string, complex sum), negated when `minus` is a token.
  ExprPtr literalPattern(TSNode n, TSNode minus);
  /// `a.b.c` of a value pattern or class name: Name and Attribute nodes.
  ExprPtr dottedValue(TSNode n);
  PatternPtr classPattern(TSNode n);
  PatternPtr mappingPattern(TSNode n);
  // statement helpers (lower_stmt.cpp)
  StmtPtr expressionStatement(TSNode n);
  StmtPtr printChevron(TSNode n);
  /// `(a)` as a target: tree-sitter's one-element tuple_pattern without a comma is just `a`.
  TSNode unwrapParenthesizedTarget(TSNode n);
  StmtPtr assignment(TSNode n);
  StmtPtr typeAliasStatement(TSNode n);
  /// A real PEP 695 alias (typeAliasStatement also sees `type(x).a = v`, which is not one).
  StmtPtr typeAlias(TSNode n, TSNode left, TSNode right);
  StmtPtr augmentedAssignment(TSNode n);
  StmtPtr ifStatement(TSNode n);
  StmtPtr forStatement(TSNode n);
  StmtPtr whileStatement(TSNode n);
  StmtPtr tryStatement(TSNode n);
  StmtPtr withStatement(TSNode n);
  StmtPtr importStatement(TSNode n);
  StmtPtr importFrom(TSNode n, bool future);
  StmtPtr simpleStatement(TSNode n, StmtKind kind);
  bool exceptHandler(TSNode n, ExceptHandler& out, bool& is_star);
  std::optional<Alias> alias(TSNode n);
  std::string dottedName(TSNode n);
  /// Lowers the statements of the block in `n`'s `field` (or its first block child).
  StmtList blockOf(TSNode n);
  /// Column of the first non-blank character on the line holding byte `offset`, and whether the
  /// character at `offset` is it.
  uint32_t lineIndent(uint32_t offset, bool& starts_line) const;
  /// An `elif`/`else`/`except`/`finally` clause on its own line must line up with its statement.
  void checkClauseIndent(TSNode statement, TSNode clause);

  std::string path_;
  Cst cst_;
  TSNode root_;
  std::optional<Error> error_;
  int expr_depth_ = 0;
  int block_depth_ = 0;
  TSNode hoisted_splat_{};  // a `*` that primary() moved outward, lowered as its operand
  const RepairEdits* edits_ = nullptr;  // see setRepair
  const std::string* original_ = nullptr;
  /// A type parameter's default masked by a repair, parsed from the original text alone.
  ExprPtr maskedDefault(uint32_t equals, uint32_t end, TSNode at);
  /// `except A, B, C:` read back from its repaired `A | B | C`: the operand nodes.
  bool repairedExceptTypes(TSNode type, std::vector<TSNode>& out);
};

/// An identifier as CPython names it (NFKC; gbc folds the fullwidth forms only).
std::string normalizeIdentifier(std::string_view text);

/// Counts expression nesting for the duration of one expr() call.
class ExprDepth {
 public:
  ExprDepth(Lowerer& lowerer, TSNode at);
  ~ExprDepth() { --lowerer_.expr_depth_; }
  ExprDepth(const ExprDepth&) = delete;
  ExprDepth& operator=(const ExprDepth&) = delete;
  bool ok() const { return ok_; }

 private:
  Lowerer& lowerer_;
  bool ok_;
};

}  // namespace gbc::syntax
