// max / min / amax / amin / argmax / argmin / all / any / sort / topk.
#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/ops.h"
#include "runtime/reduce_plan.h"

namespace gbc::runtime {

namespace {

/// x rearranged as a contiguous [rows, cols] tensor: kept dims (rows) first, reduced dims
/// (cols) last, both in logical order.
struct Rows {
  Tensor data;
  int64_t rows = 1;
  int64_t cols = 1;
  std::vector<bool> mask;
};

Expected<Rows> toRows(const Tensor& x, const DimList& dims) {
  Rows r;
  GBC_RT_TRY(r.mask, detail::reductionMask(dims, x.dim()));
  std::vector<int64_t> perm;
  for (size_t d = 0; d < r.mask.size(); ++d) {
    if (!r.mask[d]) {
      perm.push_back(static_cast<int64_t>(d));
      r.rows *= x.sizes()[d];
    }
  }
  for (size_t d = 0; d < r.mask.size(); ++d) {
    if (r.mask[d]) {
      perm.push_back(static_cast<int64_t>(d));
      r.cols *= x.sizes()[d];
    }
  }
  GBC_RT_TRY(Tensor p, permute(x, perm));
  r.data = p.contiguous();
  return r;
}

template <typename T>
bool isNan(T v) {
  if constexpr (std::is_floating_point_v<T>) return std::isnan(v);
  return false;
}

/// Index of the max (or min) of row[0..n): first among ties, first NaN wins.
template <typename T>
int64_t extremeIndex(const T* row, int64_t n, bool wantMax) {
  int64_t best = 0;
  for (int64_t i = 1; i < n; ++i) {
    if (isNan(row[best])) break;
    T v = row[i];
    if (isNan(v) || (wantMax ? v > row[best] : v < row[best])) best = i;
  }
  return best;
}

Expected<Tensor> extremeValues(const Tensor& x, const DimList& dims, bool keepdim, bool wantMax,
                               std::string_view name) {
  GBC_RT_TRY(Rows r, toRows(x, dims));
  if (r.cols == 0) {
    for (size_t d = 0; d < r.mask.size(); ++d) {
      if (r.mask[d] && x.sizes()[d] == 0) {
        return indexError(
            fmt::format("{}(): Expected reduction dim {} to have non-zero size.", name, d));
      }
    }
  }
  Tensor out = Tensor::empty(detail::reducedShape(x.sizes(), r.mask, keepdim), x.dtype());
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = r.data.data<T>();
    T* o = out.data<T>();
    for (int64_t i = 0; i < r.rows; ++i)
      o[i] = p[i * r.cols + extremeIndex(p + i * r.cols, r.cols, wantMax)];
  });
  return out;
}

Expected<ValuesIndices> extremeDim(const Tensor& x, int64_t dim, bool keepdim, bool wantMax,
                                   std::string_view name) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, x.dim()));
  GBC_RT_TRY(Rows r, toRows(x, std::vector<int64_t>{d}));
  if (x.dim() > 0 && x.sizes()[d] == 0) {
    return indexError(
        fmt::format("{}(): Expected reduction dim {} to have non-zero size.", name, d));
  }
  Shape shape = detail::reducedShape(x.sizes(), r.mask, keepdim);
  ValuesIndices out{Tensor::empty(shape, x.dtype()), Tensor::empty(shape, DType::Int64)};
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = r.data.data<T>();
    T* o = out.values.data<T>();
    int64_t* oi = out.indices.data<int64_t>();
    for (int64_t i = 0; i < r.rows; ++i) {
      int64_t k = extremeIndex(p + i * r.cols, r.cols, wantMax);
      o[i] = p[i * r.cols + k];
      oi[i] = k;
    }
  });
  return out;
}

Expected<Tensor> argExtreme(const Tensor& x, std::optional<int64_t> dim, bool keepdim,
                            bool wantMax) {
  std::string_view name = wantMax ? "argmax" : "argmin";
  if (!dim) {
    if (x.numel() == 0) {
      return indexError(fmt::format(
          "{}(): Expected reduction dim to be specified for input.numel() == 0.", name));
    }
    Tensor flat = x.contiguous();
    GBC_RT_TRY(flat, reshape(flat, {-1}));
    Tensor out = Tensor::empty(keepdim ? Shape(x.dim(), 1) : Shape{}, DType::Int64);
    dispatchDType(x.dtype(), [&](auto tag) {
      using T = decltype(tag);
      *out.data<int64_t>() = extremeIndex(flat.data<T>(), flat.numel(), wantMax);
    });
    return out;
  }
  GBC_RT_TRY(ValuesIndices vi, extremeDim(x, *dim, keepdim, wantMax, name));
  return vi.indices;
}

}  // namespace

