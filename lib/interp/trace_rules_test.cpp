// Tests of Dynamo's trace rules for code that is not the user's (trace_rules.cpp and the
// GB0007/GB0008 causes of causes_library.cpp): C functions of C modules, skipped standard-library
// files, modelled and constant-folded calls, and the skip reasons of both targets.
#include <catch2/catch.hpp>

#include <string>

#include "interp/driver.h"

using gbc::interp::Options;
using gbc::interp::runFile;

namespace {

gbc::report::FileReport analyze(const std::string& body,
                                const gbc::TargetProfile& target = gbc::kTarget2_14) {
  Options opt;
  opt.target = target;
  opt.run = true;
  opt.out = [](std::string_view) {};
  auto outcome = runFile("/tmp/gbc_trace_rules_test.py", "import torch\n" + body, opt);
  REQUIRE(outcome.has_value());
  return outcome->report;
}

/// The program's only graph break: its first message's gb_type and context.
std::pair<std::string, std::string> onlyBreak(const gbc::report::FileReport& r) {
  REQUIRE(r.graph_breaks.size() == 1);
  const auto& m = r.graph_breaks[0].messages.at(0);
  return {m.gb_type, m.context};
}

}  // namespace

TEST_CASE("a C function of a C module without a rule is skipped", "[interp][trace_rules]") {
  const std::string prog =
      "import os\n"
      "@torch.compile\n"
      "def fn(x):\n"
      "    return x + os.getpid() % 2\n"
      "fn(torch.ones(2))\n";
  auto [type, context] = onlyBreak(analyze(prog));
  CHECK(type == "Attempted to call function marked as skipped");
  CHECK(context ==
        "module: posix, qualname: getpid, skip reason: cannot determine source file for posix "
        "(likely a C extension or builtin)");
  // 2.11's SkipFunctionVariable carries no reason
  CHECK(onlyBreak(analyze(prog, gbc::kTarget2_11)).second ==
        "module: posix, qualname: getpid, skip reason: <missing reason>");
}

TEST_CASE("C functions Dynamo models do not break", "[interp][trace_rules]") {
  // math: constant folding; builtins: BuiltinVariable; os.fspath, sys.intern: polyfills
  auto r = analyze(
      "import math, os, sys\n"
      "@torch.compile\n"
      "def fn(x):\n"
      "    return x * math.sqrt(4.0) + len(os.fspath('ab')) + len(sys.intern('k')) + abs(-1)\n"
      "fn(torch.ones(2))\n");
  CHECK(r.graph_breaks.empty());
  CHECK(r.graphs.size() == 1);
}

TEST_CASE("a function of a skipped standard-library file is a SkipFunctionVariable",
          "[interp][trace_rules]") {
  const std::string prog =
      "import importlib\n"
      "@torch.compile\n"
      "def fn(x):\n"
      "    return x + importlib.import_module('math').pi\n"
      "fn(torch.ones(2))\n";
  auto [type, context] = onlyBreak(analyze(prog));
  CHECK(type == "Attempted to call function marked as skipped");
  CHECK(context ==
        "module: importlib, qualname: import_module, skip reason: file is under skip directory "
        "(/usr/lib/python3.14/importlib/)");
  // 2.11's SkipFunctionVariable carries no reason
  CHECK(onlyBreak(analyze(prog, gbc::kTarget2_11)).second ==
        "module: importlib, qualname: import_module, skip reason: <missing reason>");
}

TEST_CASE("a method of a skipped file looked up on an object is refused when inlined",
          "[interp][trace_rules]") {
  const std::string prog =
      "import importlib.abc\n"
      "class Finder(importlib.abc.MetaPathFinder):\n"
      "    pass\n"
      "finder = Finder()\n"
      "@torch.compile\n"
      "def fn(x):\n"
      "    finder.invalidate_caches()\n"
      "    return x + 1\n"
      "fn(torch.ones(2))\n";
  auto [type, context] = onlyBreak(analyze(prog));
  CHECK(type == "Attempted to inline function marked as skipped");
  CHECK(context ==
        "qualname: MetaPathFinder.invalidate_caches, name: invalidate_caches, filename: "
        "`/usr/lib/python3.14/importlib/abc.py`, skip reason: file is under skip directory "
        "(/usr/lib/python3.14/importlib/)");
}

TEST_CASE("standard-library files outside the skip lists are inlined", "[interp][trace_rules]") {
  // colorsys is inlined; time.perf_counter, called from the user's code, breaks
  auto r = analyze(
      "import colorsys\n"
      "@torch.compile\n"
      "def fn(x):\n"
      "    h, s, v = colorsys.rgb_to_hsv(0.2, 0.4, 0.6)\n"
      "    return x * h\n"
      "fn(torch.ones(2))\n");
  CHECK(r.graph_breaks.empty());
}
