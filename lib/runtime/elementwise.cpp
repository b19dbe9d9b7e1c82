// Element-wise binary operations: broadcasting, torch's type promotion, torch's scalar kernels.
#include <atomic>
#include <cmath>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/elementwise_loops.h"
#include "runtime/ops.h"

namespace gbc::runtime {

using detail::binaryLoop;

// ---------------------------------------------------------------------------------------------
// type promotion (c10's ResultTypeState)

/// "No operand of this class" is represented by an empty optional.
using MaybeDType = std::optional<DType>;

static MaybeDType combineCategories(MaybeDType higher, MaybeDType lower) {
  if (!higher.has_value()) return lower;
  if (!lower.has_value()) return higher;
  if (isFloating(*higher)) return higher;
  if (*higher == DType::Bool || isFloating(*lower)) return promoteTypes(*higher, *lower);
  return higher;
}

DType resultType(std::span<const Tensor> operands) {
  MaybeDType dimResult, zeroResult, wrappedResult;
  auto update = [](MaybeDType& slot, DType d) {
    slot = slot.has_value() ? promoteTypes(*slot, d) : d;
  };
  for (const Tensor& t : operands) {
    DType current = t.dtype();
    if (t.isWrappedNumber()) {
      if (isFloating(current)) current = kDefaultFloat;
      update(wrappedResult, current);
    } else if (t.dim() > 0) {
      update(dimResult, current);
    } else {
      update(zeroResult, current);
    }
  }
  return combineCategories(dimResult, combineCategories(zeroResult, wrappedResult))
      .value_or(kDefaultFloat);
}

// ---------------------------------------------------------------------------------------------
// scalar kernels as torch's CPU code computes them

template <typename T>
static T floorDivFloat(T a, T b) {
  if (b == 0) return a / b;
  T mod = std::fmod(a, b);
  T div = (a - mod) / b;
  if (mod != 0 && (b < 0) != (mod < 0)) div -= T(1);
  T floordiv;
  if (div != 0) {
    floordiv = std::floor(div);
    if (div - floordiv > T(0.5)) floordiv += T(1.0);
  } else {
    floordiv = std::copysign(T(0), a / b);
  }
  return floordiv;
}

template <typename T>
static T floorDivInt(T a, T b) {
  if ((a < 0) != (b < 0)) {
    T quot = a / b;
    T rem = a % b;
    return rem ? quot - 1 : quot;
  }
  return a / b;
}

template <typename T>
static T remainderValue(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    T mod = std::fmod(a, b);
    if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
    return mod;
  } else {
    T r = a % b;
    if (r != 0 && (r < 0) != (b < 0)) r += b;
    return r;
  }
}

template <typename T>
static T powInt(T a, T b) {
  if (b < 0) {
    if (a == 1) return 1;
    if (a == -1) return ((-b) % 2) ? -1 : 1;
    return 0;
  }
  T result = 1;
  while (b) {
    if (b & 1) result *= a;
    b /= 2;
    a *= a;
  }
  return result;
}

template <typename T>
static T maxPropagateNan(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return a;
    if (std::isnan(b)) return b;
  }
  return a < b ? b : a;
}

template <typename T>
static T minPropagateNan(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return a;
    if (std::isnan(b)) return b;
  }
  return b < a ? b : a;
}

// ---------------------------------------------------------------------------------------------

