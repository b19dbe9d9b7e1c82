// softmax / log_softmax / layer_norm (torch's CPU kernels' operation order), cat and stack.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/ops.h"
#include "runtime/vecmath.h"

namespace gbc::runtime {

namespace {

/// vec::reduce_all with `+` over an 8-lane vector (AVX2 kernels): lane-wise accumulation of
/// 8-element blocks, a masked tail block, then the shuffle tree.
template <typename T>
T reduceAllSum(const T* data, int64_t size) {
  constexpr int W = 64 / sizeof(T);
  if (size < W) {
    T acc = data[0];
    for (int64_t i = 1; i < size; ++i) acc = acc + data[i];
    return acc;
  }
  T acc[W];
  for (int l = 0; l < W; ++l) acc[l] = data[l];
  int64_t d = W;
  for (; d < size - (size % W); d += W) {
    for (int l = 0; l < W; ++l) acc[l] = acc[l] + data[d + l];
  }
  for (int64_t l = 0; l < size - d; ++l) acc[l] = acc[l] + data[d + l];
  // Shuffle tree: halves, then pairs of pairs, then neighbours.
  for (int half = W / 2; half >= 1; half /= 2) {
    T next[W];
    for (int l = 0; l < W; ++l) next[l] = acc[l] + acc[l ^ half];
    std::memcpy(acc, next, sizeof(acc));
  }
  return acc[0];
}

/// exp of n values as the softmax kernels compute it: Vectorized<float>::exp (SLEEF) for float.
void softmaxExp(float* v, int64_t n) { vecmath::expBlock(v, v, n); }
void softmaxExp(double* v, int64_t n) {
  for (int64_t i = 0; i < n; ++i) v[i] = std::exp(v[i]);
}

template <typename T>
T maxPropagate(T a, T b) {
  if (std::isnan(a)) return a;
  if (std::isnan(b)) return b;
  return a < b ? b : a;
}

Expected<Tensor> softmaxImpl(const Tensor& x, int64_t dim, bool logarithm) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, x.dim()));
  const bool lastDim = x.dim() == 0 || d == x.dim() - 1;
  if (!isFloating(x.dtype())) {
    return notImplemented(fmt::format(
        "\"{}\" not implemented for '{}'",
        lastDim ? (logarithm ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl")
                : (logarithm ? "log_softmax_kernel_impl" : "softmax_kernel_impl"),
        dtypeScalarName(x.dtype())));
  }
  Tensor in = x.contiguous();
  Tensor out = Tensor::empty(x.sizes(), x.dtype());
  if (x.numel() == 0) return out;
  int64_t dimSize = x.dim() == 0 ? 1 : x.sizes()[d];
  int64_t inner = 1, outer = 1;
  for (int64_t k = d + 1; k < x.dim(); ++k) inner *= x.sizes()[k];
  for (int64_t k = 0; k < d; ++k) outer *= x.sizes()[k];
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const T* p = in.data<T>();
      T* o = out.data<T>();
      if (inner == 1) {
        detail::parallelFor(outer, 64, [&](int64_t b, int64_t e) {
          std::vector<T> tmp(static_cast<size_t>(dimSize));
          for (int64_t r = b; r < e; ++r) {
            const T* row = p + r * dimSize;
            T* orow = o + r * dimSize;
            T mx = row[0];
            for (int64_t i = 1; i < dimSize; ++i) mx = maxPropagate(mx, row[i]);
            for (int64_t i = 0; i < dimSize; ++i) tmp[i] = row[i] - mx;
            softmaxExp(tmp.data(), dimSize);
            T s = reduceAllSum(tmp.data(), dimSize);
            if (logarithm) {
              T ls = vecmath::log(s);
              for (int64_t i = 0; i < dimSize; ++i) orow[i] = row[i] - mx - ls;
            } else {
              T inv = T(1) / s;
              for (int64_t i = 0; i < dimSize; ++i) orow[i] = tmp[i] * inv;
            }
          }
        });
      } else {
        // Reduction over a non-last dim: scalar loop per (outer, inner) position.
        for (int64_t r = 0; r < outer; ++r) {
          for (int64_t c = 0; c < inner; ++c) {
            const T* base = p + r * dimSize * inner + c;
            T* obase = o + r * dimSize * inner + c;
            T mx = base[0];
            for (int64_t i = 1; i < dimSize; ++i) mx = maxPropagate(mx, base[i * inner]);
            T s = 0;
            for (int64_t i = 0; i < dimSize; ++i) {
              T e = std::exp(base[i * inner] - mx);
              if (!logarithm) obase[i * inner] = e;
              s += e;
            }
            if (logarithm) {
              T ls = std::log(s);
              for (int64_t i = 0; i < dimSize; ++i) obase[i * inner] = base[i * inner] - mx - ls;
            } else {
              for (int64_t i = 0; i < dimSize; ++i) obase[i * inner] = obase[i * inner] / s;
            }
          }
        }
      }
    }
  });
  return out;
}

