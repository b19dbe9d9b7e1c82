// Statement lowering: simple statements, assignments, control flow, imports. Compound statements
// span from their keyword to the end of their last nested statement, as in CPython.
#include "syntax/lowering.h"

#include <string>
#include <utility>

namespace gbc::syntax {

namespace {

std::optional<BinOpKind> augOpFromToken(std::string_view t) {
  static constexpr std::pair<std::string_view, BinOpKind> kOps[] = {
      {"+=", BinOpKind::Add},     {"-=", BinOpKind::Sub},   {"*=", BinOpKind::Mult},
      {"@=", BinOpKind::MatMult}, {"/=", BinOpKind::Div},   {"//=", BinOpKind::FloorDiv},
      {"%=", BinOpKind::Mod},     {"**=", BinOpKind::Pow},  {"<<=", BinOpKind::LShift},
      {">>=", BinOpKind::RShift}, {"|=", BinOpKind::BitOr}, {"^=", BinOpKind::BitXor},
      {"&=", BinOpKind::BitAnd}};
  for (const auto& [text, op] : kOps) {
    if (text == t) return op;
  }
  return std::nullopt;
}

}  // namespace

std::nullptr_t Lowerer::fail(TSNode at, ErrorCode code, const std::string& what) {
  if (error_) return nullptr;
  TSPoint p = ts_node_start_point(at);
  error_ = Error{code, path_ + ":" + std::to_string(p.row + 1) + ":" +
                           std::to_string(p.column + 1) + ": " + what};
  return nullptr;
}

Result<StmtList> Lowerer::lowerModule() {
  StmtList body;
  block(root_, TSNode{}, body);
  if (error_) return *error_;
  return body;
}

uint32_t Lowerer::lineIndent(uint32_t offset, bool& starts_line) const {
  std::string_view src = cst_.source();
  size_t line_start = src.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string_view::npos || offset == 0) ? 0 : line_start + 1;
  size_t first = src.find_first_not_of(" \t\f", line_start);
  if (first == std::string_view::npos) first = src.size();
  starts_line = first == offset;
  return static_cast<uint32_t>(first - line_start);
}

void Lowerer::checkClauseIndent(TSNode statement, TSNode clause) {
  bool stmt_starts = false, clause_starts = false;
  uint32_t want = lineIndent(ts_node_start_byte(statement), stmt_starts);
  uint32_t got = lineIndent(ts_node_start_byte(clause), clause_starts);
  if (stmt_starts && clause_starts && got != want)
    syntaxError(clause, got > want ? "unexpected indent"
                                   : "unindent does not match any outer indentation level");
}

void Lowerer::block(TSNode n, TSNode owner, StmtList& out) {
  if (++block_depth_ > kMaxBlockDepth) {
    fail(n, ErrorCode::Syntax,
         "too many levels of indentation (gbc limit " + std::to_string(kMaxBlockDepth) + ")");
    --block_depth_;
    return;
  }
  // tree-sitter-python accepts misindented code (`x = 1\n  y = 2`, `if x:\npass`); CPython's
  // tokenizer does not. Statements that start their line must share the block's column, deeper
  // than the owner's line.
  const bool module = ts_node_is_null(owner);
  bool owner_starts = false;
  const uint32_t owner_indent = module ? 0 : lineIndent(ts_node_start_byte(owner), owner_starts);
  std::optional<uint32_t> indent;
  if (module) indent = 0;
  std::vector<TSNode> statements = cst_.children(n).named();
  if (statements.empty() && !module) {
    NodeKind k = cst_.kind(owner);
    std::string what =
        k == NodeKind::FunctionDefinition ? "function definition"
        : k == NodeKind::ClassDefinition
            ? "class definition"
            : "'" + std::string(ts_node_type(ts_node_child(owner, 0))) + "' statement";
    syntaxError(owner, "expected an indented block after " + what + " on line " +
                           std::to_string(ts_node_start_point(owner).row + 1));
  }
  for (TSNode child : statements) {
    if (failed()) break;
    bool starts_line = false;
    uint32_t col = lineIndent(ts_node_start_byte(child), starts_line);
    if (starts_line) {
      if (!indent) {
        if (col <= owner_indent) {
          syntaxError(child, "expected an indented block after line " +
                                 std::to_string(ts_node_start_point(owner).row + 1));
          break;
        }
        indent = col;
      } else if (col != *indent) {
        syntaxError(child, col > *indent ? "unexpected indent"
                                         : "unindent does not match any outer indentation level");
        break;
      }
    }
    statement(child, out);
  }
  --block_depth_;
}

