// The gradients of conv.h's ops (ConvolutionBackward0, NativeBatchNormBackward0,
// AvgPool2DBackward0, MaxPool2DWithIndicesBackward0, AdaptiveAvgPool2DBackward0) by the
// formulas of torch's derivatives.yaml. Sums run in element order; torch's kernels (oneDNN for
// convolutions) add in other orders, so these values can differ from torch's in the last bits,
// as conv2d's can (conv.cpp).
#include <algorithm>
#include <cmath>
#include <vector>

#include "runtime/conv.h"
#include "runtime/ops.h"

namespace gbc::runtime {

namespace {

template <typename T>
void convGrads(const Tensor& x, const Tensor& w, const Tensor& g, Tensor* gx, Tensor* gw,
               Tensor* gb, const ConvParams& p) {
  const Shape &xs = x.sizes(), &ws = w.sizes(), &gs = g.sizes();
  const int64_t N = xs[0], C = xs[1], H = xs[2], W = xs[3];
  const int64_t O = ws[0], Cg = ws[1], KH = ws[2], KW = ws[3];
  const int64_t OH = gs[2], OW = gs[3], Og = O / p.groups;
  const T* xp = x.data<T>();
  const T* wp = w.data<T>();
  const T* gp = g.data<T>();
  T* gxp = gx ? gx->data<T>() : nullptr;
  T* gwp = gw ? gw->data<T>() : nullptr;
  T* gbp = gb ? gb->data<T>() : nullptr;
  for (int64_t n = 0; n < N; ++n)
    for (int64_t o = 0; o < O; ++o) {
      const int64_t grp = o / Og;
      for (int64_t oh = 0; oh < OH; ++oh)
        for (int64_t ow = 0; ow < OW; ++ow) {
          const T gv = gp[((n * O + o) * OH + oh) * OW + ow];
          if (gbp) gbp[o] += gv;
          for (int64_t c = 0; c < Cg; ++c)
            for (int64_t kh = 0; kh < KH; ++kh) {
              const int64_t ih = oh * p.stride[0] - p.padding[0] + kh * p.dilation[0];
              if (ih < 0 || ih >= H) continue;
              for (int64_t kw = 0; kw < KW; ++kw) {
                const int64_t iw = ow * p.stride[1] - p.padding[1] + kw * p.dilation[1];
                if (iw < 0 || iw >= W) continue;
                const int64_t xi = ((n * C + grp * Cg + c) * H + ih) * W + iw;
                const int64_t wi = ((o * Cg + c) * KH + kh) * KW + kw;
                if (gxp) gxp[xi] += gv * wp[wi];
                if (gwp) gwp[wi] += gv * xp[xi];
              }
            }
        }
    }
}

Tensor zeros4(const Shape& s, DType d) { return zeros(s, d).value(); }

}  // namespace

Expected<ConvGrads> conv2dBackward(const Tensor& grad, const Tensor& input, const Tensor& weight,
                                   bool hasBias, const ConvParams& p, int spatial,
                                   std::array<bool, 3> needs) {
  const bool unbatched = input.dim() == spatial + 1;
  Tensor x = unbatched ? unsqueeze(input, 0).value() : input;
  Tensor g = unbatched ? unsqueeze(grad, 0).value() : grad;
  Tensor w = weight;
  ConvParams q = p;
  if (spatial == 1) {
    x = unsqueeze(x, 2).value();
    g = unsqueeze(g, 2).value();
    w = unsqueeze(w, 2).value();
    q.stride = {1, p.stride[0]};
    q.padding = {0, p.padding[0]};
    q.dilation = {1, p.dilation[0]};
  }
  x = x.contiguous();
  w = w.contiguous();
  g = g.contiguous();
  ConvGrads r;
  Tensor gx = needs[0] ? zeros4(x.sizes(), x.dtype()) : Tensor();
  Tensor gw = needs[1] ? zeros4(w.sizes(), w.dtype()) : Tensor();
  Tensor gb = needs[2] && hasBias ? zeros4({w.sizes()[0]}, w.dtype()) : Tensor();
  if (storageDType(x.dtype()) == DType::Float32)
    convGrads<float>(x, w, g, gx.defined() ? &gx : nullptr, gw.defined() ? &gw : nullptr,
                     gb.defined() ? &gb : nullptr, q);
  else
    convGrads<double>(x, w, g, gx.defined() ? &gx : nullptr, gw.defined() ? &gw : nullptr,
                      gb.defined() ? &gb : nullptr, q);
  if (gx.defined()) {
    if (spatial == 1) gx = squeeze(gx, 2).value();
    if (unbatched) gx = squeeze(gx, 0).value();
    r.input = gx;
  }
  if (gw.defined()) r.weight = spatial == 1 ? squeeze(gw, 2).value() : gw;
  r.bias = gb;
  return r;
}

namespace {

template <typename T>
void bnGrads(const Tensor& x, const Tensor& g, const std::vector<double>& mean,
             const std::vector<double>& invstd, const Tensor* w, bool training, Tensor* gx,
             Tensor* gw, Tensor* gb) {
  const int64_t N = x.sizes()[0], C = x.sizes()[1];
  const int64_t inner = x.numel() / std::max<int64_t>(1, N * C);
  const double M = static_cast<double>(N * inner);
  const T* xp = x.data<T>();
  const T* gp = g.data<T>();
  for (int64_t c = 0; c < C; ++c) {
    const double m = mean[static_cast<size_t>(c)], is = invstd[static_cast<size_t>(c)];
    double sg = 0, sgx = 0;
    for (int64_t n = 0; n < N; ++n)
      for (int64_t i = 0; i < inner; ++i) {
        const int64_t k = (n * C + c) * inner + i;
        sg += gp[k];
        sgx += gp[k] * (xp[k] - m);
      }
    const double wv = w ? static_cast<double>(w->data<T>()[c]) : 1.0;
    if (gw) gw->data<T>()[c] = static_cast<T>(sgx * is);
    if (gb) gb->data<T>()[c] = static_cast<T>(sg);
    if (!gx) continue;
    for (int64_t n = 0; n < N; ++n)
      for (int64_t i = 0; i < inner; ++i) {
        const int64_t k = (n * C + c) * inner + i;
        double v;
        if (training) {
          const double proj = sgx * is * is / M;
          v = (gp[k] - (xp[k] - m) * proj - sg / M) * is * wv;
        } else {
          v = gp[k] * is * wv;
        }
        gx->data<T>()[k] = static_cast<T>(v);
      }
  }
}

}  // namespace

Expected<ConvGrads> batchNormBackward(const Tensor& grad, const Tensor& input,
                                      const std::optional<Tensor>& runningMean,
                                      const std::optional<Tensor>& runningVar,
                                      const std::optional<Tensor>& weight, bool training,
                                      double eps, std::array<bool, 3> needs) {
  Tensor x = input.contiguous(), g = grad.contiguous();
  const int64_t N = x.sizes()[0], C = x.sizes()[1];
  const int64_t inner = x.numel() / std::max<int64_t>(1, N * C);
  const bool useBatch = training || !runningMean || !runningVar;
  std::vector<double> mean(static_cast<size_t>(C)), invstd(static_cast<size_t>(C));
  auto at = [](const Tensor& t, int64_t i) {
    Tensor c = t.contiguous();
    return c.dtype() == DType::Float64 ? c.data<double>()[i]
                                       : static_cast<double>(c.data<float>()[i]);
  };
  for (int64_t c = 0; c < C; ++c) {
    if (useBatch) {
      double s = 0;
      for (int64_t n = 0; n < N; ++n)
        for (int64_t i = 0; i < inner; ++i) s += at(x, (n * C + c) * inner + i);
      const double m = s / static_cast<double>(N * inner);
      double ss = 0;
      for (int64_t n = 0; n < N; ++n)
        for (int64_t i = 0; i < inner; ++i) {
          const double d = at(x, (n * C + c) * inner + i) - m;
          ss += d * d;
        }
      mean[static_cast<size_t>(c)] = m;
      invstd[static_cast<size_t>(c)] = 1.0 / std::sqrt(ss / static_cast<double>(N * inner) + eps);
    } else {
      mean[static_cast<size_t>(c)] = at(*runningMean, c);
      invstd[static_cast<size_t>(c)] = 1.0 / std::sqrt(at(*runningVar, c) + eps);
    }
  }
  ConvGrads r;
  Tensor gx = needs[0] ? Tensor::empty(x.sizes(), x.dtype()) : Tensor();
  Tensor gw = needs[1] ? Tensor::empty({C}, x.dtype()) : Tensor();
  Tensor gb = needs[2] ? Tensor::empty({C}, x.dtype()) : Tensor();
  std::optional<Tensor> wc;
  if (weight) wc = weight->contiguous();
  if (storageDType(x.dtype()) == DType::Float32)
    bnGrads<float>(x, g, mean, invstd, wc ? &*wc : nullptr, useBatch, gx.defined() ? &gx : nullptr,
                   gw.defined() ? &gw : nullptr, gb.defined() ? &gb : nullptr);
  else
    bnGrads<double>(x, g, mean, invstd, wc ? &*wc : nullptr, useBatch, gx.defined() ? &gx : nullptr,
                    gw.defined() ? &gw : nullptr, gb.defined() ? &gb : nullptr);
  r.input = gx;
  r.weight = gw;
  r.bias = gb;
  return r;
}

Expected<Tensor> avgPool2dBackward(const Tensor& grad, const Tensor& input, const Pool2dParams& p) {
  Tensor x = input.contiguous(), g = grad.contiguous();
  Tensor gx = zeros(x.sizes(), x.dtype()).value();
  const int64_t H = x.sizes()[x.dim() - 2], W = x.sizes()[x.dim() - 1];
  const int64_t OH = g.sizes()[g.dim() - 2], OW = g.sizes()[g.dim() - 1];
  const int64_t planes = x.numel() / std::max<int64_t>(1, H * W);
  auto run = [&](auto zero) {
    using T = decltype(zero);
    for (int64_t pl = 0; pl < planes; ++pl) {
      const T* gp = g.data<T>() + pl * OH * OW;
      T* op = gx.data<T>() + pl * H * W;
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
          int64_t divide = p.divisorOverride   ? *p.divisorOverride
                           : p.countIncludePad ? poolSize
                                               : (h1 - h0) * (w1 - w0);
          const T v = gp[oh * OW + ow] / static_cast<T>(divide);
          for (int64_t ih = h0; ih < h1; ++ih)
            for (int64_t iw = w0; iw < w1; ++iw) op[ih * W + iw] += v;
        }
    }
  };
  if (storageDType(x.dtype()) == DType::Float32)
    run(float{});
  else
    run(double{});
  return gx;
}