namespace {

enum class BinOp {
  Add,
  Sub,
  Mul,
  Div,
  FloorDiv,
  Rem,
  Fmod,
  Pow,
  Max,
  Min,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
  Xor
};

bool isComparison(BinOp op) {
  return op == BinOp::Eq || op == BinOp::Ne || op == BinOp::Lt || op == BinOp::Le ||
         op == BinOp::Gt || op == BinOp::Ge;
}
bool isLogical(BinOp op) { return op == BinOp::And || op == BinOp::Or || op == BinOp::Xor; }

template <typename T>
Status runArithmetic(BinOp op, const Tensor& out, const Tensor& a, const Tensor& b,
                     const Scalar& alphaS) {
  std::atomic<bool> zeroDiv{false};
  switch (op) {
    case BinOp::Add:
    case BinOp::Sub: {
      T alpha = std::visit([](auto v) { return detail::castValue<T>(v); }, alphaS);
      if (op == BinOp::Sub) alpha = detail::castValue<T>(-scalarToDouble(alphaS));
      if constexpr (std::is_same_v<T, bool>) {
        binaryLoop<T, T>(out, a, b, [alpha](T x, T y) -> T { return x || (alpha && y); });
      } else if (op == BinOp::Add && alpha == T(1)) {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return x + y; });
      } else if (op == BinOp::Sub && alpha == T(-1)) {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return x - y; });
      } else if constexpr (std::is_floating_point_v<T>) {
        binaryLoop<T, T>(out, a, b, [alpha](T x, T y) -> T { return std::fma(y, alpha, x); });
      } else {
        binaryLoop<T, T>(out, a, b, [alpha](T x, T y) -> T {
          using U = std::make_unsigned_t<T>;
          return static_cast<T>(static_cast<U>(x) + static_cast<U>(alpha) * static_cast<U>(y));
        });
      }
      break;
    }
    case BinOp::Mul:
      if constexpr (std::is_same_v<T, bool>) {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return x && y; });
      } else if constexpr (std::is_floating_point_v<T>) {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return x * y; });
      } else {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T {
          using U = std::make_unsigned_t<T>;
          return static_cast<T>(static_cast<U>(x) * static_cast<U>(y));
        });
      }
      break;
    case BinOp::Div:
      if constexpr (std::is_floating_point_v<T>) {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return x / y; });
      }
      break;
    case BinOp::FloorDiv:
      if constexpr (std::is_floating_point_v<T>) {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return floorDivFloat(x, y); });
      } else if constexpr (!std::is_same_v<T, bool>) {
        binaryLoop<T, T>(out, a, b, [&zeroDiv](T x, T y) -> T {
          if (y == 0) {
            zeroDiv.store(true, std::memory_order_relaxed);
            return 0;
          }
          return floorDivInt(x, y);
        });
      }
      break;
    case BinOp::Rem:
    case BinOp::Fmod:
      if constexpr (std::is_floating_point_v<T>) {
        if (op == BinOp::Rem) {
          binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return remainderValue(x, y); });
        } else {
          binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return std::fmod(x, y); });
        }
      } else if constexpr (!std::is_same_v<T, bool>) {
        bool rem = op == BinOp::Rem;
        binaryLoop<T, T>(out, a, b, [&zeroDiv, rem](T x, T y) -> T {
          if (y == 0) {
            zeroDiv.store(true, std::memory_order_relaxed);
            return 0;
          }
          if (y == -1) return 0;
          return rem ? remainderValue(x, y) : static_cast<T>(x % y);
        });
      }
      break;
    case BinOp::Pow:
      if constexpr (std::is_floating_point_v<T>) {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return std::pow(x, y); });
      } else if constexpr (std::is_same_v<T, bool>) {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return x || !y; });
      } else {
        binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return powInt(x, y); });
      }
      break;
    case BinOp::Max:
      binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return maxPropagateNan(x, y); });
      break;
    case BinOp::Min:
      binaryLoop<T, T>(out, a, b, [](T x, T y) -> T { return minPropagateNan(x, y); });
      break;
    case BinOp::Eq:
      binaryLoop<bool, T>(out, a, b, [](T x, T y) { return x == y; });
      break;
    case BinOp::Ne:
      binaryLoop<bool, T>(out, a, b, [](T x, T y) { return x != y; });
      break;
    case BinOp::Lt:
      binaryLoop<bool, T>(out, a, b, [](T x, T y) { return x < y; });
      break;
    case BinOp::Le:
      binaryLoop<bool, T>(out, a, b, [](T x, T y) { return x <= y; });
      break;
    case BinOp::Gt:
      binaryLoop<bool, T>(out, a, b, [](T x, T y) { return x > y; });
      break;
    case BinOp::Ge:
      binaryLoop<bool, T>(out, a, b, [](T x, T y) { return x >= y; });
      break;
    case BinOp::And:
      binaryLoop<bool, T>(out, a, b, [](T x, T y) { return x != T(0) && y != T(0); });
      break;
    case BinOp::Or:
      binaryLoop<bool, T>(out, a, b, [](T x, T y) { return x != T(0) || y != T(0); });
      break;
    case BinOp::Xor:
      binaryLoop<bool, T>(out, a, b, [](T x, T y) { return (x != T(0)) != (y != T(0)); });
      break;
  }
  if (zeroDiv.load()) return runtimeError("ZeroDivisionError");
  return ok();
}

