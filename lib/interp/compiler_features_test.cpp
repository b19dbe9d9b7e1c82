// Compiler tests of the newer language features: coroutines, match, except*, PEP 695 generics,
// annotations in 3.12 / 3.14 / `from __future__ import annotations`, t-strings, compile modes,
// future imports, co_flags and the annotation unparser. Every compiled code object passes the
// stack/block verifier of compiler_test.cpp.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "interp/bytecode.h"
#include "interp/compiler.h"
#include "syntax/parser.h"

namespace compiler_test {
std::string verify(const gbc::interp::CodeObject& code);
const gbc::interp::CodeObject& fn(const std::shared_ptr<gbc::interp::CodeObject>& mod,
                                  const std::string& qualname);
std::string ops(const gbc::interp::CodeObject& code);
int indexOf(const gbc::interp::CodeObject& code, gbc::interp::Op op, int nth = 0);
bool has(const gbc::interp::CodeObject& code, gbc::interp::Op op);
std::vector<std::string> nameOps(const gbc::interp::CodeObject& code);
bool contains(const std::vector<std::string>& v, const std::string& s);
}  // namespace compiler_test

using namespace gbc;
using namespace gbc::interp;
using namespace compiler_test;

namespace {

CompileOptions python(const char* version) { return CompileOptions::forPython(version); }

std::shared_ptr<CodeObject> compileAs(const std::string& src, CompileOptions options = {}) {
  auto mod = syntax::parseModule("t.py", src);
  INFO(src);
  if (!mod) FAIL("parse error: " + mod.error().message);
  auto code = compileModule(*mod, "t.py", options);
  if (!code) FAIL("compile error: " + code.error().message);
  INFO(disassemble(**code));
  CHECK(verify(**code) == "");
  return *code;
}

std::string errorAs(const std::string& src, CompileOptions options = {}) {
  auto mod = syntax::parseModule("t.py", src);
  if (!mod) return "parse: " + mod.error().message;
  auto code = compileModule(*mod, "t.py", options);
  return code ? std::string() : code.error().message;
}

const CodeObject* child(const CodeObject& code, const std::string& name) {
  for (const Constant& c : code.consts)
    if (c.kind == Constant::Kind::Code && c.code->name == name) return c.code.get();
  return nullptr;
}

std::string unparse(const std::string& expr) {
  auto mod = syntax::parseModule("t.py", "(" + expr + ")\n");
  if (!mod) return "parse: " + mod.error().message;
  return compiler_detail::unparseExpr(*mod->body[0]->value);
}

}  // namespace

TEST_CASE("async defs are coroutines and async generators with CPython's co_flags",
          "[interp][compiler][async]") {
  auto mod = compileAs(
      "async def c():\n    '''doc'''\n    await x\nasync def g():\n    yield 1\n"
      "def gen():\n    yield 1\nclass K:\n    def m(self): pass\n"
      "def outer(*a, **k):\n    async def inner(): pass\n    return inner\n");
  CHECK(mod->co_flags == 0);
  const CodeObject& c = fn(mod, "c");
  CHECK((c.flags & (kCoroutine | kGenerator | kAsyncGenerator)) == kCoroutine);
  CHECK(c.co_flags == (kCoOptimized | kCoNewLocals | kCoCoroutine | kCoHasDocstring));
  CHECK(fn(mod, "g").co_flags == (kCoOptimized | kCoNewLocals | kCoAsyncGenerator));
  CHECK(fn(mod, "gen").co_flags == (kCoOptimized | kCoNewLocals | kCoGenerator));
  CHECK(fn(mod, "K.m").co_flags == (kCoOptimized | kCoNewLocals | kCoMethod));
  CHECK(fn(mod, "K").co_flags == 0);
  CHECK(fn(mod, "outer").co_flags == (kCoOptimized | kCoNewLocals | kCoVarargs | kCoVarKeywords));
  CHECK(fn(mod, "outer.<locals>.inner").co_flags ==
        (kCoOptimized | kCoNewLocals | kCoNested | kCoCoroutine));
  // 3.12 has neither CO_HAS_DOCSTRING nor CO_METHOD
  auto old =
      compileAs("async def c():\n    '''doc'''\nclass K:\n    def m(self): pass\n", python("3.12"));
  CHECK(fn(old, "c").co_flags == (kCoOptimized | kCoNewLocals | kCoCoroutine));
  CHECK(fn(old, "K.m").co_flags == (kCoOptimized | kCoNewLocals));
}

