// The builtin `complex` type as CPython 3.14's complexobject.c gives it: a native type whose
// instances hold two doubles; the constructor from numbers, __complex__ and strings (with
// CPython's grammar and messages), arithmetic with int/float/complex (3.14's mixed-mode rules:
// a real operand is not first made complex), **, ==, hash, repr/str and format().
#include "interp/complex.h"

#include <cerrno>
#include <cmath>

#include "interp/format_spec.h"
#include "interp/native_args.h"
#include "interp/native_type.h"
#include "interp/vm.h"
#include "native/bigint.h"
#include "native/unicode/utf8.h"
#include "native/unicode_digits.h"

namespace gbc::interp {

namespace {

struct ComplexState : NativeState {
  double re = 0, im = 0;
};

ClassPtr complexClass(VM& vm) { return vm.b().by_name.at("complex"); }

Value make(const ClassPtr& cls, Cx z) {
  auto s = std::make_shared<ComplexState>();
  s->re = z.re;
  s->im = z.im;
  return newNative<ComplexState>(cls, s);
}

/// PyFloat_AsDouble of a real number (int, float, __float__, __index__); nullopt for others.
std::optional<double> realValue(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::Float:
      return as<FloatObject>(v).v;
    case Kind::Int:
    case Kind::Bool:
      return asFloat(v);
    default:
      break;
  }
  ClassPtr t = vm.typeOf(v);
  if (Value f = t->lookup("__float__")) {
    Value r = vm.call(vm.descrGet(f, v, t), std::vector<Value>{});
    if (r->kind != Kind::Float)
      vm.raise(vm.b().type_error,
               t->name + ".__float__ returned non-float (type " + vm.typeOf(r)->name + ")");
    return as<FloatObject>(r).v;
  }
  if (Value f = t->lookup("__index__")) {
    Value r = vm.call(vm.descrGet(f, v, t), std::vector<Value>{});
    if (!isInt(r))
      vm.raise(vm.b().type_error, "__index__ returned non-int (type " + vm.typeOf(r)->name + ")");
    return asFloat(r);
  }
  return std::nullopt;
}

/// An operand of complex arithmetic: a complex, or a real number (int or float only, as
/// CPython's to_complex), else nullopt (NotImplemented).
struct Operand {
  Cx z;
  bool real = false;  // an int or float: 3.14's mixed-mode arithmetic
};
std::optional<Operand> operand(VM& vm, const Value& v) {
  if (auto z = complexValue(v)) return Operand{*z, false};
  if (v->kind == Kind::Float) return Operand{{as<FloatObject>(v).v, 0}, true};
  if (v->kind == Kind::Int || v->kind == Kind::Bool) return Operand{{asFloat(v), 0}, true};
  (void)vm;
  return std::nullopt;
}

Cx selfOf(VM& vm, const CallArgs& a, const char* what) {
  if (!a.args.empty())
    if (auto z = complexValue(a.args[0])) return *z;
  vm.raise(vm.b().type_error,
           std::string("descriptor '") + what + "' requires a 'complex' object but received '" +
               (a.args.empty() ? std::string("nothing") : vm.typeOf(a.args[0])->name) + "'");
}

/// _Py_c_prod: with C11 Annex G.5.1's recovery of infinities that computed as nan+nanj.
Cx prod(Cx z, Cx w) {
  double a = z.re, b = z.im, c = w.re, d = w.im;
  double ac = a * c, bd = b * d, ad = a * d, bc = b * c;
  Cx r{ac - bd, ad + bc};
  if (std::isnan(r.re) && std::isnan(r.im)) {
    bool recalc = false;
    auto box = [](double& x) { x = std::copysign(std::isinf(x) ? 1.0 : 0.0, x); };
    auto zero = [](double& x) {
      if (std::isnan(x)) x = std::copysign(0.0, x);
    };
    if (std::isinf(a) || std::isinf(b)) {
      box(a), box(b), zero(c), zero(d);
      recalc = true;
    }
    if (std::isinf(c) || std::isinf(d)) {
      box(c), box(d), zero(a), zero(b);
      recalc = true;
    }
    if (!recalc && (std::isinf(ac) || std::isinf(bd) || std::isinf(ad) || std::isinf(bc))) {
      zero(a), zero(b), zero(c), zero(d);
      recalc = true;
    }
    if (recalc) r = {INFINITY * (a * c - b * d), INFINITY * (a * d + b * c)};
  }
  return r;
}

/// _Py_c_quot: Smith's algorithm with C11 Annex G's recovery of infinities and zeros.
Cx quot(VM& vm, Cx a, Cx b) {
  double abs_br = std::fabs(b.re), abs_bi = std::fabs(b.im);
  Cx r;
  if (abs_br >= abs_bi) {
    if (abs_br == 0.0) vm.raise(vm.b().zero_division_error, "division by zero");
    double ratio = b.im / b.re, denom = b.re + b.im * ratio;
    r = {(a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom};
  } else if (abs_bi >= abs_br) {
    double ratio = b.re / b.im, denom = b.re * ratio + b.im;
    r = {(a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom};
  } else {
    r = {NAN, NAN};  // a NaN in b
  }
  if (std::isnan(r.re) && std::isnan(r.im)) {
    // recover infinities and zeros that computed as nan+nanj (C11 Annex G.5.2)
    if ((std::isinf(a.re) || std::isinf(a.im)) && std::isfinite(b.re) && std::isfinite(b.im)) {
      double x = std::copysign(std::isinf(a.re) ? 1.0 : 0.0, a.re);
      double y = std::copysign(std::isinf(a.im) ? 1.0 : 0.0, a.im);
      r = {INFINITY * (x * b.re + y * b.im), INFINITY * (y * b.re - x * b.im)};
    } else if ((std::isinf(abs_br) || std::isinf(abs_bi)) && std::isfinite(a.re) &&
               std::isfinite(a.im)) {
      double x = std::copysign(std::isinf(b.re) ? 1.0 : 0.0, b.re);
      double y = std::copysign(std::isinf(b.im) ? 1.0 : 0.0, b.im);
      r = {0.0 * (a.re * x + a.im * y), 0.0 * (a.im * x - a.re * y)};
    }
  }
  return r;
}

/// _Py_rc_quot: a real divided by a complex.
Cx rcQuot(VM& vm, double a, Cx b) {
  double abs_br = std::fabs(b.re), abs_bi = std::fabs(b.im);
  Cx r;
  if (abs_br >= abs_bi) {
    if (abs_br == 0.0) vm.raise(vm.b().zero_division_error, "division by zero");
    double ratio = b.im / b.re, denom = b.re + b.im * ratio;
    r = {a / denom, (-a * ratio) / denom};
  } else if (abs_bi >= abs_br) {
    double ratio = b.re / b.im, denom = b.re * ratio + b.im;
    r = {(a * ratio) / denom, (-a) / denom};
  } else {
    r = {NAN, NAN};
  }
  if (std::isnan(r.re) && std::isnan(r.im) && std::isfinite(a) &&
      (std::isinf(abs_br) || std::isinf(abs_bi))) {
    double x = std::copysign(std::isinf(b.re) ? 1.0 : 0.0, b.re);
    double y = std::copysign(std::isinf(b.im) ? 1.0 : 0.0, b.im);
    r = {0.0 * (a * x), 0.0 * (-a * y)};
  }
  return r;
}

/// _Py_c_pow; `edom` set for 0 to a negative or complex power.
Cx cpow(Cx a, Cx b, bool& edom) {
  if (b.re == 0.0 && b.im == 0.0) return {1.0, 0.0};
  if (a.re == 0.0 && a.im == 0.0) {
    if (b.im != 0.0 || b.re < 0.0) edom = true;
    return {0.0, 0.0};
  }
  double vabs = std::hypot(a.re, a.im), len = std::pow(vabs, b.re);
  double at = std::atan2(a.im, a.re), phase = at * b.re;
  if (b.im != 0.0) {
    len /= std::exp(at * b.im);
    phase += b.im * std::log(vabs);
  }
  return {len * std::cos(phase), len * std::sin(phase)};
}

Cx powu(Cx x, long n) {
  Cx r{1.0, 0.0}, p = x;
  for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
    if (n & mask) r = prod(r, p);
    p = prod(p, p);
  }
  return r;
}

Value power(VM& vm, Cx a, Cx b) {
  Cx r;
  bool edom = false;
  if (b.im == 0.0 && b.re == std::floor(b.re) && std::fabs(b.re) <= 100.0) {
    long n = static_cast<long>(b.re);
    if (n >= 0) {
      r = powu(a, n);
    } else {
      Cx d = powu(a, -n);
      if (d.re == 0.0 && d.im == 0.0) {
        edom = true;
      } else {
        r = quot(vm, {1.0, 0.0}, d);
      }
    }
  } else {
    r = cpow(a, b, edom);
  }
  if (edom) vm.raise(vm.b().zero_division_error, "zero to a negative or complex power");
  if (std::isinf(r.re) || std::isinf(r.im))
    vm.raise(vm.b().overflow_error, "complex exponentiation");
  return makeComplex(vm, r.re, r.im);
}

/// repr of one part ('r' format, no ".0" added), with a sign when `sign`.
std::string reprNoDot0(double v, bool no_neg_0 = false) {
  std::string s = doubleToString(v, 'r', 0, false, false, no_neg_0);
  // (gbc's repr always adds ".0" to an integral value; complex's repr does not)
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string part(double v, bool sign) {
  std::string s = reprNoDot0(v);
  if (sign && s[0] != '-') s = "+" + s;
  return s;
}

std::string reprOf(Cx z) {
  if (z.re == 0.0 && !std::signbit(z.re)) return part(z.im, false) + "j";
  return "(" + part(z.re, false) + part(z.im, true) + "j)";
}

/// complex_from_string_inner's grammar over `s` (ASCII, underscores removed).
std::optional<Cx> parse(std::string s) {
  auto ws = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  size_t i = 0, n = s.size();
  while (i < n && ws(s[i])) ++i;
  while (n > i && ws(s[n - 1])) --n;
  bool bracket = false;
  if (i < n && s[i] == '(') {
    bracket = true;
    ++i;
    while (i < n && ws(s[i])) ++i;
  }
  // a float at i (PyOS_string_to_double: digits, '.', exponent, inf/infinity/nan), or nullopt
  auto number = [&](size_t& pos) -> std::optional<double> {
    size_t p = pos;
    if (p < n && (s[p] == '+' || s[p] == '-')) ++p;
    auto word = [&](const char* w) {
      size_t k = 0;
      for (; w[k]; ++k)
        if (p + k >= n || std::tolower(static_cast<unsigned char>(s[p + k])) != w[k]) return false;
      return true;
    };
    double v;
    if (word("infinity")) {
      p += 8;
      v = INFINITY;
    } else if (word("inf")) {
      p += 3;
      v = INFINITY;
    } else if (word("nan")) {
      p += 3;
      v = NAN;
    } else {
      size_t digits = 0, q = p;
      while (q < n && std::isdigit(static_cast<unsigned char>(s[q]))) ++q, ++digits;
      if (q < n && s[q] == '.') {
        ++q;
        while (q < n && std::isdigit(static_cast<unsigned char>(s[q]))) ++q, ++digits;
      }
      if (digits == 0) return std::nullopt;
      if (q < n && (s[q] == 'e' || s[q] == 'E')) {
        size_t e = q + 1;
        if (e < n && (s[e] == '+' || s[e] == '-')) ++e;
        if (e < n && std::isdigit(static_cast<unsigned char>(s[e]))) {
          while (e < n && std::isdigit(static_cast<unsigned char>(s[e]))) ++e;
          q = e;
        }
      }
      v = std::strtod(s.substr(p, q - p).c_str(), nullptr);
      p = q;
    }
    if (s[pos] == '-') v = -v;
    pos = p;
    return v;
  };
  double x = 0, y = 0;
  if (auto z = number(i)) {
    if (i < n && (s[i] == '+' || s[i] == '-')) {
      x = *z;
      if (auto w = number(i)) {
        y = *w;
      } else {
        y = s[i] == '+' ? 1.0 : -1.0;
        ++i;
      }
      if (i >= n || (s[i] != 'j' && s[i] != 'J')) return std::nullopt;
      ++i;
    } else if (i < n && (s[i] == 'j' || s[i] == 'J')) {
      ++i;
      y = *z;
    } else {
      x = *z;
    }
  } else {
    y = 1.0;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
      if (s[i] == '-') y = -1.0;
      ++i;
    }
    if (i >= n || (s[i] != 'j' && s[i] != 'J')) return std::nullopt;
    ++i;
  }
  while (i < n && ws(s[i])) ++i;
  if (bracket) {
    if (i >= n || s[i] != ')') return std::nullopt;
    ++i;
    while (i < n && ws(s[i])) ++i;
  }
  if (i != n) return std::nullopt;
  return Cx{x, y};
}

Cx fromString(VM& vm, const std::string& text) {
  auto bad = [&]() -> Cx { vm.raise(vm.b().value_error, "complex() arg is a malformed string"); };
  if (text.find('\0') != std::string::npos) bad();
  std::string s = native::transformDecimalAndSpaceToAscii(text);
  // underscores only between digits (as in numeric literals)
  std::string clean;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '_') {
      clean += s[i];
      continue;
    }
    if (i == 0 || i + 1 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i - 1])) ||
        !std::isdigit(static_cast<unsigned char>(s[i + 1])))
      vm.raise(vm.b().value_error, "could not convert string to complex: " + vm.repr(pyStr(text)));
  }
  if (auto z = parse(clean)) return *z;
  return bad();
}