/// moments_utils.h's RowwiseMoments (cascade Welford over 8-lane vectors, chunks of 16). The
/// recorded layer_norm results show unfused multiply-adds here.
template <typename T>
std::pair<T, T> rowwiseMoments(const T* x, int64_t N) {
  constexpr int W = 32 / sizeof(T);
  constexpr int64_t kChunk = 16;
  const int64_t n = N / W;
  const int64_t m = (n + kChunk - 1) / kChunk;
  const int64_t depth = m <= 2 ? 1 : 64 - __builtin_clzll(static_cast<uint64_t>(m - 1));
  std::vector<int64_t> m0stk(static_cast<size_t>(depth), 0);
  std::vector<std::array<T, W>> m1stk(static_cast<size_t>(depth), std::array<T, W>{});
  std::vector<std::array<T, W>> m2stk(static_cast<size_t>(depth), std::array<T, W>{});
  auto addMomentsVec = [](int64_t m0add, const std::array<T, W>& m1add,
                          const std::array<T, W>& m2add, int64_t& m0, std::array<T, W>& m1,
                          std::array<T, W>& m2) {
    const int64_t total = m0 + m0add;
    const T c = total == 0 ? T(0) : static_cast<T>(m0add) / static_cast<T>(total);
    for (int l = 0; l < W; ++l) {
      const T delta = m1add[l] - m1[l];
      m1[l] += c * delta;
      m2[l] += m2add[l] + delta * delta * c * static_cast<T>(m0);
    }
    m0 = total;
  };
  for (int64_t i = 0; i < m; ++i) {
    const T* ptr = x + i * kChunk * W;
    const int64_t m0 = std::min(kChunk, n - i * kChunk);
    std::array<T, W> m1{}, m2{};
    for (int64_t j = 0; j < m0; ++j) {
      const T cj = T(1) / static_cast<T>(j + 1);
      for (int l = 0; l < W; ++l) {
        const T xv = ptr[j * W + l];
        const T delta = xv - m1[l];
        m1[l] += delta * cj;
        m2[l] += delta * (xv - m1[l]);
      }
    }
    addMomentsVec(m0, m1, m2, m0stk[0], m1stk[0], m2stk[0]);
    int64_t mask = i + 1;
    for (int64_t j = 1; j < depth && (mask & 1) == 0; ++j) {
      addMomentsVec(m0stk[j - 1], m1stk[j - 1], m2stk[j - 1], m0stk[j], m1stk[j], m2stk[j]);
      m0stk[j - 1] = 0;
      m1stk[j - 1] = {};
      m2stk[j - 1] = {};
      mask >>= 1;
    }
  }
  for (int64_t i = 1; i < depth; ++i)
    addMomentsVec(m0stk[i], m1stk[i], m2stk[i], m0stk[0], m1stk[0], m2stk[0]);
  int64_t m0 = 0;
  T m1 = 0, m2 = 0;
  for (int64_t i = n * W; i < N; ++i) {
    const T xv = x[i];
    const T delta = xv - m1;
    ++m0;
    m1 += delta / static_cast<T>(m0);
    m2 += delta * (xv - m1);
  }
  const int64_t m0add = n;
  for (int l = 0; l < W; ++l) {
    const int64_t total = m0 + m0add;
    const T c = total == 0 ? T(0) : static_cast<T>(m0add) / static_cast<T>(total);
    const T delta = m1stk[0][l] - m1;
    m1 += c * delta;
    m2 += m2stk[0][l] + delta * delta * c * static_cast<T>(m0);
    m0 = total;
  }
  return {m1, m2 / static_cast<T>(N)};
}

}  // namespace

Expected<Tensor> softmax(const Tensor& x, int64_t dim) { return softmaxImpl(x, dim, false); }
Expected<Tensor> logSoftmax(const Tensor& x, int64_t dim) { return softmaxImpl(x, dim, true); }

