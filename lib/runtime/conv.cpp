// Convolution, batch norm, pooling, padding and embedding kernels (F.conv1d/conv2d,
// F.batch_norm, F.avg_pool2d/max_pool2d/adaptive_avg_pool2d, F.pad, F.embedding) with torch's
// shape checks and error messages.
//
// Summation order: a convolution output is bias-free dot product over (in channel, kh, kw) in
// that order, each product rounded then added, then the bias; that is torch's slow path
// (im2col + the reference BLAS GEMM). torch hands most float convolutions to oneDNN, whose
// blocked order can differ in the last bits, so convValuesExact() tells callers when the
// result is the one torch computes (one input channel per group and a 1x1 kernel: a single
// product per output, exact in any order).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "runtime/conv.h"
#include "runtime/detail.h"
#include "runtime/ops.h"

namespace gbc::runtime {

namespace {

std::string shapeList(const Shape& s) {
  std::string out = "[";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}

template <typename T>
void convKernel(const Tensor& x, const Tensor& w, const Tensor* b, Tensor& out,
                const ConvParams& p) {
  const int64_t N = x.sizes()[0], C = x.sizes()[1], H = x.sizes()[2], W = x.sizes()[3];
  const int64_t O = w.sizes()[0], Cg = w.sizes()[1], KH = w.sizes()[2], KW = w.sizes()[3];
  const int64_t OH = out.sizes()[2], OW = out.sizes()[3];
  const int64_t Og = O / p.groups;
  const T* xp = x.data<T>();
  const T* wp = w.data<T>();
  const T* bp = b ? b->data<T>() : nullptr;
  T* op = out.data<T>();
  // Each output accumulates over (c, kh, kw) in that order; the loops run over a whole output
  // plane per (c, kh, kw) step, which keeps every output's order and lets the inner loop
  // vectorise. Out-of-range taps add a zero product, as the padded input does.
  for (int64_t n = 0; n < N; ++n)
    for (int64_t o = 0; o < O; ++o) {
      const int64_t g = o / Og;
      T* acc = op + (n * O + o) * OH * OW;
      std::fill(acc, acc + OH * OW, T(0));
      for (int64_t c = 0; c < Cg; ++c) {
        const T* plane = xp + (n * C + g * Cg + c) * H * W;
        for (int64_t kh = 0; kh < KH; ++kh)
          for (int64_t kw = 0; kw < KW; ++kw) {
            const T wv = wp[((o * Cg + c) * KH + kh) * KW + kw];
            for (int64_t oh = 0; oh < OH; ++oh) {
              const int64_t ih = oh * p.stride[0] - p.padding[0] + kh * p.dilation[0];
              T* arow = acc + oh * OW;
              if (ih < 0 || ih >= H) {
                for (int64_t ow = 0; ow < OW; ++ow) arow[ow] = arow[ow] + T(0) * wv;
                continue;
              }
              const T* xrow = plane + ih * W;
              for (int64_t ow = 0; ow < OW; ++ow) {
                const int64_t iw = ow * p.stride[1] - p.padding[1] + kw * p.dilation[1];
                const T xv = (iw >= 0 && iw < W) ? xrow[iw] : T(0);
                const T prod = xv * wv;
                arow[ow] = arow[ow] + prod;
              }
            }
          }
      }
      if (bp)
        for (int64_t i = 0; i < OH * OW; ++i) acc[i] = acc[i] + bp[o];
    }
}

}  // namespace

Expected<Tensor> conv2d(const Tensor& input, const Tensor& weight,
                        const std::optional<Tensor>& bias, const ConvParams& p, int spatial) {
  const char* name = spatial == 1 ? "conv1d" : "conv2d";
  const int64_t batched = spatial + 2;
  if (input.dim() != batched && input.dim() != batched - 1)
    return runtimeError(fmt::format(
        "Expected {}D (unbatched) or {}D (batched) input to {}, but got input of size: {}",
        batched - 1, batched, name, shapeList(input.sizes())));
  if (weight.dim() != batched)
    return runtimeError(fmt::format(
        "weight should have at least three dimensions"));  // torch's check for a 1-d/2-d weight
  if (input.dtype() != weight.dtype())
    return runtimeError(fmt::format(
        "Input type ({}) and weight type ({}) should be the same or input should be a MKLDNN "
        "tensor and weight is a dense tensor",
        input.dtype() == DType::Float64 ? "double" : "float",
        weight.dtype() == DType::Float64 ? "double" : "float"));
  if (!isFloating(input.dtype()))
    return notImplemented(fmt::format("\"slow_conv2d_cpu\" not implemented for '{}'",
                                      dtypeScalarName(input.dtype())));
  const bool unbatched = input.dim() == batched - 1;
  Tensor x = unbatched ? unsqueeze(input, 0).value() : input;
  Tensor w = weight;
  if (spatial == 1) {
    x = unsqueeze(x, 2).value();
    w = unsqueeze(w, 2).value();
  }
  x = x.contiguous();
  w = w.contiguous();
  const int64_t C = x.sizes()[1];
  if (w.sizes()[0] % p.groups != 0)
    return runtimeError(fmt::format(
        "Given groups={}, expected weight to be divisible by {} at dimension 0, but got weight "
        "of size {} instead",
        p.groups, p.groups, shapeList(weight.sizes())));
  if (C != w.sizes()[1] * p.groups)
    return runtimeError(fmt::format(
        "Given groups={}, weight of size {}, expected input{} to have {} channels, but got {} "
        "channels instead",
        p.groups, shapeList(weight.sizes()), shapeList(input.sizes()), w.sizes()[1] * p.groups, C));
  if (bias && (bias->dim() != 1 || bias->sizes()[0] != w.sizes()[0]))
    return runtimeError(fmt::format(
        "Given weight of size {}, expected bias to be 1-dimensional with {} elements, but got "
        "bias of size {} instead",
        shapeList(weight.sizes()), w.sizes()[0], shapeList(bias->sizes())));
  ConvParams q = p;
  if (spatial == 1) {
    q.stride = {1, p.stride[0]};
    q.padding = {0, p.padding[0]};
    q.dilation = {1, p.dilation[0]};
  }
  Shape outSize = {x.sizes()[0], w.sizes()[0]};
  for (int d = 0; d < 2; ++d) {
    const int64_t in = x.sizes()[2 + d] + 2 * q.padding[d];
    const int64_t k = q.dilation[d] * (w.sizes()[2 + d] - 1) + 1;
    if (in < k) {
      Shape padded = {x.sizes()[2] + 2 * q.padding[0], x.sizes()[3] + 2 * q.padding[1]};
      Shape kern = {w.sizes()[2], w.sizes()[3]};
      if (spatial == 1) {
        padded = {padded[1]};
        kern = {kern[1]};
      }
      std::string ps, ks;
      for (size_t i = 0; i < padded.size(); ++i) {
        ps += (i ? " x " : "") + std::to_string(padded[i]);
        ks += (i ? " x " : "") + std::to_string(kern[i]);
      }
      return runtimeError(fmt::format(
          "Calculated padded input size per channel: ({}). Kernel size: ({}). Kernel size "
          "can't be greater than actual input size",
          ps, ks));
    }
    outSize.push_back((in - k) / q.stride[d] + 1);
  }
  Tensor out = Tensor::empty(outSize, x.dtype());
  std::optional<Tensor> bc;
  if (bias) bc = bias->contiguous();
  if (storageDType(x.dtype()) == DType::Float32)
    convKernel<float>(x, w, bc ? &*bc : nullptr, out, q);
  else
    convKernel<double>(x, w, bc ? &*bc : nullptr, out, q);
  if (spatial == 1) out = squeeze(out, 2).value();
  if (unbatched) out = squeeze(out, 0).value();
  return out;
}

bool convValuesExact(const Tensor& weight, int64_t groups) {
  int64_t perOutput = 1;
  for (size_t d = 1; d < weight.sizes().size(); ++d) perOutput *= weight.sizes()[d];
  (void)groups;
  return perOutput == 1;
}

namespace {

template <typename T>
void batchNormKernel(const Tensor& x, Tensor& out, const std::vector<double>& mean,
                     const std::vector<double>& invstd, const Tensor* w, const Tensor* b) {
  const int64_t N = x.sizes()[0], C = x.sizes()[1];
  const int64_t inner = x.numel() / std::max<int64_t>(1, N * C);
  const T* xp = x.data<T>();
  T* op = out.data<T>();
  for (int64_t c = 0; c < C; ++c) {
    const T wv = w ? w->data<T>()[c] : T(1);
    const T bv = b ? b->data<T>()[c] : T(0);
    const T alpha = static_cast<T>(invstd[static_cast<size_t>(c)]) * wv;
    const T beta = bv - static_cast<T>(mean[static_cast<size_t>(c)]) * alpha;
    for (int64_t n = 0; n < N; ++n) {
      const T* xi = xp + (n * C + c) * inner;
      T* oi = op + (n * C + c) * inner;
      for (int64_t i = 0; i < inner; ++i) {
        const T prod = xi[i] * alpha;
        oi[i] = prod + beta;
      }
    }
  }
}

template <typename T>
double channelValue(const Tensor& t, int64_t c) {
  return static_cast<double>(t.data<T>()[c]);
}

double at1(const Tensor& t, int64_t c) {
  return t.dtype() == DType::Float64 ? channelValue<double>(t, c) : channelValue<float>(t, c);
}

void set1(const Tensor& t, int64_t c, double v) {
  if (t.dtype() == DType::Float64)
    t.data<double>()[c] = v;
  else
    t.data<float>()[c] = static_cast<float>(v);
}

}  // namespace

Expected<Tensor> batchNorm(const Tensor& input, const std::optional<Tensor>& runningMean,
                           const std::optional<Tensor>& runningVar,
                           const std::optional<Tensor>& weight, const std::optional<Tensor>& bias,
                           bool training, double momentum, double eps) {
  if (input.dim() < 2)
    return runtimeError(fmt::format(
        "batch_norm(): Expected input to have at least 2 dimensions, but got {}", input.dim()));
  if (!isFloating(input.dtype()))
    return notImplemented(
        fmt::format("\"batch_norm\" not implemented for '{}'", dtypeScalarName(input.dtype())));
  const int64_t C = input.sizes()[1];
  auto checkLen = [&](const std::optional<Tensor>& t,
                      const char* what) -> std::optional<TorchError> {
    if (t && t->numel() != C)
      return runtimeError(fmt::format("{} should contain {} elements not {}", what, C, t->numel()));
    return std::nullopt;
  };
  for (auto [t, what] : {std::pair{&runningMean, "running_mean"},
                         {&runningVar, "running_var"},
                         {&weight, "weight"},
                         {&bias, "bias"}})
    if (auto e = checkLen(*t, what)) return *e;
  Tensor x = input.contiguous();
  const int64_t N = x.sizes()[0];
  const int64_t inner = C == 0 ? 0 : x.numel() / std::max<int64_t>(1, N * C);
  const int64_t count = N * inner;
  std::vector<double> mean(static_cast<size_t>(C)), invstd(static_cast<size_t>(C));
  const bool useBatch = training || !runningMean || !runningVar;
  for (int64_t c = 0; c < C; ++c) {
    if (useBatch) {
      // mean, then the sum of squared deviations, per channel in element order
      double s = 0;
      for (int64_t n = 0; n < N; ++n)
        for (int64_t i = 0; i < inner; ++i) s += at1(x, (n * C + c) * inner + i);
      const double m = count ? s / static_cast<double>(count) : 0.0;
      double ss = 0;
      for (int64_t n = 0; n < N; ++n)
        for (int64_t i = 0; i < inner; ++i) {
          const double d = at1(x, (n * C + c) * inner + i) - m;
          ss += d * d;
        }
      mean[static_cast<size_t>(c)] = m;
      invstd[static_cast<size_t>(c)] = 1.0 / std::sqrt(ss / static_cast<double>(count) + eps);
      if (training && runningMean)
        set1(*runningMean, c, momentum * m + (1 - momentum) * at1(*runningMean, c));
      if (training && runningVar && count > 1)
        set1(*runningVar, c,
             momentum * (ss / static_cast<double>(count - 1)) +
                 (1 - momentum) * at1(*runningVar, c));
    } else {
      mean[static_cast<size_t>(c)] = at1(*runningMean, c);
      if (storageDType(x.dtype()) == DType::Float32)
        invstd[static_cast<size_t>(c)] =
            1.0f / std::sqrt(static_cast<float>(at1(*runningVar, c)) + static_cast<float>(eps));
      else
        invstd[static_cast<size_t>(c)] = 1.0 / std::sqrt(at1(*runningVar, c) + eps);
    }
  }
  std::optional<Tensor> wc, bc;
  if (weight) wc = weight->contiguous();
  if (bias) bc = bias->contiguous();
  Tensor out = Tensor::empty(x.sizes(), x.dtype());
  if (storageDType(x.dtype()) == DType::Float32)
    batchNormKernel<float>(x, out, mean, invstd, wc ? &*wc : nullptr, bc ? &*bc : nullptr);
  else
    batchNormKernel<double>(x, out, mean, invstd, wc ? &*wc : nullptr, bc ? &*bc : nullptr);
  return out;
}

bool batchNormValuesExact(bool training, bool hasRunningStats) {
  return !training && hasRunningStats;
}

namespace {

int64_t poolOutSize(int64_t in, int64_t k, int64_t pad, int64_t stride, int64_t dilation,
                    bool ceil) {
  const int64_t span = in + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0);
  int64_t out = span / stride + 1;
  if (span < 0) out = (span - stride + 1) / stride + 1;  // floor division
  if (ceil && (out - 1) * stride >= in + pad) --out;
  return out;
}

template <typename T, typename F>
void forEachPlane(const Tensor& x, Tensor& out, const F& f) {
  const int64_t planes =
      x.numel() / std::max<int64_t>(1, x.sizes()[x.dim() - 2] * x.sizes()[x.dim() - 1]);
  const int64_t H = x.sizes()[x.dim() - 2], W = x.sizes()[x.dim() - 1];
  const int64_t OH = out.sizes()[out.dim() - 2], OW = out.sizes()[out.dim() - 1];
  for (int64_t p = 0; p < planes; ++p) f(x.data<T>() + p * H * W, out.data<T>() + p * OH * OW);
}

Expected<Tensor> poolInput(const Tensor& input, const char* name) {
  if (input.dim() != 3 && input.dim() != 4)
    return runtimeError(fmt::format("non-empty 3D or 4D (batch mode) tensor expected for input"));
  (void)name;
  return input.contiguous();
}

}  // namespace