/// __complex__ of `v` (nullopt without one); TypeError when it returns a non-complex.
std::optional<Cx> specialComplex(VM& vm, const Value& v) {
  ClassPtr t = vm.typeOf(v);
  Value f = t->lookup("__complex__");
  if (!f) return std::nullopt;
  Value r = vm.call(vm.descrGet(f, v, t), std::vector<Value>{});
  auto z = complexValue(r);
  if (!z)
    vm.raise(vm.b().type_error,
             "__complex__ returned non-complex (type " + vm.typeOf(r)->name + ")");
  return z;
}

Value construct(VM& vm, CallArgs& a) {
  if (a.args.empty() || a.args[0]->kind != Kind::Class)
    vm.raise(vm.b().type_error, "complex.__new__(X): X is not a type object");
  auto cls = std::static_pointer_cast<ClassObject>(a.args[0]);
  std::vector<Value> p = bindArgs(vm, a, ArgSpec{"complex", {"real", "imag"}, 0, 0}, 1);
  Value r = p[0], i = p[1];
  if (!r) {
    if (!i) return make(cls, {0, 0});
    r = pyInt(0);
  }
  Cx cr{0, 0}, ci{0, 0};
  bool cr_is_complex = false, ci_is_complex = false;
  if (!i && r->kind == Kind::Str) return make(cls, fromString(vm, asStr(r)));
  if (auto z = specialComplex(vm, r)) {
    cr = *z;
    cr_is_complex = true;
    if (!i && cls.get() == complexClass(vm).get()) return make(cls, cr);
  } else if (auto z = complexValue(r)) {
    cr = *z;
    cr_is_complex = true;
  } else if (auto d = r->kind == Kind::Str ? std::nullopt : realValue(vm, r)) {
    cr.re = *d;
  } else if (!i) {
    vm.raise(vm.b().type_error,
             "complex() argument must be a string or a number, not " + vm.typeOf(r)->name);
  } else {
    vm.raise(vm.b().type_error,
             "complex() argument 'real' must be a real number, not " + vm.typeOf(r)->name);
  }
  if (!i) {
    ci.re = cr.im;
  } else if (auto z = complexValue(i)) {
    ci = *z;
    ci_is_complex = true;
  } else if (auto d = i->kind == Kind::Str ? std::nullopt : realValue(vm, i)) {
    ci.re = *d;
  } else {
    vm.raise(vm.b().type_error,
             "complex() argument 'imag' must be a real number, not " + vm.typeOf(i)->name);
  }
  if (ci_is_complex) cr.re -= ci.im;
  if (cr_is_complex && i) ci.re += cr.im;
  return make(cls, {cr.re, ci.re});
}

