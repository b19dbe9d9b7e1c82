// What parseModule refuses, and how it says so.
#include "syntax/parser.h"

#include <catch2/catch.hpp>

#include <string>

#include "syntax/test_util.h"

using gbc::ErrorCode;
using gbc::syntax::parseModule;
using gbc::syntax::testing::dumpSource;

namespace {

/// The error code and message of a source that must not parse.
std::pair<ErrorCode, std::string> errorOf(const std::string& source) {
  auto module = parseModule("m.py", source);
  REQUIRE_FALSE(module.has_value());
  return {module.error().code, module.error().message};
}

std::string syntaxErrorOf(const std::string& source) {
  auto [code, message] = errorOf(source);
  CHECK(code == ErrorCode::Syntax);
  return message;
}

}  // namespace

TEST_CASE("bracket errors are worded like CPython's tokenizer", "[syntax][errors]") {
  CHECK(syntaxErrorOf("foo(a, b))\n") == "m.py:1:10: syntax error: unmatched ')'");
  CHECK(syntaxErrorOf("x = (1 +\n") == "m.py:1:5: syntax error: '(' was never closed");
  CHECK(syntaxErrorOf("f([1, 2\n") == "m.py:1:3: syntax error: '[' was never closed");
  CHECK(syntaxErrorOf("f(a]\n") ==
        "m.py:1:4: syntax error: closing parenthesis ']' does not match opening parenthesis '('");
}

TEST_CASE("the first broken place in source order is reported", "[syntax][errors]") {
  CHECK(syntaxErrorOf("x = 1\ny = $\nz = (\n") == "m.py:2:5: syntax error: unexpected token '$'");
  CHECK(syntaxErrorOf("x = \"abc\n") == "m.py:1:5: syntax error: unterminated string literal");
  CHECK(syntaxErrorOf("if x\n    pass\n").rfind("m.py:1:1: syntax error: ", 0) == 0);
}

TEST_CASE("misindented code is refused although tree-sitter accepts it", "[syntax][errors]") {
  CHECK(syntaxErrorOf("  x = 1\n") == "m.py:1:3: syntax error: unexpected indent");
  CHECK(syntaxErrorOf("x = 1\n  y = 2\n") == "m.py:2:3: syntax error: unexpected indent");
  CHECK(syntaxErrorOf("if x:\npass\n") ==
        "m.py:1:1: syntax error: expected an indented block after 'if' statement on line 1");
  CHECK(syntaxErrorOf("def f():\n    # only a comment\n") ==
        "m.py:1:1: syntax error: expected an indented block after function definition on line 1");
  CHECK(syntaxErrorOf("def f():\n    x = 1\n      y = 2\n") ==
        "m.py:3:7: syntax error: unexpected indent");
  CHECK(syntaxErrorOf("for x in y:\n    pass\n  else:\n    pass\n") ==
        "m.py:3:3: syntax error: unexpected indent");
  CHECK(dumpSource("if x:  # c\n\n    # d\n    pass\n\n# e\n").rfind("Module", 0) == 0);
}

TEST_CASE("what CPython's parser rejects but tree-sitter accepts", "[syntax][errors]") {
  CHECK(syntaxErrorOf("print \"x\"\n") ==
        "m.py:1:1: syntax error: Missing parentheses in call to 'print'. Did you mean print(...)?");
  CHECK(syntaxErrorOf("f(a=1, b)\n") ==
        "m.py:1:8: syntax error: positional argument follows keyword argument");
  CHECK(syntaxErrorOf("f(**a, b)\n") ==
        "m.py:1:8: syntax error: positional argument follows keyword argument unpacking");
  CHECK(syntaxErrorOf("f(**a, *b)\n") ==
        "m.py:1:8: syntax error: iterable argument unpacking follows keyword argument unpacking");
  CHECK(syntaxErrorOf("def f(x=1, y): pass\n") ==
        "m.py:1:12: syntax error: parameter without a default follows parameter with a default");
  CHECK(syntaxErrorOf("a += b = 1\n") == "m.py:1:6: syntax error: invalid syntax");
  CHECK(syntaxErrorOf("x := 1\n") == "m.py:1:1: syntax error: invalid syntax");
  CHECK(syntaxErrorOf("return return\n") == "m.py:1:8: syntax error: invalid syntax");
  CHECK(syntaxErrorOf("x = 0777\n") ==
        "m.py:1:5: syntax error: leading zeros in decimal integer literals are not permitted; use "
        "an 0o prefix for octal integers");
  CHECK(syntaxErrorOf("x = b'a' 'b'\n") ==
        "m.py:1:5: syntax error: cannot mix bytes and nonbytes literals");
  CHECK(syntaxErrorOf("x = b'\xc3\xa9'\n") ==
        "m.py:1:5: syntax error: bytes can only contain ASCII literal characters");
  CHECK(syntaxErrorOf("x: int, y: int = 1, 2\n").find("syntax error") != std::string::npos);
  CHECK(syntaxErrorOf("a, b: int\n") ==
        "m.py:1:1: syntax error: only single target (not tuple) can be annotated");
}

TEST_CASE("\\N{} escapes name characters, aliases and computed names", "[syntax][errors]") {
  CHECK(dumpSource(
            "s = '\\N{EM DASH}\\N{nbsp}\\N{HANGUL SYLLABLE GAG}\\N{CJK UNIFIED IDEOGRAPH-4E00}'\n")
            .find("value=s'\\xe2\\x80\\x94\\xc2\\xa0\\xea\\xb0\\x81\\xe4\\xb8\\x80'") !=
        std::string::npos);
  CHECK(errorOf("s = '\\N{NO SUCH NAME}'\n").second ==
        "m.py:1:5: syntax error: (unicode error) 'unicodeescape' codec can't decode bytes in "
        "position 0-15: unknown Unicode character name");
  CHECK(errorOf("s = '\\N'\n").first == ErrorCode::Syntax);
}

