// Registry tests: lookups in the embedded registries and the rules Dynamo's exc.py applies.
#include "report/registry.h"

#include <catch2/catch.hpp>

namespace gbc::report {
namespace {

TEST_CASE("the embedded registries map gb_types to codes", "[report][registry]") {
  const Registry& r14 = registryFor(kTarget2_14);
  const Registry& r11 = registryFor(kTarget2_11);
  CHECK(r14.codeFor("Call to `torch._dynamo.graph_break()`") == "GB0025");
  CHECK(r11.codeFor("Call to `torch._dynamo.graph_break()`") == "GB0025");
  CHECK(r14.codeFor("graph break in loop") == "GB7000");
  CHECK(r14.codeFor("Data-dependent branching") == "GB0170");
  CHECK_FALSE(r14.codeFor("call to `torch._dynamo.graph_break()`"));  // exact match only
  CHECK(r14.codes().size() == 561);
  CHECK(r11.codes().size() == 421);
  CHECK(&registryFor(kTarget2_9) == &r11);  // 2.9 prints with 2.11's registry
}

TEST_CASE("a code lists its variants", "[report][registry]") {
  const Registry& registry = registryFor(kTarget2_14);
  auto entries = registry.entries("GB0025");
  REQUIRE_FALSE(entries.empty());
  CHECK(entries.front().gb_type == "Call to `torch._dynamo.graph_break()`");
  CHECK_FALSE(entries.front().hints.empty());
  CHECK(registry.entries("GB9999999").empty());
  std::vector<std::string> codes = registry.codes();
  CHECK(std::is_sorted(codes.begin(), codes.end()));
}

TEST_CASE("doc URLs use the code's digits", "[report][registry]") {
  CHECK(Registry::docUrl("GB0025") ==
        "https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0025.html");
  CHECK(registryFor(kTarget2_14).docUrlFor("graph break in loop") ==
        "https://meta-pytorch.github.io/compile-graph-break-site/gb/gb7000.html");
  CHECK_FALSE(registryFor(kTarget2_14).docUrlFor("no such type"));
}

TEST_CASE("a gb_type under two codes takes the later one in file order", "[report][registry]") {
  // exc.py's _load_gb_type_to_gb_id_map fills a dict in file order: the last entry wins.
  auto parsed = Registry::parse(R"({"GB0002": [{"Gb_type": "dup", "Context": "", "Explanation": "",
      "Hints": []}], "GB0001": [{"Gb_type": "dup", "Context": "c", "Explanation": "e",
      "Hints": ["h"]}]})");
  REQUIRE(parsed.has_value());
  CHECK(parsed->codeFor("dup") == "GB0001");
  CHECK(registryFor(kTarget2_14).codeFor("Failed to make weakref to User Object") == "GB0276");
}

TEST_CASE("a malformed registry is an error", "[report][registry]") {
  CHECK_FALSE(Registry::parse("{").has_value());
  CHECK_FALSE(Registry::parse("[]").has_value());
  CHECK_FALSE(Registry::parse(R"({"GB0001": 3})").has_value());
}

}  // namespace
}  // namespace gbc::report
