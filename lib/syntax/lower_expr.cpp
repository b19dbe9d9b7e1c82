// Expression lowering: one function per CST expression kind, spans as CPython's ast gives them.
#include "syntax/lowering.h"

#include <string>
#include <utility>

namespace gbc::syntax {

namespace {

ConstantValue keywordConstant(ConstantValue::Kind kind, bool b) {
  ConstantValue v;
  v.kind = kind;
  v.b = b;
  return v;
}

}  // namespace

ExprDepth::ExprDepth(Lowerer& lowerer, TSNode at) : lowerer_(lowerer), ok_(true) {
  if (++lowerer_.expr_depth_ > kMaxExprDepth) {
    ok_ = false;
    lowerer_.fail(at, ErrorCode::Syntax,
                  "too deeply nested expression (gbc limit " + std::to_string(kMaxExprDepth) + ")");
  }
}

ExprPtr Lowerer::expr(TSNode n) {
  ExprDepth depth(*this, n);
  if (!depth.ok() || failed()) return nullptr;
  switch (cst_.kind(n)) {
    case NodeKind::Identifier:
      return name(n);
    case NodeKind::Integer:
    case NodeKind::Float:
      return number(n);
    case NodeKind::String:
    case NodeKind::ConcatenatedString:
      return strings(n);
    case NodeKind::True:
      return constant(n, keywordConstant(ConstantValue::Kind::Bool, true));
    case NodeKind::False:
      return constant(n, keywordConstant(ConstantValue::Kind::Bool, false));
    case NodeKind::None:
      return constant(n, keywordConstant(ConstantValue::Kind::None, false));
    case NodeKind::Ellipsis:
      return constant(n, keywordConstant(ConstantValue::Kind::Ellipsis, false));
    case NodeKind::Attribute:
    case NodeKind::Subscript:
    case NodeKind::Call:
      return primary(n);
    case NodeKind::Slice:
      return slice(n);
    case NodeKind::BinaryOperator:
      return binaryOp(n);
    case NodeKind::UnaryOperator:
    case NodeKind::NotOperator:
      return unaryOp(n);
    case NodeKind::BooleanOperator:
      return boolOp(n);
    case NodeKind::ComparisonOperator:
      return compare(n);
    case NodeKind::ConditionalExpression:
      return conditional(n);
    case NodeKind::Lambda:
      return lambda(n);
    case NodeKind::Tuple:
    case NodeKind::ExpressionList:
    case NodeKind::PatternList:
    case NodeKind::TuplePattern:
      return sequence(n, ExprKind::Tuple);
    case NodeKind::List:
    case NodeKind::ListPattern:
      return sequence(n, ExprKind::List);
    case NodeKind::Set:
      return sequence(n, ExprKind::Set);
    case NodeKind::Dictionary:
      return dict(n);
    case NodeKind::ListComprehension:
      return comprehension(n, ExprKind::ListComp);
    case NodeKind::SetComprehension:
      return comprehension(n, ExprKind::SetComp);
    case NodeKind::DictionaryComprehension:
      return comprehension(n, ExprKind::DictComp);
    case NodeKind::GeneratorExpression:
      return comprehension(n, ExprKind::GeneratorExp);
    case NodeKind::ListSplat:
    case NodeKind::ListSplatPattern:
    case NodeKind::SplatType:
      return starred(n);
    case NodeKind::ParenthesizedExpression:
      return parenthesized(n);
    case NodeKind::Yield:
      return yield(n);
    case NodeKind::Type:
    case NodeKind::AsPatternTarget:
      return typeExpr(n);
    case NodeKind::GenericType:
      return genericType(n);
    case NodeKind::NamedExpression: {
      Children ch = cst_.children(n);
      auto e = std::make_unique<Expr>(ExprKind::NamedExpr, Cst::span(n));
      e->target = expr(ch.field(Field::Name));
      if (e->target) e->id = e->target->id;
      e->value = expr(ch.field(Field::Value));
      return e;
    }
    case NodeKind::Await: {
      auto e = std::make_unique<Expr>(ExprKind::Await, Cst::span(n));
      std::vector<TSNode> named = cst_.children(n).named();
      if (named.size() != 1) return syntaxError(n, "invalid await expression");
      e->value = expr(named[0]);
      return e;
    }
    case NodeKind::MemberType: {
      std::vector<TSNode> named = cst_.children(n).named();
      if (named.size() != 2) return syntaxError(n, "invalid annotation");
      auto e = std::make_unique<Expr>(ExprKind::Attribute, Cst::span(n));
      e->value = expr(named[0]);
      e->id = identifier(named[1]);
      return e;
    }
    case NodeKind::UnionType:
      return unionType(n);
    case NodeKind::ParenthesizedListSplat:
      return syntaxError(n, "cannot use starred expression here");
    case NodeKind::DictionarySplat:
      return syntaxError(n, "dict unpacking cannot be used here");
    case NodeKind::KeywordArgument:
      return syntaxError(n, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    default:
      break;
  }
  return syntaxError(n, std::string("unexpected ") + ts_node_type(n));
}

ExprPtr Lowerer::constant(TSNode n, ConstantValue value) {
  auto e = std::make_unique<Expr>(ExprKind::Constant, Cst::span(n));
  e->constant = std::move(value);
  return e;
}

std::string Lowerer::identifier(TSNode n) {
  static constexpr std::string_view kKeywords[] = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  std::string_view text = cst_.text(n);
  for (std::string_view k : kKeywords) {
    if (k == text) {
      syntaxError(n, "invalid syntax");
      break;
    }
  }
  return normalizeIdentifier(text);
}

std::string normalizeIdentifier(std::string_view text) {
  // CPython NFKC-normalises non-ASCII identifiers. gbc folds the fullwidth forms
  // U+FF01..U+FF5E (UTF-8 EF BC 81 .. EF BD 9E) to ASCII, the case real code meets; other
  // compatibility characters are kept as written.
  if (text.find('\xEF') == std::string_view::npos) return std::string(text);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    if (b(i) == 0xEF && i + 2 < text.size() && (b(i + 1) == 0xBC || b(i + 1) == 0xBD)) {
      unsigned cp = 0xF000 | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFF01 + 0x21);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

ExprPtr Lowerer::name(TSNode n) {
  auto e = std::make_unique<Expr>(ExprKind::Name, Cst::span(n));
  e->id = identifier(n);
  return e;
}

ExprPtr Lowerer::primary(TSNode n) {
  NodeKind k = cst_.kind(n);
  // In argument lists tree-sitter reads `*a.b()` as a call of `*a.b`: find such a star at the
  // start of the primary chain and move it outward, as CPython's Starred(Call(a.b)).
  TSNode cur = n;
  for (;;) {
    NodeKind ck = cst_.kind(cur);
    Children ch = cst_.children(cur);
    if (ck == NodeKind::Call)
      cur = ch.field(Field::Function);
    else if (ck == NodeKind::Attribute)
      cur = ch.field(Field::Object);
    else if (ck == NodeKind::Subscript)
      cur = ch.field(Field::Value);
    else
      break;
  }
  if (cst_.kind(cur) != NodeKind::ListSplat || ts_node_eq(cur, hoisted_splat_)) {
    return k == NodeKind::Call ? call(n) : k == NodeKind::Attribute ? attribute(n) : subscript(n);
  }
  std::vector<TSNode> inner = cst_.children(cur).named();
  if (inner.size() != 1) return syntaxError(cur, "invalid starred expression");
  const TSNode outer = hoisted_splat_;  // `*a[*b[c]]` hoists twice
  hoisted_splat_ = cur;
  ExprPtr value = k == NodeKind::Call        ? call(n)
                  : k == NodeKind::Attribute ? attribute(n)
                                             : subscript(n);
  hoisted_splat_ = outer;
  if (!value) return nullptr;
  // The chain's nodes started at the star; they start at the starred expression instead.
  const Span star = Cst::span(cur);
  const Span inner_span = Cst::span(inner[0]);
  for (Expr* e = value.get(); e != nullptr;) {
    if (e->span.line == star.line && e->span.col == star.col) {
      e->span.line = inner_span.line;
      e->span.col = inner_span.col;
    }
    e = e->kind == ExprKind::Call                                            ? e->func.get()
        : (e->kind == ExprKind::Attribute || e->kind == ExprKind::Subscript) ? e->value.get()
                                                                             : nullptr;
  }
  auto starred = std::make_unique<Expr>(ExprKind::Starred, Cst::span(n));
  starred->value = std::move(value);
  return starred;
}

ExprPtr Lowerer::attribute(TSNode n) {
  Children ch = cst_.children(n);
  auto e = std::make_unique<Expr>(ExprKind::Attribute, Cst::span(n));
  e->value = expr(ch.field(Field::Object));
  e->id = identifier(ch.field(Field::Attribute));
  return e;
}

ExprPtr Lowerer::tupleOf(const std::vector<TSNode>& elements, Span span) {
  auto e = std::make_unique<Expr>(ExprKind::Tuple, span);
  for (TSNode el : elements) e->elts.push_back(expr(el));
  return e;
}

ExprPtr Lowerer::subscript(TSNode n) {
  Children ch = cst_.children(n);
  auto e = std::make_unique<Expr>(ExprKind::Subscript, Cst::span(n));
  e->value = expr(ch.field(Field::Value));
  std::vector<TSNode> subs = ch.fieldAll(Field::Subscript);
  if (subs.empty()) return syntaxError(n, "empty subscript");
  if (subs.size() == 1 && !ch.hasToken(",")) {
    e->slice = expr(subs[0]);
    if (e->slice && e->slice->kind == ExprKind::Starred) {  // `a[*b]` is `a[(*b,)]`
      auto tuple = std::make_unique<Expr>(ExprKind::Tuple, Cst::span(subs[0]));
      tuple->elts.push_back(std::move(e->slice));
      e->slice = std::move(tuple);
    }
    return e;
  }
  // CPython's slice tuple spans the elements, a trailing comma included, not the brackets.
  TSNode last = subs.back();
  for (const CstChild& c : ch.items) {
    if (ts_node_start_byte(c.node) >= ts_node_end_byte(last) &&
        std::string_view(ts_node_type(c.node)) == ",")
      last = c.node;
  }
  e->slice = tupleOf(subs, Cst::spanBetween(subs.front(), last));
  return e;
}

ExprPtr Lowerer::slice(TSNode n) {
  auto e = std::make_unique<Expr>(ExprKind::Slice, Cst::span(n));
  int colons = 0;
  for (const CstChild& c : cst_.children(n).items) {
    if (!ts_node_is_named(c.node)) {
      if (std::string_view(ts_node_type(c.node)) == ":") ++colons;
      continue;
    }
    ExprPtr part = expr(c.node);
    if (colons == 0)
      e->lower = std::move(part);
    else if (colons == 1)
      e->upper = std::move(part);
    else
      e->step = std::move(part);
  }
  return e;
}

void Lowerer::callArguments(TSNode argument_list, ExprList& args, std::vector<Keyword>& keywords) {
  bool seen_keyword = false;
  bool seen_double_star = false;
  for (TSNode arg : cst_.children(argument_list).named()) {
    NodeKind k = cst_.kind(arg);
    if (k == NodeKind::KeywordArgument) {
      Children ch = cst_.children(arg);
      TSNode key = ch.field(Field::Name);
      if (cst_.kind(key) != NodeKind::Identifier) {
        syntaxError(arg, "expression cannot contain assignment, perhaps you meant \"==\"?");
        return;
      }
      keywords.push_back({identifier(key), expr(ch.field(Field::Value)), Cst::span(arg)});
      seen_keyword = true;
    } else if (k == NodeKind::DictionarySplat) {
      std::vector<TSNode> named = cst_.children(arg).named();
      if (named.size() != 1) {
        syntaxError(arg, "invalid argument");
        return;
      }
      keywords.push_back({std::nullopt, expr(named[0]), Cst::span(arg)});
      seen_double_star = true;
    } else if (k == NodeKind::ListSplat) {
      if (seen_double_star) {
        syntaxError(arg, "iterable argument unpacking follows keyword argument unpacking");
        return;
      }
      args.push_back(expr(arg));
    } else {
      if (seen_double_star || seen_keyword) {
        syntaxError(arg, seen_double_star ? "positional argument follows keyword argument unpacking"
                                          : "positional argument follows keyword argument");
        return;
      }
      args.push_back(expr(arg));
    }
  }
}

ExprPtr Lowerer::call(TSNode n) {
  Children ch = cst_.children(n);
  auto e = std::make_unique<Expr>(ExprKind::Call, Cst::span(n));
  e->func = expr(ch.field(Field::Function));
  TSNode arguments = ch.field(Field::Arguments);
  if (cst_.kind(arguments) == NodeKind::GeneratorExpression) {
    // f(x for x in y): the generator's span is the call's parentheses, as in CPython.
    e->args.push_back(expr(arguments));
  } else {
    callArguments(arguments, e->args, e->keywords);
  }
  return e;
}

ExprPtr Lowerer::conditional(TSNode n) {
  std::vector<TSNode> named = cst_.children(n).named();
  if (named.size() != 3) return syntaxError(n, "invalid conditional expression");
  auto e = std::make_unique<Expr>(ExprKind::IfExp, Cst::span(n));
  e->body = expr(named[0]);
  e->test = expr(named[1]);
  e->orelse = expr(named[2]);
  return e;
}

ExprPtr Lowerer::lambda(TSNode n) {
  Children ch = cst_.children(n);
  auto e = std::make_unique<Expr>(ExprKind::Lambda, Cst::span(n));
  e->params = parameters(ch.field(Field::Parameters));
  e->body = expr(ch.field(Field::Body));
  return e;
}

ExprPtr Lowerer::sequence(TSNode n, ExprKind kind) {
  Children ch = cst_.children(n);
  std::vector<TSNode> elements = ch.named();
  // `(a) = b`: tree-sitter makes a one-element tuple_pattern without a comma; CPython sees the
  // parenthesised target itself.
  if (cst_.kind(n) == NodeKind::TuplePattern && elements.size() == 1 && !ch.hasToken(","))
    return expr(elements[0]);
  auto e = std::make_unique<Expr>(kind, Cst::span(n));
  for (TSNode el : elements) e->elts.push_back(expr(el));
  return e;
}

ExprPtr Lowerer::dict(TSNode n) {
  auto e = std::make_unique<Expr>(ExprKind::Dict, Cst::span(n));
  for (TSNode item : cst_.children(n).named()) {
    Children ch = cst_.children(item);
    if (cst_.kind(item) == NodeKind::Pair) {
      e->keys.push_back(expr(ch.field(Field::Key)));
      e->values.push_back(expr(ch.field(Field::Value)));
      continue;
    }
    std::vector<TSNode> named = ch.named();
    if (cst_.kind(item) != NodeKind::DictionarySplat || named.size() != 1)
      return syntaxError(item, "invalid dictionary item");
    e->keys.push_back(nullptr);
    e->values.push_back(expr(named[0]));
  }
  return e;
}

ExprPtr Lowerer::comprehension(TSNode n, ExprKind kind) {
  Children ch = cst_.children(n);
  auto e = std::make_unique<Expr>(kind, Cst::span(n));
  TSNode body = ch.field(Field::Body);
  if (kind == ExprKind::DictComp) {
    Children pair = cst_.children(body);
    e->left = expr(pair.field(Field::Key));
    e->right = expr(pair.field(Field::Value));
  } else {
    e->elt = expr(body);
  }
  for (TSNode clause : ch.named()) {
    NodeKind k = cst_.kind(clause);
    Children cc = cst_.children(clause);
    if (k == NodeKind::ForInClause) {
      std::vector<TSNode> iters;
      for (TSNode r : cc.fieldAll(Field::Right)) {
        if (ts_node_is_named(r)) iters.push_back(r);
      }
      if (iters.size() != 1)
        return syntaxError(clause, "invalid syntax in comprehension 'in' clause");
      Comprehension gen;
      gen.target = expr(cc.field(Field::Left));
      gen.iter = expr(iters[0]);
      gen.is_async = cc.hasToken("async");
      e->generators.push_back(std::move(gen));
    } else if (k == NodeKind::IfClause) {
      std::vector<TSNode> named = cc.named();
      if (named.size() != 1 || e->generators.empty())
        return syntaxError(clause, "invalid comprehension");
      e->generators.back().ifs.push_back(expr(named[0]));
    }
  }
  return e;
}

ExprPtr Lowerer::starred(TSNode n) {
  std::vector<TSNode> named = cst_.children(n).named();
  if (named.size() != 1) return syntaxError(n, "invalid starred expression");
  if (ts_node_eq(n, hoisted_splat_)) return expr(named[0]);  // see primary()
  auto e = std::make_unique<Expr>(ExprKind::Starred, Cst::span(n));
  e->value = expr(named[0]);
  return e;
}

ExprPtr Lowerer::parenthesized(TSNode n) {
  if (edits_) {
    // `*(x)` in a subscript, whose star a repair blanked (repair.h): Starred(x).
    uint32_t at = ts_node_start_byte(n);
    std::string_view src = cst_.source();
    // (the blanked star is one of the blanks before the parenthesis)
    while (at > 0 && (src[at - 1] == ' ' || src[at - 1] == '\t') && !edits_->star(at - 1)) --at;
    if (at > 0 && edits_->star(at - 1)) {
      const TSNode star = n;
      const Span span = Cst::span(n);
      const uint32_t star_col = span.col - (ts_node_start_byte(n) - (at - 1));
      const RepairEdits* saved = edits_;
      edits_ = nullptr;  // the inner expression is a plain parenthesised one
      ExprPtr inner = expr(star);
      edits_ = saved;
      if (!inner) return nullptr;
      auto e = std::make_unique<Expr>(ExprKind::Starred,
                                      Span{span.line, star_col, span.end_line, span.end_col});
      e->value = std::move(inner);
      return e;
    }
  }
  // CPython drops the parentheses: the node keeps the inner expression's span.
  std::vector<TSNode> named = cst_.children(n).named();
  if (named.size() != 1) return syntaxError(n, "invalid parenthesized expression");
  if (cst_.kind(named[0]) == NodeKind::ListSplat)
    return syntaxError(named[0], "cannot use starred expression here");
  return expr(named[0]);
}

ExprPtr Lowerer::yield(TSNode n) {
  Children ch = cst_.children(n);
  bool from = ch.hasToken("from");
  auto e = std::make_unique<Expr>(from ? ExprKind::YieldFrom : ExprKind::Yield, Cst::span(n));
  std::vector<TSNode> named = ch.named();
  if (named.size() > 1) return syntaxError(n, "invalid yield expression");
  if (!named.empty()) e->value = expr(named[0]);
  if (from && !e->value) return syntaxError(n, "invalid yield from expression");
  return e;
}

ExprPtr Lowerer::typeExpr(TSNode n) {
  std::vector<TSNode> named = cst_.children(n).named();
  if (named.size() != 1) return syntaxError(n, "invalid annotation");
  if (cst_.kind(named[0]) == NodeKind::ConstrainedType)
    return fail(named[0], ErrorCode::Unsupported, "type parameter constraints are not supported");
  return expr(named[0]);
}

ExprPtr Lowerer::genericType(TSNode n) {
  // `list[int]` in an annotation: tree-sitter's generic_type is CPython's Subscript.
  std::vector<TSNode> named = cst_.children(n).named();
  if (named.size() != 2 || cst_.kind(named[1]) != NodeKind::TypeParameter)
    return syntaxError(n, "invalid annotation");
  auto e = std::make_unique<Expr>(ExprKind::Subscript, Cst::span(n));
  e->value = expr(named[0]);
  Children params = cst_.children(named[1]);
  std::vector<TSNode> types = params.named();
  if (types.empty()) return syntaxError(named[1], "empty subscript");
  if (types.size() == 1 && !params.hasToken(",")) {
    e->slice = expr(types[0]);
    if (e->slice && e->slice->kind == ExprKind::Starred) {  // `tuple[*Ts]` is `tuple[(*Ts,)]`
      auto tuple = std::make_unique<Expr>(ExprKind::Tuple, Cst::span(types[0]));
      tuple->elts.push_back(std::move(e->slice));
      e->slice = std::move(tuple);
    }
    return e;
  }
  TSNode last = types.back();
  for (const CstChild& c : params.items) {
    if (ts_node_start_byte(c.node) >= ts_node_end_byte(last) &&
        std::string_view(ts_node_type(c.node)) == ",")
      last = c.node;
  }
  e->slice = tupleOf(types, Cst::spanBetween(types.front(), last));
  return e;
}

}  // namespace gbc::syntax
