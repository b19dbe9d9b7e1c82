// gbc::runtime — a CPU tensor library that reproduces PyTorch 2.14's results bit for bit
// (printing, random numbers, float32 accumulation order, SLEEF transcendental functions).
// No Python, no torch. Namespace gbc::runtime; errors are values: Expected<T> holds a value or
// a TorchError {kind, message} whose kind is torch's exception class (RuntimeError, IndexError,
// ValueError, TypeError, NotImplementedError) and whose message is torch's exact str(e).
//
// API for the interpreter:
//   tensor.h    DType (dtypeName -> "torch.float32", parseDType, promoteTypes), Scalar
//               (variant<int64_t, double, bool> = a Python number), Tensor (shared Storage,
//               sizes/strides/storageOffset/dtype, requiresGrad + gradFn name for printing,
//               Tensor::wrapScalar for Python numbers), element access (at, flatAt,
//               item -> Scalar, tolist -> Nested), contiguous, clone, detach, to(dtype).
//               Views: view, reshape, transpose, t, permute, unsqueeze, squeeze, expand, slice
//               (Python clamping), select, flatten, unflatten, narrow, chunk, split, unbind.
//               x[...]: index(self, items) / setitem(self, items, value) with IndexItem = int |
//               Slice | NoneIndex | EllipsisIndex | Tensor (bool mask or integer indices).
//   ops.h       Binary ops take Operand (a Tensor or a Python number, implicit): add/sub (alpha),
//               mul, div (true), floorDivide, remainder, fmod, pow, maximum/minimum,
//               eq/ne/lt/le/gt/ge, logicalAnd/Or/Xor, where; unary neg, abs, exp, log, sqrt,
//               rsqrt, sin, cos, tanh, sigmoid, relu, gelu, clamp, logicalNot; in place add_,
//               sub_, mul_, div_, copy_, fill_, zero_; reductions sum, mean, prod, amax, amin,
//               max/min (all, or dim -> ValuesIndices), argmax, argmin, var, stdDev, all, any,
//               sort, topk; matmul, mm, bmm, dot, linear; softmax, logSoftmax, layerNorm; cat,
//               stack; factories zeros, ones, empty, full, arange, linspace, eye, zerosLike,
//               onesLike, fullLike, fromData / fromNested (torch.tensor), inferDType, nonzero.
//   random.h    Generator (torch's CPU mt19937 generator; copy = get_state), defaultGenerator(),
//               manualSeed(seed), seedFromEntropy(), randn, rand, randnLike, randLike, randint,
//               randperm, normal_, uniform_, kaimingUniform_, initLinear (nn.Linear's init).
//   printing.h  PrintOptions (set_printoptions), formatTensor (== str(t) == repr(t)),
//               formatParameter, formatSize ("torch.Size([2, 3])"), formatPythonFloat (CPython
//               repr), formatScalar, formatNested (tolist() repr), formatReturnTypes.
// Element-wise work above 1M elements and large reductions/matmuls use two threads; results
// never depend on the split.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "runtime/error.h"

