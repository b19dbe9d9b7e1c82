// Tensor core: dtypes, storage, element access, copies and casts.
#include "runtime/tensor.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <thread>

#include <fmt/format.h>

#include "runtime/detail.h"

namespace gbc::runtime {

std::string_view errorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::RuntimeError:
      return "RuntimeError";
    case ErrorKind::IndexError:
      return "IndexError";
    case ErrorKind::ValueError:
      return "ValueError";
    case ErrorKind::TypeError:
      return "TypeError";
    case ErrorKind::NotImplementedError:
      return "NotImplementedError";
  }
  GBC_UNREACHABLE("bad error kind");
}

std::string_view dtypeName(DType dtype) {
  switch (dtype) {
    case DType::Float32:
      return "torch.float32";
    case DType::Float64:
      return "torch.float64";
    case DType::Int64:
      return "torch.int64";
    case DType::Int32:
      return "torch.int32";
    case DType::Bool:
      return "torch.bool";
    case DType::BFloat16:
      return "torch.bfloat16";
    case DType::Float16:
      return "torch.float16";
    case DType::Int8:
      return "torch.int8";
    case DType::Int16:
      return "torch.int16";
    case DType::UInt8:
      return "torch.uint8";
  }
  GBC_UNREACHABLE("bad dtype");
}

std::string_view dtypeScalarName(DType dtype) {
  switch (dtype) {
    case DType::Float32:
      return "Float";
    case DType::Float64:
      return "Double";
    case DType::Int64:
      return "Long";
    case DType::Int32:
      return "Int";
    case DType::Bool:
      return "Bool";
    case DType::BFloat16:
      return "BFloat16";
    case DType::Float16:
      return "Half";
    case DType::Int8:
      return "Char";
    case DType::Int16:
      return "Short";
    case DType::UInt8:
      return "Byte";
  }
  GBC_UNREACHABLE("bad dtype");
}

std::optional<DType> parseDType(std::string_view name) {
  if (name.starts_with("torch.")) name.remove_prefix(6);
  if (name == "float32" || name == "float") return DType::Float32;
  if (name == "float64" || name == "double") return DType::Float64;
  if (name == "int64" || name == "long") return DType::Int64;
  if (name == "int32" || name == "int") return DType::Int32;
  if (name == "bool") return DType::Bool;
  if (name == "bfloat16") return DType::BFloat16;
  if (name == "float16" || name == "half") return DType::Float16;
  if (name == "int8") return DType::Int8;
  if (name == "int16" || name == "short") return DType::Int16;
  if (name == "uint8") return DType::UInt8;
  return std::nullopt;
}

int64_t torchElementSize(DType dtype) {
  switch (dtype) {
    case DType::BFloat16:
    case DType::Float16:
    case DType::Int16:
      return 2;
    case DType::Int8:
    case DType::UInt8:
      return 1;
    default:
      return elementSize(dtype);
  }
}

DType storageDType(DType dtype) {
  switch (dtype) {
    case DType::BFloat16:
    case DType::Float16:
      return DType::Float32;
    case DType::Int8:
    case DType::Int16:
    case DType::UInt8:
      return DType::Int64;
    default:
      return dtype;
  }
}

/// float -> bfloat16 as c10::BFloat16 rounds (round to nearest even; NaN stays a quiet NaN).
static float roundBFloat16(float f) {
  if (std::isnan(f)) return f;
  uint32_t bits = std::bit_cast<uint32_t>(f);
  bits += 0x7fffu + ((bits >> 16) & 1u);
  return std::bit_cast<float>(bits & 0xffff0000u);
}

double narrowFloat(DType dtype, double v) {
  // torch converts a double to the narrow type through float (c10::BFloat16/Half take a float)
  float f = static_cast<float>(v);
  if (dtype == DType::BFloat16) return roundBFloat16(f);
  if (dtype == DType::Float16) return static_cast<float>(static_cast<_Float16>(f));
  return v;
}

int64_t narrowInt(DType dtype, int64_t v) {
  switch (dtype) {
    case DType::Int8:
      return static_cast<int8_t>(v);
    case DType::Int16:
      return static_cast<int16_t>(v);
    case DType::UInt8:
      return static_cast<uint8_t>(v);
    default:
      return v;
  }
}

