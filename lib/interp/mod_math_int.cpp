// math's integer functions (comb, perm, factorial, gcd, lcm, isqrt), the float-to-int ones
// (floor, ceil, trunc) and the reductions prod and sumprod, exact over ints of any size, with
// CPython 3.14's messages.
#include <cmath>

#include "interp/mod_math.h"
#include "interp/native_args.h"
#include "interp/native_modules.h"
#include "interp/slicing.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

using native::BigInt;

namespace {

BigInt indexArg(VM& vm, const Value& v) { return toBigInt(indexInt(vm, v)); }

/// int(d) for floor/ceil/trunc results (PyLong_FromDouble).
Value intOfDouble(VM& vm, double d) {
  if (std::isinf(d)) vm.raise(vm.b().overflow_error, "cannot convert float infinity to integer");
  if (std::isnan(d)) vm.raise(vm.b().value_error, "cannot convert float NaN to integer");
  return pyBigInt(BigInt::fromDouble(d));
}

/// The product lo * (lo+1) * ... * (hi-1), by halves (balanced operands multiply faster).
BigInt rangeProduct(const BigInt& lo, const BigInt& hi) {
  BigInt n = hi - lo;
  if (n <= BigInt(8)) {
    BigInt r(1);
    for (BigInt i = lo; i < hi; i = i + BigInt(1)) r = r * i;
    return r;
  }
  BigInt mid = lo + (n >> 1);
  return rangeProduct(lo, mid) * rangeProduct(mid, hi);
}

BigInt bigGcd(BigInt a, BigInt b) {
  a = a.abs();
  b = b.abs();
  while (!b.isZero()) {
    BigInt r = BigInt::divmodNonZero(a, b).remainder;
    a = std::move(b);
    b = std::move(r);
  }
  return a;
}

BigInt bigIsqrt(const BigInt& n) {
  if (n.isZero()) return BigInt(0);
  BigInt x = BigInt(1) << ((n.bitLength() + 1) / 2);
  for (;;) {
    BigInt y = (x + BigInt::divmodNonZero(n, x).quotient) >> 1;
    if (y >= x) return x;
    x = std::move(y);
  }
}

/// floor/ceil: a float directly, else the type's __floor__/__ceil__, else the float value.
Value roundTo(VM& vm, CallArgs& a, bool ceil) {
  const char* name = ceil ? "math.ceil" : "math.floor";
  Value x = oneArg(vm, a, name);
  if (x->kind == Kind::Float && !x->sub) {
    double d = as<FloatObject>(x).v;
    return intOfDouble(vm, ceil ? std::ceil(d) : std::floor(d));
  }
  if ((x->kind == Kind::Int || x->kind == Kind::Bool) && !x->sub) return pyBigInt(toBigInt(x));
  if (Value m = vm.special(x, ceil ? "__ceil__" : "__floor__")) return vm.callSpecial(m, x, {});
  double d = mathReal(vm, x);
  return intOfDouble(vm, ceil ? std::ceil(d) : std::floor(d));
}

}  // namespace

