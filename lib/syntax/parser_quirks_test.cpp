// Where tree-sitter-python 0.23.6's tree differs from CPython's grammar, and lowering corrects it.
// Each expectation is CPython 3.13's ast of the same source, dumped by tools/cpython_ast_dump.py
// (regenerate rather than edit by hand).
#include <catch2/catch.hpp>

#include "syntax/test_util.h"

using gbc::syntax::testing::dumpSource;

TEST_CASE("binary operators follow Python's precedence, not the grammar's", "[syntax][quirks]") {
  CHECK(dumpSource("x = a ^ b & c\ny = a & b ^ c | d\nz = -x ** -y * 2 @ m // 3 % 4 << 1 >> 2\n") == R"dump(Module
  Assign 1:0-1:13
    targets:
      Name 1:0-1:1 id=x
    value:
      BinOp 1:4-1:13 op=BitXor
        left:
          Name 1:4-1:5 id=a
        right:
          BinOp 1:8-1:13 op=BitAnd
            left:
              Name 1:8-1:9 id=b
            right:
              Name 1:12-1:13 id=c
  Assign 2:0-2:17
    targets:
      Name 2:0-2:1 id=y
    value:
      BinOp 2:4-2:17 op=BitOr
        left:
          BinOp 2:4-2:13 op=BitXor
            left:
              BinOp 2:4-2:9 op=BitAnd
                left:
                  Name 2:4-2:5 id=a
                right:
                  Name 2:8-2:9 id=b
            right:
              Name 2:12-2:13 id=c
        right:
          Name 2:16-2:17 id=d
  Assign 3:0-3:39
    targets:
      Name 3:0-3:1 id=z
    value:
      BinOp 3:4-3:39 op=RShift
        left:
          BinOp 3:4-3:34 op=LShift
            left:
              BinOp 3:4-3:29 op=Mod
                left:
                  BinOp 3:4-3:25 op=FloorDiv
                    left:
                      BinOp 3:4-3:20 op=MatMult
                        left:
                          BinOp 3:4-3:16 op=Mult
                            left:
                              UnaryOp 3:4-3:12 op=USub
                                operand:
                                  BinOp 3:5-3:12 op=Pow
                                    left:
                                      Name 3:5-3:6 id=x
                                    right:
                                      UnaryOp 3:10-3:12 op=USub
                                        operand:
                                          Name 3:11-3:12 id=y
                            right:
                              Constant 3:15-3:16 value=2
                        right:
                          Name 3:19-3:20 id=m
                    right:
                      Constant 3:24-3:25 value=3
                right:
                  Constant 3:28-3:29 value=4
            right:
              Constant 3:33-3:34 value=1
        right:
          Constant 3:38-3:39 value=2
)dump");
}

TEST_CASE("a star before a call in an argument list applies to the call", "[syntax][quirks]") {
  CHECK(dumpSource("print(*a.b(), *c[0], *d.e().f)\nx = t[*u[*v]]\n") == R"dump(Module
  Expr 1:0-1:30
    value:
      Call 1:0-1:30
        func:
          Name 1:0-1:5 id=print
        args:
          Starred 1:6-1:12
            value:
              Call 1:7-1:12
                func:
                  Attribute 1:7-1:10 attr=b
                    value:
                      Name 1:7-1:8 id=a
          Starred 1:14-1:19
            value:
              Subscript 1:15-1:19
                value:
                  Name 1:15-1:16 id=c
                slice:
                  Constant 1:17-1:18 value=0
          Starred 1:21-1:29
            value:
              Attribute 1:22-1:29 attr=f
                value:
                  Call 1:22-1:27
                    func:
                      Attribute 1:22-1:25 attr=e
                        value:
                          Name 1:22-1:23 id=d
  Assign 2:0-2:13
    targets:
      Name 2:0-2:1 id=x
    value:
      Subscript 2:4-2:13
        value:
          Name 2:4-2:5 id=t
        slice:
          Tuple 2:6-2:12
            elts:
              Starred 2:6-2:12
                value:
                  Subscript 2:7-2:12
                    value:
                      Name 2:7-2:8 id=u
                    slice:
                      Tuple 2:9-2:11
                        elts:
                          Starred 2:9-2:11
                            value:
                              Name 2:10-2:11 id=v
)dump");
}

