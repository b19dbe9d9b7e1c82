// SourceText: line access for tracebacks.
#include "syntax/source.h"

#include <catch2/catch.hpp>

using gbc::syntax::SourceText;

TEST_CASE("lines are numbered from 1 and exclude their terminator", "[syntax][source]") {
  SourceText text("a = 1\nb = 2\r\n\nc = 3\rd");
  CHECK(text.lineCount() == 5);
  CHECK(text.line(1) == "a = 1");
  CHECK(text.line(2) == "b = 2");
  CHECK(text.line(3) == "");
  CHECK(text.line(4) == "c = 3");
  CHECK(text.line(5) == "d");
  CHECK(text.lineOffset(2) == 6);
}

TEST_CASE("out-of-range lines are empty", "[syntax][source]") {
  SourceText text("x\n");
  CHECK(text.lineCount() == 1);
  CHECK(text.line(0).empty());
  CHECK(text.line(2).empty());
  CHECK(text.lineOffset(7) == text.text().size());
}

TEST_CASE("an empty text has no lines", "[syntax][source]") {
  SourceText empty("");
  CHECK(empty.lineCount() == 0);
  CHECK(SourceText().lineCount() == 0);
}
