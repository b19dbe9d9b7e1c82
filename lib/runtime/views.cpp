// Views: tensors that share storage with their input (view, transpose, slicing, ...).
#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "runtime/detail.h"
#include "runtime/tensor.h"

namespace gbc::runtime {

using detail::shapeString;

/// Resolves one -1 in shape against numel (torch's infer_size).
static Expected<Shape> inferSize(const Shape& shape, int64_t numel) {
  int64_t newsize = 1;
  std::optional<size_t> inferDim;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == -1) {
      if (inferDim) return runtimeError("only one dimension can be inferred");
      inferDim = d;
    } else if (shape[d] >= 0) {
      newsize *= shape[d];
    } else {
      return runtimeError(fmt::format("invalid shape dimension {}", shape[d]));
    }
  }
  Shape res = shape;
  if (numel == newsize || (inferDim && newsize > 0 && numel % newsize == 0)) {
    if (inferDim) {
      if (newsize == 0) {
        return runtimeError(
            fmt::format("cannot reshape tensor of 0 elements into shape {} because the unspecified "
                        "dimension size -1 can be any value and is ambiguous",
                        shapeString(shape)));
      }
      res[*inferDim] = numel / newsize;
    }
    return res;
  }
  return runtimeError(
      fmt::format("shape '{}' is invalid for input of size {}", shapeString(shape), numel));
}

/// torch's computeStride: strides for viewing (oldshape, oldstride) as newshape, if possible.
static std::optional<Shape> computeStride(const Shape& oldshape, const Shape& oldstride,
                                          const Shape& newshape) {
  if (oldshape.empty()) return Shape(newshape.size(), 1);
  int64_t numel = shapeNumel(oldshape);
  if (numel == 0 && oldshape == newshape) return oldstride;
  Shape newstride(newshape.size());
  if (numel == 0) {
    for (int64_t d = static_cast<int64_t>(newshape.size()) - 1; d >= 0; --d) {
      if (d == static_cast<int64_t>(newshape.size()) - 1) {
        newstride[d] = 1;
      } else {
        newstride[d] = std::max<int64_t>(newshape[d + 1], 1) * newstride[d + 1];
      }
    }
    return newstride;
  }
  int64_t viewD = static_cast<int64_t>(newshape.size()) - 1;
  int64_t chunkBaseStride = oldstride.back();
  int64_t tensorNumel = 1;
  int64_t viewNumel = 1;
  for (int64_t td = static_cast<int64_t>(oldshape.size()) - 1; td >= 0; --td) {
    tensorNumel *= oldshape[td];
    if (td == 0 || (oldshape[td - 1] != 1 && oldstride[td - 1] != tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newshape[viewD] == 1)) {
        newstride[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newshape[viewD];
        --viewD;
      }
      if (viewNumel != tensorNumel) return std::nullopt;
      if (td > 0) {
        chunkBaseStride = oldstride[td - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD != -1) return std::nullopt;
  return newstride;
}

Expected<Tensor> view(const Tensor& self, const Shape& shape) {
  GBC_RT_TRY(Shape sizes, inferSize(shape, self.numel()));
  auto strides = computeStride(self.sizes(), self.strides(), sizes);
  if (!strides) {
    return runtimeError(
        "view size is not compatible with input tensor's size and stride (at least one dimension "
        "spans across two "
        "contiguous subspaces). Use .reshape(...) instead.");
  }
  return self.asStrided(std::move(sizes), std::move(*strides), self.storageOffset());
}

Expected<Tensor> reshape(const Tensor& self, const Shape& shape) {
  GBC_RT_TRY(Shape sizes, inferSize(shape, self.numel()));
  if (auto strides = computeStride(self.sizes(), self.strides(), sizes)) {
    return self.asStrided(std::move(sizes), std::move(*strides), self.storageOffset());
  }
  Tensor c = self.clone();
  return c.asStrided(sizes, contiguousStrides(sizes), 0);
}

Expected<Tensor> transpose(const Tensor& self, int64_t dim0, int64_t dim1) {
  GBC_RT_TRY(int64_t a, wrapDim(dim0, self.dim()));
  GBC_RT_TRY(int64_t b, wrapDim(dim1, self.dim()));
  if (self.dim() == 0) return self;
  Shape sizes = self.sizes(), strides = self.strides();
  std::swap(sizes[a], sizes[b]);
  std::swap(strides[a], strides[b]);
  return self.asStrided(std::move(sizes), std::move(strides), self.storageOffset());
}

Expected<Tensor> t(const Tensor& self) {
  if (self.dim() > 2) {
    return runtimeError(
        fmt::format("t() expects a tensor with <= 2 dimensions, but self is {}D", self.dim()));
  }
  if (self.dim() < 2) return self;
  return transpose(self, 0, 1);
}

Expected<Tensor> permute(const Tensor& self, const std::vector<int64_t>& dims) {
  int64_t nd = self.dim();
  if (static_cast<int64_t>(dims.size()) != nd) {
    return runtimeError(
        fmt::format("permute(sparse_coo): number of dimensions in the tensor input does not match "
                    "the length of the desired "
                    "ordering of dimensions i.e. input.dim() = {} is not equal to len(dims) = {}",
                    nd, dims.size()));
  }
  Shape sizes(nd), strides(nd);
  std::vector<bool> seen(nd, false);
  for (int64_t i = 0; i < nd; ++i) {
    GBC_RT_TRY(int64_t d, wrapDim(dims[i], nd));
    if (seen[d]) return runtimeError("permute(): duplicate dims are not allowed.");
    seen[d] = true;
    sizes[i] = self.sizes()[d];
    strides[i] = self.strides()[d];
  }
  return self.asStrided(std::move(sizes), std::move(strides), self.storageOffset());
}

Expected<Tensor> unsqueeze(const Tensor& self, int64_t dim) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, self.dim() + 1));
  Shape sizes = self.sizes(), strides = self.strides();
  int64_t st = d < self.dim() ? sizes[d] * strides[d] : 1;
  sizes.insert(sizes.begin() + d, 1);
  strides.insert(strides.begin() + d, st);
  return self.asStrided(std::move(sizes), std::move(strides), self.storageOffset());
}

