// gbc's syntax tree as `_ast` nodes (Python/Python-ast.c's ast2obj): one function per node family,
// fields in the target's Python.asdl order, positions from the tree's CPython spans, and the
// expression context each target position gives (Store for assignment targets, Del for `del`).
#include "interp/ast_export.h"

#include <map>
#include <utility>
#include <vector>

#include "interp/complex.h"
#include "native/bigint.h"

namespace gbc::interp {

using namespace syntax;

Value literalToValue(const ConstantValue& v) {
  using K = ConstantValue::Kind;
  switch (v.kind) {
    case K::None:
      return none();
    case K::Bool:
      return pyBool(v.b);
    case K::Int:
      return pyInt(v.i);
    case K::BigInt: {
      auto parsed = native::BigInt::parse(v.str, 10, 0);
      if (auto* b = std::get_if<native::BigInt>(&parsed)) return pyBigInt(std::move(*b));
      return pyFloat(std::stod(v.str));  // (the front end produced a literal it cannot read)
    }
    case K::Float:
      return pyFloat(v.f);
    case K::Complex: {
      VM* vm = currentVM();
      GBC_CHECK(vm != nullptr, "an imaginary literal needs a VM");
      return makeComplex(*vm, 0.0, v.f);
    }
    case K::Str:
      return pyStr(v.str);
    case K::Bytes:
      return std::make_shared<BytesObject>(v.str);
    case K::Ellipsis:
      return ellipsis();
  }
  return none();
}

namespace {

enum class Ctx { Load, Store, Del };

using Fields = std::vector<std::pair<const char*, Value>>;

class Exporter {
 public:
  Exporter(VM& vm) : vm_(vm), ast_(vm.importModule("_ast", nullptr, 0)) {
    v312_ = vm.target().python == "3.12";
  }

  Value module(const StmtList& body) {
    return node("Module", {{"body", stmts(body)}, {"type_ignores", list({})}});
  }
  Value interactive(const StmtList& body) { return node("Interactive", {{"body", stmts(body)}}); }
  Value expression(const Expr& e) { return node("Expression", {{"body", expr(e)}}); }

 private:
  VM& vm_;
  Value ast_;
  bool v312_ = false;
  std::map<std::string, Value> singletons_;  // Load(), Add(), ...: one instance each, as CPython

  static Value list(std::vector<Value> items) { return pyList(std::move(items)); }
  static Value str(const std::string& s) { return pyStr(s); }
  static Value optStr(const std::optional<std::string>& s) { return s ? pyStr(*s) : none(); }

  Value cls(const std::string& name) { return vm_.getAttr(ast_, name); }

  /// A node without running its constructor (no warnings for fields set here).
  Value node(const std::string& name, const Fields& fields) {
    auto obj = std::make_shared<InstanceObject>(std::static_pointer_cast<ClassObject>(cls(name)));
    for (const auto& [field, value] : fields) obj->dict->setStr(field, value);
    return obj;
  }
  Value node(const std::string& name, const Fields& fields, const Span& span) {
    Value n = node(name, fields);
    DictPtr& d = as<InstanceObject>(n).dict;
    d->setStr("lineno", pyInt(span.line));
    d->setStr("col_offset", pyInt(span.col));
    d->setStr("end_lineno", pyInt(span.end_line));
    d->setStr("end_col_offset", pyInt(span.end_col));
    return n;
  }
  Value singleton(const std::string& name) {
    Value& v = singletons_[name];
    if (!v) v = node(name, {});
    return v;
  }
  Value ctx(Ctx c) {
    return singleton(c == Ctx::Load ? "Load" : c == Ctx::Store ? "Store" : "Del");
  }

  Value opt(const ExprPtr& e, Ctx c = Ctx::Load) { return e ? expr(*e, c) : none(); }
  Value exprs(const ExprList& es, Ctx c = Ctx::Load) {
    std::vector<Value> out;
    for (const ExprPtr& e : es) out.push_back(e ? expr(*e, c) : none());
    return list(std::move(out));
  }
  Value stmts(const StmtList& ss) {
    std::vector<Value> out;
    for (const StmtPtr& s : ss) out.push_back(stmt(*s));
    return list(std::move(out));
  }

