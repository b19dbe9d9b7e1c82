// Vector norms, weight normalisation and group normalisation in the operation order of torch's
// CPU kernels as built for AVX2 (8 float lanes; GCC contracts a vector multiply feeding an add
// into a fused multiply-add): ReduceOpsKernel's last-dim 2-norm, WeightNormKernel's first-dim
// kernels (vec::map_reduce_all), GroupNormKernel with moments_utils' cascaded Welford moments.
#include "runtime/norms.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/ops.h"

namespace gbc::runtime {

namespace {

constexpr int kFloatLanes = 8;

template <typename T>
constexpr int lanesOf() {
  return 32 / static_cast<int>(sizeof(T));
}

/// The last-dim 2-norm kernel: lanes accumulate x*x (fused) over whole vectors from zero, the
/// lanes are added in order into lane 0, then the tail elements (fused).
template <typename T>
T lastDimNorm2(const T* x, int64_t n) {
  constexpr int W = lanesOf<T>();
  T acc[W] = {};
  int64_t d = 0;
  for (; d < n - (n % W); d += W)
    for (int l = 0; l < W; ++l) acc[l] = std::fma(x[d + l], x[d + l], acc[l]);
  for (int l = 1; l < W; ++l) acc[0] = acc[0] + acc[l];
  for (; d < n; ++d) acc[0] = std::fma(x[d], x[d], acc[0]);
  return std::sqrt(acc[0]);
}

/// vec_reduce_all's shuffle tree for `+` on an 8-lane float vector (halves, pairs, neighbours).
template <typename T>
T shuffleTreeSum(T* acc) {
  constexpr int W = lanesOf<T>();
  for (int half = W / 2; half >= 1; half /= 2) {
    T next[W];
    for (int l = 0; l < W; ++l) next[l] = acc[l] + acc[l ^ half];
    std::copy(next, next + W, acc);
  }
  return acc[0];
}

/// vec::map_reduce_all(x -> x * y, +) over n elements (map2 with y = x for squares): below one
/// vector the products are added lane by lane in order; otherwise lanes start at the first
/// vector's products, later whole vectors' products are added (not fused: the build keeps the
/// map and the reduction apart there), the tail's are fused into its lanes only, then the
/// shuffle tree. (Checked against torch's values on an AVX512 machine, where these kernels run
/// on 8 lanes.)
template <typename T>
T mapReduceProductSum(const T* x, const T* y, int64_t n) {
  constexpr int W = lanesOf<T>();
  if (n < W) {
    T acc = x[0] * y[0];
    for (int64_t i = 1; i < n; ++i) acc = acc + x[i] * y[i];
    return acc;
  }
  T acc[W];
  for (int l = 0; l < W; ++l) acc[l] = x[l] * y[l];
  int64_t d = W;
  for (; d < n - (n % W); d += W)
    for (int l = 0; l < W; ++l) acc[l] = acc[l] + x[d + l] * y[d + l];
  for (int64_t l = 0; l < n - d; ++l) acc[l] = std::fma(x[d + l], y[d + l], acc[l]);
  return shuffleTreeSum(acc);
}

/// A shape as torch's messages print it: [2, 3, 4].
std::string sizesText(const Shape& s) {
  std::string out = "[";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}

Expected<Tensor> normExceptDim0(const Tensor& v) {
  Shape out(static_cast<size_t>(v.dim()), 1);
  out[0] = v.sizes()[0];
  GBC_RT_TRY(Tensor n, rowNorms2(v, v.sizes()[0]));
  return reshape(n, out);
}

}  // namespace

Expected<Tensor> vectorNorm(const Tensor& x, double ord) {
  if (!isFloating(x.dtype()))
    return runtimeError(fmt::format(
        "linalg.vector_norm: Expected a floating point or complex tensor as input. Got {}",
        dtypeScalarName(x.dtype())));
  Tensor c = x.contiguous();
  Tensor out = Tensor::empty({}, x.dtype());
  const bool isInf = std::isinf(ord);
  if (!isInf && ord != 2.0)
    return notImplemented(fmt::format("vector_norm of order {} (not modelled)", ord));
  if (isInf && c.numel() == 0)
    return runtimeError(
        "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation "
        "does not have an identity");
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const T* p = c.data<T>();
      if (!isInf) {
        out.data<T>()[0] = c.numel() == 0 ? T(0) : lastDimNorm2(p, c.numel());
        return;
      }
      T r = std::abs(p[0]);
      for (int64_t i = 1; i < c.numel(); ++i) {
        T a = std::abs(p[i]);
        if (std::isnan(a) || std::isnan(r)) {
          r = std::numeric_limits<T>::quiet_NaN();
        } else {
          r = ord > 0 ? std::max(r, a) : std::min(r, a);
        }
      }
      out.data<T>()[0] = r;
    }
  });
  return out;
}