namespace gbc::runtime {

// ---------------------------------------------------------------------------------------------
// dtypes and scalars

// BFloat16, Float16, Int8, Int16 and UInt8 are "narrow" dtypes: their values live in a wider
// carrier storage (float32 for the two reduced-precision floats, int64 for the small integers;
// storageDType) and every op rounds (RNE) or wraps its result to the narrow type
// (narrowStorage). torch's CPU kernels compute half/bfloat16 elementwise ops in float and round
// each result, so a float32 kernel plus rounding gives torch's values.
enum class DType { Float32, Float64, Int64, Int32, Bool, BFloat16, Float16, Int8, Int16, UInt8 };

/// The default floating dtype (torch.get_default_dtype()).
inline constexpr DType kDefaultFloat = DType::Float32;

/// "torch.float32", "torch.float64", "torch.int64", "torch.int32", "torch.bool".
std::string_view dtypeName(DType dtype);
/// ScalarType names as torch's messages spell them: "Float", "Double", "Long", "Int", "Bool".
std::string_view dtypeScalarName(DType dtype);
/// Accepts "torch.float32", "float32", "torch.float", "float", "long", "int64", "double", ...
std::optional<DType> parseDType(std::string_view name);
/// Bytes per element of the storage (the carrier's size for narrow dtypes).
int64_t elementSize(DType dtype);
/// torch's element_size(): 2 for bfloat16/float16, 1 for int8/uint8, 2 for int16.
int64_t torchElementSize(DType dtype);
/// The dtype whose C++ element type holds dtype's values (dtype itself unless narrow).
DType storageDType(DType dtype);
inline bool isNarrow(DType dtype) { return dtype >= DType::BFloat16; }
/// Rounds (bfloat16/float16, round-to-nearest-even, overflow to inf) or wraps (int8, int16,
/// uint8, two's complement) a carrier value to the narrow dtype.
double narrowFloat(DType dtype, double v);
int64_t narrowInt(DType dtype, int64_t v);
bool isFloating(DType dtype);
/// Integral dtypes (int32, int64), plus bool when includeBool.
bool isIntegral(DType dtype, bool includeBool);
/// torch.promote_types for the supported dtypes.
DType promoteTypes(DType a, DType b);

/// A Python number: int, float or bool.
using Scalar = std::variant<int64_t, double, bool>;
/// int -> Int64, float -> Float64, bool -> Bool.
DType scalarDType(const Scalar& s);
double scalarToDouble(const Scalar& s);
int64_t scalarToInt(const Scalar& s);  ///< truncates floats
bool scalarIsFloat(const Scalar& s);

using Shape = std::vector<int64_t>;

/// Contiguous (row-major) strides for sizes.
Shape contiguousStrides(const Shape& sizes);
int64_t shapeNumel(const Shape& sizes);
/// Wraps a possibly negative dim into [0, ndim); IndexError with torch's text otherwise.
/// For unsqueeze-style dims pass ndim + 1.
Expected<int64_t> wrapDim(int64_t dim, int64_t ndim);

// ---------------------------------------------------------------------------------------------
// storage and tensor

/// A flat, 64-byte aligned byte buffer shared by a tensor and its views.
/// Thrown (not a std::exception: nothing on the way may turn it into another error) when a
/// tensor's storage would exceed the limit of the calling thread (setStorageLimit): the
/// analysed program's memory budget, checked before the allocation, not after the machine ran
/// out.
struct StorageRefused {
  int64_t nbytes = 0;
  int64_t limit = 0;
};

/// The largest storage, in bytes, that the calling thread may allocate (0: no limit).
void setStorageLimit(int64_t bytes);

class Storage {
 public:
  explicit Storage(int64_t nbytes);
  std::byte* data() const { return data_.get(); }
  int64_t nbytes() const { return nbytes_; }
  /// torch's version counter, shared by a tensor and its views: every in-place write bumps it,
  /// so autograd can refuse a saved tensor that changed after it was saved.
  uint64_t version() const { return version_; }
  void bumpVersion() { ++version_; }

 private:
  struct Free {
    size_t bytes = 0;
    void operator()(std::byte* p) const;
  };
  std::unique_ptr<std::byte[], Free> data_;
  int64_t nbytes_;
  uint64_t version_ = 0;
};

struct Nested;

class Tensor {
 public:
  /// An undefined tensor (defined() is false).
  Tensor() = default;
  Tensor(std::shared_ptr<Storage> storage, Shape sizes, Shape strides, int64_t offset, DType dtype);

  /// A contiguous tensor with uninitialised elements.
  static Tensor empty(const Shape& sizes, DType dtype);
  /// A 0-d tensor holding a Python number, marked as a "wrapped number" for type promotion
  /// (int -> int64, float -> float64, bool -> bool).
  static Tensor wrapScalar(const Scalar& s);
  /// A 0-d tensor of the given dtype (not a wrapped number).
  static Tensor scalarTensor(const Scalar& s, DType dtype);

