// Lowering of expressions: spans and fields as CPython's ast gives them.
// Each expectation is CPython 3.13's ast of the same source, dumped by tools/cpython_ast_dump.py
// (regenerate rather than edit by hand).
#include <catch2/catch.hpp>

#include "syntax/test_util.h"

using gbc::syntax::testing::dumpSource;

TEST_CASE("calls span the callee and the parentheses; attributes span a.b", "[syntax][expr]") {
  CHECK(dumpSource("print(fn(torch.randn(3)))\ntorch._dynamo.graph_break()\n") == R"dump(Module
  Expr 1:0-1:25
    value:
      Call 1:0-1:25
        func:
          Name 1:0-1:5 id=print
        args:
          Call 1:6-1:24
            func:
              Name 1:6-1:8 id=fn
            args:
              Call 1:9-1:23
                func:
                  Attribute 1:9-1:20 attr=randn
                    value:
                      Name 1:9-1:14 id=torch
                args:
                  Constant 1:21-1:22 value=3
  Expr 2:0-2:27
    value:
      Call 2:0-2:27
        func:
          Attribute 2:0-2:25 attr=graph_break
            value:
              Attribute 2:0-2:13 attr=_dynamo
                value:
                  Name 2:0-2:5 id=torch
)dump");
}

TEST_CASE("call arguments: star-args, keywords and **kwargs", "[syntax][expr]") {
  CHECK(dumpSource("f(a, *b, c=1, **d)\nf(x for x in y)\n") == R"dump(Module
  Expr 1:0-1:18
    value:
      Call 1:0-1:18
        func:
          Name 1:0-1:1 id=f
        args:
          Name 1:2-1:3 id=a
          Starred 1:5-1:7
            value:
              Name 1:6-1:7 id=b
        keywords:
          keyword 1:9-1:12 arg=c
            value:
              Constant 1:11-1:12 value=1
          keyword 1:14-1:17 arg=**
            value:
              Name 1:16-1:17 id=d
  Expr 2:0-2:15
    value:
      Call 2:0-2:15
        func:
          Name 2:0-2:1 id=f
        args:
          GeneratorExp 2:1-2:15
            elt:
              Name 2:2-2:3 id=x
            generators:
              comprehension async=0
                target:
                  Name 2:8-2:9 id=x
                iter:
                  Name 2:13-2:14 id=y
)dump");
}

TEST_CASE("parenthesised operands keep the inner span, the BinOp spans the parentheses", "[syntax][expr]") {
  CHECK(dumpSource("(a) + (b * c)\n") == R"dump(Module
  Expr 1:0-1:13
    value:
      BinOp 1:0-1:13 op=Add
        left:
          Name 1:1-1:2 id=a
        right:
          BinOp 1:7-1:12 op=Mult
            left:
              Name 1:7-1:8 id=b
            right:
              Name 1:11-1:12 id=c
)dump");
}

TEST_CASE("unary, boolean and not operators", "[syntax][expr]") {
  CHECK(dumpSource("not a and b and c or d\n~x\n+y\n") == R"dump(Module
  Expr 1:0-1:22
    value:
      BoolOp 1:0-1:22 op=Or
        values:
          BoolOp 1:0-1:17 op=And
            values:
              UnaryOp 1:0-1:5 op=Not
                operand:
                  Name 1:4-1:5 id=a
              Name 1:10-1:11 id=b
              Name 1:16-1:17 id=c
          Name 1:21-1:22 id=d
  Expr 2:0-2:2
    value:
      UnaryOp 2:0-2:2 op=Invert
        operand:
          Name 2:1-2:2 id=x
  Expr 3:0-3:2
    value:
      UnaryOp 3:0-3:2 op=UAdd
        operand:
          Name 3:1-3:2 id=y
)dump");
}

TEST_CASE("chained comparisons with not in and is not", "[syntax][expr]") {
  CHECK(dumpSource("a < b <= c == d != e > f >= g\na in b not in c is d is not e\n") == R"dump(Module
  Expr 1:0-1:29
    value:
      Compare 1:0-1:29 ops=Lt,LtE,Eq,NotEq,Gt,GtE
        left:
          Name 1:0-1:1 id=a
        comparators:
          Name 1:4-1:5 id=b
          Name 1:9-1:10 id=c
          Name 1:14-1:15 id=d
          Name 1:19-1:20 id=e
          Name 1:23-1:24 id=f
          Name 1:28-1:29 id=g
  Expr 2:0-2:29
    value:
      Compare 2:0-2:29 ops=In,NotIn,Is,IsNot
        left:
          Name 2:0-2:1 id=a
        comparators:
          Name 2:5-2:6 id=b
          Name 2:14-2:15 id=c
          Name 2:19-2:20 id=d
          Name 2:28-2:29 id=e
)dump");
}

