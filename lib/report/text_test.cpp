// Formatter tests: hand-built records rendered and compared with texts recorded from real Dynamo
// (testdata/conformance/expected/<target>/<case>.json, `text` / `stdout`; the first line of a
// record is not part of the recorded `text` and is added here).
#include "report/text.h"

#include "report/test_fixtures.h"

#include <catch2/catch.hpp>

namespace gbc::report {
namespace {

using namespace testing;

constexpr const char* kGraphBreakMessage = R"(Call to `torch._dynamo.graph_break()`
  Explanation: User-inserted graph break. Message: None
  Hint: Remove the `torch._dynamo.graph_break()` call.

  Developer debug context: Called `torch._dynamo.graph_break()` with args `[]`, kwargs `{}`

 For more details about this graph break, please visit: https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0025.html)";

TEST_CASE("a gb message is laid out as exc.py formats it", "[report][text]") {
  const Registry& registry = registryFor(kTarget2_14);
  CHECK(renderGbMessage(graphBreakCall(), registry) == kGraphBreakMessage);

  SECTION("an unknown gb_type has no doc link") {
    GbMessage message{"Not a registered type", "why", {"hint"}, "ctx"};
    CHECK(renderGbMessage(message, registry) ==
          "Not a registered type\n  Explanation: why\n  Hint: hint\n\n"
          "  Developer debug context: ctx");
  }
  SECTION("no hints leave an empty line") {
    GbMessage message{"Not a registered type", "why", {}, "ctx"};
    CHECK(renderGbMessage(message, registry) ==
          "Not a registered type\n  Explanation: why\n\n\n  Developer debug context: ctx");
  }
  SECTION("continuation lines are indented by four, blank lines stay empty") {
    GbMessage message{"T", "first\n\n  second", {"a\nb"}, " c"};
    CHECK(renderGbMessage(message, registry) ==
          "T\n  Explanation: first\n\n      second\n  Hint: a\n    b\n\n"
          "  Developer debug context: c");
  }
}

TEST_CASE("a full record on 2.11 matches seed_02", "[report][text]") {
  FileReport file = fileWith(kSeed02);
  GraphBreak brk = seed02Break(240, /*collapse_same_name=*/false);
  std::string expected = std::string("Graph break in user code at <case>:6\n") +
                         "Graph Break Reason: Encountered graph break when attempting to trace "
                         "CALL: a function call, e.g. f(x, y):\n\n" +
                         kGraphBreakMessage + R"(

User code traceback:
  File "<case>", line 19, in <module>
    print(fn(torch.randn(3)))
  File "<torch>/_dynamo/external_utils.py", line 240, in inner
    return func(*args, **kwargs)
  File "<case>", line 16, in fn
    return inner(x)
  File "<case>", line 10, in inner
    return code_with_a_difficult_graph_break(x)
  File "<torch>/_dynamo/external_utils.py", line 240, in inner
    return func(*args, **kwargs)
  File "<case>", line 6, in code_with_a_difficult_graph_break
    torch._dynamo.graph_break()
)";
  CHECK(renderRecord(brk, file, kTarget2_11) == expected);

  SECTION("a frame without readable source prints only its File line") {
    brk.user_stack.insert(brk.user_stack.begin(),
                          frameWithoutColumns("<frozen runpy>", 88, "_run_code"));
    std::string record = renderRecord(brk, file, kTarget2_11);
    CHECK(record.find("User code traceback:\n  File \"<frozen runpy>\", line 88, in _run_code\n"
                      "  File \"<case>\", line 19") != std::string::npos);
  }
}

TEST_CASE("a duplicate record is the two-line suppressed form", "[report][text]") {
  FileReport file = fileWith(kSeed02);
  GraphBreak brk = seed02Break(215, true);
  brk.duplicate = true;
  brk.instruction = "CALL_FUNCTION_EX";
  brk.frame_id = "2/0";
  std::string expected =
      std::string(
          "Graph break (user stack suppressed due to duplicate graph break) in user code at "
          "<case>:6\nGraph Break Reason: Encountered graph break when attempting to trace "
          "CALL_FUNCTION_EX: a variadic function call, e.g. f(*args):\n\n") +
      kGraphBreakMessage;
  CHECK(renderRecord(brk, file, kTarget2_14) == expected);
}