  static const char* binop(BinOpKind k) {
    static const char* names[] = {"Add", "Sub",    "Mult",   "MatMult", "Div",    "FloorDiv", "Mod",
                                  "Pow", "LShift", "RShift", "BitOr",   "BitXor", "BitAnd"};
    return names[static_cast<int>(k)];
  }
  static const char* cmpop(CmpOpKind k) {
    static const char* names[] = {"Eq",  "NotEq", "Lt",    "LtE", "Gt",
                                  "GtE", "Is",    "IsNot", "In",  "NotIn"};
    return names[static_cast<int>(k)];
  }
  static const char* unaryop(UnaryOpKind k) {
    static const char* names[] = {"Not", "USub", "UAdd", "Invert"};
    return names[static_cast<int>(k)];
  }

  Value keyword(const Keyword& k) {
    return node("keyword", {{"arg", optStr(k.arg)}, {"value", expr(*k.value)}}, k.span);
  }
  Value keywords(const std::vector<Keyword>& ks) {
    std::vector<Value> out;
    for (const Keyword& k : ks) out.push_back(keyword(k));
    return list(std::move(out));
  }
  Value arg(const Arg& a) {
    return node("arg",
                {{"arg", str(a.name)}, {"annotation", opt(a.annotation)}, {"type_comment", none()}},
                a.span);
  }
  Value args(const std::vector<Arg>& as) {
    std::vector<Value> out;
    for (const Arg& a : as) out.push_back(arg(a));
    return list(std::move(out));
  }
  Value arguments(const Parameters* p) {
    if (!p)
      return node("arguments", {{"posonlyargs", list({})},
                                {"args", list({})},
                                {"vararg", none()},
                                {"kwonlyargs", list({})},
                                {"kw_defaults", list({})},
                                {"kwarg", none()},
                                {"defaults", list({})}});
    return node("arguments", {{"posonlyargs", args(p->posonlyargs)},
                              {"args", args(p->args)},
                              {"vararg", p->vararg ? arg(*p->vararg) : none()},
                              {"kwonlyargs", args(p->kwonlyargs)},
                              {"kw_defaults", exprs(p->kw_defaults)},
                              {"kwarg", p->kwarg ? arg(*p->kwarg) : none()},
                              {"defaults", exprs(p->defaults)}});
  }
  Value comprehensions(const std::vector<Comprehension>& gs) {
    std::vector<Value> out;
    for (const Comprehension& g : gs)
      out.push_back(node("comprehension", {{"target", expr(*g.target, Ctx::Store)},
                                           {"iter", expr(*g.iter)},
                                           {"ifs", exprs(g.ifs)},
                                           {"is_async", pyInt(g.is_async ? 1 : 0)}}));
    return list(std::move(out));
  }
  Value typeParams(const std::vector<TypeParam>& ps) {
    std::vector<Value> out;
    for (const TypeParam& p : ps) {
      const char* kind = p.kind == TypeParam::Kind::TypeVar     ? "TypeVar"
                         : p.kind == TypeParam::Kind::ParamSpec ? "ParamSpec"
                                                                : "TypeVarTuple";
      Fields f{{"name", str(p.name)}};
      if (p.kind == TypeParam::Kind::TypeVar) f.push_back({"bound", opt(p.bound)});
      if (!v312_) f.push_back({"default_value", opt(p.default_value)});
      out.push_back(node(kind, f, p.span));
    }
    return list(std::move(out));
  }

  Value fstringParts(const ExprList& values) { return exprs(values); }