  bool defined() const { return storage_ != nullptr; }
  DType dtype() const { return dtype_; }
  const Shape& sizes() const { return sizes_; }
  const Shape& strides() const { return strides_; }
  int64_t storageOffset() const { return offset_; }
  int64_t dim() const { return static_cast<int64_t>(sizes_.size()); }
  int64_t numel() const;
  /// Size of dim d (negative allowed); IndexError when out of range.
  Expected<int64_t> size(int64_t d) const;
  bool isContiguous() const;
  const std::shared_ptr<Storage>& storage() const { return storage_; }

  /// Printing-only autograd state: requires_grad=True leaves and grad_fn=<Name> results.
  bool requiresGrad() const { return requiresGrad_; }
  void setRequiresGrad(bool value) { requiresGrad_ = value; }
  const std::string& gradFn() const { return gradFn_; }
  void setGradFn(std::string name) { gradFn_ = std::move(name); }
  bool isWrappedNumber() const { return wrapped_; }

  /// Typed pointer to element [0, ..., 0] (T must match dtype: float, double, int64_t,
  /// int32_t, bool).
  template <typename T>
  T* data() const {
    return reinterpret_cast<T*>(storage_->data()) + offset_;
  }
  void* rawData() const { return storage_->data() + offset_ * elementSize(dtype_); }

  /// Element at a full index (each 0 <= i < size; checked).
  Scalar at(std::span<const int64_t> index) const;
  /// The i-th element in row-major order.
  Scalar flatAt(int64_t i) const;
  /// Python value of a one-element tensor; RuntimeError "a Tensor with N elements cannot be
  /// converted to Scalar" otherwise.
  Expected<Scalar> item() const;
  /// Nested Python lists (a 0-d tensor gives a scalar).
  Nested tolist() const;

  /// This tensor when contiguous, else a contiguous copy.
  Tensor contiguous() const;
  /// A contiguous copy (keeps requires_grad off; autograd is not modelled).
  Tensor clone() const;
  /// Same storage, no autograd marks.
  Tensor detach() const;
  /// A copy converted to dtype (this tensor itself when dtype already matches).
  Tensor to(DType dtype) const;
  Tensor toFloat() const { return to(DType::Float32); }
  Tensor toDouble() const { return to(DType::Float64); }
  Tensor toLong() const { return to(DType::Int64); }
  Tensor toInt() const { return to(DType::Int32); }
  Tensor toBool() const { return to(DType::Bool); }

  /// Shares storage, replaces the geometry (no checks; for view implementations).
  Tensor asStrided(Shape sizes, Shape strides, int64_t offset) const;

  /// Narrow dtypes: rounds/wraps every element of the whole storage to the dtype (idempotent;
  /// ops call it on results, so values written in the carrier type become the narrow type's).
  void narrowStorage() const;