void Tensor::narrowStorage() const {
  if (!storage_ || !isNarrow(dtype_)) return;
  if (dtype_ == DType::BFloat16 || dtype_ == DType::Float16) {
    auto* p = reinterpret_cast<float*>(storage_->data());
    int64_t n = storage_->nbytes() / 4;
    if (dtype_ == DType::BFloat16)
      for (int64_t i = 0; i < n; ++i) p[i] = roundBFloat16(p[i]);
    else
      for (int64_t i = 0; i < n; ++i) p[i] = static_cast<float>(static_cast<_Float16>(p[i]));
    return;
  }
  auto* p = reinterpret_cast<int64_t*>(storage_->data());
  int64_t n = storage_->nbytes() / 8;
  for (int64_t i = 0; i < n; ++i) p[i] = narrowInt(dtype_, p[i]);
}

int64_t elementSize(DType dtype) {
  switch (dtype) {
    case DType::Float32:
      return 4;
    case DType::Float64:
      return 8;
    case DType::Int64:
      return 8;
    case DType::Int32:
      return 4;
    case DType::Bool:
      return 1;
    case DType::BFloat16:
    case DType::Float16:
      return 4;  // float32 carrier
    case DType::Int8:
    case DType::Int16:
    case DType::UInt8:
      return 8;  // int64 carrier
  }
  GBC_UNREACHABLE("bad dtype");
}

bool isFloating(DType dtype) {
  return dtype == DType::Float32 || dtype == DType::Float64 || dtype == DType::BFloat16 ||
         dtype == DType::Float16;
}

bool isIntegral(DType dtype, bool includeBool) {
  return dtype == DType::Int64 || dtype == DType::Int32 || dtype == DType::Int16 ||
         dtype == DType::Int8 || dtype == DType::UInt8 || (includeBool && dtype == DType::Bool);
}

static int promotionRank(DType d) {
  switch (d) {
    case DType::Bool:
      return 0;
    case DType::UInt8:
      return 1;
    case DType::Int8:
      return 2;
    case DType::Int16:
      return 3;
    case DType::Int32:
      return 4;
    case DType::Int64:
      return 5;
    case DType::Float16:
      return 6;
    case DType::BFloat16:
      return 7;
    case DType::Float32:
      return 8;
    case DType::Float64:
      return 9;
  }
  GBC_UNREACHABLE("bad dtype");
}

DType promoteTypes(DType a, DType b) {
  // torch's promotion table: the two pairs that promote to neither operand
  auto pair = [&](DType x, DType y) { return (a == x && b == y) || (a == y && b == x); };
  if (pair(DType::UInt8, DType::Int8)) return DType::Int16;
  if (pair(DType::Float16, DType::BFloat16)) return DType::Float32;
  return promotionRank(a) >= promotionRank(b) ? a : b;
}

DType scalarDType(const Scalar& s) {
  switch (s.index()) {
    case 0:
      return DType::Int64;
    case 1:
      return DType::Float64;
    default:
      return DType::Bool;
  }
}

double scalarToDouble(const Scalar& s) {
  return std::visit([](auto v) { return static_cast<double>(v); }, s);
}

int64_t scalarToInt(const Scalar& s) {
  return std::visit([](auto v) { return detail::castValue<int64_t>(v); }, s);
}

bool scalarIsFloat(const Scalar& s) { return s.index() == 1; }

Shape contiguousStrides(const Shape& sizes) {
  Shape strides(sizes.size());
  int64_t s = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = s;
    s *= std::max<int64_t>(sizes[i], 1);
  }
  return strides;
}

int64_t shapeNumel(const Shape& sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return n;
}

Expected<int64_t> wrapDim(int64_t dim, int64_t ndim) {
  if (ndim <= 0) ndim = 1;
  if (dim < -ndim || dim >= ndim) {
    return indexError(
        fmt::format("Dimension out of range (expected to be in range of [{}, {}], but got {})",
                    -ndim, ndim - 1, dim));
  }
  return dim < 0 ? dim + ndim : dim;
}

// ---------------------------------------------------------------------------------------------

namespace {

/// Large buffers are kept for reuse (exact size, at most kCacheBytes in all): a fresh large
/// allocation is mmap'ed and page-faulted on first touch, which costs more than the
/// element-wise kernel that fills it.
class BlockCache {
 public:
  static constexpr size_t kMinBytes = size_t{1} << 20;
  static constexpr size_t kCacheBytes = size_t{512} << 20;