Expected<Tensor> avgPool2d(const Tensor& input, const Pool2dParams& p) {
  GBC_RT_TRY(Tensor x, poolInput(input, "avg_pool2d"));
  if (!isFloating(x.dtype()))
    return notImplemented(
        fmt::format("\"avg_pool2d\" not implemented for '{}'", dtypeScalarName(x.dtype())));
  for (int d = 0; d < 2; ++d)
    if (p.padding[d] * 2 > p.kernel[d])
      return runtimeError("pad should be at most half of effective kernel size, but got pad=" +
                          std::to_string(p.padding[d]) +
                          ", kernel_size=" + std::to_string(p.kernel[d]) + " and dilation=1");
  const int64_t H = x.sizes()[x.dim() - 2], W = x.sizes()[x.dim() - 1];
  const int64_t OH = poolOutSize(H, p.kernel[0], p.padding[0], p.stride[0], 1, p.ceilMode);
  const int64_t OW = poolOutSize(W, p.kernel[1], p.padding[1], p.stride[1], 1, p.ceilMode);
  if (OH <= 0 || OW <= 0)
    return runtimeError(fmt::format(
        "Given input size: ({}x{}x{}). Calculated output size: ({}x{}x{}). Output size is too "
        "small",
        x.sizes()[x.dim() - 3], H, W, x.sizes()[x.dim() - 3], OH, OW));
  Shape os = x.sizes();
  os[os.size() - 2] = OH;
  os[os.size() - 1] = OW;
  Tensor out = Tensor::empty(os, x.dtype());
  auto run = [&](auto zero) {
    using T = decltype(zero);
    forEachPlane<T>(x, out, [&](const T* in, T* o) {
      for (int64_t oh = 0; oh < OH; ++oh)
        for (int64_t ow = 0; ow < OW; ++ow) {
          int64_t h0 = oh * p.stride[0] - p.padding[0], w0 = ow * p.stride[1] - p.padding[1];
          int64_t h1 = std::min(h0 + p.kernel[0], H + p.padding[0]);
          int64_t w1 = std::min(w0 + p.kernel[1], W + p.padding[1]);
          const int64_t poolSize = (h1 - h0) * (w1 - w0);
          h0 = std::max<int64_t>(h0, 0);
          w0 = std::max<int64_t>(w0, 0);
          h1 = std::min(h1, H);
          w1 = std::min(w1, W);
          T sum = 0;
          for (int64_t ih = h0; ih < h1; ++ih)
            for (int64_t iw = w0; iw < w1; ++iw) sum += in[ih * W + iw];
          int64_t divide;
          if (p.divisorOverride)
            divide = *p.divisorOverride;
          else if (p.countIncludePad)
            divide = poolSize;
          else
            divide = (h1 - h0) * (w1 - w0);
          o[oh * OW + ow] = sum / static_cast<T>(divide);
        }
    });
  };
  if (storageDType(x.dtype()) == DType::Float32)
    run(float{});
  else
    run(double{});
  return out;
}