TEST_CASE("await, async for, async with and async comprehensions", "[interp][compiler][async]") {
  auto mod = compileAs(
      "async def f(a):\n    x = await a\n    async for i in a:\n        if i: break\n"
      "    else:\n        pass\n    async with a as b, a:\n        return [j async for j in b]\n"
      "    g = (k async for k in a)\n    yield_ = [await v for v in a]\n");
  const CodeObject& f = fn(mod, "f");
  CHECK(ops(f).rfind("LOAD_FAST GET_AWAITABLE YIELD_FROM STORE_FAST", 0) == 0);
  CHECK(ops(f).find("GET_AITER SETUP_FINALLY GET_ANEXT YIELD_FROM POP_BLOCK STORE_FAST") !=
        std::string::npos);
  CHECK(has(f, Op::END_ASYNC_FOR));
  CHECK(ops(f).find("BEFORE_ASYNC_WITH GET_AWAITABLE YIELD_FROM SETUP_ASYNC_WITH") !=
        std::string::npos);
  CHECK(ops(f).find("ASYNC_WITH_EXCEPT GET_AWAITABLE YIELD_FROM POP_JUMP_IF_TRUE RERAISE") !=
        std::string::npos);
  // the return crosses both async withs: each awaits its __aexit__(None, None, None)
  CHECK(ops(f).find("POP_BLOCK SWAP LOAD_CONST LOAD_CONST LOAD_CONST CALL GET_AWAITABLE "
                    "YIELD_FROM POP_TOP") != std::string::npos);
  const CodeObject& genexpr = fn(mod, "f.<locals>.<genexpr>");
  CHECK((genexpr.flags & kAsyncGenerator) != 0);
  CHECK(ops(genexpr).find("ASYNC_GEN_WRAP YIELD_VALUE") != std::string::npos);
  auto agen = compileAs("async def g():\n    yield 1\n    await x\n");
  CHECK(ops(fn(agen, "g")).rfind("LOAD_CONST ASYNC_GEN_WRAP YIELD_VALUE POP_TOP", 0) == 0);
}

TEST_CASE("async constructs outside async functions are CPython's SyntaxErrors",
          "[interp][compiler][async]") {
  CHECK(errorAs("await x\n") == "1:1: 'await' outside function");
  CHECK(errorAs("def f():\n    await x\n") == "2:5: 'await' outside async function");
  CHECK(errorAs("def f():\n    async for x in y: pass\n") ==
        "2:5: 'async for' outside async function");
  CHECK(errorAs("async with a: pass\n") == "1:1: 'async with' outside async function");
  CHECK(errorAs("async def f():\n    yield from x\n") == "2:5: 'yield from' inside async function");
  CHECK(errorAs("async def f():\n    yield 1\n    return 2\n") ==
        "3:5: 'return' with value in async generator");
  CHECK(errorAs("def f():\n    return [x async for x in y]\n") ==
        "2:12: asynchronous comprehension outside of an asynchronous function");
  CHECK(errorAs("def f():\n    return (x async for x in y)\n") == "");  // an async genexpr
}

TEST_CASE("match statements: pattern opcodes and stores after the whole pattern",
          "[interp][compiler][match]") {
  auto mod = compileAs(
      "match s:\n    case {'k': v, **rest}: pass\n    case P(1, y=q) if q: pass\n"
      "    case [a, *b, c] | (a, b, c): pass\n    case str() | bytes(): pass\n    case _: pass\n");
  const std::string o = ops(*mod);
  for (const char* op : {"MATCH_MAPPING", "MATCH_KEYS", "MATCH_CLASS", "MATCH_SEQUENCE", "GET_LEN",
                         "UNPACK_EX", "DELETE_SUBSCR"})
    CHECK(o.find(op) != std::string::npos);
  // the captures are stored together once the pattern matched: `v` then `rest`
  auto names = nameOps(*mod);
  auto v = std::find(names.begin(), names.end(), "STORE_NAME v");
  REQUIRE(v != names.end());
  CHECK(*(v + 1) == "STORE_NAME rest");
}

