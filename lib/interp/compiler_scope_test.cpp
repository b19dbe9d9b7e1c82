// Compiler tests: scopes (local/global/free/cell), comprehension inlining, positions, qualnames,
// SyntaxErrors and a large mixed program. Helpers live in compiler_test.cpp.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "interp/bytecode.h"

namespace compiler_test {
std::shared_ptr<gbc::interp::CodeObject> compile(const std::string& src);
std::string compileError(const std::string& src);
const gbc::interp::CodeObject& fn(const std::shared_ptr<gbc::interp::CodeObject>& mod,
                                  const std::string& qualname);
std::string ops(const gbc::interp::CodeObject& code);
int indexOf(const gbc::interp::CodeObject& code, gbc::interp::Op op, int nth = 0);
bool has(const gbc::interp::CodeObject& code, gbc::interp::Op op);
std::vector<std::string> nameOps(const gbc::interp::CodeObject& code);
bool contains(const std::vector<std::string>& v, const std::string& s);
gbc::syntax::Span span(uint32_t l, uint32_t c, uint32_t el, uint32_t ec);
bool sameSpan(const gbc::syntax::Span& a, const gbc::syntax::Span& b);
}  // namespace compiler_test

using namespace gbc;
using namespace gbc::interp;
using namespace compiler_test;

TEST_CASE("module level uses NAME ops functions FAST and GLOBAL", "[interp][compiler][scope]") {
  auto mod = compile("x = 1\ndef f(a):\n    b = a + x\n    return len(b)\nprint(x)\n");
  CHECK(nameOps(*mod) ==
        std::vector<std::string>{"STORE_NAME x", "STORE_NAME f", "LOAD_NAME print", "LOAD_NAME x"});
  CHECK(nameOps(fn(mod, "f")) == std::vector<std::string>{"LOAD_FAST a", "LOAD_GLOBAL x",
                                                          "STORE_FAST b", "LOAD_GLOBAL len",
                                                          "LOAD_FAST b"});
}

TEST_CASE("global and nonlocal declarations", "[interp][compiler][scope]") {
  auto mod = compile(
      "def f():\n    global g\n    g = 1\n    c = 0\n    def inc():\n        nonlocal c\n        c "
      "+= 1\n"
      "        return c\n    return inc\n");
  const CodeObject& f = fn(mod, "f");
  CHECK(contains(nameOps(f), "STORE_GLOBAL g"));
  CHECK(contains(nameOps(f), "STORE_DEREF c"));
  CHECK(f.cellvars == std::vector<std::string>{"c"});
  const CodeObject& inc = fn(mod, "f.<locals>.inc");
  CHECK(inc.freevars == std::vector<std::string>{"c"});
  CHECK(nameOps(inc) == std::vector<std::string>{"LOAD_DEREF c", "STORE_DEREF c", "LOAD_DEREF c"});
}

TEST_CASE("class scopes are skipped when methods resolve names", "[interp][compiler][scope]") {
  auto mod = compile(
      "def outer():\n    y = 2\n    class C:\n        x = 1\n        z = y\n        def m(self):\n"
      "            return x, y\n    return C\n");
  const CodeObject& c = fn(mod, "outer.<locals>.C");
  CHECK(contains(nameOps(c), "STORE_NAME x"));
  CHECK(contains(nameOps(c), "LOAD_DEREF y"));
  CHECK(c.freevars == std::vector<std::string>{"y"});
  const CodeObject& m = fn(mod, "outer.<locals>.C.m");
  CHECK(nameOps(m) == std::vector<std::string>{"LOAD_GLOBAL x", "LOAD_DEREF y"});
  CHECK_FALSE(m.uses_class_cell);
}

TEST_CASE("a class binding a name that its method takes from the enclosing function",
          "[interp][compiler][scope]") {
  auto mod = compile(
      "def f():\n    v = 1\n    class C:\n        v = 2\n        def m(self):\n            return "
      "v\n");
  const CodeObject& c = fn(mod, "f.<locals>.C");
  CHECK(contains(nameOps(c), "STORE_NAME v"));
  CHECK(c.freevars == std::vector<std::string>{"v"});
  CHECK(ops(c).find("LOAD_CLOSURE BUILD_TUPLE LOAD_CONST MAKE_FUNCTION") != std::string::npos);
}

