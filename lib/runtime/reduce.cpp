// sum / mean / prod / var / std with torch's float summation order (SumKernel.cpp's cascade
// sum over TensorIterator's dimension order; NOTES.md c.3).
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/ops.h"
#include "runtime/reduce_plan.h"

namespace gbc::runtime {

namespace detail {

Expected<std::vector<bool>> reductionMask(const DimList& dims, int64_t ndim) {
  std::vector<bool> mask(static_cast<size_t>(ndim), false);
  if (!dims || dims->empty()) {
    std::fill(mask.begin(), mask.end(), true);
    return mask;
  }
  for (int64_t d : *dims) {
    GBC_RT_TRY(int64_t w, wrapDim(d, ndim));
    if (ndim == 0) continue;
    if (mask[w])
      return runtimeError(fmt::format("dim {} appears multiple times in the list of dims", w));
    mask[w] = true;
  }
  return mask;
}

Shape reducedShape(const Shape& sizes, const std::vector<bool>& mask, bool keepdim) {
  Shape out;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (!mask[d])
      out.push_back(sizes[d]);
    else if (keepdim)
      out.push_back(1);
  }
  return out;
}

std::vector<ReduceDim> reducePlan(const Shape& sizes, const Shape& inStrides,
                                  const Shape& outStrides) {
  const int nd = static_cast<int>(sizes.size());
  std::vector<int> perm(nd);
  for (int i = 0; i < nd; ++i) perm[i] = nd - 1 - i;
  const Shape* strides[2] = {&outStrides, &inStrides};
  auto shouldSwap = [&](int d0, int d1) {
    for (int arg = 0; arg < 2; ++arg) {
      int64_t s0 = (*strides[arg])[d0], s1 = (*strides[arg])[d1];
      if (arg == 0 && (s0 == 0) != (s1 == 0)) return s1 == 0 ? 1 : -1;
      if (s0 == 0 || s1 == 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (sizes[d0] > sizes[d1]) return 1;
    }
    return 0;
  };
  for (int i = 1; i < nd; ++i) {
    int dim1 = i;
    for (int dim0 = i - 1; dim0 >= 0; --dim0) {
      int cmp = shouldSwap(perm[dim0], perm[dim1]);
      if (cmp > 0) {
        std::swap(perm[dim0], perm[dim1]);
        dim1 = dim0;
      } else if (cmp < 0) {
        break;
      }
    }
  }
  std::vector<ReduceDim> dims;
  for (int i = 0; i < nd; ++i)
    dims.push_back({sizes[perm[i]], inStrides[perm[i]], outStrides[perm[i]]});
  if (dims.empty()) return dims;
  size_t prev = 0;
  for (size_t d = 1; d < dims.size(); ++d) {
    bool can = dims[prev].size == 1 || dims[d].size == 1 ||
               (dims[prev].size * dims[prev].inStride == dims[d].inStride &&
                dims[prev].size * dims[prev].outStride == dims[d].outStride);
    if (can) {
      if (dims[prev].size == 1) {
        dims[prev].inStride = dims[d].inStride;
        dims[prev].outStride = dims[d].outStride;
      }
      dims[prev].size *= dims[d].size;
    } else {
      ++prev;
      if (prev != d) dims[prev] = dims[d];
    }
  }
  dims.resize(prev + 1);
  return dims;
}

}  // namespace detail

namespace {

template <typename T, int W>
using Lanes = std::array<T, W>;

/// multi_row_sum: nrows interleaved streams with four levels of chunk accumulators.
template <typename T, int W, int NROWS>
std::array<Lanes<T, W>, NROWS> multiRowSum(const T* in, int64_t rowStride, int64_t colStride,
                                           int64_t size) {
  constexpr int kLevels = 4;
  int64_t ceilLog2 = size <= 2 ? 1 : 64 - __builtin_clzll(static_cast<uint64_t>(size - 1));
  const int64_t power = std::max<int64_t>(4, ceilLog2 / kLevels);
  const int64_t step = int64_t{1} << power;
  const int64_t mask = step - 1;
  Lanes<T, W> acc[kLevels][NROWS] = {};
  int64_t i = 0;
  for (; i + step <= size;) {
    for (int64_t j = 0; j < step; ++j, ++i) {
      const T* base = in + i * rowStride;
      for (int k = 0; k < NROWS; ++k) {
        for (int l = 0; l < W; ++l) acc[0][k][l] += base[k * colStride + l];
      }
    }
    for (int j = 1; j < kLevels; ++j) {
      for (int k = 0; k < NROWS; ++k) {
        for (int l = 0; l < W; ++l) acc[j][k][l] += acc[j - 1][k][l];
        acc[j - 1][k] = Lanes<T, W>{};
      }
      if ((i & (mask << (j * power))) != 0) break;
    }
  }
  for (; i < size; ++i) {
    const T* base = in + i * rowStride;
    for (int k = 0; k < NROWS; ++k) {
      for (int l = 0; l < W; ++l) acc[0][k][l] += base[k * colStride + l];
    }
  }
  for (int j = 1; j < kLevels; ++j) {
    for (int k = 0; k < NROWS; ++k) {
      for (int l = 0; l < W; ++l) acc[0][k][l] += acc[j][k][l];
    }
  }
  std::array<Lanes<T, W>, NROWS> ret;
  for (int k = 0; k < NROWS; ++k) ret[k] = acc[0][k];
  return ret;
}

/// row_sum: the row as (size / 4, 4), tail into column 0, columns 1..3 added to column 0.
template <typename T, int W>
Lanes<T, W> rowSum(const T* in, int64_t inStride, int64_t size) {
  constexpr int kIlp = 4;
  const int64_t sizeIlp = size / kIlp;
  auto parts = multiRowSum<T, W, kIlp>(in, inStride * kIlp, inStride, sizeIlp);
  for (int64_t i = sizeIlp * kIlp; i < size; ++i) {
    for (int l = 0; l < W; ++l) parts[0][l] += in[i * inStride + l];
  }
  for (int k = 1; k < kIlp; ++k) {
    for (int l = 0; l < W; ++l) parts[0][l] += parts[k][l];
  }
  return parts[0];
}

/// SumKernel's 2-d loop (offsets and strides in elements).
template <typename T, int W>
void cascadeLoop2d(const T* in, T* out, int64_t size0, int64_t size1, int64_t is0, int64_t is1,
                   int64_t os0, int64_t os1) {
  if (os0 != 0 && os1 == 0) {
    std::swap(is0, is1);
    std::swap(os0, os1);
    std::swap(size0, size1);
  }
  if (os0 != 0 && os1 != 0) {
    for (int64_t j = 0; j < size1; ++j) {
      for (int64_t i = 0; i < size0; ++i) out[i * os0 + j * os1] += in[i * is0 + j * is1];
    }
    return;
  }
  const int64_t os = os1;
  if (is0 == 1 && size0 >= W) {
    const int64_t vecSize = size0 / W;
    for (int64_t j = 0; j < size1; ++j) {
      const T* row = in + j * is1;
      auto vec = rowSum<T, W>(row, W, vecSize);
      T total = 0;
      for (int64_t k = vecSize * W; k < size0; ++k) total += row[k];
      for (int l = 0; l < W; ++l) total += vec[l];
      out[j * os] += total;
    }
  } else if (is1 == 1 && size1 >= W) {
    int64_t j = 0;
    for (; j + 4 * W <= size1; j += 4 * W) {
      auto sums = multiRowSum<T, W, 4>(in + j, is0, W, size0);
      for (int k = 0; k < 4; ++k) {
        for (int l = 0; l < W; ++l) out[(j + k * W + l) * os] += sums[k][l];
      }
    }
    for (; j + W <= size1; j += W) {
      auto sums = rowSum<T, W>(in + j, is0, size0);
      for (int l = 0; l < W; ++l) out[(j + l) * os] += sums[l];
    }
    for (; j < size1; ++j) out[j * os] += rowSum<T, 1>(in + j, is0, size0)[0];
  } else if (is0 < is1) {
    for (int64_t j = 0; j < size1; ++j) out[j * os] += rowSum<T, 1>(in + j * is1, is0, size0)[0];
  } else {
    int64_t j = 0;
    for (; j + 3 < size1; j += 4) {
      auto sums = multiRowSum<T, 1, 4>(in + j * is1, is0, is1, size0);
      for (int k = 0; k < 4; ++k) out[(j + k) * os] += sums[k][0];
    }
    for (; j < size1; ++j) out[j * os] += rowSum<T, 1>(in + j * is1, is0, size0)[0];
  }
}

constexpr int64_t kGrainSize = 32768;

/// Sums x (already of the accumulation dtype T) into out (zero-filled, keepdim layout viewed in
/// x's rank via outStrides).
template <typename T>
void cascadeSum(const Tensor& x, const Tensor& out, const Shape& outStrides) {
  constexpr int W = std::is_same_v<T, float> ? 8 : (std::is_same_v<T, double> ? 4 : 1);
  auto plan = detail::reducePlan(x.sizes(), x.strides(), outStrides);
  const T* in = x.data<T>();
  T* o = out.data<T>();
  const int64_t numel = x.numel();
  auto loop = [&](T* dst) {
    return [in, dst](int64_t inOff, int64_t outOff, int64_t s0, int64_t s1, int64_t is0,
                     int64_t is1, int64_t os0, int64_t os1) {
      cascadeLoop2d<T, W>(in + inOff, dst + outOff, s0, s1, is0, is1, os0, os1);
    };
  };
  if (out.numel() != 1) {
    // Several outputs: torch splits the work over outputs, which keeps each output's order. Do
    // the same along the outermost kept dim when the work is large.
    int64_t k = static_cast<int64_t>(plan.size()) - 1;
    while (k >= 0 && (plan[k].outStride == 0 || plan[k].size < 2)) --k;
    if (numel < detail::kParallelElements || k < 0) {
      detail::serialForEach(plan, 0, numel, loop(o));
      return;
    }
    detail::parallelFor(plan[k].size, 1, [&](int64_t b, int64_t e) {
      auto part = plan;
      part[k].size = e - b;
      const int64_t partNumel = numel / plan[k].size * (e - b);
      const T* inBase = in + b * plan[k].inStride;
      T* outBase = o + b * plan[k].outStride;
      detail::serialForEach(part, 0, partNumel,
                            [&](int64_t io, int64_t oo, int64_t s0, int64_t s1, int64_t is0,
                                int64_t is1, int64_t os0, int64_t os1) {
                              cascadeLoop2d<T, W>(inBase + io, outBase + oo, s0, s1, is0, is1, os0,
                                                  os1);
                            });
    });
    return;
  }
  if (numel < kGrainSize) {
    detail::serialForEach(plan, 0, numel, loop(o));
    return;
  }
  // torch's two-pass reduction over at most two threads.
  int64_t tasks = std::min<int64_t>(2, (numel + kGrainSize - 1) / kGrainSize);
  int64_t chunk = (numel + tasks - 1) / tasks;
  T buffer[2] = {T(0), T(0)};
  detail::parallelFor(tasks, 1, [&](int64_t b, int64_t e) {
    for (int64_t t = b; t < e; ++t) {
      detail::serialForEach(plan, t * chunk, std::min(numel, (t + 1) * chunk), loop(&buffer[t]));
    }
  });
  T final[1] = {T(0)};
  cascadeLoop2d<T, W>(buffer, final, 2, 1, 1, 0, 0, 0);
  o[0] += final[0];
}

Shape outStridesInInputRank(const Tensor& out, const std::vector<bool>& mask, bool keepdim) {
  Shape s(mask.size(), 0);
  size_t k = 0;
  for (size_t d = 0; d < mask.size(); ++d) {
    if (mask[d]) {
      if (keepdim) ++k;
      continue;
    }
    s[d] = out.strides()[k++];
  }
  return s;
}

}  // namespace

Expected<Tensor> sum(const Tensor& x, const DimList& dims, bool keepdim,
                     std::optional<DType> dtype) {
  GBC_RT_TRY(auto mask, detail::reductionMask(dims, x.dim()));
  DType acc = dtype ? *dtype : (isFloating(x.dtype()) ? x.dtype() : DType::Int64);
  Tensor in = x.to(acc);
  Tensor out = Tensor::empty(detail::reducedShape(x.sizes(), mask, keepdim), acc);
  fill_(out, int64_t{0});
  Shape os = outStridesInInputRank(out, mask, keepdim);
  dispatchDType(acc, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, bool>) {
      GBC_UNREACHABLE("bool sums accumulate in int64");
    } else {
      cascadeSum<T>(in, out, os);
    }
  });
  return out;
}

