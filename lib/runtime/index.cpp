// x[...] and x[...] = v: basic indexing as views, tensor (advanced) indexing as gathers.
#include <algorithm>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/ops.h"
#include "runtime/tensor.h"

namespace gbc::runtime {

using detail::shapeString;

Tensor nonzero(const Tensor& self) {
  Tensor c = self.contiguous();
  int64_t n = c.numel(), nd = c.dim();
  std::vector<int64_t> hits;
  dispatchDType(c.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = c.data<T>();
    for (int64_t i = 0; i < n; ++i) {
      if (p[i] != T(0)) hits.push_back(i);
    }
  });
  Tensor out = Tensor::empty({static_cast<int64_t>(hits.size()), nd}, DType::Int64);
  int64_t* o = out.data<int64_t>();
  for (size_t h = 0; h < hits.size(); ++h) {
    int64_t rest = hits[h];
    for (int64_t d = nd - 1; d >= 0; --d) {
      o[h * nd + d] = rest % c.sizes()[d];
      rest /= c.sizes()[d];
    }
  }
  return out;
}

namespace {

/// One advanced index: the dim of the (basic-indexed) view it applies to and int64 indices.
struct AdvancedIndex {
  int64_t dim;
  Tensor indices;
};

struct IndexPlan {
  Tensor view;  // after ints, slices, None, Ellipsis
  std::vector<AdvancedIndex> advanced;
};

int64_t consumedDims(const IndexItem& item) {
  if (std::holds_alternative<int64_t>(item) || std::holds_alternative<Slice>(item)) return 1;
  if (const auto* t = std::get_if<Tensor>(&item)) {
    return t->dtype() == DType::Bool ? std::max<int64_t>(t->dim(), 1) : 1;
  }
  return 0;
}

Expected<IndexPlan> planIndex(const Tensor& self, std::span<const IndexItem> items) {
  int64_t consumed = 0;
  int ellipses = 0;
  for (const auto& it : items) {
    consumed += consumedDims(it);
    if (std::holds_alternative<EllipsisIndex>(it)) ++ellipses;
  }
  if (ellipses > 1) return indexError("an index can only have a single ellipsis ('...')");
  if (consumed > self.dim()) {
    return indexError(fmt::format("too many indices for tensor of dimension {}", self.dim()));
  }
  IndexPlan plan{self, {}};
  int64_t d = 0;  // current dim of plan.view
  int64_t remaining = consumed;
  for (const auto& it : items) {
    if (const auto* i = std::get_if<int64_t>(&it)) {
      GBC_RT_TRY(plan.view, select(plan.view, d, *i));
      // Dims recorded for earlier advanced indices keep their positions (they are < d).
      --remaining;
    } else if (const auto* s = std::get_if<Slice>(&it)) {
      GBC_RT_TRY(plan.view, slice(plan.view, d, s->start, s->stop, s->step.value_or(1)));
      ++d;
      --remaining;
    } else if (std::holds_alternative<NoneIndex>(it)) {
      GBC_RT_TRY(plan.view, unsqueeze(plan.view, d));
      ++d;
    } else if (std::holds_alternative<EllipsisIndex>(it)) {
      d = plan.view.dim() - remaining;
    } else {
      // a uint8 index is a mask (torch warns that this is deprecated)
      const Tensor& given = std::get<Tensor>(it);
      const Tensor t = given.dtype() == DType::UInt8 ? given.to(DType::Bool) : given;
      if (t.dtype() == DType::Bool) {
        if (t.dim() == 0) return notImplemented("indexing with a 0-d bool tensor is not supported");
        for (int64_t k = 0; k < t.dim(); ++k) {
          if (t.sizes()[k] != plan.view.sizes()[d + k]) {
            return indexError(
                fmt::format("The shape of the mask {} at index {} does not match the shape of the "
                            "indexed tensor {} at index {}",
                            shapeString(t.sizes()), k, shapeString(plan.view.sizes()), d + k));
          }
        }
        Tensor nz = nonzero(t);
        for (int64_t k = 0; k < t.dim(); ++k) {
          GBC_RT_TRY(Tensor col, select(nz, 1, k));
          plan.advanced.push_back({d + k, col});
        }
        d += t.dim();
        remaining -= t.dim();
      } else if (t.dtype() == DType::Int64 || t.dtype() == DType::Int32) {
        plan.advanced.push_back({d, t.to(DType::Int64)});
        ++d;
        --remaining;
      } else {
        return indexError("tensors used as indices must be long, int, byte or bool tensors");
      }
    }
  }
  return plan;
}

/// Storage offsets (relative to view's data) of every element of view[advanced], in row-major
/// order of the result, plus the result's shape.
Expected<std::pair<Shape, std::vector<int64_t>>> gatherOffsets(const IndexPlan& plan) {
  const Tensor& v = plan.view;
  Shape b;
  for (const auto& a : plan.advanced) {
    GBC_RT_TRY(b, detail::broadcastShapes(b, a.indices.sizes()));
  }
  int64_t nb = shapeNumel(b);
  std::vector<int64_t> advOff(static_cast<size_t>(nb), 0);
  for (const auto& a : plan.advanced) {
    GBC_RT_TRY(Tensor idx, expand(a.indices, b));
    idx = idx.contiguous();
    const int64_t* ip = idx.data<int64_t>();
    int64_t size = v.sizes()[a.dim];
    for (int64_t i = 0; i < nb; ++i) {
      int64_t x = ip[i];
      if (x < -size || x >= size) {
        return indexError(
            fmt::format("index {} is out of bounds for dimension {} with size {}", x, a.dim, size));
      }
      if (x < 0) x += size;
      advOff[i] += x * v.strides()[a.dim];
    }
  }
  std::vector<bool> isAdv(v.dim(), false);
  for (const auto& a : plan.advanced) isAdv[a.dim] = true;
  bool adjacent = true;
  for (size_t i = 1; i < plan.advanced.size(); ++i) {
    if (plan.advanced[i].dim != plan.advanced[i - 1].dim + 1) adjacent = false;
  }
  // Pseudo-axes: real dims (size, stride) and one block axis (nb entries from advOff).
  struct Axis {
    int64_t size;
    int64_t stride;  // -1 marks the block
  };
  std::vector<Axis> axes;
  Shape shape;
  auto pushBlock = [&] {
    axes.push_back({nb, -1});
    shape.insert(shape.end(), b.begin(), b.end());
  };
  if (!adjacent) pushBlock();
  bool blockDone = !adjacent;
  for (int64_t d = 0; d < v.dim(); ++d) {
    if (isAdv[d]) {
      if (!blockDone) {
        pushBlock();
        blockDone = true;
      }
      continue;
    }
    axes.push_back({v.sizes()[d], v.strides()[d]});
    shape.push_back(v.sizes()[d]);
  }
  int64_t total = 1;
  for (const auto& ax : axes) total *= ax.size;
  std::vector<int64_t> offs;
  offs.reserve(static_cast<size_t>(total));
  std::vector<int64_t> idx(axes.size(), 0);
  for (int64_t n = 0; n < total; ++n) {
    int64_t off = 0;
    for (size_t k = 0; k < axes.size(); ++k) {
      off += axes[k].stride < 0 ? advOff[idx[k]] : idx[k] * axes[k].stride;
    }
    offs.push_back(off);
    for (size_t k = axes.size(); k-- > 0;) {
      if (++idx[k] < axes[k].size) break;
      idx[k] = 0;
    }
  }
  return std::make_pair(std::move(shape), std::move(offs));
}

}  // namespace