TEST_CASE("private names are mangled inside classes", "[interp][compiler][scope]") {
  auto mod = compile("class _K:\n    __a = 1\n    def m(self):\n        return self.__b, __c\n");
  CHECK(contains(nameOps(fn(mod, "_K")), "STORE_NAME _K__a"));
  const CodeObject& m = fn(mod, "_K.m");
  CHECK(m.names == std::vector<std::string>{"_K__b", "_K__c"});
}

TEST_CASE("list/set/dict comprehensions are inlined with hidden variables",
          "[interp][compiler][comprehension]") {
  SECTION("in a function") {
    auto mod =
        compile("def f(xs, x):\n    return [x * 2 for x in xs if x], {k: v for k, v in x}\n");
    const CodeObject& f = fn(mod, "f");
    for (const Constant& c : f.consts) CHECK(c.kind != Constant::Kind::Code);
    CHECK((f.flags & kComprehensionInlined) != 0);
    CHECK(f.varnames == std::vector<std::string>{"xs", "x", "x@2:11", "k@2:37", "v@2:37"});
    CHECK(ops(f).rfind("BUILD_LIST LOAD_FAST GET_ITER FOR_ITER STORE_FAST LOAD_FAST "
                       "POP_JUMP_IF_FALSE LOAD_FAST "
                       "LOAD_CONST BINARY_OP LIST_APPEND JUMP",
                       0) == 0);
    int append = indexOf(f, Op::LIST_APPEND);
    CHECK(f.code[static_cast<size_t>(append)].arg == 2);
    CHECK(has(f, Op::MAP_ADD));
  }
  SECTION("at module level the variable does not leak") {
    auto mod = compile("ys = [y for y in range(3)]\n");
    CHECK(mod->varnames == std::vector<std::string>{"y@1:5"});
    CHECK(nameOps(*mod) == std::vector<std::string>{"LOAD_NAME range", "STORE_FAST y@1:5",
                                                    "LOAD_FAST y@1:5", "STORE_NAME ys"});
  }
  SECTION("in a class body, class variables are not visible except in the first iterable") {
    auto mod = compile("class C:\n    n = 3\n    xs = [n for _ in range(n)]\n");
    auto names = nameOps(fn(mod, "C"));
    CHECK(contains(names, "LOAD_NAME n"));
    CHECK(contains(names, "LOAD_GLOBAL n"));
  }
  SECTION("in a class body inside a function, free variables are read through the class cell") {
    auto mod = compile(
        "def f():\n    n = 1\n    class C:\n        xs = [n for _ in range(2)]\n    return C\n");
    const CodeObject& c = fn(mod, "f.<locals>.C");
    CHECK(c.freevars == std::vector<std::string>{"n"});
    CHECK(contains(nameOps(c), "LOAD_DEREF n"));
    CHECK(fn(mod, "f").cellvars == std::vector<std::string>{"n"});
  }
  SECTION("nested comprehensions with two generators") {
    auto mod = compile("def f(m):\n    return [a + b for row in m for a in row for b in a]\n");
    const CodeObject& f = fn(mod, "f");
    CHECK(f.code[static_cast<size_t>(indexOf(f, Op::LIST_APPEND))].arg == 4);
  }
  SECTION("a lambda capturing the comprehension variable makes its hidden slot a cell") {
    auto mod = compile(
        "def f():\n    return [lambda: i for i in range(3)]\nfs = [lambda: j for j in 'ab']\n");
    const CodeObject& f = fn(mod, "f");
    CHECK(f.cellvars == std::vector<std::string>{"i@2:11"});
    CHECK(has(f, Op::STORE_DEREF));
    CHECK(has(f, Op::LOAD_CLOSURE));
    const CodeObject& lam = fn(mod, "f.<locals>.<lambda>");
    CHECK(lam.freevars == std::vector<std::string>{"i"});
    CHECK(mod->cellvars == std::vector<std::string>{"j@3:5"});
  }
  SECTION("a function local read inside the comprehension stays a fast local") {
    auto mod = compile("def f(xs):\n    k = 2\n    return [x * k for x in xs]\n");
    const CodeObject& f = fn(mod, "f");
    CHECK(f.cellvars.empty());
    CHECK(contains(nameOps(f), "LOAD_FAST k"));
  }
  SECTION("the walrus binds in the enclosing function") {
    auto mod = compile("def f(xs):\n    ys = [last := x for x in xs]\n    return last\n");
    CHECK(contains(nameOps(fn(mod, "f")), "STORE_FAST last"));
  }
}