StmtList Lowerer::blockOf(TSNode n) {
  StmtList out;
  Children ch = cst_.children(n);
  TSNode body = ch.field(Field::Body);
  if (ts_node_is_null(body)) body = ch.field(Field::Consequence);
  if (ts_node_is_null(body)) {
    for (TSNode c : ch.named()) {
      if (cst_.kind(c) == NodeKind::Block) body = c;
    }
  }
  if (ts_node_is_null(body)) {
    syntaxError(n, "expected an indented block");
    return out;
  }
  block(body, n, out);
  return out;
}

void Lowerer::statement(TSNode n, StmtList& out) {
  StmtPtr s;
  switch (cst_.kind(n)) {
    case NodeKind::ExpressionStatement:
      s = expressionStatement(n);
      break;
    case NodeKind::ReturnStatement:
      s = simpleStatement(n, StmtKind::Return);
      break;
    case NodeKind::PassStatement:
      s = simpleStatement(n, StmtKind::Pass);
      break;
    case NodeKind::BreakStatement:
      s = simpleStatement(n, StmtKind::Break);
      break;
    case NodeKind::ContinueStatement:
      s = simpleStatement(n, StmtKind::Continue);
      break;
    case NodeKind::DeleteStatement:
      s = simpleStatement(n, StmtKind::Delete);
      break;
    case NodeKind::RaiseStatement:
      s = simpleStatement(n, StmtKind::Raise);
      break;
    case NodeKind::AssertStatement:
      s = simpleStatement(n, StmtKind::Assert);
      break;
    case NodeKind::GlobalStatement:
      s = simpleStatement(n, StmtKind::Global);
      break;
    case NodeKind::NonlocalStatement:
      s = simpleStatement(n, StmtKind::Nonlocal);
      break;
    case NodeKind::ImportStatement:
      s = importStatement(n);
      break;
    case NodeKind::ImportFromStatement:
      s = importFrom(n, false);
      break;
    case NodeKind::FutureImportStatement:
      s = importFrom(n, true);
      break;
    case NodeKind::IfStatement:
      s = ifStatement(n);
      break;
    case NodeKind::ForStatement:
      s = forStatement(n);
      break;
    case NodeKind::WhileStatement:
      s = whileStatement(n);
      break;
    case NodeKind::TryStatement:
      s = tryStatement(n);
      break;
    case NodeKind::WithStatement:
      s = withStatement(n);
      break;
    case NodeKind::FunctionDefinition:
      s = functionDef(n, {});
      break;
    case NodeKind::ClassDefinition:
      s = classDef(n, {});
      break;
    case NodeKind::DecoratedDefinition:
      s = decorated(n);
      break;
    case NodeKind::MatchStatement:
      s = matchStatement(n);
      break;
    case NodeKind::PrintStatement:
      s = printChevron(n);
      break;
    case NodeKind::ExecStatement:
      syntaxError(n, "Missing parentheses in call to 'exec'. Did you mean exec(...)?");
      return;
    case NodeKind::TypeAliasStatement:
      s = typeAliasStatement(n);
      break;
    default:
      syntaxError(n, std::string("unexpected ") + ts_node_type(n));
      return;
  }
  if (s) out.push_back(std::move(s));
}

StmtPtr Lowerer::expressionStatement(TSNode n) {
  Children ch = cst_.children(n);
  std::vector<TSNode> named = ch.named();
  if (named.empty()) return syntaxError(n, "invalid syntax");
  const bool tuple = named.size() > 1 || ch.hasToken(",");
  if (!tuple) {
    NodeKind k = cst_.kind(named[0]);
    if (k == NodeKind::NamedExpression) return syntaxError(named[0], "invalid syntax");
    if (k == NodeKind::Assignment) return assignment(named[0]);
    if (k == NodeKind::AugmentedAssignment) return augmentedAssignment(named[0]);
  }
  Span span = cst_.statementSpan(n);
  auto s = std::make_unique<Stmt>(StmtKind::Expr, span);
  // `1, 2` at statement level: tree-sitter lists the elements directly, CPython makes a Tuple.
  s->value = tuple ? tupleOf(named, span) : expr(named[0]);
  return s;
}