Expected<Tensor> maxPool2d(const Tensor& input, const Pool2dParams& p) {
  GBC_RT_TRY(Tensor x, poolInput(input, "max_pool2d"));
  for (int d = 0; d < 2; ++d)
    if (p.padding[d] * 2 > p.kernel[d])
      return runtimeError("pad should be at most half of effective kernel size, but got pad=" +
                          std::to_string(p.padding[d]) +
                          ", kernel_size=" + std::to_string(p.kernel[d]) +
                          " and dilation=" + std::to_string(p.dilation[d]));
  const int64_t H = x.sizes()[x.dim() - 2], W = x.sizes()[x.dim() - 1];
  const int64_t OH =
      poolOutSize(H, p.kernel[0], p.padding[0], p.stride[0], p.dilation[0], p.ceilMode);
  const int64_t OW =
      poolOutSize(W, p.kernel[1], p.padding[1], p.stride[1], p.dilation[1], p.ceilMode);
  if (OH <= 0 || OW <= 0)
    return runtimeError(fmt::format(
        "Given input size: ({}x{}x{}). Calculated output size: ({}x{}x{}). Output size is too "
        "small",
        x.sizes()[x.dim() - 3], H, W, x.sizes()[x.dim() - 3], OH, OW));
  Shape os = x.sizes();
  os[os.size() - 2] = OH;
  os[os.size() - 1] = OW;
  Tensor out = Tensor::empty(os, x.dtype());
  auto run = [&](auto zero) {
    using T = decltype(zero);
    forEachPlane<T>(x, out, [&](const T* in, T* o) {
      for (int64_t oh = 0; oh < OH; ++oh)
        for (int64_t ow = 0; ow < OW; ++ow) {
          T best = -std::numeric_limits<T>::infinity();
          bool nan = false;
          for (int64_t kh = 0; kh < p.kernel[0]; ++kh) {
            const int64_t ih = oh * p.stride[0] - p.padding[0] + kh * p.dilation[0];
            if (ih < 0 || ih >= H) continue;
            for (int64_t kw = 0; kw < p.kernel[1]; ++kw) {
              const int64_t iw = ow * p.stride[1] - p.padding[1] + kw * p.dilation[1];
              if (iw < 0 || iw >= W) continue;
              const T v = in[ih * W + iw];
              if (std::isnan(static_cast<double>(v))) nan = true;
              if (v > best) best = v;
            }
          }
          o[oh * OW + ow] = nan ? std::numeric_limits<T>::quiet_NaN() : best;
        }
    });
  };
  switch (storageDType(x.dtype())) {
    case DType::Float32:
      run(float{});
      break;
    case DType::Float64:
      run(double{});
      break;
    case DType::Int64:
      run(int64_t{});
      break;
    case DType::Int32:
      run(int32_t{});
      break;
    case DType::Bool:
      return notImplemented("\"max_pool2d\" not implemented for 'Bool'");
    default:  // (narrow dtypes have a carrier storage dtype)
      break;
  }
  return out;
}

