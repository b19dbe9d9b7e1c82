// Python string helper tests: each expectation is what CPython 3.14 returns.
#include "report/pytext.h"

#include <catch2/catch.hpp>

namespace gbc::report::py {
namespace {

TEST_CASE("textwrap.indent skips whitespace-only lines", "[report][pytext]") {
  CHECK(indent("a\n\n b\n  \nc", "    ") == "    a\n\n     b\n  \n    c");
  CHECK(indentAll("a\n\nb\n", "> ") == "> a\n> \n> b\n");
}

TEST_CASE("indentContinuation is textwrap.indent(part, 4 spaces).lstrip()", "[report][pytext]") {
  CHECK(indentContinuation("one") == "one");
  CHECK(indentContinuation("one\ntwo") == "one\n    two");
  CHECK(indentContinuation("\n  x\n") == "x\n");
  CHECK(indentContinuation("") == "");
}

TEST_CASE("textwrap.dedent removes the common margin", "[report][pytext]") {
  CHECK(dedent("    a\n      b\n") == "a\n  b\n");
  CHECK(dedent("  a\n   \n  b") == "a\n\nb");
  CHECK(dedent("a\n  b") == "a\n  b");
}

TEST_CASE("splitlines keeps the line ends Python recognises", "[report][pytext]") {
  std::vector<std::string_view> lines = splitLinesKeepEnds("a\r\nb\rc\nd");
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "a\r\n");
  CHECK(lines[1] == "b\r");
  CHECK(lines[3] == "d");
}

TEST_CASE("sourceLine reads lines like linecache.getline", "[report][pytext]") {
  SourceMap sources;
  sources["f.py"] = std::make_shared<const std::string>("one\r\ntwo\rthree\nfour");
  CHECK(sourceLine(sources, "f.py", 1) == "one");
  CHECK(sourceLine(sources, "f.py", 2) == "two");
  CHECK(sourceLine(sources, "f.py", 3) == "three");
  CHECK(sourceLine(sources, "f.py", 4) == "four");
  CHECK(sourceLine(sources, "f.py", 5).empty());
  CHECK(sourceLine(sources, "f.py", 0).empty());
  CHECK(sourceLine(sources, "missing.py", 1).empty());
}

TEST_CASE("byte offsets become character offsets", "[report][pytext]") {
  CHECK(byteToCharOffset("x = 'é' + y", 9) == 8);
  CHECK(charCount("é") == 1);
  CHECK(strip("  a b \t") == "a b");
}

}  // namespace
}  // namespace gbc::report::py
