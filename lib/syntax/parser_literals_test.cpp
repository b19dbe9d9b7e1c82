// Lowering of literals: numbers, strings, bytes and f-strings.
// Each expectation is CPython 3.13's ast of the same source, dumped by tools/cpython_ast_dump.py
// (regenerate rather than edit by hand).
#include <catch2/catch.hpp>

#include "syntax/test_util.h"

using gbc::syntax::testing::dumpSource;

TEST_CASE("integer literals in every base, big ints, floats and imaginary numbers", "[syntax][literals]") {
  CHECK(dumpSource("0x_ff, 0o17, 0b101, 1_000_000, 123456789012345678901234567890, 0xFFFFFFFFFFFFFFFFFF, 9223372036854775807, 9223372036854775808\n1.5, 1e10, 1.5e-3, .5, 5., 1_0.5, 2j, 1.5J, 1e400\n") == R"dump(Module
  Expr 1:0-1:125
    value:
      Tuple 1:0-1:125
        elts:
          Constant 1:0-1:5 value=255
          Constant 1:7-1:11 value=15
          Constant 1:13-1:18 value=5
          Constant 1:20-1:29 value=1000000
          Constant 1:31-1:61 value=123456789012345678901234567890
          Constant 1:63-1:83 value=4722366482869645213695
          Constant 1:85-1:104 value=9223372036854775807
          Constant 1:106-1:125 value=9223372036854775808
  Expr 2:0-2:49
    value:
      Tuple 2:0-2:49
        elts:
          Constant 2:0-2:3 value=1.5
          Constant 2:5-2:9 value=10000000000
          Constant 2:11-2:17 value=0.0015
          Constant 2:19-2:21 value=0.5
          Constant 2:23-2:25 value=5
          Constant 2:27-2:32 value=10.5
          Constant 2:34-2:36 value=2j
          Constant 2:38-2:42 value=1.5j
          Constant 2:44-2:49 value=inf
)dump");
}

TEST_CASE("keyword constants", "[syntax][literals]") {
  CHECK(dumpSource("True, False, None, ...\n") == R"dump(Module
  Expr 1:0-1:22
    value:
      Tuple 1:0-1:22
        elts:
          Constant 1:0-1:4 value=True
          Constant 1:6-1:11 value=False
          Constant 1:13-1:17 value=None
          Constant 1:19-1:22 value=Ellipsis
)dump");
}

TEST_CASE("string literals: escapes, raw, bytes, concatenation", "[syntax][literals]") {
  CHECK(dumpSource("'a\\n\\t\\x41\\u00e9\\U0001F600\\101\\q'\nr'\\n\\\\' \"b\"\nb'\\x00\\xff' b\"z\"\n'''multi\nline'''\n'\xc3" "\xa9" "'\nr'\\\\'\n") == R"dump(Module
  Expr 1:0-1:33
    value:
      Constant 1:0-1:33 value=s'a\x0a\x09A\xc3\xa9\xf0\x9f\x98\x80A\x5cq'
  Expr 2:0-2:11
    value:
      Constant 2:0-2:11 value=s'\x5cn\x5c\x5cb'
  Expr 3:0-3:16
    value:
      Constant 3:0-3:16 value=b'\x00\xffz'
  Expr 4:0-5:7
    value:
      Constant 4:0-5:7 value=s'multi\x0aline'
  Expr 6:0-6:4
    value:
      Constant 6:0-6:4 value=s'\xc3\xa9'
  Expr 7:0-7:5
    value:
      Constant 7:0-7:5 value=s'\x5c\x5c'
)dump");
}

TEST_CASE("f-strings: conversions, nested specs and self-documenting =", "[syntax][literals]") {
  CHECK(dumpSource("f\"a{x=}b{y!r:>{w}}\" \"c\"\nf\"{x=:>10}\"\nf\"{ x = !s}\"\nf\"{x!a}{{}}\"\nf\"{x:}\"\n\"\" f\"{x}\" \"\"\nf\"\"\n") == R"dump(Module
  Expr 1:0-1:23
    value:
      JoinedStr 1:0-1:23
        values:
          Constant 1:2-1:6 value=s'ax='
          FormattedValue 1:3-1:7 conversion=114
            value:
              Name 1:4-1:5 id=x
          Constant 1:7-1:8 value=s'b'
          FormattedValue 1:8-1:18 conversion=114
            value:
              Name 1:9-1:10 id=y
            format_spec:
              JoinedStr 1:12-1:17
                values:
                  Constant 1:13-1:14 value=s'>'
                  FormattedValue 1:14-1:17 conversion=0
                    value:
                      Name 1:15-1:16 id=w
          Constant 1:20-1:23 value=s'c'
  Expr 2:0-2:11
    value:
      JoinedStr 2:0-2:11
        values:
          Constant 2:3-2:5 value=s'x='
          FormattedValue 2:2-2:10 conversion=0
            value:
              Name 2:3-2:4 id=x
            format_spec:
              JoinedStr 2:5-2:9
                values:
                  Constant 2:6-2:9 value=s'>10'
  Expr 3:0-3:12
    value:
      JoinedStr 3:0-3:12
        values:
          Constant 3:3-3:8 value=s' x = '
          FormattedValue 3:2-3:11 conversion=115
            value:
              Name 3:4-3:5 id=x
  Expr 4:0-4:12
    value:
      JoinedStr 4:0-4:12
        values:
          FormattedValue 4:2-4:7 conversion=97
            value:
              Name 4:3-4:4 id=x
          Constant 4:7-4:11 value=s'{}'
  Expr 5:0-5:7
    value:
      JoinedStr 5:0-5:7
        values:
          FormattedValue 5:2-5:6 conversion=0
            value:
              Name 5:3-5:4 id=x
            format_spec:
              JoinedStr 5:4-5:5
  Expr 6:0-6:12
    value:
      JoinedStr 6:0-6:12
        values:
          FormattedValue 6:5-6:8 conversion=0
            value:
              Name 6:6-6:7 id=x
  Expr 7:0-7:3
    value:
      JoinedStr 7:0-7:3
)dump");
}

TEST_CASE("f-strings across lines and with tuples", "[syntax][literals]") {
  CHECK(dumpSource("f\"\"\"a\n{x}\n\"\"\"\nf\"{a, b}\"\nrf\"\\n{x}\"\n") == R"dump(Module
  Expr 1:0-3:3
    value:
      JoinedStr 1:0-3:3
        values:
          Constant 1:4-2:0 value=s'a\x0a'
          FormattedValue 2:0-2:3 conversion=0
            value:
              Name 2:1-2:2 id=x
          Constant 2:3-3:0 value=s'\x0a'
  Expr 4:0-4:9
    value:
      JoinedStr 4:0-4:9
        values:
          FormattedValue 4:2-4:8 conversion=0
            value:
              Tuple 4:3-4:7
                elts:
                  Name 4:3-4:4 id=a
                  Name 4:6-4:7 id=b
  Expr 5:0-5:9
    value:
      JoinedStr 5:0-5:9
        values:
          Constant 5:3-5:5 value=s'\x5cn'
          FormattedValue 5:5-5:8 conversion=0
            value:
              Name 5:6-5:7 id=x
)dump");
}

