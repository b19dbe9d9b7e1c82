// math (Modules/mathmodule.c): the float functions with CPython 3.14's error rules and messages
// (math_1 / math_2: a NaN from a non-NaN argument is a domain error, an infinity from finite
// ones a range error), its own algorithms where results depend on them (fsum's exact partials,
// hypot/dist's vector_norm, pow's IEEE specials, nextafter's steps). The integer functions
// (comb, perm, factorial, gcd, lcm, isqrt) and floor/ceil/trunc are in mod_math_int.cpp.
#include <cfloat>
#include <cmath>
#include <cstring>

#include "interp/format_spec.h"
#include "interp/mod_math.h"
#include "interp/native_args.h"
#include "interp/native_modules.h"
#include "interp/slicing.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

double mathReal(VM& vm, const Value& v) {
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
  vm.raise(vm.b().type_error, "must be real number, not " + t->name);
}

[[noreturn]] void mathDomainError(VM& vm) { vm.raise(vm.b().value_error, "math domain error"); }
[[noreturn]] void mathRangeError(VM& vm) { vm.raise(vm.b().overflow_error, "math range error"); }

namespace {

/// math_1: `msg` ("... got %s") names the argument on a domain error (else "math domain
/// error"); `overflow`: an infinite result of a finite argument is a range error.
Value math1(VM& vm, double x, double r, bool overflow, const char* msg) {
  bool domain = std::isnan(r) && !std::isnan(x);
  if (!domain && std::isinf(r) && std::isfinite(x)) {
    if (overflow) mathRangeError(vm);
    domain = true;  // a singularity
  }
  if (domain) {
    if (!msg) mathDomainError(vm);
    std::string m = msg, got = doubleToString(x, 'r', 0, false, true, false);
    m.replace(m.find("%s"), 2, got);
    vm.raise(vm.b().value_error, m);
  }
  return pyFloat(r);
}

void unary(const Value& m, const char* name, double (*f)(double), bool overflow, const char* msg) {
  std::string qual = std::string("math.") + name;
  moduleFunction(m, name, [=](VM& vm, CallArgs& a) -> Value {
    double x = mathReal(vm, oneArg(vm, a, qual));
    return math1(vm, x, f(x), overflow, msg);
  });
}

/// is_error for two-argument functions: EDOM / ERANGE from the result and its arguments.
Value math2(VM& vm, double x, double y, double r) {
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) mathDomainError(vm);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) mathRangeError(vm);
  return pyFloat(r);
}

void binary(const Value& m, const char* name, double (*f)(double, double)) {
  moduleFunction(m, name, [=](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, name, 2, 2);
    double x = mathReal(vm, a.args[0]), y = mathReal(vm, a.args[1]);
    return math2(vm, x, y, f(x, y));
  });
}

// CPython's own gamma and lgamma (mathmodule.c): Lanczos' approximation with its constants, so
// results match CPython's to the bit (libm's tgamma/lgamma differ in the last place).
constexpr int kLanczosN = 13;
constexpr double kLanczosG = 6.024680040776729583740234375;
constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
constexpr double kLanczosNum[kLanczosN] = {23531376880.410759688572007674451636754734846804940,
                                           42919803642.649098768957899047001988850926355848959,
                                           35711959237.355668049440185451547166705960488635843,
                                           17921034426.037209699919755754458931112671403265390,
                                           6039542586.3520280050642916443072979210699388420708,
                                           1439720407.3117216736632230727949123939715485786772,
                                           248874557.86205415651146038641322942321632125127801,
                                           31426415.585400194380614231628318205362874684987640,
                                           2876370.6289353724412254090516208496135991145378768,
                                           186056.26539522349504029498971604569928220784236328,
                                           8071.6720023658162106380029022722506138218516325024,
                                           210.82427775157934587250973392071336271166969580291,
                                           2.5066282746310002701649081771338373386264310793408};
constexpr double kLanczosDen[kLanczosN] = {
    0.0,       39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0,
    2637558.0, 357423.0,   32670.0,     1925.0,      66.0,        1.0};