Expected<Tensor> binary(BinOp op, const Tensor& a, const Tensor& b,
                        const Scalar& alpha = int64_t{1}) {
  GBC_RT_TRY(Shape shape, detail::broadcastShapes(a.sizes(), b.sizes()));
  Tensor operands[] = {a, b};
  DType common = resultType(operands);
  if (op == BinOp::Sub) {
    if (a.dtype() == DType::Bool && b.dtype() == DType::Bool) {
      return runtimeError(
          "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
          "`logical_xor()` "
          "operator instead.");
    }
    if (a.dtype() == DType::Bool || b.dtype() == DType::Bool) {
      return runtimeError(
          "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying "
          "to invert a mask, "
          "use the `~` or `logical_not()` operator instead.");
    }
  }
  if (op == BinOp::Div && !isFloating(common)) common = kDefaultFloat;
  DType outType = isComparison(op) || isLogical(op) ? DType::Bool : common;
  Tensor ac = a.to(common), bc = b.to(common);
  const bool reduced = common == DType::BFloat16 || common == DType::Float16;
  if (reduced && (op == BinOp::Mul || op == BinOp::Div)) {
    // a one-element second operand of mul/div enters the reduced-precision kernel unrounded,
    // in float (TensorIterator's original_scalar_value); a Python number first in mul is
    // __rmul__, mul(self, other): the number second
    if (op == BinOp::Mul && a.isWrappedNumber() && !b.isWrappedNumber()) {
      ac = b.to(common);
      bc = a.to(DType::Float32);
    } else if (b.numel() == 1) {
      bc = b.to(DType::Float32);
    }
  }

  Tensor out = Tensor::empty(shape, outType);
  Status st = dispatchDType(
      common, [&](auto tag) { return runArithmetic<decltype(tag)>(op, out, ac, bc, alpha); });
  if (!st) return st.error();
  return out;
}

}  // namespace

Expected<Tensor> add(const Operand& a, const Operand& b, const Scalar& alpha) {
  return binary(BinOp::Add, a.tensor(), b.tensor(), alpha);
}
Expected<Tensor> sub(const Operand& a, const Operand& b, const Scalar& alpha) {
  return binary(BinOp::Sub, a.tensor(), b.tensor(), alpha);
}
Expected<Tensor> mul(const Operand& a, const Operand& b) {
  return binary(BinOp::Mul, a.tensor(), b.tensor());
}
Expected<Tensor> div(const Operand& a, const Operand& b) {
  return binary(BinOp::Div, a.tensor(), b.tensor());
}
Expected<Tensor> floorDivide(const Operand& a, const Operand& b) {
  return binary(BinOp::FloorDiv, a.tensor(), b.tensor());
}
Expected<Tensor> remainder(const Operand& a, const Operand& b) {
  return binary(BinOp::Rem, a.tensor(), b.tensor());
}
Expected<Tensor> fmod(const Operand& a, const Operand& b) {
  return binary(BinOp::Fmod, a.tensor(), b.tensor());
}
Expected<Tensor> maximum(const Operand& a, const Operand& b) {
  return binary(BinOp::Max, a.tensor(), b.tensor());
}
Expected<Tensor> minimum(const Operand& a, const Operand& b) {
  return binary(BinOp::Min, a.tensor(), b.tensor());
}
Expected<Tensor> eq(const Operand& a, const Operand& b) {
  return binary(BinOp::Eq, a.tensor(), b.tensor());
}
Expected<Tensor> ne(const Operand& a, const Operand& b) {
  return binary(BinOp::Ne, a.tensor(), b.tensor());
}
Expected<Tensor> lt(const Operand& a, const Operand& b) {
  return binary(BinOp::Lt, a.tensor(), b.tensor());
}
Expected<Tensor> le(const Operand& a, const Operand& b) {
  return binary(BinOp::Le, a.tensor(), b.tensor());
}
Expected<Tensor> gt(const Operand& a, const Operand& b) {
  return binary(BinOp::Gt, a.tensor(), b.tensor());
}
Expected<Tensor> ge(const Operand& a, const Operand& b) {
  return binary(BinOp::Ge, a.tensor(), b.tensor());
}
Expected<Tensor> logicalAnd(const Operand& a, const Operand& b) {
  return binary(BinOp::And, a.tensor(), b.tensor());
}
Expected<Tensor> logicalOr(const Operand& a, const Operand& b) {
  return binary(BinOp::Or, a.tensor(), b.tensor());
}
Expected<Tensor> logicalXor(const Operand& a, const Operand& b) {
  return binary(BinOp::Xor, a.tensor(), b.tensor());
}

