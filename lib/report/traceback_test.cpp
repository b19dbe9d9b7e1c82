// Traceback layout tests (CPython format_list, Dynamo SourceLocation.format).
#include "report/traceback.h"

#include "report/test_fixtures.h"

#include <catch2/catch.hpp>

namespace gbc::report {
namespace {

using namespace testing;

py::SourceMap sourcesOf(const std::string& text) {
  py::SourceMap sources;
  sources["f.py"] = std::make_shared<const std::string>(text);
  return sources;
}

TEST_CASE("a frame prints its stripped source line", "[report][traceback]") {
  py::SourceMap sources = sourcesOf("def f():\n    return g(x)   \n");
  CHECK(formatFrame(frame("f.py", 2, "f", 11, 15), sources, false) ==
        "  File \"f.py\", line 2, in f\n    return g(x)\n");
  SECTION("no source, or a blank line, prints the File line only") {
    CHECK(formatFrame(frame("g.py", 2, "f", 0, 1), sources, false) ==
          "  File \"g.py\", line 2, in f\n");
    CHECK(formatFrame(frame("f.py", 9, "f", 0, 1), sources, true) ==
          "  File \"f.py\", line 9, in f\n");
  }
}

TEST_CASE("a multi-line position prints the span's first and last lines", "[report][traceback]") {
  py::SourceMap sources = sourcesOf("def f():\n    y = g(\n        a,\n        b,\n        c)\n");
  FrameSummary at = frame("f.py", 2, "f", 8, 9);
  at.end_line = 5;
  std::string text = formatFrame(at, sources, true);
  CHECK(text.rfind("  File \"f.py\", line 2, in f\n    y = g(\n    ...<2 lines>...\n        c)\n",
                   0) == 0);
  SECTION("without caret lines (Python 3.12) only the first line") {
    CHECK(formatFrame(at, sources, false) == "  File \"f.py\", line 2, in f\n    y = g(\n");
  }
}

TEST_CASE("a source location keeps the line's indentation", "[report][traceback]") {
  py::SourceMap sources = sourcesOf("def f():\n    with open(p) as f:\n");
  CHECK(formatSourceLocation(frameWithoutColumns("f.py", 2, ""), sources) ==
        "  File \"f.py\", line 2\n        with open(p) as f:");
  CHECK(formatSourceLocation(frameWithoutColumns("nope.py", 2, ""), sources) ==
        "  File \"nope.py\", line 2");
  SECTION("a span without an anchor is all carets") {
    py::SourceMap names = sourcesOf("    ys = [g(x) for x in xs]\n");
    CHECK(formatSourceLocation(frame("f.py", 1, "", 24, 26), names) ==
          "  File \"f.py\", line 1\n        ys = [g(x) for x in xs]\n" + std::string(28, ' ') +
              "^^");
  }
}

TEST_CASE("format_list joins the frames", "[report][traceback]") {
  py::SourceMap sources = sourcesOf("a()\nb()\n");
  std::vector<FrameSummary> frames = {frameWithoutColumns("f.py", 1, "<module>"),
                                      frameWithoutColumns("f.py", 2, "a")};
  CHECK(formatFrameList(frames, sources, true) ==
        "  File \"f.py\", line 1, in <module>\n    a()\n  File \"f.py\", line 2, in a\n    b()\n");
}

}  // namespace
}  // namespace gbc::report