Expected<Tensor> adaptiveAvgPool2d(const Tensor& input, int64_t OH, int64_t OW) {
  GBC_RT_TRY(Tensor x, poolInput(input, "adaptive_avg_pool2d"));
  if (!isFloating(x.dtype()))
    return notImplemented(fmt::format("\"adaptive_avg_pool2d\" not implemented for '{}'",
                                      dtypeScalarName(x.dtype())));
  const int64_t H = x.sizes()[x.dim() - 2], W = x.sizes()[x.dim() - 1];
  Shape os = x.sizes();
  os[os.size() - 2] = OH;
  os[os.size() - 1] = OW;
  Tensor out = Tensor::empty(os, x.dtype());
  auto start = [](int64_t a, int64_t b, int64_t c) { return (a * c) / b; };
  auto end = [](int64_t a, int64_t b, int64_t c) { return ((a + 1) * c + b - 1) / b; };
  auto run = [&](auto zero) {
    using T = decltype(zero);
    forEachPlane<T>(x, out, [&](const T* in, T* o) {
      for (int64_t oh = 0; oh < OH; ++oh) {
        const int64_t h0 = start(oh, OH, H), h1 = end(oh, OH, H);
        for (int64_t ow = 0; ow < OW; ++ow) {
          const int64_t w0 = start(ow, OW, W), w1 = end(ow, OW, W);
          T sum = 0;
          for (int64_t ih = h0; ih < h1; ++ih)
            for (int64_t iw = w0; iw < w1; ++iw) sum += in[ih * W + iw];
          o[oh * OW + ow] = sum / static_cast<T>((h1 - h0) * (w1 - w0));
        }
      }
    });
  };
  if (storageDType(x.dtype()) == DType::Float32)
    run(float{});
  else
    run(double{});
  return out;
}

