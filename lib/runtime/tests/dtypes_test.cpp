// The narrow dtypes (bfloat16, float16, int8, int16, uint8): values rounded or wrapped to the
// dtype in their carrier storage, torch's promotion table, printing; expected values from
// PyTorch 2.14.1 (runtime-reference ops.json and the oracle root).
#include <catch2/catch.hpp>

#include "runtime/ops.h"
#include "runtime/printing.h"

namespace gbc::runtime {
namespace {

Tensor must(Expected<Tensor> t) {
  REQUIRE(t);
  return *t;
}

Tensor floats(std::vector<double> v, DType d) {
  std::vector<Scalar> s(v.begin(), v.end());
  Tensor t = must(fromData(s, {static_cast<int64_t>(v.size())}, d));
  t.narrowStorage();
  return t;
}

}  // namespace

TEST_CASE("bfloat16 and float16 round to nearest even through float") {
  CHECK(narrowFloat(DType::BFloat16, 1.1) == 1.1015625);
  CHECK(narrowFloat(DType::BFloat16, 0.1) == 0.10009765625);
  CHECK(narrowFloat(DType::Float16, 0.1) == 0.0999755859375);
  CHECK(std::isinf(narrowFloat(DType::Float16, 70000.0)));
  CHECK(narrowFloat(DType::Float16, 65504.0) == 65504.0);
  Tensor a = floats({1.1, 2.2, 3.3}, DType::BFloat16);
  CHECK(formatTensor(a) == "tensor([1.1016, 2.2031, 3.2969], dtype=torch.bfloat16)");
  Tensor h = floats({0.1, 65504.0, 70000.0}, DType::Float32).to(DType::Float16);
  CHECK(formatTensor(h) == "tensor([9.9976e-02, 6.5504e+04,        inf], dtype=torch.float16)");
  // an op's result is rounded once the interpreter wraps it (Tensor::narrowStorage)
  Tensor s = must(add(a, a));
  s.narrowStorage();
  CHECK(formatTensor(s) == "tensor([2.2031, 4.4062, 6.5938], dtype=torch.bfloat16)");
}

TEST_CASE("small integers wrap as torch's do") {
  Tensor i8 = floats({100, 120, -128}, DType::Int8);
  Tensor r = must(add(i8, i8));
  r.narrowStorage();
  CHECK(r.dtype() == DType::Int8);
  CHECK(formatTensor(r) == "tensor([-56, -16,   0], dtype=torch.int8)");
  CHECK(must(sum(i8)).dtype() == DType::Int64);
  CHECK(torchElementSize(DType::Int8) == 1);
  CHECK(torchElementSize(DType::BFloat16) == 2);
}

TEST_CASE("promotion of the narrow dtypes") {
  CHECK(promoteTypes(DType::UInt8, DType::Int8) == DType::Int16);
  CHECK(promoteTypes(DType::BFloat16, DType::Float16) == DType::Float32);
  CHECK(promoteTypes(DType::BFloat16, DType::Float32) == DType::Float32);
  CHECK(promoteTypes(DType::Int64, DType::BFloat16) == DType::BFloat16);
  Tensor a = floats({1.0}, DType::BFloat16);
  CHECK(must(mul(a, 2.5)).dtype() == DType::BFloat16);
  CHECK(must(add(a, floats({1.0}, DType::Float32))).dtype() == DType::Float32);
  CHECK(must(add(a, floats({1.0}, DType::Float16))).dtype() == DType::Float32);
}

}  // namespace gbc::runtime
