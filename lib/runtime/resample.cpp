// Pixel shuffle (a reshape-permute-reshape copy) and nearest-neighbour upsampling with torch's
// source index rule (UpSample.h nearest_idx: the same index, a halving shift at exactly twice
// the size, else floor(dst * scale) in float with scale 1/scale_factor when one was given).
#include <cmath>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/norms.h"
#include "runtime/ops.h"

namespace gbc::runtime {

namespace {

Expected<Tensor> shuffle(const Tensor& x, int64_t r, bool up) {
  const char* name = up ? "pixel_shuffle" : "pixel_unshuffle";
  if (x.dim() < 3)
    return runtimeError(
        fmt::format("{} expects input to have at least 3 dimensions, but got "
                    "input with {} dimension(s)",
                    name, x.dim()));
  if (r <= 0)
    return runtimeError(fmt::format("{} expects a positive {}, but got {}", name,
                                    up ? "upscale_factor" : "downscale_factor", r));
  const int64_t D = x.dim();
  const int64_t C = x.sizes()[static_cast<size_t>(D - 3)];
  const int64_t H = x.sizes()[static_cast<size_t>(D - 2)];
  const int64_t W = x.sizes()[static_cast<size_t>(D - 1)];
  Shape batch(x.sizes().begin(), x.sizes().end() - 3);
  Shape view = batch, perm_out = batch;
  std::vector<int64_t> perm;
  for (size_t i = 0; i < batch.size(); ++i) perm.push_back(static_cast<int64_t>(i));
  const int64_t b = static_cast<int64_t>(batch.size());
  if (up) {
    if (C % (r * r) != 0)
      return runtimeError(fmt::format(
          "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square "
          "of upscale_factor, but input.size(-3)={} is not divisible by {}",
          C, r * r));
    const int64_t oc = C / (r * r);
    view.insert(view.end(), {oc, r, r, H, W});
    for (int64_t p : {0, 3, 1, 4, 2}) perm.push_back(b + p);
    perm_out.insert(perm_out.end(), {oc, H * r, W * r});
  } else {
    if (H % r != 0)
      return runtimeError(
          fmt::format("pixel_unshuffle expects height to be divisible by downscale_factor, but "
                      "input.size(-2)={} "
                      "is not divisible by {}",
                      H, r));
    if (W % r != 0)
      return runtimeError(
          fmt::format("pixel_unshuffle expects width to be divisible by downscale_factor, but "
                      "input.size(-1)={} "
                      "is not divisible by {}",
                      W, r));
    view.insert(view.end(), {C, H / r, r, W / r, r});
    for (int64_t p : {0, 2, 4, 1, 3}) perm.push_back(b + p);
    perm_out.insert(perm_out.end(), {C * r * r, H / r, W / r});
  }
  GBC_RT_TRY(Tensor v, reshape(x.contiguous(), view));
  GBC_RT_TRY(Tensor p, permute(v, perm));
  return reshape(p.contiguous(), perm_out);
}

int64_t nearestIndex(int64_t dst, int64_t in, int64_t out, const std::optional<double>& scale) {
  if (out == in) return dst;
  if (out == 2 * in) return dst >> 1;
  const float s = scale && *scale > 0 ? static_cast<float>(1.0 / *scale)
                                      : static_cast<float>(in) / static_cast<float>(out);
  return std::min(static_cast<int64_t>(std::floor(static_cast<float>(dst) * s)), in - 1);
}

/// For each output element (row-major), the flat index of its source element in the input.
std::vector<int64_t> nearestSources(const Shape& in, const Shape& out,
                                    const std::vector<std::optional<double>>& scales) {
  const size_t D = in.size(), S = D - 2;
  std::vector<std::vector<int64_t>> idx(S);
  for (size_t d = 0; d < S; ++d) {
    const int64_t i = in[2 + d], o = out[2 + d];
    for (int64_t k = 0; k < o; ++k)
      idx[d].push_back(nearestIndex(k, i, o, d < scales.size() ? scales[d] : std::nullopt));
  }
  int64_t planes = in[0] * in[1], inPlane = 1, outPlane = 1;
  for (size_t d = 0; d < S; ++d) {
    inPlane *= in[2 + d];
    outPlane *= out[2 + d];
  }
  std::vector<int64_t> src(static_cast<size_t>(planes * outPlane));
  std::vector<int64_t> pos(S, 0);
  for (int64_t o = 0; o < outPlane; ++o) {
    int64_t s = 0;
    for (size_t d = 0; d < S; ++d) s = s * in[2 + d] + idx[d][static_cast<size_t>(pos[d])];
    for (int64_t p = 0; p < planes; ++p)
      src[static_cast<size_t>(p * outPlane + o)] = p * inPlane + s;
    for (size_t d = S; d-- > 0;) {
      if (++pos[d] < out[2 + d]) break;
      pos[d] = 0;
    }
  }
  return src;
}

}  // namespace

Expected<Tensor> pixelShuffle(const Tensor& x, int64_t r) { return shuffle(x, r, true); }
Expected<Tensor> pixelUnshuffle(const Tensor& x, int64_t r) { return shuffle(x, r, false); }

Expected<Tensor> upsampleNearest(const Tensor& x, const std::vector<int64_t>& size,
                                 const std::vector<std::optional<double>>& scales) {
  if (x.dim() < 3 || x.dim() > 5 || static_cast<int64_t>(size.size()) != x.dim() - 2)
    return notImplemented("nearest upsampling of this rank (not modelled)");
  Shape os(x.sizes().begin(), x.sizes().begin() + 2);
  os.insert(os.end(), size.begin(), size.end());
  for (int64_t s : size)
    if (s <= 0)
      return runtimeError(
          fmt::format("Input and output sizes should be greater than 0, but got "
                      "input (H: {}) output (H: {})",
                      x.sizes()[2], s));
  Tensor xc = x.contiguous();
  Tensor out = Tensor::empty(os, x.dtype());
  std::vector<int64_t> src = nearestSources(x.sizes(), os, scales);
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = xc.data<T>();
    T* o = out.data<T>();
    for (size_t i = 0; i < src.size(); ++i) o[i] = p[src[i]];
  });
  return out;
}

Expected<Tensor> upsampleNearestBackward(const Tensor& grad, const Shape& inputSizes,
                                         const std::vector<std::optional<double>>& scales) {
  Tensor g = grad.contiguous();
  GBC_RT_TRY(Tensor out, zeros(inputSizes, grad.dtype()));
  std::vector<int64_t> src = nearestSources(inputSizes, grad.sizes(), scales);
  dispatchDType(grad.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const T* p = g.data<T>();
      T* o = out.data<T>();
      for (size_t i = 0; i < src.size(); ++i) o[src[i]] = o[src[i]] + p[i];
    }
  });
  return out;
}

}  // namespace gbc::runtime
