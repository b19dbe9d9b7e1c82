// Tests of the Dynamo simulation through short programs: scopes (fullgraph,
// error_on_graph_break), duplicate suppression, resume functions, frame ids, caching.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "interp/driver.h"

using gbc::interp::Options;
using gbc::interp::runFile;

namespace {

struct Run {
  gbc::report::FileReport report;
  std::string out;
};

Run analyze(const std::string& body, const gbc::TargetProfile& target = gbc::kTarget2_14) {
  Options opt;
  opt.target = target;
  opt.run = true;
  Run r;
  opt.out = [&r](std::string_view s) { r.out += s; };
  auto outcome = runFile("/tmp/gbc_dynamo_test.py", "import torch\n" + body, opt);
  REQUIRE(outcome.has_value());
  r.report = outcome->report;
  return r;
}

std::vector<std::string> frameIds(const Run& r) {
  std::vector<std::string> ids;
  for (const auto& b : r.report.graph_breaks) ids.push_back(b.frame_id + (b.duplicate ? "d" : ""));
  return ids;
}

std::vector<std::string> graphFrames(const Run& r) {
  std::vector<std::string> out;
  for (const auto& g : r.report.graphs) out.push_back(g.frame);
  return out;
}

}  // namespace

TEST_CASE("a break in the root frame resumes in a resume function", "[interp][dynamo]") {
  Run r = analyze(
      "@torch.compile\n"
      "def fn(x):\n"
      "    x = x + 1\n"
      "    torch._dynamo.graph_break()\n"
      "    return x * 2\n"
      "print(fn(torch.ones(2)))\n");
  CHECK(frameIds(r) == std::vector<std::string>{"0/0"});
  CHECK(graphFrames(r) == std::vector<std::string>{"fn", "torch_dynamo_resume_in_fn_at_5"});
  CHECK(r.out == "tensor([4., 4.])\n");
  REQUIRE(r.report.graph_breaks.size() == 1);
  CHECK(r.report.graph_breaks[0].instruction == "CALL");
  CHECK(r.report.graph_breaks[0].location.line == 5);
}

TEST_CASE("a nested break is logged once in full, then as duplicates (dedup key)",
          "[interp][dynamo]") {
  Run r = analyze(
      "def helper(x):\n"
      "    torch._dynamo.graph_break()\n"
      "    return x * 2\n"
      "@torch.compile\n"
      "def f1(x):\n"
      "    return helper(x + 1)\n"
      "@torch.compile\n"
      "def f2(x):\n"
      "    return helper(x - 1)\n"
      "f1(torch.ones(2))\n"
      "f2(torch.ones(2))\n");
  // f1 [0/0] full, helper [1/0] dup, f2 [3/0] dup (id 2 is helper's resume function)
  CHECK(frameIds(r) == std::vector<std::string>{"0/0", "1/0d", "3/0d"});
}

TEST_CASE("error_on_graph_break scopes decide by the innermost setting",
          "[interp][dynamo][scopes]") {
  SECTION("False inside True allows the break") {
    Run r = analyze(
        "@torch._dynamo.error_on_graph_break(False)\n"
        "def inner(x):\n"
        "    torch._dynamo.graph_break()\n"
        "    return x + 1\n"
        "@torch._dynamo.error_on_graph_break(True)\n"
        "@torch.compile\n"
        "def fn(x):\n"
        "    return inner(x)\n"
        "print(fn(torch.ones(2)))\n");
    CHECK(r.report.errors.empty());
    CHECK_FALSE(r.report.graph_breaks.empty());
  }
  SECTION("True inside a default compile raises Unsupported") {
    Run r = analyze(
        "@torch._dynamo.error_on_graph_break(True)\n"
        "def inner(x):\n"
        "    torch._dynamo.graph_break()\n"
        "    return x + 1\n"
        "@torch.compile\n"
        "def fn(x):\n"
        "    return inner(x)\n"
        "try:\n"
        "    fn(torch.ones(2))\n"
        "except Exception as e:\n"
        "    print(type(e).__name__)\n");
    CHECK(r.out == "Unsupported\n");
    CHECK(r.report.graph_breaks.empty());
    CHECK(r.report.caught_errors.size() == 1);
  }
  SECTION("fullgraph wins over error_on_graph_break(False)") {
    Run r = analyze(
        "@torch.compile(fullgraph=True)\n"
        "def fn(x):\n"
        "    with torch._dynamo.error_on_graph_break(False):\n"
        "        torch._dynamo.graph_break()\n"
        "    return x\n"
        "try:\n"
        "    fn(torch.ones(2))\n"
        "except Exception as e:\n"
        "    print(e)\n");
    CHECK(r.report.errors.size() == 1);
    CHECK(r.out.find("from user code:") != std::string::npos);
  }
}

TEST_CASE("a break inside a loop skips the frame (graph break in loop)", "[interp][dynamo]") {
  Run r = analyze(
      "@torch.compile\n"
      "def fn(x):\n"
      "    for i in range(2):\n"
      "        x = x * 2\n"
      "        torch._dynamo.graph_break()\n"
      "    return x\n"
      "print(fn(torch.ones(2)))\n");
  REQUIRE(r.report.graph_breaks.size() == 1);
  CHECK(r.report.graph_breaks[0].kind == gbc::report::RecordKind::FailedGracefully);
  REQUIRE(r.report.graph_breaks[0].messages.size() == 2);
  CHECK(r.report.graph_breaks[0].messages[1].gb_type == "graph break in loop");
  CHECK(r.report.graphs.empty());
  CHECK(r.out == "tensor([4., 4.])\n");
}