Expected<Tensor> pad(const Tensor& input, const std::vector<int64_t>& pads, PadMode mode,
                     double value) {
  if (pads.size() % 2 != 0) return runtimeError("Padding length must be divisible by 2");
  const int64_t nd = static_cast<int64_t>(pads.size() / 2);
  if (nd > input.dim())
    return runtimeError(
        "Padding length should be less than or equal to two times the input "
        "dimension but got padding length " +
        std::to_string(pads.size()) + " and input of dimension " + std::to_string(input.dim()));
  if (mode != PadMode::Constant &&
      (pads.empty() || pads.size() > 6 || input.dim() < nd + 1 || input.dim() > nd + 2))
    return notImplemented(
        fmt::format("Padding size {} is not supported for {}D input tensor.\n"
                    "Supported combinations for non-constant padding:\n"
                    "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
                    "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
                    "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)",
                    pads.size(), input.dim()));
  Tensor x = input.contiguous();
  const int64_t D = x.dim();
  Shape os = x.sizes();
  std::vector<int64_t> before(static_cast<size_t>(D), 0);
  for (int64_t i = 0; i < nd; ++i) {
    const size_t d = static_cast<size_t>(D - 1 - i);
    const int64_t lo = pads[static_cast<size_t>(2 * i)], hi = pads[static_cast<size_t>(2 * i + 1)];
    if (mode == PadMode::Reflect && (lo >= x.sizes()[d] || hi >= x.sizes()[d]))
      return runtimeError(fmt::format(
          "Argument #{}: Padding size should be less than the corresponding input dimension, "
          "but got: padding ({}, {}) at dimension {} of input {}",
          4 + 2 * i, lo, hi, d, shapeList(x.sizes())));
    before[d] = lo;
    os[d] += lo + hi;
    if (os[d] < 0)
      return runtimeError(fmt::format(
          "The input size {}, plus negative padding {} and {} resulted in a negative output size, "
          "which is invalid. Check dimension {} of your input.",
          x.sizes()[d], lo, hi, d));
  }
  Tensor out = Tensor::empty(os, x.dtype());
  const int64_t total = out.numel();
  std::vector<int64_t> inStride(static_cast<size_t>(D), 1);
  for (int64_t d = D - 2; d >= 0; --d)
    inStride[static_cast<size_t>(d)] =
        inStride[static_cast<size_t>(d + 1)] * x.sizes()[static_cast<size_t>(d + 1)];
  auto run = [&](auto zero) {
    using T = decltype(zero);
    const T* in = x.data<T>();
    T* o = out.data<T>();
    std::vector<int64_t> idx(static_cast<size_t>(D), 0);
    for (int64_t k = 0; k < total; ++k) {
      int64_t src = 0;
      bool inside = true;
      for (size_t d = 0; d < static_cast<size_t>(D); ++d) {
        const int64_t n = x.sizes()[d];
        int64_t i = idx[d] - before[d];
        if (i < 0 || i >= n) {
          switch (mode) {
            case PadMode::Constant:
              inside = false;
              break;
            case PadMode::Reflect:
              i = i < 0 ? -i : 2 * (n - 1) - i;
              break;
            case PadMode::Replicate:
              i = i < 0 ? 0 : n - 1;
              break;
            case PadMode::Circular:
              i = ((i % n) + n) % n;
              break;
          }
        }
        src += i * inStride[d];
      }
      o[k] = inside ? in[src] : static_cast<T>(value);
      for (int64_t d = D - 1; d >= 0; --d) {
        if (++idx[static_cast<size_t>(d)] < os[static_cast<size_t>(d)]) break;
        idx[static_cast<size_t>(d)] = 0;
      }
    }
  };
  switch (storageDType(x.dtype())) {
    case DType::Float32:
      run(float{});
      break;
    case DType::Float64:
      run(double{});
      break;
    case DType::Int64:
      run(int64_t{});
      break;
    case DType::Int32:
      run(int32_t{});
      break;
    case DType::Bool:
      run(bool{});
      break;
    default:  // (narrow dtypes have a carrier storage dtype)
      break;
  }
  return out;
}