using BinFn = Value (*)(VM&, Operand, Operand);

/// A binary special method: `reflected` swaps the operands (__radd__: other + self).
void binary(const ClassPtr& cls, const std::string& name, BinFn fn, bool reflected) {
  nativeMethod(cls, name, [fn, reflected, name](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "complex." + name, 1, 1, 1);
    Cx s = selfOf(vm, a, name.c_str());
    auto o = operand(vm, a.args[1]);
    if (!o) return notImplemented();
    Operand me{s, false};
    return reflected ? fn(vm, *o, me) : fn(vm, me, *o);
  });
}

Value add(VM& vm, Operand x, Operand y) {
  if (x.real) return makeComplex(vm, x.z.re + y.z.re, y.z.im);
  if (y.real) return makeComplex(vm, x.z.re + y.z.re, x.z.im);
  return makeComplex(vm, x.z.re + y.z.re, x.z.im + y.z.im);
}
Value sub(VM& vm, Operand x, Operand y) {
  if (x.real) return makeComplex(vm, x.z.re - y.z.re, -y.z.im);
  if (y.real) return makeComplex(vm, x.z.re - y.z.re, x.z.im);
  return makeComplex(vm, x.z.re - y.z.re, x.z.im - y.z.im);
}
Value mul(VM& vm, Operand x, Operand y) {
  if (x.real) return makeComplex(vm, x.z.re * y.z.re, x.z.re * y.z.im);
  if (y.real) return makeComplex(vm, x.z.re * y.z.re, x.z.im * y.z.re);
  Cx r = prod(x.z, y.z);
  return makeComplex(vm, r.re, r.im);
}
Value div(VM& vm, Operand x, Operand y) {
  if (y.real) {
    if (y.z.re == 0.0) vm.raise(vm.b().zero_division_error, "division by zero");
    return makeComplex(vm, x.z.re / y.z.re, x.z.im / y.z.re);
  }
  Cx r = x.real ? rcQuot(vm, x.z.re, y.z) : quot(vm, x.z, y.z);
  return makeComplex(vm, r.re, r.im);
}