TEST_CASE("annotations with generics and unions are Subscripts and left-nested BinOps", "[syntax][quirks]") {
  CHECK(dumpSource("def f(a: list[int], b: Dict[str, int] | None = None, c: int | str | None = 1) -> tuple[int, ...]: pass\nx: Callable[[int], str] = g\n") == R"dump(Module
  FunctionDef 1:0-1:102 name=f async=0
    args:
      arguments
        args:
          arg 1:6-1:18 name=a
            annotation:
              Subscript 1:9-1:18
                value:
                  Name 1:9-1:13 id=list
                slice:
                  Name 1:14-1:17 id=int
          arg 1:20-1:44 name=b
            annotation:
              BinOp 1:23-1:44 op=BitOr
                left:
                  Subscript 1:23-1:37
                    value:
                      Name 1:23-1:27 id=Dict
                    slice:
                      Tuple 1:28-1:36
                        elts:
                          Name 1:28-1:31 id=str
                          Name 1:33-1:36 id=int
                right:
                  Constant 1:40-1:44 value=None
          arg 1:53-1:72 name=c
            annotation:
              BinOp 1:56-1:72 op=BitOr
                left:
                  BinOp 1:56-1:65 op=BitOr
                    left:
                      Name 1:56-1:59 id=int
                    right:
                      Name 1:62-1:65 id=str
                right:
                  Constant 1:68-1:72 value=None
        defaults:
          Constant 1:47-1:51 value=None
          Constant 1:75-1:76 value=1
    returns:
      Subscript 1:81-1:96
        value:
          Name 1:81-1:86 id=tuple
        slice:
          Tuple 1:87-1:95
            elts:
              Name 1:87-1:90 id=int
              Constant 1:92-1:95 value=Ellipsis
    body:
      Pass 1:98-1:102
  AnnAssign 2:0-2:27
    target:
      Name 2:0-2:1 id=x
    annotation:
      Subscript 2:3-2:23
        value:
          Name 2:3-2:11 id=Callable
        slice:
          Tuple 2:12-2:22
            elts:
              List 2:12-2:17
                elts:
                  Name 2:13-2:16 id=int
              Name 2:19-2:22 id=str
    value:
      Name 2:26-2:27 id=g
)dump");
}

TEST_CASE("a parenthesised target is not a tuple", "[syntax][quirks]") {
  CHECK(dumpSource("(a) = b\n(c): int = 1\n(a), = b\n") == R"dump(Module
  Assign 1:0-1:7
    targets:
      Name 1:1-1:2 id=a
    value:
      Name 1:6-1:7 id=b
  AnnAssign 2:0-2:12
    target:
      Name 2:1-2:2 id=c
    annotation:
      Name 2:5-2:8 id=int
    value:
      Constant 2:11-2:12 value=1
  Assign 3:0-3:8
    targets:
      Tuple 3:0-3:4
        elts:
          Name 3:1-3:2 id=a
    value:
      Name 3:7-3:8 id=b
)dump");
}

TEST_CASE("print >> f, x is a Python 3 expression", "[syntax][quirks]") {
  CHECK(dumpSource("print >> sys.stderr, 'x'\nprint >> f\n") == R"dump(Module
  Expr 1:0-1:24
    value:
      Tuple 1:0-1:24
        elts:
          BinOp 1:0-1:19 op=RShift
            left:
              Name 1:0-1:5 id=print
            right:
              Attribute 1:9-1:19 attr=stderr
                value:
                  Name 1:9-1:12 id=sys
          Constant 1:21-1:24 value=s'x'
  Expr 2:0-2:10
    value:
      BinOp 2:0-2:10 op=RShift
        left:
          Name 2:0-2:5 id=print
        right:
          Name 2:9-2:10 id=f
)dump");
}