Expected<Tensor> rowNorms2(const Tensor& x, int64_t rows) {
  if (!isFloating(x.dtype())) return notImplemented("norm of a non-floating tensor");
  Tensor c = x.contiguous();
  const int64_t n = rows == 0 ? 0 : c.numel() / rows;
  Tensor out = Tensor::empty({rows}, x.dtype());
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      for (int64_t r = 0; r < rows; ++r)
        out.data<T>()[r] = n == 0 ? T(0) : lastDimNorm2(c.data<T>() + r * n, n);
    }
  });
  return out;
}

Expected<Tensor> normExceptDim(const Tensor& v, int64_t dim) {
  if (dim == -1) return vectorNorm(v, 2.0);
  if (dim == 0) return normExceptDim0(v);
  if (dim == v.dim() - 1) {
    // v.view(-1, last).norm(2, 0): a strided reduction (not the last-dim kernel)
    return notImplemented("norm_except_dim over the last dim (not modelled)");
  }
  GBC_RT_TRY(Tensor t, transpose(v, 0, dim));
  GBC_RT_TRY(Tensor n, normExceptDim0(t.contiguous()));
  return transpose(n, 0, dim);
}

Expected<WeightNormResult> weightNorm(const Tensor& v, const Tensor& g, int64_t dim) {
  if (!isFloating(v.dtype()) || v.dtype() != g.dtype())
    return notImplemented("_weight_norm of these dtypes (not modelled)");
  if (v.dim() == 0) return runtimeError("weight_norm: v must have at least one dimension");
  if (dim != 0) {
    if (dim == v.dim() - 1)
      return notImplemented("_weight_norm over the last dim (its kernel is not modelled)");
    // the composite: v * (g / norm_except_dim(v, 2, dim))
    GBC_RT_TRY(Tensor norm, normExceptDim(v, dim));
    GBC_RT_TRY(Tensor q, div(g, norm));
    GBC_RT_TRY(Tensor w, mul(v, q));
    return WeightNormResult{w, norm};
  }
  const int64_t M = v.sizes()[0];
  const int64_t N = M == 0 ? 0 : v.numel() / M;
  if (g.numel() != M) return runtimeError("weight_norm: g must have one element per slice of v");
  Tensor vc = v.contiguous(), gc = g.contiguous();
  Tensor w = Tensor::empty(v.sizes(), v.dtype());
  Shape ns(static_cast<size_t>(v.dim()), 1);
  ns[0] = M;
  Tensor norm = Tensor::empty(ns, v.dtype());
  dispatchDType(v.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      for (int64_t i = 0; i < M; ++i) {
        const T* vi = vc.data<T>() + i * N;
        T nv = N == 0 ? T(0) : std::sqrt(mapReduceProductSum(vi, vi, N));
        norm.data<T>()[i] = nv;
        T a = gc.data<T>()[i] / nv;
        T* wi = w.data<T>() + i * N;
        for (int64_t j = 0; j < N; ++j) wi[j] = vi[j] * a;
      }
    }
  });
  return WeightNormResult{w, norm};
}

Expected<WeightNormGrads> weightNormBackward(const Tensor& gradW, const Tensor& v, const Tensor& g,
                                             const Tensor& norm, int64_t dim) {
  if (dim != 0) return notImplemented("the gradient of _weight_norm over a dim other than 0");
  const int64_t M = v.sizes()[0];
  const int64_t N = M == 0 ? 0 : v.numel() / M;
  Tensor gw = gradW.contiguous(), vc = v.contiguous(), gc = g.contiguous(), nc = norm.contiguous();
  Tensor gv = Tensor::empty(v.sizes(), v.dtype()), gg = Tensor::empty(g.sizes(), g.dtype());
  dispatchDType(v.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      for (int64_t i = 0; i < M; ++i) {
        const T* gwi = gw.data<T>() + i * N;
        const T* vi = vc.data<T>() + i * N;
        T sum = N == 0 ? T(0) : mapReduceProductSum(gwi, vi, N);
        T nv = nc.data<T>()[i], gval = gc.data<T>()[i];
        T gradG = sum / nv;
        gg.data<T>()[i] = gradG;
        // grad_v = a * grad_w - b * v, a = g / norm, b = a * grad_g / norm
        T a = gval / nv;
        T b = a * gradG / nv;
        T* gvi = gv.data<T>() + i * N;
        for (int64_t j = 0; j < N; ++j) gvi[j] = std::fma(-b, vi[j], a * gwi[j]);
      }
    }
  });
  return WeightNormGrads{gv, gg};
}

// ---------------------------------------------------------------------------------------------
// group norm

