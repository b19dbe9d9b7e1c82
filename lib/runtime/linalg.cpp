// Matrix products. Every float output is a plain left-to-right dot product (each product
// rounded, then added; no FMA), the order of Debian's reference BLAS that torch links (NOTES.md
// c.4). The kernel is tiled and split over two threads without changing that order.
#include <cstring>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/ops.h"

namespace gbc::runtime {

namespace {

/// C type names as torch's dtype-mismatch messages spell them.
std::string_view cTypeName(DType d) {
  switch (d) {
    case DType::Float32:
      return "float";
    case DType::Float64:
      return "double";
    case DType::Int64:
      return "long int";
    case DType::Int32:
      return "int";
    case DType::Bool:
      return "bool";
    case DType::BFloat16:
      return "c10::BFloat16";
    case DType::Float16:
      return "c10::Half";
    case DType::Int8:
      return "signed char";
    case DType::Int16:
      return "short int";
    case DType::UInt8:
      return "unsigned char";
  }
  GBC_UNREACHABLE("bad dtype");
}

constexpr int64_t kMr = 4;    // rows per micro tile
constexpr int64_t kNr = 16;   // columns per micro tile
constexpr int64_t kKc = 256;  // depth per pass (partial sums stored in C between passes)

/// C[i0:i1, :] = A @ B for row-major A (M x K, row stride lda), B (K x N, row stride ldb),
/// C (M x N, contiguous). Each C element accumulates over k in order from 0 (partial sums are
/// stored in C between depth blocks, which does not change the rounding sequence). B panels
/// (kKc x kNr) are packed so the inner loop streams contiguous memory.
template <typename T>
[[gnu::always_inline]] inline void gemmRows(const T* a, int64_t lda, const T* b, int64_t ldb, T* c,
                                            int64_t n, int64_t k, int64_t i0, int64_t i1) {
  for (int64_t i = i0; i < i1; ++i) std::memset(c + i * n, 0, sizeof(T) * static_cast<size_t>(n));
  alignas(64) T panel[kKc * kNr];
  for (int64_t kc = 0; kc < k; kc += kKc) {
    const int64_t kLen = std::min(k, kc + kKc) - kc;
    for (int64_t j = 0; j < n; j += kNr) {
      const int64_t nr = std::min(kNr, n - j);
      for (int64_t p = 0; p < kLen; ++p) {
        const T* src = b + (kc + p) * ldb + j;
        for (int64_t q = 0; q < nr; ++q) panel[p * kNr + q] = src[q];
      }
      int64_t i = i0;
      if (nr == kNr) {
        for (; i + kMr <= i1; i += kMr) {
          T acc[kMr][kNr];
          for (int64_t r = 0; r < kMr; ++r) {
            for (int64_t q = 0; q < kNr; ++q) acc[r][q] = c[(i + r) * n + j + q];
          }
          for (int64_t p = 0; p < kLen; ++p) {
            const T* brow = panel + p * kNr;
            for (int64_t r = 0; r < kMr; ++r) {
              const T av = a[(i + r) * lda + kc + p];
              for (int64_t q = 0; q < kNr; ++q) {
                T prod = av * brow[q];
                acc[r][q] += prod;
              }
            }
          }
          for (int64_t r = 0; r < kMr; ++r) {
            for (int64_t q = 0; q < kNr; ++q) c[(i + r) * n + j + q] = acc[r][q];
          }
        }
      }
      for (; i < i1; ++i) {
        T acc[kNr];
        for (int64_t q = 0; q < nr; ++q) acc[q] = c[i * n + j + q];
        for (int64_t p = 0; p < kLen; ++p) {
          const T av = a[i * lda + kc + p];
          const T* brow = panel + p * kNr;
          for (int64_t q = 0; q < nr; ++q) {
            T prod = av * brow[q];
            acc[q] += prod;
          }
        }
        for (int64_t q = 0; q < nr; ++q) c[i * n + j + q] = acc[q];
      }
    }
  }
}

/// The float and double kernels, cloned for AVX2 (8-wide, still one rounding per product and
/// per add: this file is compiled with -ffp-contract=off) and baseline x86-64.
__attribute__((target_clones("avx2", "default"))) void gemmRowsFloat(const float* a, int64_t lda,
                                                                     const float* b, int64_t ldb,
                                                                     float* c, int64_t n, int64_t k,
                                                                     int64_t i0, int64_t i1) {
  gemmRows<float>(a, lda, b, ldb, c, n, k, i0, i1);
}
__attribute__((target_clones("avx2", "default"))) void gemmRowsDouble(const double* a, int64_t lda,
                                                                      const double* b, int64_t ldb,
                                                                      double* c, int64_t n,
                                                                      int64_t k, int64_t i0,
                                                                      int64_t i1) {
  gemmRows<double>(a, lda, b, ldb, c, n, k, i0, i1);
}

template <typename T>
void gemmDispatch(const T* a, int64_t lda, const T* b, int64_t ldb, T* c, int64_t n, int64_t k,
                  int64_t i0, int64_t i1) {
  if constexpr (std::is_same_v<T, float>) {
    gemmRowsFloat(a, lda, b, ldb, c, n, k, i0, i1);
  } else if constexpr (std::is_same_v<T, double>) {
    gemmRowsDouble(a, lda, b, ldb, c, n, k, i0, i1);
  } else {
    gemmRows<T>(a, lda, b, ldb, c, n, k, i0, i1);
  }
}

/// out (M x N, contiguous) = a (M x K) @ b (K x N); any strides in, copied as needed.
void gemm(const Tensor& a, const Tensor& b, const Tensor& out) {
  const int64_t m = a.sizes()[0], k = a.sizes()[1], n = b.sizes()[1];
  if (m == 0 || n == 0) return;
  Tensor ac = a.contiguous(), bc = b.contiguous();
  dispatchDType(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, bool>) {
      const bool* pa = ac.data<bool>();
      const bool* pb = bc.data<bool>();
      bool* pc = out.data<bool>();
      for (int64_t i = 0; i < m; ++i) {
        for (int64_t j = 0; j < n; ++j) {
          bool v = false;
          for (int64_t p = 0; p < k; ++p) v = v || (pa[i * k + p] && pb[p * n + j]);
          pc[i * n + j] = v;
        }
      }
    } else {
      const T* pa = ac.data<T>();
      const T* pb = bc.data<T>();
      T* pc = out.data<T>();
      const int64_t work = m * n * std::max<int64_t>(k, 1);
      const int64_t blocks = (m + kMr - 1) / kMr;
      const int64_t minBlocksPerThread = work < (int64_t{1} << 18) ? blocks : 1;
      detail::parallelFor(blocks, minBlocksPerThread, [&](int64_t b0, int64_t b1) {
        gemmDispatch<T>(pa, k, pb, n, pc, n, k, std::min(m, b0 * kMr), std::min(m, b1 * kMr));
      });
    }
  });
}

