// Internal: strided element-wise loops with contiguous fast paths, split over two threads for
// large tensors (element-wise results do not depend on the split).
#pragma once

#include "runtime/detail.h"

namespace gbc::runtime::detail {

/// out[i] = f(a[i], b[i]) over out's shape; a and b (dtype T) broadcast to it, out has dtype O.
template <typename O, typename T, typename F>
void binaryLoop(const Tensor& out, const Tensor& a, const Tensor& b, const F& f) {
  if (out.numel() == 0) return;
  Shape sa = broadcastStrides(a, out.sizes()), sb = broadcastStrides(b, out.sizes());
  auto g = coalesce<3>(out.sizes(), {&out.strides(), &sa, &sb});
  O* po = out.data<O>();
  const T* pa = a.data<T>();
  const T* pb = b.data<T>();
  parallelFor(out.numel(), kParallelElements, [&](int64_t begin, int64_t end) {
    forEachRun(g, begin, end,
               [&](const std::array<int64_t, 3>& off, int64_t n, const std::array<int64_t, 3>& st) {
                 O* __restrict o = po + off[0];
                 const T* __restrict x = pa + off[1];
                 const T* __restrict y = pb + off[2];
                 if (st[0] == 1 && st[1] == 1 && st[2] == 1) {
                   for (int64_t i = 0; i < n; ++i) o[i] = f(x[i], y[i]);
                 } else if (st[0] == 1 && st[1] == 1 && st[2] == 0) {
                   const T yv = *y;
                   for (int64_t i = 0; i < n; ++i) o[i] = f(x[i], yv);
                 } else if (st[0] == 1 && st[1] == 0 && st[2] == 1) {
                   const T xv = *x;
                   for (int64_t i = 0; i < n; ++i) o[i] = f(xv, y[i]);
                 } else {
                   for (int64_t i = 0; i < n; ++i) o[i * st[0]] = f(x[i * st[1]], y[i * st[2]]);
                 }
               });
  });
}

/// out[i] = f(x[i]); x (dtype T) broadcast to out's shape, out has dtype O.
template <typename O, typename T, typename F>
void unaryLoop(const Tensor& out, const Tensor& x, const F& f) {
  if (out.numel() == 0) return;
  Shape sx = broadcastStrides(x, out.sizes());
  auto g = coalesce<2>(out.sizes(), {&out.strides(), &sx});
  O* po = out.data<O>();
  const T* px = x.data<T>();
  parallelFor(out.numel(), kParallelElements, [&](int64_t begin, int64_t end) {
    forEachRun(g, begin, end,
               [&](const std::array<int64_t, 2>& off, int64_t n, const std::array<int64_t, 2>& st) {
                 O* o = po + off[0];
                 const T* v = px + off[1];
                 if (st[0] == 1 && st[1] == 1) {
                   for (int64_t i = 0; i < n; ++i) o[i] = f(v[i]);
                 } else {
                   for (int64_t i = 0; i < n; ++i) o[i * st[0]] = f(v[i * st[1]]);
                 }
               });
  });
}

/// out[i] = value.
template <typename T>
void fillLoop(const Tensor& out, T value) {
  if (out.numel() == 0) return;
  auto g = coalesce<1>(out.sizes(), {&out.strides()});
  T* po = out.data<T>();
  parallelFor(out.numel(), kParallelElements, [&](int64_t begin, int64_t end) {
    forEachRun(g, begin, end,
               [&](const std::array<int64_t, 1>& off, int64_t n, const std::array<int64_t, 1>& st) {
                 T* o = po + off[0];
                 if (st[0] == 1) {
                   for (int64_t i = 0; i < n; ++i) o[i] = value;
                 } else {
                   for (int64_t i = 0; i < n; ++i) o[i * st[0]] = value;
                 }
               });
  });
}

}  // namespace gbc::runtime::detail