  Value expr(const Expr& e, Ctx c = Ctx::Load) {
    const Span& s = e.span;
    switch (e.kind) {
      case ExprKind::Name:
        return node("Name", {{"id", str(e.id)}, {"ctx", ctx(c)}}, s);
      case ExprKind::Constant:
        return node("Constant", {{"value", literalToValue(e.constant)}, {"kind", none()}}, s);
      case ExprKind::JoinedStr:
        return node("JoinedStr", {{"values", fstringParts(e.values)}}, s);
      case ExprKind::TemplateStr:
        return node("TemplateStr", {{"values", fstringParts(e.values)}}, s);
      case ExprKind::FormattedValue:
        return node("FormattedValue",
                    {{"value", expr(*e.value)},
                     {"conversion", pyInt(e.conversion ? e.conversion : -1)},
                     {"format_spec", opt(e.format_spec)}},
                    s);
      case ExprKind::Interpolation:
        return node("Interpolation",
                    {{"value", expr(*e.value)},
                     {"str", str(e.id)},
                     {"conversion", pyInt(e.conversion ? e.conversion : -1)},
                     {"format_spec", opt(e.format_spec)}},
                    s);
      case ExprKind::Attribute:
        return node("Attribute", {{"value", expr(*e.value)}, {"attr", str(e.id)}, {"ctx", ctx(c)}},
                    s);
      case ExprKind::Subscript:
        return node("Subscript",
                    {{"value", expr(*e.value)}, {"slice", expr(*e.slice)}, {"ctx", ctx(c)}}, s);
      case ExprKind::Slice:
        return node("Slice",
                    {{"lower", opt(e.lower)}, {"upper", opt(e.upper)}, {"step", opt(e.step)}}, s);
      case ExprKind::Call:
        return node(
            "Call",
            {{"func", expr(*e.func)}, {"args", exprs(e.args)}, {"keywords", keywords(e.keywords)}},
            s);
      case ExprKind::BinOp:
        return node(
            "BinOp",
            {{"left", expr(*e.left)}, {"op", singleton(binop(e.binop))}, {"right", expr(*e.right)}},
            s);
      case ExprKind::UnaryOp:
        return node("UnaryOp",
                    {{"op", singleton(unaryop(e.unaryop))}, {"operand", expr(*e.operand)}}, s);
      case ExprKind::BoolOp:
        return node("BoolOp",
                    {{"op", singleton(e.boolop == BoolOpKind::And ? "And" : "Or")},
                     {"values", exprs(e.values)}},
                    s);
      case ExprKind::Compare: {
        std::vector<Value> ops;
        for (CmpOpKind k : e.ops) ops.push_back(singleton(cmpop(k)));
        return node("Compare",
                    {{"left", expr(*e.left)},
                     {"ops", list(std::move(ops))},
                     {"comparators", exprs(e.comparators)}},
                    s);
      }
      case ExprKind::IfExp:
        return node("IfExp",
                    {{"test", expr(*e.test)}, {"body", expr(*e.body)}, {"orelse", expr(*e.orelse)}},
                    s);
      case ExprKind::Lambda:
        return node("Lambda", {{"args", arguments(e.params.get())}, {"body", expr(*e.body)}}, s);
      case ExprKind::Tuple:
        return node("Tuple", {{"elts", exprs(e.elts, c)}, {"ctx", ctx(c)}}, s);
      case ExprKind::List:
        return node("List", {{"elts", exprs(e.elts, c)}, {"ctx", ctx(c)}}, s);
      case ExprKind::Set:
        return node("Set", {{"elts", exprs(e.elts)}}, s);
      case ExprKind::Dict:
        return node("Dict", {{"keys", exprs(e.keys)}, {"values", exprs(e.values)}}, s);
      case ExprKind::ListComp:
        return node("ListComp",
                    {{"elt", expr(*e.elt)}, {"generators", comprehensions(e.generators)}}, s);
      case ExprKind::SetComp:
        return node("SetComp",
                    {{"elt", expr(*e.elt)}, {"generators", comprehensions(e.generators)}}, s);
      case ExprKind::GeneratorExp:
        return node("GeneratorExp",
                    {{"elt", expr(*e.elt)}, {"generators", comprehensions(e.generators)}}, s);
      case ExprKind::DictComp:
        return node("DictComp",
                    {{"key", expr(*e.left)},
                     {"value", expr(*e.right)},
                     {"generators", comprehensions(e.generators)}},
                    s);
      case ExprKind::Starred:
        return node("Starred", {{"value", expr(*e.value, c)}, {"ctx", ctx(c)}}, s);
      case ExprKind::NamedExpr:
        return node("NamedExpr", {{"target", namedTarget(e)}, {"value", expr(*e.value)}}, s);
      case ExprKind::Await:
        return node("Await", {{"value", expr(*e.value)}}, s);
      case ExprKind::Yield:
        return node("Yield", {{"value", opt(e.value)}}, s);
      case ExprKind::YieldFrom:
        return node("YieldFrom", {{"value", expr(*e.value)}}, s);
    }
    return none();
  }

  Value namedTarget(const Expr& e) {
    if (e.target) return expr(*e.target, Ctx::Store);
    return node("Name", {{"id", str(e.id)}, {"ctx", ctx(Ctx::Store)}}, e.span);
  }