TEST_CASE("conditional expression and walrus", "[syntax][expr]") {
  CHECK(dumpSource("x = a if b else c\nif (n := len(a)) > 10: pass\n") == R"dump(Module
  Assign 1:0-1:17
    targets:
      Name 1:0-1:1 id=x
    value:
      IfExp 1:4-1:17
        test:
          Name 1:9-1:10 id=b
        body:
          Name 1:4-1:5 id=a
        orelse:
          Name 1:16-1:17 id=c
  If 2:0-2:27
    test:
      Compare 2:3-2:21 ops=Gt
        left:
          NamedExpr 2:4-2:15
            target:
              Name 2:4-2:5 id=n
            value:
              Call 2:9-2:15
                func:
                  Name 2:9-2:12 id=len
                args:
                  Name 2:13-2:14 id=a
        comparators:
          Constant 2:19-2:21 value=10
    body:
      Pass 2:23-2:27
)dump");
}

TEST_CASE("subscripts, slices and tuple slices", "[syntax][expr]") {
  CHECK(dumpSource("a[1]\na[1:2]\na[::3]\na[1:2, ::3]\na[1,]\na[:, None]\na[*b]\n") == R"dump(Module
  Expr 1:0-1:4
    value:
      Subscript 1:0-1:4
        value:
          Name 1:0-1:1 id=a
        slice:
          Constant 1:2-1:3 value=1
  Expr 2:0-2:6
    value:
      Subscript 2:0-2:6
        value:
          Name 2:0-2:1 id=a
        slice:
          Slice 2:2-2:5
            lower:
              Constant 2:2-2:3 value=1
            upper:
              Constant 2:4-2:5 value=2
  Expr 3:0-3:6
    value:
      Subscript 3:0-3:6
        value:
          Name 3:0-3:1 id=a
        slice:
          Slice 3:2-3:5
            step:
              Constant 3:4-3:5 value=3
  Expr 4:0-4:11
    value:
      Subscript 4:0-4:11
        value:
          Name 4:0-4:1 id=a
        slice:
          Tuple 4:2-4:10
            elts:
              Slice 4:2-4:5
                lower:
                  Constant 4:2-4:3 value=1
                upper:
                  Constant 4:4-4:5 value=2
              Slice 4:7-4:10
                step:
                  Constant 4:9-4:10 value=3
  Expr 5:0-5:5
    value:
      Subscript 5:0-5:5
        value:
          Name 5:0-5:1 id=a
        slice:
          Tuple 5:2-5:4
            elts:
              Constant 5:2-5:3 value=1
  Expr 6:0-6:10
    value:
      Subscript 6:0-6:10
        value:
          Name 6:0-6:1 id=a
        slice:
          Tuple 6:2-6:9
            elts:
              Slice 6:2-6:3
              Constant 6:5-6:9 value=None
  Expr 7:0-7:5
    value:
      Subscript 7:0-7:5
        value:
          Name 7:0-7:1 id=a
        slice:
          Tuple 7:2-7:4
            elts:
              Starred 7:2-7:4
                value:
                  Name 7:3-7:4 id=b
)dump");
}

TEST_CASE("lambda parameters", "[syntax][expr]") {
  CHECK(dumpSource("lambda: 0\nlambda a, b=1, *c, d, e=2, **f: a\nlambda a, /, b: 0\n") == R"dump(Module
  Expr 1:0-1:9
    value:
      Lambda 1:0-1:9
        args:
          arguments
        body:
          Constant 1:8-1:9 value=0
  Expr 2:0-2:33
    value:
      Lambda 2:0-2:33
        args:
          arguments
            args:
              arg 2:7-2:8 name=a
              arg 2:10-2:11 name=b
            vararg:
              arg 2:16-2:17 name=c
            kwonlyargs:
              arg 2:19-2:20 name=d
              arg 2:22-2:23 name=e
            kw_defaults:
              -
              Constant 2:24-2:25 value=2
            kwarg:
              arg 2:29-2:30 name=f
            defaults:
              Constant 2:12-2:13 value=1
        body:
          Name 2:32-2:33 id=a
  Expr 3:0-3:17
    value:
      Lambda 3:0-3:17
        args:
          arguments
            posonlyargs:
              arg 3:7-3:8 name=a
            args:
              arg 3:13-3:14 name=b
        body:
          Constant 3:16-3:17 value=0
)dump");
}

