// Lowering of statements: compound statements span to the end of their last statement.
// Each expectation is CPython 3.13's ast of the same source, dumped by tools/cpython_ast_dump.py
// (regenerate rather than edit by hand).
#include <catch2/catch.hpp>

#include "syntax/test_util.h"

using gbc::syntax::testing::dumpSource;

TEST_CASE("decorated definitions start at def; decorators are separate", "[syntax][stmt]") {
  CHECK(dumpSource("@dec\n@d2(1)\ndef f(a, b: int = 1, /, c=2, *args: int, d, e: str = 'x', **kw) -> int:\n    return a\n") == R"dump(Module
  FunctionDef 3:0-4:12 name=f async=0
    decorators:
      Name 1:1-1:4 id=dec
      Call 2:1-2:6
        func:
          Name 2:1-2:3 id=d2
        args:
          Constant 2:4-2:5 value=1
    args:
      arguments
        posonlyargs:
          arg 3:6-3:7 name=a
          arg 3:9-3:15 name=b
            annotation:
              Name 3:12-3:15 id=int
        args:
          arg 3:24-3:25 name=c
        vararg:
          arg 3:30-3:39 name=args
            annotation:
              Name 3:36-3:39 id=int
        kwonlyargs:
          arg 3:41-3:42 name=d
          arg 3:44-3:50 name=e
            annotation:
              Name 3:47-3:50 id=str
        kw_defaults:
          -
          Constant 3:53-3:56 value=s'x'
        kwarg:
          arg 3:60-3:62 name=kw
        defaults:
          Constant 3:18-3:19 value=1
          Constant 3:26-3:27 value=2
    returns:
      Name 3:67-3:70 id=int
    body:
      Return 4:4-4:12
        value:
          Name 4:11-4:12 id=a
)dump");
}

TEST_CASE("async def, async with and async for", "[syntax][stmt]") {
  CHECK(dumpSource("async def f():\n    async with a as (b, c):\n        pass\n    async for x, y in z:\n        pass\n") == R"dump(Module
  FunctionDef 1:0-5:12 name=f async=1
    args:
      arguments
    body:
      With 2:4-3:12 async=1
        items:
          withitem
            context_expr:
              Name 2:15-2:16 id=a
            optional_vars:
              Tuple 2:20-2:26
                elts:
                  Name 2:21-2:22 id=b
                  Name 2:24-2:25 id=c
        body:
          Pass 3:8-3:12
      For 4:4-5:12 async=1
        target:
          Tuple 4:14-4:18
            elts:
              Name 4:14-4:15 id=x
              Name 4:17-4:18 id=y
        iter:
          Name 4:22-4:23 id=z
        body:
          Pass 5:8-5:12
)dump");
}

TEST_CASE("classes with bases, keywords and **kwargs", "[syntax][stmt]") {
  CHECK(dumpSource("@d\nclass C(B, metaclass=M, **k):\n    x: int = 1\n    y: int\nclass D: pass\n") == R"dump(Module
  ClassDef 2:0-4:10 name=C
    decorators:
      Name 1:1-1:2 id=d
    bases:
      Name 2:8-2:9 id=B
    keywords:
      keyword 2:11-2:22 arg=metaclass
        value:
          Name 2:21-2:22 id=M
      keyword 2:24-2:27 arg=**
        value:
          Name 2:26-2:27 id=k
    body:
      AnnAssign 3:4-3:14
        target:
          Name 3:4-3:5 id=x
        annotation:
          Name 3:7-3:10 id=int
        value:
          Constant 3:13-3:14 value=1
      AnnAssign 4:4-4:10
        target:
          Name 4:4-4:5 id=y
        annotation:
          Name 4:7-4:10 id=int
  ClassDef 5:0-5:13 name=D
    body:
      Pass 5:9-5:13
)dump");
}

