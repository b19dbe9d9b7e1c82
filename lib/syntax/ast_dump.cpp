// dumpAst: mirrors tools/cpython_ast_dump.py line for line; change both together.
#include "syntax/ast_dump.h"

#include <cstdio>

#include "base/check.h"

namespace gbc::syntax {

namespace {

const char* binOpName(BinOpKind op) {
  switch (op) {
    case BinOpKind::Add:
      return "Add";
    case BinOpKind::Sub:
      return "Sub";
    case BinOpKind::Mult:
      return "Mult";
    case BinOpKind::MatMult:
      return "MatMult";
    case BinOpKind::Div:
      return "Div";
    case BinOpKind::FloorDiv:
      return "FloorDiv";
    case BinOpKind::Mod:
      return "Mod";
    case BinOpKind::Pow:
      return "Pow";
    case BinOpKind::LShift:
      return "LShift";
    case BinOpKind::RShift:
      return "RShift";
    case BinOpKind::BitOr:
      return "BitOr";
    case BinOpKind::BitXor:
      return "BitXor";
    case BinOpKind::BitAnd:
      return "BitAnd";
  }
  GBC_UNREACHABLE("BinOpKind");
}

const char* unaryOpName(UnaryOpKind op) {
  switch (op) {
    case UnaryOpKind::Not:
      return "Not";
    case UnaryOpKind::USub:
      return "USub";
    case UnaryOpKind::UAdd:
      return "UAdd";
    case UnaryOpKind::Invert:
      return "Invert";
  }
  GBC_UNREACHABLE("UnaryOpKind");
}

const char* cmpOpName(CmpOpKind op) {
  switch (op) {
    case CmpOpKind::Eq:
      return "Eq";
    case CmpOpKind::NotEq:
      return "NotEq";
    case CmpOpKind::Lt:
      return "Lt";
    case CmpOpKind::LtE:
      return "LtE";
    case CmpOpKind::Gt:
      return "Gt";
    case CmpOpKind::GtE:
      return "GtE";
    case CmpOpKind::Is:
      return "Is";
    case CmpOpKind::IsNot:
      return "IsNot";
    case CmpOpKind::In:
      return "In";
    case CmpOpKind::NotIn:
      return "NotIn";
  }
  GBC_UNREACHABLE("CmpOpKind");
}

std::string escaped(const std::string& bytes) {
  std::string out = "'";
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7F && c != '\\' && c != '\'') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out + "'";
}

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string constantText(const ConstantValue& v) {
  switch (v.kind) {
    case ConstantValue::Kind::None:
      return "None";
    case ConstantValue::Kind::Bool:
      return v.b ? "True" : "False";
    case ConstantValue::Kind::Int:
      return std::to_string(v.i);
    case ConstantValue::Kind::BigInt:
      return v.str;
    case ConstantValue::Kind::Float:
      return number(v.f);
    case ConstantValue::Kind::Complex:
      return number(v.f) + "j";
    case ConstantValue::Kind::Str:
      return "s" + escaped(v.str);
    case ConstantValue::Kind::Bytes:
      return "b" + escaped(v.str);
    case ConstantValue::Kind::Ellipsis:
      return "Ellipsis";
  }
  GBC_UNREACHABLE("ConstantValue::Kind");
}

std::string spanText(const Span& s) {
  return std::to_string(s.line) + ":" + std::to_string(s.col) + "-" + std::to_string(s.end_line) +
         ":" + std::to_string(s.end_col);
}

class Dumper {
 public:
  std::string out;