TEST_CASE("except star in both spellings", "[syntax][quirks]") {
  CHECK(dumpSource("try:\n    pass\nexcept* A:\n    pass\ntry:\n    pass\nexcept *B as e:\n    pass\nexcept *C:\n    pass\n") == R"dump(Module
  Try 1:0-4:8 star=1
    body:
      Pass 2:4-2:8
    handlers:
      ExceptHandler 3:0-4:8 name=-
        type:
          Name 3:8-3:9 id=A
        body:
          Pass 4:4-4:8
  Try 5:0-10:8 star=1
    body:
      Pass 6:4-6:8
    handlers:
      ExceptHandler 7:0-8:8 name=e
        type:
          Name 7:8-7:9 id=B
        body:
          Pass 8:4-8:8
      ExceptHandler 9:0-10:8 name=-
        type:
          Name 9:8-9:9 id=C
        body:
          Pass 10:4-10:8
)dump");
}

TEST_CASE("parenthesised with items", "[syntax][quirks]") {
  CHECK(dumpSource("with (a as b, c):\n    pass\nwith (\n    m() as x\n):\n    pass\nwith (a, b) as c:\n    pass\n") == R"dump(Module
  With 1:0-2:8 async=0
    items:
      withitem
        context_expr:
          Name 1:6-1:7 id=a
        optional_vars:
          Name 1:11-1:12 id=b
      withitem
        context_expr:
          Name 1:14-1:15 id=c
    body:
      Pass 2:4-2:8
  With 3:0-6:8 async=0
    items:
      withitem
        context_expr:
          Call 4:4-4:7
            func:
              Name 4:4-4:5 id=m
        optional_vars:
          Name 4:11-4:12 id=x
    body:
      Pass 6:4-6:8
  With 7:0-8:8 async=0
    items:
      withitem
        context_expr:
          Tuple 7:5-7:11
            elts:
              Name 7:6-7:7 id=a
              Name 7:9-7:10 id=b
        optional_vars:
          Name 7:15-7:16 id=c
    body:
      Pass 8:4-8:8
)dump");
}

TEST_CASE("raw strings ending in backslashes", "[syntax][quirks]") {
  CHECK(dumpSource("r'\\\\', r'a\\\\', rb'\\\\'\n") == R"dump(Module
  Expr 1:0-1:21
    value:
      Tuple 1:0-1:21
        elts:
          Constant 1:0-1:5 value=s'\x5c\x5c'
          Constant 1:7-1:13 value=s'a\x5c\x5c'
          Constant 1:15-1:21 value=b'\x5c\x5c'
)dump");
}

TEST_CASE("a trailing comma makes an expression statement a tuple", "[syntax][quirks]") {
  CHECK(dumpSource("f(x),\n") == R"dump(Module
  Expr 1:0-1:5
    value:
      Tuple 1:0-1:5
        elts:
          Call 1:0-1:4
            func:
              Name 1:0-1:1 id=f
            args:
              Name 1:2-1:3 id=x
)dump");
}

TEST_CASE("compound statements end after a trailing semicolon", "[syntax][quirks]") {
  CHECK(dumpSource("def f():\n    x = 1;\nclass C:\n    y = 2 ;  # note\n") == R"dump(Module
  FunctionDef 1:0-2:10 name=f async=0
    args:
      arguments
    body:
      Assign 2:4-2:9
        targets:
          Name 2:4-2:5 id=x
        value:
          Constant 2:8-2:9 value=1
  ClassDef 3:0-4:11 name=C
    body:
      Assign 4:4-4:9
        targets:
          Name 4:4-4:5 id=y
        value:
          Constant 4:8-4:9 value=2
)dump");
}

