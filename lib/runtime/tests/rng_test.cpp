// rng.json: every recorded draw of torch's CPU generator reproduced bit for bit.
#include <cstring>

#include <catch2/catch.hpp>

#include "runtime/random.h"
#include "tests/reference.h"

namespace gbc::runtime {
namespace {

using testing::flattenJson;
using testing::hexValue;

/// Compares draws with the recorded values; returns the number of mismatches.
int64_t compareDraws(const std::vector<double>& got, const nlohmann::json& want,
                     const std::string& label, int64_t& total) {
  std::vector<nlohmann::json> flat;
  flattenJson(want, flat);
  total += static_cast<int64_t>(flat.size());
  int64_t bad = std::abs(static_cast<int64_t>(got.size()) - static_cast<int64_t>(flat.size()));
  for (size_t i = 0; i < std::min(got.size(), flat.size()); ++i) {
    double w = hexValue(flat[i]);
    if (std::memcmp(&w, &got[i], sizeof(double)) != 0) {
      if (bad < 3) UNSCOPED_INFO(label << "[" << i << "]: got " << got[i] << " want " << w);
      ++bad;
    }
  }
  return bad;
}

std::vector<double> values(const Tensor& t) {
  std::vector<double> out;
  for (int64_t i = 0; i < t.numel(); ++i) out.push_back(scalarToDouble(t.flatAt(i)));
  return out;
}

std::vector<double> draw(Generator& g, const std::string& op, int64_t n,
                         DType dtype = DType::Float32) {
  auto t = op == "randn" ? randn({n}, dtype, &g) : rand({n}, dtype, &g);
  REQUIRE(t);
  return values(*t);
}

std::vector<double> uniformDraw(Generator& g, int64_t n, double lo, double hi) {
  Tensor t = Tensor::empty({n}, DType::Float32);
  REQUIRE(uniform_(t, lo, hi, &g));
  return values(t);
}

}  // namespace

TEST_CASE("rng.json: every draw is bit-exact") {
  auto ref = testing::loadReference("rng.json");
  int64_t total = 0, bad = 0;
  for (const auto& [seedText, entry] : ref["seeds"].items()) {
    const uint64_t seed = std::stoull(seedText);
    for (const auto& [n, want] : entry["randn"].items()) {
      Generator g(seed);
      bad += compareDraws(draw(g, "randn", std::stoll(n)), want,
                          "randn seed " + seedText + " n " + n, total);
    }
    for (const auto& [n, want] : entry["rand"].items()) {
      Generator g(seed);
      bad += compareDraws(draw(g, "rand", std::stoll(n)), want, "rand seed " + seedText + " n " + n,
                          total);
    }
    for (const auto& [n, want] : entry["randn_f64"].items()) {
      Generator g(seed);
      bad += compareDraws(draw(g, "randn", std::stoll(n), DType::Float64), want, "randn f64 " + n,
                          total);
    }
    for (const auto& [shape, want] : entry["randn_shapes"].items()) {
      auto x = shape.find('x');
      Generator g(seed);
      auto t = randn({std::stoll(shape.substr(0, x)), std::stoll(shape.substr(x + 1))},
                     DType::Float32, &g);
      REQUIRE(t);
      bad += compareDraws(values(*t), want, "randn " + shape, total);
    }
    for (const auto& [label, spec] : entry["sequences"].items()) {
      Generator g(seed);
      std::vector<double> got;
      for (const auto& call : spec["calls"]) {
        auto part = draw(g, call[0].get<std::string>(), call[1].get<int64_t>());
        got.insert(got.end(), part.begin(), part.end());
      }
      bad += compareDraws(got, spec["values"], "sequence " + label, total);
    }
    for (const auto& [label, spec] : entry["linear"].items()) {
      Generator g(seed);
      auto p = initLinear(spec["in_features"].get<int64_t>(), spec["out_features"].get<int64_t>(),
                          true, &g);
      REQUIRE(p);
      bad += compareDraws(values(p->weight), spec["weight"], label + ".weight", total);
      bad += compareDraws(values(p->bias), spec["bias"], label + ".bias", total);
    }
    for (const auto& [label, spec] : entry["uniform_"].items()) {
      Generator g(seed);
      auto got = uniformDraw(g, spec["n"].get<int64_t>(), spec["low"].get<double>(),
                             spec["high"].get<double>());
      bad += compareDraws(got, spec["values"], "uniform_" + label, total);
    }
    Generator g(seed);
    CHECK(g.initialSeed() == seed);
  }
  for (const auto& [seedText, want] : ref["randn_f64_n15_seeds_0_99"].items()) {
    Generator g(std::stoull(seedText));
    bad +=
        compareDraws(draw(g, "randn", 15, DType::Float64), want, "f64 n15 seed " + seedText, total);
  }
  for (const auto& run : ref["fresh_process_runs"]) {
    Generator g(run["initial_seed"].get<uint64_t>());
    bad += compareDraws(draw(g, "randn", 3), run["randn3"], "fresh process", total);
  }
  Generator fresh;
  CHECK(fresh.initialSeed() == ref["fresh_generator_object"]["initial_seed"].get<uint64_t>());
  bad += compareDraws(draw(fresh, "randn", 3), ref["fresh_generator_object"]["randn3"],
                      "fresh generator", total);
  INFO("compared " << total << " recorded values");
  CHECK(total == 23680 + 3 * 3 + 3);  // NOTES.md: 23,680 values, plus the fresh-process checks
  CHECK(bad == 0);
}

TEST_CASE("default generator: manualSeed and entropy") {
  manualSeed(0);
  auto a = randn({3});
  manualSeed(0);
  auto b = randn({3});
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->flatAt(2) == b->flatAt(2));
  CHECK(defaultGenerator().initialSeed() == 0);
  uint64_t s1 = seedFromEntropy();
  CHECK(defaultGenerator().initialSeed() == s1);
}

}  // namespace gbc::runtime