  std::byte* allocate(size_t bytes) {
    if (bytes >= kMinBytes) {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = free_.find(bytes);
      if (it != free_.end() && !it->second.empty()) {
        std::byte* p = it->second.back();
        it->second.pop_back();
        cached_ -= bytes;
        return p;
      }
    }
    return static_cast<std::byte*>(::operator new[](bytes, std::align_val_t{64}));
  }

  void release(std::byte* p, size_t bytes) {
    if (bytes >= kMinBytes) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cached_ + bytes <= kCacheBytes) {
        free_[bytes].push_back(p);
        cached_ += bytes;
        return;
      }
    }
    ::operator delete[](p, std::align_val_t{64});
  }

 private:
  std::mutex mutex_;
  std::map<size_t, std::vector<std::byte*>> free_;
  size_t cached_ = 0;
};

BlockCache& blockCache() {
  // Never destroyed: storages may outlive static destruction order.
  static auto* cache = new BlockCache();
  return *cache;
}

size_t allocationBytes(int64_t nbytes) { return static_cast<size_t>(std::max<int64_t>(nbytes, 1)); }

}  // namespace

namespace {
thread_local int64_t storage_limit = 0;

int64_t admitted(int64_t nbytes) {
  if (storage_limit > 0 && nbytes > storage_limit) throw StorageRefused{nbytes, storage_limit};
  return nbytes;
}
}  // namespace

void setStorageLimit(int64_t bytes) { storage_limit = bytes; }

Storage::Storage(int64_t nbytes)
    : data_(blockCache().allocate(allocationBytes(admitted(nbytes))),
            Free{allocationBytes(nbytes)}),
      nbytes_(nbytes) {}

void Storage::Free::operator()(std::byte* p) const { blockCache().release(p, bytes); }

Tensor::Tensor(std::shared_ptr<Storage> storage, Shape sizes, Shape strides, int64_t offset,
               DType dtype)
    : storage_(std::move(storage)),
      sizes_(std::move(sizes)),
      strides_(std::move(strides)),
      offset_(offset),
      dtype_(dtype) {}

Tensor Tensor::empty(const Shape& sizes, DType dtype) {
  auto storage = std::make_shared<Storage>(shapeNumel(sizes) * elementSize(dtype));
  return Tensor(std::move(storage), sizes, contiguousStrides(sizes), 0, dtype);
}

Tensor Tensor::scalarTensor(const Scalar& s, DType dtype) {
  Tensor t = empty({}, dtype);
  dispatchDType(dtype, [&](auto tag) {
    using T = decltype(tag);
    *t.data<T>() = std::visit([](auto v) { return detail::castValue<T>(v); }, s);
  });
  t.narrowStorage();
  return t;
}

Tensor Tensor::wrapScalar(const Scalar& s) {
  Tensor t = scalarTensor(s, scalarDType(s));
  t.wrapped_ = true;
  return t;
}

int64_t Tensor::numel() const { return shapeNumel(sizes_); }

Expected<int64_t> Tensor::size(int64_t d) const {
  GBC_RT_TRY(int64_t w, wrapDim(d, dim()));
  if (dim() == 0) return indexError("dimension specified as 0 but tensor has no dimensions");
  return sizes_[w];
}

bool Tensor::isContiguous() const {
  int64_t expected = 1;
  for (size_t i = sizes_.size(); i-- > 0;) {
    if (sizes_[i] == 1) continue;
    if (sizes_[i] == 0) return true;
    if (strides_[i] != expected) return false;
    expected *= sizes_[i];
  }
  return true;
}

Scalar Tensor::at(std::span<const int64_t> index) const {
  GBC_CHECK(static_cast<int64_t>(index.size()) == dim(), "index rank mismatch");
  int64_t off = 0;
  for (size_t i = 0; i < index.size(); ++i) {
    GBC_CHECK(index[i] >= 0 && index[i] < sizes_[i], "index out of range");
    off += index[i] * strides_[i];
  }
  return dispatchDType(dtype_, [&](auto tag) -> Scalar {
    using T = decltype(tag);
    T v = data<T>()[off];
    if constexpr (std::is_same_v<T, bool>)
      return v;
    else if constexpr (std::is_floating_point_v<T>)
      return static_cast<double>(v);
    else
      return static_cast<int64_t>(v);
  });
}

Scalar Tensor::flatAt(int64_t i) const {
  std::vector<int64_t> idx(sizes_.size());
  for (size_t d = sizes_.size(); d-- > 0;) {
    idx[d] = i % sizes_[d];
    i /= sizes_[d];
  }
  return at(idx);
}