  Value pattern(const Pattern& p) {
    const Span& s = p.span;
    auto patterns = [&](const std::vector<PatternPtr>& ps) {
      std::vector<Value> out;
      for (const PatternPtr& q : ps) out.push_back(pattern(*q));
      return list(std::move(out));
    };
    switch (p.kind) {
      case PatternKind::MatchValue:
        return node("MatchValue", {{"value", expr(*p.value)}}, s);
      case PatternKind::MatchSingleton:
        return node("MatchSingleton", {{"value", literalToValue(p.singleton)}}, s);
      case PatternKind::MatchSequence:
        return node("MatchSequence", {{"patterns", patterns(p.patterns)}}, s);
      case PatternKind::MatchMapping:
        return node(
            "MatchMapping",
            {{"keys", exprs(p.keys)}, {"patterns", patterns(p.patterns)}, {"rest", optStr(p.rest)}},
            s);
      case PatternKind::MatchClass: {
        std::vector<Value> attrs;
        for (const std::string& a : p.kwd_attrs) attrs.push_back(str(a));
        return node("MatchClass",
                    {{"cls", expr(*p.cls)},
                     {"patterns", patterns(p.patterns)},
                     {"kwd_attrs", list(std::move(attrs))},
                     {"kwd_patterns", patterns(p.kwd_patterns)}},
                    s);
      }
      case PatternKind::MatchStar:
        return node("MatchStar", {{"name", optStr(p.name)}}, s);
      case PatternKind::MatchAs:
        return node(
            "MatchAs",
            {{"pattern", p.pattern ? pattern(*p.pattern) : none()}, {"name", optStr(p.name)}}, s);
      case PatternKind::MatchOr:
        return node("MatchOr", {{"patterns", patterns(p.patterns)}}, s);
    }
    return none();
  }