namespace {

/// SoftMaxKernel.cpp's backward kernels: along the last dim, a vectorised sum (of grad for
/// log_softmax, of grad * out for softmax), then grad - exp(out) * sum or (grad - sum) * out;
/// along another dim the same with scalar loops.
Expected<Tensor> softmaxBackwardImpl(const Tensor& grad, const Tensor& out, int64_t dim,
                                     bool logarithm) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, out.dim()));
  if (!isFloating(out.dtype()))
    return runtimeError("softmax backward: the result is not a floating point tensor");
  if (grad.sizes() != out.sizes()) {
    return runtimeError(fmt::format("softmax backward: grad of shape {} for a result of shape {}",
                                    detail::shapeString(grad.sizes()),
                                    detail::shapeString(out.sizes())));
  }
  Tensor g = grad.to(out.dtype()).contiguous();
  Tensor o = out.contiguous();
  Tensor gi = Tensor::empty(out.sizes(), out.dtype());
  if (out.numel() == 0) return gi;
  const int64_t dimSize = out.dim() == 0 ? 1 : out.sizes()[d];
  int64_t inner = 1, outer = 1;
  for (int64_t k = d + 1; k < out.dim(); ++k) inner *= out.sizes()[k];
  for (int64_t k = 0; k < d; ++k) outer *= out.sizes()[k];
  dispatchDType(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const T* gp = g.data<T>();
      const T* op = o.data<T>();
      T* ip = gi.data<T>();
      std::vector<T> tmp(static_cast<size_t>(dimSize));
      for (int64_t r = 0; r < outer; ++r) {
        for (int64_t c = 0; c < inner; ++c) {
          const int64_t base = r * dimSize * inner + c;
          if (inner == 1) {
            for (int64_t i = 0; i < dimSize; ++i)
              tmp[i] = logarithm ? gp[base + i] : gp[base + i] * op[base + i];
            const T sum = reduceAllSum(tmp.data(), dimSize);
            if (logarithm) {
              for (int64_t i = 0; i < dimSize; ++i) tmp[i] = op[base + i];
              softmaxExp(tmp.data(), dimSize);
              for (int64_t i = 0; i < dimSize; ++i) ip[base + i] = gp[base + i] - tmp[i] * sum;
            } else {
              for (int64_t i = 0; i < dimSize; ++i)
                ip[base + i] = (gp[base + i] - sum) * op[base + i];
            }
            continue;
          }
          T sum = 0;
          for (int64_t i = 0; i < dimSize; ++i) {
            const int64_t k = base + i * inner;
            sum += logarithm ? gp[k] : gp[k] * op[k];
          }
          for (int64_t i = 0; i < dimSize; ++i) {
            const int64_t k = base + i * inner;
            ip[k] = logarithm ? gp[k] - std::exp(op[k]) * sum : (gp[k] - sum) * op[k];
          }
        }
      }
    }
  });
  return gi;
}

/// nll_loss's checks (LossNLL.cpp); the batch size with a (C) input is 1.
Status checkNllLoss(const Tensor& x, const Tensor& target) {
  if (target.dtype() != DType::Int64) {
    return runtimeError(fmt::format("expected target dtype to be Long or Byte, but got {}",
                                    dtypeScalarName(target.dtype())));
  }
  if (x.dim() < 1 || x.dim() > 2) return runtimeError("input tensor should be 1D or 2D");
  if (target.dim() > 1)
    return runtimeError("0D or 1D target tensor expected, multi-target not supported");
  const bool noBatchDim = x.dim() == 1 && target.dim() == 0;
  if (!noBatchDim && x.sizes()[0] != (target.dim() == 0 ? 1 : target.sizes()[0])) {
    return valueError(fmt::format("Expected input batch_size ({}) to match target batch_size ({}).",
                                  x.sizes()[0], target.dim() == 0 ? 1 : target.sizes()[0]));
  }
  if (!isFloating(x.dtype())) {
    return notImplemented(
        fmt::format("\"nll_loss_out_frame\" not implemented for '{}'", dtypeScalarName(x.dtype())));
  }
  return ok();
}

}  // namespace

Expected<Tensor> softmaxBackward(const Tensor& grad, const Tensor& out, int64_t dim) {
  return softmaxBackwardImpl(grad, out, dim, false);
}
Expected<Tensor> logSoftmaxBackward(const Tensor& grad, const Tensor& out, int64_t dim) {
  return softmaxBackwardImpl(grad, out, dim, true);
}

