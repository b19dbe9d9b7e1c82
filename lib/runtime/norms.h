// Norms and the shape-shuffling and resampling layers of torch.nn (norms.cpp, resample.cpp,
// qr.cpp): vector 2-norms (torch.linalg.vector_norm, _foreach_norm, norm_except_dim), weight
// normalisation (_weight_norm and its backward), group normalisation, pixel shuffle,
// nearest-neighbour upsampling, and the QR / diag / sign of nn.init.orthogonal_. The norms sum
// in the order of torch's CPU kernels (8 float lanes, fused multiply-adds where torch's build
// fuses them; checked against torch on the recording machine), so their values match torch's;
// group norm and QR follow torch's algorithms but are not bit-exact.
#pragma once

#include <optional>
#include <vector>

#include "runtime/error.h"
#include "runtime/tensor.h"

namespace gbc::runtime {

/// torch.linalg.vector_norm(x, ord) over all elements: ord 2 (the vectorised last-dim kernel),
/// inf and -inf (max / min of |x|). Other orders are NotImplemented (not modelled).
Expected<Tensor> vectorNorm(const Tensor& x, double ord);

/// The 2-norm of each row of x viewed as (rows, n) (norm(2, dim=1) of a contiguous matrix).
Expected<Tensor> rowNorms2(const Tensor& x, int64_t rows);

/// torch.norm_except_dim(v, 2, dim): norms over every dim but `dim` (-1: all), shaped to
/// broadcast against v.
Expected<Tensor> normExceptDim(const Tensor& v, int64_t dim);

struct WeightNormResult {
  Tensor weight;
  Tensor norm;  // per slice along dim, float32 for float input (torch's saved norm)
};

/// torch._weight_norm(v, g, dim): _weight_norm_interface's CPU kernel for dim 0 or the last
/// dim; other dims compute v * (g / norm_except_dim(v, 2, dim)) as torch's composite does.
Expected<WeightNormResult> weightNorm(const Tensor& v, const Tensor& g, int64_t dim);

struct WeightNormGrads {
  Tensor v, g;
};
/// _weight_norm_interface_backward (dim 0 or the last dim).
Expected<WeightNormGrads> weightNormBackward(const Tensor& gradW, const Tensor& v, const Tensor& g,
                                             const Tensor& norm, int64_t dim);

/// F.group_norm over (N, C, *): per (sample, group) mean and biased variance, then the affine
/// map, as torch's GroupNormKernel computes them.
struct GroupNormResult {
  Tensor out, mean, rstd;  // mean, rstd: (N, groups)
};
Expected<GroupNormResult> groupNorm(const Tensor& x, int64_t groups,
                                    const std::optional<Tensor>& weight,
                                    const std::optional<Tensor>& bias, double eps);
struct GroupNormGrads {
  Tensor input, weight, bias;
};
Expected<GroupNormGrads> groupNormBackward(const Tensor& grad, const Tensor& x, const Tensor& mean,
                                           const Tensor& rstd, const std::optional<Tensor>& weight,
                                           int64_t groups, std::array<bool, 3> needs);

/// F.pixel_shuffle / F.pixel_unshuffle: (*, C*r*r, H, W) <-> (*, C, H*r, W*r).
Expected<Tensor> pixelShuffle(const Tensor& x, int64_t r);
Expected<Tensor> pixelUnshuffle(const Tensor& x, int64_t r);

/// F.interpolate(mode="nearest") of a (N, C, *spatial) tensor with 1-3 spatial dims to
/// `size`, with the scale factors the call gave (used for the source index as torch does).
Expected<Tensor> upsampleNearest(const Tensor& x, const std::vector<int64_t>& size,
                                 const std::vector<std::optional<double>>& scales);
/// Its gradient: each output element's gradient added into its source element.
Expected<Tensor> upsampleNearestBackward(const Tensor& grad, const Shape& inputSizes,
                                         const std::vector<std::optional<double>>& scales);

}  // namespace gbc::runtime

namespace gbc::runtime {

struct QrResult {
  Tensor q, r;
};
/// torch.linalg.qr(a) in "reduced" mode for a 2-D floating matrix: Householder reflections in
/// double precision (LAPACK's geqrf convention, a reflector's beta = -sign(alpha) * norm), Q and
/// R rounded to a's dtype. torch calls LAPACK in a's precision, so float32 results can differ
/// from torch's in the last bits (qr.cpp).
Expected<QrResult> qrReduced(const Tensor& a);
/// torch.diag(x, 0): a vector's diagonal matrix, or a matrix's diagonal.
Expected<Tensor> diag(const Tensor& x);
/// torch.sign: -1, 0 or 1 (0 for NaN, as torch's CPU kernel computes (0 < x) - (x < 0)).
Tensor sign(const Tensor& x);

}  // namespace gbc::runtime