TEST_CASE("match statement SyntaxErrors", "[interp][compiler][match]") {
  CHECK(errorAs("match x:\n    case y: pass\n    case 1: pass\n") ==
        "2:10: name capture 'y' makes remaining patterns unreachable");
  CHECK(errorAs("match x:\n    case _: pass\n    case 1: pass\n") ==
        "2:10: wildcard makes remaining patterns unreachable");
  CHECK(errorAs("match x:\n    case [a] | b: pass\n") ==
        "2:10: alternative patterns bind different names");
  CHECK(errorAs("match x:\n    case [*a, *b]: pass\n") ==
        "2:10: multiple starred names in sequence pattern");
  CHECK(errorAs("match x:\n    case [a, a]: pass\n") ==
        "2:14: multiple assignments to name 'a' in pattern");
  CHECK(errorAs("match x:\n    case {1: a, 1.0: b}: pass\n") ==
        "2:10: mapping pattern checks duplicate key (1.000000)");
  CHECK(errorAs("match x:\n    case P(a=1, a=2): pass\n") ==
        "2:19: attribute name repeated in class pattern: a");
  CHECK(errorAs("match x:\n    case y if y: pass\n    case 1: pass\n") == "");
}

TEST_CASE("try/except* splits the group and re-raises what is left",
          "[interp][compiler][except_star]") {
  auto mod = compileAs(
      "try:\n    f()\nexcept* ValueError as e:\n    g(e)\nexcept* TypeError:\n    pass\n"
      "else:\n    h()\nfinally:\n    done()\n");
  const std::string o = ops(*mod);
  CHECK(o.find("BUILD_LIST SWAP COPY LOAD_NAME CHECK_EG_MATCH COPY LOAD_CONST IS_OP "
               "POP_JUMP_IF_TRUE STORE_NAME SETUP_FINALLY") != std::string::npos);
  CHECK(o.find("LIST_APPEND SWAP PREP_RERAISE_STAR") != std::string::npos);
  CHECK(errorAs("def f():\n    try:\n        pass\n    except* E:\n        return 1\n") ==
        "5:9: 'break', 'continue' and 'return' cannot appear in an except* block");
  CHECK(errorAs("for x in y:\n    try:\n        pass\n    except* E:\n        break\n") ==
        "5:9: 'break', 'continue' and 'return' cannot appear in an except* block");
  CHECK(errorAs("try:\n    pass\nexcept* E:\n    for x in y:\n        break\n") == "");
}

TEST_CASE("generic defs and classes compile into their type-parameter scopes",
          "[interp][compiler][pep695]") {
  auto mod = compileAs(
      "def f[T: int, *Ts, **P](x: T = 1, *, k=2) -> T:\n    return x\n"
      "class C[U](Base, metaclass=M):\n    def m(self) -> U: pass\n"
      "type Alias[V] = list[V]\n");
  CHECK(ops(*mod).rfind("LOAD_CONST MAKE_FUNCTION LOAD_CONST LOAD_CONST LOAD_CONST BUILD_MAP "
                        "CALL STORE_NAME",
                        0) == 0);
  const CodeObject* gf = child(*mod, "<generic parameters of f>");
  REQUIRE(gf != nullptr);
  CHECK(gf->varnames.at(0) == ".defaults");
  CHECK(gf->varnames.at(1) == ".kwdefaults");
  CHECK(gf->argcount == 2);
  CHECK(contains(gf->names, "TypeVar"));
  CHECK(contains(gf->names, "TypeVarTuple"));
  CHECK(contains(gf->names, "ParamSpec"));
  CHECK(ops(*gf).find("SET_FUNCTION_ATTRIBUTE RETURN_VALUE") != std::string::npos);
  const CodeObject* f = child(*gf, "f");
  REQUIRE(f != nullptr);
  CHECK(f->qualname == "f");
  CHECK(f->freevars.empty());  // 3.14: only its __annotate__ (a sibling) reads T
  const CodeObject* fa = child(*gf, "__annotate__");
  REQUIRE(fa != nullptr);
  CHECK(fa->freevars == std::vector<std::string>{"T"});
  const CodeObject* bound = child(*gf, "T");  // the bound, evaluated lazily
  REQUIRE(bound != nullptr);
  CHECK(bound->varnames == std::vector<std::string>{".format"});
  const CodeObject* gc = child(*mod, "<generic parameters of C>");
  REQUIRE(gc != nullptr);
  CHECK(contains(gc->names, "Generic"));
  CHECK(contains(gc->cellvars, ".type_params"));
  CHECK(contains(nameOps(fn(mod, "C")), "STORE_NAME __type_params__"));
  CHECK(fn(mod, "C.m").qualname == "C.m");
  const CodeObject* ga = child(*mod, "<generic parameters of Alias>");
  REQUIRE(ga != nullptr);
  CHECK(contains(ga->names, "TypeAliasType"));
  // 3.12: the evaluators take no format argument
  auto old = compileAs("def f[T: int](): pass\n", python("3.12"));
  const CodeObject* bound12 = child(*child(*old, "<generic parameters of f>"), "T");
  REQUIRE(bound12 != nullptr);
  CHECK(bound12->argcount == 0);
}