TSNode Lowerer::unwrapParenthesizedTarget(TSNode n) {
  while (cst_.kind(n) == NodeKind::TuplePattern) {
    Children ch = cst_.children(n);
    std::vector<TSNode> named = ch.named();
    if (named.size() != 1 || ch.hasToken(",")) break;
    n = named[0];
  }
  return n;
}

StmtPtr Lowerer::printChevron(TSNode n) {
  // `print >> f, x` is valid Python 3 (a tuple whose first item shifts the print function);
  // tree-sitter reads it as a Python 2 print statement. Anything else really is Python 2.
  Children ch = cst_.children(n);
  std::vector<TSNode> named = ch.named();
  if (named.empty() || cst_.kind(named[0]) != NodeKind::Chevron)
    return syntaxError(n, "Missing parentheses in call to 'print'. Did you mean print(...)?");
  std::vector<TSNode> chevron = cst_.children(named[0]).named();
  if (chevron.size() != 1) return syntaxError(named[0], "invalid syntax");
  TSNode print_kw = ch.items.front().node;
  auto shift = std::make_unique<Expr>(ExprKind::BinOp, Cst::spanBetween(print_kw, named[0]));
  shift->binop = BinOpKind::RShift;
  shift->left = std::make_unique<Expr>(ExprKind::Name, Cst::span(print_kw));
  shift->left->id = "print";
  shift->right = expr(chevron[0]);
  Span span = cst_.statementSpan(n);
  auto s = std::make_unique<Stmt>(StmtKind::Expr, span);
  if (named.size() == 1 && !ch.hasToken(",")) {
    s->value = std::move(shift);
    return s;
  }
  s->value = std::make_unique<Expr>(ExprKind::Tuple, span);
  s->value->elts.push_back(std::move(shift));
  for (size_t i = 1; i < named.size(); ++i) s->value->elts.push_back(expr(named[i]));
  return s;
}

StmtPtr Lowerer::assignment(TSNode n) {
  Children ch = cst_.children(n);
  TSNode annotation = ch.field(Field::Type);
  TSNode right = ch.field(Field::Right);
  if (!ts_node_is_null(annotation)) {
    auto s = std::make_unique<Stmt>(StmtKind::AnnAssign, Cst::span(n));
    s->simple = cst_.kind(ch.field(Field::Left)) == NodeKind::Identifier;
    TSNode left = unwrapParenthesizedTarget(ch.field(Field::Left));
    NodeKind lk = cst_.kind(left);
    if (lk != NodeKind::Identifier && lk != NodeKind::Attribute && lk != NodeKind::Subscript)
      return syntaxError(left, "only single target (not tuple) can be annotated");
    if (!ts_node_is_null(right) && (cst_.kind(right) == NodeKind::Assignment ||
                                    cst_.kind(right) == NodeKind::AugmentedAssignment))
      return syntaxError(right, "invalid syntax");
    s->target = expr(left);
    s->annotation = expr(annotation);
    s->value = optExpr(right);
    return s;
  }
  // `a = b = 1` nests to the right in tree-sitter; CPython has one Assign with two targets.
  auto s = std::make_unique<Stmt>(StmtKind::Assign, Cst::span(n));
  TSNode cur = n;
  for (;;) {
    Children cc = cst_.children(cur);
    if (!ts_node_is_null(cc.field(Field::Type)))
      return syntaxError(cc.field(Field::Type), "invalid syntax");
    s->targets.push_back(expr(cc.field(Field::Left)));
    TSNode value = cc.field(Field::Right);
    if (ts_node_is_null(value)) return syntaxError(cur, "invalid syntax");
    NodeKind vk = cst_.kind(value);
    if (vk == NodeKind::AugmentedAssignment || vk == NodeKind::NamedExpression)
      return syntaxError(value, "invalid syntax");
    if (vk != NodeKind::Assignment) {
      s->value = expr(value);
      break;
    }
    cur = value;
    if (failed()) return nullptr;
  }
  return s;
}