TEST_CASE("a second call with the same shapes reuses the compiled frames",
          "[interp][dynamo][cache]") {
  Run r = analyze(
      "@torch.compile\n"
      "def fn(x):\n"
      "    x = x + 1\n"
      "    torch._dynamo.graph_break()\n"
      "    return x\n"
      "fn(torch.ones(2))\n"
      "fn(torch.ones(2))\n"
      "fn(torch.ones(3))\n");
  // the third call recompiles (new shape): the record is a duplicate with compile id 1
  CHECK(frameIds(r) == std::vector<std::string>{"0/0", "0/1d"});
  CHECK(graphFrames(r) == std::vector<std::string>{"fn", "fn"});  // the resume function has no ops
}

TEST_CASE("the wrapper frame of error_on_graph_break is at the target's line",
          "[interp][dynamo][target]") {
  const char* program =
      "@torch._dynamo.error_on_graph_break(False)\n"
      "def inner(x):\n"
      "    torch._dynamo.graph_break()\n"
      "    return x + 1\n"
      "@torch._dynamo.error_on_graph_break(True)\n"
      "@torch.compile\n"
      "def fn(x):\n"
      "    return inner(x)\n"
      "fn(torch.ones(2))\n";
  Run r14 = analyze(program, gbc::kTarget2_14);
  Run r11 = analyze(program, gbc::kTarget2_11);
  REQUIRE_FALSE(r14.report.graphs.empty());
  CHECK(r14.report.graphs.back().frame == "torch_dynamo_resume_in_inner_at_215");
  REQUIRE_FALSE(r11.report.graphs.empty());
  CHECK(r11.report.graphs.back().frame == "torch_dynamo_resume_in_inner_at_240");
}

TEST_CASE(
    "2.14 attributes the values left on the root's stack to the instructions that pushed them",
    "[interp][dynamo]") {
  // recorded with PyTorch 2.14.1 (oracle): the local's variable was made, and realized, by its
  // first load on line 4
  Run r = analyze(
      "@torch.compile\n"
      "def fn(x):\n"
      "    y = x.sum()\n"
      "    return x + y.item()\n"
      "fn(torch.ones(2))\n");
  REQUIRE(r.report.graph_breaks.size() == 1);
  const auto& attribution = r.report.graph_breaks[0].attribution;
  REQUIRE(attribution.size() == 1);
  CHECK(attribution[0].repr == "TensorVariable()");
  CHECK(attribution[0].where.line == 4);
  CHECK(attribution[0].where.col == 8);
  CHECK(attribution[0].where.end_col == 9);
  // a constant and a global callable below the breaking call (also recorded)
  Run s = analyze(
      "@torch.compile\n"
      "def fn(x):\n"
      "    y = x.sum()\n"
      "    return 'a' + str(y.item())\n"
      "fn(torch.ones(2))\n");
  REQUIRE_FALSE(s.report.graph_breaks.empty());
  const auto& two = s.report.graph_breaks[0].attribution;
  REQUIRE(two.size() == 2);
  CHECK(two[0].repr == "ConstantVariable(str: 'a')");
  CHECK(two[1].repr == "LazyVariableTracker(unrealized: <class 'type'>)");
  CHECK(two[1].where.col == 17);
  // 2.11 has no such section
  CHECK(analyze("@torch.compile\n"
                "def fn(x):\n"
                "    y = x.sum()\n"
                "    return x + y.item()\n"
                "fn(torch.ones(2))\n",
                gbc::kTarget2_11)
            .report.graph_breaks[0]
            .attribution.empty());
}

TEST_CASE("a local's variable keeps the position where it was made", "[interp][dynamo]") {
  // recorded with PyTorch 2.14.1 (oracle): TupleVariable(length=2) from line 4, `str` on line 6
  Run r = analyze(
      "@torch.compile\n"
      "def fn(x):\n"
      "    t = (1, 2)\n"
      "    y = x.sum()\n"
      "    return t + (str(y.item()),)\n"
      "fn(torch.ones(2))\n");
  REQUIRE_FALSE(r.report.graph_breaks.empty());
  const auto& a = r.report.graph_breaks[0].attribution;
  REQUIRE(a.size() == 2);
  CHECK(a[0].repr == "TupleVariable(length=2)");
  CHECK(a[0].where.line == 4);
  CHECK(a[1].repr == "LazyVariableTracker(unrealized: <class 'type'>)");
  CHECK(a[1].where.line == 6);
}

TEST_CASE("stack attribution is left out where gbc does not know a value's repr",
          "[interp][dynamo]") {
  // a set local below the call: its repr is not modelled
  Run r = analyze(
      "@torch.compile\n"
      "def fn(x):\n"
      "    s = {1}\n"
      "    y = x.sum()\n"
      "    return s | {str(y.item())}\n"
      "fn(torch.ones(2))\n");
  REQUIRE_FALSE(r.report.graph_breaks.empty());
  CHECK(r.report.graph_breaks[0].attribution.empty());
}
