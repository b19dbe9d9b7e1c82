// Expression to source text, as CPython's ast_unparse.c writes it: the annotations of a module
// under `from __future__ import annotations` are these strings. Parentheses come from operator
// precedence, not from the source; constants are their repr().
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::BinOpKind;
using syntax::CmpOpKind;
using syntax::Expr;
using syntax::ExprKind;
using syntax::UnaryOpKind;

namespace {

// CPython's precedence levels (ast_unparse.c).
enum Prec {
  kTuple,
  kTest,  // if-else, lambda
  kOr,
  kAnd,
  kNot,
  kCmp,
  kBor,  // also PR_EXPR
  kBxor,
  kBand,
  kShift,
  kArith,
  kTerm,
  kFactor,
  kPower,
  kAwait,
  kAtom,
};

/// repr() of a float: the shortest digits that read back, scientific below 1e-4 and from 1e16.
std::string floatRepr(double d) {
  if (std::isinf(d)) return d > 0 ? "1e309" : "-1e309";  // ast_unparse's stand-in for inf
  if (std::isnan(d)) return "nan";
  char buf[40];
  int prec = 1;
  for (; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  // buf: d.ddde[+-]XX with `prec` significant digits
  std::string s = buf;
  size_t e = s.find('e');
  int exp = std::atoi(s.c_str() + e + 1);
  std::string mant = s.substr(0, e);
  bool neg = mant[0] == '-';
  if (neg) mant.erase(0, 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out;
  if (exp < -4 || exp >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    out += eb;
  } else if (exp < 0) {
    out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
  } else {
    size_t point = static_cast<size_t>(exp) + 1;
    if (digits.size() <= point) {
      out = digits + std::string(point - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, point) + "." + digits.substr(point);
    }
  }
  return (neg ? "-" : "") + out;
}

const char* binOpText(BinOpKind op, int& prec) {
  switch (op) {
    case BinOpKind::Add:
      return prec = kArith, " + ";
    case BinOpKind::Sub:
      return prec = kArith, " - ";
    case BinOpKind::Mult:
      return prec = kTerm, " * ";
    case BinOpKind::MatMult:
      return prec = kTerm, " @ ";
    case BinOpKind::Div:
      return prec = kTerm, " / ";
    case BinOpKind::FloorDiv:
      return prec = kTerm, " // ";
    case BinOpKind::Mod:
      return prec = kTerm, " % ";
    case BinOpKind::Pow:
      return prec = kPower, " ** ";
    case BinOpKind::LShift:
      return prec = kShift, " << ";
    case BinOpKind::RShift:
      return prec = kShift, " >> ";
    case BinOpKind::BitOr:
      return prec = kBor, " | ";
    case BinOpKind::BitXor:
      return prec = kBxor, " ^ ";
    case BinOpKind::BitAnd:
      return prec = kBand, " & ";
  }
  GBC_UNREACHABLE("binary operator");
}

const char* cmpText(CmpOpKind op) {
  switch (op) {
    case CmpOpKind::Eq:
      return " == ";
    case CmpOpKind::NotEq:
      return " != ";
    case CmpOpKind::Lt:
      return " < ";
    case CmpOpKind::LtE:
      return " <= ";
    case CmpOpKind::Gt:
      return " > ";
    case CmpOpKind::GtE:
      return " >= ";
    case CmpOpKind::Is:
      return " is ";
    case CmpOpKind::IsNot:
      return " is not ";
    case CmpOpKind::In:
      return " in ";
    case CmpOpKind::NotIn:
      return " not in ";
  }
  GBC_UNREACHABLE("comparison operator");
}

class Unparser {
 public:
  std::string out;

  void expr(const Expr& e, int level);

 private:
  void open(bool cond) {
    if (cond) out += '(';
  }
  void close(bool cond) {
    if (cond) out += ')';
  }
  void constant(const syntax::ConstantValue& v);
  void args(const syntax::Parameters& p);
  void comprehensions(const std::vector<syntax::Comprehension>& gens);
  void fstringBody(const syntax::ExprList& values, std::string& body);
  void formatted(const Expr& e, std::string& body);
};

void Unparser::constant(const syntax::ConstantValue& v) {
  using K = syntax::ConstantValue::Kind;
  switch (v.kind) {
    case K::None:
      out += "None";
      return;
    case K::Bool:
      out += v.b ? "True" : "False";
      return;
    case K::Int:
      out += std::to_string(v.i);
      return;
    case K::BigInt:
      out += v.str;
      return;
    case K::Float:
      out += floatRepr(v.f);
      return;
    case K::Complex:
      out += floatRepr(v.f) + "j";
      return;
    case K::Str:
      out += pyStringRepr(v.str, false);
      return;
    case K::Bytes:
      out += pyStringRepr(v.str, true);
      return;
    case K::Ellipsis:
      out += "...";
      return;
  }
}

void Unparser::args(const syntax::Parameters& p) {
  bool first = true;
  auto sep = [&] {
    if (!first) out += ", ";
    first = false;
  };
  const size_t npos = p.posonlyargs.size() + p.args.size();
  const size_t first_default = npos - p.defaults.size();
  size_t i = 0;
  auto positional = [&](const syntax::Arg& a) {
    sep();
    out += a.name;
    if (i >= first_default) {
      out += "=";
      expr(*p.defaults[i - first_default], kTest);
    }
    ++i;
  };
  for (const auto& a : p.posonlyargs) positional(a);
  if (!p.posonlyargs.empty()) {
    sep();
    out += "/";
  }
  for (const auto& a : p.args) positional(a);
  if (p.vararg || !p.kwonlyargs.empty()) {
    sep();
    out += "*";
    if (p.vararg) out += p.vararg->name;
  }
  for (size_t k = 0; k < p.kwonlyargs.size(); ++k) {
    sep();
    out += p.kwonlyargs[k].name;
    if (k < p.kw_defaults.size() && p.kw_defaults[k]) {
      out += "=";
      expr(*p.kw_defaults[k], kTest);
    }
  }
  if (p.kwarg) {
    sep();
    out += "**" + p.kwarg->name;
  }
}

void Unparser::comprehensions(const std::vector<syntax::Comprehension>& gens) {
  for (const auto& g : gens) {
    out += g.is_async ? " async for " : " for ";
    expr(*g.target, kTuple);
    out += " in ";
    expr(*g.iter, kTest + 1);
    for (const auto& cond : g.ifs) {
      out += " if ";
      expr(*cond, kTest + 1);
    }
  }
}

void Unparser::formatted(const Expr& e, std::string& body) {
  Unparser inner;
  inner.expr(*e.value, kTest + 1);
  body += inner.out.rfind('{', 0) == 0 ? "{ " : "{";
  body += inner.out;
  if (e.conversion > 0) {
    body += '!';
    body += static_cast<char>(e.conversion);
  }
  if (e.format_spec) {
    body += ':';
    fstringBody(e.format_spec->values, body);
  }
  body += '}';
}

void Unparser::fstringBody(const syntax::ExprList& values, std::string& body) {
  for (const auto& v : values) {
    if (v->kind == ExprKind::Constant) {
      for (char c : v->constant.str) {
        body += c;
        if (c == '{' || c == '}') body += c;
      }
    } else {
      formatted(*v, body);
    }
  }
}

void Unparser::expr(const Expr& e, int level) {
  switch (e.kind) {
    case ExprKind::BoolOp: {
      const int pr = e.boolop == syntax::BoolOpKind::And ? kAnd : kOr;
      open(level > pr);
      for (size_t i = 0; i < e.values.size(); ++i) {
        if (i) out += pr == kAnd ? " and " : " or ";
        expr(*e.values[i], pr + 1);
      }
      return close(level > pr);
    }
    case ExprKind::BinOp: {
      int pr = 0;
      const char* op = binOpText(e.binop, pr);
      const bool rassoc = e.binop == BinOpKind::Pow;
      open(level > pr);
      expr(*e.left, pr + (rassoc ? 1 : 0));
      out += op;
      expr(*e.right, pr + (rassoc ? 0 : 1));
      return close(level > pr);
    }
    case ExprKind::UnaryOp: {
      const int pr = e.unaryop == UnaryOpKind::Not ? kNot : kFactor;
      const char* op = e.unaryop == UnaryOpKind::Not      ? "not "
                       : e.unaryop == UnaryOpKind::Invert ? "~"
                       : e.unaryop == UnaryOpKind::UAdd   ? "+"
                                                          : "-";
      open(level > pr);
      out += op;
      expr(*e.operand, pr);
      return close(level > pr);
    }
    case ExprKind::Lambda: {
      open(level > kTest);
      // CPython writes "lambda " only when there are positional parameters ("lambda*a: 1").
      out += e.params->args.empty() && e.params->posonlyargs.empty() ? "lambda" : "lambda ";
      args(*e.params);
      out += ": ";
      expr(*e.body, kTest);
      return close(level > kTest);
    }
    case ExprKind::IfExp:
      open(level > kTest);
      expr(*e.body, kTest + 1);
      out += " if ";
      expr(*e.test, kTest + 1);
      out += " else ";
      expr(*e.orelse, kTest);
      return close(level > kTest);
    case ExprKind::Dict:
      out += "{";
      for (size_t i = 0; i < e.values.size(); ++i) {
        if (i) out += ", ";
        if (e.keys[i]) {
          expr(*e.keys[i], kTest);
          out += ": ";
          expr(*e.values[i], kTest);
        } else {
          out += "**";
          expr(*e.values[i], kBor);
        }
      }
      out += "}";
      return;
    case ExprKind::Set:
      if (e.elts.empty()) {
        out += "{*()}";
        return;
      }
      out += "{";
      for (size_t i = 0; i < e.elts.size(); ++i) {
        if (i) out += ", ";
        expr(*e.elts[i], kTest);
      }
      out += "}";
      return;
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::GeneratorExp:
      out += e.kind == ExprKind::ListComp ? "[" : e.kind == ExprKind::SetComp ? "{" : "(";
      expr(*e.elt, kTest);
      comprehensions(e.generators);
      out += e.kind == ExprKind::ListComp ? "]" : e.kind == ExprKind::SetComp ? "}" : ")";
      return;
    case ExprKind::DictComp:
      out += "{";
      expr(*e.left, kTest);
      out += ": ";
      expr(*e.right, kTest);
      comprehensions(e.generators);
      out += "}";
      return;
    case ExprKind::Await:
      open(level > kAwait);
      out += "await ";
      expr(*e.value, kAtom);
      return close(level > kAwait);
    case ExprKind::Yield:
      out += "(yield";
      if (e.value) {
        out += " ";
        expr(*e.value, kTest);
      }
      out += ")";
      return;
    case ExprKind::YieldFrom:
      out += "(yield from ";
      expr(*e.value, kTest);
      out += ")";
      return;
    case ExprKind::Compare:
      open(level > kCmp);
      expr(*e.left, kCmp + 1);
      for (size_t i = 0; i < e.ops.size(); ++i) {
        out += cmpText(e.ops[i]);
        expr(*e.comparators[i], kCmp + 1);
      }
      return close(level > kCmp);
    case ExprKind::Call: {
      expr(*e.func, kAtom);
      if (e.args.size() == 1 && e.keywords.empty() && e.args[0]->kind == ExprKind::GeneratorExp) {
        expr(*e.args[0], kTest);  // f(x for x in y): the genexp's own parentheses
        return;
      }
      out += "(";
      bool first = true;
      for (const auto& a : e.args) {
        if (!first) out += ", ";
        first = false;
        expr(*a, kTest);
      }
      for (const auto& k : e.keywords) {
        if (!first) out += ", ";
        first = false;
        if (k.arg) {
          out += *k.arg + "=";
          expr(*k.value, kTest);
        } else {
          out += "**";
          expr(*k.value, kBor);
        }
      }
      out += ")";
      return;
    }
    case ExprKind::Constant:
      return constant(e.constant);
    case ExprKind::JoinedStr:
    case ExprKind::TemplateStr: {
      std::string body;
      fstringBody(e.values, body);
      out += e.kind == ExprKind::JoinedStr ? "f" : "t";
      out += pyStringRepr(body, false);
      return;
    }
    case ExprKind::FormattedValue:
    case ExprKind::Interpolation: {
      std::string body;
      formatted(e, body);
      out += "f" + pyStringRepr(body, false);
      return;
    }
    case ExprKind::Attribute: {
      expr(*e.value, kAtom);
      const bool int_literal = e.value->kind == ExprKind::Constant &&
                               (e.value->constant.kind == syntax::ConstantValue::Kind::Int ||
                                e.value->constant.kind == syntax::ConstantValue::Kind::BigInt);
      out += int_literal ? " ." : ".";
      out += e.id;
      return;
    }
    case ExprKind::Subscript:
      expr(*e.value, kAtom);
      out += "[";
      expr(*e.slice, kTuple);
      out += "]";
      return;
    case ExprKind::Slice:
      if (e.lower) expr(*e.lower, kTest);
      out += ":";
      if (e.upper) expr(*e.upper, kTest);
      if (e.step) {
        out += ":";
        expr(*e.step, kTest);
      }
      return;
    case ExprKind::Starred:
      out += "*";
      expr(*e.value, kBor);
      return;
    case ExprKind::Name:
      out += e.id;
      return;
    case ExprKind::List:
      out += "[";
      for (size_t i = 0; i < e.elts.size(); ++i) {
        if (i) out += ", ";
        expr(*e.elts[i], kTest);
      }
      out += "]";
      return;
    case ExprKind::Tuple:
      if (e.elts.empty()) {
        out += "()";
        return;
      }
      open(level > kTuple);
      for (size_t i = 0; i < e.elts.size(); ++i) {
        if (i) out += ", ";
        expr(*e.elts[i], kTest);
      }
      if (e.elts.size() == 1) out += ",";
      return close(level > kTuple);
    case ExprKind::NamedExpr:
      open(level > kTuple);
      expr(*e.target, kAtom);
      out += " := ";
      expr(*e.value, kAtom);
      return close(level > kTuple);
  }
  GBC_UNREACHABLE("expression kind");
}

}  // namespace

std::string unparseExpr(const Expr& e) {
  Unparser u;
  u.expr(e, kTest);
  return u.out;
}

}  // namespace gbc::interp::compiler_detail
