// torch.linalg.qr (reduced), torch.diag and torch.sign for nn.init.orthogonal_. The QR runs in
// double precision: torch's float32 QR is LAPACK's sgeqrf/sorgqr over the BLAS it links, whose
// summation order gbc does not reproduce, so float32 Q and R agree with torch's to about an ulp
// of float, not bit for bit.
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "runtime/norms.h"

namespace gbc::runtime {

Expected<QrResult> qrReduced(const Tensor& a) {
  if (a.dim() != 2) return notImplemented("torch.linalg.qr of a batch of matrices (not modelled)");
  if (!isFloating(a.dtype()))
    return runtimeError(
        fmt::format("linalg.qr: Expected a floating point or complex tensor as "
                    "input. Got {}",
                    dtypeScalarName(a.dtype())));
  const int64_t m = a.sizes()[0], n = a.sizes()[1], k = std::min(m, n);
  Tensor c = a.contiguous();
  // A as doubles, column-major (j * m + i) for the reflections
  std::vector<double> A(static_cast<size_t>(m * n));
  dispatchDType(a.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>)
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j)
          A[static_cast<size_t>(j * m + i)] = static_cast<double>(c.data<T>()[i * n + j]);
  });
  auto at = [&](int64_t i, int64_t j) -> double& { return A[static_cast<size_t>(j * m + i)]; };
  std::vector<double> tau(static_cast<size_t>(k), 0.0);
  for (int64_t j = 0; j < k; ++j) {
    // the reflector H = I - tau v v^T with v = (1, x / (alpha - beta))
    double norm = 0.0;
    for (int64_t i = j + 1; i < m; ++i) norm = std::hypot(norm, at(i, j));
    const double alpha = at(j, j);
    if (norm == 0.0) continue;  // tau = 0: H = I
    const double beta = -std::copysign(std::hypot(alpha, norm), alpha);
    tau[static_cast<size_t>(j)] = (beta - alpha) / beta;
    const double scale = 1.0 / (alpha - beta);
    for (int64_t i = j + 1; i < m; ++i) at(i, j) *= scale;
    at(j, j) = beta;
    for (int64_t col = j + 1; col < n; ++col) {  // apply H to the trailing columns
      double w = at(j, col);
      for (int64_t i = j + 1; i < m; ++i) w += at(i, j) * at(i, col);
      w *= tau[static_cast<size_t>(j)];
      at(j, col) -= w;
      for (int64_t i = j + 1; i < m; ++i) at(i, col) -= w * at(i, j);
    }
  }
  // Q = H_0 ... H_{k-1} applied to the first k columns of I
  std::vector<double> Q(static_cast<size_t>(m * k), 0.0);
  auto q = [&](int64_t i, int64_t j) -> double& { return Q[static_cast<size_t>(j * m + i)]; };
  for (int64_t j = 0; j < k; ++j) q(j, j) = 1.0;
  for (int64_t j = k - 1; j >= 0; --j) {
    const double t = tau[static_cast<size_t>(j)];
    if (t == 0.0) continue;
    for (int64_t col = 0; col < k; ++col) {
      double w = q(j, col);
      for (int64_t i = j + 1; i < m; ++i) w += at(i, j) * q(i, col);
      w *= t;
      q(j, col) -= w;
      for (int64_t i = j + 1; i < m; ++i) q(i, col) -= w * at(i, j);
    }
  }
  QrResult r{Tensor::empty({m, k}, a.dtype()), Tensor::empty({k, n}, a.dtype())};
  dispatchDType(a.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < k; ++j) r.q.data<T>()[i * k + j] = static_cast<T>(q(i, j));
      for (int64_t i = 0; i < k; ++i)
        for (int64_t j = 0; j < n; ++j)
          r.r.data<T>()[i * n + j] = j >= i ? static_cast<T>(at(i, j)) : T(0);
    }
  });
  return r;
}

Expected<Tensor> diag(const Tensor& x) {
  Tensor c = x.contiguous();
  if (x.dim() == 1) {
    const int64_t n = x.sizes()[0];
    Tensor out = Tensor::empty({n, n}, x.dtype());
    dispatchDType(x.dtype(), [&](auto tag) {
      using T = decltype(tag);
      for (int64_t i = 0; i < n * n; ++i) out.data<T>()[i] = T(0);
      for (int64_t i = 0; i < n; ++i) out.data<T>()[i * n + i] = c.data<T>()[i];
    });
    return out;
  }
  if (x.dim() != 2)
    return runtimeError("diag(): Supports 1D or 2D tensors. Got " + std::to_string(x.dim()) + "D");
  const int64_t rows = x.sizes()[0], cols = x.sizes()[1], n = std::min(rows, cols);
  Tensor out = Tensor::empty({n}, x.dtype());
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    for (int64_t i = 0; i < n; ++i) out.data<T>()[i] = c.data<T>()[i * cols + i];
  });
  return out;
}

Tensor sign(const Tensor& x) {
  Tensor c = x.contiguous();
  Tensor out = Tensor::empty(x.sizes(), x.dtype());
  dispatchDType(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    for (int64_t i = 0; i < c.numel(); ++i) {
      const T v = c.data<T>()[i];
      if constexpr (std::is_same_v<T, bool>)
        out.data<T>()[i] = v;
      else
        out.data<T>()[i] = static_cast<T>((T(0) < v) - (v < T(0)));
    }
  });
  return out;
}

}  // namespace gbc::runtime
