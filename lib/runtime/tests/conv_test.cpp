// conv.h's kernels against values real torch 2.14 computed (the oracle root). The operands
// hold small integers, so every sum is exact and the values do not depend on the order in
// which torch's kernel (oneDNN) adds; errors as torch words them.
#include <vector>

#include <catch2/catch.hpp>

#include "runtime/conv.h"
#include "runtime/ops.h"

namespace gbc::runtime {
namespace {

/// torch.arange(n).reshape(shape) % mod - shift, as float32.
Tensor pattern(const Shape& shape, int64_t mod, double shift) {
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  std::vector<Scalar> v;
  for (int64_t i = 0; i < n; ++i) v.emplace_back(static_cast<double>(i % mod) - shift);
  return fromData(v, shape, DType::Float32).value();
}

Tensor floats(const std::vector<double>& values, const Shape& shape) {
  std::vector<Scalar> v(values.begin(), values.end());
  return fromData(v, shape, DType::Float32).value();
}

std::vector<double> flat(const Tensor& t) {
  Tensor c = t.contiguous();
  std::vector<double> out;
  for (int64_t i = 0; i < c.numel(); ++i) out.push_back(c.data<float>()[i]);
  return out;
}

std::string errorOf(const Expected<Tensor>& r) { return r ? "" : r.error().message; }

TEST_CASE("conv2d: stride, padding, dilation, bias") {
  Tensor x = pattern({2, 3, 5, 4}, 7, 3);
  Tensor w = pattern({4, 3, 3, 2}, 5, 2);
  Tensor b = floats({1, -2, 0.5, 3}, {4});
  ConvParams p;
  p.stride = {2, 1};
  p.padding = {1, 1};
  p.dilation = {1, 2};
  Tensor y = conv2d(x, w, b, p).value();
  CHECK(y.sizes() == Shape{2, 4, 3, 4});
  std::vector<double> want = {
      -18.0, 4.0,  11.0,  -6.0, -8.0,  7.0,   4.0,  -26.0, 1.0,  -4.0,  -3.0,  2.0, 7.0,  2.0,
      3.0,   6.0,  3.0,   7.0,  -20.0, 11.0,  -3.0, -10.0, 1.0,  -5.0,  -2.5,  0.5, -9.5, -6.5,
      4.5,   -7.5, 6.5,   3.5,  8.5,   9.5,   5.5,  8.5,   8.0,  4.0,   -7.0,  6.0, -9.0, -12.0,
      8.0,   1.0,  -10.0, 4.0,  10.0,  -13.0, 9.0,  4.0,   4.0,  9.0,   5.0,   9.0, -8.0, 12.0,
      -2.0,  -7.0, 8.0,   2.0,  -3.0,  -1.0,  -7.0, -15.0, 3.0,  -17.0, -2.0,  1.0, 7.0,  -1.0,
      3.0,   8.0,  0.5,   9.5,  -7.5,  6.5,   -8.5, -7.5,  -0.5, -4.5,  -18.5, 0.5, 3.5,  -15.5,
      9.0,   -5.0, 12.0,  3.0,  15.0,  12.0,  11.0, 15.0,  11.0, 7.0,   -1.0,  11.0};
  CHECK(flat(y) == want);
}

TEST_CASE("conv2d: groups; conv1d") {
  Tensor x = pattern({2, 3, 5, 4}, 7, 3);
  Tensor xg = slice(x, 1, 0, 2).value();
  Tensor wg = pattern({4, 1, 2, 2}, 3, 1);
  ConvParams p;
  p.groups = 2;
  Tensor y = conv2d(xg, wg, std::nullopt, p).value();
  CHECK(y.sizes() == Shape{2, 4, 4, 3});
  std::vector<double> head = {2.0, 1.0, 7.0, -2.0, -3.0, -4.0, 1.0, 7.0, -1.0, -3.0, -4.0, 2.0};
  std::vector<double> got = flat(y);
  CHECK(std::vector<double>(got.begin(), got.begin() + 12) == head);

  Tensor x1 = pattern({2, 2, 6}, 5, 0);
  Tensor w1 = floats(std::vector<double>(18, 1.0), {3, 2, 3});
  ConvParams q;
  q.padding = {2, 0};
  q.dilation = {2, 1};
  Tensor y1 = conv2d(x1, w1, std::nullopt, q, 1).value();
  CHECK(y1.sizes() == Shape{2, 3, 6});
  std::vector<double> g1 = flat(y1);
  CHECK(std::vector<double>(g1.begin(), g1.begin() + 6) ==
        std::vector<double>{6.0, 10.0, 10.0, 11.0, 9.0, 8.0});
}

TEST_CASE("conv2d: torch's shape errors") {
  Tensor w = pattern({4, 3, 3, 2}, 5, 2);
  CHECK(errorOf(conv2d(pattern({1, 4, 5, 5}, 3, 0), w, std::nullopt, {})) ==
        "Given groups=1, weight of size [4, 3, 3, 2], expected input[1, 4, 5, 5] to have 3 "
        "channels, but got 4 channels instead");
  CHECK(errorOf(conv2d(pattern({3, 5}, 3, 0), w, std::nullopt, {})) ==
        "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 5]");
  CHECK(errorOf(conv2d(pattern({1, 3, 1, 1}, 3, 0), w, std::nullopt, {})) ==
        "Calculated padded input size per channel: (1 x 1). Kernel size: (3 x 2). Kernel size "
        "can't be greater than actual input size");
}

TEST_CASE("pooling") {
  Tensor x = pattern({2, 3, 5, 4}, 7, 3);
  Pool2dParams p;
  p.kernel = p.stride = {2, 2};
  Tensor a = avgPool2d(x, p).value();
  CHECK(a.sizes() == Shape{2, 3, 2, 2});
  std::vector<double> ga = flat(a);
  CHECK(std::vector<double>(ga.begin(), ga.begin() + 6) ==
        std::vector<double>{-0.5, -0.25, 0.5, -1.0, 0.25, 0.5});
  Pool2dParams q;
  q.kernel = {3, 3};
  q.stride = {2, 2};
  q.padding = {1, 1};
  q.ceilMode = true;
  q.countIncludePad = false;
  Tensor a2 = avgPool2d(x, q).value();
  CHECK(a2.sizes() == Shape{2, 3, 3, 3});
  std::vector<double> g2 = flat(a2);
  CHECK(g2[0] == -0.5);
  CHECK(g2[1] == static_cast<double>(-1.0f / 6.0f));
  CHECK(g2[3] == static_cast<double>(5.0f / 6.0f));
  Tensor m = maxPool2d(x, p).value();
  std::vector<double> gm = flat(m);
  CHECK(std::vector<double>(gm.begin(), gm.begin() + 6) ==
        std::vector<double>{2.0, 3.0, 3.0, 1.0, 3.0, 3.0});
  Tensor ad = adaptiveAvgPool2d(x, 2, 3).value();
  std::vector<double> gd = flat(ad);
  CHECK(gd[0] == static_cast<double>(-5.0f / 6.0f));
  CHECK(gd[1] == static_cast<double>(1.0f / 6.0f));
  CHECK(gd[2] == 0.0);
}

TEST_CASE("pad and embedding") {
  Tensor x = slice(slice(pattern({2, 3, 5, 4}, 7, 3), 0, 0, 1).value(), 1, 0, 1).value();
  Tensor r = pad(x, {1, 2, 2, 1}, PadMode::Reflect).value();
  CHECK(r.sizes() == Shape{1, 1, 8, 7});
  std::vector<double> gr = flat(r);
  CHECK(std::vector<double>(gr.begin(), gr.begin() + 9) ==
        std::vector<double>{-1.0, -2.0, -1.0, 0.0, 1.0, 0.0, -1.0, 2.0, 1.0});
  Tensor p = pad(x, {1, 2, 0, 1}, PadMode::Replicate).value();
  std::vector<double> gp = flat(p);
  CHECK(std::vector<double>(gp.begin(), gp.begin() + 8) ==
        std::vector<double>{-3.0, -3.0, -2.0, -1.0, 0.0, 0.0, 0.0, 1.0});
  CHECK(errorOf(pad(pattern({1, 1, 2, 2}, 3, 0), {2, 2, 0, 0}, PadMode::Reflect)) ==
        "Argument #4: Padding size should be less than the corresponding input dimension, but "
        "got: padding (2, 2) at dimension 3 of input [1, 1, 2, 2]");

  Tensor e = pattern({4, 3}, 100, 0);
  Tensor idx = fromData(std::vector<Scalar>{int64_t{3}, int64_t{0}, int64_t{1}, int64_t{1}}, {2, 2},
                        DType::Int64)
                   .value();
  Tensor y = embedding(e, idx).value();
  CHECK(y.sizes() == Shape{2, 2, 3});
  CHECK(flat(y) == std::vector<double>{9, 10, 11, 0, 1, 2, 3, 4, 5, 3, 4, 5});
  Tensor bad = fromData(std::vector<Scalar>{int64_t{5}}, {1}, DType::Int64).value();
  CHECK(errorOf(embedding(e, bad)) == "index out of range in self");
}

TEST_CASE("batch_norm in eval mode: torch's per-channel affine map") {
  Tensor x = pattern({2, 3, 5, 4}, 7, 3);
  Tensor rm = floats({0.5, -1, 2}, {3}), rv = floats({1, 4, 0.25}, {3});
  Tensor w = floats({1, 2, 0.5}, {3}), b = floats({0, 1, -1}, {3});
  Tensor y = batchNorm(x, rm, rv, w, b, false, 0.1, 1e-5).value();
  std::vector<double> g = flat(y);
  std::vector<double> want = {-3.4999823570251465,  -2.4999876022338867, -1.4999924898147583,
                              -0.49999749660491943, 0.49999749660491943, 1.4999924898147583,
                              2.4999876022338867,   -3.4999823570251465, -2.4999876022338867,
                              -1.4999924898147583};
  CHECK(std::vector<double>(g.begin(), g.begin() + 10) == want);
  CHECK(errorOf(batchNorm(x, floats({0, 0}, {2}), rv, std::nullopt, std::nullopt, false, 0.1,
                          1e-5)) == "running_mean should contain 3 elements not 2");
}

TEST_CASE("conv2d backward: torch's input, weight and bias gradients") {
  Tensor x = pattern({2, 3, 5, 4}, 7, 3);
  Tensor w = pattern({4, 3, 3, 2}, 5, 2);
  ConvParams p;
  p.stride = {2, 1};
  p.padding = {1, 1};
  p.dilation = {1, 2};
  Tensor g = pattern({2, 4, 3, 4}, 3, 0);  // the gradient of (y * (arange % 3)).sum()
  ConvGrads r = conv2dBackward(g, x, w, true, p, 2, {true, true, true}).value();
  std::vector<double> gx = flat(r.input), gw = flat(r.weight);
  CHECK(std::vector<double>(gx.begin(), gx.begin() + 20) ==
        std::vector<double>{-2, -4, 2, 4, 1, 1, -2, 0, -4, 2, 2, 0, 2, -2, 1, -1, 0, 2, -4, 2});
  CHECK(std::vector<double>(gw.begin(), gw.begin() + 20) ==
        std::vector<double>{0,  13, -10, -13, 1,  -2, 2,  1, -7, 11,
                            -4, 14, 4,   -4,  17, -7, -9, 2, 0,  13});
  CHECK(flat(r.bias) == std::vector<double>{24, 24, 24, 24});
}

TEST_CASE("padding modes need torch's sizes") {
  CHECK(errorOf(pad(pattern({1, 1, 2, 2}, 3, 0), {2, 2}, PadMode::Reflect)) ==
        "Padding size 2 is not supported for 4D input tensor.\n"
        "Supported combinations for non-constant padding:\n"
        "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
        "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
        "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)");
}

}  // namespace
}  // namespace gbc::runtime
