// Element-wise unary operations (torch's scalar CPU kernels: glibc float math per element).
#include <cmath>

#include <fmt/format.h>

#include "runtime/elementwise_loops.h"
#include "runtime/ops.h"
#include "runtime/vecmath.h"

namespace gbc::runtime {

namespace {

/// Applies a floating kernel; integer and bool inputs are computed in float32 (torch's
/// "int -> float" promotion for unary float ops).
template <typename F>
Tensor floatUnary(const Tensor& x, const F& f) {
  DType dt = isFloating(x.dtype()) ? x.dtype() : kDefaultFloat;
  Tensor in = x.to(dt);
  Tensor out = Tensor::empty(x.sizes(), dt);
  dispatchDType(dt, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      detail::unaryLoop<T, T>(out, in, [&f](T v) -> T { return f(v); });
    }
  });
  return out;
}

/// Applies a kernel in x's own dtype.
template <typename F>
Tensor sameTypeUnary(const Tensor& x, const F& f) {
  Tensor out = Tensor::empty(x.sizes(), x.dtype());
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    detail::unaryLoop<T, T>(out, x, [&f](T v) -> T { return f(v); });
  });
  return out;
}

}  // namespace

Expected<Tensor> neg(const Tensor& x) {
  if (x.dtype() == DType::Bool) {
    return notImplemented(
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
        "invert a mask, use the "
        "`~` or `logical_not()` operator instead.");
  }
  return sameTypeUnary(x, [](auto v) -> decltype(v) {
    using T = decltype(v);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      return static_cast<T>(-static_cast<std::make_unsigned_t<T>>(v));
    } else {
      return -v;
    }
  });
}

Tensor abs(const Tensor& x) {
  return sameTypeUnary(x, [](auto v) -> decltype(v) {
    using T = decltype(v);
    if constexpr (std::is_same_v<T, bool>) {
      return v;
    } else if constexpr (std::is_floating_point_v<T>) {
      return std::fabs(v);
    } else {
      return v < 0 ? static_cast<T>(-static_cast<std::make_unsigned_t<T>>(v)) : v;
    }
  });
}

namespace {

/// torch's vml kernels (exp, log, tanh, sin, cos): float32 goes through the vectorised SLEEF
/// function for every element, fed one contiguous run at a time (split in two above 2048
/// elements, which matters only for sin/cos's per-vector choice of reduction); float64 uses libm.
Tensor vmlUnary(const Tensor& x, void (*block)(const float*, float*, int64_t),
                double (*f64)(double)) {
  if (x.dtype() == DType::Float64) return floatUnary(x, [&](double v) { return f64(v); });
  Tensor in = x.to(DType::Float32).contiguous();
  // (bfloat16/half: computed in float, the result rounded to the dtype by narrowStorage)
  Tensor out = Tensor::empty(
      x.sizes(), storageDType(x.dtype()) == DType::Float32 ? x.dtype() : DType::Float32);
  const int64_t n = x.numel();
  const int64_t chunk = n > 2048 ? (n + 1) / 2 : n;
  detail::parallelFor(n > 2048 ? 2 : 1, 1, [&](int64_t b, int64_t e) {
    for (int64_t c = b; c < e; ++c) {
      const int64_t start = c * chunk;
      block(in.data<float>() + start, out.data<float>() + start, std::min(chunk, n - start));
    }
  });
  return out;
}

}  // namespace

Tensor exp(const Tensor& x) {
  return vmlUnary(x, vecmath::expBlock, [](double v) { return std::exp(v); });
}
Tensor log(const Tensor& x) {
  return vmlUnary(x, vecmath::logBlock, [](double v) { return std::log(v); });
}
Tensor sqrt(const Tensor& x) {
  return floatUnary(x, [](auto v) { return std::sqrt(v); });
}
Tensor rsqrt(const Tensor& x) {
  return floatUnary(x, [](auto v) { return decltype(v)(1) / std::sqrt(v); });
}
Tensor sin(const Tensor& x) {
  return vmlUnary(x, vecmath::sinBlock, [](double v) { return std::sin(v); });
}
Tensor cos(const Tensor& x) {
  return vmlUnary(x, vecmath::cosBlock, [](double v) { return std::cos(v); });
}
Tensor tanh(const Tensor& x) {
  return vmlUnary(x, vecmath::tanhBlock, [](double v) { return std::tanh(v); });
}

Tensor sigmoid(const Tensor& x) {
  if (x.dtype() == DType::Float64) {
    return floatUnary(x, [](double v) { return 1.0 / (1.0 + std::exp(-v)); });
  }
  // Vectorised: (0 - x).exp() + 1, then the reciprocal.
  Tensor out = floatUnary(x, [](auto v) { return decltype(v)(0) - v; });
  float* p = out.data<float>();
  vecmath::expBlock(p, p, out.numel());
  for (int64_t i = 0; i < out.numel(); ++i) p[i] = 1.0f / (p[i] + 1.0f);
  return out;
}

Tensor relu(const Tensor& x) {
  return sameTypeUnary(x, [](auto v) -> decltype(v) {
    using T = decltype(v);
    if constexpr (std::is_same_v<T, bool>) {
      return v;
    } else {
      return v < T(0) ? T(0) : v;
    }
  });
}

Expected<Tensor> gelu(const Tensor& x, std::string_view approximate) {
  if (!isFloating(x.dtype())) {
    return runtimeError(
        fmt::format("\"GeluKernelImpl\" not implemented for '{}'", dtypeScalarName(x.dtype())));
  }
  if (approximate == "none") {
    return floatUnary(x, [](auto v) {
      using T = decltype(v);
      const T kAlpha = T(M_SQRT1_2);
      return v * T(0.5) * (T(1) + std::erf(v * kAlpha));
    });
  }
  if (approximate == "tanh") {
    return floatUnary(x, [](auto v) {
      using T = decltype(v);
      const T kBeta = T(M_SQRT2 * M_2_SQRTPI * 0.5);
      const T kKappa = T(0.044715);
      T cube = v * v * v;
      T inner = kBeta * std::fma(kKappa, cube, v);
      return T(0.5) * v * (T(1) + std::tanh(inner));
    });
  }
  return runtimeError(fmt::format("approximate argument must be either none or tanh."));
}

Tensor logicalNot(const Tensor& x) {
  Tensor out = Tensor::empty(x.sizes(), DType::Bool);
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    detail::unaryLoop<bool, T>(out, x, [](T v) { return v == T(0); });
  });
  return out;
}

Expected<Tensor> clamp(const Tensor& x, std::optional<Scalar> lo, std::optional<Scalar> hi) {
  if (!lo && !hi)
    return runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  std::vector<Tensor> operands{x};
  if (lo) operands.push_back(Tensor::wrapScalar(*lo));
  if (hi) operands.push_back(Tensor::wrapScalar(*hi));
  DType dt = resultType(operands);
  Tensor in = x.to(dt);
  Tensor out = Tensor::empty(x.sizes(), dt);
  dispatchDType(dt, [&](auto tag) {
    using T = decltype(tag);
    auto conv = [](const std::optional<Scalar>& s) {
      return s ? std::optional<T>(std::visit([](auto v) { return detail::castValue<T>(v); }, *s))
               : std::nullopt;
    };
    std::optional<T> l = conv(lo), h = conv(hi);
    detail::unaryLoop<T, T>(out, in, [l, h](T v) -> T {
      if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(v)) return v;
      }
      if (l && v < *l) v = *l;
      if (h && *h < v) v = *h;
      return v;
    });
  });
  return out;
}

}  // namespace gbc::runtime