Expected<Tensor> nllLoss(const Tensor& x, const Tensor& target, Reduction reduction,
                         int64_t ignoreIndex) {
  GBC_RT_CHECK(checkNllLoss(x, target));
  const bool noBatchDim = x.dim() == 1;
  const int64_t batch = noBatchDim ? 1 : x.sizes()[0];
  const int64_t classes = x.sizes()[x.dim() - 1];
  Tensor in = x.contiguous();
  Tensor tg = target.contiguous();
  const int64_t* t = tg.data<int64_t>();
  for (int64_t b = 0; b < batch; ++b) {
    if (t[b] != ignoreIndex && (t[b] < 0 || t[b] >= classes))
      return indexError(fmt::format("Target {} is out of bounds.", t[b]));
  }
  Tensor out = Tensor::empty(reduction == Reduction::None && !noBatchDim ? Shape{batch} : Shape{},
                             x.dtype());
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const T* p = in.data<T>();
      T* o = out.data<T>();
      if (reduction == Reduction::None) {
        for (int64_t b = 0; b < batch; ++b)
          o[b] = t[b] == ignoreIndex ? T(0) : -p[b * classes + t[b]];
        return;
      }
      // cascade summation: level j+1 takes level j's partial sum every 2^(power * (j+1)) rows
      constexpr int kLevels = 8;
      const int64_t ceilLog2 =
          batch <= 2 ? 1 : 64 - __builtin_clzll(static_cast<uint64_t>(batch - 1));
      const int64_t power = std::max<int64_t>(4, ceilLog2 / kLevels);
      const int64_t mask = (int64_t{1} << power) - 1;
      T partial[kLevels] = {};
      int64_t ignored = 0;
      for (int64_t b = 0; b < batch; ++b) {
        if (t[b] == ignoreIndex) {
          ++ignored;
          continue;
        }
        partial[0] -= p[b * classes + t[b]];
        for (int j = 0; j + 1 < kLevels; ++j) {
          if ((b & (mask << (j * power))) != 0) break;
          partial[j + 1] += partial[j];
          partial[j] = 0;
        }
      }
      T total = 0;
      for (T v : partial) total += v;
      if (reduction == Reduction::Mean) total /= static_cast<T>(batch - ignored);
      o[0] = total;
    }
  });
  return out;
}

Expected<Tensor> nllLossBackward(const Tensor& grad, const Tensor& x, const Tensor& target,
                                 Reduction reduction, int64_t ignoreIndex) {
  GBC_RT_CHECK(checkNllLoss(x, target));
  const bool noBatchDim = x.dim() == 1;
  const int64_t batch = noBatchDim ? 1 : x.sizes()[0];
  const int64_t classes = x.sizes()[x.dim() - 1];
  Tensor tg = target.contiguous();
  const int64_t* t = tg.data<int64_t>();
  Tensor g = grad.to(x.dtype()).contiguous();
  GBC_RT_TRY(Tensor gi, zeros(x.sizes(), x.dtype()));
  int64_t ignored = 0;
  for (int64_t b = 0; b < batch; ++b) ignored += t[b] == ignoreIndex;
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const T* gp = g.data<T>();
      T* ip = gi.data<T>();
      const T each =
          reduction == Reduction::Mean ? -(gp[0] / static_cast<T>(batch - ignored)) : -gp[0];
      for (int64_t b = 0; b < batch; ++b) {
        if (t[b] == ignoreIndex) continue;
        ip[b * classes + t[b]] = reduction == Reduction::None ? -gp[b] : each;
      }
    }
  });
  return gi;
}