Tensor squeeze(const Tensor& self) {
  Shape sizes, strides;
  for (int64_t d = 0; d < self.dim(); ++d) {
    if (self.sizes()[d] == 1) continue;
    sizes.push_back(self.sizes()[d]);
    strides.push_back(self.strides()[d]);
  }
  return self.asStrided(std::move(sizes), std::move(strides), self.storageOffset());
}

Expected<Tensor> squeeze(const Tensor& self, int64_t dim) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, self.dim()));
  if (self.dim() == 0 || self.sizes()[d] != 1) return self;
  Shape sizes = self.sizes(), strides = self.strides();
  sizes.erase(sizes.begin() + d);
  strides.erase(strides.begin() + d);
  return self.asStrided(std::move(sizes), std::move(strides), self.storageOffset());
}

Expected<Tensor> expand(const Tensor& self, const Shape& target) {
  int64_t nd = static_cast<int64_t>(target.size());
  if (nd < self.dim()) {
    return runtimeError(fmt::format(
        "expand(torch.{}Tensor{{{}}}, size=[{}]): the number of sizes provided ({}) must "
        "be greater or equal to the number of dimensions in the tensor ({})",
        dtypeScalarName(self.dtype()), shapeString(self.sizes()), fmt::join(target, ", "), nd,
        self.dim()));
  }
  Shape sizes(nd), strides(nd);
  for (int64_t i = nd - 1; i >= 0; --i) {
    int64_t offset = nd - 1 - i;
    int64_t dim = self.dim() - 1 - offset;
    int64_t size = dim >= 0 ? self.sizes()[dim] : 1;
    int64_t stride =
        dim >= 0 ? self.strides()[dim] : (i + 1 < nd ? sizes[i + 1] * strides[i + 1] : 1);
    int64_t want = target[i];
    if (want == -1) {
      if (dim < 0) {
        return runtimeError(
            fmt::format("The expanded size of the tensor (-1) isn't allowed in a leading, "
                        "non-existing dimension {}",
                        i));
      }
      want = size;
    }
    if (size != want) {
      if (size != 1) {
        return runtimeError(
            fmt::format("The expanded size of the tensor ({}) must match the existing size ({}) at "
                        "non-singleton dimension {}.  Target sizes: {}.  Tensor sizes: {}",
                        want, size, i, shapeString(target), shapeString(self.sizes())));
      }
      stride = 0;
    }
    sizes[i] = want;
    strides[i] = stride;
  }
  return self.asStrided(std::move(sizes), std::move(strides), self.storageOffset());
}

Expected<Tensor> slice(const Tensor& self, int64_t dim, std::optional<int64_t> start,
                       std::optional<int64_t> stop, int64_t step) {
  if (self.dim() == 0) return indexError("slice() cannot be applied to a 0-dim tensor.");
  GBC_RT_TRY(int64_t d, wrapDim(dim, self.dim()));
  if (step <= 0) return valueError("step must be greater than zero");
  int64_t size = self.sizes()[d];
  int64_t s = start.value_or(0), e = stop.value_or(size);
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = std::clamp<int64_t>(s, 0, size);
  e = std::clamp<int64_t>(e, 0, size);
  if (e < s) e = s;
  int64_t len = (e - s + step - 1) / step;
  Shape sizes = self.sizes(), strides = self.strides();
  int64_t offset = self.storageOffset() + s * strides[d];
  sizes[d] = len;
  strides[d] *= step;
  return self.asStrided(std::move(sizes), std::move(strides), offset);
}

