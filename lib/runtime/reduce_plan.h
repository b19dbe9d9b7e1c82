// Internal: the iteration order of torch's TensorIterator for a reduction (dimension order,
// coalescing, 2-d inner loops), so sums accumulate in torch's order.
#pragma once

#include <vector>

#include "runtime/ops.h"
#include "runtime/tensor.h"

namespace gbc::runtime::detail {

/// Which dims of an input of rank ndim are reduced; an empty or absent list means all. Errors
/// are torch's IndexError for a bad dim and RuntimeError for a repeated one.
Expected<std::vector<bool>> reductionMask(const DimList& dims, int64_t ndim);

/// Output shape of a reduction (keepdim keeps size-1 dims).
Shape reducedShape(const Shape& sizes, const std::vector<bool>& mask, bool keepdim);

/// One dim of the reordered, coalesced iteration space (innermost first).
struct ReduceDim {
  int64_t size;
  int64_t inStride;   // elements
  int64_t outStride;  // elements, 0 on reduced dims
};

/// torch's reorder_dimensions + coalesce_dimensions for operands (out, in) where out has the
/// input's rank (keepdim layout) and stride 0 on reduced dims. Innermost dim first.
std::vector<ReduceDim> reducePlan(const Shape& sizes, const Shape& inStrides,
                                  const Shape& outStrides);

/// Calls loop2d(inOffset, outOffset, size0, size1, inStride0, inStride1, outStride0, outStride1)
/// over the linear range [begin, end) of the plan, like TensorIterator::serial_for_each.
template <typename F>
void serialForEach(const std::vector<ReduceDim>& dims, int64_t begin, int64_t end,
                   const F& loop2d) {
  const size_t nd = dims.size();
  const int64_t size0 = nd > 0 ? dims[0].size : 1;
  const int64_t size1 = nd > 1 ? dims[1].size : 1;
  const int64_t is0 = nd > 0 ? dims[0].inStride : 0, os0 = nd > 0 ? dims[0].outStride : 0;
  const int64_t is1 = nd > 1 ? dims[1].inStride : 0, os1 = nd > 1 ? dims[1].outStride : 0;
  std::vector<int64_t> values(std::max<size_t>(nd, 2), 0);
  int64_t offset = begin;
  while (offset < end) {
    int64_t rest = offset;
    int64_t inOff = 0, outOff = 0;
    for (size_t d = 0; d < nd; ++d) {
      values[d] = rest % dims[d].size;
      rest /= dims[d].size;
      inOff += values[d] * dims[d].inStride;
      outOff += values[d] * dims[d].outStride;
    }
    int64_t step0 = std::min(size0 - values[0], end - offset);
    int64_t step1 = 1;
    if (step0 == size0) step1 = std::min(size1 - values[1], (end - offset) / size0);
    loop2d(inOff, outOff, step0, step1, is0, is1, os0, os1);
    offset += step0 * step1;
  }
}

}  // namespace gbc::runtime::detail
