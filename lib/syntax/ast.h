// gbc's typed Python AST: what lib/syntax lowers tree-sitter's CST into. Shaped after CPython's
// `ast` module (names and fields), so the compiler and the traceback caret rules can follow
// CPython. Nothing here knows tree-sitter.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "syntax/source.h"

namespace gbc::syntax {

/// A source range as CPython stores it: 1-based lines, 0-based UTF-8 byte columns, end exclusive.
struct Span {
  uint32_t line = 0;
  uint32_t col = 0;
  uint32_t end_line = 0;
  uint32_t end_col = 0;
};

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using StmtList = std::vector<StmtPtr>;

enum class ExprKind {
  Name,            // id
  Constant,        // constant
  JoinedStr,       // f-string: values = Constant(str) and FormattedValue parts
  FormattedValue,  // value, conversion ('s','r','a' or 0), format_spec (JoinedStr or null)
  Attribute,       // value.attr
  Subscript,       // value[slice]
  Slice,           // lower:upper:step (each may be null)
  Call,            // func(args..., keywords...)
  BinOp,           // left op right
  UnaryOp,         // op operand
  BoolOp,          // values joined by and/or
  Compare,         // left ops[i] comparators[i]
  IfExp,           // body if test else orelse
  Lambda,          // lambda params: body
  Tuple,           // elts
  List,            // elts
  Set,             // elts
  Dict,            // keys[i]: values[i]; a null key means `**values[i]`
  ListComp,        // elt + generators
  SetComp,         // elt + generators
  DictComp,        // key: value + generators
  GeneratorExp,    // elt + generators
  Starred,         // *value
  NamedExpr,       // target := value
  Await,           // await value
  Yield,           // yield value (value may be null)
  YieldFrom,       // yield from value
  TemplateStr,     // t-string (PEP 750): values = Constant(str) and Interpolation parts
  Interpolation,   // value, id (the expression's source text), conversion, format_spec
};

enum class BinOpKind {
  Add,
  Sub,
  Mult,
  MatMult,
  Div,
  FloorDiv,
  Mod,
  Pow,
  LShift,
  RShift,
  BitOr,
  BitXor,
  BitAnd
};
enum class UnaryOpKind { Not, USub, UAdd, Invert };
enum class BoolOpKind { And, Or };
enum class CmpOpKind { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

/// A literal. Integers that do not fit int64 keep their text in `str` with kind BigInt.
struct ConstantValue {
  enum class Kind { None, Bool, Int, BigInt, Float, Complex, Str, Bytes, Ellipsis };
  Kind kind = Kind::None;
  bool b = false;
  int64_t i = 0;
  double f = 0.0;   // Float; Complex: imaginary part
  std::string str;  // Str, Bytes (raw bytes), BigInt (decimal text)
};

struct Keyword {
  std::optional<std::string> arg;  // nullopt for `**value`
  ExprPtr value;
  Span span;
};

struct Comprehension {
  ExprPtr target;
  ExprPtr iter;
  ExprList ifs;
  bool is_async = false;
};

struct Arg {
  std::string name;
  ExprPtr annotation;  // may be null
  Span span;
};

/// Parameters as in CPython's `ast.arguments`.
struct Parameters {
  std::vector<Arg> posonlyargs;
  std::vector<Arg> args;
  std::optional<Arg> vararg;
  std::vector<Arg> kwonlyargs;
  ExprList kw_defaults;  // one per kwonlyarg, null where there is no default
  std::optional<Arg> kwarg;
  ExprList defaults;  // for the last len(defaults) of posonlyargs + args
};

struct Expr {
  ExprKind kind;
  Span span;

  // Name / Attribute(attr) / NamedExpr target name / Interpolation's expression text
  std::string id;
  // Constant
  ConstantValue constant;
  // Attribute, Subscript, Starred, FormattedValue, Interpolation, Await, Yield, YieldFrom,
  // NamedExpr(value)
  ExprPtr value;
  // Subscript
  ExprPtr slice;
  // Slice
  ExprPtr lower, upper, step;
  // Call
  ExprPtr func;
  ExprList args;
  std::vector<Keyword> keywords;
  // BinOp / UnaryOp / BoolOp / Compare
  BinOpKind binop = BinOpKind::Add;
  UnaryOpKind unaryop = UnaryOpKind::Not;
  BoolOpKind boolop = BoolOpKind::And;
  ExprPtr left, right, operand;
  std::vector<CmpOpKind> ops;
  ExprList comparators;
  ExprList values;  // BoolOp operands, JoinedStr / TemplateStr parts, Dict values
  // IfExp
  ExprPtr test, body, orelse;
  // Lambda
  std::unique_ptr<Parameters> params;
  // Tuple, List, Set
  ExprList elts;
  // Dict
  ExprList keys;  // null entry = `**values[i]`
  // comprehensions
  ExprPtr elt;  // ListComp/SetComp/GeneratorExp element; DictComp uses key (left) / value (right)
  std::vector<Comprehension> generators;
  // FormattedValue, Interpolation
  int conversion = 0;  // 0, 's', 'r', 'a' (CPython's -1 for none is 0 here)
  ExprPtr format_spec;
  // NamedExpr
  ExprPtr target;