Expected<Tensor> pow(const Operand& baseOp, const Operand& expOp) {
  const Tensor& base = baseOp.tensor();
  const Tensor& e = expOp.tensor();
  if (!e.isWrappedNumber()) return binary(BinOp::Pow, base, e);
  // pow(Tensor, Scalar): torch's special cases.
  Tensor operands[] = {base, e};
  DType common = resultType(operands);
  Scalar ev = e.flatAt(0);
  bool expIntegral = !scalarIsFloat(ev);
  if (expIntegral && scalarToInt(ev) < 0 && isIntegral(base.dtype(), true)) {
    return runtimeError("Integers to negative integer powers are not allowed.");
  }
  double x = scalarToDouble(ev);
  Tensor out = Tensor::empty(base.sizes(), common);
  if (x == 0.0) {
    fill_(out, int64_t{1});
    return out;
  }
  Tensor bc = base.to(common);
  if (x == 1.0) {
    detail::copyInto(out, bc);
    return out;
  }
  dispatchDType(common, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      T ex = static_cast<T>(x);
      if (x == 0.5)
        detail::unaryLoop<T, T>(out, bc, [](T v) -> T { return std::sqrt(v); });
      else if (x == 2.0)
        detail::unaryLoop<T, T>(out, bc, [](T v) -> T { return v * v; });
      else if (x == 3.0)
        detail::unaryLoop<T, T>(out, bc, [](T v) -> T { return v * v * v; });
      else if (x == -0.5)
        detail::unaryLoop<T, T>(out, bc, [](T v) -> T { return T(1) / std::sqrt(v); });
      else if (x == -1.0)
        detail::unaryLoop<T, T>(out, bc, [](T v) -> T { return T(1) / v; });
      else if (x == -2.0)
        detail::unaryLoop<T, T>(out, bc, [](T v) -> T { return T(1) / (v * v); });
      else
        detail::unaryLoop<T, T>(out, bc, [ex](T v) -> T { return std::pow(v, ex); });
    } else if constexpr (std::is_same_v<T, bool>) {
      detail::unaryLoop<T, T>(out, bc, [](T v) -> T { return v; });
    } else {
      T ex = static_cast<T>(scalarToInt(ev));
      detail::unaryLoop<T, T>(out, bc, [ex](T v) -> T { return powInt(v, ex); });
    }
  });
  return out;
}