Expected<Tensor> index(const Tensor& self, std::span<const IndexItem> items) {
  GBC_RT_TRY(IndexPlan plan, planIndex(self, items));
  if (plan.advanced.empty()) return plan.view;
  GBC_RT_TRY(auto gathered, gatherOffsets(plan));
  // (not a structured binding: clang 14 cannot capture one in the lambda below)
  const auto& shape = std::get<0>(gathered);
  const auto& offs = std::get<1>(gathered);
  Tensor out = Tensor::empty(shape, self.dtype());
  dispatchDType(self.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = plan.view.data<T>();
    T* dst = out.data<T>();
    for (size_t i = 0; i < offs.size(); ++i) dst[i] = src[offs[i]];
  });
  return out;
}

Status setitem(const Tensor& self, std::span<const IndexItem> items, const Tensor& value) {
  GBC_RT_TRY(IndexPlan plan, planIndex(self, items));
  if (plan.advanced.empty()) {
    GBC_RT_CHECK(copy_(plan.view, value));
    return ok();
  }
  GBC_RT_TRY(auto gathered, gatherOffsets(plan));
  const auto& shape = std::get<0>(gathered);
  const auto& offs = std::get<1>(gathered);
  auto expanded = expand(value, shape);
  if (!expanded) {
    return runtimeError(
        fmt::format("shape mismatch: value tensor of shape {} cannot be broadcast to indexing "
                    "result of shape {}",
                    shapeString(value.sizes()), shapeString(shape)));
  }
  Tensor src = expanded->to(self.dtype()).contiguous();
  dispatchDType(self.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* s = src.data<T>();
    T* dst = plan.view.data<T>();
    for (size_t i = 0; i < offs.size(); ++i) dst[offs[i]] = s[i];
  });
  self.storage()->bumpVersion();
  return ok();
}

Status setitem(const Tensor& self, std::span<const IndexItem> items, const Scalar& value) {
  return setitem(self, items, Tensor::scalarTensor(value, self.dtype()));
}

}  // namespace gbc::runtime