/// complex.__format__ of a non-empty spec (format_complex_internal).
std::string formatSpec(VM& vm, Cx z, const std::string& spec) {
  FormatSpec f = parseFormatSpec(vm, spec, "complex", 0, '>');
  if (f.fill == '0' || (f.align == '=' && spec.find('=') == std::string::npos))
    vm.raise(vm.b().value_error, "Zero padding is not allowed in complex format specifier");
  if (f.align == '=')
    vm.raise(vm.b().value_error, "'=' alignment flag is not allowed in complex format specifier");
  char type = static_cast<char>(f.type);
  bool skip_re = false, parens = false;
  int64_t precision = f.precision;
  switch (f.type) {
    case 0:
      type = 'r';
      if (z.re == 0.0 && !std::signbit(z.re))
        skip_re = true;
      else
        parens = true;
      if (precision >= 0) type = 'g';
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      break;
    case 'n':
      type = 'g';
      break;
    default: {
      std::string code;
      native::unicode::appendUtf8(code, f.type);
      vm.raise(vm.b().value_error,
               "Unknown format code '" + code + "' for object of type 'complex'");
    }
  }
  if (precision < 0) precision = type == 'r' ? 0 : 6;
  // each part as a float of the same spec, less width and alignment
  auto one = [&](double v, char sign) {
    std::string s;
    if (type == 'r') {
      s = reprNoDot0(v, f.no_neg_0);
      if (s[0] != '-' && sign != '-' && sign) s = std::string(1, sign) + s;
      return s;
    }
    std::string sub;
    if (sign) sub += sign;
    if (f.no_neg_0) sub += 'z';
    if (f.alternate) sub += '#';
    if (f.thousands == '4' || f.thousands == '_') sub += '_';
    if (f.thousands == ',') sub += ',';
    sub += "." + std::to_string(precision) + type;
    return formatFloatSpec(vm, v, sub);
  };
  std::string body;
  if (!skip_re) body = one(z.re, f.sign);
  body += one(z.im, skip_re ? f.sign : '+') + "j";
  if (parens) body = "(" + body + ")";
  int64_t len = static_cast<int64_t>(native::unicode::countCodePoints(body));
  if (f.width <= len) return body;
  int64_t pad = f.width - len;
  std::string fill;
  native::unicode::appendUtf8(fill, f.fill);
  auto rep = [&](int64_t k) {
    std::string out;
    for (int64_t j = 0; j < k; ++j) out += fill;
    return out;
  };
  char align = f.align ? f.align : '>';
  if (align == '<') return body + rep(pad);
  if (align == '^') return rep(pad / 2) + body + rep(pad - pad / 2);
  return rep(pad) + body;
}

}  // namespace