TEST_CASE("PEP 695 scope errors", "[interp][compiler][pep695]") {
  CHECK(errorAs("def f[T, T](): pass\n") == "1:10: duplicate type parameter 'T'");
  CHECK(errorAs("def f[T: (yield)](): pass\n") ==
        "1:11: yield expression cannot be used within a TypeVar bound");
  CHECK(errorAs("type X = (yield)\n") ==
        "1:11: yield expression cannot be used within a type alias");
  CHECK(errorAs("class A:\n    x: (y := 1)\n") ==
        "2:9: named expression cannot be used within an annotation");
  CHECK(errorAs("def f(x: (yield)): pass\n") ==
        "1:11: yield expression cannot be used within an annotation");
}

TEST_CASE("3.14 defers annotations into __annotate__ functions",
          "[interp][compiler][annotations]") {
  auto mod = compileAs(
      "x: int = 1\nif c:\n    y: str\ndef f(a: int, /, b: str) -> None: pass\n"
      "class K:\n    n = int\n    z: n\n    self.w: int\n");
  // the module's __annotate__ first, then the set of annotations that ran
  CHECK(ops(*mod).rfind("LOAD_CONST MAKE_FUNCTION STORE_NAME BUILD_SET STORE_NAME", 0) == 0);
  CHECK(nameOps(*mod).at(0) == "STORE_NAME __annotate__");
  CHECK(nameOps(*mod).at(1) == "STORE_NAME __conditional_annotations__");
  const CodeObject* annotate = child(*mod, "__annotate__");
  REQUIRE(annotate != nullptr);
  CHECK(annotate->varnames.at(0) == "format");
  CHECK(annotate->argcount == 1);
  CHECK(annotate->posonlyargcount == 1);
  CHECK(ops(*annotate).rfind("LOAD_FAST LOAD_CONST COMPARE_OP POP_JUMP_IF_FALSE LOAD_GLOBAL "
                             "RAISE_VARARGS BUILD_MAP",
                             0) == 0);
  CHECK(ops(*annotate).find("CONTAINS_OP") != std::string::npos);
  const CodeObject* fa = nullptr;
  for (const Constant& c : mod->consts)
    if (c.kind == Constant::Kind::Code && c.code->qualname == "f.__annotate__") fa = c.code.get();
  REQUIRE(fa != nullptr);
  CHECK(contains(mod->code.empty() ? std::vector<std::string>{} : mod->names, "f"));
  const CodeObject& k = fn(mod, "K");
  CHECK(contains(nameOps(k), "STORE_NAME __annotate_func__"));
  CHECK(contains(k.cellvars, "__classdict__"));
  const CodeObject* ka = child(k, "__annotate__");
  REQUIRE(ka != nullptr);
  CHECK(ka->qualname == "K.__annotate__");
  CHECK(has(*ka, Op::LOAD_FROM_DICT_OR_GLOBALS));  // `n` looked up in the class first
  // `self.w: int` without a value evaluates `self` (CPython's check_ann_expr)
  CHECK(ops(k).find("LOAD_NAME POP_TOP") != std::string::npos);
}

TEST_CASE("3.12 and `from __future__ import annotations` evaluate annotations at once",
          "[interp][compiler][annotations]") {
  const char* src = "x: int = 1\ndef f(a: int, /, b: 'str', *c: float) -> list[int]: pass\n";
  auto old = compileAs(src, python("3.12"));
  CHECK(ops(*old).rfind("SETUP_ANNOTATIONS LOAD_CONST STORE_NAME LOAD_NAME LOAD_NAME LOAD_CONST "
                        "STORE_SUBSCR",
                        0) == 0);
  CHECK(old->code.at(0).arg == 1);
  CHECK(has(*old, Op::SET_FUNCTION_ATTRIBUTE));
  CHECK(child(*old, "__annotate__") == nullptr);
  auto future = compileAs(std::string("from __future__ import annotations\n") + src);
  CHECK(future->co_flags == kCoFutureAnnotations);
  std::vector<std::string> strings;
  for (const Constant& c : future->consts)
    if (c.kind == Constant::Kind::Value && c.value.kind == syntax::ConstantValue::Kind::Str)
      strings.push_back(c.value.str);
  // parameters in CPython's order: args, posonly, *args, return
  for (const char* s : {"b", "'str'", "a", "int", "c", "float", "return", "list[int]"})
    CHECK(contains(strings, s));
}

