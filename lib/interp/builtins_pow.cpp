// The builtins pow() and divmod() beyond plain binary operators: pow's third argument (modular
// exponentiation of ints, with a modular inverse for a negative exponent, or the operand's
// __pow__(other, mod)), and divmod through __divmod__ / __rdivmod__, with CPython's messages.
#include "interp/native_args.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

using native::BigInt;

namespace {

BigInt floorMod(const BigInt& a, const BigInt& m) { return BigInt::divmodNonZero(a, m).remainder; }

/// The inverse of `a` modulo `m` (m > 0), or nullopt.
std::optional<BigInt> inverse(BigInt a, const BigInt& m) {
  BigInt r0 = m, r1 = floorMod(a, m), s0(0), s1(1);
  while (!r1.isZero()) {
    auto qr = BigInt::divmodNonZero(r0, r1);
    r0 = std::move(r1);
    r1 = std::move(qr.remainder);
    BigInt s2 = s0 - qr.quotient * s1;
    s0 = std::move(s1);
    s1 = std::move(s2);
  }
  if (r0 != BigInt(1)) return std::nullopt;
  return floorMod(s0, m);
}

Value intPowMod(VM& vm, const Value& base_v, const Value& exp_v, const Value& mod_v) {
  BigInt base = toBigInt(base_v), exp = toBigInt(exp_v), mod = toBigInt(mod_v);
  if (mod.isZero()) vm.raise(vm.b().value_error, "pow() 3rd argument cannot be 0");
  bool neg_mod = mod.isNegative();
  BigInt m = mod.abs();
  if (exp.isNegative()) {
    auto inv = inverse(base, m);
    if (!inv) vm.raise(vm.b().value_error, "base is not invertible for the given modulus");
    base = *inv;
    exp = -exp;
  }
  BigInt result(1), b = floorMod(base, m);
  result = floorMod(result, m);
  for (uint64_t i = 0, n = exp.bitLength(); i < n; ++i) {
    if (!(exp >> i).isOdd()) {
      b = floorMod(b * b, m);
      continue;
    }
    result = floorMod(result * b, m);
    b = floorMod(b * b, m);
  }
  if (neg_mod && !result.isZero()) result = result - m;
  return pyBigInt(std::move(result));
}

}  // namespace

Value builtinPow(VM& vm, CallArgs& a) {
  std::vector<Value> p = bindArgs(vm, a, ArgSpec{"pow", {"base", "exp", "mod"}, 2, 0, 0});
  if (!p[2] || isNone(p[2])) return vm.binaryOp(syntax::BinOpKind::Pow, p[0], p[1]);
  if (isInt(p[0]) && isInt(p[1]) && isInt(p[2]) && !p[0]->sub && !p[1]->sub && !p[2]->sub)
    return intPowMod(vm, p[0], p[1], p[2]);
  if (p[0]->kind == Kind::Instance || p[0]->sub)
    if (Value m = vm.special(p[0], "__pow__")) {
      Value r = vm.callSpecial(m, p[0], {p[1], p[2]});
      if (r->kind != Kind::NotImplemented) return r;
    }
  if (isInt(p[0]) && isInt(p[1]) && isInt(p[2])) return intPowMod(vm, p[0], p[1], p[2]);
  bool numbers = true;
  for (const Value& v : p) numbers = numbers && (isInt(v) || v->kind == Kind::Float);
  if (numbers)
    vm.raise(vm.b().type_error, "pow() 3rd argument not allowed unless all arguments are integers");
  vm.raise(vm.b().type_error, "unsupported operand type(s) for ** or pow(): '" +
                                  vm.typeOf(p[0])->name + "', '" + vm.typeOf(p[1])->name + "', '" +
                                  vm.typeOf(p[2])->name + "'");
}

Value builtinDivmod(VM& vm, CallArgs& a) {
  positionalArgs(vm, a, "divmod", 2, 2);
  const Value &x = a.args[0], &y = a.args[1];
  bool ux = x->kind == Kind::Instance || x->sub, uy = y->kind == Kind::Instance || y->sub;
  auto number = [](const Value& v) {
    return isInt(v) || v->kind == Kind::Float || v->kind == Kind::Tensor;
  };
  if (!ux && !uy && number(x) && number(y))
    return pyTuple({vm.binaryOp(syntax::BinOpKind::FloorDiv, x, y),
                    vm.binaryOp(syntax::BinOpKind::Mod, x, y)});
  if (Value m = vm.special(x, "__divmod__")) {
    Value r = vm.callSpecial(m, x, {y});
    if (r->kind != Kind::NotImplemented) return r;
  } else if (!ux) {
    // a builtin number's own divmod, unless the other operand's type answers it
    if (number(x) && !vm.special(y, "__rdivmod__"))
      return pyTuple({vm.binaryOp(syntax::BinOpKind::FloorDiv, x, y),
                      vm.binaryOp(syntax::BinOpKind::Mod, x, y)});
  }
  if (vm.typeOf(x) != vm.typeOf(y))
    if (Value m = vm.special(y, "__rdivmod__")) {
      Value r = vm.callSpecial(m, y, {x});
      if (r->kind != Kind::NotImplemented) return r;
    }
  vm.raise(vm.b().type_error, "unsupported operand type(s) for divmod(): '" + vm.typeOf(x)->name +
                                  "' and '" + vm.typeOf(y)->name + "'");
}

}  // namespace gbc::interp