void installMathIntegers(VM&, const Value& m) {
  moduleFunction(m, "floor", [](VM& vm, CallArgs& a) { return roundTo(vm, a, false); });
  moduleFunction(m, "ceil", [](VM& vm, CallArgs& a) { return roundTo(vm, a, true); });
  moduleFunction(m, "trunc", [](VM& vm, CallArgs& a) -> Value {
    Value x = oneArg(vm, a, "math.trunc");
    if (x->kind == Kind::Float && !x->sub) return intOfDouble(vm, std::trunc(as<FloatObject>(x).v));
    if ((x->kind == Kind::Int || x->kind == Kind::Bool) && !x->sub) return pyBigInt(toBigInt(x));
    if (Value t = vm.special(x, "__trunc__")) return vm.callSpecial(t, x, {});
    if (x->kind == Kind::Float) return intOfDouble(vm, std::trunc(as<FloatObject>(x).v));
    if (x->kind == Kind::Int) return pyBigInt(toBigInt(x));
    vm.raise(vm.b().type_error, "type " + vm.typeOf(x)->name + " doesn't define __trunc__ method");
  });
  moduleFunction(m, "factorial", [](VM& vm, CallArgs& a) -> Value {
    BigInt n = indexArg(vm, oneArg(vm, a, "math.factorial"));
    if (n.isNegative()) vm.raise(vm.b().value_error, "factorial() not defined for negative values");
    if (!n.fitsInt64())
      vm.raise(vm.b().overflow_error, "factorial() argument should not exceed 9223372036854775807");
    return pyBigInt(rangeProduct(BigInt(1), n + BigInt(1)));
  });
  moduleFunction(m, "comb", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "comb", 2, 2);
    BigInt n = indexArg(vm, a.args[0]), k = indexArg(vm, a.args[1]);
    if (n.isNegative()) vm.raise(vm.b().value_error, "n must be a non-negative integer");
    if (k.isNegative()) vm.raise(vm.b().value_error, "k must be a non-negative integer");
    if (k > n) return pyInt(0);
    BigInt j = n - k < k ? n - k : k;
    if (!j.fitsInt64())
      vm.raise(vm.b().overflow_error, "min(n - k, k) must not exceed 9223372036854775807");
    BigInt r(1);
    for (int64_t i = 1, kk = j.toInt64(); i <= kk; ++i)
      r = BigInt::divmodNonZero(r * (n - j + BigInt(i)), BigInt(i)).quotient;
    return pyBigInt(std::move(r));
  });
  moduleFunction(m, "perm", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "perm", 1, 2);
    BigInt n = indexArg(vm, a.args[0]);
    if (a.args.size() < 2 || isNone(a.args[1])) {
      if (n.isNegative())
        vm.raise(vm.b().value_error, "factorial() not defined for negative values");
      if (!n.fitsInt64())
        vm.raise(vm.b().overflow_error,
                 "factorial() argument should not exceed 9223372036854775807");
      return pyBigInt(rangeProduct(BigInt(1), n + BigInt(1)));
    }
    BigInt k = indexArg(vm, a.args[1]);
    if (n.isNegative()) vm.raise(vm.b().value_error, "n must be a non-negative integer");
    if (k.isNegative()) vm.raise(vm.b().value_error, "k must be a non-negative integer");
    if (k > n) return pyInt(0);
    if (!k.fitsInt64()) vm.raise(vm.b().overflow_error, "k must not exceed 9223372036854775807");
    return pyBigInt(rangeProduct(n - k + BigInt(1), n + BigInt(1)));
  });
  moduleFunction(m, "gcd", [](VM& vm, CallArgs& a) -> Value {
    if (!a.kwargs.empty()) vm.raise(vm.b().type_error, "gcd() takes no keyword arguments");
    BigInt g(0);
    for (const Value& v : a.args) g = bigGcd(g, indexArg(vm, v));
    return pyBigInt(std::move(g));
  });
  moduleFunction(m, "lcm", [](VM& vm, CallArgs& a) -> Value {
    if (!a.kwargs.empty()) vm.raise(vm.b().type_error, "lcm() takes no keyword arguments");
    BigInt l(1);
    for (const Value& v : a.args) {
      BigInt x = indexArg(vm, v);
      if (l.isZero() || x.isZero()) {
        l = BigInt(0);
        continue;
      }
      l = BigInt::divmodNonZero((l * x).abs(), bigGcd(l, x)).quotient;
    }
    return pyBigInt(std::move(l));
  });
  moduleFunction(m, "isqrt", [](VM& vm, CallArgs& a) -> Value {
    BigInt n = indexArg(vm, oneArg(vm, a, "math.isqrt"));
    if (n.isNegative()) vm.raise(vm.b().value_error, "isqrt() argument must be nonnegative");
    return pyBigInt(bigIsqrt(n));
  });
  moduleFunction(m, "prod", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> p = bindArgs(vm, a, ArgSpec{"prod", {"iterable", "start"}, 1, 1, 1});
    Value acc = p[1] ? p[1] : pyInt(1);
    Value it = vm.iter(p[0]);
    while (Value v = vm.next(it)) acc = vm.binaryOp(syntax::BinOpKind::Mult, acc, v);
    return acc;
  });
  moduleFunction(m, "sumprod", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "sumprod", 2, 2);
    Value p = vm.iter(a.args[0]), q = vm.iter(a.args[1]);
    // floats are summed exactly (products split by fma, partials kept as in fsum) and rounded
    // once, as CPython's extended-precision path gives; other values by + and *
    Value total = pyInt(0);
    std::vector<double> parts;
    bool floats = false;
    for (;;) {
      Value x = vm.next(p), y = vm.next(q);
      if (!x || !y) {
        if (x || y) vm.raise(vm.b().value_error, "Inputs are not the same length");
        break;
      }
      bool fx = x->kind == Kind::Float && !x->sub, fy = y->kind == Kind::Float && !y->sub;
      bool ix = x->kind == Kind::Int && !x->sub && !isBigInt(x),
           iy = y->kind == Kind::Int && !y->sub && !isBigInt(y);
      if ((fx || ix) && (fy || iy) && (fx || fy)) {
        double dx = fx ? as<FloatObject>(x).v : static_cast<double>(asInt(x));
        double dy = fy ? as<FloatObject>(y).v : static_cast<double>(asInt(y));
        double hi = dx * dy;
        parts.push_back(hi);
        parts.push_back(std::fma(dx, dy, -hi));
        floats = true;
        continue;
      }
      total =
          vm.binaryOp(syntax::BinOpKind::Add, total, vm.binaryOp(syntax::BinOpKind::Mult, x, y));
    }
    if (!floats) return total;
    Value fsum = vm.getAttr(vm.importModule("math", nullptr, 0), "fsum");
    std::vector<Value> items;
    for (double d : parts) items.push_back(pyFloat(d));
    Value f = vm.call(fsum, std::vector<Value>{pyList(std::move(items))});
    return vm.binaryOp(syntax::BinOpKind::Add, total, f);
  });
}

}  // namespace gbc::interp