TEST_CASE("qualnames names and first line numbers follow CPython", "[interp][compiler]") {
  auto mod = compile(
      "def f():\n    def g():\n        pass\n    h = lambda: 0\n    return (x for x in ())\n"
      "class C:\n    @staticmethod\n    def m():\n        pass\n    class D:\n        pass\n"
      "def k():\n    global q\n    def q():\n        pass\n");
  CHECK(mod->name == "<module>");
  CHECK(mod->qualname == "<module>");
  CHECK((mod->flags & kModule) != 0);
  CHECK(fn(mod, "f.<locals>.g").name == "g");
  CHECK(fn(mod, "f.<locals>.<lambda>").name == "<lambda>");
  CHECK((fn(mod, "f.<locals>.<lambda>").flags & kLambda) != 0);
  CHECK(fn(mod, "f.<locals>.<genexpr>").name == "<genexpr>");
  CHECK(fn(mod, "C.m").firstlineno == 7);
  CHECK(fn(mod, "C.D").name == "D");
  CHECK(fn(mod, "q").name == "q");
}

TEST_CASE("instructions carry the span of the node they implement",
          "[interp][compiler][positions]") {
  auto mod = compile("def f(x):\n    y = g(x) + x[0]\n    if y > 1:\n        return y.attr\n");
  const CodeObject& f = fn(mod, "f");
  auto pos = [&](Op op) { return f.code[static_cast<size_t>(indexOf(f, op))].pos; };
  CHECK(sameSpan(pos(Op::LOAD_GLOBAL), span(2, 8, 2, 9)));
  CHECK(sameSpan(pos(Op::CALL), span(2, 8, 2, 12)));
  CHECK(sameSpan(pos(Op::BINARY_SUBSCR), span(2, 15, 2, 19)));
  CHECK(sameSpan(pos(Op::BINARY_OP), span(2, 8, 2, 19)));
  CHECK(sameSpan(pos(Op::STORE_FAST), span(2, 4, 2, 5)));
  CHECK(sameSpan(pos(Op::COMPARE_OP), span(3, 7, 3, 12)));
  CHECK(sameSpan(pos(Op::POP_JUMP_IF_FALSE), span(3, 7, 3, 12)));
  CHECK(sameSpan(pos(Op::LOAD_ATTR), span(4, 15, 4, 21)));
  CHECK(sameSpan(pos(Op::RETURN_VALUE), span(4, 8, 4, 21)));
  // the implicit `return None` is positioned at the last statement
  CHECK(f.code.back().op == Op::RETURN_VALUE);
  CHECK(f.code.back().pos.line == 3);
  CHECK(sameSpan(mod->code[static_cast<size_t>(indexOf(*mod, Op::MAKE_FUNCTION))].pos,
                 span(1, 0, 4, 21)));
}

TEST_CASE("return break and continue unwind finally with and except blocks consistently",
          "[interp][compiler]") {
  auto mod = compile(R"PY(
def f(xs):
    for x in xs:
        try:
            if x:
                return g(x)
        finally:
            if x > 1:
                continue
            elif x:
                break
            return h(x)
    while xs:
        with cm() as c:
            for y in c:
                if y:
                    break
                try:
                    return y
                except ValueError as e:
                    if e:
                        continue
                    try:
                        return e.args
                    finally:
                        xs = None
    else:
        pass
    return [z for z in xs]
)PY");
  CHECK(has(fn(mod, "f"), Op::RETURN_VALUE));
}

TEST_CASE("docstrings are cleaned as Python 3.13+ does", "[interp][compiler]") {
  auto mod =
      compile("def f():\n    \"\"\"Title.\n\n      a\n        b\n    \"\"\"\n    return 1\n");
  const CodeObject& f = fn(mod, "f");
  REQUIRE(!f.consts.empty());
  CHECK(f.consts[0].value.str == "Title.\n\na\n  b\n");
  CHECK(ops(f) == "LOAD_CONST RETURN_VALUE");
}

TEST_CASE("constant if tests are folded", "[interp][compiler]") {
  auto mod = compile("if False:\n    a()\nelse:\n    b()\nwhile 0:\n    c()\n");
  CHECK(nameOps(*mod) == std::vector<std::string>{"LOAD_NAME b"});
}

