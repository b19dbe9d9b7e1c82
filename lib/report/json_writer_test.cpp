#include "report/json_writer.h"

#include <catch2/catch.hpp>

#include <random>

using gbc::report::dumpJson;
using nlohmann::ordered_json;

namespace {

/// A random document: every value type, nesting, empty containers, control characters,
/// multi-byte UTF-8, keys that need escaping.
ordered_json randomJson(std::mt19937& rng, int depth) {
  static const char* kStrings[] = {"",
                                   "plain",
                                   "tab\there",
                                   "quote\"back\\slash",
                                   "\x01\x1f\x7f",
                                   "caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x94\xA5",
                                   "line\nbreak\r\f\b"};
  int pick = static_cast<int>(rng() % (depth > 3 ? 6u : 8u));
  switch (pick) {
    case 0:
      return nullptr;
    case 1:
      return rng() % 2 == 0;
    case 2:
      return static_cast<int64_t>(rng()) - (int64_t{1} << 31);
    case 3:
      return static_cast<uint64_t>(rng()) << 20;
    case 4:
      return static_cast<double>(rng() % 100000) / 64.0;
    case 5:
      return kStrings[rng() % std::size(kStrings)];
    case 6: {
      ordered_json a = ordered_json::array();
      for (unsigned n = rng() % 4; n > 0; --n) a.push_back(randomJson(rng, depth + 1));
      return a;
    }
    default: {
      ordered_json o = ordered_json::object();
      for (unsigned n = rng() % 4; n > 0; --n)
        o[kStrings[rng() % std::size(kStrings)] + std::to_string(n)] = randomJson(rng, depth + 1);
      return o;
    }
  }
}

}  // namespace

TEST_CASE("dumpJson writes what nlohmann's dump writes", "[json]") {
  std::mt19937 rng(20261126);
  for (int i = 0; i < 500; ++i) {
    ordered_json j = randomJson(rng, 0);
    INFO(j.dump());
    CHECK(dumpJson(j) == j.dump());
    CHECK(dumpJson(j, 2) == j.dump(2));
    CHECK(dumpJson(j, 0) == j.dump(0));
    nlohmann::json sorted = j;  // the LSP server's key-sorted documents
    CHECK(dumpJson(sorted) == sorted.dump());
  }
}

TEST_CASE("dumpJson on scalars and empty containers", "[json]") {
  CHECK(dumpJson(ordered_json::object(), 2) == "{}");
  CHECK(dumpJson(ordered_json::array(), 2) == "[]");
  CHECK(dumpJson(ordered_json{{"a", ordered_json::array()}}, 2) == "{\n  \"a\": []\n}");
  CHECK(dumpJson(ordered_json(1.0)) == "1.0");
  CHECK(dumpJson(ordered_json(std::numeric_limits<double>::quiet_NaN())) == "null");
  CHECK(dumpJson(ordered_json(INT64_MIN)) == "-9223372036854775808");
  CHECK(dumpJson(ordered_json(UINT64_MAX)) == "18446744073709551615");
}

TEST_CASE("dumpJson replaces invalid UTF-8 by U+FFFD where nlohmann would throw", "[json]") {
  CHECK(dumpJson(ordered_json("a\xFF"
                              "b")) ==
        "\"a\xEF\xBF\xBD"
        "b\"");
  CHECK(dumpJson(ordered_json("\xC3")) == "\"\xEF\xBF\xBD\"");                  // truncated
  CHECK(dumpJson(ordered_json("\xC0\xAF")) == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
  CHECK(dumpJson(ordered_json("\xED\xA0\x80")) ==
        "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");                            // a surrogate
  CHECK(dumpJson(ordered_json("\xF4\x8F\xBF\xBF")) == "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF
}
