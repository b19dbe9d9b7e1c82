// The Mersenne Twister against CPython's random module (testdata/native/random_vectors.txt,
// from lib/native/tools/gen_random_vectors.py) and the reference implementation's output.
#include "native/mt19937.h"

#include "native/test_vectors.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

namespace gbc::native {
namespace {

// float.hex() of a double in [0, 1), the notation of the vector file.
std::string floatHex(double d) {
  if (d == 0) return "0x0.0p+0";
  int e = 0;
  double m = std::frexp(d, &e);
  auto mant = static_cast<unsigned long long>(std::ldexp(m, 53)) & ((1ULL << 52) - 1);
  char buf[48];
  std::snprintf(buf, sizeof buf, "0x1.%013llxp%d", mant, e - 1);
  return buf;
}

BigInt hexInt(const std::string& token) { return std::get<BigInt>(BigInt::parse(token, 0, 0)); }

std::vector<std::string> runScript(MersenneTwister& mt) {
  std::vector<std::string> out;
  for (int i = 0; i < 5; ++i) out.push_back(floatHex(mt.random()));
  for (int i = 0; i < 3; ++i) out.push_back(mt.getrandbits(32).toPrefixedString(16));
  for (std::uint64_t k : {0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 1000}) {
    out.push_back(mt.getrandbits(k).toPrefixedString(16));
  }
  std::vector<std::string> late;
  for (int i = 0; i < 700; ++i) late.push_back(floatHex(mt.random()));
  out.insert(out.end(), late.end() - 3, late.end());
  return out;
}

MersenneTwister seeded(const std::string& kind, const std::string& value) {
  MersenneTwister mt;
  if (kind == "int") {
    mt.seed(hexInt(value));
  } else {
    mt.seed(MersenneTwister::seedIntFromBytes(test::decodeHex(value)));
  }
  return mt;
}

TEST_CASE("MT19937 matches the reference implementation's first outputs", "[native][random]") {
  // mt19937ar.c's test: init_by_array({0x123, 0x234, 0x345, 0x456}).
  MersenneTwister mt;
  const std::uint32_t key[] = {0x123, 0x234, 0x345, 0x456};
  mt.initByArray(key);
  CHECK(mt.genrandUint32() == 1067595299U);
  CHECK(mt.genrandUint32() == 955945823U);
  CHECK(mt.genrandUint32() == 477289528U);
}

TEST_CASE("random.seed(0) gives CPython's first random() values", "[native][random]") {
  MersenneTwister mt;
  mt.seed(BigInt(0));
  CHECK(mt.random() == 0.8444218515250481);
  CHECK(mt.random() == 0.7579544029403025);
  CHECK(mt.random() == 0.420571580830845);
  CHECK(mt.random() == 0.25891675029296335);
  CHECK(mt.random() == 0.5112747213686085);
}

TEST_CASE("MT19937 agrees with CPython's random on every generated vector", "[native][random]") {
  auto lines = test::readVectors(GBC_NATIVE_TESTDATA "/random_vectors.txt");
  REQUIRE(lines.size() > 20);
  int draws = 0, strseeds = 0, states = 0;
  for (const auto& line : lines) {
    INFO("line " << line.number);
    if (line.op == "draws") {
      ++draws;
      MersenneTwister mt = seeded(line.args[0], line.args[1]);
      CHECK(runScript(mt) == line.expected);
    } else if (line.op == "strseed") {
      ++strseeds;
      CHECK(MersenneTwister::seedIntFromBytes(test::decodeHex(line.args[0])) ==
            hexInt(line.expected[0]));
    } else if (line.op == "state") {
      ++states;
      MersenneTwister mt;
      mt.seed(hexInt(line.args[0]));
      runScript(mt);
      MersenneTwister::State s = mt.getState();
      REQUIRE(line.expected.size() == 625);
      CHECK(std::to_string(s.index) == line.expected[0]);
      for (int i = 0; i < MersenneTwister::kStateWords; ++i) {
        CHECK(std::to_string(s.words[static_cast<std::size_t>(i)]) ==
              line.expected[static_cast<std::size_t>(i) + 1]);
      }
      // setstate() restores the stream.
      MersenneTwister other;
      REQUIRE(other.setState(s.words, s.index));
      CHECK(other.genrandUint32() == mt.genrandUint32());
    }
  }
  CHECK(draws >= 15);
  CHECK(strseeds >= 4);
  CHECK(states == 2);
}

TEST_CASE("setstate rejects an index outside 0..624", "[native][random]") {
  MersenneTwister mt;
  std::array<std::uint32_t, MersenneTwister::kStateWords> words{};
  auto bad = mt.setState(words, 625);
  REQUIRE(!bad);
  CHECK(bad.error().kind == PyErrorKind::ValueError);
  CHECK(bad.error().message == "invalid state");
  CHECK(!mt.setState(words, -1));
  CHECK(mt.setState(words, 624));
}

}  // namespace
}  // namespace gbc::native