Expected<Tensor> amax(const Tensor& x, const DimList& dims, bool keepdim) {
  return extremeValues(x, dims, keepdim, true, "amax");
}
Expected<Tensor> amin(const Tensor& x, const DimList& dims, bool keepdim) {
  return extremeValues(x, dims, keepdim, false, "amin");
}

Expected<Tensor> max(const Tensor& x) {
  if (x.numel() == 0) {
    return runtimeError(
        "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
        "reduction dim with the "
        "'dim' argument.");
  }
  return extremeValues(x, std::nullopt, false, true, "max");
}

Expected<Tensor> min(const Tensor& x) {
  if (x.numel() == 0) {
    return runtimeError(
        "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
        "reduction dim with the "
        "'dim' argument.");
  }
  return extremeValues(x, std::nullopt, false, false, "min");
}

Expected<ValuesIndices> max(const Tensor& x, int64_t dim, bool keepdim) {
  return extremeDim(x, dim, keepdim, true, "max");
}
Expected<ValuesIndices> min(const Tensor& x, int64_t dim, bool keepdim) {
  return extremeDim(x, dim, keepdim, false, "min");
}
Expected<Tensor> argmax(const Tensor& x, std::optional<int64_t> dim, bool keepdim) {
  return argExtreme(x, dim, keepdim, true);
}
Expected<Tensor> argmin(const Tensor& x, std::optional<int64_t> dim, bool keepdim) {
  return argExtreme(x, dim, keepdim, false);
}

static Expected<Tensor> boolReduce(const Tensor& x, bool wantAll) {
  Tensor c = x.contiguous();
  bool result = wantAll;
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = c.data<T>();
    for (int64_t i = 0; i < c.numel(); ++i) {
      bool nz = p[i] != T(0);
      if (wantAll && !nz) result = false;
      if (!wantAll && nz) result = true;
    }
  });
  return Tensor::scalarTensor(result, DType::Bool);
}

Expected<Tensor> all(const Tensor& x) { return boolReduce(x, true); }
Expected<Tensor> any(const Tensor& x) { return boolReduce(x, false); }

/// Sorts each row along dim; keeps the first k (all when k < 0).
static Expected<ValuesIndices> sortedAlong(const Tensor& x, int64_t dim, bool descending,
                                           int64_t k) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, x.dim()));
  if (x.dim() == 0) {
    ValuesIndices out{x.clone(), Tensor::scalarTensor(int64_t{0}, DType::Int64)};
    return out;
  }
  GBC_RT_TRY(Tensor moved, transpose(x, d, x.dim() - 1));
  Tensor c = moved.contiguous();
  int64_t n = x.sizes()[d];
  int64_t keep = k < 0 ? n : k;
  int64_t rows = n == 0 ? 0 : c.numel() / n;
  Shape shape = c.sizes();
  shape.back() = keep;
  Tensor vals = Tensor::empty(shape, x.dtype());
  Tensor idx = Tensor::empty(shape, DType::Int64);
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = c.data<T>();
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t r = 0; r < rows; ++r) {
      const T* row = p + r * n;
      std::iota(order.begin(), order.end(), 0);
      // NaN sorts as the largest value.
      auto less = [row](int64_t a, int64_t b) {
        if (isNan(row[a])) return false;
        if (isNan(row[b])) return true;
        return row[a] < row[b];
      };
      if (descending) {
        std::stable_sort(order.begin(), order.end(),
                         [&](int64_t a, int64_t b) { return less(b, a); });
      } else {
        std::stable_sort(order.begin(), order.end(), less);
      }
      for (int64_t i = 0; i < keep; ++i) {
        vals.data<T>()[r * keep + i] = row[order[i]];
        idx.data<int64_t>()[r * keep + i] = order[i];
      }
    }
  });
  GBC_RT_TRY(Tensor v, transpose(vals, d, x.dim() - 1));
  GBC_RT_TRY(Tensor i, transpose(idx, d, x.dim() - 1));
  ValuesIndices out{v.contiguous(), i.contiguous()};
  return out;
}

Expected<ValuesIndices> sort(const Tensor& x, int64_t dim, bool descending) {
  return sortedAlong(x, dim, descending, -1);
}

Expected<ValuesIndices> topk(const Tensor& x, int64_t k, int64_t dim, bool largest) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, x.dim()));
  int64_t n = x.dim() == 0 ? 1 : x.sizes()[d];
  if (k < 0 || k > n) return runtimeError("selected index k out of range");
  return sortedAlong(x, d, largest, k);
}

}  // namespace gbc::runtime