TEST_CASE("SyntaxErrors CPython's compiler raises", "[interp][compiler][errors]") {
  CHECK(compileError("return 1\n") == "1:1: 'return' outside function");
  CHECK(compileError("def f():\n    nonlocal x\n") == "2:5: no binding for nonlocal 'x' found");
  CHECK(compileError("nonlocal x\n") == "1:1: nonlocal declaration not allowed at module level");
  CHECK(compileError("break\n") == "1:1: 'break' outside loop");
  CHECK(compileError("while x:\n    def f():\n        continue\n") ==
        "3:9: 'continue' not properly in loop");
  CHECK(compileError("def f(x):\n    global x\n") == "2:5: name 'x' is parameter and global");
  CHECK(compileError("def f():\n    x = 1\n    global x\n") ==
        "3:5: name 'x' is assigned to before global declaration");
  CHECK(compileError("class C:\n    yield 1\n") == "2:5: 'yield' outside function");
  CHECK(compileError("def f():\n    from m import *\n") ==
        "2:5: import * only allowed at module level");
  CHECK(compileError("f(a=1, a=2)\n").find("keyword argument repeated: a") != std::string::npos);
  CHECK(compileError("a, *b, *c = x\n").find("multiple starred expressions in assignment") !=
        std::string::npos);
  CHECK(compileError("def f():\n    return [(yield x) for x in y]\n")
            .find("'yield' inside list comprehension") != std::string::npos);
  CHECK(compileError("def f(x):\n    return [x := 1 for x in y]\n")
            .find("cannot rebind comprehension iteration variable") != std::string::npos);
  CHECK(compileError("class C:\n    z = [y := 1 for x in w]\n")
            .find("cannot be used in a class body") != std::string::npos);
}

TEST_CASE("a large mixed program compiles and every path is stack-consistent",
          "[interp][compiler]") {
  const char* src = R"PY(
"""Module docstring."""
from __future__ import annotations
import torch
import torch.nn as nn
from torch._dynamo import graph_break as gb

CONST: int = 3

def deco(fn):
    return fn

class Model(nn.Module):
    scale = 2.0

    def __init__(self, dim, *, bias=True):
        super().__init__()
        self.lin = nn.Linear(dim, dim, bias=bias)
        self.__cache = {}

    @deco
    def forward(self, x, *args, **kwargs):
        y = self.lin(x) * self.scale
        for i, (a, b) in enumerate(zip(args, args[1:])):
            if i % 2 == 0 and a is not None or b in kwargs:
                continue
            elif not a:
                break
            y = y + a
        else:
            y -= 1
        while y.sum() > 0 > -1:
            y = y / 2
            if y.numel() == 0:
                return y
        try:
            z = torch.relu(y)
        except (ValueError, TypeError) as err:
            raise RuntimeError("bad") from err
        except Exception:
            return None
        else:
            z = z[..., :2]
        finally:
            self.__cache.clear()
        with torch.no_grad(), open("f") as fh:
            w = [t * 2 for t in z if t > 0]
            d = {k: v for k, v in kwargs.items()}
            s = {*w, *d}
        total = sum(v for v in w)
        fmt = f"{total!r:>{CONST}} {len(w)=}"
        lam = lambda q, r=2: q + r + CONST
        (m := y.max())
        del d["x"], s
        assert m is not None, fmt
        return lam(z, r=3), [*w], (*w,), gb

def counter():
    count = 0
    def step(n=1):
        nonlocal count
        count += n
        return count
    return step

def gen(n):
    total = yield
    for i in range(n):
        total += yield i
    yield from range(total)

@torch.compile(fullgraph=False)
def fn(x, y=None):
    if y is None:
        y = x
    out = x @ y.T if x.dim() > 1 else x * y
    out[0] += 1
    out.a.b **= 2
    return out.sum() if out.numel() else -out

if __name__ == "__main__":
    m = Model(4)
    print(m(torch.randn(2, 4), 1, 2, k=3))
    for i in range(3):
        try:
            print(fn(torch.ones(i + 1)))
        except Exception as e:
            print(type(e).__name__, e)
            continue
        finally:
            pass
)PY";
  auto mod = compile(src);
  REQUIRE(mod);
  CHECK(fn(mod, "Model.forward").uses_class_cell == false);
  CHECK(fn(mod, "Model.__init__").uses_class_cell);
  CHECK(fn(mod, "Model.forward").names.size() > 5);
  CHECK(!disassemble(*mod).empty());
}