TEST_CASE("assignments: several targets, starred targets, augmented, annotated", "[syntax][stmt]") {
  CHECK(dumpSource("a = b = 1\n*c, d = e\n[f, *g] = h\ni += 1\nj.k **= 2\nl[0] //= 3\nm: int = 4\n") == R"dump(Module
  Assign 1:0-1:9
    targets:
      Name 1:0-1:1 id=a
      Name 1:4-1:5 id=b
    value:
      Constant 1:8-1:9 value=1
  Assign 2:0-2:9
    targets:
      Tuple 2:0-2:5
        elts:
          Starred 2:0-2:2
            value:
              Name 2:1-2:2 id=c
          Name 2:4-2:5 id=d
    value:
      Name 2:8-2:9 id=e
  Assign 3:0-3:11
    targets:
      List 3:0-3:7
        elts:
          Name 3:1-3:2 id=f
          Starred 3:4-3:6
            value:
              Name 3:5-3:6 id=g
    value:
      Name 3:10-3:11 id=h
  AugAssign 4:0-4:6 op=Add
    target:
      Name 4:0-4:1 id=i
    value:
      Constant 4:5-4:6 value=1
  AugAssign 5:0-5:9 op=Pow
    target:
      Attribute 5:0-5:3 attr=k
        value:
          Name 5:0-5:1 id=j
    value:
      Constant 5:8-5:9 value=2
  AugAssign 6:0-6:10 op=FloorDiv
    target:
      Subscript 6:0-6:4
        value:
          Name 6:0-6:1 id=l
        slice:
          Constant 6:2-6:3 value=0
    value:
      Constant 6:9-6:10 value=3
  AnnAssign 7:0-7:10
    target:
      Name 7:0-7:1 id=m
    annotation:
      Name 7:3-7:6 id=int
    value:
      Constant 7:9-7:10 value=4
)dump");
}

TEST_CASE("if with an elif chain and else", "[syntax][stmt]") {
  CHECK(dumpSource("if a:\n    pass\nelif b:\n    pass\nelif c:\n    x = 1\nelse:\n    y = 2\n") == R"dump(Module
  If 1:0-8:9
    test:
      Name 1:3-1:4 id=a
    body:
      Pass 2:4-2:8
    orelse:
      If 3:0-8:9
        test:
          Name 3:5-3:6 id=b
        body:
          Pass 4:4-4:8
        orelse:
          If 5:0-8:9
            test:
              Name 5:5-5:6 id=c
            body:
              Assign 6:4-6:9
                targets:
                  Name 6:4-6:5 id=x
                value:
                  Constant 6:8-6:9 value=1
            orelse:
              Assign 8:4-8:9
                targets:
                  Name 8:4-8:5 id=y
                value:
                  Constant 8:8-8:9 value=2
)dump");
}

TEST_CASE("loops with else, break and continue", "[syntax][stmt]") {
  CHECK(dumpSource("for i in range(3):\n    break\nelse:\n    continue\nwhile x:\n    pass\nelse:\n    pass\nfor a, b in c, d:\n    pass\n") == R"dump(Module
  For 1:0-4:12 async=0
    target:
      Name 1:4-1:5 id=i
    iter:
      Call 1:9-1:17
        func:
          Name 1:9-1:14 id=range
        args:
          Constant 1:15-1:16 value=3
    body:
      Break 2:4-2:9
    orelse:
      Continue 4:4-4:12
  While 5:0-8:8
    test:
      Name 5:6-5:7 id=x
    body:
      Pass 6:4-6:8
    orelse:
      Pass 8:4-8:8
  For 9:0-10:8 async=0
    target:
      Tuple 9:4-9:8
        elts:
          Name 9:4-9:5 id=a
          Name 9:7-9:8 id=b
    iter:
      Tuple 9:12-9:16
        elts:
          Name 9:12-9:13 id=c
          Name 9:15-9:16 id=d
    body:
      Pass 10:4-10:8
)dump");
}

TEST_CASE("try with handlers, else and finally", "[syntax][stmt]") {
  CHECK(dumpSource("try:\n    pass\nexcept ValueError as e:\n    pass\nexcept (A, B):\n    pass\nexcept:\n    pass\nelse:\n    x = 1\nfinally:\n    y = 2\n") == R"dump(Module
  Try 1:0-12:9 star=0
    body:
      Pass 2:4-2:8
    handlers:
      ExceptHandler 3:0-4:8 name=e
        type:
          Name 3:7-3:17 id=ValueError
        body:
          Pass 4:4-4:8
      ExceptHandler 5:0-6:8 name=-
        type:
          Tuple 5:7-5:13
            elts:
              Name 5:8-5:9 id=A
              Name 5:11-5:12 id=B
        body:
          Pass 6:4-6:8
      ExceptHandler 7:0-8:8 name=-
        body:
          Pass 8:4-8:8
    orelse:
      Assign 10:4-10:9
        targets:
          Name 10:4-10:5 id=x
        value:
          Constant 10:8-10:9 value=1
    finalbody:
      Assign 12:4-12:9
        targets:
          Name 12:4-12:5 id=y
        value:
          Constant 12:8-12:9 value=2
)dump");
}