constexpr double kGammaIntegral[] = {1.0,
                                     1.0,
                                     2.0,
                                     6.0,
                                     24.0,
                                     120.0,
                                     720.0,
                                     5040.0,
                                     40320.0,
                                     362880.0,
                                     3628800.0,
                                     39916800.0,
                                     479001600.0,
                                     6227020800.0,
                                     87178291200.0,
                                     1307674368000.0,
                                     20922789888000.0,
                                     355687428096000.0,
                                     6402373705728000.0,
                                     121645100408832000.0,
                                     2432902008176640000.0,
                                     51090942171709440000.0,
                                     1124000727777607680000.0};
constexpr double kLogPi = 1.144729885849400174143427351353058711647;

double lanczosSum(double x) {
  double num = 0.0, den = 0.0;
  if (x < 5.0) {
    for (int i = kLanczosN; --i >= 0;) {
      num = num * x + kLanczosNum[i];
      den = den * x + kLanczosDen[i];
    }
  } else {
    for (int i = 0; i < kLanczosN; i++) {
      num = num / x + kLanczosNum[i];
      den = den / x + kLanczosDen[i];
    }
  }
  return num / den;
}

double sinpi(double x) {
  double y = std::fmod(std::fabs(x), 2.0), r;
  switch (static_cast<int>(std::round(2.0 * y))) {
    case 0:
      r = std::sin(M_PI * y);
      break;
    case 1:
      r = std::cos(M_PI * (y - 0.5));
      break;
    case 2:
      r = std::sin(M_PI * (1.0 - y));
      break;
    case 3:
      r = -std::cos(M_PI * (y - 1.5));
      break;
    default:
      r = std::sin(M_PI * (y - 2.0));
      break;
  }
  return std::copysign(1.0, x) * r;
}