  explicit Expr(ExprKind k, Span s = {}) : kind(k), span(s) {}
};

enum class StmtKind {
  Expr,       // value
  Assign,     // targets (a = b = value), value
  AugAssign,  // target op= value
  AnnAssign,  // target: annotation [= value]
  Return,     // value (may be null)
  If,         // test, body, orelse (elif is a nested If in orelse)
  While,      // test, body, orelse
  For,        // target in iter: body, orelse
  Break,
  Continue,
  Pass,
  FunctionDef,  // decorators, name, params, body, returns, is_async
  ClassDef,     // decorators, name, bases, keywords, body
  With,         // items, body, is_async
  Try,          // body, handlers, orelse, finalbody (is_star for except*)
  Raise,        // exc, cause
  Import,       // names
  ImportFrom,   // module, level, names
  Global,       // identifiers
  Nonlocal,     // identifiers
  Assert,       // test, msg
  Delete,       // targets
  Match,        // value (the subject), cases
  TypeAlias,    // target (a Name), type_params, value (PEP 695 `type X[T] = ...`)
};

/// A PEP 695 type parameter (CPython's ast.TypeVar / ParamSpec / TypeVarTuple).
struct TypeParam {
  enum class Kind { TypeVar, ParamSpec, TypeVarTuple };
  Kind kind = Kind::TypeVar;
  std::string name;
  ExprPtr bound;          // TypeVar: `T: int` or `T: (int, str)` (a Tuple: constraints)
  ExprPtr default_value;  // PEP 696 `= default`, may be null
  Span span;
};

struct Pattern;
using PatternPtr = std::unique_ptr<Pattern>;

/// A match-statement pattern (PEP 634), as CPython's ast.pattern nodes.
enum class PatternKind {
  MatchValue,      // value (a literal, a signed number, a complex sum or a dotted name)
  MatchSingleton,  // singleton (None, True, False)
  MatchSequence,   // patterns (at most one MatchStar)
  MatchMapping,    // keys, patterns, rest (`**rest`, may be absent)
  MatchClass,      // cls, patterns (positional), kwd_attrs, kwd_patterns
  MatchStar,       // name (absent for `*_`)
  MatchAs,         // pattern (may be null), name (absent for `_`)
  MatchOr,         // patterns
};

struct Pattern {
  PatternKind kind;
  Span span;
  ExprPtr value;            // MatchValue
  ConstantValue singleton;  // MatchSingleton
  std::vector<PatternPtr> patterns;
  ExprList keys;                    // MatchMapping
  std::optional<std::string> rest;  // MatchMapping `**rest`
  ExprPtr cls;                      // MatchClass
  std::vector<std::string> kwd_attrs;
  std::vector<PatternPtr> kwd_patterns;
  PatternPtr pattern;               // MatchAs
  std::optional<std::string> name;  // MatchAs, MatchStar
  explicit Pattern(PatternKind k, Span s = {}) : kind(k), span(s) {}
};

struct MatchCase {
  PatternPtr pattern;
  ExprPtr guard;  // may be null
  StmtList body;
};

struct WithItem {
  ExprPtr context_expr;
  ExprPtr optional_vars;  // may be null
};

struct ExceptHandler {
  ExprPtr type;  // may be null (bare except)
  std::optional<std::string> name;
  StmtList body;
  Span span;
};

struct Alias {
  std::string name;  // dotted for Import ("torch._dynamo"), plain or "*" for ImportFrom
  std::optional<std::string> asname;
  Span span;
};

struct Stmt {
  StmtKind kind;
  Span span;

  ExprPtr value;                  // Expr, Assign, AugAssign, AnnAssign, Return
  ExprList targets;               // Assign, Delete
  ExprPtr target;                 // AugAssign, AnnAssign, For
  BinOpKind op = BinOpKind::Add;  // AugAssign
  ExprPtr annotation;             // AnnAssign
  ExprPtr test;                   // If, While, Assert
  ExprPtr iter;                   // For
  StmtList body, orelse, finalbody;
  // FunctionDef / ClassDef
  ExprList decorators;
  std::string name;
  std::unique_ptr<Parameters> params;
  ExprPtr returns;
  ExprList bases;
  std::vector<Keyword> keywords;
  bool is_async = false;
  // With
  std::vector<WithItem> items;
  // Try
  std::vector<ExceptHandler> handlers;
  bool is_star = false;
  // Raise
  ExprPtr exc, cause;
  // Assert
  ExprPtr msg;
  // Import / ImportFrom
  std::vector<Alias> names;
  std::string module;  // ImportFrom ("" for `from . import x`)
  int level = 0;       // ImportFrom: number of leading dots
  // Global / Nonlocal
  std::vector<std::string> identifiers;
  // FunctionDef / ClassDef / TypeAlias: PEP 695 type parameters
  std::vector<TypeParam> type_params;
  // AnnAssign: the target is a plain name, not parenthesised (CPython's `simple`)
  bool simple = false;
  // Match (the subject is `value`)
  std::vector<MatchCase> cases;

  explicit Stmt(StmtKind k, Span s = {}) : kind(k), span(s) {}
};

/// A parsed file: the module body plus the source it came from (line access for tracebacks).
struct Module {
  std::string path;  // as given to the parser
  StmtList body;
  std::shared_ptr<const SourceText> source;  // the text parsed (BOM removed), for traceback lines
};

}  // namespace gbc::syntax