TEST_CASE("annotations unparse as CPython's ast_unparse writes them",
          "[interp][compiler][annotations]") {
  CHECK(unparse("lambda a, *b, c=1, **d: (a if b else -c) ** 2 ** -1") ==
        "lambda a, *b, c=1, **d: (a if b else -c) ** 2 ** (-1)");
  CHECK(unparse("f\"x{a!r:>{w}}\"") == "f'x{a!r:>{w}}'");
  CHECK(unparse("{'a': 1, **b}[1:2, ::3] + (not x) * -y @ z // 3 % 4") ==
        "{'a': 1, **b}[1:2, ::3] + (not x) * -y @ z // 3 % 4");
  CHECK(unparse("a.b(c)[d] is not None in (1,) or x and y") ==
        "a.b(c)[d] is not None in (1,) or x and y");
  CHECK(unparse("1e100 + 1.5j - 0x10 + 1_000 + 1e1000 + 1e15 + 0.0001") ==
        "1e+100 + 1.5j - 16 + 1000 + 1e309 + 1000000000000000.0 + 0.0001");
  CHECK(unparse("dict[str, (a, b)]") == "dict[str, (a, b)]");
  CHECK(unparse("f(x for x in y)") == "f(x for x in y)");
  CHECK(unparse("lambda *a: 1") == "lambda*a: 1");
  CHECK(unparse("f'{a=}'") == "f'a={a!r}'");
}

TEST_CASE("t-strings build Interpolations and a Template", "[interp][compiler][tstring]") {
  auto mod = compileAs("t = t'a{x!r:>{w}}b{y}'\n");
  CHECK(ops(*mod) ==
        "LOAD_CONST LOAD_NAME LOAD_CONST LOAD_CONST LOAD_NAME FORMAT_VALUE BUILD_STRING "
        "BUILD_INTERPOLATION LOAD_NAME LOAD_CONST BUILD_INTERPOLATION BUILD_TUPLE BUILD_TEMPLATE "
        "STORE_NAME LOAD_CONST RETURN_VALUE");
  const Constant& strings = mod->consts.at(0);
  REQUIRE(strings.kind == Constant::Kind::Tuple);
  REQUIRE(strings.tuple.size() == 3);
  CHECK(strings.tuple[2].value.str == "");
}

TEST_CASE("__debug__, future imports and compile modes", "[interp][compiler]") {
  auto mod = compileAs("if __debug__: x = 1\nprint(__debug__)\n");
  CHECK(!contains(mod->names, "__debug__"));
  CHECK(errorAs("__debug__ = 1\n") == "1:1: cannot assign to __debug__");
  CHECK(errorAs("from __future__ import braces\n") == "1:24: not a chance");
  CHECK(errorAs("from __future__ import nope\n") == "1:24: future feature nope is not defined");
  CHECK(errorAs("import os\nfrom __future__ import annotations\n") ==
        "2:1: from __future__ imports must occur at the beginning of the file");
  CHECK(errorAs("'''doc'''\nfrom __future__ import annotations\n") == "");
  CompileOptions eval;
  eval.mode = CompileOptions::Mode::Eval;
  CHECK(ops(*compileAs("a + 1\n", eval)) == "LOAD_NAME LOAD_CONST BINARY_OP RETURN_VALUE");
  CHECK(errorAs("x = 1\n", eval) == "1:1: invalid syntax");
  CompileOptions single;
  single.mode = CompileOptions::Mode::Single;
  CHECK(ops(*compileAs("a\n", single)) == "LOAD_NAME PRINT_EXPR LOAD_CONST RETURN_VALUE");
  CHECK(errorAs("a\nb\n", single) ==
        "1:1: multiple statements found while compiling a single statement");
}

TEST_CASE("a closure in a class-body comprehension gets the class cell",
          "[interp][compiler][scope]") {
  // CPython's test_listcomps: `[lambda: __class__ for _ in [1]]` in a class body
  auto mod = compileAs("class C:\n    res = [lambda: __class__ for _ in [1]]\n");
  const CodeObject& c = fn(mod, "C");
  CHECK(contains(c.cellvars, "__class__"));
  CHECK(has(c, Op::LOAD_CLOSURE));
}