StmtPtr Lowerer::typeAliasStatement(TSNode n) {
  // tree-sitter-python reads `type(x).attr = v` and `type(x)[k] = v` as a type alias whose name
  // is `(x).attr`; CPython reads an assignment to an attribute (item) of the call `type(x)`.
  Children ch = cst_.children(n);
  TSNode left = ch.field(Field::Left);
  TSNode right = ch.field(Field::Right);
  if (cst_.kind(left) == NodeKind::Type && ts_node_named_child_count(left) == 1)
    left = ts_node_named_child(left, 0);
  if (cst_.kind(right) == NodeKind::Type && ts_node_named_child_count(right) == 1)
    right = ts_node_named_child(right, 0);
  // The leftmost primary of the name: the parenthesised arguments of `type(...)`.
  TSNode head = left;
  for (;;) {
    NodeKind k = cst_.kind(head);
    Field f = k == NodeKind::Attribute   ? Field::Object
              : k == NodeKind::Subscript ? Field::Value
              : k == NodeKind::Call      ? Field::Function
                                         : Field::kCount;
    if (f == Field::kCount) break;
    head = cst_.children(head).field(f);
  }
  NodeKind head_kind = cst_.kind(head);
  if (ts_node_is_null(right)) return syntaxError(n, "invalid syntax");
  if (head_kind != NodeKind::ParenthesizedExpression && head_kind != NodeKind::Tuple)
    return typeAlias(n, left, right);
  if (ts_node_eq(head, left))
    return syntaxError(n,
                       "cannot assign to function call here. Maybe you meant '==' instead of '='?");

  ExprPtr target = expr(left);
  if (failed()) return nullptr;
  ExprPtr* slot = &target;
  while ((*slot)->kind == ExprKind::Attribute || (*slot)->kind == ExprKind::Subscript ||
         (*slot)->kind == ExprKind::Call)
    slot = (*slot)->kind == ExprKind::Call ? &(*slot)->func : &(*slot)->value;
  // `type(a, b)` is a tuple node; `type((a, b))` a parenthesised tuple: one argument.
  Span head_span = Cst::span(head);
  auto call = std::make_unique<Expr>(ExprKind::Call, Span{Cst::span(n).line, Cst::span(n).col,
                                                          head_span.end_line, head_span.end_col});
  auto name_span = Cst::span(ch.items.front().node);
  call->func = std::make_unique<Expr>(ExprKind::Name, name_span);
  call->func->id = "type";
  if (head_kind == NodeKind::Tuple && (*slot)->kind == ExprKind::Tuple)
    call->args = std::move((*slot)->elts);
  else
    call->args.push_back(std::move(*slot));
  *slot = std::move(call);
  // The call now starts at `type`: so do the expressions around it.
  for (Expr* e = target.get();
       e->kind != ExprKind::Call || e->func->kind != ExprKind::Name || e->func->id != "type";
       e = e->kind == ExprKind::Call ? e->func.get() : e->value.get()) {
    e->span.line = name_span.line;
    e->span.col = name_span.col;
  }

  auto stmt = std::make_unique<Stmt>(StmtKind::Assign, cst_.statementSpan(n));
  stmt->targets.push_back(std::move(target));
  stmt->value = expr(right);
  if (failed()) return nullptr;
  return stmt;
}

StmtPtr Lowerer::typeAlias(TSNode n, TSNode left, TSNode right) {
  // `type X = v` / `type X[T, *Ts] = v`: the name is an identifier or a generic_type.
  auto s = std::make_unique<Stmt>(StmtKind::TypeAlias, cst_.statementSpan(n));
  TSNode name = left;
  if (cst_.kind(left) == NodeKind::GenericType) {
    std::vector<TSNode> parts = cst_.children(left).named();
    if (parts.size() != 2 || cst_.kind(parts[1]) != NodeKind::TypeParameter)
      return syntaxError(left, "invalid syntax");
    name = parts[0];
    if (!typeParams(parts[1], s->type_params)) return nullptr;
  }
  if (cst_.kind(name) != NodeKind::Identifier) return syntaxError(name, "invalid syntax");
  s->target = std::make_unique<Expr>(ExprKind::Name, Cst::span(name));
  s->target->id = identifier(name);
  s->value = expr(right);
  if (failed()) return nullptr;
  return s;
}