Expected<Tensor> embedding(const Tensor& weight, const Tensor& indices) {
  if (indices.dtype() != DType::Int64 && indices.dtype() != DType::Int32)
    return runtimeError(fmt::format(
        "Expected tensor for argument #1 'indices' to have one of the following scalar types: "
        "Long, Int; but got torch.{}Tensor instead (while checking arguments for embedding)",
        dtypeScalarName(indices.dtype())));
  if (weight.dim() != 2) return runtimeError("'weight' must be 2-D");
  Tensor idx = indices.contiguous();
  Tensor w = weight.contiguous();
  const int64_t V = w.sizes()[0], E = w.sizes()[1];
  Shape os = idx.sizes();
  os.push_back(E);
  Tensor out = Tensor::empty(os, w.dtype());
  const int64_t n = idx.numel();
  const int64_t es = elementSize(w.dtype());
  for (int64_t k = 0; k < n; ++k) {
    const int64_t i = idx.dtype() == DType::Int64 ? idx.data<int64_t>()[k]
                                                  : static_cast<int64_t>(idx.data<int32_t>()[k]);
    if (i < 0 || i >= V) return indexError("index out of range in self");
    std::memcpy(static_cast<char*>(out.rawData()) + k * E * es,
                static_cast<const char*>(w.rawData()) + i * E * es, static_cast<size_t>(E * es));
  }
  return out;
}

}  // namespace gbc::runtime