namespace {

/// moments_utils.h: the running (count, mean, M2) of Welford's method, merged as AddMoments.
template <typename T>
void addMoments(int64_t m0Add, T m1Add, T m2Add, int64_t& m0, T& m1, T& m2) {
  const int64_t n = m0 + m0Add;
  const T c = n == 0 ? T(0) : static_cast<T>(m0Add) / static_cast<T>(n);
  const T delta = m1Add - m1;
  m1 = std::fma(c, delta, m1);
  m2 = m2 + (m2Add + delta * delta * c * static_cast<T>(m0));
  m0 = n;
}

/// RowwiseMoments: chunks of 16 vectors per lane Welford pass, merged on a binary stack, then
/// the lanes and the scalar tail. Returns (mean, biased variance).
template <typename T>
std::pair<T, T> rowwiseMoments(const T* X, int64_t N) {
  constexpr int W = lanesOf<T>();
  constexpr int64_t kChunk = 16;
  const int64_t n = N / W;
  const int64_t m = (n + kChunk - 1) / kChunk;
  int depth = 0;
  while ((int64_t{1} << depth) < m) ++depth;
  struct Lanes {
    int64_t m0 = 0;
    T m1[W] = {}, m2[W] = {};
  };
  std::vector<Lanes> stk(static_cast<size_t>(std::max(depth, 1)));
  auto addVec = [](const Lanes& add, Lanes& into) {
    const int64_t total = into.m0 + add.m0;
    const T c = total == 0 ? T(0) : static_cast<T>(add.m0) / static_cast<T>(total);
    for (int l = 0; l < W; ++l) {
      const T delta = add.m1[l] - into.m1[l];
      into.m1[l] = std::fma(c, delta, into.m1[l]);
      into.m2[l] = into.m2[l] + (add.m2[l] + delta * delta * c * static_cast<T>(into.m0));
    }
    into.m0 = total;
  };
  for (int64_t i = 0; i < m; ++i) {
    const T* xp = X + i * kChunk * W;
    const int64_t m0 = std::min(kChunk, n - i * kChunk);
    Lanes chunk;
    chunk.m0 = m0;
    for (int64_t j = 0; j < m0; ++j) {
      const T c = T(1) / static_cast<T>(j + 1);
      for (int l = 0; l < W; ++l) {
        const T x = xp[j * W + l];
        const T delta = x - chunk.m1[l];
        chunk.m1[l] = std::fma(delta, c, chunk.m1[l]);
        chunk.m2[l] = std::fma(delta, x - chunk.m1[l], chunk.m2[l]);
      }
    }
    addVec(chunk, stk[0]);
    int64_t mask = i + 1;
    for (int j = 1; j < depth && (mask & 1) == 0; ++j) {
      addVec(stk[static_cast<size_t>(j - 1)], stk[static_cast<size_t>(j)]);
      stk[static_cast<size_t>(j - 1)] = Lanes();
      mask >>= 1;
    }
  }
  for (int i = 1; i < depth; ++i) addVec(stk[static_cast<size_t>(i)], stk[0]);
  int64_t m0 = 0;
  T m1 = 0, m2 = 0;
  for (int64_t i = n * W; i < N; ++i) {
    const T x = X[i];
    const T delta = x - m1;
    ++m0;
    m1 += delta / static_cast<T>(m0);
    m2 = std::fma(delta, x - m1, m2);
  }
  for (int l = 0; l < W; ++l) addMoments<T>(n, stk[0].m1[l], stk[0].m2[l], m0, m1, m2);
  return {m1, m2 / static_cast<T>(N)};
}

}  // namespace

Expected<GroupNormResult> groupNorm(const Tensor& x, int64_t groups,
                                    const std::optional<Tensor>& weight,
                                    const std::optional<Tensor>& bias, double eps) {
  if (x.dim() < 2)
    return runtimeError(
        fmt::format("Expected at least 2 dimensions for input tensor but received {}", x.dim()));
  const int64_t N = x.sizes()[0], C = x.sizes()[1];
  if (groups <= 0 || C % groups != 0)
    return runtimeError(fmt::format(
        "Expected number of channels in input to be divisible by num_groups, but got input of "
        "shape {} and num_groups={}",
        sizesText(x.sizes()), groups));
  if (!isFloating(x.dtype())) return notImplemented("group_norm of a non-floating tensor");
  const int64_t HxW = C == 0 || N == 0 ? 0 : x.numel() / (N * C);
  const int64_t D = C / groups;
  Tensor xc = x.contiguous();
  Tensor out = Tensor::empty(x.sizes(), x.dtype());
  Tensor mean = Tensor::empty({N, groups}, x.dtype()), rstd = Tensor::empty({N, groups}, x.dtype());
  std::optional<Tensor> w = weight ? std::optional<Tensor>(weight->contiguous()) : std::nullopt;
  std::optional<Tensor> b = bias ? std::optional<Tensor>(bias->contiguous()) : std::nullopt;
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const int64_t inner = D * HxW;
      for (int64_t i = 0; i < N * groups; ++i) {
        const T* xp = xc.data<T>() + i * inner;
        auto [mu, var] = inner == 0 ? std::pair<T, T>{0, 0} : rowwiseMoments(xp, inner);
        T rs = static_cast<T>(T(1) / std::sqrt(static_cast<double>(std::max(var, T(0))) + eps));
        const int64_t g = i % groups;
        for (int64_t j = 0; j < D; ++j) {
          const int64_t c = g * D + j;
          const T scale = rs * (w ? w->data<T>()[c] : T(1));
          const T shift = -scale * mu + (b ? b->data<T>()[c] : T(0));
          const T* xs = xp + j * HxW;
          T* ys = out.data<T>() + i * inner + j * HxW;
          for (int64_t k = 0; k < HxW; ++k) ys[k] = std::fma(xs[k], scale, shift);
        }
        mean.data<T>()[i] = mu;
        rstd.data<T>()[i] = rs;
      }
    }
  });
  return GroupNormResult{out, mean, rstd};
}