std::optional<Cx> complexValue(const Value& v) {
  if (v && v->kind == Kind::Instance)
    if (auto* s = dynamic_cast<ComplexState*>(as<InstanceObject>(v).native.get()))
      return Cx{s->re, s->im};
  return std::nullopt;
}

Value makeComplex(VM& vm, double re, double im) { return make(complexClass(vm), {re, im}); }

void installComplex(VM& vm) {
  ClassPtr cls = makeNativeType(vm, "builtins", "complex");
  vm.b().by_name["complex"] = cls;
  vm.builtinsDict()->setStr("complex", cls);
  auto nb = std::make_shared<BuiltinObject>("__new__", construct);
  nb->binds = false;
  nb->qualname = "complex.__new__";
  nb->id = "builtins.complex.__new__";
  cls->dict->setStr("__new__", nb);
  nativeGetSet(cls, "real",
               [](VM&, const Value& v) -> Value { return pyFloat(complexValue(v)->re); });
  nativeGetSet(cls, "imag",
               [](VM&, const Value& v) -> Value { return pyFloat(complexValue(v)->im); });
  nativeMethod(cls, "conjugate", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "complex.conjugate", 1);
    Cx z = selfOf(vm, a, "conjugate");
    return makeComplex(vm, z.re, -z.im);
  });
  nativeMethod(cls, "__complex__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "complex.__complex__", 1);
    Cx z = selfOf(vm, a, "__complex__");
    if (a.args[0]->kind == Kind::Instance && as<InstanceObject>(a.args[0]).cls == complexClass(vm))
      return a.args[0];
    return makeComplex(vm, z.re, z.im);
  });
  nativeMethod(cls, "__getnewargs__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "complex.__getnewargs__", 1);
    Cx z = selfOf(vm, a, "__getnewargs__");
    return pyTuple({pyFloat(z.re), pyFloat(z.im)});
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    return pyStr(reprOf(selfOf(vm, a, "__repr__")));
  });
  nativeMethod(cls, "__format__", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "__format__", 1, 1, 1);
    Cx z = selfOf(vm, a, "__format__");
    if (a.args[1]->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "__format__() argument must be str, not " + vm.typeOf(a.args[1])->name);
    const std::string& spec = asStr(a.args[1]);
    if (spec.empty()) return pyStr(vm.str(a.args[0]));
    return pyStr(formatSpec(vm, z, spec));
  });
  nativeMethod(cls, "__hash__", [](VM& vm, CallArgs& a) -> Value {
    Cx z = selfOf(vm, a, "__hash__");
    auto h = [&](double d) -> uint64_t {
      auto v = native::hashDouble(d);
      return static_cast<uint64_t>(v ? *v : identityHash(a.args[0].get()));
    };
    int64_t combined = static_cast<int64_t>(h(z.re) + 1000003ULL * h(z.im));
    return pyInt(combined == -1 ? -2 : combined);
  });
  nativeMethod(cls, "__bool__", [](VM& vm, CallArgs& a) -> Value {
    Cx z = selfOf(vm, a, "__bool__");
    return pyBool(z.re != 0.0 || z.im != 0.0);
  });
  nativeMethod(cls, "__neg__", [](VM& vm, CallArgs& a) -> Value {
    Cx z = selfOf(vm, a, "__neg__");
    return makeComplex(vm, -z.re, -z.im);
  });
  nativeMethod(cls, "__pos__", [](VM& vm, CallArgs& a) -> Value {
    Cx z = selfOf(vm, a, "__pos__");
    return makeComplex(vm, z.re, z.im);
  });
  nativeMethod(cls, "__abs__", [](VM& vm, CallArgs& a) -> Value {
    Cx z = selfOf(vm, a, "__abs__");
    double r = std::hypot(z.re, z.im);
    if (std::isinf(r) && std::isfinite(z.re) && std::isfinite(z.im))
      vm.raise(vm.b().overflow_error, "absolute value too large");
    return pyFloat(r);
  });
  for (const char* op : {"__eq__", "__ne__"}) {
    bool ne = op[2] == 'n';
    nativeMethod(cls, op, [ne](VM& vm, CallArgs& a) -> Value {
      Cx z = selfOf(vm, a, ne ? "__ne__" : "__eq__");
      const Value& o = a.args.at(1);
      bool eq;
      if (auto w = complexValue(o)) {
        eq = z.re == w->re && z.im == w->im;
      } else if (o->kind == Kind::Int || o->kind == Kind::Bool) {
        // exact: the int against the real part as float == int compares
        eq = z.im == 0.0 && vm.equals(pyFloat(z.re), o);
      } else if (o->kind == Kind::Float) {
        eq = z.im == 0.0 && z.re == as<FloatObject>(o).v;
      } else {
        return notImplemented();
      }
      return pyBool(ne ? !eq : eq);
    });
  }
  binary(cls, "__add__", add, false);
  binary(cls, "__radd__", add, true);
  binary(cls, "__sub__", sub, false);
  binary(cls, "__rsub__", sub, true);
  binary(cls, "__mul__", mul, false);
  binary(cls, "__rmul__", mul, true);
  binary(cls, "__truediv__", div, false);
  binary(cls, "__rtruediv__", div, true);
  for (const char* name : {"__pow__", "__rpow__"}) {
    bool reflected = name[2] == 'r';
    nativeMethod(cls, name, [reflected](VM& vm, CallArgs& a) -> Value {
      positionalArgs(vm, a, reflected ? "__rpow__" : "__pow__", 1, 2, 1);
      Cx s = selfOf(vm, a, reflected ? "__rpow__" : "__pow__");
      if (a.args.size() > 2 && !isNone(a.args[2])) vm.raise(vm.b().value_error, "complex modulo");
      auto o = operand(vm, a.args[1]);
      if (!o) return notImplemented();
      return reflected ? power(vm, o->z, s) : power(vm, s, o->z);
    });
  }
  auto fromNumber = std::make_shared<BuiltinObject>("from_number", [](VM& vm, CallArgs& a) {
    Value x = oneArg(vm, a, "complex.from_number", 1);
    if (x->kind == Kind::Str)
      vm.raise(vm.b().type_error, "complex.from_number() argument must be a number, not 'str'");
    CallArgs c;
    c.args = {a.args[0], x};
    return construct(vm, c);
  });
  fromNumber->class_method = true;
  fromNumber->qualname = "complex.from_number";
  fromNumber->id = "builtins.complex.from_number";
  cls->dict->setStr("from_number", fromNumber);
}

}  // namespace gbc::interp