StmtPtr Lowerer::augmentedAssignment(TSNode n) {
  Children ch = cst_.children(n);
  auto op = augOpFromToken(ts_node_type(ch.field(Field::Operator)));
  TSNode left = unwrapParenthesizedTarget(ch.field(Field::Left));
  NodeKind lk = cst_.kind(left);
  if (!op) return syntaxError(n, "invalid augmented assignment operator");
  if (lk != NodeKind::Identifier && lk != NodeKind::Attribute && lk != NodeKind::Subscript)
    return syntaxError(left, "illegal expression for augmented assignment");
  TSNode right = ch.field(Field::Right);
  NodeKind rk = cst_.kind(right);
  if (rk == NodeKind::Assignment || rk == NodeKind::AugmentedAssignment)
    return syntaxError(right, "invalid syntax");
  auto s = std::make_unique<Stmt>(StmtKind::AugAssign, Cst::span(n));
  s->op = *op;
  s->target = expr(left);
  s->value = expr(right);
  return s;
}

StmtPtr Lowerer::simpleStatement(TSNode n, StmtKind kind) {
  Children ch = cst_.children(n);
  std::vector<TSNode> named = ch.named();
  auto s = std::make_unique<Stmt>(kind, cst_.statementSpan(n));
  switch (kind) {
    case StmtKind::Return:
      if (!named.empty()) s->value = expr(named[0]);
      break;
    case StmtKind::Delete:
      if (named.size() == 1 && cst_.kind(named[0]) == NodeKind::ExpressionList) {
        // `del a, b` has two targets; `del (a, b)` one Tuple.
        for (TSNode t : cst_.children(named[0]).named()) s->targets.push_back(expr(t));
      } else {
        for (TSNode t : named) s->targets.push_back(expr(t));
      }
      break;
    case StmtKind::Raise: {
      TSNode cause = ch.field(Field::Cause);
      for (TSNode c : named) {
        if (ts_node_eq(c, cause)) continue;
        if (s->exc || cst_.kind(c) == NodeKind::ExpressionList)
          return syntaxError(c, "invalid syntax");
        s->exc = expr(c);
      }
      s->cause = optExpr(cause);
      break;
    }
    case StmtKind::Assert:
      if (named.empty() || named.size() > 2) return syntaxError(n, "invalid syntax");
      s->test = expr(named[0]);
      if (named.size() == 2) s->msg = expr(named[1]);
      break;
    case StmtKind::Global:
    case StmtKind::Nonlocal:
      for (TSNode id : named) s->identifiers.push_back(identifier(id));
      break;
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue:
      break;
    default:
      GBC_UNREACHABLE("simpleStatement called with a compound statement kind");
  }
  return s;
}

StmtPtr Lowerer::ifStatement(TSNode n) {
  // elif chains become nested Ifs in orelse, each spanning from its `elif` to the chain's end.
  Children ch = cst_.children(n);
  const Span span = cst_.statementSpan(n);
  std::vector<TSNode> alternatives;
  for (const CstChild& c : ch.items) {
    NodeKind k = cst_.kind(c.node);
    if (k == NodeKind::ElifClause || k == NodeKind::ElseClause) alternatives.push_back(c.node);
  }
  StmtList orelse;
  for (TSNode alternative : alternatives) checkClauseIndent(n, alternative);
  for (auto it = alternatives.rbegin(); it != alternatives.rend(); ++it) {
    if (cst_.kind(*it) == NodeKind::ElseClause) {
      orelse = blockOf(*it);
      continue;
    }
    Span elif_span = Cst::span(*it);
    elif_span.end_line = span.end_line;
    elif_span.end_col = span.end_col;
    auto elif = std::make_unique<Stmt>(StmtKind::If, elif_span);
    elif->test = expr(cst_.children(*it).field(Field::Condition));
    elif->body = blockOf(*it);
    elif->orelse = std::move(orelse);
    orelse.clear();
    orelse.push_back(std::move(elif));
    if (failed()) return nullptr;
  }
  auto s = std::make_unique<Stmt>(StmtKind::If, span);
  s->test = expr(ch.field(Field::Condition));
  s->body = blockOf(n);
  s->orelse = std::move(orelse);
  return s;
}

StmtPtr Lowerer::forStatement(TSNode n) {
  Children ch = cst_.children(n);
  auto s = std::make_unique<Stmt>(StmtKind::For, cst_.statementSpan(n));
  s->is_async = ch.hasToken("async");
  s->target = expr(ch.field(Field::Left));
  s->iter = expr(ch.field(Field::Right));
  s->body = blockOf(n);
  TSNode alternative = ch.field(Field::Alternative);
  if (!ts_node_is_null(alternative)) {
    checkClauseIndent(n, alternative);
    s->orelse = blockOf(alternative);
  }
  return s;
}