Expected<Tensor> mean(const Tensor& x, const DimList& dims, bool keepdim,
                      std::optional<DType> dtype) {
  DType dt = dtype.value_or(x.dtype());
  if (!isFloating(dt)) {
    return runtimeError(
        fmt::format("mean(): could not infer output dtype. Input dtype must be either a floating "
                    "point or complex dtype. Got: {}",
                    dtypeScalarName(dt)));
  }
  GBC_RT_TRY(auto mask, detail::reductionMask(dims, x.dim()));
  int64_t count = 1;
  for (size_t d = 0; d < mask.size(); ++d) {
    if (mask[d]) count *= x.sizes()[d];
  }
  GBC_RT_TRY(Tensor s, sum(x, dims, keepdim, dt));
  return div(s, count);
}

Expected<Tensor> prod(const Tensor& x, std::optional<int64_t> dim, bool keepdim) {
  DimList dims;
  if (dim) dims = std::vector<int64_t>{*dim};
  GBC_RT_TRY(auto mask, detail::reductionMask(dims, x.dim()));
  DType acc = isFloating(x.dtype()) ? x.dtype() : DType::Int64;
  Tensor in = x.to(acc);
  Tensor out = Tensor::empty(detail::reducedShape(x.sizes(), mask, keepdim), acc);
  fill_(out, int64_t{1});
  Shape os = outStridesInInputRank(out, mask, keepdim);
  auto plan = detail::reducePlan(in.sizes(), in.strides(), os);
  dispatchDType(acc, [&](auto tag) {
    using T = decltype(tag);
    const T* p = in.data<T>();
    T* o = out.data<T>();
    detail::serialForEach(plan, 0, in.numel(),
                          [&](int64_t io, int64_t oo, int64_t s0, int64_t s1, int64_t is0,
                              int64_t is1, int64_t os0, int64_t os1) {
                            for (int64_t j = 0; j < s1; ++j) {
                              for (int64_t i = 0; i < s0; ++i) {
                                T& dst = o[oo + i * os0 + j * os1];
                                if constexpr (std::is_same_v<T, bool>) {
                                  dst = dst && p[io + i * is0 + j * is1];
                                } else {
                                  dst = dst * p[io + i * is0 + j * is1];
                                }
                              }
                            }
                          });
  });
  return out;
}

