// Factories: zeros, ones, full, arange, linspace, eye, *_like, tensors from Python data.
#include <cmath>

#include <fmt/format.h>

#include "runtime/elementwise_loops.h"
#include "runtime/ops.h"

namespace gbc::runtime {

static Status checkSizes(std::string_view name, const Shape& sizes) {
  for (int64_t s : sizes) {
    if (s < 0) return runtimeError(fmt::format("{}: Dimension size must be non-negative.", name));
  }
  return ok();
}

/// c10::overflows for the small integer dtypes: a value outside the type's range (unsigned
/// types also take the negatives down to -max, which wrap) cannot be converted. `suffix` is
/// "" in torch.tensor's message ("int8") and "_t" in full/fill_'s ("int8_t").
static Status checkNarrowRange(DType dtype, const Scalar& value, std::string_view suffix) {
  if (!isNarrow(dtype) || isFloating(dtype) || value.index() == 2) return ok();
  const double v = scalarToDouble(value);
  double lo = -128, hi = 127;
  if (dtype == DType::Int16) lo = -32768, hi = 32767;
  if (dtype == DType::UInt8) lo = -255, hi = 255;
  if (v < lo || v > hi) {
    std::string_view name = dtypeName(dtype);
    name.remove_prefix(6);  // "torch."
    return runtimeError(
        fmt::format("value cannot be converted to type {}{} without overflow", name, suffix));
  }
  return ok();
}

static Tensor filled(const Shape& sizes, DType dtype, const Scalar& value) {
  Tensor t = Tensor::empty(sizes, dtype);
  fill_(t, value);
  return t;
}

Expected<Tensor> zeros(const Shape& sizes, DType dtype) {
  GBC_RT_CHECK(checkSizes("zeros", sizes));
  return filled(sizes, dtype, int64_t{0});
}

Expected<Tensor> ones(const Shape& sizes, DType dtype) {
  GBC_RT_CHECK(checkSizes("ones", sizes));
  return filled(sizes, dtype, int64_t{1});
}

Expected<Tensor> empty(const Shape& sizes, DType dtype) {
  GBC_RT_CHECK(checkSizes("empty", sizes));
  // Deterministic contents (torch leaves them undefined).
  return filled(sizes, dtype, int64_t{0});
}

Expected<Tensor> full(const Shape& sizes, const Scalar& value, std::optional<DType> dtype) {
  GBC_RT_CHECK(checkSizes("full", sizes));
  DType dt = dtype ? *dtype : (scalarIsFloat(value) ? kDefaultFloat : scalarDType(value));
  GBC_RT_CHECK(checkNarrowRange(dt, value, "_t"));
  return filled(sizes, dt, value);
}

Expected<Tensor> arange(const Scalar& start, const Scalar& end, const Scalar& step,
                        std::optional<DType> dtype) {
  bool anyFloat = scalarIsFloat(start) || scalarIsFloat(end) || scalarIsFloat(step);
  DType dt = dtype ? *dtype : (anyFloat ? kDefaultFloat : DType::Int64);
  double xs = scalarToDouble(start), xe = scalarToDouble(end), xst = scalarToDouble(step);
  if (xst == 0) return runtimeError("step must be nonzero");
  if (!std::isfinite(xs) || !std::isfinite(xe)) {
    return runtimeError(fmt::format("unsupported range: {} -> {}", xs, xe));
  }
  if ((xst > 0 && xe < xs) || (xst < 0 && xe > xs)) {
    return runtimeError("upper bound and larger bound inconsistent with step sign");
  }
  double sizeD;
  if (dt == DType::Int64 && !anyFloat) {
    int64_t is = scalarToInt(start), ie = scalarToInt(end), ist = scalarToInt(step);
    int64_t sgn = (ist > 0) - (ist < 0);
    sizeD = std::ceil(static_cast<double>(ie - is + ist - sgn) / static_cast<double>(ist));
  } else {
    sizeD = std::ceil((xe - xs) / xst);
  }
  auto n = static_cast<int64_t>(sizeD);
  Tensor out = Tensor::empty({n}, dt);
  dispatchDType(dt, [&](auto tag) {
    using T = decltype(tag);
    T* p = out.data<T>();
    if constexpr (std::is_floating_point_v<T>) {
      for (int64_t i = 0; i < n; ++i)
        p[i] = static_cast<T>(std::fma(xst, static_cast<double>(i), xs));
    } else if constexpr (std::is_same_v<T, bool>) {
      for (int64_t i = 0; i < n; ++i) p[i] = (xs + xst * static_cast<double>(i)) != 0;
    } else {
      if (anyFloat) {
        for (int64_t i = 0; i < n; ++i) p[i] = static_cast<T>(xs + xst * static_cast<double>(i));
      } else {
        int64_t is = scalarToInt(start), ist = scalarToInt(step);
        for (int64_t i = 0; i < n; ++i) p[i] = static_cast<T>(is + ist * i);
      }
    }
  });
  out.narrowStorage();  // (bfloat16, int8, ...: rounded / wrapped)
  return out;
}

Expected<Tensor> arange(const Scalar& end, std::optional<DType> dtype) {
  return arange(int64_t{0}, end, int64_t{1}, dtype);
}

Expected<Tensor> linspace(const Scalar& startS, const Scalar& endS, int64_t steps, DType dtype) {
  if (steps < 0) return runtimeError("number of steps must be non-negative");
  Tensor out = Tensor::empty({steps}, dtype);
  dispatchDType(dtype, [&](auto tag) {
    using T = decltype(tag);
    T* p = out.data<T>();
    if (steps == 1) {
      p[0] = std::visit([](auto v) { return detail::castValue<T>(v); }, startS);
      return;
    }
    if constexpr (std::is_floating_point_v<T>) {
      T start = static_cast<T>(scalarToDouble(startS)), end = static_cast<T>(scalarToDouble(endS));
      T step = (end - start) / static_cast<T>(steps - 1);
      int64_t half = steps / 2;
      for (int64_t i = 0; i < steps; ++i) {
        p[i] = i < half ? std::fma(step, static_cast<T>(i), start)
                        : std::fma(-step, static_cast<T>(steps - 1 - i), end);
      }
    } else {
      double start = scalarToDouble(startS), end = scalarToDouble(endS);
      double step = (end - start) / static_cast<double>(steps - 1);
      int64_t half = steps / 2;
      for (int64_t i = 0; i < steps; ++i) {
        double v = i < half ? start + step * static_cast<double>(i)
                            : end - step * static_cast<double>(steps - 1 - i);
        p[i] = detail::castValue<T>(v);
      }
    }
  });
  out.narrowStorage();  // (bfloat16, int8, ...: rounded / wrapped)
  return out;
}

Expected<Tensor> eye(int64_t n, std::optional<int64_t> mOpt, DType dtype) {
  int64_t m = mOpt.value_or(n);
  if (n < 0) return runtimeError(fmt::format("n must be greater or equal to 0, got {}", n));
  if (m < 0) return runtimeError(fmt::format("m must be greater or equal to 0, got {}", m));
  Tensor out = filled({n, m}, dtype, int64_t{0});
  dispatchDType(dtype, [&](auto tag) {
    using T = decltype(tag);
    T* p = out.data<T>();
    for (int64_t i = 0; i < std::min(n, m); ++i) p[i * m + i] = T(1);
  });
  return out;
}

Tensor zerosLike(const Tensor& t, std::optional<DType> dtype) {
  return filled(t.sizes(), dtype.value_or(t.dtype()), int64_t{0});
}

Tensor onesLike(const Tensor& t, std::optional<DType> dtype) {
  return filled(t.sizes(), dtype.value_or(t.dtype()), int64_t{1});
}

Tensor fullLike(const Tensor& t, const Scalar& value, std::optional<DType> dtype) {
  return filled(t.sizes(), dtype.value_or(t.dtype()), value);
}

DType inferDType(std::span<const Scalar> values) {
  bool anyInt = false;
  bool anyBool = false;
  for (const Scalar& s : values) {
    if (scalarIsFloat(s)) return kDefaultFloat;
    if (std::holds_alternative<int64_t>(s)) anyInt = true;
    if (std::holds_alternative<bool>(s)) anyBool = true;
  }
  if (anyInt) return DType::Int64;
  if (anyBool) return DType::Bool;
  return kDefaultFloat;
}

Expected<Tensor> fromData(std::span<const Scalar> values, const Shape& sizes, DType dtype) {
  if (static_cast<int64_t>(values.size()) != shapeNumel(sizes)) {
    return valueError(fmt::format("expected {} values for shape {}, got {}", shapeNumel(sizes),
                                  detail::shapeString(sizes), values.size()));
  }
  for (const Scalar& v : values) GBC_RT_CHECK(checkNarrowRange(dtype, v, ""));
  Tensor out = Tensor::empty(sizes, dtype);
  dispatchDType(dtype, [&](auto tag) {
    using T = decltype(tag);
    T* p = out.data<T>();
    for (size_t i = 0; i < values.size(); ++i) {
      p[i] = std::visit([](auto v) { return detail::castValue<T>(v); }, values[i]);
    }
  });
  out.narrowStorage();  // (bfloat16, int8, ...: rounded / wrapped)
  return out;
}

static Status flattenNested(const Nested& n, size_t depth, Shape& shape,
                            std::vector<Scalar>& flat) {
  if (!n.isList()) {
    if (depth < shape.size()) {
      return typeError(fmt::format("expected sequence of length {} at dim {} (got a number)",
                                   shape[depth], depth));
    }
    flat.push_back(n.scalar());
    return ok();
  }
  const auto& items = n.list();
  if (depth == shape.size()) {
    // First visit at this depth (only along the first path) fixes the size.
    if (!flat.empty()) return valueError(fmt::format("expected a number at dim {}", depth));
    shape.push_back(static_cast<int64_t>(items.size()));
  } else if (static_cast<int64_t>(items.size()) != shape[depth]) {
    return valueError(fmt::format("expected sequence of length {} at dim {} (got {})", shape[depth],
                                  depth, items.size()));
  }
  for (const Nested& item : items) GBC_RT_CHECK(flattenNested(item, depth + 1, shape, flat));
  return ok();
}

Expected<Tensor> fromNested(const Nested& data, std::optional<DType> dtype) {
  Shape shape;
  std::vector<Scalar> flat;
  GBC_RT_CHECK(flattenNested(data, 0, shape, flat));
  return fromData(flat, shape, dtype.value_or(inferDType(flat)));
}

}  // namespace gbc::runtime
