// Convolution, batch norm, pooling, padding and embedding (conv.cpp): the nn.functional ops
// of convolutional and embedding models, with torch's shape checks and messages.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "runtime/error.h"
#include "runtime/tensor.h"

namespace gbc::runtime {

struct ConvParams {
  std::array<int64_t, 2> stride{1, 1};
  std::array<int64_t, 2> padding{0, 0};
  std::array<int64_t, 2> dilation{1, 1};
  int64_t groups = 1;
};

/// F.conv2d (spatial 2: NCHW / CHW input) or F.conv1d (spatial 1: NCL / CL; params use index
/// 0). Sums in torch's slow-path order; see convValuesExact.
Expected<Tensor> conv2d(const Tensor& input, const Tensor& weight,
                        const std::optional<Tensor>& bias, const ConvParams& p, int spatial = 2);
/// Whether conv2d's values equal torch's whatever kernel torch picks (one product per output).
bool convValuesExact(const Tensor& weight, int64_t groups);

/// F.batch_norm over dim 1. training (or no running stats) uses the batch's statistics and
/// updates the running ones in place.
Expected<Tensor> batchNorm(const Tensor& input, const std::optional<Tensor>& runningMean,
                           const std::optional<Tensor>& runningVar,
                           const std::optional<Tensor>& weight, const std::optional<Tensor>& bias,
                           bool training, double momentum, double eps);
/// Whether batchNorm's values equal torch's: eval with running stats (the per-channel affine
/// map torch computes); batch statistics are summed in another order than torch's.
bool batchNormValuesExact(bool training, bool hasRunningStats);

struct Pool2dParams {
  std::array<int64_t, 2> kernel{1, 1};
  std::array<int64_t, 2> stride{1, 1};
  std::array<int64_t, 2> padding{0, 0};
  std::array<int64_t, 2> dilation{1, 1};
  bool ceilMode = false;
  bool countIncludePad = true;
  std::optional<int64_t> divisorOverride;
};

Expected<Tensor> avgPool2d(const Tensor& input, const Pool2dParams& p);
Expected<Tensor> maxPool2d(const Tensor& input, const Pool2dParams& p);
Expected<Tensor> adaptiveAvgPool2d(const Tensor& input, int64_t outH, int64_t outW);

enum class PadMode { Constant, Reflect, Replicate, Circular };
/// F.pad: pads = (last dim lo, hi, second-to-last lo, hi, ...).
Expected<Tensor> pad(const Tensor& input, const std::vector<int64_t>& pads, PadMode mode,
                     double value = 0.0);

/// F.embedding: weight's rows at integer indices.
Expected<Tensor> embedding(const Tensor& weight, const Tensor& indices);

/// The gradients of an op's inputs (undefined where not asked for or absent).
struct ConvGrads {
  Tensor input, weight, bias;
};
/// conv2d's (spatial 1: conv1d's) gradients of input, weight and bias from the result's.
Expected<ConvGrads> conv2dBackward(const Tensor& grad, const Tensor& input, const Tensor& weight,
                                   bool hasBias, const ConvParams& p, int spatial,
                                   std::array<bool, 3> needs);
/// batchNorm's gradients of input, weight and bias (training: through the batch statistics).
Expected<ConvGrads> batchNormBackward(const Tensor& grad, const Tensor& input,
                                      const std::optional<Tensor>& runningMean,
                                      const std::optional<Tensor>& runningVar,
                                      const std::optional<Tensor>& weight, bool training,
                                      double eps, std::array<bool, 3> needs);
Expected<Tensor> avgPool2dBackward(const Tensor& grad, const Tensor& input, const Pool2dParams& p);
Expected<Tensor> maxPool2dBackward(const Tensor& grad, const Tensor& input, const Pool2dParams& p);
Expected<Tensor> adaptiveAvgPool2dBackward(const Tensor& grad, const Tensor& input);

}  // namespace gbc::runtime