  void line(int depth, const std::string& text) {
    out.append(static_cast<size_t>(depth) * 2, ' ');
    out += text;
    out += '\n';
  }
  void field(int depth, const char* name, const ExprPtr& e) {
    if (!e) return;
    line(depth, std::string(name) + ":");
    expr(depth + 1, *e);
  }
  void field(int depth, const char* name, const ExprList& list) {
    if (list.empty()) return;
    line(depth, std::string(name) + ":");
    for (const ExprPtr& e : list) {
      if (e)
        expr(depth + 1, *e);
      else
        line(depth + 1, "-");
    }
  }
  void field(int depth, const char* name, const StmtList& list) {
    if (list.empty()) return;
    line(depth, std::string(name) + ":");
    for (const StmtPtr& s : list) stmt(depth + 1, *s);
  }
  void keywords(int depth, const std::vector<Keyword>& kws) {
    if (kws.empty()) return;
    line(depth, "keywords:");
    for (const Keyword& k : kws) {
      line(depth + 1, "keyword " + spanText(k.span) + " arg=" + k.arg.value_or("**"));
      field(depth + 2, "value", k.value);
    }
  }
  void arg(int depth, const Arg& a) {
    line(depth, "arg " + spanText(a.span) + " name=" + a.name);
    field(depth + 1, "annotation", a.annotation);
  }
  void args(int depth, const char* name, const std::vector<Arg>& list) {
    if (list.empty()) return;
    line(depth, std::string(name) + ":");
    for (const Arg& a : list) arg(depth + 1, a);
  }
  void params(int depth, const Parameters* p) {
    if (!p) return;
    line(depth, "args:");
    line(depth + 1, "arguments");
    int d = depth + 2;
    args(d, "posonlyargs", p->posonlyargs);
    args(d, "args", p->args);
    if (p->vararg) {
      line(d, "vararg:");
      arg(d + 1, *p->vararg);
    }
    args(d, "kwonlyargs", p->kwonlyargs);
    field(d, "kw_defaults", p->kw_defaults);
    if (p->kwarg) {
      line(d, "kwarg:");
      arg(d + 1, *p->kwarg);
    }
    field(d, "defaults", p->defaults);
  }
  void generators(int depth, const std::vector<Comprehension>& gens) {
    if (gens.empty()) return;
    line(depth, "generators:");
    for (const Comprehension& g : gens) {
      line(depth + 1, std::string("comprehension async=") + (g.is_async ? "1" : "0"));
      field(depth + 2, "target", g.target);
      field(depth + 2, "iter", g.iter);
      field(depth + 2, "ifs", g.ifs);
    }
  }