Expected<Tensor> maxPool2dBackward(const Tensor& grad, const Tensor& input, const Pool2dParams& p) {
  Tensor x = input.contiguous(), g = grad.contiguous();
  Tensor gx = zeros(x.sizes(), x.dtype()).value();
  const int64_t H = x.sizes()[x.dim() - 2], W = x.sizes()[x.dim() - 1];
  const int64_t OH = g.sizes()[g.dim() - 2], OW = g.sizes()[g.dim() - 1];
  const int64_t planes = x.numel() / std::max<int64_t>(1, H * W);
  auto run = [&](auto zero) {
    using T = decltype(zero);
    for (int64_t pl = 0; pl < planes; ++pl) {
      const T* in = x.data<T>() + pl * H * W;
      const T* gp = g.data<T>() + pl * OH * OW;
      T* op = gx.data<T>() + pl * H * W;
      for (int64_t oh = 0; oh < OH; ++oh)
        for (int64_t ow = 0; ow < OW; ++ow) {
          int64_t best = -1;
          T bv = 0;
          for (int64_t kh = 0; kh < p.kernel[0]; ++kh) {
            const int64_t ih = oh * p.stride[0] - p.padding[0] + kh * p.dilation[0];
            if (ih < 0 || ih >= H) continue;
            for (int64_t kw = 0; kw < p.kernel[1]; ++kw) {
              const int64_t iw = ow * p.stride[1] - p.padding[1] + kw * p.dilation[1];
              if (iw < 0 || iw >= W) continue;
              const T v = in[ih * W + iw];
              if (best < 0 || v > bv || std::isnan(static_cast<double>(v))) {
                best = ih * W + iw;
                bv = v;
                if (std::isnan(static_cast<double>(v))) break;
              }
            }
          }
          if (best >= 0) op[best] += gp[oh * OW + ow];
        }
    }
  };
  if (storageDType(x.dtype()) == DType::Float32)
    run(float{});
  else
    run(double{});
  return gx;
}