Expected<Scalar> Tensor::item() const {
  int64_t n = numel();
  if (n != 1)
    return runtimeError(fmt::format("a Tensor with {} elements cannot be converted to Scalar", n));
  return flatAt(0);
}

static Nested tolistRec(const Tensor& t, std::vector<int64_t>& idx, size_t d) {
  if (d == static_cast<size_t>(t.dim())) return Nested{t.at(idx)};
  std::vector<Nested> out;
  out.reserve(static_cast<size_t>(t.sizes()[d]));
  for (int64_t i = 0; i < t.sizes()[d]; ++i) {
    idx[d] = i;
    out.push_back(tolistRec(t, idx, d + 1));
  }
  return Nested{std::move(out)};
}

Nested Tensor::tolist() const {
  std::vector<int64_t> idx(sizes_.size(), 0);
  return tolistRec(*this, idx, 0);
}

Tensor Tensor::contiguous() const {
  if (isContiguous()) return *this;
  return clone();
}

Tensor Tensor::clone() const {
  Tensor out = empty(sizes_, dtype_);
  detail::copyInto(out, *this);
  return out;
}

Tensor Tensor::detach() const {
  Tensor out = *this;
  out.requiresGrad_ = false;
  out.gradFn_.clear();
  out.wrapped_ = false;
  return out;
}

Tensor Tensor::to(DType dtype) const {
  if (dtype == dtype_) return *this;
  Tensor out = empty(sizes_, dtype);
  detail::copyInto(out, *this);
  return out;
}

Tensor Tensor::asStrided(Shape sizes, Shape strides, int64_t offset) const {
  Tensor out(storage_, std::move(sizes), std::move(strides), offset, dtype_);
  return out;
}

// ---------------------------------------------------------------------------------------------

namespace detail {

bool hasSecondCore() {
  static const bool multi = std::thread::hardware_concurrency() >= 2;
  return multi;
}

template <typename D, typename S>
static void copyTyped(const Tensor& dst, const Tensor& src) {
  auto g = coalesce<2>(dst.sizes(), {&dst.strides(), &src.strides()});
  D* d = dst.data<D>();
  const S* s = src.data<S>();
  auto run = [&](int64_t begin, int64_t end) {
    forEachRun(g, begin, end,
               [&](const std::array<int64_t, 2>& off, int64_t n, const std::array<int64_t, 2>& st) {
                 D* dp = d + off[0];
                 const S* sp = s + off[1];
                 if (st[0] == 1 && st[1] == 1) {
                   if constexpr (std::is_same_v<D, S>) {
                     std::memcpy(dp, sp, static_cast<size_t>(n) * sizeof(D));
                   } else {
                     for (int64_t i = 0; i < n; ++i) dp[i] = castValue<D>(sp[i]);
                   }
                 } else {
                   for (int64_t i = 0; i < n; ++i) dp[i * st[0]] = castValue<D>(sp[i * st[1]]);
                 }
               });
  };
  parallelFor(dst.numel(), kParallelElements, run);
}

void copyInto(const Tensor& dst, const Tensor& src) {
  GBC_CHECK(dst.sizes() == src.sizes(), "copyInto shape mismatch");
  if (dst.numel() == 0) return;
  dispatchDType(dst.dtype(), [&](auto dtag) {
    dispatchDType(src.dtype(),
                  [&](auto stag) { copyTyped<decltype(dtag), decltype(stag)>(dst, src); });
  });
  dst.narrowStorage();
}

std::string shapeString(const Shape& s) { return fmt::format("[{}]", fmt::join(s, ", ")); }

Expected<Shape> broadcastShapes(const Shape& a, const Shape& b) {
  size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (size_t i = n; i-- > 0;) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1) {
      return runtimeError(
          fmt::format("The size of tensor a ({}) must match the size of tensor b ({}) at "
                      "non-singleton dimension {}",
                      da, db, i));
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

Shape broadcastStrides(const Tensor& t, const Shape& to) {
  Shape st(to.size(), 0);
  size_t lead = to.size() - t.sizes().size();
  for (size_t i = 0; i < t.sizes().size(); ++i) {
    st[lead + i] = t.sizes()[i] == 1 ? 0 : t.strides()[i];
  }
  return st;
}

}  // namespace detail
}  // namespace gbc::runtime