Expected<Tensor> select(const Tensor& self, int64_t dim, int64_t index) {
  if (self.dim() == 0) return indexError("select() cannot be applied to a 0-dim tensor.");
  GBC_RT_TRY(int64_t d, wrapDim(dim, self.dim()));
  int64_t size = self.sizes()[d];
  if (index < -size || index >= size) {
    return indexError(
        fmt::format("index {} is out of bounds for dimension {} with size {}", index, d, size));
  }
  if (index < 0) index += size;
  Shape sizes = self.sizes(), strides = self.strides();
  int64_t offset = self.storageOffset() + index * strides[d];
  sizes.erase(sizes.begin() + d);
  strides.erase(strides.begin() + d);
  return self.asStrided(std::move(sizes), std::move(strides), offset);
}

Expected<Tensor> flatten(const Tensor& self, int64_t startDim, int64_t endDim) {
  GBC_RT_TRY(int64_t s, wrapDim(startDim, self.dim()));
  GBC_RT_TRY(int64_t e, wrapDim(endDim, self.dim()));
  if (s > e) return runtimeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (self.dim() == 0) return reshape(self, {1});
  if (s == e) return self;
  Shape sizes(self.sizes().begin(), self.sizes().begin() + s);
  int64_t n = 1;
  for (int64_t d = s; d <= e; ++d) n *= self.sizes()[d];
  sizes.push_back(n);
  sizes.insert(sizes.end(), self.sizes().begin() + e + 1, self.sizes().end());
  return reshape(self, sizes);
}

Expected<Tensor> unflatten(const Tensor& self, int64_t dim, const Shape& sizes) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, self.dim()));
  GBC_RT_TRY(Shape inner, inferSize(sizes, self.sizes()[d]));
  Shape shape(self.sizes().begin(), self.sizes().begin() + d);
  shape.insert(shape.end(), inner.begin(), inner.end());
  shape.insert(shape.end(), self.sizes().begin() + d + 1, self.sizes().end());
  return view(self, shape);
}

Expected<Tensor> narrow(const Tensor& self, int64_t dim, int64_t start, int64_t length) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, self.dim()));
  int64_t size = self.sizes()[d];
  if (start < 0) start += size;
  if (start < 0 || length < 0 || start + length > size) {
    return runtimeError(
        fmt::format("start ({}) + length ({}) exceeds dimension size ({}).", start, length, size));
  }
  return slice(self, d, start, start + length, 1);
}

Expected<std::vector<Tensor>> split(const Tensor& self, int64_t splitSize, int64_t dim) {
  GBC_RT_TRY(int64_t d, wrapDim(dim, self.dim()));
  if (self.dim() == 0) return runtimeError("split expects at least a 1-dimensional tensor");
  if (splitSize < 0) {
    return runtimeError(
        fmt::format("split expects split_size be non-negative, but got split_size={}", splitSize));
  }
  int64_t size = self.sizes()[d];
  std::vector<Tensor> out;
  if (splitSize == 0 && size == 0) {
    out.push_back(self);
    return out;
  }
  if (splitSize == 0) {
    return runtimeError(fmt::format(
        "split_size can only be 0 if dimension size is 0, but got dimension size of {}", size));
  }
  for (int64_t s = 0; s < size || (size == 0 && out.empty()); s += splitSize) {
    GBC_RT_TRY(Tensor piece, slice(self, d, s, std::min(s + splitSize, size), 1));
    out.push_back(std::move(piece));
    if (size == 0) break;
  }
  return out;
}

Expected<std::vector<Tensor>> chunk(const Tensor& self, int64_t chunks, int64_t dim) {
  if (self.dim() == 0) return runtimeError("chunk expects at least a 1-dimensional tensor");
  if (chunks <= 0)
    return runtimeError(
        fmt::format("chunk expects `chunks` to be greater than 0, got: {}", chunks));
  GBC_RT_TRY(int64_t d, wrapDim(dim, self.dim()));
  int64_t size = self.sizes()[d];
  int64_t splitSize = (size + chunks - 1) / chunks;
  if (splitSize == 0 && size == 0) {
    std::vector<Tensor> out;
    for (int64_t i = 0; i < chunks; ++i) out.push_back(self);
    return out;
  }
  return split(self, splitSize, d);
}

Expected<std::vector<Tensor>> unbind(const Tensor& self, int64_t dim) {
  if (self.dim() == 0) return indexError("Dimension specified as 0 but tensor has no dimensions");
  GBC_RT_TRY(int64_t d, wrapDim(dim, self.dim()));
  std::vector<Tensor> out;
  for (int64_t i = 0; i < self.sizes()[d]; ++i) {
    GBC_RT_TRY(Tensor s, select(self, d, i));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace gbc::runtime