Status checkSameDtype(const Tensor& a, const Tensor& b) {
  if (a.dtype() != b.dtype()) {
    return runtimeError(fmt::format("expected m1 and m2 to have the same dtype, but got: {} != {}",
                                    cTypeName(a.dtype()), cTypeName(b.dtype())));
  }
  return ok();
}

Expected<Tensor> mm2d(const Tensor& a, const Tensor& b) {
  if (a.sizes()[1] != b.sizes()[0]) {
    return runtimeError(fmt::format("mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})",
                                    a.sizes()[0], a.sizes()[1], b.sizes()[0], b.sizes()[1]));
  }
  GBC_RT_CHECK(checkSameDtype(a, b));
  Tensor out = Tensor::empty({a.sizes()[0], b.sizes()[1]}, a.dtype());
  gemm(a, b, out);
  return out;
}

}  // namespace

Expected<Tensor> mm(const Tensor& a, const Tensor& b) {
  if (a.dim() != 2) return runtimeError("self must be a matrix");
  if (b.dim() != 2) return runtimeError("mat2 must be a matrix");
  return mm2d(a, b);
}

Expected<Tensor> dot(const Tensor& a, const Tensor& b) {
  if (a.dim() != 1 || b.dim() != 1) {
    return runtimeError(
        fmt::format("1D tensors expected, but got {}D and {}D tensors", a.dim(), b.dim()));
  }
  if (a.dtype() != b.dtype()) {
    return runtimeError(
        fmt::format("dot : expected both vectors to have same dtype, but found {} and {}",
                    dtypeScalarName(a.dtype()), dtypeScalarName(b.dtype())));
  }
  if (a.numel() != b.numel()) {
    return runtimeError(
        fmt::format("inconsistent tensor size, expected tensor [{}] and src [{}] to have the same "
                    "number of elements, but got {} and {} elements respectively",
                    a.numel(), b.numel(), a.numel(), b.numel()));
  }
  GBC_RT_TRY(Tensor row, unsqueeze(a, 0));
  GBC_RT_TRY(Tensor col, unsqueeze(b, 1));
  Tensor out = Tensor::empty({1, 1}, a.dtype());
  gemm(row, col, out);
  return reshape(out, {});
}