TEST_CASE("a jump record has the gb message alone as its reason", "[report][text]") {
  // basic_17 on 2.11: the explanation carries an indented continuation paragraph on 2.14.
  FileReport file = fileWith(
      "import torch\n\n@torch.compile\ndef fn(x):\n    y = x * 2\n"
      "    if y.sum() > 0:\n        return y + 1\n    return y - 1\n\n"
      "print(fn(torch.tensor([1.0, 2.0])))\n");
  GraphBreak brk;
  brk.kind = RecordKind::Jump;
  brk.messages = {GbMessage{
      "Data-dependent branching",
      "Detected data-dependent branching (e.g. `if my_tensor.sum() > 0:`). Dynamo does not "
      "support tracing dynamic control flow.",
      {"This graph break is fundamental - it is unlikely that Dynamo will ever be able to trace "
       "through your code. Consider finding a workaround.",
       "Use `torch.cond` to express dynamic control flow."},
      "attempted to jump with TensorVariable()"}};
  brk.location = frame("<case>", 6, "fn", 7, 18);
  brk.user_stack = {frame("<case>", 10, "<module>", 6, 34), brk.location};
  CHECK(renderRecord(brk, file, kTarget2_11) == R"(Graph break in user code at <case>:6
Graph Break Reason: Data-dependent branching
  Explanation: Detected data-dependent branching (e.g. `if my_tensor.sum() > 0:`). Dynamo does not support tracing dynamic control flow.
  Hint: This graph break is fundamental - it is unlikely that Dynamo will ever be able to trace through your code. Consider finding a workaround.
  Hint: Use `torch.cond` to express dynamic control flow.

  Developer debug context: attempted to jump with TensorVariable()

 For more details about this graph break, please visit: https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0170.html

User code traceback:
  File "<case>", line 10, in <module>
    print(fn(torch.tensor([1.0, 2.0])))
  File "<case>", line 6, in fn
    if y.sum() > 0:
)");
}

TEST_CASE("chained messages follow the first after the While handling line", "[report][text]") {
  // cause_13 on 2.11: a break in a while loop, then the frame is skipped.
  FileReport file = fileWith(
      "import torch\n\n@torch.compile\ndef fn(x):\n    i = 0\n"
      "    while i < 2:\n        x = x * 2\n"
      "        torch._dynamo.graph_break()\n        i += 1\n"
      "    return x\n\nprint(fn(torch.ones(2)))\n");
  GraphBreak brk;
  brk.kind = RecordKind::FailedGracefully;
  brk.messages = {graphBreakCall(),
                  graphBreakInLoop("frame skipped: fn (cause_13_break_in_while_loop/"
                                   "cause_13_break_in_while_loop.py line 3)")};
  brk.location = frame("<case>", 8, "fn", 8, 35);
  brk.user_stack = {frame("<case>", 12, "<module>", 6, 23), brk.location};
  CHECK(renderRecord(brk, file, kTarget2_11) ==
        std::string("Graph break in user code at <case>:8\nGraph Break Reason: Failed to handle "
                    "graph break gracefully. Skipping the function and falling back to eager. "
                    "Graph break encountered:\n\n") +
            kGraphBreakMessage + R"(

*** While handling this graph break, another graph break occurred: ***

graph break in loop
  Explanation: torch.compile detected a graph break in a for/while loop. Skipping the frame and falling back to eager, as graph breaks in loops are not supported.
  Hint: This graph break may have been caused by an earlier graph break. Resolving the earlier graph break may resolve this one.

  Developer debug context: frame skipped: fn (cause_13_break_in_while_loop/cause_13_break_in_while_loop.py line 3)

 For more details about this graph break, please visit: https://meta-pytorch.github.io/compile-graph-break-site/gb/gb7000.html

User code traceback:
  File "<case>", line 12, in <module>
    print(fn(torch.ones(2)))
  File "<case>", line 8, in fn
    torch._dynamo.graph_break()
)");
}

TEST_CASE("the Unsupported text is str(e) of the exception", "[report][text]") {
  FileReport file = fileWith(kSeed05);
  std::string expected = std::string(kGraphBreakMessage) + R"(

from user code:
   File "<case>", line 17, in torch_dynamo_resume_in_fn_at_16
    return inner(x)
  File "<case>", line 10, in inner
    return inner2(x)
  File "<torch>/_dynamo/external_utils.py", line 240, in inner
    return func(*args, **kwargs)
  File "<case>", line 6, in inner2
    torch._dynamo.graph_break()  # error

Set TORCHDYNAMO_VERBOSE=1 for the internal stack trace (please do this especially if you're reporting a bug to PyTorch). For even more developer context, set TORCH_LOGS="+dynamo"
)";
  CHECK(renderUnsupported(seed05Error(240), file, kTarget2_11) == expected);
}