 private:
  std::shared_ptr<Storage> storage_;
  Shape sizes_;
  Shape strides_;
  int64_t offset_ = 0;
  DType dtype_ = DType::Float32;
  bool requiresGrad_ = false;
  bool wrapped_ = false;
  std::string gradFn_;
};

/// tolist() result: a Python scalar or a list.
struct Nested {
  std::variant<Scalar, std::vector<Nested>> value;
  bool isList() const { return value.index() == 1; }
  const Scalar& scalar() const { return std::get<0>(value); }
  const std::vector<Nested>& list() const { return std::get<1>(value); }
};

// ---------------------------------------------------------------------------------------------
// views (share storage with the input)

/// view(*shape): one -1 allowed; torch's stride compatibility rules and errors.
Expected<Tensor> view(const Tensor& self, const Shape& shape);
/// view when possible, else a contiguous copy.
Expected<Tensor> reshape(const Tensor& self, const Shape& shape);
Expected<Tensor> transpose(const Tensor& self, int64_t dim0, int64_t dim1);
/// t(): 0-d and 1-d unchanged, 2-d transposed, RuntimeError beyond.
Expected<Tensor> t(const Tensor& self);
Expected<Tensor> permute(const Tensor& self, const std::vector<int64_t>& dims);
Expected<Tensor> unsqueeze(const Tensor& self, int64_t dim);
/// Removes every size-1 dim.
Tensor squeeze(const Tensor& self);
/// Removes dim when its size is 1 (no-op otherwise).
Expected<Tensor> squeeze(const Tensor& self, int64_t dim);
/// expand(*sizes): -1 keeps a size; new leading dims allowed.
Expected<Tensor> expand(const Tensor& self, const Shape& sizes);
/// Python slice semantics on one dim: start/stop clamped, step > 0 (ValueError otherwise:
/// "step must be greater than zero").
Expected<Tensor> slice(const Tensor& self, int64_t dim, std::optional<int64_t> start,
                       std::optional<int64_t> stop, int64_t step = 1);
/// x.select(dim, i): negative i allowed; IndexError "index 5 is out of bounds for dimension 0
/// with size 2".
Expected<Tensor> select(const Tensor& self, int64_t dim, int64_t index);
Expected<Tensor> flatten(const Tensor& self, int64_t startDim = 0, int64_t endDim = -1);
Expected<Tensor> unflatten(const Tensor& self, int64_t dim, const Shape& sizes);
Expected<Tensor> narrow(const Tensor& self, int64_t dim, int64_t start, int64_t length);
Expected<std::vector<Tensor>> chunk(const Tensor& self, int64_t chunks, int64_t dim = 0);
Expected<std::vector<Tensor>> split(const Tensor& self, int64_t splitSize, int64_t dim = 0);
Expected<std::vector<Tensor>> unbind(const Tensor& self, int64_t dim = 0);

// ---------------------------------------------------------------------------------------------
// x[...] and x[...] = v

struct Slice {
  std::optional<int64_t> start, stop, step;
};
struct NoneIndex {};
struct EllipsisIndex {};
/// One entry of a subscript tuple: int, slice, None, Ellipsis, or a tensor (bool/uint mask or
/// int64/int32 indices). A Python list of ints should be turned into an int64 tensor first.
using IndexItem = std::variant<int64_t, Slice, NoneIndex, EllipsisIndex, Tensor>;

/// self[items...] with torch's semantics (basic indexing gives a view; tensor indices gather).
Expected<Tensor> index(const Tensor& self, std::span<const IndexItem> items);
/// self[items...] = value (broadcast, cast to self's dtype).
Status setitem(const Tensor& self, std::span<const IndexItem> items, const Tensor& value);
Status setitem(const Tensor& self, std::span<const IndexItem> items, const Scalar& value);

// ---------------------------------------------------------------------------------------------
// dtype dispatch helper

/// Calls f(T{}) with T the C++ element type of dtype.
template <typename F>
decltype(auto) dispatchDType(DType dtype, F&& f) {
  switch (dtype) {
    case DType::Float32:
      return f(float{});
    case DType::Float64:
      return f(double{});
    case DType::Int64:
      return f(int64_t{});
    case DType::Int32:
      return f(int32_t{});
    case DType::Bool:
      return f(bool{});
    case DType::BFloat16:
    case DType::Float16:
      return f(float{});
    case DType::Int8:
    case DType::Int16:
    case DType::UInt8:
      return f(int64_t{});
  }
  GBC_UNREACHABLE("bad dtype");
}

template <typename T>
constexpr DType dtypeOf();
template <>
constexpr DType dtypeOf<float>() {
  return DType::Float32;
}
template <>
constexpr DType dtypeOf<double>() {
  return DType::Float64;
}
template <>
constexpr DType dtypeOf<int64_t>() {
  return DType::Int64;
}
template <>
constexpr DType dtypeOf<int32_t>() {
  return DType::Int32;
}
template <>
constexpr DType dtypeOf<bool>() {
  return DType::Bool;
}

}  // namespace gbc::runtime