StmtPtr Lowerer::whileStatement(TSNode n) {
  Children ch = cst_.children(n);
  auto s = std::make_unique<Stmt>(StmtKind::While, cst_.statementSpan(n));
  s->test = expr(ch.field(Field::Condition));
  s->body = blockOf(n);
  TSNode alternative = ch.field(Field::Alternative);
  if (!ts_node_is_null(alternative)) {
    checkClauseIndent(n, alternative);
    s->orelse = blockOf(alternative);
  }
  return s;
}

bool Lowerer::exceptHandler(TSNode n, ExceptHandler& out, bool& is_star) {
  Children ch = cst_.children(n);
  out.span = cst_.statementSpan(n);
  TSNode value = ch.field(Field::Value);
  TSNode alias = ch.field(Field::Alias);
  std::vector<TSNode> types;
  if (cst_.kind(n) == NodeKind::ExceptGroupClause) {
    is_star = true;
    for (TSNode c : ch.named()) {
      if (cst_.kind(c) != NodeKind::Block) types.push_back(c);
    }
  } else if (!ts_node_is_null(value)) {
    types.push_back(value);
  }
  TSNode type = types.empty() ? TSNode{} : types[0];
  TSNode name{};
  if (!ts_node_is_null(type) && cst_.kind(type) == NodeKind::AsPattern) {
    Children ac = cst_.children(type);
    std::vector<TSNode> named = ac.named();
    TSNode target = ac.field(Field::Alias);
    std::vector<TSNode> target_inner =
        ts_node_is_null(target) ? std::vector<TSNode>{} : cst_.children(target).named();
    if (named.empty() || target_inner.size() != 1 ||
        cst_.kind(target_inner[0]) != NodeKind::Identifier)
      return syntaxError(type, "invalid except clause target"), false;
    type = named[0];
    name = target_inner[0];
  }
  // `except* E` / `except *E`: tree-sitter 0.23.6 reads the star as an unpacking of E.
  if (!ts_node_is_null(type) && cst_.kind(type) == NodeKind::ListSplat) {
    is_star = true;
    std::vector<TSNode> inner = cst_.children(type).named();
    if (inner.size() != 1) return syntaxError(type, "invalid except* clause"), false;
    type = inner[0];
  }
  if (!ts_node_is_null(name)) out.name = identifier(name);
  std::vector<TSNode> repaired;
  if (!ts_node_is_null(type) && repairedExceptTypes(type, repaired)) {
    // `except A, B, C:` (PEP 758), parsed as the repaired `A| B| C`
    out.type = tupleOf(repaired, Cst::spanBetween(repaired.front(), repaired.back()));
  } else if (!ts_node_is_null(alias)) {
    // `except A, B:` (Python 3.14, PEP 758): a tuple of types without parentheses.
    out.type = tupleOf({type, alias}, Cst::spanBetween(type, alias));
  } else if (!ts_node_is_null(type)) {
    out.type = expr(type);
  }
  out.body = blockOf(n);
  return !failed();
}

bool Lowerer::repairedExceptTypes(TSNode type, std::vector<TSNode>& out) {
  if (!edits_ || cst_.kind(type) != NodeKind::BinaryOperator) return false;
  Children ch = cst_.children(type);
  TSNode op = ch.field(Field::Operator);
  if (ts_node_is_null(op) || !edits_->exceptComma(ts_node_start_byte(op))) return false;
  TSNode left = ch.field(Field::Left);
  if (!repairedExceptTypes(left, out)) out.push_back(left);
  out.push_back(ch.field(Field::Right));
  return true;
}

StmtPtr Lowerer::tryStatement(TSNode n) {
  Children ch = cst_.children(n);
  auto s = std::make_unique<Stmt>(StmtKind::Try, cst_.statementSpan(n));
  s->body = blockOf(n);
  bool any_star = false, any_plain = false;
  for (TSNode c : ch.named()) {
    NodeKind k = cst_.kind(c);
    if (k != NodeKind::Block) checkClauseIndent(n, c);
    if (k == NodeKind::ExceptClause || k == NodeKind::ExceptGroupClause) {
      ExceptHandler handler;
      bool is_star = false;
      if (!exceptHandler(c, handler, is_star)) return nullptr;
      (is_star ? any_star : any_plain) = true;
      if (any_star && any_plain)
        return syntaxError(c, "cannot have both 'except' and 'except*' on the same 'try'");
      s->handlers.push_back(std::move(handler));
    } else if (k == NodeKind::ElseClause) {
      s->orelse = blockOf(c);
    } else if (k == NodeKind::FinallyClause) {
      s->finalbody = blockOf(c);
    }
  }
  s->is_star = any_star;
  return s;
}