  void typeParams(int depth, const std::vector<TypeParam>& tps) {
    if (tps.empty()) return;
    line(depth, "type_params:");
    for (const TypeParam& tp : tps) {
      const char* k = tp.kind == TypeParam::Kind::TypeVar     ? "TypeVar "
                      : tp.kind == TypeParam::Kind::ParamSpec ? "ParamSpec "
                                                              : "TypeVarTuple ";
      line(depth + 1, k + spanText(tp.span) + " name=" + tp.name);
      field(depth + 2, "bound", tp.bound);
      field(depth + 2, "default_value", tp.default_value);
    }
  }
  void pattern(int depth, const char* name, const PatternPtr& p) {
    if (!p) return;
    line(depth, std::string(name) + ":");
    pattern(depth + 1, *p);
  }
  void patterns(int depth, const char* name, const std::vector<PatternPtr>& list) {
    if (list.empty()) return;
    line(depth, std::string(name) + ":");
    for (const PatternPtr& p : list) pattern(depth + 1, *p);
  }
  void pattern(int depth, const Pattern& p);
  void expr(int depth, const Expr& e);
  void stmt(int depth, const Stmt& s);
};

void Dumper::pattern(int depth, const Pattern& p) {
  const std::string s = spanText(p.span);
  const int d = depth + 1;
  switch (p.kind) {
    case PatternKind::MatchValue:
      line(depth, "MatchValue " + s);
      return field(d, "value", p.value);
    case PatternKind::MatchSingleton:
      return line(depth, "MatchSingleton " + s + " value=" + constantText(p.singleton));
    case PatternKind::MatchSequence:
      line(depth, "MatchSequence " + s);
      return patterns(d, "patterns", p.patterns);
    case PatternKind::MatchMapping:
      line(depth, "MatchMapping " + s + " rest=" + p.rest.value_or("-"));
      field(d, "keys", p.keys);
      return patterns(d, "patterns", p.patterns);
    case PatternKind::MatchClass: {
      std::string attrs;
      for (const std::string& a : p.kwd_attrs) attrs += (attrs.empty() ? "" : ",") + a;
      line(depth, "MatchClass " + s + " kwd_attrs=" + attrs);
      field(d, "cls", p.cls);
      patterns(d, "patterns", p.patterns);
      return patterns(d, "kwd_patterns", p.kwd_patterns);
    }
    case PatternKind::MatchStar:
      return line(depth, "MatchStar " + s + " name=" + p.name.value_or("-"));
    case PatternKind::MatchAs:
      line(depth, "MatchAs " + s + " name=" + p.name.value_or("-"));
      return pattern(d, "pattern", p.pattern);
    case PatternKind::MatchOr:
      line(depth, "MatchOr " + s);
      return patterns(d, "patterns", p.patterns);
  }
  GBC_UNREACHABLE("PatternKind");
}

void Dumper::expr(int depth, const Expr& e) {
  const std::string s = spanText(e.span);
  const int d = depth + 1;
  switch (e.kind) {
    case ExprKind::Name:
      return line(depth, "Name " + s + " id=" + e.id);
    case ExprKind::Constant:
      return line(depth, "Constant " + s + " value=" + constantText(e.constant));
    case ExprKind::JoinedStr:
      line(depth, "JoinedStr " + s);
      return field(d, "values", e.values);
    case ExprKind::FormattedValue:
      line(depth, "FormattedValue " + s + " conversion=" + std::to_string(e.conversion));
      field(d, "value", e.value);
      return field(d, "format_spec", e.format_spec);
    case ExprKind::TemplateStr:
      line(depth, "TemplateStr " + s);
      return field(d, "values", e.values);
    case ExprKind::Interpolation:
      line(depth, "Interpolation " + s + " str=" + escaped(e.id) +
                      " conversion=" + std::to_string(e.conversion));
      field(d, "value", e.value);
      return field(d, "format_spec", e.format_spec);
    case ExprKind::Attribute:
      line(depth, "Attribute " + s + " attr=" + e.id);
      return field(d, "value", e.value);
    case ExprKind::Subscript:
      line(depth, "Subscript " + s);
      field(d, "value", e.value);
      return field(d, "slice", e.slice);
    case ExprKind::Slice:
      line(depth, "Slice " + s);
      field(d, "lower", e.lower);
      field(d, "upper", e.upper);
      return field(d, "step", e.step);
    case ExprKind::Call:
      line(depth, "Call " + s);
      field(d, "func", e.func);
      field(d, "args", e.args);
      return keywords(d, e.keywords);
    case ExprKind::BinOp:
      line(depth, "BinOp " + s + " op=" + binOpName(e.binop));
      field(d, "left", e.left);
      return field(d, "right", e.right);
    case ExprKind::UnaryOp:
      line(depth, "UnaryOp " + s + " op=" + unaryOpName(e.unaryop));
      return field(d, "operand", e.operand);
    case ExprKind::BoolOp:
      line(depth, "BoolOp " + s + " op=" + (e.boolop == BoolOpKind::And ? "And" : "Or"));
      return field(d, "values", e.values);
    case ExprKind::Compare: {
      std::string ops;
      for (CmpOpKind op : e.ops) ops += (ops.empty() ? "" : ",") + std::string(cmpOpName(op));
      line(depth, "Compare " + s + " ops=" + ops);
      field(d, "left", e.left);
      return field(d, "comparators", e.comparators);
    }
    case ExprKind::IfExp:
      line(depth, "IfExp " + s);
      field(d, "test", e.test);
      field(d, "body", e.body);
      return field(d, "orelse", e.orelse);
    case ExprKind::Lambda:
      line(depth, "Lambda " + s);
      params(d, e.params.get());
      return field(d, "body", e.body);
    case ExprKind::Tuple:
    case ExprKind::List:
    case ExprKind::Set:
      line(depth, std::string(e.kind == ExprKind::Tuple  ? "Tuple "
                              : e.kind == ExprKind::List ? "List "
                                                         : "Set ") +
                      s);
      return field(d, "elts", e.elts);
    case ExprKind::Dict:
      line(depth, "Dict " + s);
      field(d, "keys", e.keys);
      return field(d, "values", e.values);
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::GeneratorExp:
      line(depth, std::string(e.kind == ExprKind::ListComp  ? "ListComp "
                              : e.kind == ExprKind::SetComp ? "SetComp "
                                                            : "GeneratorExp ") +
                      s);
      field(d, "elt", e.elt);
      return generators(d, e.generators);
    case ExprKind::DictComp:
      line(depth, "DictComp " + s);
      field(d, "key", e.left);
      field(d, "value", e.right);
      return generators(d, e.generators);
    case ExprKind::NamedExpr:
      line(depth, "NamedExpr " + s);
      field(d, "target", e.target);
      return field(d, "value", e.value);
    case ExprKind::Starred:
    case ExprKind::Await:
    case ExprKind::Yield:
    case ExprKind::YieldFrom: {
      const char* k = e.kind == ExprKind::Starred ? "Starred "
                      : e.kind == ExprKind::Await ? "Await "
                      : e.kind == ExprKind::Yield ? "Yield "
                                                  : "YieldFrom ";
      line(depth, k + s);
      return field(d, "value", e.value);
    }
  }
  GBC_UNREACHABLE("ExprKind");
}

void Dumper::stmt(int depth, const Stmt& st) {
  const std::string s = spanText(st.span);
  const int d = depth + 1;
  switch (st.kind) {
    case StmtKind::FunctionDef:
      line(depth, "FunctionDef " + s + " name=" + st.name + " async=" + (st.is_async ? "1" : "0"));
      field(d, "decorators", st.decorators);
      typeParams(d, st.type_params);
      params(d, st.params.get());
      field(d, "returns", st.returns);
      return field(d, "body", st.body);
    case StmtKind::ClassDef:
      line(depth, "ClassDef " + s + " name=" + st.name);
      field(d, "decorators", st.decorators);
      typeParams(d, st.type_params);
      field(d, "bases", st.bases);
      keywords(d, st.keywords);
      return field(d, "body", st.body);
    case StmtKind::For:
      line(depth, "For " + s + " async=" + (st.is_async ? "1" : "0"));
      field(d, "target", st.target);
      field(d, "iter", st.iter);
      field(d, "body", st.body);
      return field(d, "orelse", st.orelse);
    case StmtKind::While:
    case StmtKind::If:
      line(depth, (st.kind == StmtKind::While ? "While " : "If ") + s);
      field(d, "test", st.test);
      field(d, "body", st.body);
      return field(d, "orelse", st.orelse);
    case StmtKind::With:
      line(depth, "With " + s + " async=" + (st.is_async ? "1" : "0"));
      if (!st.items.empty()) line(d, "items:");
      for (const WithItem& item : st.items) {
        line(d + 1, "withitem");
        field(d + 2, "context_expr", item.context_expr);
        field(d + 2, "optional_vars", item.optional_vars);
      }
      return field(d, "body", st.body);
    case StmtKind::Try:
      line(depth, "Try " + s + " star=" + (st.is_star ? "1" : "0"));
      field(d, "body", st.body);
      if (!st.handlers.empty()) line(d, "handlers:");
      for (const ExceptHandler& h : st.handlers) {
        line(d + 1, "ExceptHandler " + spanText(h.span) + " name=" + h.name.value_or("-"));
        field(d + 2, "type", h.type);
        field(d + 2, "body", h.body);
      }
      field(d, "orelse", st.orelse);
      return field(d, "finalbody", st.finalbody);
    case StmtKind::Raise:
      line(depth, "Raise " + s);
      field(d, "exc", st.exc);
      return field(d, "cause", st.cause);
    case StmtKind::Import:
    case StmtKind::ImportFrom:
      if (st.kind == StmtKind::Import)
        line(depth, "Import " + s);
      else
        line(depth,
             "ImportFrom " + s + " module=" + st.module + " level=" + std::to_string(st.level));
      if (!st.names.empty()) line(d, "names:");
      for (const Alias& a : st.names)
        line(d + 1,
             "alias " + spanText(a.span) + " name=" + a.name + " asname=" + a.asname.value_or("-"));
      return;
    case StmtKind::Global:
    case StmtKind::Nonlocal: {
      std::string names;
      for (const std::string& n : st.identifiers) names += (names.empty() ? "" : ",") + n;
      return line(depth,
                  (st.kind == StmtKind::Global ? "Global " : "Nonlocal ") + s + " names=" + names);
    }
    case StmtKind::Assert:
      line(depth, "Assert " + s);
      field(d, "test", st.test);
      return field(d, "msg", st.msg);
    case StmtKind::Delete:
      line(depth, "Delete " + s);
      return field(d, "targets", st.targets);
    case StmtKind::Match:
      line(depth, "Match " + s);
      field(d, "subject", st.value);
      if (!st.cases.empty()) line(d, "cases:");
      for (const MatchCase& c : st.cases) {
        line(d + 1, "match_case");
        pattern(d + 2, "pattern", c.pattern);
        field(d + 2, "guard", c.guard);
        field(d + 2, "body", c.body);
      }
      return;
    case StmtKind::TypeAlias:
      line(depth, "TypeAlias " + s);
      field(d, "name", st.target);
      typeParams(d, st.type_params);
      return field(d, "value", st.value);
    case StmtKind::Expr:
      line(depth, "Expr " + s);
      return field(d, "value", st.value);
    case StmtKind::Assign:
      line(depth, "Assign " + s);
      field(d, "targets", st.targets);
      return field(d, "value", st.value);
    case StmtKind::AugAssign:
      line(depth, "AugAssign " + s + " op=" + binOpName(st.op));
      field(d, "target", st.target);
      return field(d, "value", st.value);
    case StmtKind::AnnAssign:
      line(depth, "AnnAssign " + s + (st.simple ? "" : " simple=0"));
      field(d, "target", st.target);
      field(d, "annotation", st.annotation);
      return field(d, "value", st.value);
    case StmtKind::Return:
      line(depth, "Return " + s);
      return field(d, "value", st.value);
    case StmtKind::Pass:
      return line(depth, "Pass " + s);
    case StmtKind::Break:
      return line(depth, "Break " + s);
    case StmtKind::Continue:
      return line(depth, "Continue " + s);
  }
  GBC_UNREACHABLE("StmtKind");
}

}  // namespace

std::string dumpAst(const Module& module) {
  Dumper d;
  d.line(0, "Module");
  for (const StmtPtr& s : module.body) d.stmt(1, *s);
  return d.out;
}

std::string dumpExpr(const Expr& expr) {
  Dumper d;
  d.expr(0, expr);
  return d.out;
}

}  // namespace gbc::syntax
