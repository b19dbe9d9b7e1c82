// Caret lines under traceback source lines, checked against what CPython 3.13/3.14 prints.
#include "syntax/carets.h"

#include <catch2/catch.hpp>

#include <string>

using gbc::syntax::attributionCaretLine;
using gbc::syntax::tracebackCaretLine;

namespace {

/// The caret line for the first occurrence of `segment` in `line`.
std::optional<std::string> caretsFor(const std::string& line, const std::string& segment) {
  size_t col = line.find(segment);
  REQUIRE(col != std::string::npos);
  return tracebackCaretLine(line, static_cast<uint32_t>(col),
                            static_cast<uint32_t>(col + segment.size()));
}

}  // namespace

TEST_CASE("a call inside a larger expression: callee ~, parentheses and arguments ^",
          "[syntax][carets]") {
  CHECK(caretsFor("print(fn(torch.randn(3)))", "fn(torch.randn(3))") == "      ~~^^^^^^^^^^^^^^^^");
  CHECK(caretsFor("    print(fn(torch.randn(3)))", "fn(torch.randn(3))") ==
        "      ~~^^^^^^^^^^^^^^^^");
  CHECK(caretsFor("    return x + y.item()", "y.item()") == "           ~~~~~~^^");
  CHECK(caretsFor("    return mid(x) - 1", "mid(x)") == "       ~~~^^^");
  CHECK(caretsFor("    return self._call_impl(*args, **kwargs)",
                  "self._call_impl(*args, **kwargs)") == "       ~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^");
  CHECK(caretsFor("        with torch._dynamo.error_on_graph_break(False):",
                  "torch._dynamo.error_on_graph_break(False)") ==
        "     ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^");
}

TEST_CASE("a call that is the whole line still gets carets when it has anchors",
          "[syntax][carets]") {
  CHECK(caretsFor("    torch._dynamo.graph_break()", "torch._dynamo.graph_break()") ==
        "~~~~~~~~~~~~~~~~~~~~~~~~~^^");
  CHECK(caretsFor("torch._dynamo.graph_break()  # no error", "torch._dynamo.graph_break()") ==
        "~~~~~~~~~~~~~~~~~~~~~~~~~^^");
}

TEST_CASE("subscripts: value ~, brackets and slice ^", "[syntax][carets]") {
  CHECK(caretsFor("    y = x[x > 0]", "x[x > 0]") == "    ~^^^^^^^");
  CHECK(caretsFor("z = (a)[0] + 1", "(a)[0]") == "    ~~~^^^");
}

TEST_CASE("binary operators: operands ~, the operator ^", "[syntax][carets]") {
  CHECK(caretsFor("    return a + b", "a + b") == "       ~~^~~");
  CHECK(caretsFor("x = a // b", "a // b") == "    ~~^^~~");
  CHECK(caretsFor("x = a+b", "a+b") == "    ~^~");
  CHECK(caretsFor("x = (a) * (b)", "(a) * (b)") == "    ~~~~^~~~~");
  CHECK(caretsFor("x = a ** -b", "a ** -b") == "    ~~^^~~~");
}

TEST_CASE("no anchors: all ^ when the line has text outside the position", "[syntax][carets]") {
  CHECK(caretsFor("    if y.sum() > 0:", "y.sum() > 0") == "   ^^^^^^^^^^^");
  CHECK(caretsFor("    print(x.attr)", "x.attr") == "      ^^^^^^");
}

TEST_CASE("no caret line where CPython prints none", "[syntax][carets]") {
  CHECK_FALSE(caretsFor("    return inner(x)", "inner(x)"));
  CHECK_FALSE(caretsFor("    return func(*args, **kwargs)", "func(*args, **kwargs)"));
  CHECK_FALSE(caretsFor("    x = helper(x)", "helper(x)"));
  CHECK_FALSE(caretsFor("    t = time.time()", "time.time()"));
  // The whole line, no anchors.
  CHECK_FALSE(caretsFor("    x", "x"));
  CHECK_FALSE(caretsFor("    raise ValueError", "raise ValueError"));
}

TEST_CASE("return of an attribute call and tuple targets keep their carets", "[syntax][carets]") {
  // `return obj.f()`: the callee is not a plain Name.
  CHECK(caretsFor("    return obj.f()", "obj.f()") == "       ~~~~~^^");
  // `a, b = f()`: not a single Name target.
  CHECK(caretsFor("    a, b = f()", "f()") == "       ~^^");
}

TEST_CASE("the whole-statement call test without a parse agrees with the parse",
          "[syntax][carets]") {
  // Shapes the lexical pre-check passes on to the parser: spaces, parentheses, a comment.
  CHECK_FALSE(caretsFor("    x = helper (x)", "helper (x)"));
  CHECK_FALSE(caretsFor("    return (inner(x))", "inner(x)"));
  CHECK_FALSE(caretsFor("    y=f(x)  # note", "f(x)"));
  // Shapes it refuses at once: they keep their carets.
  CHECK(caretsFor("    x = y = f()", "f()") == "        ~^^");
  CHECK(caretsFor("    x += f()", "f()") == "     ~^^");
  CHECK(caretsFor("    x: int = f()", "f()") == "         ~^^");
  CHECK(caretsFor("    y = a + f(b)", "f(b)") == "        ~^^^");
  CHECK_FALSE(caretsFor("    returned = obj.f()", "obj.f()"));  // any callee in an assignment
}

TEST_CASE("positions outside the line give no caret line", "[syntax][carets]") {
  CHECK_FALSE(tracebackCaretLine("x = 1", 2, 99));
  CHECK_FALSE(tracebackCaretLine("x = 1", 4, 2));
  CHECK_FALSE(tracebackCaretLine("   ", 0, 1));
}

TEST_CASE("wide characters count two display columns", "[syntax][carets]") {
  // "中" is one character of 3 bytes and two display columns.
  const std::string line = "x = f(\"\xe4\xb8\xad\") + g()";
  size_t col = line.find("g()");
  CHECK(tracebackCaretLine(line, static_cast<uint32_t>(col), static_cast<uint32_t>(col + 3)) ==
        "              ~^^");
}

TEST_CASE("source attribution markers: same anchors, always shown, unstripped",
          "[syntax][carets]") {
  const std::string line = "    with torch._dynamo.error_on_graph_break(False):";
  size_t col = line.find("torch");
  size_t end = line.find(':');
  CHECK(attributionCaretLine(line, static_cast<uint32_t>(col), static_cast<uint32_t>(end)) ==
        "         ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^");
  // Shown even where the traceback prints none, and all ^ without anchors.
  CHECK(attributionCaretLine("    x = helper(x)", 8, 17) == "        ~~~~~~^^^");
  CHECK(attributionCaretLine("    return y", 11, 12) == "           ^");
  CHECK(attributionCaretLine("x", 0, 0).empty());
}