StmtPtr Lowerer::withStatement(TSNode n) {
  Children ch = cst_.children(n);
  auto s = std::make_unique<Stmt>(StmtKind::With, cst_.statementSpan(n));
  s->is_async = ch.hasToken("async");
  for (TSNode clause : ch.named()) {
    if (cst_.kind(clause) != NodeKind::WithClause) continue;
    for (TSNode item : cst_.children(clause).named()) {
      TSNode value = cst_.children(item).field(Field::Value);
      // `with (a as b, c):` and `with (a as b):` reach us as one tuple or parenthesized item;
      // CPython's grammar reads them as a list of items first.
      std::vector<TSNode> values{value};
      NodeKind vk = cst_.kind(value);
      if (vk == NodeKind::Tuple || vk == NodeKind::ParenthesizedExpression) {
        std::vector<TSNode> inner = cst_.children(value).named();
        if (vk == NodeKind::Tuple ||
            (inner.size() == 1 && cst_.kind(inner[0]) == NodeKind::AsPattern))
          values = inner;
      }
      for (TSNode v : values) {
        WithItem wi;
        if (cst_.kind(v) == NodeKind::AsPattern) {
          Children ac = cst_.children(v);
          std::vector<TSNode> named = ac.named();
          if (named.empty()) return syntaxError(v, "invalid with item");
          wi.context_expr = expr(named[0]);
          wi.optional_vars = optExpr(ac.field(Field::Alias));
        } else {
          wi.context_expr = expr(v);
        }
        s->items.push_back(std::move(wi));
      }
    }
  }
  s->body = blockOf(n);
  return s;
}

std::string Lowerer::dottedName(TSNode n) {
  // `a . b` is legal Python; the name is the identifiers joined by dots.
  std::string out;
  for (TSNode id : cst_.children(n).named()) {
    if (!out.empty()) out += '.';
    out += identifier(id);
  }
  return out;
}

std::optional<Alias> Lowerer::alias(TSNode n) {
  Alias a;
  a.span = Cst::span(n);
  if (cst_.kind(n) == NodeKind::AliasedImport) {
    Children ch = cst_.children(n);
    a.name = dottedName(ch.field(Field::Name));
    a.asname = identifier(ch.field(Field::Alias));
    return a;
  }
  if (cst_.kind(n) == NodeKind::DottedName) {
    a.name = dottedName(n);
    return a;
  }
  syntaxError(n, "invalid import name");
  return std::nullopt;
}

StmtPtr Lowerer::importStatement(TSNode n) {
  auto s = std::make_unique<Stmt>(StmtKind::Import, cst_.statementSpan(n));
  for (TSNode name : cst_.children(n).fieldAll(Field::Name)) {
    auto a = alias(name);
    if (!a) return nullptr;
    s->names.push_back(std::move(*a));
  }
  return s;
}

StmtPtr Lowerer::importFrom(TSNode n, bool future) {
  Children ch = cst_.children(n);
  auto s = std::make_unique<Stmt>(StmtKind::ImportFrom, cst_.statementSpan(n));
  if (future) {
    s->module = "__future__";
  } else {
    TSNode module = ch.field(Field::ModuleName);
    if (cst_.kind(module) == NodeKind::RelativeImport) {
      for (TSNode part : cst_.children(module).named()) {
        if (cst_.kind(part) == NodeKind::ImportPrefix) {
          for (char c : cst_.text(part)) s->level += c == '.' ? 1 : 0;
        } else {
          s->module = dottedName(part);
        }
      }
    } else {
      s->module = dottedName(module);
    }
  }
  for (TSNode c : ch.named()) {
    if (cst_.kind(c) != NodeKind::WildcardImport) continue;
    s->names.push_back(Alias{"*", std::nullopt, Cst::span(c)});
  }
  for (TSNode name : ch.fieldAll(Field::Name)) {
    auto a = alias(name);
    if (!a) return nullptr;
    s->names.push_back(std::move(*a));
  }
  return s;
}

}  // namespace gbc::syntax