Expected<Tensor> bmm(const Tensor& a, const Tensor& b) {
  if (a.dim() != 3) return runtimeError("batch1 must be a 3D tensor");
  if (b.dim() != 3) return runtimeError("batch2 must be a 3D tensor");
  int64_t bs = a.sizes()[0], m = a.sizes()[1], k = a.sizes()[2], n = b.sizes()[2];
  if (b.sizes()[0] != bs || b.sizes()[1] != k) {
    return runtimeError(
        fmt::format("Expected size for first two dimensions of batch2 tensor to be: [{}, {}] but "
                    "got: [{}, {}].",
                    bs, k, b.sizes()[0], b.sizes()[1]));
  }
  GBC_RT_CHECK(checkSameDtype(a, b));
  Tensor out = Tensor::empty({bs, m, n}, a.dtype());
  for (int64_t i = 0; i < bs; ++i) {
    gemm(*select(a, 0, i), *select(b, 0, i), *select(out, 0, i));
  }
  return out;
}

Expected<Tensor> matmul(const Tensor& a, const Tensor& b) {
  const int64_t da = a.dim(), db = b.dim();
  if (da == 0 || db == 0) {
    return runtimeError(fmt::format(
        "both arguments to matmul need to be at least 1D, but they are {}D and {}D", da, db));
  }
  if (da == 1 && db == 1) return dot(a, b);
  if (da == 2 && db == 1) {
    if (a.sizes()[1] != b.sizes()[0]) {
      return runtimeError(fmt::format("size mismatch, got input ({}), mat ({}x{}), vec ({})",
                                      a.sizes()[0], a.sizes()[0], a.sizes()[1], b.sizes()[0]));
    }
    GBC_RT_CHECK(checkSameDtype(a, b));
    GBC_RT_TRY(Tensor col, unsqueeze(b, 1));
    GBC_RT_TRY(Tensor r, mm2d(a, col));
    return squeeze(r, 1);
  }
  if (da == 1 && db == 2) {
    GBC_RT_TRY(Tensor row, unsqueeze(a, 0));
    GBC_RT_TRY(Tensor r, mm2d(row, b));
    return squeeze(r, 0);
  }
  if (da == 2 && db == 2) return mm2d(a, b);
  if (da >= 3 && (db == 1 || db == 2)) {
    // Fold the batch dims of a into its rows.
    Shape outShape(a.sizes().begin(), a.sizes().end() - 1);
    GBC_RT_TRY(Tensor folded, reshape(a, {-1, a.sizes().back()}));
    Tensor bm = b;
    if (db == 1) {
      GBC_RT_TRY(bm, unsqueeze(b, 1));
    }
    GBC_RT_TRY(Tensor r, mm2d(folded, bm));
    if (db == 2) outShape.push_back(b.sizes()[1]);
    return reshape(r, outShape);
  }
  // Batched with broadcasting.
  Tensor a3 = a, b3 = b;
  bool squeezeRow = false, squeezeCol = false;
  if (da == 1) {
    GBC_RT_TRY(a3, unsqueeze(a, 0));
    squeezeRow = true;
  }
  if (db == 1) {
    GBC_RT_TRY(b3, unsqueeze(b, 1));
    squeezeCol = true;
  }
  int64_t m = a3.sizes()[a3.dim() - 2], k = a3.sizes().back();
  int64_t k2 = b3.sizes()[b3.dim() - 2], n = b3.sizes().back();
  Shape batchA(a3.sizes().begin(), a3.sizes().end() - 2),
      batchB(b3.sizes().begin(), b3.sizes().end() - 2);
  GBC_RT_TRY(Shape batch, detail::broadcastShapes(batchA, batchB));
  int64_t nb = shapeNumel(batch);
  Shape ea = batch, eb = batch;
  ea.insert(ea.end(), {m, k});
  eb.insert(eb.end(), {k2, n});
  GBC_RT_TRY(Tensor xa, expand(a3, ea));
  GBC_RT_TRY(Tensor xb, expand(b3, eb));
  GBC_RT_TRY(Tensor ra, reshape(xa, {nb, m, k}));
  GBC_RT_TRY(Tensor rb, reshape(xb, {nb, k2, n}));
  GBC_RT_TRY(Tensor r, bmm(ra, rb));
  Shape outShape = batch;
  if (!squeezeRow) outShape.push_back(m);
  if (!squeezeCol) outShape.push_back(n);
  return reshape(r, outShape);
}

Expected<Tensor> linear(const Tensor& x, const Tensor& w, const std::optional<Tensor>& b) {
  GBC_RT_TRY(Tensor wt, t(w));
  GBC_RT_TRY(Tensor y, matmul(x, wt));
  if (!b) return y;
  return add(y, *b);
}

}  // namespace gbc::runtime