TEST_CASE("tuples, lists, sets and dicts", "[syntax][expr]") {
  CHECK(dumpSource("(1, 2)\n[1, *a]\n{1, 2}\n{'a': 1, **b}\n()\n[]\n{}\n1, 2,\n") == R"dump(Module
  Expr 1:0-1:6
    value:
      Tuple 1:0-1:6
        elts:
          Constant 1:1-1:2 value=1
          Constant 1:4-1:5 value=2
  Expr 2:0-2:7
    value:
      List 2:0-2:7
        elts:
          Constant 2:1-2:2 value=1
          Starred 2:4-2:6
            value:
              Name 2:5-2:6 id=a
  Expr 3:0-3:6
    value:
      Set 3:0-3:6
        elts:
          Constant 3:1-3:2 value=1
          Constant 3:4-3:5 value=2
  Expr 4:0-4:13
    value:
      Dict 4:0-4:13
        keys:
          Constant 4:1-4:4 value=s'a'
          -
        values:
          Constant 4:6-4:7 value=1
          Name 4:11-4:12 id=b
  Expr 5:0-5:2
    value:
      Tuple 5:0-5:2
  Expr 6:0-6:2
    value:
      List 6:0-6:2
  Expr 7:0-7:2
    value:
      Dict 7:0-7:2
  Expr 8:0-8:5
    value:
      Tuple 8:0-8:5
        elts:
          Constant 8:0-8:1 value=1
          Constant 8:3-8:4 value=2
)dump");
}

TEST_CASE("comprehensions with several for and if clauses", "[syntax][expr]") {
  CHECK(dumpSource("[x for x in y if x if z for w in x]\n{k: v for k, v in d.items()}\n{x for x in y}\n(x async for x in y)\n") == R"dump(Module
  Expr 1:0-1:35
    value:
      ListComp 1:0-1:35
        elt:
          Name 1:1-1:2 id=x
        generators:
          comprehension async=0
            target:
              Name 1:7-1:8 id=x
            iter:
              Name 1:12-1:13 id=y
            ifs:
              Name 1:17-1:18 id=x
              Name 1:22-1:23 id=z
          comprehension async=0
            target:
              Name 1:28-1:29 id=w
            iter:
              Name 1:33-1:34 id=x
  Expr 2:0-2:28
    value:
      DictComp 2:0-2:28
        key:
          Name 2:1-2:2 id=k
        value:
          Name 2:4-2:5 id=v
        generators:
          comprehension async=0
            target:
              Tuple 2:10-2:14
                elts:
                  Name 2:10-2:11 id=k
                  Name 2:13-2:14 id=v
            iter:
              Call 2:18-2:27
                func:
                  Attribute 2:18-2:25 attr=items
                    value:
                      Name 2:18-2:19 id=d
  Expr 3:0-3:14
    value:
      SetComp 3:0-3:14
        elt:
          Name 3:1-3:2 id=x
        generators:
          comprehension async=0
            target:
              Name 3:7-3:8 id=x
            iter:
              Name 3:12-3:13 id=y
  Expr 4:0-4:20
    value:
      GeneratorExp 4:0-4:20
        elt:
          Name 4:1-4:2 id=x
        generators:
          comprehension async=1
            target:
              Name 4:13-4:14 id=x
            iter:
              Name 4:18-4:19 id=y
)dump");
}

TEST_CASE("await, yield and yield from", "[syntax][expr]") {
  CHECK(dumpSource("async def f():\n    await g()\ndef g():\n    x = yield\n    yield 1, 2\n    yield from h()\n") == R"dump(Module
  FunctionDef 1:0-2:13 name=f async=1
    args:
      arguments
    body:
      Expr 2:4-2:13
        value:
          Await 2:4-2:13
            value:
              Call 2:10-2:13
                func:
                  Name 2:10-2:11 id=g
  FunctionDef 3:0-6:18 name=g async=0
    args:
      arguments
    body:
      Assign 4:4-4:13
        targets:
          Name 4:4-4:5 id=x
        value:
          Yield 4:8-4:13
      Expr 5:4-5:14
        value:
          Yield 5:4-5:14
            value:
              Tuple 5:10-5:14
                elts:
                  Constant 5:10-5:11 value=1
                  Constant 5:13-5:14 value=2
      Expr 6:4-6:18
        value:
          YieldFrom 6:4-6:18
            value:
              Call 6:15-6:18
                func:
                  Name 6:15-6:16 id=h
)dump");
}