TEST_CASE("t-string prefixes and concatenation follow CPython 3.14", "[syntax][errors]") {
  CHECK(errorOf("x = t'a' 'b'\n").second ==
        "m.py:1:5: cannot mix t-string literals with string or bytes literals");
  CHECK(errorOf("x = bt'a'\n").second == "m.py:1:5: 'b' and 't' prefixes are incompatible");
  CHECK(errorOf("x = ft'a'\n").second == "m.py:1:5: 'f' and 't' prefixes are incompatible");
}

TEST_CASE("non-UTF-8 input is an Encoding error naming the byte", "[syntax][errors]") {
  auto [code, message] = errorOf("x = 1\ny = '\xff'\n");
  CHECK(code == ErrorCode::Encoding);
  CHECK(message == "m.py:2:6: invalid UTF-8 byte 0xff");
  CHECK(errorOf("'\xc0\x80'").second == "m.py:1:2: invalid UTF-8 byte 0xc0");      // overlong
  CHECK(errorOf("'\xed\xa0\x80'").second == "m.py:1:2: invalid UTF-8 byte 0xed");  // surrogate
  CHECK(errorOf("'\xe4\xb8'").second == "m.py:1:2: invalid UTF-8 byte 0xe4");      // truncated
}

TEST_CASE("a NUL byte is an Encoding error", "[syntax][errors]") {
  auto [code, message] = errorOf(std::string("x = 1\nab\0c\n", 11));
  CHECK(code == ErrorCode::Encoding);
  CHECK(message == "m.py:2:3: source contains a NUL byte (binary file?)");
}

TEST_CASE("deep nesting is refused without overflowing the stack", "[syntax][errors]") {
  const std::string limit = "too deeply nested expression (gbc limit 200)";
  SECTION("5000 nested parentheses") {
    std::string src = "x = " + std::string(5000, '(') + "1" + std::string(5000, ')') + "\n";
    CHECK(syntaxErrorOf(src) == "m.py:1:" + std::to_string(4 + 200 + 1) + ": " + limit);
  }
  SECTION("5000 nested lists and calls") {
    std::string lists = std::string(5000, '[') + std::string(5000, ']') + "\n";
    CHECK(syntaxErrorOf(lists).find(limit) != std::string::npos);
    std::string calls;
    for (int i = 0; i < 5000; ++i) calls += "f(";
    calls += std::string(5000, ')') + "\n";
    CHECK(syntaxErrorOf(calls).find(limit) != std::string::npos);
  }
  SECTION("a chain of operators: 5000 terms as CPython, beyond that a gap, not a syntax error") {
    std::string chain = "x = 1";
    for (int i = 0; i < 4999; ++i) chain += " + 1";
    CHECK(parseModule("m.py", chain + "\n").has_value());
    for (int i = 0; i < 1000; ++i) chain += " + 1";
    auto [code, message] = errorOf(chain + "\n");
    CHECK(code == ErrorCode::Unsupported);
    CHECK(message == "m.py:1:5: too long a chain of operators (gbc limit 5000)");
  }
  SECTION("1000 nested blocks: CPython's error at CPython's line, not tree-sitter's") {
    std::string src;
    for (int i = 0; i < 1000; ++i) src += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
    src += std::string(1000, ' ') + "pass\n";
    CHECK(syntaxErrorOf(src) == "m.py:101:101: too many levels of indentation (gbc limit 100)");
  }
  SECTION("150 nested parentheses and a 150-term chain are fine") {
    CHECK(parseModule("m.py", std::string(150, '(') + "1" + std::string(150, ')') + "\n")
              .has_value());
    std::string chain = "x = 1";
    for (int i = 0; i < 150; ++i) chain += " + 1";
    CHECK(parseModule("m.py", chain + "\n").has_value());
    std::string bools = "x = a";
    for (int i = 0; i < 5000; ++i) bools += " and a";  // one BoolOp, not nested
    CHECK(parseModule("m.py", bools + "\n").has_value());
  }
  SECTION("deeply nested blocks") {
    std::string src;
    for (int i = 0; i < 150; ++i) src += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
    src += std::string(150, ' ') + "pass\n";
    CHECK(syntaxErrorOf(src).find("too many levels of indentation") != std::string::npos);
  }
}

TEST_CASE("a BOM is skipped and CRLF line ends are accepted", "[syntax][errors]") {
  auto module = parseModule("m.py", "\xef\xbb\xbfx = 1\r\nif x:\r\n    y = '''c\r\nd'''\r\n");
  REQUIRE(module.has_value());
  CHECK(module->source->line(1) == "x = 1");
  CHECK(dumpSource("\xef\xbb\xbfx = 1\r\n") == dumpSource("x = 1\n"));
  CHECK(dumpSource("s = '''a\r\nb'''\r\n") == dumpSource("s = '''a\nb'''\n"));
}

TEST_CASE("an empty file is an empty module with its source", "[syntax][errors]") {
  auto module = parseModule("empty.py", "");
  REQUIRE(module.has_value());
  CHECK(module->body.empty());
  CHECK(module->path == "empty.py");
  REQUIRE(module->source);
  CHECK(module->source->lineCount() == 0);
}