TEST_CASE("2.14 records use an attribution section without columns as recorded", "[report][text]") {
  // cause_04 on 2.14, record 1/0: a value passed into the resume function has no columns, so the
  // attribution prints the source line only. Traceback frames here have no columns either.
  FileReport file = fileWith(
      "import os\nimport torch\n\n@torch.compile\ndef fn(x):\n"
      "    x = x + 1\n    with open(os.devnull) as f:\n        f.read()\n"
      "    return x * 2\n\nprint(fn(torch.ones(2)))\n");
  GraphBreak brk;
  brk.kind = RecordKind::FailedGracefully;
  brk.messages = {
      GbMessage{"Unsupported context manager",
                "Dynamo does not know how to enter a `TextIOWrapper` context manager.",
                {"Avoid using the unsupported context manager."},
                "Attempted SETUP_WITH/BEFORE_WITH/LOAD_SPECIAL on "
                "LazyVariableTracker(realized: UserDefinedObjectVariable(TextIOWrapper))"}};
  brk.location = frameWithoutColumns("<case>", 7, "fn");
  brk.user_stack = {frameWithoutColumns("<case>", 11, "<module>"), brk.location};
  brk.attribution = {{"LazyVariableTracker(realized: UserDefinedObjectVariable(TextIOWrapper))",
                      frameWithoutColumns("<case>", 7, "")}};
  std::string record = renderRecord(brk, file, kTarget2_14);
  CHECK(record.find(R"(gb0142.html

Stack variable source attribution:
  LazyVariableTracker(realized: UserDefinedObjectVariable(TextIOWrapper)) originated from:
  File "<case>", line 7
        with open(os.devnull) as f:

User code traceback:
  File "<case>", line 11, in <module>
    print(fn(torch.ones(2)))
  File "<case>", line 7, in fn
    with open(os.devnull) as f:
)") != std::string::npos);

  SECTION("2.11 has no attribution section") {
    CHECK(renderRecord(brk, file, kTarget2_11).find("Stack variable") == std::string::npos);
  }
}

TEST_CASE("2.9 records have no instruction prefix and no blank line before the traceback",
          "[report][text]") {
  FileReport file = fileWith(kSeed02);
  GraphBreak brk = seed02Break(209, false);
  std::string record = renderRecord(brk, file, kTarget2_9);
  CHECK(record.rfind(std::string("Graph break in user code at <case>:6\nGraph Break Reason: ") +
                         kGraphBreakMessage + "\nUser code traceback:\n  File \"<case>\", line 19",
                     0) == 0);
}

TEST_CASE("2.14 records carry Python 3.14 caret lines", "[report][text][carets]") {
  FileReport file = fileWith(kSeed02);
  std::string expected = std::string("Graph break in user code at <case>:6\n") +
                         "Graph Break Reason: Encountered graph break when attempting to trace "
                         "CALL: a function call, e.g. f(x, y):\n\n" +
                         kGraphBreakMessage + R"(

User code traceback:
  File "<case>", line 19, in <module>
    print(fn(torch.randn(3)))
          ~~^^^^^^^^^^^^^^^^
  File "<torch>/_dynamo/external_utils.py", line 215, in inner
    return func(*args, **kwargs)
  File "<case>", line 16, in fn
    return inner(x)
  File "<torch>/_dynamo/external_utils.py", line 215, in inner
    return func(*args, **kwargs)
  File "<case>", line 6, in code_with_a_difficult_graph_break
    torch._dynamo.graph_break()
    ~~~~~~~~~~~~~~~~~~~~~~~~~^^
)";
  CHECK(renderRecord(seed02Break(215, true), file, kTarget2_14) == expected);
}