TEST_CASE("with several items", "[syntax][stmt]") {
  CHECK(dumpSource("with a as b, c:\n    pass\nwith open(p) as f, g() as (h, i):\n    pass\n") == R"dump(Module
  With 1:0-2:8 async=0
    items:
      withitem
        context_expr:
          Name 1:5-1:6 id=a
        optional_vars:
          Name 1:10-1:11 id=b
      withitem
        context_expr:
          Name 1:13-1:14 id=c
    body:
      Pass 2:4-2:8
  With 3:0-4:8 async=0
    items:
      withitem
        context_expr:
          Call 3:5-3:12
            func:
              Name 3:5-3:9 id=open
            args:
              Name 3:10-3:11 id=p
        optional_vars:
          Name 3:16-3:17 id=f
      withitem
        context_expr:
          Call 3:19-3:22
            func:
              Name 3:19-3:20 id=g
        optional_vars:
          Tuple 3:26-3:32
            elts:
              Name 3:27-3:28 id=h
              Name 3:30-3:31 id=i
    body:
      Pass 4:4-4:8
)dump");
}

TEST_CASE("import forms", "[syntax][stmt]") {
  CHECK(dumpSource("import a.b as c, d\nimport e.f.g\nfrom ..a.b import (c as d, e)\nfrom . import x\nfrom ... import z\nfrom .m import *\nfrom __future__ import annotations\n") == R"dump(Module
  Import 1:0-1:18
    names:
      alias 1:7-1:15 name=a.b asname=c
      alias 1:17-1:18 name=d asname=-
  Import 2:0-2:12
    names:
      alias 2:7-2:12 name=e.f.g asname=-
  ImportFrom 3:0-3:29 module=a.b level=2
    names:
      alias 3:19-3:25 name=c asname=d
      alias 3:27-3:28 name=e asname=-
  ImportFrom 4:0-4:15 module= level=1
    names:
      alias 4:14-4:15 name=x asname=-
  ImportFrom 5:0-5:17 module= level=3
    names:
      alias 5:16-5:17 name=z asname=-
  ImportFrom 6:0-6:16 module=m level=1
    names:
      alias 6:15-6:16 name=* asname=-
  ImportFrom 7:0-7:34 module=__future__ level=0
    names:
      alias 7:23-7:34 name=annotations asname=-
)dump");
}

TEST_CASE("global, nonlocal, del, assert, raise, return, pass", "[syntax][stmt]") {
  CHECK(dumpSource("def f():\n    global g, h\n    def i():\n        nonlocal j\n    del a, b[0], c.d\n    del (e, f)\n    assert x, 'm'\n    assert y\n    raise E from F\n    raise\n    return\n") == R"dump(Module
  FunctionDef 1:0-11:10 name=f async=0
    args:
      arguments
    body:
      Global 2:4-2:15 names=g,h
      FunctionDef 3:4-4:18 name=i async=0
        args:
          arguments
        body:
          Nonlocal 4:8-4:18 names=j
      Delete 5:4-5:20
        targets:
          Name 5:8-5:9 id=a
          Subscript 5:11-5:15
            value:
              Name 5:11-5:12 id=b
            slice:
              Constant 5:13-5:14 value=0
          Attribute 5:17-5:20 attr=d
            value:
              Name 5:17-5:18 id=c
      Delete 6:4-6:14
        targets:
          Tuple 6:8-6:14
            elts:
              Name 6:9-6:10 id=e
              Name 6:12-6:13 id=f
      Assert 7:4-7:17
        test:
          Name 7:11-7:12 id=x
        msg:
          Constant 7:14-7:17 value=s'm'
      Assert 8:4-8:12
        test:
          Name 8:11-8:12 id=y
      Raise 9:4-9:18
        exc:
          Name 9:10-9:11 id=E
        cause:
          Name 9:17-9:18 id=F
      Raise 10:4-10:9
      Return 11:4-11:10
)dump");
}

TEST_CASE("match is kept with its span only", "[syntax][stmt]") {
  CHECK(dumpSource("match x:\n    case 1:\n        pass\n    case _:\n        y = 2\n") == R"dump(Module
  Match 1:0-5:13
)dump");
}

TEST_CASE("semicolon-separated statements and comments", "[syntax][stmt]") {
  CHECK(dumpSource("a = 1; b = 2  # c\nif x: y = 1; z = 2\n# end\n") == R"dump(Module
  Assign 1:0-1:5
    targets:
      Name 1:0-1:1 id=a
    value:
      Constant 1:4-1:5 value=1
  Assign 1:7-1:12
    targets:
      Name 1:7-1:8 id=b
    value:
      Constant 1:11-1:12 value=2
  If 2:0-2:18
    test:
      Name 2:3-2:4 id=x
    body:
      Assign 2:6-2:11
        targets:
          Name 2:6-2:7 id=y
        value:
          Constant 2:10-2:11 value=1
      Assign 2:13-2:18
        targets:
          Name 2:13-2:14 id=z
        value:
          Constant 2:17-2:18 value=2
)dump");
}

