// Tensor operations with torch's broadcasting, type promotion, results and error messages.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "runtime/tensor.h"

namespace gbc::runtime {

/// An operand of a binary op: a tensor or a Python number (which becomes a 0-d "wrapped
/// number" tensor and so never decides the result's category alone: int64 tensor + 2.5 ->
/// float32, int32 tensor + 5 -> int32).
class Operand {
 public:
  Operand(const Tensor& t) : tensor_(t) {}
  Operand(Tensor&& t) : tensor_(std::move(t)) {}
  Operand(const Scalar& s) : tensor_(Tensor::wrapScalar(s)) {}
  Operand(int v) : tensor_(Tensor::wrapScalar(int64_t{v})) {}
  Operand(int64_t v) : tensor_(Tensor::wrapScalar(v)) {}
  Operand(double v) : tensor_(Tensor::wrapScalar(v)) {}
  Operand(bool v) : tensor_(Tensor::wrapScalar(v)) {}
  const Tensor& tensor() const { return tensor_; }

 private:
  Tensor tensor_;
};

/// torch.result_type over operands (dim tensors > 0-d tensors > Python numbers).
DType resultType(std::span<const Tensor> operands);

// ---------------------------------------------------------------------------------------------
// element-wise binary (broadcasting)

Expected<Tensor> add(const Operand& a, const Operand& b, const Scalar& alpha = int64_t{1});
Expected<Tensor> sub(const Operand& a, const Operand& b, const Scalar& alpha = int64_t{1});
Expected<Tensor> mul(const Operand& a, const Operand& b);
/// True division: integer inputs give float32.
Expected<Tensor> div(const Operand& a, const Operand& b);
/// Python `//` (floor); integer division by zero is RuntimeError "ZeroDivisionError".
Expected<Tensor> floorDivide(const Operand& a, const Operand& b);
/// Python `%` (result takes the divisor's sign).
Expected<Tensor> remainder(const Operand& a, const Operand& b);
/// torch.fmod (result takes the dividend's sign).
Expected<Tensor> fmod(const Operand& a, const Operand& b);
Expected<Tensor> pow(const Operand& base, const Operand& exponent);
Expected<Tensor> maximum(const Operand& a, const Operand& b);
Expected<Tensor> minimum(const Operand& a, const Operand& b);
Expected<Tensor> eq(const Operand& a, const Operand& b);
Expected<Tensor> ne(const Operand& a, const Operand& b);
Expected<Tensor> lt(const Operand& a, const Operand& b);
Expected<Tensor> le(const Operand& a, const Operand& b);
Expected<Tensor> gt(const Operand& a, const Operand& b);
Expected<Tensor> ge(const Operand& a, const Operand& b);
Expected<Tensor> logicalAnd(const Operand& a, const Operand& b);
Expected<Tensor> logicalOr(const Operand& a, const Operand& b);
Expected<Tensor> logicalXor(const Operand& a, const Operand& b);
/// torch.where(cond, a, b).
Expected<Tensor> where(const Tensor& cond, const Operand& a, const Operand& b);
/// torch.where(cond): one int64 index tensor per dim (nonzero as a tuple).
std::vector<Tensor> where(const Tensor& cond);
/// torch.equal: same shape and values.
bool equal(const Tensor& a, const Tensor& b);

// ---------------------------------------------------------------------------------------------
// element-wise unary

Expected<Tensor> neg(const Tensor& x);
Tensor abs(const Tensor& x);
Tensor exp(const Tensor& x);
Tensor log(const Tensor& x);
Tensor sqrt(const Tensor& x);
Tensor rsqrt(const Tensor& x);
Tensor sin(const Tensor& x);
Tensor cos(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor sigmoid(const Tensor& x);
Tensor relu(const Tensor& x);
/// approximate: "none" (erf form) or "tanh".
Expected<Tensor> gelu(const Tensor& x, std::string_view approximate = "none");
Tensor logicalNot(const Tensor& x);
/// At least one bound must be given ("torch.clamp: At least one of 'min' or 'max' must not be
/// None").
Expected<Tensor> clamp(const Tensor& x, std::optional<Scalar> min, std::optional<Scalar> max);

// ---------------------------------------------------------------------------------------------
// in place (self keeps its dtype; "result type Float can't be cast to the desired output type
// Long" when the promoted type would not fit)

Status add_(const Tensor& self, const Operand& other, const Scalar& alpha = int64_t{1});
Status sub_(const Tensor& self, const Operand& other, const Scalar& alpha = int64_t{1});
Status mul_(const Tensor& self, const Operand& other);
Status div_(const Tensor& self, const Operand& other);
/// Copies src (broadcast to self's shape, cast to self's dtype) into self.
Status copy_(const Tensor& self, const Tensor& src);
void fill_(const Tensor& self, const Scalar& value);
void zero_(const Tensor& self);

// ---------------------------------------------------------------------------------------------
// reductions (dims: nullopt = all; an empty list also means all, as in torch)

using DimList = std::optional<std::vector<int64_t>>;

/// Integer and bool inputs sum to int64. float32 follows torch's cascade summation order.
Expected<Tensor> sum(const Tensor& x, const DimList& dims = std::nullopt, bool keepdim = false,
                     std::optional<DType> dtype = std::nullopt);
/// Floating inputs only (RuntimeError otherwise); empty -> nan.
Expected<Tensor> mean(const Tensor& x, const DimList& dims = std::nullopt, bool keepdim = false,
                      std::optional<DType> dtype = std::nullopt);
Expected<Tensor> prod(const Tensor& x, std::optional<int64_t> dim = std::nullopt,
                      bool keepdim = false);
Expected<Tensor> amax(const Tensor& x, const DimList& dims = std::nullopt, bool keepdim = false);
Expected<Tensor> amin(const Tensor& x, const DimList& dims = std::nullopt, bool keepdim = false);
/// x.max() / x.min() over all elements (NaN propagates).
Expected<Tensor> max(const Tensor& x);
Expected<Tensor> min(const Tensor& x);

/// torch.return_types.max / min / sort / topk.
struct ValuesIndices {
  Tensor values;
  Tensor indices;
};
Expected<ValuesIndices> max(const Tensor& x, int64_t dim, bool keepdim = false);
Expected<ValuesIndices> min(const Tensor& x, int64_t dim, bool keepdim = false);
Expected<Tensor> argmax(const Tensor& x, std::optional<int64_t> dim = std::nullopt,
                        bool keepdim = false);
Expected<Tensor> argmin(const Tensor& x, std::optional<int64_t> dim = std::nullopt,
                        bool keepdim = false);
/// Sample variance / standard deviation (correction 1 by default).
Expected<Tensor> var(const Tensor& x, const DimList& dims = std::nullopt, double correction = 1,
                     bool keepdim = false);
Expected<Tensor> stdDev(const Tensor& x, const DimList& dims = std::nullopt, double correction = 1,
                        bool keepdim = false);
Expected<Tensor> all(const Tensor& x);
Expected<Tensor> any(const Tensor& x);
/// Stable sort along dim.
Expected<ValuesIndices> sort(const Tensor& x, int64_t dim = -1, bool descending = false);
Expected<ValuesIndices> topk(const Tensor& x, int64_t k, int64_t dim = -1, bool largest = true);

// ---------------------------------------------------------------------------------------------
// linear algebra and nn functions

/// a @ b for 1-d, 2-d and batched (broadcast) operands.
Expected<Tensor> matmul(const Tensor& a, const Tensor& b);
Expected<Tensor> mm(const Tensor& a, const Tensor& b);
Expected<Tensor> bmm(const Tensor& a, const Tensor& b);
Expected<Tensor> dot(const Tensor& a, const Tensor& b);
/// F.linear: x @ w.T + b (bias added after the dot products).
Expected<Tensor> linear(const Tensor& x, const Tensor& w,
                        const std::optional<Tensor>& b = std::nullopt);
Expected<Tensor> softmax(const Tensor& x, int64_t dim);
Expected<Tensor> logSoftmax(const Tensor& x, int64_t dim);
/// The gradients of softmax / log_softmax's input from the gradient of their result `out`
/// (torch's _softmax_backward_data / _log_softmax_backward_data kernels).
Expected<Tensor> softmaxBackward(const Tensor& grad, const Tensor& out, int64_t dim);
Expected<Tensor> logSoftmaxBackward(const Tensor& grad, const Tensor& out, int64_t dim);

/// A loss's reduction (torch's Reduction enum).
enum class Reduction { None, Mean, Sum };
/// F.nll_loss of log-probabilities x, (N, C) or (C), and int64 class indices target, (N) or
/// (); entries equal to ignoreIndex count for nothing. The CPU kernel's errors and cascade
/// summation.
Expected<Tensor> nllLoss(const Tensor& x, const Tensor& target, Reduction reduction,
                         int64_t ignoreIndex = -100);
/// The gradient of nllLoss's x from the gradient of its result.
Expected<Tensor> nllLossBackward(const Tensor& grad, const Tensor& x, const Tensor& target,
                                 Reduction reduction, int64_t ignoreIndex = -100);
Expected<Tensor> layerNorm(const Tensor& x, const Shape& normalizedShape,
                           const std::optional<Tensor>& weight, const std::optional<Tensor>& bias,
                           double eps = 1e-5);

// ---------------------------------------------------------------------------------------------
// joining

Expected<Tensor> cat(std::span<const Tensor> tensors, int64_t dim = 0);
Expected<Tensor> stack(std::span<const Tensor> tensors, int64_t dim = 0);

// ---------------------------------------------------------------------------------------------
// factories

/// RuntimeError "zeros: Dimension size must be non-negative." for negative sizes.
Expected<Tensor> zeros(const Shape& sizes, DType dtype = kDefaultFloat);
Expected<Tensor> ones(const Shape& sizes, DType dtype = kDefaultFloat);
Expected<Tensor> empty(const Shape& sizes, DType dtype = kDefaultFloat);
/// dtype defaults from the value: int -> int64, float -> float32, bool -> bool.
Expected<Tensor> full(const Shape& sizes, const Scalar& value,
                      std::optional<DType> dtype = std::nullopt);
/// torch.arange(start, end, step): int64 unless any argument is a float (then float32).
Expected<Tensor> arange(const Scalar& start, const Scalar& end, const Scalar& step = int64_t{1},
                        std::optional<DType> dtype = std::nullopt);
Expected<Tensor> arange(const Scalar& end, std::optional<DType> dtype = std::nullopt);
Expected<Tensor> linspace(const Scalar& start, const Scalar& end, int64_t steps,
                          DType dtype = kDefaultFloat);
Expected<Tensor> eye(int64_t n, std::optional<int64_t> m = std::nullopt,
                     DType dtype = kDefaultFloat);
Tensor zerosLike(const Tensor& t, std::optional<DType> dtype = std::nullopt);
Tensor onesLike(const Tensor& t, std::optional<DType> dtype = std::nullopt);
Tensor fullLike(const Tensor& t, const Scalar& value, std::optional<DType> dtype = std::nullopt);
/// torch.tensor's dtype for these Python values: any float -> float32, else any int ->
/// int64, else bool (an empty list -> float32).
DType inferDType(std::span<const Scalar> values);
/// A tensor of sizes from row-major values (converted to dtype).
Expected<Tensor> fromData(std::span<const Scalar> values, const Shape& sizes, DType dtype);
/// torch.tensor(nested): checks rectangularity (ValueError "expected sequence of length 2 at
/// dim 1 (got 1)") and infers the dtype unless given.
Expected<Tensor> fromNested(const Nested& data, std::optional<DType> dtype = std::nullopt);
/// Indices of non-zero elements, shape (n, ndim).
Tensor nonzero(const Tensor& x);

}  // namespace gbc::runtime