  Value stmt(const Stmt& st) {
    const Span& s = st.span;
    switch (st.kind) {
      case StmtKind::Expr:
        return node("Expr", {{"value", expr(*st.value)}}, s);
      case StmtKind::Assign:
        return node("Assign",
                    {{"targets", exprs(st.targets, Ctx::Store)},
                     {"value", expr(*st.value)},
                     {"type_comment", none()}},
                    s);
      case StmtKind::AugAssign:
        return node("AugAssign",
                    {{"target", expr(*st.target, Ctx::Store)},
                     {"op", singleton(binop(st.op))},
                     {"value", expr(*st.value)}},
                    s);
      case StmtKind::AnnAssign:
        return node("AnnAssign",
                    {{"target", expr(*st.target, Ctx::Store)},
                     {"annotation", expr(*st.annotation)},
                     {"value", opt(st.value)},
                     {"simple", pyInt(st.simple ? 1 : 0)}},
                    s);
      case StmtKind::Return:
        return node("Return", {{"value", opt(st.value)}}, s);
      case StmtKind::If:
        return node(
            "If",
            {{"test", expr(*st.test)}, {"body", stmts(st.body)}, {"orelse", stmts(st.orelse)}}, s);
      case StmtKind::While:
        return node(
            "While",
            {{"test", expr(*st.test)}, {"body", stmts(st.body)}, {"orelse", stmts(st.orelse)}}, s);
      case StmtKind::For:
        return node(st.is_async ? "AsyncFor" : "For",
                    {{"target", expr(*st.target, Ctx::Store)},
                     {"iter", expr(*st.iter)},
                     {"body", stmts(st.body)},
                     {"orelse", stmts(st.orelse)},
                     {"type_comment", none()}},
                    s);
      case StmtKind::Break:
        return node("Break", {}, s);
      case StmtKind::Continue:
        return node("Continue", {}, s);
      case StmtKind::Pass:
        return node("Pass", {}, s);
      case StmtKind::FunctionDef: {
        Fields f{{"name", str(st.name)},
                 {"args", arguments(st.params.get())},
                 {"body", stmts(st.body)},
                 {"decorator_list", exprs(st.decorators)},
                 {"returns", opt(st.returns)},
                 {"type_comment", none()},
                 {"type_params", typeParams(st.type_params)}};
        return node(st.is_async ? "AsyncFunctionDef" : "FunctionDef", f, s);
      }
      case StmtKind::ClassDef:
        return node("ClassDef",
                    {{"name", str(st.name)},
                     {"bases", exprs(st.bases)},
                     {"keywords", keywords(st.keywords)},
                     {"body", stmts(st.body)},
                     {"decorator_list", exprs(st.decorators)},
                     {"type_params", typeParams(st.type_params)}},
                    s);
      case StmtKind::With: {
        std::vector<Value> items;
        for (const WithItem& w : st.items)
          items.push_back(node("withitem", {{"context_expr", expr(*w.context_expr)},
                                            {"optional_vars", opt(w.optional_vars, Ctx::Store)}}));
        return node(
            st.is_async ? "AsyncWith" : "With",
            {{"items", list(std::move(items))}, {"body", stmts(st.body)}, {"type_comment", none()}},
            s);
      }
      case StmtKind::Try: {
        std::vector<Value> handlers;
        for (const ExceptHandler& h : st.handlers)
          handlers.push_back(node(
              "ExceptHandler",
              {{"type", opt(h.type)}, {"name", optStr(h.name)}, {"body", stmts(h.body)}}, h.span));
        return node(st.is_star ? "TryStar" : "Try",
                    {{"body", stmts(st.body)},
                     {"handlers", list(std::move(handlers))},
                     {"orelse", stmts(st.orelse)},
                     {"finalbody", stmts(st.finalbody)}},
                    s);
      }
      case StmtKind::Raise:
        return node("Raise", {{"exc", opt(st.exc)}, {"cause", opt(st.cause)}}, s);
      case StmtKind::Import:
      case StmtKind::ImportFrom: {
        std::vector<Value> names;
        for (const Alias& a : st.names)
          names.push_back(
              node("alias", {{"name", str(a.name)}, {"asname", optStr(a.asname)}}, a.span));
        if (st.kind == StmtKind::Import)
          return node("Import", {{"names", list(std::move(names))}}, s);
        return node("ImportFrom",
                    {{"module", st.module.empty() ? none() : str(st.module)},
                     {"names", list(std::move(names))},
                     {"level", pyInt(st.level)}},
                    s);
      }
      case StmtKind::Global:
      case StmtKind::Nonlocal: {
        std::vector<Value> names;
        for (const std::string& n : st.identifiers) names.push_back(str(n));
        return node(st.kind == StmtKind::Global ? "Global" : "Nonlocal",
                    {{"names", list(std::move(names))}}, s);
      }
      case StmtKind::Assert:
        return node("Assert", {{"test", expr(*st.test)}, {"msg", opt(st.msg)}}, s);
      case StmtKind::Delete:
        return node("Delete", {{"targets", exprs(st.targets, Ctx::Del)}}, s);
      case StmtKind::Match: {
        std::vector<Value> cases;
        for (const MatchCase& m : st.cases)
          cases.push_back(node("match_case", {{"pattern", pattern(*m.pattern)},
                                              {"guard", opt(m.guard)},
                                              {"body", stmts(m.body)}}));
        return node("Match", {{"subject", expr(*st.value)}, {"cases", list(std::move(cases))}}, s);
      }
      case StmtKind::TypeAlias:
        return node("TypeAlias",
                    {{"name", expr(*st.target, Ctx::Store)},
                     {"type_params", typeParams(st.type_params)},
                     {"value", expr(*st.value)}},
                    s);
    }
    return none();
  }
};

}  // namespace

Value astToPython(VM& vm, const syntax::Module& module, const std::string& mode,
                  const std::string& filename) {
  Exporter exporter(vm);
  if (mode == "single") return exporter.interactive(module.body);
  if (mode == "eval") {
    if (module.body.size() != 1 || module.body.front()->kind != StmtKind::Expr) {
      // what CPython's parser says of a statement where an expression must stand: at the
      // statement, or for an assignment at its operator (`x = 1`: offset 3)
      Span at = module.body.empty() ? Span{1, 0, 1, 0} : module.body.front()->span;
      uint32_t offset = at.col + 1;
      const Stmt& first = *module.body.front();
      const Expr* target =
          !first.targets.empty() ? first.targets.front().get() : first.target.get();
      if (target && module.source && target->span.end_line == at.line) {
        std::string_view line = module.source->line(at.line);
        size_t i = target->span.end_col;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        offset = static_cast<uint32_t>(i + 1);
      }
      CallArgs a;
      a.args = {pyStr("invalid syntax"),
                pyTuple({pyStr(filename), pyInt(at.line), pyInt(offset), none(), none(), none()})};
      Value exc = vm.call(vm.b().by_name["SyntaxError"], a);
      throw PyRaise{exc};
    }
    return exporter.expression(*module.body.front()->value);
  }
  return exporter.module(module.body);
}

}  // namespace gbc::interp
