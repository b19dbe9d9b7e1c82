// norms.h's kernels against values real torch 2.14 computed on the oracle's CPU (an AVX512
// machine, /proc mounted in the root so that torch detects it; printed with repr): the 2-norm and
// weight-norm sums depend on torch's lane order, so these check the order as well as the formulas;
// pixel shuffle and nearest upsampling are exact copies.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "runtime/norms.h"
#include "runtime/ops.h"

namespace gbc::runtime {
namespace {

/// ((arange(n) * 7 % mod) - shift) / scale, as float32.
Tensor pattern(int64_t n, int64_t mod, double shift, double scale, const Shape& shape) {
  std::vector<Scalar> v;
  for (int64_t i = 0; i < n; ++i)
    v.emplace_back(
        static_cast<double>(static_cast<float>((i * 7) % mod - shift) / static_cast<float>(scale)));
  return fromData(v, shape, DType::Float32).value();
}

Tensor floats(const std::vector<double>& values, const Shape& shape) {
  std::vector<Scalar> v(values.begin(), values.end());
  return fromData(v, shape, DType::Float32).value();
}

std::vector<float> flat(const Tensor& t) {
  Tensor c = t.contiguous();
  return std::vector<float>(c.data<float>(), c.data<float>() + c.numel());
}

std::vector<float> asFloats(const std::vector<double>& v) {
  return std::vector<float>(v.begin(), v.end());
}

TEST_CASE("vectorNorm: the last-dim kernel's lane order") {
  const std::pair<int64_t, double> cases[] = {{5, 2.5603818893432617},
                                              {8, 3.0550503730773926},
                                              {13, 3.9299418926239014},
                                              {40, 6.78233003616333}};
  for (const auto& [n, want] : cases) {
    Tensor x = pattern(n, 11, 5, 3, {n});
    CHECK(vectorNorm(x, 2.0).value().data<float>()[0] == static_cast<float>(want));
  }
  Tensor x = floats({1, -7, 3}, {3});
  CHECK(vectorNorm(x, INFINITY).value().data<float>()[0] == 7.0f);
  CHECK(vectorNorm(x, -INFINITY).value().data<float>()[0] == 1.0f);
  CHECK(!vectorNorm(x, 1.0));
}

TEST_CASE("weightNorm over dim 0, forward and backward") {
  Tensor v = pattern(30, 11, 5, 3, {3, 10});
  Tensor g = floats({0.5, 2.0, -1.5}, {3, 1});
  WeightNormResult r = weightNorm(v, g, 0).value();
  CHECK(flat(r.weight) == asFloats({-0.23945656418800354,
                                    0.09578263014554977,
                                    -0.09578263014554977,
                                    0.23945656418800354,
                                    0.04789131507277489,
                                    -0.14367394149303436,
                                    0.19156526029109955,
                                    0.0,
                                    -0.19156526029109955,
                                    0.14367394149303436,
                                    -0.19900745153427124,
                                    -0.9950372576713562,
                                    0.3980149030685425,
                                    -0.3980149030685425,
                                    0.9950372576713562,
                                    0.19900745153427124,
                                    -0.5970223546028137,
                                    0.796029806137085,
                                    0.0,
                                    -0.796029806137085,
                                    -0.46413958072662354,
                                    0.1547131985425949,
                                    0.773565948009491,
                                    -0.3094263970851898,
                                    0.3094263970851898,
                                    -0.773565948009491,
                                    -0.1547131985425949,
                                    0.46413958072662354,
                                    -0.6188527941703796,
                                    -0.0}));
  Tensor gw = pattern(30, 13, 6, 5, {3, 10});
  WeightNormGrads d = weightNormBackward(gw, v, g, r.norm, 0).value();
  CHECK(flat(d.g) == asFloats({0.9578263163566589, -0.537320077419281, -1.1139349937438965}));
  CHECK(flat(d.v) == asFloats({-0.10650324821472168, 0.002372594317421317, -0.1173117458820343,
                               -0.00843590497970581, -0.12812024354934692, 0.1257476508617401,
                               -0.13892875611782074, 0.11493915319442749,  -0.004745188634842634,
                               0.10413065552711487,  -0.15132448077201843, 0.5568268299102783,
                               0.06384001672267914,  -0.7802668809890747,  0.2790045142173767,
                               -0.5651023387908936,  0.14304891228675842,  -0.3499378561973572,
                               0.3582134246826172,   -0.48589345812797546, -0.5312917232513428,
                               0.23898251354694366,  -0.19750620424747467, -0.013825439848005772,
                               -0.45031413435935974, -0.26663336157798767, 0.5036408305168152,
                               0.06715211272239685,  0.25083285570144653,  -0.18565583229064941}));
}

TEST_CASE("groupNorm: statistics per (sample, group) and the affine map") {
  Tensor x = pattern(48, 11, 5, 3, {2, 4, 6});
  Tensor w = floats({1, 2, 0.5, -1}, {4}), b = floats({0, 1, 0, -1}, {4});
  std::vector<double> want = {
      -1.377147912979126,   0.7261324524879456,   -0.47574207186698914, 1.6275383234024048,
      0.4256638288497925,   -0.7762106657028198,  3.654139518737793,    1.2503904104232788,
      -1.1533586978912354,  3.0532021522521973,   0.6494531631469727,   -1.7542957067489624,
      0.29784029722213745,  -0.3519930839538574,  0.7852153182029724,   0.13538195192813873,
      -0.5144513845443726,  0.6227570176124573,   -0.94584721326828,    0.3538195490837097,
      -1.9205973148345947,  -0.620930552482605,   0.67873615026474,     -1.595680594444275,
      -0.5956805348396301,  1.6787359714508057,   0.37906941771507263,  -0.9205971360206604,
      1.3538193702697754,   0.054152779281139374, -1.491027593612671,   3.0578055381774902,
      0.45847228169441223,  -2.1408607959747314,  2.4079720973968506,   -0.19136102497577667,
      0.6885738968849182,   0.08763669431209564,  -0.5133005380630493,  0.5383396148681641,
      -0.06259762495756149, -0.6635348796844482,  -1.7762105464935303,  -0.5743361115455627,
      0.6275383234024048,   -1.475741982460022,   -0.2738674581050873,  -2.377147912979126};
  std::vector<float> got = flat(groupNorm(x, 2, w, b, 1e-5).value().out);
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) CHECK(got[i] == Approx(want[i]).epsilon(1e-6));
  CHECK(!groupNorm(x, 3, w, b, 1e-5));
}

TEST_CASE("pixelShuffle and nearest upsampling") {
  std::vector<Scalar> v;
  for (int i = 0; i < 96; ++i) v.emplace_back(static_cast<double>(i));
  Tensor x = fromData(v, {2, 8, 2, 3}, DType::Float32).value();
  Tensor y = pixelShuffle(x, 2).value();
  CHECK(y.sizes() == Shape{2, 2, 4, 6});
  std::vector<float> all = flat(y);
  std::vector<float> first(all.begin(), all.begin() + 24);
  CHECK(first == asFloats({0, 6, 1, 7,  2, 8,  12, 18, 13, 19, 14, 20,
                           3, 9, 4, 10, 5, 11, 15, 21, 16, 22, 17, 23}));
  CHECK(flat(pixelUnshuffle(y, 2).value()) == flat(x));
  Tensor s = floats({0, 1, 2, 3, 4, 5}, {1, 1, 2, 3});
  CHECK(flat(upsampleNearest(s, {3, 5}, {std::nullopt, std::nullopt}).value()) ==
        asFloats({0, 0, 1, 1, 2, 0, 0, 1, 1, 2, 3, 3, 4, 4, 5}));
  Tensor g = upsampleNearestBackward(floats(std::vector<double>(15, 1.0), {1, 1, 3, 5}),
                                     {1, 1, 2, 3}, {std::nullopt, std::nullopt})
                 .value();
  CHECK(flat(g) == asFloats({4, 4, 2, 2, 2, 1}));
}

}  // namespace
}  // namespace gbc::runtime