/// m_tgamma for a finite x that is not a pole.
double tgamma(double x) {
  if (x == std::floor(x) && x <= 23) return kGammaIntegral[static_cast<int>(x) - 1];
  double absx = std::fabs(x);
  if (absx < 1e-20) return 1.0 / x;
  if (absx > 200.0) return x < 0.0 ? 0.0 / sinpi(x) : INFINITY;
  double y = absx + kLanczosGMinusHalf, z;
  if (absx > kLanczosGMinusHalf) {
    double q = y - absx;
    z = q - kLanczosGMinusHalf;
  } else {
    double q = y - kLanczosGMinusHalf;
    z = q - absx;
  }
  z = z * kLanczosG / y;
  double r;
  if (x < 0.0) {
    r = -M_PI / sinpi(absx) / absx * std::exp(y) / lanczosSum(absx);
    r -= z * r;
    if (absx < 140.0) {
      r /= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczosSum(absx) / std::exp(y);
    r += z * r;
    if (absx < 140.0) {
      r *= std::pow(y, absx - 0.5);
    } else {
      double sqrtpow = std::pow(y, absx / 2.0 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  return r;
}

/// m_lgamma for a finite x that is not a pole.
double lgamma(double x) {
  if (x == std::floor(x) && x <= 2.0) return 0.0;
  double absx = std::fabs(x);
  if (absx < 1e-20) return -std::log(absx);
  double r = std::log(lanczosSum(absx)) - kLanczosG;
  r += (absx - 0.5) * (std::log(absx + kLanczosG - 0.5) - 1);
  if (x < 0.0) r = kLogPi - std::log(std::fabs(sinpi(absx))) - std::log(absx) - r;
  return r;
}

/// True for a non-positive integer (where gamma and lgamma have poles).
bool pole(double x) { return x <= 0 && x == std::floor(x); }

double mathPow(VM& vm, double x, double y) {
  double r;
  if (!std::isfinite(x) || !std::isfinite(y)) {
    if (std::isnan(x)) return y == 0.0 ? 1.0 : x;
    if (std::isnan(y)) return x == 1.0 ? 1.0 : y;
    if (std::isinf(x)) {
      bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
      if (y > 0.) return odd_y ? x : std::fabs(x);
      if (y == 0.) return 1.;
      return odd_y ? std::copysign(0., x) : 0.;
    }
    if (std::fabs(x) == 1.0) return 1.;
    if (y > 0. && std::fabs(x) > 1.0) return y;
    if (y < 0. && std::fabs(x) < 1.0) return -y;
    return 0.;
  }
  r = std::pow(x, y);
  if (std::isnan(r)) mathDomainError(vm);
  if (std::isinf(r)) {
    if (x == 0.) mathDomainError(vm);
    mathRangeError(vm);
  }
  return r;
}

struct DoubleLength {
  double hi, lo;
};
DoubleLength dlFastSum(double a, double b) {
  double x = a + b, z = x - a;
  return {x, b - z};
}
DoubleLength dlMul(double x, double y) {
  double z = x * y;
  return {z, std::fma(x, y, -z)};
}
DoubleLength dlSum(double a, double b) {
  double x = a + b, z = x - a, y = (a - (x - z)) + (b - z);
  return {x, y};
}

/// CPython's vector_norm: the Euclidean norm of |vec| (max its largest item) computed exactly
/// enough to be correctly rounded in almost every case.
double vectorNorm(std::vector<double> vec, double max, bool found_nan) {
  if (std::isinf(max)) return max;
  if (found_nan) return NAN;
  if (max == 0.0 || vec.size() <= 1) return max;
  int max_e;
  std::frexp(max, &max_e);
  if (max_e < -1023) {
    for (double& x : vec) x /= DBL_MIN;
    return DBL_MIN * vectorNorm(std::move(vec), max / DBL_MIN, found_nan);
  }
  double scale = std::ldexp(1.0, -max_e), csum = 1.0, frac1 = 0.0, frac2 = 0.0;
  for (double x : vec) {
    x *= scale;
    DoubleLength pr = dlMul(x, x), sm = dlFastSum(csum, pr.hi);
    csum = sm.hi;
    frac1 += pr.lo;
    frac2 += sm.lo;
  }
  double h = std::sqrt(csum - 1.0 + (frac1 + frac2));
  DoubleLength pr = dlMul(-h, h), sm = dlFastSum(csum, pr.hi);
  csum = sm.hi;
  frac1 += pr.lo;
  frac2 += sm.lo;
  double x = csum - 1.0 + (frac1 + frac2);
  h += x / (2.0 * h);
  return h / scale;
}

/// An item of hypot/dist: a float or an int (the ASSIGN_DOUBLE of mathmodule.c).
double coordinate(VM& vm, const Value& v) {
  if (v->kind == Kind::Float) return as<FloatObject>(v).v;
  if (v->kind == Kind::Int || v->kind == Kind::Bool) return asFloat(v);
  return mathReal(vm, v);
}

Value fsum(VM& vm, const Value& seq) {
  std::vector<double> p;
  double special_sum = 0.0, inf_sum = 0.0;
  Value it = vm.iter(seq);
  while (Value item = vm.next(it)) {
    double x = mathReal(vm, item), xsave = x;
    size_t i = 0;
    for (size_t j = 0; j < p.size(); ++j) {
      double y = p[j];
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y, yr = hi - x, lo = y - yr;
      if (lo != 0.0) p[i++] = lo;
      x = hi;
    }
    p.resize(i);
    if (x != 0.0) {
      if (!std::isfinite(x)) {
        if (std::isfinite(xsave)) vm.raise(vm.b().overflow_error, "intermediate overflow in fsum");
        if (std::isinf(xsave)) inf_sum += xsave;
        special_sum += xsave;
        p.clear();
      } else {
        p.push_back(x);
      }
    }
  }
  if (special_sum != 0.0) {
    if (std::isnan(inf_sum)) vm.raise(vm.b().value_error, "-inf + inf in fsum");
    return pyFloat(special_sum);
  }
  double hi = 0.0, lo = 0.0;
  size_t n = p.size();
  if (n > 0) {
    hi = p[--n];
    while (n > 0) {
      double x = hi, y = p[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
      double y = lo * 2.0, x = hi + y, yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  return pyFloat(hi);
}

/// log of an int or float for log/log2/log10 (loghelper): ints beyond the float range by their
/// frexp, so math.log(2**10000) works.
double logHelper(VM& vm, const Value& x, double (*f)(double)) {
  if (x->kind == Kind::Int || x->kind == Kind::Bool) {
    native::BigInt b = toBigInt(x);
    if (b.sign() <= 0) vm.raise(vm.b().value_error, "expected a positive input");
    if (!b.toDouble()) {  // beyond the float range
      // x = m * 2**e with the top 64 bits (and a sticky bit) rounded once to a double
      uint64_t shift = b.bitLength() - 64;
      native::BigInt top = b >> shift;
      uint64_t t = top.toUint64();
      if ((top << shift) != b) t |= 1;
      int e;
      double m = std::frexp(static_cast<double>(t), &e);
      return f(m) + f(2.0) * (static_cast<double>(e) + static_cast<double>(shift));
    }
  }
  double d = mathReal(vm, x);
  return as<FloatObject>(math1(vm, d, f(d), false, "expected a positive input, got %s")).v;
}

double nextafterSteps(double x, double y, uint64_t steps) {
  if (steps == 0) return x;
  if (std::isnan(x)) return x;
  if (std::isnan(y)) return y;
  uint64_t ux, uy;
  std::memcpy(&ux, &x, 8);
  std::memcpy(&uy, &y, 8);
  if (ux == uy) return x;
  const uint64_t sign_bit = 1ULL << 63;
  uint64_t ax = ux & ~sign_bit, ay = uy & ~sign_bit;
  auto f = [](uint64_t u) {
    double d;
    std::memcpy(&d, &u, 8);
    return d;
  };
  if ((ux ^ uy) & sign_bit) {
    if (ax + ay <= steps) return y;
    if (ax < steps) return f((uy & sign_bit) | (steps - ax));
    return f(ux - steps);
  }
  if (ax > ay) return ax - ay >= steps ? f(ux - steps) : y;
  return ay - ax >= steps ? f(ux + steps) : y;
}

}  // namespace

Value makeMathModule(VM& vm) {
  Value m = newNativeModule("math");
  auto& d = *as<ModuleObject>(m).dict;
  d.setStr("pi", pyFloat(M_PI));
  d.setStr("e", pyFloat(M_E));
  d.setStr("tau", pyFloat(2 * M_PI));
  d.setStr("inf", pyFloat(INFINITY));
  d.setStr("nan", pyFloat(NAN));
  const char* range = "expected a number in range from -1 up to 1, got %s";
  const char* finite = "expected a finite input, got %s";
  unary(m, "acos", std::acos, false, range);
  unary(m, "acosh", std::acosh, false, "expected argument value not less than 1, got %s");
  unary(m, "asin", std::asin, false, range);
  unary(m, "asinh", std::asinh, false, nullptr);
  unary(m, "atan", std::atan, false, nullptr);
  unary(m, "atanh", std::atanh, false, "expected a number between -1 and 1, got %s");
  unary(m, "cbrt", std::cbrt, false, nullptr);
  unary(m, "cos", std::cos, false, finite);
  unary(m, "cosh", std::cosh, true, nullptr);
  unary(m, "erf", std::erf, false, nullptr);
  unary(m, "erfc", std::erfc, false, nullptr);
  unary(m, "exp", std::exp, true, nullptr);
  unary(m, "exp2", std::exp2, true, nullptr);
  unary(m, "expm1", std::expm1, true, nullptr);
  unary(m, "fabs", std::fabs, false, nullptr);
  unary(m, "log1p", std::log1p, false, "expected argument value > -1, got %s");
  unary(m, "sin", std::sin, false, finite);
  unary(m, "sinh", std::sinh, true, nullptr);
  unary(m, "sqrt", std::sqrt, false, "expected a nonnegative input, got %s");
  unary(m, "tan", std::tan, false, finite);
  unary(m, "tanh", std::tanh, false, nullptr);
  for (const char* name : {"gamma", "lgamma"}) {
    bool lg = name[0] == 'l';
    std::string qual = std::string("math.") + name;
    moduleFunction(m, name, [lg, qual](VM& vm, CallArgs& a) -> Value {
      double x = mathReal(vm, oneArg(vm, a, qual));
      if (pole(x) || (!lg && x == -INFINITY)) {
        if (std::isinf(x) && lg) return pyFloat(INFINITY);
        std::string got = doubleToString(x, 'r', 0, false, true, false);
        vm.raise(vm.b().value_error, "expected a noninteger or positive integer, got " + got);
      }
      if (!std::isfinite(x)) return pyFloat(std::isnan(x) || lg ? std::fabs(x) : x);
      double r = lg ? lgamma(x) : tgamma(x);
      if (std::isinf(r) && std::isfinite(x)) mathRangeError(vm);
      return pyFloat(r);
    });
  }
  for (const char* name : {"degrees", "radians"}) {
    bool deg = name[0] == 'd';
    std::string qual = std::string("math.") + name;
    moduleFunction(m, name, [deg, qual](VM& vm, CallArgs& a) -> Value {
      double x = mathReal(vm, oneArg(vm, a, qual));
      return pyFloat(deg ? x * (180.0 / M_PI) : x * (M_PI / 180.0));
    });
  }
  for (const char* name : {"isfinite", "isinf", "isnan"}) {
    std::string n = name, qual = "math." + n;
    moduleFunction(m, name, [n, qual](VM& vm, CallArgs& a) -> Value {
      double x = mathReal(vm, oneArg(vm, a, qual));
      return pyBool(n == "isfinite" ? std::isfinite(x)
                    : n == "isinf"  ? std::isinf(x)
                                    : std::isnan(x));
    });
  }
  binary(m, "atan2", [](double y, double x) { return std::atan2(y, x); });
  binary(m, "copysign", [](double x, double y) { return std::copysign(x, y); });
  binary(m, "remainder", [](double x, double y) { return std::remainder(x, y); });
  moduleFunction(m, "fmod", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "fmod", 2, 2);
    double x = mathReal(vm, a.args[0]), y = mathReal(vm, a.args[1]);
    if (std::isinf(y) && std::isfinite(x)) return pyFloat(x);
    return math2(vm, x, y, std::fmod(x, y));
  });
  moduleFunction(m, "pow", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "pow", 2, 2);
    return pyFloat(mathPow(vm, mathReal(vm, a.args[0]), mathReal(vm, a.args[1])));
  });
  moduleFunction(m, "log", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "log", 1, 2);
    double num = logHelper(vm, a.args[0], std::log);
    if (a.args.size() < 2) return pyFloat(num);
    double den = logHelper(vm, a.args[1], std::log);
    if (den == 0) vm.raise(vm.b().zero_division_error, "division by zero");
    return pyFloat(num / den);
  });
  moduleFunction(m, "log2", [](VM& vm, CallArgs& a) -> Value {
    return pyFloat(logHelper(vm, oneArg(vm, a, "math.log2"), std::log2));
  });
  moduleFunction(m, "log10", [](VM& vm, CallArgs& a) -> Value {
    return pyFloat(logHelper(vm, oneArg(vm, a, "math.log10"), std::log10));
  });
  moduleFunction(m, "ldexp", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "ldexp", 2, 2);
    double x = mathReal(vm, a.args[0]);
    if (!isInt(a.args[1]))
      vm.raise(vm.b().type_error, "Expected an int as second argument to ldexp.");
    native::BigInt e = toBigInt(a.args[1]);
    if (x == 0. || !std::isfinite(x)) return pyFloat(x);
    if (e > native::BigInt(INT32_MAX)) mathRangeError(vm);
    if (e < native::BigInt(INT32_MIN)) return pyFloat(std::copysign(0., x));
    double r = std::ldexp(x, static_cast<int>(e.toInt64()));
    if (std::isinf(r)) mathRangeError(vm);
    return pyFloat(r);
  });
  moduleFunction(m, "frexp", [](VM& vm, CallArgs& a) -> Value {
    double x = mathReal(vm, oneArg(vm, a, "math.frexp"));
    int e = 0;
    if (std::isnan(x) || std::isinf(x) || x == 0) return pyTuple({pyFloat(x), pyInt(0)});
    double mant = std::frexp(x, &e);
    return pyTuple({pyFloat(mant), pyInt(e)});
  });
  moduleFunction(m, "modf", [](VM& vm, CallArgs& a) -> Value {
    double x = mathReal(vm, oneArg(vm, a, "math.modf"));
    if (std::isinf(x)) return pyTuple({pyFloat(std::copysign(0., x)), pyFloat(x)});
    if (std::isnan(x)) return pyTuple({pyFloat(x), pyFloat(x)});
    double ip;
    double fp = std::modf(x, &ip);
    return pyTuple({pyFloat(fp), pyFloat(ip)});
  });
  moduleFunction(m, "fsum",
                 [](VM& vm, CallArgs& a) -> Value { return fsum(vm, oneArg(vm, a, "math.fsum")); });
  moduleFunction(m, "hypot", [](VM& vm, CallArgs& a) -> Value {
    if (!a.kwargs.empty()) vm.raise(vm.b().type_error, "hypot() takes no keyword arguments");
    std::vector<double> v;
    double max = 0.0;
    bool found_nan = false;
    for (const Value& c : a.args) {
      double x = std::fabs(coordinate(vm, c));
      found_nan |= std::isnan(x);
      if (x > max) max = x;
      v.push_back(x);
    }
    return pyFloat(vectorNorm(std::move(v), max, found_nan));
  });
  moduleFunction(m, "dist", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "dist", 2, 2);
    std::vector<Value> p = vm.toVector(a.args[0]), q = vm.toVector(a.args[1]);
    if (p.size() != q.size())
      vm.raise(vm.b().value_error, "both points must have the same number of dimensions");
    std::vector<double> v;
    double max = 0.0;
    bool found_nan = false;
    for (size_t i = 0; i < p.size(); ++i) {
      double x = std::fabs(coordinate(vm, p[i]) - coordinate(vm, q[i]));
      found_nan |= std::isnan(x);
      if (x > max) max = x;
      v.push_back(x);
    }
    return pyFloat(vectorNorm(std::move(v), max, found_nan));
  });
  moduleFunction(m, "isclose", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> p =
        bindArgs(vm, a, ArgSpec{"isclose", {"a", "b", "rel_tol", "abs_tol"}, 2, 0, 2});
    double x = mathReal(vm, p[0]), y = mathReal(vm, p[1]);
    double rel = p[2] ? mathReal(vm, p[2]) : 1e-09, abs_tol = p[3] ? mathReal(vm, p[3]) : 0.0;
    if (rel < 0.0 || abs_tol < 0.0) vm.raise(vm.b().value_error, "tolerances must be non-negative");
    if (x == y) return pyBool(true);
    if (std::isinf(x) || std::isinf(y)) return pyBool(false);
    double diff = std::fabs(y - x);
    return pyBool(diff <= std::fabs(rel * y) || diff <= std::fabs(rel * x) || diff <= abs_tol);
  });
  moduleFunction(m, "nextafter", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> p = bindArgs(vm, a, ArgSpec{"nextafter", {"x", "y", "steps"}, 2, 2, 1});
    double x = mathReal(vm, p[0]), y = mathReal(vm, p[1]);
    if (!p[2] || isNone(p[2])) return pyFloat(std::nextafter(x, y));
    native::BigInt s = toBigInt(indexInt(vm, p[2]));
    if (s.isNegative()) vm.raise(vm.b().value_error, "steps must be a non-negative integer");
    uint64_t steps = s.fitsUint64() ? s.toUint64() : UINT64_MAX;
    return pyFloat(nextafterSteps(x, y, steps));
  });
  moduleFunction(m, "ulp", [](VM& vm, CallArgs& a) -> Value {
    double x = mathReal(vm, oneArg(vm, a, "math.ulp"));
    if (std::isnan(x)) return pyFloat(x);
    x = std::fabs(x);
    if (std::isinf(x)) return pyFloat(x);
    double x2 = std::nextafter(x, INFINITY);
    if (std::isinf(x2)) return pyFloat(x - std::nextafter(x, -INFINITY));
    return pyFloat(x2 - x);
  });
  moduleFunction(m, "fma", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "fma", 3, 3);
    double x = mathReal(vm, a.args[0]), y = mathReal(vm, a.args[1]), z = mathReal(vm, a.args[2]);
    double r = std::fma(x, y, z);
    if (!std::isfinite(r)) {
      if (std::isnan(r)) {
        if (!std::isnan(x) && !std::isnan(y) && !std::isnan(z))
          vm.raise(vm.b().value_error, "invalid operation in fma");
      } else if (std::isfinite(x) && std::isfinite(y) && std::isfinite(z)) {
        vm.raise(vm.b().overflow_error, "overflow in fma");
      }
    }
    return pyFloat(r);
  });
  installMathIntegers(vm, m);
  (void)dlSum;
  return m;
}

}  // namespace gbc::interp