TEST_CASE("2.14 attribution markers anchor like Dynamo's format_source_range",
          "[report][text][carets]") {
  // doc__programming_model.skipped_functions__02 on 2.14: the loop iterator below the break.
  FileReport file = fileWith(
      "# source: docs/source/user_guide/torch_compiler/compile/programming_model.skipped_"
      "functions.md\nimport torch\n\n\n@torch.compile\ndef fn(x):\n    for i in range(5):\n"
      "        x = x + 1\n        if i == 3:\n            torch._dynamo.graph_break()\n"
      "    return x\nprint(fn(torch.arange(3, dtype=torch.float32)))\n");
  GraphBreak brk;
  brk.kind = RecordKind::FailedGracefully;
  brk.messages = {graphBreakCall(),
                  graphBreakInLoop("frame skipped: fn (doc__programming_model.skipped_functions__"
                                   "02/doc__programming_model.skipped_functions__02.py line 5)")};
  brk.location = frame("<case>", 10, "fn", 12, 39);
  brk.user_stack = {frame("<case>", 12, "<module>", 6, 46), brk.location};
  brk.attribution = {{"RangeIteratorVariable()", frame("<case>", 7, "", 13, 21)}};
  std::string record = renderRecord(brk, file, kTarget2_14);
  CHECK(record.find(R"(gb7000.html

Stack variable source attribution:
  RangeIteratorVariable() originated from:
  File "<case>", line 7
        for i in range(5):
                 ~~~~~^^^

User code traceback:
  File "<case>", line 12, in <module>
    print(fn(torch.arange(3, dtype=torch.float32)))
          ~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "<case>", line 10, in fn
    torch._dynamo.graph_break()
    ~~~~~~~~~~~~~~~~~~~~~~~~~^^
)") != std::string::npos);
}

TEST_CASE("the 2.14 Unsupported text has caret lines", "[report][text][carets]") {
  FileReport file = fileWith(kSeed05);
  std::string text = renderUnsupported(seed05Error(215), file, kTarget2_14);
  CHECK(text.find(R"(  File "<case>", line 6, in inner2
    torch._dynamo.graph_break()  # error
    ~~~~~~~~~~~~~~~~~~~~~~~~~^^

Set TORCHDYNAMO_VERBOSE=1)") != std::string::npos);
}
TEST_CASE("the summary counts breaks, unique breaks, errors, graphs and files", "[report][text]") {
  Report report;
  report.files.resize(1);
  FileReport& file = report.files.front();
  file.graph_breaks.resize(4);
  for (std::size_t i = 1; i < 4; ++i) file.graph_breaks[i].duplicate = true;
  file.graphs.resize(3);
  CHECK(renderSummary(report) == "gbc: 4 graph breaks (1 unique), 0 errors, 3 graphs in 1 file");
  file.graph_breaks.resize(1);
  file.errors.resize(1);
  file.graphs.resize(1);
  report.files.resize(2);
  CHECK(renderSummary(report) == "gbc: 1 graph break (1 unique), 1 error, 1 graph in 2 files");
  report.files[1].stopped = Stop{Stop::Reason::UncaughtException, "/abs/t.py", 12,
                                 "FileNotFoundError: [Errno 2] No such file or directory: 'x'"};
  CHECK(renderSummary(report) ==
        "gbc: 1 graph break (1 unique), 1 error, 1 graph in 2 files; "
        "1 of 2 files not analysed to the end");
  CHECK(renderStopNote(*report.files[1].stopped) ==
        "/abs/t.py:12: note: the program stopped here on an uncaught FileNotFoundError; the rest "
        "of it was not analysed\n");
}

TEST_CASE("file text interleaves records and errors by seq", "[report][text]") {
  FileReport file = fileWith(kSeed05);
  GraphBreak brk = seed02Break(240, false);
  brk.duplicate = true;
  brk.seq = 2;
  UnsupportedError error = seed05Error(240);
  error.seq = 1;
  file.graph_breaks.push_back(brk);
  file.errors.push_back(error);
  file.diagnostics.push_back({Severity::Warning, "", 3, 5, "gbc cannot model this"});
  std::string text = renderFileText(file, kTarget2_11);
  std::size_t error_at = text.find("from user code:");
  std::size_t break_at = text.find("Graph break (user stack suppressed");
  REQUIRE(error_at != std::string::npos);
  REQUIRE(break_at != std::string::npos);
  CHECK(error_at < break_at);
  CHECK(text.find("<case>:3:5: warning: gbc cannot model this\n") != std::string::npos);
  // a position without a column prints none (columns are 1-based)
  file.diagnostics.front().column = 0;
  CHECK(renderFileText(file, kTarget2_11).find("<case>:3: warning: gbc cannot model this\n") !=
        std::string::npos);
}

TEST_CASE("gbc codes lists the registry and prints an entry", "[report][text]") {
  const Registry& registry = registryFor(kTarget2_14);
  std::string list = renderCodeList(registry);
  CHECK(list.find("GB0025  Call to `torch._dynamo.graph_break()`\n") != std::string::npos);
  std::string entry = renderCodeEntry(registry, "GB0025");
  CHECK(entry.rfind(
            "GB0025  https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0025.html\n\n"
            "  Gb_type: Call to `torch._dynamo.graph_break()`\n",
            0) == 0);
  CHECK(renderCodeEntry(registry, "GB99999").empty());
}

}  // namespace
}  // namespace gbc::report
