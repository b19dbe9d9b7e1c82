// Behaviour of the interpreter-facing API that the reference files do not cover directly:
// indexing and assignment, views sharing storage, promotion, Python float repr, large tensors.
#include <cmath>

#include <catch2/catch.hpp>

#include "runtime/ops.h"
#include "runtime/printing.h"
#include "runtime/random.h"

namespace gbc::runtime {
namespace {

Tensor must(Expected<Tensor> t) {
  REQUIRE(t);
  return *t;
}

Tensor longs(std::vector<int64_t> v) {
  std::vector<Scalar> s(v.begin(), v.end());
  return must(fromData(s, {static_cast<int64_t>(v.size())}, DType::Int64));
}

std::string str(const Tensor& t) { return formatTensor(t); }

}  // namespace

TEST_CASE("indexing: ints, slices, None, Ellipsis, masks and index tensors") {
  Tensor x = must(reshape(must(arange(int64_t{12})), {3, 4}));
  IndexItem row1[] = {int64_t{1}};
  CHECK(str(must(index(x, row1))) == "tensor([4, 5, 6, 7])");
  IndexItem cols[] = {Slice{}, Slice{1, 3, std::nullopt}};
  CHECK(str(must(index(x, cols))) == "tensor([[ 1,  2],\n        [ 5,  6],\n        [ 9, 10]])");
  IndexItem last[] = {EllipsisIndex{}, int64_t{-1}};
  CHECK(str(must(index(x, last))) == "tensor([ 3,  7, 11])");
  IndexItem none[] = {NoneIndex{}};
  CHECK(must(index(x, none)).sizes() == Shape{1, 3, 4});
  IndexItem mask[] = {must(gt(x, 8))};
  CHECK(str(must(index(x, mask))) == "tensor([ 9, 10, 11])");
  IndexItem rows[] = {longs({2, 0})};
  CHECK(str(must(index(x, rows))) == "tensor([[ 8,  9, 10, 11],\n        [ 0,  1,  2,  3]])");
  IndexItem pairs[] = {longs({0, 2}), longs({1, 3})};
  CHECK(str(must(index(x, pairs))) == "tensor([ 1, 11])");
  IndexItem mixed[] = {int64_t{1}, longs({0, 3})};
  CHECK(str(must(index(x, mixed))) == "tensor([4, 7])");
  Tensor x3 = must(reshape(must(arange(int64_t{24})), {2, 3, 4}));
  IndexItem split[] = {longs({0, 1}), Slice{}, longs({1, 2})};
  CHECK(must(index(x3, split)).sizes() == Shape{2, 3});
  IndexItem tooMany[] = {int64_t{0}, int64_t{0}, int64_t{0}};
  auto err = index(x, tooMany);
  REQUIRE_FALSE(err);
  CHECK(err.error().kind == ErrorKind::IndexError);
  CHECK(err.error().message == "too many indices for tensor of dimension 2");
  IndexItem outOfRange[] = {longs({5})};
  CHECK(index(x, outOfRange).error().message ==
        "index 5 is out of bounds for dimension 0 with size 3");
}

TEST_CASE("setitem writes through views") {
  Tensor x = must(zeros({3, 4}));
  IndexItem row0[] = {int64_t{0}};
  REQUIRE(setitem(x, row0, Scalar(1.5)));
  IndexItem col[] = {Slice{}, int64_t{3}};
  REQUIRE(setitem(x, col, longs({7, 8, 9})));
  IndexItem mask[] = {must(gt(x, 5))};
  REQUIRE(setitem(x, mask, Scalar(int64_t{-1})));
  IndexItem rows[] = {longs({2})};
  REQUIRE(setitem(x, rows, Scalar(2.0)));
  CHECK(str(x) ==
        "tensor([[ 1.5000,  1.5000,  1.5000, -1.0000],\n"
        "        [ 0.0000,  0.0000,  0.0000, -1.0000],\n"
        "        [ 2.0000,  2.0000,  2.0000,  2.0000]])");
  Tensor xt = must(t(x));
  IndexItem corner[] = {int64_t{0}, int64_t{1}};
  REQUIRE(setitem(xt, corner, Scalar(int64_t{5})));
  CHECK(x.at(std::vector<int64_t>{1, 0}) == Scalar(5.0));
  auto bad = setitem(x, row0, longs({1, 2}));
  REQUIRE_FALSE(bad);
}

TEST_CASE("views share storage; view errors") {
  Tensor x = must(reshape(must(arange(int64_t{6})), {2, 3}));
  Tensor v = must(view(x, {3, 2}));
  CHECK(v.storage() == x.storage());
  auto e = view(must(t(x)), {-1});
  REQUIRE_FALSE(e);
  CHECK(e.error().message.starts_with("view size is not compatible"));
  Tensor r = must(reshape(must(t(x)), {-1}));
  CHECK(str(r) == "tensor([0, 3, 1, 4, 2, 5])");
  CHECK(must(unsqueeze(x, -1)).sizes() == Shape{2, 3, 1});
  CHECK(must(slice(x, 1, -2, std::nullopt, 1)).sizes() == Shape{2, 2});
  CHECK(must(slice(x, 1, 10, 20, 1)).sizes() == Shape{2, 0});
}

TEST_CASE("type promotion") {
  Tensor i = longs({1, 2});
  CHECK(must(add(i, 2.5)).dtype() == DType::Float32);
  CHECK(must(div(i, i)).dtype() == DType::Float32);
  CHECK(must(floorDivide(i, 2)).dtype() == DType::Int64);
  CHECK(must(add(i.toInt(), 5)).dtype() == DType::Int32);
  Tensor f = i.toFloat();
  CHECK(must(add(f, Tensor::scalarTensor(1.5, DType::Float64))).dtype() == DType::Float32);
  CHECK(must(add(i, Tensor::scalarTensor(1.5, DType::Float64))).dtype() == DType::Float64);
  CHECK(must(add(i.toBool(), i.toBool())).dtype() == DType::Bool);
  CHECK(must(lt(i, 1.5)).dtype() == DType::Bool);
  CHECK(add_(i, 1.5).error().message ==
        "result type Float can't be cast to the desired output type Long");
}

TEST_CASE("Python float repr") {
  CHECK(formatPythonFloat(0.1) == "0.1");
  CHECK(formatPythonFloat(1e-05) == "1e-05");
  CHECK(formatPythonFloat(1e16) == "1e+16");
  CHECK(formatPythonFloat(1234567890123456.0) == "1234567890123456.0");
  CHECK(formatPythonFloat(123456789.0) == "123456789.0");
  CHECK(formatPythonFloat(0.0001) == "0.0001");
  CHECK(formatPythonFloat(-0.0) == "-0.0");
  CHECK(formatPythonFloat(2.5) == "2.5");
  CHECK(formatPythonFloat(1.5e-7) == "1.5e-07");
  CHECK(formatPythonFloat(static_cast<double>(0.1f)) == "0.10000000149011612");
  CHECK(formatPythonFloat(-INFINITY) == "-inf");
  CHECK(formatPythonFloat(NAN) == "nan");
}

TEST_CASE("large tensors: two threads give the serial results") {
  Generator g(0);
  Tensor a = must(randn({3 << 20}, DType::Float32, &g));
  Tensor b = must(randn({3 << 20}, DType::Float32, &g));
  Tensor c = must(mul(a, b));
  bool same = true;
  for (int64_t i = 0; i < a.numel(); i += 4099) {
    same = same && c.data<float>()[i] == a.data<float>()[i] * b.data<float>()[i];
  }
  CHECK(same);
  // A full float32 sum above the grain size follows torch's two-pass split.
  Tensor s = must(sum(a));
  double ref = 0;
  for (int64_t i = 0; i < a.numel(); ++i) ref += a.data<float>()[i];
  CHECK(std::fabs(scalarToDouble(s.flatAt(0)) - ref) < 1e-2);
  // Row sums split over two threads equal the sums of each row alone.
  Tensor big = must(randn({512, 4096}, DType::Float32, &g));
  std::vector<int64_t> dim1{1};
  Tensor rows = must(sum(big, dim1));
  for (int64_t r : {0, 255, 256, 511}) {
    CHECK(rows.flatAt(r) == must(sum(must(select(big, 0, r)))).flatAt(0));
  }
  Tensor m = must(matmul(must(randn({300, 200}, DType::Float32, &g)),
                         must(randn({200, 100}, DType::Float32, &g))));
  CHECK(m.sizes() == Shape{300, 100});
}

TEST_CASE("item, tolist and nested construction") {
  Nested data{std::vector<Nested>{
      Nested{std::vector<Nested>{Nested{Scalar(int64_t{1})}, Nested{Scalar(2.5)}}},
      Nested{std::vector<Nested>{Nested{Scalar(int64_t{3})}, Nested{Scalar(true)}}}}};
  Tensor t = must(fromNested(data));
  CHECK(t.dtype() == DType::Float32);
  CHECK(formatNested(t.tolist()) == "[[1.0, 2.5], [3.0, 1.0]]");
  Nested ragged{std::vector<Nested>{
      Nested{std::vector<Nested>{Nested{Scalar(int64_t{1})}, Nested{Scalar(int64_t{2})}}},
      Nested{std::vector<Nested>{Nested{Scalar(int64_t{3})}}}}};
  auto bad = fromNested(ragged);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::ValueError);
  CHECK(bad.error().message == "expected sequence of length 2 at dim 1 (got 1)");
  CHECK(formatScalar(*must(sum(t)).item()) == "7.5");
}

}  // namespace gbc::runtime
