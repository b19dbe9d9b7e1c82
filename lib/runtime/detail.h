// Internal helpers shared by the runtime's .cpp files (not part of the interpreter's API).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "runtime/tensor.h"

namespace gbc::runtime::detail {

/// Converts one element the way torch's CPU casts do on x86-64: float -> int truncates,
/// NaN and out-of-range values give the integer minimum (cvttss2si), anything -> bool is != 0.
template <typename To, typename From>
inline To castValue(From v) {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<To, bool>) {
    return v != From(0);
  } else if constexpr (std::is_floating_point_v<To>) {
    return static_cast<To>(v);
  } else if constexpr (std::is_floating_point_v<From>) {
    // To is an integer type.
    constexpr double lo = static_cast<double>(std::numeric_limits<To>::min());
    constexpr double hi = -lo;  // 2^(bits-1)
    double d = static_cast<double>(v);
    if (!(d > lo - 1.0 && d < hi)) return std::numeric_limits<To>::min();
    return static_cast<To>(v);
  } else {
    return static_cast<To>(v);
  }
}

/// Whether this machine has a second core (asked once per process: the query reads sysfs).
bool hasSecondCore();

/// Splits [0, n) over at most two threads when n >= 2 * minPerThread; f(begin, end).
template <typename F>
void parallelFor(int64_t n, int64_t minPerThread, const F& f) {
  if (n < 2 * minPerThread || !hasSecondCore()) {
    f(int64_t{0}, n);
    return;
  }
  int64_t mid = n / 2;
  std::thread other([&] { f(mid, n); });
  f(int64_t{0}, mid);
  other.join();
}

/// Element-wise work of at least twice this many elements is split over two threads.
inline constexpr int64_t kParallelElements = int64_t{1} << 20;

/// Geometry of N operands iterated together over one shape (element strides; size-1 and
/// mergeable dims coalesced).
template <size_t N>
struct LoopGeometry {
  Shape sizes;                   // coalesced, outermost first
  std::array<Shape, N> strides;  // per operand, same length as sizes
};

template <size_t N>
LoopGeometry<N> coalesce(const Shape& sizes, const std::array<const Shape*, N>& strides) {
  LoopGeometry<N> g;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (sizes[d] == 1) continue;
    bool merge = !g.sizes.empty();
    for (size_t k = 0; merge && k < N; ++k) {
      merge = g.strides[k].back() == (*strides[k])[d] * sizes[d];
    }
    if (merge) {
      g.sizes.back() *= sizes[d];
      for (size_t k = 0; k < N; ++k) g.strides[k].back() = (*strides[k])[d];
      continue;
    }
    g.sizes.push_back(sizes[d]);
    for (size_t k = 0; k < N; ++k) g.strides[k].push_back((*strides[k])[d]);
  }
  if (g.sizes.empty()) {
    g.sizes.push_back(1);
    for (size_t k = 0; k < N; ++k) g.strides[k].push_back(0);
  }
  return g;
}

/// Visits the elements [begin, end) (row-major order over g.sizes) as runs along the
/// innermost dim: f(offsets, length, innerStrides), offsets in elements per operand.
template <size_t N, typename F>
void forEachRun(const LoopGeometry<N>& g, int64_t begin, int64_t end, const F& f) {
  const int64_t nd = static_cast<int64_t>(g.sizes.size());
  const int64_t inner = g.sizes[nd - 1];
  std::array<int64_t, N> innerStrides;
  for (size_t k = 0; k < N; ++k) innerStrides[k] = g.strides[k][nd - 1];
  // Multi-index of `begin`.
  std::vector<int64_t> idx(nd, 0);
  int64_t rest = begin;
  for (int64_t d = nd - 1; d >= 0; --d) {
    idx[d] = rest % g.sizes[d];
    rest /= g.sizes[d];
  }
  std::array<int64_t, N> offs{};
  for (size_t k = 0; k < N; ++k) {
    for (int64_t d = 0; d < nd; ++d) offs[k] += idx[d] * g.strides[k][d];
  }
  int64_t pos = begin;
  while (pos < end) {
    int64_t len = std::min(inner - idx[nd - 1], end - pos);
    f(offs, len, innerStrides);
    pos += len;
    if (pos >= end) break;
    // Advance the multi-index by len along the innermost dim, then carry.
    idx[nd - 1] += len;
    for (size_t k = 0; k < N; ++k) offs[k] += len * innerStrides[k];
    for (int64_t d = nd - 1; d > 0 && idx[d] == g.sizes[d]; --d) {
      idx[d] = 0;
      idx[d - 1] += 1;
      for (size_t k = 0; k < N; ++k) {
        offs[k] += g.strides[k][d - 1] - g.sizes[d] * g.strides[k][d];
      }
    }
  }
}

/// Copies src into dst (same sizes), converting the dtype elementwise.
void copyInto(const Tensor& dst, const Tensor& src);

/// "[2, 3]" as torch prints an IntArrayRef.
std::string shapeString(const Shape& s);

/// Broadcast shape of two shapes, or torch's RuntimeError.
Expected<Shape> broadcastShapes(const Shape& a, const Shape& b);

/// Strides of t viewed with (broadcast) shape `to` (0 on broadcast dims).
Shape broadcastStrides(const Tensor& t, const Shape& to);

}  // namespace gbc::runtime::detail
