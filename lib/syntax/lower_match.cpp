// Match statements (PEP 634): the subject, the case clauses and their patterns, lowered to
// CPython's ast.pattern nodes. tree-sitter leaves the wildcard `_` and the minus sign of a
// negative number as anonymous tokens, so containers are read token by token.
#include <string>
#include <utility>

#include "syntax/lowering.h"

namespace gbc::syntax {

namespace {

bool isToken(TSNode n, std::string_view type) {
  return !ts_node_is_named(n) && type == ts_node_type(n);
}

}  // namespace

StmtPtr Lowerer::matchStatement(TSNode n) {
  Children ch = cst_.children(n);
  auto s = std::make_unique<Stmt>(StmtKind::Match, cst_.statementSpan(n));
  // `match a, *b:` has a tuple subject; tree-sitter lists the items as several subjects.
  std::vector<TSNode> subjects = ch.fieldAll(Field::Subject);
  if (subjects.empty()) return syntaxError(n, "invalid syntax");
  if (subjects.size() == 1 && !ch.hasToken(",")) {
    s->value = expr(subjects[0]);
  } else {
    TSNode last = subjects.back();
    for (const CstChild& c : ch.items)
      if (isToken(c.node, ",") && ts_node_start_byte(c.node) >= ts_node_end_byte(last))
        last = c.node;
    s->value = tupleOf(subjects, Cst::spanBetween(subjects.front(), last));
  }
  TSNode body = ch.field(Field::Body);
  if (ts_node_is_null(body)) return syntaxError(n, "expected ':'");
  for (TSNode clause : cst_.children(body).named()) {
    if (failed()) return nullptr;
    if (cst_.kind(clause) != NodeKind::CaseClause) return syntaxError(clause, "invalid syntax");
    checkClauseIndent(ts_node_named_child(body, 0), clause);
    Children cc = cst_.children(clause);
    MatchCase mc;
    std::vector<TSNode> patterns;
    for (const CstChild& c : cc.items)
      if (cst_.kind(c.node) == NodeKind::CasePattern) patterns.push_back(c.node);
    if (patterns.empty()) return syntaxError(clause, "invalid syntax");
    if (patterns.size() == 1 && !cc.hasToken(",")) {
      mc.pattern = pattern(patterns[0]);
    } else {
      // `case a, *b:` is an open sequence pattern spanning its items.
      TSNode last = patterns.back();
      for (const CstChild& c : cc.items)
        if (isToken(c.node, ",") && ts_node_start_byte(c.node) >= ts_node_end_byte(last))
          last = c.node;
      mc.pattern = std::make_unique<Pattern>(PatternKind::MatchSequence,
                                             Cst::spanBetween(patterns.front(), last));
      for (TSNode p : patterns) mc.pattern->patterns.push_back(pattern(p));
    }
    TSNode guard = cc.field(Field::Guard);
    if (!ts_node_is_null(guard)) {
      std::vector<TSNode> g = cst_.children(guard).named();
      if (g.size() != 1) return syntaxError(guard, "invalid syntax");
      mc.guard = expr(g[0]);
    }
    mc.body = blockOf(clause);
    if (failed()) return nullptr;
    s->cases.push_back(std::move(mc));
  }
  if (s->cases.empty()) return syntaxError(n, "invalid syntax");
  return s;
}

PatternPtr Lowerer::pattern(TSNode n) {
  if (failed()) return nullptr;
  ExprDepth depth(*this, n);
  if (!depth.ok()) return nullptr;
  switch (cst_.kind(n)) {
    case NodeKind::CasePattern:
    case NodeKind::KeywordPattern: {
      Children ch = cst_.children(n);
      size_t i = 0;
      if (cst_.kind(n) == NodeKind::KeywordPattern) i = 2;  // name, '='
      if (i >= ch.items.size()) return syntaxError(n, "invalid pattern"), nullptr;
      PatternPtr p = patternAt(ch.items, i);
      if (p && i != ch.items.size()) return syntaxError(n, "invalid pattern"), nullptr;
      return p;
    }
    case NodeKind::Integer:
    case NodeKind::Float:
    case NodeKind::String:
    case NodeKind::ConcatenatedString:
    case NodeKind::ComplexPattern: {
      auto p = std::make_unique<Pattern>(PatternKind::MatchValue, Cst::span(n));
      p->value = literalPattern(n, TSNode{});
      return p->value ? std::move(p) : nullptr;
    }
    case NodeKind::None:
    case NodeKind::True:
    case NodeKind::False: {
      auto p = std::make_unique<Pattern>(PatternKind::MatchSingleton, Cst::span(n));
      NodeKind k = cst_.kind(n);
      p->singleton.kind =
          k == NodeKind::None ? ConstantValue::Kind::None : ConstantValue::Kind::Bool;
      p->singleton.b = k == NodeKind::True;
      return p;
    }
    case NodeKind::DottedName: {
      std::vector<TSNode> parts = cst_.children(n).named();
      if (parts.size() == 1) {
        auto p = std::make_unique<Pattern>(PatternKind::MatchAs, Cst::span(n));
        p->name = identifier(parts[0]);
        return p;
      }
      auto p = std::make_unique<Pattern>(PatternKind::MatchValue, Cst::span(n));
      p->value = dottedValue(n);
      return p;
    }
    case NodeKind::ListPattern:
    case NodeKind::TuplePattern: {
      Children ch = cst_.children(n);
      std::vector<TSNode> items = ch.named();
      if (cst_.kind(n) == NodeKind::TuplePattern && items.size() == 1 && !ch.hasToken(","))
        return pattern(items[0]);  // a group: `(p)` is p
      auto p = std::make_unique<Pattern>(PatternKind::MatchSequence, Cst::span(n));
      for (TSNode item : items) p->patterns.push_back(pattern(item));
      return failed() ? nullptr : std::move(p);
    }
    case NodeKind::SplatPattern: {
      auto p = std::make_unique<Pattern>(PatternKind::MatchStar, Cst::span(n));
      std::vector<TSNode> name = cst_.children(n).named();
      if (cst_.text(n).substr(0, 2) == "**") return syntaxError(n, "invalid syntax"), nullptr;
      if (!name.empty()) p->name = identifier(name[0]);
      return p;
    }
    case NodeKind::UnionPattern: {
      Children ch = cst_.children(n);
      auto p = std::make_unique<Pattern>(PatternKind::MatchOr, Cst::span(n));
      size_t i = 0;
      while (i < ch.items.size()) {
        if (isToken(ch.items[i].node, "|")) {
          ++i;
          continue;
        }
        PatternPtr alt = patternAt(ch.items, i);
        if (!alt) return nullptr;
        p->patterns.push_back(std::move(alt));
      }
      return p;
    }
    case NodeKind::AsPattern: {
      std::vector<TSNode> named = cst_.children(n).named();
      if (named.size() != 2) return syntaxError(n, "invalid pattern target"), nullptr;
      TSNode target = named[1];
      if (cst_.kind(target) == NodeKind::AsPatternTarget) {
        std::vector<TSNode> inner = cst_.children(target).named();
        if (inner.size() != 1) return syntaxError(target, "invalid pattern target"), nullptr;
        target = inner[0];
      }
      if (cst_.kind(target) != NodeKind::Identifier)
        return syntaxError(target, "invalid pattern target"), nullptr;
      std::string name = identifier(target);
      if (name == "_")
        return fail(target, ErrorCode::Syntax, "cannot use '_' as a target"), nullptr;
      auto p = std::make_unique<Pattern>(PatternKind::MatchAs, Cst::span(n));
      p->pattern = pattern(named[0]);
      p->name = std::move(name);
      return failed() ? nullptr : std::move(p);
    }
    case NodeKind::ClassPattern:
      return classPattern(n);
    case NodeKind::DictPattern:
      return mappingPattern(n);
    default:
      break;
  }
  return syntaxError(n, "invalid pattern"), nullptr;
}

PatternPtr Lowerer::patternAt(const std::vector<CstChild>& items, size_t& i) {
  TSNode n = items[i].node;
  if (isToken(n, "_")) {
    ++i;
    return std::make_unique<Pattern>(PatternKind::MatchAs, Cst::span(n));
  }
  if (isToken(n, "-")) {
    // `-1`, `-1.5 - 2j`: the sign is a token before the number.
    if (i + 1 >= items.size()) return syntaxError(n, "invalid pattern"), nullptr;
    TSNode number = items[i + 1].node;
    i += 2;
    auto p = std::make_unique<Pattern>(PatternKind::MatchValue, Cst::spanBetween(n, number));
    p->value = literalPattern(number, n);
    return p->value ? std::move(p) : nullptr;
  }
  ++i;
  return pattern(n);
}

ExprPtr Lowerer::dottedValue(TSNode n) {
  std::vector<TSNode> parts = cst_.children(n).named();
  ExprPtr e = name(parts[0]);
  for (size_t k = 1; k < parts.size() && e; ++k) {
    auto attr = std::make_unique<Expr>(ExprKind::Attribute, Cst::spanBetween(parts[0], parts[k]));
    attr->value = std::move(e);
    attr->id = identifier(parts[k]);
    e = std::move(attr);
  }
  return e;
}

ExprPtr Lowerer::literalPattern(TSNode n, TSNode minus) {
  // A signed number is UnaryOp(USub, Constant); a complex literal BinOp(real, +/-, imaginary).
  auto negate = [&](ExprPtr v, TSNode sign) -> ExprPtr {
    if (!v || ts_node_is_null(sign)) return v;
    auto u = std::make_unique<Expr>(ExprKind::UnaryOp, Cst::spanBetween(sign, n));
    u->unaryop = UnaryOpKind::USub;
    u->operand = std::move(v);
    return u;
  };
  NodeKind k = cst_.kind(n);
  if (k == NodeKind::String || k == NodeKind::ConcatenatedString) {
    if (!ts_node_is_null(minus)) return syntaxError(minus, "invalid pattern");
    ExprPtr s = strings(n);
    if (s && s->kind != ExprKind::Constant)
      return fail(n, ErrorCode::Syntax, "patterns may only match literals and attribute lookups");
    return s;
  }
  if (k == NodeKind::Integer || k == NodeKind::Float) return negate(number(n), minus);
  if (k != NodeKind::ComplexPattern) return syntaxError(n, "invalid pattern");
  // complex_pattern: [-] real (+|-) imaginary; the leading minus may be inside the node.
  Children ch = cst_.children(n);
  TSNode sign = minus, real{}, op{}, imag{};
  for (const CstChild& c : ch.items) {
    if (ts_node_is_named(c.node)) {
      (ts_node_is_null(real) ? real : imag) = c.node;
    } else if (ts_node_is_null(real)) {
      sign = c.node;
    } else {
      op = c.node;
    }
  }
  if (ts_node_is_null(real) || ts_node_is_null(imag) || ts_node_is_null(op))
    return syntaxError(n, "invalid pattern");
  ExprPtr left = number(real);
  ExprPtr right = number(imag);
  if (!left || !right) return nullptr;
  if (left->constant.kind == ConstantValue::Kind::Complex)
    return fail(real, ErrorCode::Syntax, "real number required in complex literal");
  if (right->constant.kind != ConstantValue::Kind::Complex)
    return fail(imag, ErrorCode::Syntax, "imaginary number required in complex literal");
  if (!ts_node_is_null(sign)) {
    auto u = std::make_unique<Expr>(ExprKind::UnaryOp, Cst::spanBetween(sign, real));
    u->unaryop = UnaryOpKind::USub;
    u->operand = std::move(left);
    left = std::move(u);
  }
  auto b = std::make_unique<Expr>(ExprKind::BinOp,
                                  Cst::spanBetween(ts_node_is_null(sign) ? real : sign, imag));
  b->binop = std::string_view(ts_node_type(op)) == "-" ? BinOpKind::Sub : BinOpKind::Add;
  b->left = std::move(left);
  b->right = std::move(right);
  return b;
}

PatternPtr Lowerer::classPattern(TSNode n) {
  Children ch = cst_.children(n);
  auto p = std::make_unique<Pattern>(PatternKind::MatchClass, Cst::span(n));
  bool seen_keyword = false;
  for (const CstChild& c : ch.items) {
    NodeKind k = cst_.kind(c.node);
    if (k == NodeKind::DottedName && !p->cls) {
      p->cls = dottedValue(c.node);
      continue;
    }
    if (k != NodeKind::CasePattern) continue;
    std::vector<TSNode> inner = cst_.children(c.node).named();
    if (inner.size() == 1 && cst_.kind(inner[0]) == NodeKind::KeywordPattern) {
      std::vector<TSNode> kw = cst_.children(inner[0]).named();
      if (kw.empty() || cst_.kind(kw[0]) != NodeKind::Identifier)
        return syntaxError(inner[0], "invalid syntax"), nullptr;
      p->kwd_attrs.push_back(identifier(kw[0]));
      p->kwd_patterns.push_back(pattern(inner[0]));
      seen_keyword = true;
      continue;
    }
    if (seen_keyword)
      return fail(c.node, ErrorCode::Syntax, "positional patterns follow keyword patterns"),
             nullptr;
    p->patterns.push_back(pattern(c.node));
  }
  if (!p->cls) return syntaxError(n, "invalid syntax"), nullptr;
  return failed() ? nullptr : std::move(p);
}

PatternPtr Lowerer::mappingPattern(TSNode n) {
  Children ch = cst_.children(n);
  auto p = std::make_unique<Pattern>(PatternKind::MatchMapping, Cst::span(n));
  const TSFieldId key_field = Grammar::get().field(Field::Key);
  const TSFieldId value_field = Grammar::get().field(Field::Value);
  TSNode minus{};
  for (const CstChild& c : ch.items) {
    if (c.field == key_field) {
      if (isToken(c.node, "-")) {
        minus = c.node;
        continue;
      }
      if (p->rest) return syntaxError(c.node, "invalid syntax"), nullptr;  // `**rest` comes last
      NodeKind k = cst_.kind(c.node);
      if (isToken(c.node, "_"))
        return fail(c.node, ErrorCode::Syntax,
                    "mapping pattern keys may only match literals and attribute lookups"),
               nullptr;
      if (k == NodeKind::DottedName && cst_.children(c.node).named().size() > 1) {
        p->keys.push_back(dottedValue(c.node));
      } else if (k == NodeKind::None || k == NodeKind::True || k == NodeKind::False) {
        p->keys.push_back(expr(c.node));
      } else if (k == NodeKind::DottedName) {
        return fail(c.node, ErrorCode::Syntax,
                    "mapping pattern keys may only match literals and attribute lookups"),
               nullptr;
      } else {
        ExprPtr key = literalPattern(c.node, minus);
        if (!key) return nullptr;
        if (!ts_node_is_null(minus)) key->span = Cst::spanBetween(minus, c.node);
        p->keys.push_back(std::move(key));
      }
      minus = TSNode{};
    } else if (c.field == value_field) {
      p->patterns.push_back(pattern(c.node));
    } else if (cst_.kind(c.node) == NodeKind::SplatPattern) {
      std::vector<TSNode> name = cst_.children(c.node).named();
      if (name.empty()) return syntaxError(c.node, "invalid syntax"), nullptr;
      p->rest = identifier(name[0]);
    }
    if (failed()) return nullptr;
  }
  if (p->keys.size() != p->patterns.size()) return syntaxError(n, "invalid syntax"), nullptr;
  return p;
}

}  // namespace gbc::syntax