Expected<Tensor> var(const Tensor& x, const DimList& dims, double correction, bool keepdim) {
  if (!isFloating(x.dtype())) {
    return runtimeError(fmt::format("std and var only support floating point and complex dtypes"));
  }
  GBC_RT_TRY(auto mask, detail::reductionMask(dims, x.dim()));
  // Kept dims first, reduced dims last: one row of reduced elements per output.
  std::vector<int64_t> perm;
  int64_t rows = 1, cols = 1;
  for (size_t d = 0; d < mask.size(); ++d) {
    if (!mask[d]) {
      perm.push_back(static_cast<int64_t>(d));
      rows *= x.sizes()[d];
    }
  }
  for (size_t d = 0; d < mask.size(); ++d) {
    if (mask[d]) {
      perm.push_back(static_cast<int64_t>(d));
      cols *= x.sizes()[d];
    }
  }
  GBC_RT_TRY(Tensor p, permute(x, perm));
  Tensor c = p.to(DType::Float64).contiguous();
  Tensor out = Tensor::empty(detail::reducedShape(x.sizes(), mask, keepdim), x.dtype());
  const double* in = c.data<double>();
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* o = out.data<T>();
    for (int64_t r = 0; r < rows; ++r) {
      const double* row = in + r * cols;
      double m = 0;
      for (int64_t i = 0; i < cols; ++i) m += row[i];
      m /= static_cast<double>(cols);
      double ss = 0;
      for (int64_t i = 0; i < cols; ++i) ss += (row[i] - m) * (row[i] - m);
      double denom = std::max(0.0, static_cast<double>(cols) - correction);
      o[r] = detail::castValue<T>(ss / denom);
    }
  });
  return out;
}

Expected<Tensor> stdDev(const Tensor& x, const DimList& dims, double correction, bool keepdim) {
  GBC_RT_TRY(Tensor v, var(x, dims, correction, keepdim));
  return sqrt(v);
}

}  // namespace gbc::runtime