Expected<Tensor> where(const Tensor& cond, const Operand& aOp, const Operand& bOp) {
  const Tensor& a = aOp.tensor();
  const Tensor& b = bOp.tensor();
  if (cond.dtype() != DType::Bool) {
    return runtimeError(fmt::format(
        "where expected condition to be a boolean tensor, but got a tensor with dtype {}",
        dtypeScalarName(cond.dtype())));
  }
  GBC_RT_TRY(Shape s1, detail::broadcastShapes(cond.sizes(), a.sizes()));
  GBC_RT_TRY(Shape shape, detail::broadcastShapes(s1, b.sizes()));
  Tensor operands[] = {a, b};
  DType common = resultType(operands);
  Tensor ac = a.to(common), bc = b.to(common);
  Tensor out = Tensor::empty(shape, common);
  Shape sc = detail::broadcastStrides(cond, shape), sa = detail::broadcastStrides(ac, shape),
        sb = detail::broadcastStrides(bc, shape);
  auto g = detail::coalesce<4>(shape, {&out.strides(), &sc, &sa, &sb});
  dispatchDType(common, [&](auto tag) {
    using T = decltype(tag);
    T* po = out.data<T>();
    const bool* pc = cond.data<bool>();
    const T* pa = ac.data<T>();
    const T* pb = bc.data<T>();
    detail::parallelFor(out.numel(), detail::kParallelElements, [&](int64_t begin, int64_t end) {
      detail::forEachRun(
          g, begin, end,
          [&](const std::array<int64_t, 4>& off, int64_t n, const std::array<int64_t, 4>& st) {
            for (int64_t i = 0; i < n; ++i) {
              po[off[0] + i * st[0]] =
                  pc[off[1] + i * st[1]] ? pa[off[2] + i * st[2]] : pb[off[3] + i * st[3]];
            }
          });
    });
  });
  return out;
}

std::vector<Tensor> where(const Tensor& cond) {
  Tensor nz = nonzero(cond);
  std::vector<Tensor> out;
  for (int64_t d = 0; d < cond.dim(); ++d) out.push_back(select(nz, 1, d)->contiguous());
  return out;
}

bool equal(const Tensor& a, const Tensor& b) {
  if (a.sizes() != b.sizes()) return false;
  auto r = eq(a, b);
  if (!r) return false;
  Tensor c = r->contiguous();
  const bool* p = c.data<bool>();
  for (int64_t i = 0; i < c.numel(); ++i) {
    if (!p[i]) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// in place

static bool canCast(DType from, DType to) {
  if (isFloating(from) && isIntegral(to, true)) return false;
  if (from != DType::Bool && to == DType::Bool) return false;
  return true;
}

static Status assignResult(const Tensor& self, Expected<Tensor> result) {
  if (!result) return result.error();
  if (!canCast(result->dtype(), self.dtype())) {
    return runtimeError(fmt::format("result type {} can't be cast to the desired output type {}",
                                    dtypeScalarName(result->dtype()),
                                    dtypeScalarName(self.dtype())));
  }
  if (result->sizes() != self.sizes()) {
    return runtimeError(fmt::format("output with shape {} doesn't match the broadcast shape {}",
                                    detail::shapeString(self.sizes()),
                                    detail::shapeString(result->sizes())));
  }
  detail::copyInto(self, *result);
  self.storage()->bumpVersion();
  return ok();
}

Status add_(const Tensor& self, const Operand& other, const Scalar& alpha) {
  return assignResult(self, add(self, other, alpha));
}
Status sub_(const Tensor& self, const Operand& other, const Scalar& alpha) {
  return assignResult(self, sub(self, other, alpha));
}
Status mul_(const Tensor& self, const Operand& other) {
  return assignResult(self, mul(self, other));
}
Status div_(const Tensor& self, const Operand& other) {
  return assignResult(self, div(self, other));
}

Status copy_(const Tensor& self, const Tensor& src) {
  GBC_RT_TRY(Tensor expanded, expand(src, self.sizes()));
  if (expanded.storage() == self.storage()) expanded = expanded.clone();
  detail::copyInto(self, expanded);
  self.storage()->bumpVersion();
  return ok();
}

void fill_(const Tensor& self, const Scalar& value) {
  dispatchDType(self.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T v = std::visit([](auto x) { return detail::castValue<T>(x); }, value);
    detail::fillLoop<T>(self, v);
  });
  self.narrowStorage();
  if (self.defined()) self.storage()->bumpVersion();
}

void zero_(const Tensor& self) { fill_(self, int64_t{0}); }

}  // namespace gbc::runtime