Expected<GroupNormGrads> groupNormBackward(const Tensor& grad, const Tensor& x, const Tensor& mean,
                                           const Tensor& rstd, const std::optional<Tensor>& weight,
                                           int64_t groups, std::array<bool, 3> needs) {
  const int64_t N = x.sizes()[0], C = x.sizes()[1];
  const int64_t HxW = C == 0 || N == 0 ? 0 : x.numel() / (N * C);
  const int64_t D = C / groups;
  Tensor dy = grad.contiguous(), xc = x.contiguous();
  GroupNormGrads r;
  if (needs[0]) r.input = Tensor::empty(x.sizes(), x.dtype());
  if (needs[1]) r.weight = Tensor::empty({C}, x.dtype());
  if (needs[2]) r.bias = Tensor::empty({C}, x.dtype());
  std::optional<Tensor> w = weight ? std::optional<Tensor>(weight->contiguous()) : std::nullopt;
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      // per (n, c): ds = sum(dy * x), db = sum(dy)
      std::vector<T> ds(static_cast<size_t>(N * C)), db(static_cast<size_t>(N * C));
      for (int64_t nc = 0; nc < N * C; ++nc) {
        const T* dp = dy.data<T>() + nc * HxW;
        const T* xp = xc.data<T>() + nc * HxW;
        ds[static_cast<size_t>(nc)] = HxW == 0 ? T(0) : mapReduceProductSum(dp, xp, HxW);
        T sum = 0;
        for (int64_t k = 0; k < HxW; ++k) sum += dp[k];
        db[static_cast<size_t>(nc)] = sum;
      }
      const T s = T(1) / static_cast<T>(D * HxW);
      auto gamma = [&](int64_t c) { return w ? w->data<T>()[c] : T(1); };
      if (needs[0]) {
        for (int64_t n = 0; n < N; ++n) {
          for (int64_t g = 0; g < groups; ++g) {
            const int64_t i = n * groups + g;
            const T mu = mean.data<T>()[i], rs = rstd.data<T>()[i];
            T dsv = 0, dbv = 0;
            for (int64_t d = 0; d < D; ++d) {
              const int64_t c = g * D + d;
              dsv += ds[static_cast<size_t>(n * C + c)] * gamma(c);
              dbv += db[static_cast<size_t>(n * C + c)] * gamma(c);
            }
            const T c2 = (dbv * mu - dsv) * rs * rs * rs * s;
            const T c3 = -c2 * mu - dbv * rs * s;
            for (int64_t d = 0; d < D; ++d) {
              const int64_t c = g * D + d;
              const T c1 = rs * gamma(c);
              const T* dp = dy.data<T>() + (n * C + c) * HxW;
              const T* xp = xc.data<T>() + (n * C + c) * HxW;
              T* op = r.input.data<T>() + (n * C + c) * HxW;
              for (int64_t k = 0; k < HxW; ++k) op[k] = c1 * dp[k] + c2 * xp[k] + c3;
            }
          }
        }
      }
      for (int64_t c = 0; c < C; ++c) {
        T gw = 0, gb = 0;
        for (int64_t n = 0; n < N; ++n) {
          const int64_t i = n * groups + c / D;
          const size_t nc = static_cast<size_t>(n * C + c);
          gw += (ds[nc] - db[nc] * mean.data<T>()[i]) * rstd.data<T>()[i];
          gb += db[nc];
        }
        if (needs[1]) r.weight.data<T>()[c] = gw;
        if (needs[2]) r.bias.data<T>()[c] = gb;
      }
    }
  });
  return r;
}

}  // namespace gbc::runtime
