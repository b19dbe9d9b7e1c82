// Operator lowering: binary operators (rebuilt with Python's precedences), unary, boolean and
// comparison operators, and `|` unions in annotations.
#include "syntax/lowering.h"

#include <algorithm>
#include <string>
#include <utility>

namespace gbc::syntax {

namespace {

std::optional<BinOpKind> binOpFromToken(std::string_view t) {
  if (t == "+") return BinOpKind::Add;
  if (t == "-") return BinOpKind::Sub;
  if (t == "*") return BinOpKind::Mult;
  if (t == "@") return BinOpKind::MatMult;
  if (t == "/") return BinOpKind::Div;
  if (t == "//") return BinOpKind::FloorDiv;
  if (t == "%") return BinOpKind::Mod;
  if (t == "**") return BinOpKind::Pow;
  if (t == "<<") return BinOpKind::LShift;
  if (t == ">>") return BinOpKind::RShift;
  if (t == "|") return BinOpKind::BitOr;
  if (t == "^") return BinOpKind::BitXor;
  if (t == "&") return BinOpKind::BitAnd;
  return std::nullopt;
}

std::optional<CmpOpKind> cmpOpFromToken(std::string_view t) {
  if (t == "==") return CmpOpKind::Eq;
  if (t == "!=") return CmpOpKind::NotEq;
  if (t == "<") return CmpOpKind::Lt;
  if (t == "<=") return CmpOpKind::LtE;
  if (t == ">") return CmpOpKind::Gt;
  if (t == ">=") return CmpOpKind::GtE;
  if (t == "is") return CmpOpKind::Is;
  if (t == "is not") return CmpOpKind::IsNot;
  if (t == "in") return CmpOpKind::In;
  if (t == "not in") return CmpOpKind::NotIn;
  return std::nullopt;
}

}  // namespace

static int binOpPrecedence(BinOpKind op) {
  switch (op) {
    case BinOpKind::BitOr:
      return 1;
    case BinOpKind::BitXor:
      return 2;
    case BinOpKind::BitAnd:
      return 3;
    case BinOpKind::LShift:
    case BinOpKind::RShift:
      return 4;
    case BinOpKind::Add:
    case BinOpKind::Sub:
      return 5;
    case BinOpKind::Mult:
    case BinOpKind::MatMult:
    case BinOpKind::Div:
    case BinOpKind::FloorDiv:
    case BinOpKind::Mod:
      return 6;
    case BinOpKind::Pow:
      return 8;
  }
  GBC_UNREACHABLE("BinOpKind");
}

ExprPtr Lowerer::binaryOp(TSNode n) {
  // tree-sitter-python 0.23.6 ranks `^` above `&` (grammar.js: xor 16, bitwise_and 15), so
  // `a ^ b & c` comes out as `(a ^ b) & c`. Flatten the operator tree back to its source order
  // (explicit stack: long chains must not recurse) and rebuild it with Python's precedences.
  std::vector<TSNode> operands;
  std::vector<BinOpKind> ops;
  std::vector<std::pair<TSNode, bool>> stack{{n, false}};  // (node, left side done)
  while (!stack.empty()) {
    auto [cur, left_done] = stack.back();
    stack.pop_back();
    if (cst_.kind(cur) != NodeKind::BinaryOperator) {
      operands.push_back(cur);
      continue;
    }
    Children ch = cst_.children(cur);
    if (!left_done) {
      stack.push_back({cur, true});
      stack.push_back({ch.field(Field::Left), false});
      continue;
    }
    auto op = binOpFromToken(ts_node_type(ch.field(Field::Operator)));
    if (!op) return syntaxError(cur, "unknown binary operator");
    ops.push_back(*op);
    stack.push_back({ch.field(Field::Right), false});
  }
  // Shunting-yard over operands[0] ops[0] operands[1] ...; `**` is right-associative.
  struct Operand {
    ExprPtr expr;
    int height;
    Span source;  // of the CST operand: `(a)` keeps its parentheses here, unlike expr->span
  };
  std::vector<Operand> values;
  std::vector<BinOpKind> pending;
  auto reduce = [&]() -> bool {
    Operand right = std::move(values.back());
    values.pop_back();
    Operand left = std::move(values.back());
    values.pop_back();
    if (!left.expr || !right.expr) return false;
    Span span{left.source.line, left.source.col, right.source.end_line, right.source.end_col};
    auto e = std::make_unique<Expr>(ExprKind::BinOp, span);
    e->binop = pending.back();
    pending.pop_back();
    int height = std::max(left.height, right.height) + 1;
    e->left = std::move(left.expr);
    e->right = std::move(right.expr);
    values.push_back({std::move(e), height, span});
    if (height > kMaxOperatorChain) {
      fail(n, ErrorCode::Unsupported,
           "too long a chain of operators (gbc limit " + std::to_string(kMaxOperatorChain) + ")");
      return false;
    }
    return true;
  };
  for (size_t i = 0; i < operands.size(); ++i) {
    if (i > 0) {
      BinOpKind op = ops[i - 1];
      int prec = binOpPrecedence(op);
      while (!pending.empty() &&
             (binOpPrecedence(pending.back()) > prec ||
              (binOpPrecedence(pending.back()) == prec && op != BinOpKind::Pow))) {
        if (!reduce()) return nullptr;
      }
      pending.push_back(op);
    }
    values.push_back({expr(operands[i]), 0, Cst::span(operands[i])});
    if (failed()) return nullptr;
  }
  while (!pending.empty()) {
    if (!reduce()) return nullptr;
  }
  return std::move(values.back().expr);
}

ExprPtr Lowerer::unaryOp(TSNode n) {
  Children ch = cst_.children(n);
  auto e = std::make_unique<Expr>(ExprKind::UnaryOp, Cst::span(n));
  if (cst_.kind(n) == NodeKind::NotOperator) {
    e->unaryop = UnaryOpKind::Not;
  } else {
    std::string_view t = ts_node_type(ch.field(Field::Operator));
    e->unaryop = t == "-" ? UnaryOpKind::USub : t == "+" ? UnaryOpKind::UAdd : UnaryOpKind::Invert;
  }
  e->operand = expr(ch.field(Field::Argument));
  return e;
}

ExprPtr Lowerer::boolOp(TSNode n) {
  // `a and b and c` is one BoolOp in CPython; tree-sitter nests it to the left. Walk the left
  // spine iteratively (long chains must not recurse), stopping at parentheses or the other op.
  Children top = cst_.children(n);
  std::string_view op = ts_node_type(top.field(Field::Operator));
  std::vector<TSNode> rights;
  TSNode cur = n;
  for (;;) {
    Children ch = cst_.children(cur);
    rights.push_back(ch.field(Field::Right));
    TSNode left = ch.field(Field::Left);
    if (cst_.kind(left) == NodeKind::BooleanOperator &&
        op == ts_node_type(cst_.children(left).field(Field::Operator))) {
      cur = left;
      continue;
    }
    rights.push_back(left);
    break;
  }
  auto e = std::make_unique<Expr>(ExprKind::BoolOp, Cst::span(n));
  e->boolop = op == "and" ? BoolOpKind::And : BoolOpKind::Or;
  for (auto it = rights.rbegin(); it != rights.rend(); ++it) e->values.push_back(expr(*it));
  return e;
}

ExprPtr Lowerer::compare(TSNode n) {
  auto e = std::make_unique<Expr>(ExprKind::Compare, Cst::span(n));
  bool first = true;
  for (const CstChild& c : cst_.children(n).items) {
    if (!ts_node_is_named(c.node)) {
      auto op = cmpOpFromToken(ts_node_type(c.node));
      if (!op)
        return syntaxError(
            c.node, std::string("invalid comparison operator '") + ts_node_type(c.node) + "'");
      e->ops.push_back(*op);
      continue;
    }
    if (first)
      e->left = expr(c.node);
    else
      e->comparators.push_back(expr(c.node));
    first = false;
  }
  return e;
}

ExprPtr Lowerer::unionType(TSNode n) {
  // tree-sitter splits `a | b | c` in annotations into union_type and binary_operator nodes nested
  // either way; CPython's BinOps nest to the left. Collect the operands in order (explicit stack),
  // then fold.
  std::vector<TSNode> operands;
  std::vector<TSNode> stack{n};
  while (!stack.empty()) {
    TSNode cur = stack.back();
    stack.pop_back();
    NodeKind k = cst_.kind(cur);
    Children ch = cst_.children(cur);
    std::vector<TSNode> named = ch.named();
    bool is_or = k == NodeKind::BinaryOperator &&
                 std::string_view(ts_node_type(ch.field(Field::Operator))) == "|";
    if ((k == NodeKind::Type && named.size() == 1) || k == NodeKind::UnionType || is_or) {
      for (auto it = named.rbegin(); it != named.rend(); ++it) stack.push_back(*it);
      continue;
    }
    operands.push_back(cur);
  }
  if (operands.empty()) return syntaxError(n, "invalid annotation");
  ExprPtr result = expr(operands[0]);
  for (size_t i = 1; i < operands.size() && !failed(); ++i) {
    auto e = std::make_unique<Expr>(ExprKind::BinOp, Cst::spanBetween(operands[0], operands[i]));
    e->binop = BinOpKind::BitOr;
    e->left = std::move(result);
    e->right = expr(operands[i]);
    result = std::move(e);
  }
  return result;
}

}  // namespace gbc::syntax
