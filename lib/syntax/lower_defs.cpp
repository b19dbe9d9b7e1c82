// Definitions: functions, classes, decorators and parameter lists (def and lambda).
#include "syntax/lowering.h"

#include <cctype>
#include <string>
#include <utility>

namespace gbc::syntax {

ExprPtr Lowerer::maskedDefault(uint32_t equals, uint32_t end, TSNode at) {
  // The default alone, at its own offsets, in an otherwise blank copy of the original text.
  const std::string& original = *original_;
  uint32_t from = equals + 1;
  while (from < end && std::isspace(static_cast<unsigned char>(original[from]))) ++from;
  const bool starred = from < end && original[from] == '*';  // `*Ts = *tuple[int]`
  const uint32_t value_from = starred ? from + 1 : from;
  std::string isolated = isolateExpression(original, value_from, end);
  Result<TreeHandle> tree = parseTree(path_, isolated);
  if (!tree) return fail(at, tree.error().code, tree.error().message);
  TSNode root = ts_tree_root_node(tree->get());
  TSNode stmt = ts_node_named_child(root, 0);
  TSNode paren = ts_node_is_null(stmt) ? TSNode{} : ts_node_named_child(stmt, 0);
  if (ts_node_has_error(root) || ts_node_is_null(paren) || ts_node_named_child_count(paren) != 1)
    return syntaxError(at, "invalid syntax");
  Lowerer sub(path_, isolated, root);
  ExprPtr value = sub.expr(ts_node_named_child(paren, 0));
  if (!value) return sub.error_ ? fail(at, sub.error_->code, sub.error_->message) : nullptr;
  if (!starred) return value;
  Span span = value->span;
  span.col -= value_from - from;  // the star just before the value (same line)
  auto e = std::make_unique<Expr>(ExprKind::Starred, span);
  e->value = std::move(value);
  return e;
}

bool Lowerer::typeParams(TSNode n, std::vector<TypeParam>& out) {
  if (ts_node_is_null(n)) return true;
  std::vector<TSNode> items = cst_.children(n).named();
  if (items.empty()) return syntaxError(n, "Type parameter list cannot be empty"), false;
  for (size_t index = 0; index < items.size(); ++index) {
    TSNode item = items[index];
    std::vector<TSNode> inner = cst_.children(item).named();
    if (cst_.kind(item) != NodeKind::Type || inner.size() != 1)
      return syntaxError(item, "invalid type parameter"), false;
    TSNode p = inner[0];
    TypeParam tp;
    tp.span = Cst::span(item);
    switch (cst_.kind(p)) {
      case NodeKind::Identifier:
        tp.name = identifier(p);
        break;
      case NodeKind::ConstrainedType: {
        // `T: bound` (or `T: (A, B)`, constraints): two `type` children.
        std::vector<TSNode> parts = cst_.children(p).named();
        if (parts.size() != 2) return syntaxError(p, "invalid type parameter"), false;
        std::vector<TSNode> name = cst_.children(parts[0]).named();
        if (name.size() != 1 || cst_.kind(name[0]) != NodeKind::Identifier)
          return syntaxError(p, "invalid type parameter"), false;
        tp.name = identifier(name[0]);
        tp.bound = expr(parts[1]);
        break;
      }
      case NodeKind::SplatType: {
        std::vector<TSNode> name = cst_.children(p).named();
        if (name.size() != 1) return syntaxError(p, "invalid type parameter"), false;
        tp.kind = cst_.text(p).substr(0, 2) == "**" ? TypeParam::Kind::ParamSpec
                                                    : TypeParam::Kind::TypeVarTuple;
        tp.name = identifier(name[0]);
        break;
      }
      default:
        return syntaxError(p, "invalid type parameter"), false;
    }
    if (edits_) {
      // A default the repair masked: between this parameter and the next (or the `]`).
      const uint32_t after = ts_node_end_byte(item);
      const uint32_t limit =
          index + 1 < items.size() ? ts_node_start_byte(items[index + 1]) : ts_node_end_byte(n);
      for (const RepairEdits::Default& d : edits_->defaults) {
        if (d.equals < after || d.equals >= limit) continue;
        tp.default_value = maskedDefault(d.equals, d.end, item);
        if (!tp.default_value) return false;
        Span end = tp.default_value->span;
        tp.span.end_line = end.end_line;
        tp.span.end_col = end.end_col;
      }
    }
    if (failed()) return false;
    out.push_back(std::move(tp));
  }
  return true;
}

StmtPtr Lowerer::functionDef(TSNode n, ExprList decorators) {
  Children ch = cst_.children(n);
  // Span starts at `def` (or `async`), not at the decorators, as in CPython 3.8+.
  auto s = std::make_unique<Stmt>(StmtKind::FunctionDef, cst_.statementSpan(n));
  s->decorators = std::move(decorators);
  s->is_async = ch.hasToken("async");
  s->name = identifier(ch.field(Field::Name));
  if (!typeParams(ch.field(Field::TypeParameters), s->type_params)) return nullptr;
  s->params = parameters(ch.field(Field::Parameters));
  s->returns = optExpr(ch.field(Field::ReturnType));
  if (failed()) return nullptr;
  s->body = blockOf(n);
  return s;
}

StmtPtr Lowerer::classDef(TSNode n, ExprList decorators) {
  Children ch = cst_.children(n);
  auto s = std::make_unique<Stmt>(StmtKind::ClassDef, cst_.statementSpan(n));
  s->decorators = std::move(decorators);
  s->name = identifier(ch.field(Field::Name));
  if (!typeParams(ch.field(Field::TypeParameters), s->type_params)) return nullptr;
  TSNode bases = ch.field(Field::Superclasses);
  if (!ts_node_is_null(bases)) callArguments(bases, s->bases, s->keywords);
  if (failed()) return nullptr;
  s->body = blockOf(n);
  return s;
}

StmtPtr Lowerer::decorated(TSNode n) {
  Children ch = cst_.children(n);
  ExprList decorators;
  for (TSNode c : ch.named()) {
    if (cst_.kind(c) != NodeKind::Decorator) continue;
    std::vector<TSNode> inner = cst_.children(c).named();
    if (inner.size() != 1) return syntaxError(c, "invalid decorator");
    decorators.push_back(expr(inner[0]));
  }
  if (failed()) return nullptr;
  TSNode def = ch.field(Field::Definition);
  if (cst_.kind(def) == NodeKind::FunctionDefinition)
    return functionDef(def, std::move(decorators));
  if (cst_.kind(def) == NodeKind::ClassDefinition) return classDef(def, std::move(decorators));
  return syntaxError(n, "invalid decorated definition");
}

std::unique_ptr<Parameters> Lowerer::parameters(TSNode n) {
  auto params = std::make_unique<Parameters>();
  if (ts_node_is_null(n)) return params;
  bool star_seen = false;     // after `*` or `*args`: keyword-only
  bool default_seen = false;  // a positional parameter had a default
  for (TSNode p : cst_.children(n).named()) {
    NodeKind k = cst_.kind(p);
    if (k == NodeKind::PositionalSeparator) {
      if (star_seen || !params->posonlyargs.empty())
        return syntaxError(p, "/ must be ahead of *"), nullptr;
      if (params->args.empty())
        return syntaxError(p, "at least one argument must precede /"), nullptr;
      params->posonlyargs = std::move(params->args);
      params->args.clear();
      continue;
    }
    if (k == NodeKind::KeywordSeparator) {
      if (star_seen) return syntaxError(p, "* argument may appear only once"), nullptr;
      star_seen = true;
      continue;
    }
    Children ch = cst_.children(p);
    // Find the name node, the annotation and the default, and what kind of parameter this is.
    TSNode name_node = p, type = ch.field(Field::Type), value = ch.field(Field::Value);
    NodeKind star_kind = NodeKind::Other;
    if (k == NodeKind::DefaultParameter || k == NodeKind::TypedDefaultParameter) {
      name_node = ch.field(Field::Name);
    } else if (k == NodeKind::TypedParameter) {
      for (TSNode c : ch.named()) {
        if (!ts_node_eq(c, type)) name_node = c;
      }
    }
    NodeKind nk = cst_.kind(name_node);
    if (nk == NodeKind::ListSplatPattern || nk == NodeKind::DictionarySplatPattern) {
      star_kind = nk;
      std::vector<TSNode> inner = cst_.children(name_node).named();
      if (inner.size() != 1) return syntaxError(name_node, "invalid parameter"), nullptr;
      name_node = inner[0];
    }
    if (cst_.kind(name_node) != NodeKind::Identifier)
      return syntaxError(name_node, "invalid parameter (tuple parameters are Python 2 only)"),
             nullptr;
    // CPython's arg span: the name and its annotation, without stars or default.
    Arg arg;
    arg.name = identifier(name_node);
    arg.annotation = optExpr(type);
    arg.span = ts_node_is_null(type) ? Cst::span(name_node) : Cst::spanBetween(name_node, type);
    if (params->kwarg)
      return syntaxError(p, "arguments cannot follow var-keyword argument"), nullptr;
    if (star_kind == NodeKind::ListSplatPattern) {
      if (star_seen) return syntaxError(p, "* argument may appear only once"), nullptr;
      star_seen = true;
      params->vararg = std::move(arg);
    } else if (star_kind == NodeKind::DictionarySplatPattern) {
      params->kwarg = std::move(arg);
    } else if (star_seen) {
      params->kwonlyargs.push_back(std::move(arg));
      params->kw_defaults.push_back(optExpr(value));
    } else {
      if (ts_node_is_null(value) && default_seen)
        return syntaxError(p, "parameter without a default follows parameter with a default"),
               nullptr;
      if (!ts_node_is_null(value)) {
        default_seen = true;
        params->defaults.push_back(expr(value));
      }
      params->args.push_back(std::move(arg));
    }
    if (failed()) return nullptr;
  }
  if (star_seen && !params->vararg && params->kwonlyargs.empty()) {
    syntaxError(n, "named arguments must follow bare *");
    return nullptr;
  }
  return params;
}

}  // namespace gbc::syntax