Expected<Tensor> adaptiveAvgPool2dBackward(const Tensor& grad, const Tensor& input) {
  Tensor x = input.contiguous(), g = grad.contiguous();
  Tensor gx = zeros(x.sizes(), x.dtype()).value();
  const int64_t H = x.sizes()[x.dim() - 2], W = x.sizes()[x.dim() - 1];
  const int64_t OH = g.sizes()[g.dim() - 2], OW = g.sizes()[g.dim() - 1];
  const int64_t planes = x.numel() / std::max<int64_t>(1, H * W);
  auto run = [&](auto zero) {
    using T = decltype(zero);
    for (int64_t pl = 0; pl < planes; ++pl) {
      const T* gp = g.data<T>() + pl * OH * OW;
      T* op = gx.data<T>() + pl * H * W;
      for (int64_t oh = 0; oh < OH; ++oh) {
        const int64_t h0 = (oh * H) / OH, h1 = ((oh + 1) * H + OH - 1) / OH;
        for (int64_t ow = 0; ow < OW; ++ow) {
          const int64_t w0 = (ow * W) / OW, w1 = ((ow + 1) * W + OW - 1) / OW;
          const T v = gp[oh * OW + ow] / static_cast<T>((h1 - h0) * (w1 - w0));
          for (int64_t ih = h0; ih < h1; ++ih)
            for (int64_t iw = w0; iw < w1; ++iw) op[ih * W + iw] += v;
        }
      }
    }
  };
  if (storageDType(x.dtype()) == DType::Float32)
    run(float{});
  else
    run(double{});
  return gx;
}

}  // namespace gbc::runtime