Expected<Tensor> layerNorm(const Tensor& x, const Shape& normalizedShape,
                           const std::optional<Tensor>& weight, const std::optional<Tensor>& bias,
                           double eps) {
  const int64_t nn = static_cast<int64_t>(normalizedShape.size());
  bool ok = nn >= 1 && x.dim() >= nn;
  for (int64_t i = 0; ok && i < nn; ++i) ok = x.sizes()[x.dim() - nn + i] == normalizedShape[i];
  if (!ok) {
    return runtimeError(fmt::format(
        "Given normalized_shape={}, expected input with shape [*, {}], but got input of "
        "size{}",
        detail::shapeString(normalizedShape), fmt::join(normalizedShape, ", "),
        detail::shapeString(x.sizes())));
  }
  if (weight && weight->sizes() != normalizedShape) {
    return runtimeError(
        fmt::format("Expected weight to be of same shape as normalized_shape, but got weight of "
                    "shape {} and normalized_shape = {}",
                    detail::shapeString(weight->sizes()), detail::shapeString(normalizedShape)));
  }
  if (!isFloating(x.dtype())) {
    return runtimeError(fmt::format("\"LayerNormKernelImpl\" not implemented for '{}'",
                                    dtypeScalarName(x.dtype())));
  }
  const int64_t n = shapeNumel(normalizedShape);
  const int64_t rows = n == 0 ? 0 : x.numel() / n;
  Tensor in = x.contiguous();
  Tensor out = Tensor::empty(x.sizes(), x.dtype());
  Tensor w = weight ? weight->to(x.dtype()).contiguous() : Tensor();
  Tensor b = bias ? bias->to(x.dtype()).contiguous() : Tensor();
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const T* p = in.data<T>();
      T* o = out.data<T>();
      const T* pw = w.defined() ? w.data<T>() : nullptr;
      const T* pb = b.defined() ? b.data<T>() : nullptr;
      const T teps = static_cast<T>(eps);
      detail::parallelFor(rows, 64, [&](int64_t r0, int64_t r1) {
        for (int64_t r = r0; r < r1; ++r) {
          auto [meanV, varV] = rowwiseMoments(p + r * n, n);
          const T rstd = T(1) / std::sqrt(varV + teps);
          for (int64_t j = 0; j < n; ++j) {
            const T g = pw ? pw[j] : T(1);
            const T be = pb ? pb[j] : T(0);
            o[r * n + j] = (p[r * n + j] - meanV) * rstd * g + be;
          }
        }
      });
    }
  });
  return out;
}

Expected<Tensor> cat(std::span<const Tensor> tensors, int64_t dim) {
  if (tensors.empty()) return runtimeError("torch.cat(): expected a non-empty list of Tensors");
  // 1-d empty tensors are skipped (legacy behaviour); the first other tensor sets the rank.
  const Tensor* ref = nullptr;
  for (const Tensor& t : tensors) {
    if (!(t.dim() == 1 && t.numel() == 0)) {
      ref = &t;
      break;
    }
  }
  std::vector<Tensor> operands(tensors.begin(), tensors.end());
  DType dt = operands[0].dtype();
  for (const Tensor& t : tensors) dt = promoteTypes(dt, t.dtype());
  if (!ref) {
    return Tensor::empty({0}, dt);
  }
  if (ref->dim() == 0) {
    return runtimeError("zero-dimensional tensor (at position 0) cannot be concatenated");
  }
  GBC_RT_TRY(int64_t d, wrapDim(dim, ref->dim()));
  Shape shape = ref->sizes();
  int64_t total = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    if (t.dim() == 1 && t.numel() == 0) continue;
    if (t.dim() != ref->dim()) {
      return runtimeError(fmt::format("Tensors must have same number of dimensions: got {} and {}",
                                      ref->dim(), t.dim()));
    }
    for (int64_t k = 0; k < t.dim(); ++k) {
      if (k != d && t.sizes()[k] != shape[k]) {
        return runtimeError(fmt::format(
            "Sizes of tensors must match except in dimension {}. Expected size {} but got "
            "size {} for tensor number {} in the list.",
            d, shape[k], t.sizes()[k], i));
      }
    }
    total += t.sizes()[d];
  }
  shape[d] = total;
  Tensor out = Tensor::empty(shape, dt);
  int64_t pos = 0;
  for (const Tensor& t : tensors) {
    if (t.dim() == 1 && t.numel() == 0) continue;
    GBC_RT_TRY(Tensor part, slice(out, d, pos, pos + t.sizes()[d], 1));
    detail::copyInto(part, t);
    pos += t.sizes()[d];
  }
  return out;
}

Expected<Tensor> stack(std::span<const Tensor> tensors, int64_t dim) {
  if (tensors.empty()) return runtimeError("stack expects a non-empty TensorList");
  GBC_RT_TRY(int64_t d, wrapDim(dim, tensors[0].dim() + 1));
  for (size_t i = 1; i < tensors.size(); ++i) {
    if (tensors[i].sizes() != tensors[0].sizes()) {
      return runtimeError(fmt::format(
          "stack expects each tensor to be equal size, but got {} at entry 0 and {} at "
          "entry {}",
          detail::shapeString(tensors[0].sizes()), detail::shapeString(tensors[i].sizes()), i));
    }
  }
  std::vector<Tensor> parts;
  for (const Tensor& t : tensors) {
    GBC_RT_TRY(Tensor u, unsqueeze(t, d));
    parts.push_back(std::move(u));
  }
  return cat(parts, d);
}

}  // namespace gbc::runtime
