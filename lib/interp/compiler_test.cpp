// Tests of the bytecode compiler: instruction sequences of small programs, scopes, positions,
// comprehension inlining, errors; every compiled code object also passes a stack/block verifier
// that walks all paths with the stack effects bytecode.h documents.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "interp/bytecode.h"
#include "syntax/parser.h"

using namespace gbc;
using namespace gbc::interp;

// Helpers shared with compiler_scope_test.cpp (declared there).
namespace compiler_test {

// ---- verifier: stack depth and block stack are consistent on every path ----

struct State {
  int depth = 0;
  std::vector<int> blocks;  // handler targets, innermost last
  bool operator==(const State& o) const { return depth == o.depth && blocks == o.blocks; }
};

std::string verify(const CodeObject& code) {
  const int n = static_cast<int>(code.code.size());
  std::vector<std::optional<State>> seen(static_cast<size_t>(n));
  std::vector<std::pair<int, State>> work{{0, State{}}};
  std::string err;
  auto where = [&](int pc) {
    return code.qualname + "@" + std::to_string(pc) + " " +
           opName(code.code[static_cast<size_t>(pc)].op);
  };
  auto flow = [&](int pc, State s) {
    if (pc < 0 || pc >= n) {
      if (err.empty()) err = code.qualname + ": control leaves the code at " + std::to_string(pc);
      return;
    }
    if (s.depth < 0 && err.empty()) err = where(pc) + ": negative stack";
    auto& slot = seen[static_cast<size_t>(pc)];
    if (slot) {
      if (!(*slot == s) && err.empty())
        err = where(pc) + ": inconsistent state (depth " + std::to_string(slot->depth) + " vs " +
              std::to_string(s.depth) + ")";
      return;
    }
    slot = s;
    work.emplace_back(pc, s);
  };
  while (!work.empty() && err.empty()) {
    auto [pc, s] = work.back();
    work.pop_back();
    const Instr& in = code.code[static_cast<size_t>(pc)];
    const int a = in.arg;
    int d = 0;
    bool falls = true;
    switch (in.op) {
      case Op::NOP:
      case Op::SWAP:
      case Op::DELETE_FAST:
      case Op::DELETE_DEREF:
      case Op::DELETE_GLOBAL:
      case Op::DELETE_NAME:
      case Op::LOAD_ATTR:
      case Op::UNARY_OP:
      case Op::LIST_TO_TUPLE:
      case Op::GET_ITER:
      case Op::YIELD_VALUE:
      case Op::YIELD_FROM:
      case Op::POP_EXCEPT:
      case Op::CHECK_EXC_MATCH:
      case Op::SETUP_ANNOTATIONS:
      case Op::UNSUPPORTED:
      case Op::GET_AWAITABLE:
      case Op::GET_AITER:
      case Op::ASYNC_GEN_WRAP:
      case Op::CHECK_EG_MATCH:
      case Op::LOAD_FROM_DICT_OR_GLOBALS:
      case Op::LOAD_FROM_DICT_OR_DEREF:
        break;
      case Op::GET_ANEXT:
      case Op::BEFORE_ASYNC_WITH:
      case Op::ASYNC_WITH_EXCEPT:
      case Op::MATCH_MAPPING:
      case Op::MATCH_SEQUENCE:
      case Op::MATCH_KEYS:
      case Op::GET_LEN:
      case Op::LOAD_LOCALS:
      case Op::LOAD_TYPING:
        d = 1;
        break;
      case Op::PREP_RERAISE_STAR:
      case Op::SET_FUNCTION_ATTRIBUTE:
      case Op::BUILD_TEMPLATE:
      case Op::PRINT_EXPR:
        d = -1;
        break;
      case Op::END_ASYNC_FOR:
      case Op::MATCH_CLASS:
        d = -2;
        break;
      case Op::BUILD_INTERPOLATION:
        d = (a & 0x100) ? -2 : -1;
        break;
      case Op::SETUP_ASYNC_WITH:
        // the handler sees [exit, exc]: `exit` is below the awaited __aenter__ result
        flow(a, State{s.depth, s.blocks});
        s.blocks.push_back(a);
        break;
      case Op::POP_TOP:
      case Op::STORE_FAST:
      case Op::STORE_DEREF:
      case Op::STORE_GLOBAL:
      case Op::STORE_NAME:
      case Op::DELETE_ATTR:
      case Op::BINARY_SUBSCR:
      case Op::BINARY_OP:
      case Op::COMPARE_OP:
      case Op::IS_OP:
      case Op::CONTAINS_OP:
      case Op::LIST_APPEND:
      case Op::SET_ADD:
      case Op::LIST_EXTEND:
      case Op::SET_UPDATE:
      case Op::DICT_UPDATE:
      case Op::DICT_MERGE:
      case Op::WITH_EXIT:
      case Op::IMPORT_NAME:
      case Op::IMPORT_STAR:
        d = -1;
        break;
      case Op::COPY:
      case Op::LOAD_CONST:
      case Op::LOAD_FAST:
      case Op::LOAD_DEREF:
      case Op::LOAD_CLOSURE:
      case Op::LOAD_GLOBAL:
      case Op::LOAD_NAME:
      case Op::LOAD_BUILD_CLASS:
      case Op::WITH_EXCEPT:
      case Op::IMPORT_FROM:
      case Op::LOAD_ASSERTION_ERROR:
        d = 1;
        break;
      case Op::STORE_ATTR:
      case Op::DELETE_SUBSCR:
      case Op::MAP_ADD:
        d = -2;
        break;
      case Op::STORE_SUBSCR:
        d = -3;
        break;
      case Op::BUILD_SLICE:
        d = 1 - a;
        break;
      case Op::BUILD_TUPLE:
      case Op::BUILD_LIST:
      case Op::BUILD_SET:
      case Op::BUILD_STRING:
        d = 1 - a;
        break;
      case Op::BUILD_MAP:
        d = 1 - 2 * a;
        break;
      case Op::UNPACK_SEQUENCE:
        d = a - 1;
        break;
      case Op::UNPACK_EX:
        d = (a & 0xff) + (a >> 8);
        break;
      case Op::FORMAT_VALUE:
        d = (a & 0x100) ? -1 : 0;
        break;
      case Op::CALL:
        d = -a;
        break;
      case Op::CALL_KW:
        d = -a - 1;
        break;
      case Op::CALL_FUNCTION_EX:
        d = -1 - (a & 1);
        break;
      case Op::MAKE_FUNCTION:
        d = -((a & kHasDefaults) ? 1 : 0) - ((a & kHasKwDefaults) ? 1 : 0) -
            ((a & kHasClosure) ? 1 : 0);
        break;
      case Op::JUMP:
        flow(a, s);
        falls = false;
        break;
      case Op::POP_JUMP_IF_FALSE:
      case Op::POP_JUMP_IF_TRUE:
        d = -1;
        flow(a, State{s.depth - 1, s.blocks});
        break;
      case Op::JUMP_IF_FALSE_OR_POP:
      case Op::JUMP_IF_TRUE_OR_POP:
        d = -1;
        flow(a, s);
        break;
      case Op::FOR_ITER:
        d = 1;
        flow(a, State{s.depth - 1, s.blocks});
        break;
      case Op::SETUP_FINALLY: {
        flow(a, State{s.depth + 1, s.blocks});
        s.blocks.push_back(a);
        break;
      }
      case Op::SETUP_WITH: {
        flow(a, State{s.depth + 1, s.blocks});
        s.blocks.push_back(a);
        d = 1;
        break;
      }
      case Op::POP_BLOCK:
        if (s.blocks.empty())
          err = where(pc) + ": POP_BLOCK without a block";
        else
          s.blocks.pop_back();
        break;
      case Op::RETURN_VALUE:
        if (!s.blocks.empty() && err.empty()) err = where(pc) + ": return with open blocks";
        if (s.depth < 1 && err.empty()) err = where(pc) + ": return on an empty stack";
        falls = false;
        break;
      case Op::RAISE_VARARGS:
      case Op::RERAISE:
        falls = false;
        break;
    }
    if (falls) flow(pc + 1, State{s.depth + d, s.blocks});
  }
  if (!err.empty()) return err;
  for (const Constant& c : code.consts) {
    if (c.kind != Constant::Kind::Code) continue;
    std::string sub = verify(*c.code);
    if (!sub.empty()) return sub;
  }
  return {};
}

// ---- helpers ----

std::shared_ptr<CodeObject> compile(const std::string& src) {
  auto mod = syntax::parseModule("t.py", src);
  INFO(src);
  if (!mod) FAIL("parse error: " + mod.error().message);
  auto code = compileModule(*mod, "t.py");
  if (!code) FAIL("compile error: " + code.error().message);
  if (!code) return nullptr;
  std::string problem = verify(**code);
  INFO(disassemble(**code));
  CHECK(problem == "");
  return *code;
}

std::string compileError(const std::string& src) {
  auto mod = syntax::parseModule("t.py", src);
  if (!mod) return "parse: " + mod.error().message;
  auto code = compileModule(*mod, "t.py");
  if (code) return "";
  CHECK(code.error().code == ErrorCode::Syntax);
  return code.error().message;
}

/// A nested code object by qualname (depth-first).
const CodeObject* find(const CodeObject& code, const std::string& qualname) {
  if (code.qualname == qualname) return &code;
  for (const Constant& c : code.consts) {
    if (c.kind != Constant::Kind::Code) continue;
    if (const CodeObject* r = find(*c.code, qualname)) return r;
  }
  return nullptr;
}

const CodeObject& fn(const std::shared_ptr<CodeObject>& mod, const std::string& qualname) {
  const CodeObject* c = find(*mod, qualname);
  if (!c) FAIL("no code object " + qualname + "\n" + disassemble(*mod));
  return *c;  // NOLINT: FAIL throws
}

std::string ops(const CodeObject& code) {
  std::string out;
  for (const Instr& in : code.code) {
    if (!out.empty()) out += ' ';
    out += opName(in.op);
  }
  return out;
}

int indexOf(const CodeObject& code, Op op, int nth = 0) {
  for (size_t i = 0; i < code.code.size(); ++i)
    if (code.code[i].op == op && nth-- == 0) return static_cast<int>(i);
  return -1;
}

bool has(const CodeObject& code, Op op) { return indexOf(code, op) >= 0; }

std::string argName(const CodeObject& code, const Instr& in) {
  switch (in.op) {
    case Op::LOAD_FAST:
    case Op::STORE_FAST:
      return code.varnames.at(static_cast<size_t>(in.arg));
    case Op::LOAD_DEREF:
    case Op::STORE_DEREF:
    case Op::LOAD_CLOSURE: {
      size_t i = static_cast<size_t>(in.arg);
      return i < code.cellvars.size() ? code.cellvars[i]
                                      : code.freevars.at(i - code.cellvars.size());
    }
    default:
      return code.names.at(static_cast<size_t>(in.arg));
  }
}

/// "LOAD_GLOBAL g" style list of name-using instructions.
std::vector<std::string> nameOps(const CodeObject& code) {
  std::vector<std::string> out;
  for (const Instr& in : code.code) {
    switch (in.op) {
      case Op::LOAD_FAST:
      case Op::STORE_FAST:
      case Op::LOAD_DEREF:
      case Op::STORE_DEREF:
      case Op::LOAD_GLOBAL:
      case Op::STORE_GLOBAL:
      case Op::LOAD_NAME:
      case Op::STORE_NAME:
        out.push_back(std::string(opName(in.op)) + " " + argName(code, in));
        break;
      default:
        break;
    }
  }
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

syntax::Span span(uint32_t l, uint32_t c, uint32_t el, uint32_t ec) { return {l, c, el, ec}; }

bool sameSpan(const syntax::Span& a, const syntax::Span& b) {
  return a.line == b.line && a.col == b.col && a.end_line == b.end_line && a.end_col == b.end_col;
}

}  // namespace compiler_test

using namespace compiler_test;

TEST_CASE("return of a call is CALL immediately followed by RETURN_VALUE", "[interp][compiler]") {
  auto mod = compile("def f(x):\n    return g(x)\n");
  const CodeObject& f = fn(mod, "f");
  CHECK(ops(f) == "LOAD_GLOBAL LOAD_FAST CALL RETURN_VALUE");
  CHECK(f.argcount == 1);
  CHECK(f.varnames == std::vector<std::string>{"x"});
}

TEST_CASE("return inside with exits the context manager before RETURN_VALUE",
          "[interp][compiler]") {
  auto mod = compile("def f(x):\n    with cm() as c:\n        return g(x)\n");
  const CodeObject& f = fn(mod, "f");
  int call = indexOf(f, Op::CALL, 1);
  REQUIRE(call > 0);
  CHECK(f.code[static_cast<size_t>(call + 1)].op != Op::RETURN_VALUE);
  CHECK(ops(f).find("CALL POP_BLOCK SWAP WITH_EXIT RETURN_VALUE") != std::string::npos);
  CHECK(ops(f).find("WITH_EXCEPT POP_JUMP_IF_TRUE RERAISE POP_TOP POP_TOP POP_EXCEPT JUMP") !=
        std::string::npos);
  // the with machinery is positioned at the context expression
  const Instr& setup = f.code[static_cast<size_t>(indexOf(f, Op::SETUP_WITH))];
  CHECK(sameSpan(setup.pos, span(2, 9, 2, 13)));
  CHECK(sameSpan(f.code[static_cast<size_t>(indexOf(f, Op::WITH_EXIT))].pos, span(2, 9, 2, 13)));
  CHECK(sameSpan(f.code[static_cast<size_t>(indexOf(f, Op::RETURN_VALUE))].pos, span(3, 8, 3, 19)));
}

TEST_CASE("with with two items nests two with blocks", "[interp][compiler]") {
  auto mod = compile("with a() as x, b():\n    pass\n");
  CHECK(indexOf(*mod, Op::SETUP_WITH, 1) > 0);
  CHECK(indexOf(*mod, Op::WITH_EXIT, 1) > 0);
}

TEST_CASE("for loops jump backwards to FOR_ITER; break pops the iterator", "[interp][compiler]") {
  auto mod = compile(
      "def f(xs):\n    for x in xs:\n        if x:\n            break\n        g(x)\n    else:\n   "
      "     h()\n");
  const CodeObject& f = fn(mod, "f");
  int for_iter = indexOf(f, Op::FOR_ITER);
  REQUIRE(for_iter > 0);
  CHECK(f.code[static_cast<size_t>(for_iter - 1)].op == Op::GET_ITER);
  bool backward = false;
  for (size_t i = 0; i < f.code.size(); ++i)
    if (f.code[i].op == Op::JUMP && f.code[i].arg == for_iter && static_cast<int>(i) > for_iter)
      backward = true;
  CHECK(backward);
  // break: POP_TOP (iterator) and a jump past the else clause
  CHECK(ops(f).find("POP_JUMP_IF_FALSE POP_TOP JUMP") != std::string::npos);
  int brk = indexOf(f, Op::POP_JUMP_IF_FALSE) + 2;
  int target = f.code[static_cast<size_t>(brk)].arg;
  CHECK(f.code[static_cast<size_t>(target)].op ==
        Op::LOAD_CONST);  // the implicit return, after `h()`
  // FOR_ITER / GET_ITER are positioned at the iterable
  CHECK(sameSpan(f.code[static_cast<size_t>(for_iter)].pos, span(2, 13, 2, 15)));
}

TEST_CASE("while True has no test and continue jumps to the loop start", "[interp][compiler]") {
  auto mod =
      compile("def f():\n    while True:\n        if g():\n            continue\n        h()\n");
  const CodeObject& f = fn(mod, "f");
  CHECK(ops(f) ==
        "NOP LOAD_GLOBAL CALL POP_JUMP_IF_FALSE JUMP LOAD_GLOBAL CALL POP_TOP JUMP LOAD_CONST "
        "RETURN_VALUE");
  CHECK(f.code[4].arg == 0);
  CHECK(f.code[8].arg == 0);
}

TEST_CASE("try/except follows the handler protocol", "[interp][compiler]") {
  auto mod = compile(
      "try:\n    f()\nexcept ValueError as e:\n    g(e)\nexcept E:\n    h()\nelse:\n    k()\n");
  CHECK(ops(*mod) ==
        "SETUP_FINALLY LOAD_NAME CALL POP_TOP POP_BLOCK JUMP "
        "LOAD_NAME CHECK_EXC_MATCH POP_JUMP_IF_FALSE STORE_NAME LOAD_NAME LOAD_NAME CALL POP_TOP "
        "POP_EXCEPT LOAD_CONST STORE_NAME DELETE_NAME JUMP "
        "LOAD_NAME CHECK_EXC_MATCH POP_JUMP_IF_FALSE POP_TOP LOAD_NAME CALL POP_TOP POP_EXCEPT "
        "JUMP RERAISE "
        "LOAD_NAME CALL POP_TOP LOAD_CONST RETURN_VALUE");
  CHECK(mod->code[0].arg == 6);   // handler
  CHECK(mod->code[8].arg == 19);  // next handler
}

TEST_CASE("a bare except skips the match test", "[interp][compiler]") {
  auto mod = compile("try:\n    f()\nexcept:\n    h()\n");
  CHECK(ops(*mod) ==
        "SETUP_FINALLY LOAD_NAME CALL POP_TOP POP_BLOCK JUMP POP_TOP LOAD_NAME CALL POP_TOP "
        "POP_EXCEPT JUMP RERAISE "
        "LOAD_CONST RETURN_VALUE");
}

TEST_CASE("try/finally copies the final body on the normal path and before a return",
          "[interp][compiler]") {
  auto mod = compile("def f():\n    try:\n        return g()\n    finally:\n        h()\n");
  const CodeObject& f = fn(mod, "f");
  CHECK(ops(f) ==
        "SETUP_FINALLY LOAD_GLOBAL CALL POP_BLOCK LOAD_GLOBAL CALL POP_TOP RETURN_VALUE "
        "POP_BLOCK LOAD_GLOBAL CALL POP_TOP JUMP LOAD_GLOBAL CALL POP_TOP RERAISE LOAD_CONST "
        "RETURN_VALUE");
}

TEST_CASE("return inside an except handler ends the handler first", "[interp][compiler]") {
  auto mod = compile("def f():\n    try:\n        g()\n    except E as e:\n        return 1\n");
  const CodeObject& f = fn(mod, "f");
  CHECK(ops(f).find("POP_EXCEPT LOAD_CONST STORE_FAST DELETE_FAST LOAD_CONST RETURN_VALUE") !=
        std::string::npos);
}

TEST_CASE("break inside try/finally inside a loop runs the final body", "[interp][compiler]") {
  auto mod = compile(
      "def f(xs):\n    for x in xs:\n        try:\n            break\n        finally:\n           "
      " h()\n");
  CHECK(ops(fn(mod, "f")).find("SETUP_FINALLY POP_BLOCK LOAD_GLOBAL CALL POP_TOP POP_TOP JUMP") !=
        std::string::npos);
}

TEST_CASE("assert compiles to a jump over the raise", "[interp][compiler]") {
  auto mod = compile("assert x, 'msg'\nassert y\n");
  CHECK(ops(*mod) ==
        "LOAD_NAME POP_JUMP_IF_TRUE LOAD_ASSERTION_ERROR LOAD_CONST CALL RAISE_VARARGS "
        "LOAD_NAME POP_JUMP_IF_TRUE LOAD_ASSERTION_ERROR RAISE_VARARGS LOAD_CONST RETURN_VALUE");
  CHECK(mod->code[1].arg == 6);
}

TEST_CASE("calls use CALL CALL_KW or CALL_FUNCTION_EX", "[interp][compiler]") {
  SECTION("keywords") {
    auto mod = compile("f(1, b=2, c=3)\n");
    CHECK(ops(*mod) ==
          "LOAD_NAME LOAD_CONST LOAD_CONST LOAD_CONST LOAD_CONST CALL_KW POP_TOP LOAD_CONST "
          "RETURN_VALUE");
    const Instr& kw = mod->code[5];
    CHECK(kw.arg == 3);
    const Constant& names = mod->consts.at(static_cast<size_t>(mod->code[4].arg));
    REQUIRE(names.kind == Constant::Kind::Tuple);
    CHECK(names.tuple.size() == 2);
    CHECK(names.tuple[0].value.str == "b");
  }
  SECTION("star args and kwargs") {
    auto mod = compile("f(a, *b, c, k=1, **m)\n");
    CHECK(
        ops(*mod) ==
        "LOAD_NAME LOAD_NAME BUILD_LIST LOAD_NAME LIST_EXTEND LOAD_NAME LIST_APPEND LIST_TO_TUPLE "
        "LOAD_CONST LOAD_CONST BUILD_MAP LOAD_NAME DICT_MERGE CALL_FUNCTION_EX POP_TOP LOAD_CONST "
        "RETURN_VALUE");
    CHECK(mod->code[2].arg == 1);
    CHECK(mod->code[13].arg == 1);
  }
  SECTION("only **kwargs") {
    auto mod = compile("f(a, **m)\n");
    CHECK(ops(*mod) ==
          "LOAD_NAME LOAD_NAME BUILD_TUPLE BUILD_MAP LOAD_NAME DICT_MERGE CALL_FUNCTION_EX POP_TOP "
          "LOAD_CONST RETURN_VALUE");
  }
}

TEST_CASE("chained comparisons short-circuit with SWAP/COPY", "[interp][compiler]") {
  auto mod = compile("r = a < b < c\nif a < b <= c:\n    pass\n");
  CHECK(ops(*mod).rfind("LOAD_NAME LOAD_NAME SWAP COPY COMPARE_OP JUMP_IF_FALSE_OR_POP LOAD_NAME "
                        "COMPARE_OP JUMP SWAP POP_TOP STORE_NAME",
                        0) == 0);
  CHECK(ops(*mod).find("SWAP COPY COMPARE_OP POP_JUMP_IF_FALSE LOAD_NAME COMPARE_OP "
                       "POP_JUMP_IF_FALSE JUMP POP_TOP") != std::string::npos);
}

TEST_CASE("augmented assignment on attributes subscripts and names", "[interp][compiler]") {
  auto mod = compile("a.b += x\nc[i] -= 1\nn *= 2\n");
  CHECK(ops(*mod) ==
        "LOAD_NAME COPY LOAD_ATTR LOAD_NAME BINARY_OP SWAP STORE_ATTR "
        "LOAD_NAME LOAD_NAME COPY COPY BINARY_SUBSCR LOAD_CONST BINARY_OP SWAP SWAP STORE_SUBSCR "
        "LOAD_NAME LOAD_CONST BINARY_OP STORE_NAME LOAD_CONST RETURN_VALUE");
  CHECK(mod->code[4].arg == binaryOpArg(syntax::BinOpKind::Add, true));
  CHECK(sameSpan(mod->code[4].pos, span(1, 0, 1, 8)));  // the AugAssign statement
}

TEST_CASE("unpacking assignments use UNPACK_SEQUENCE and UNPACK_EX", "[interp][compiler]") {
  auto mod = compile("a, (b, c) = t\nx, *y, z = t\n");
  CHECK(ops(*mod).rfind(
            "LOAD_NAME UNPACK_SEQUENCE STORE_NAME UNPACK_SEQUENCE STORE_NAME STORE_NAME", 0) == 0);
  int ex = indexOf(*mod, Op::UNPACK_EX);
  REQUIRE(ex > 0);
  CHECK(mod->code[static_cast<size_t>(ex)].arg == (1 | (1 << 8)));
}

TEST_CASE("imports bind the right names", "[interp][compiler]") {
  auto mod = compile("import a.b.c\nimport a.b as d\nfrom ..m import x as y\nfrom n import *\n");
  auto names = nameOps(*mod);
  CHECK(names == std::vector<std::string>{"STORE_NAME a", "STORE_NAME d", "STORE_NAME y"});
  CHECK(ops(*mod) ==
        "LOAD_CONST LOAD_CONST IMPORT_NAME STORE_NAME "
        "LOAD_CONST LOAD_CONST IMPORT_NAME IMPORT_FROM STORE_NAME POP_TOP "
        "LOAD_CONST LOAD_CONST IMPORT_NAME IMPORT_FROM STORE_NAME POP_TOP "
        "LOAD_CONST LOAD_CONST IMPORT_NAME IMPORT_STAR LOAD_CONST RETURN_VALUE");
  CHECK(mod->names.at(static_cast<size_t>(mod->code[7].arg)) == "b");
  CHECK(mod->consts.at(static_cast<size_t>(mod->code[10].arg)).value.i == 2);  // level
}

TEST_CASE("f-strings use FORMAT_VALUE and BUILD_STRING", "[interp][compiler]") {
  auto mod = compile("s = f'a{x!r}b{y:>4}'\nt = f'{z}'\n");
  CHECK(ops(*mod) ==
        "LOAD_CONST LOAD_NAME FORMAT_VALUE LOAD_CONST LOAD_NAME LOAD_CONST FORMAT_VALUE "
        "BUILD_STRING STORE_NAME "
        "LOAD_NAME FORMAT_VALUE STORE_NAME LOAD_CONST RETURN_VALUE");
  CHECK(mod->code[2].arg == 'r');
  CHECK(mod->code[6].arg == 0x100);
  CHECK(mod->code[7].arg == 4);
}

TEST_CASE("slices subscripts and literals", "[interp][compiler]") {
  auto mod = compile("a = x[1:]\nb = x[::2, 0]\nc = (1, -2, 'z')\nd = {1: 2, **e}\ns = {*p, 3}\n");
  CHECK(ops(*mod).rfind("LOAD_NAME LOAD_CONST LOAD_CONST BUILD_SLICE BINARY_SUBSCR STORE_NAME",
                        0) == 0);
  int tuple_const = -1;
  for (const Instr& in : mod->code)
    if (in.op == Op::LOAD_CONST &&
        mod->consts[static_cast<size_t>(in.arg)].kind == Constant::Kind::Tuple)
      tuple_const = in.arg;
  REQUIRE(tuple_const >= 0);
  CHECK(mod->consts[static_cast<size_t>(tuple_const)].tuple[1].value.i == -2);
  CHECK(has(*mod, Op::DICT_UPDATE));
  CHECK(has(*mod, Op::SET_UPDATE));
}

TEST_CASE("decorators are evaluated first and applied innermost first", "[interp][compiler]") {
  auto mod = compile("@d1\n@d2(3)\ndef f():\n    pass\n");
  CHECK(ops(*mod) ==
        "LOAD_NAME LOAD_NAME LOAD_CONST CALL LOAD_CONST MAKE_FUNCTION CALL CALL STORE_NAME "
        "LOAD_CONST RETURN_VALUE");
  CHECK(sameSpan(mod->code[6].pos, span(2, 1, 2, 6)));  // d2(3) applied first
  CHECK(sameSpan(mod->code[7].pos, span(1, 1, 1, 3)));
  CHECK(fn(mod, "f").firstlineno == 1);
}

TEST_CASE("defaults keyword-only defaults and closures in MAKE_FUNCTION", "[interp][compiler]") {
  auto mod =
      compile("def outer(v):\n    def f(a, b=1, *c, d=v, **e):\n        return v\n    return f\n");
  const CodeObject& outer = fn(mod, "outer");
  CHECK(ops(outer) ==
        "LOAD_CONST LOAD_CONST LOAD_DEREF BUILD_MAP LOAD_CLOSURE BUILD_TUPLE LOAD_CONST "
        "MAKE_FUNCTION STORE_FAST "
        "LOAD_FAST RETURN_VALUE");
  CHECK(outer.code[7].arg == (kHasDefaults | kHasKwDefaults | kHasClosure));
  CHECK(outer.cellvars == std::vector<std::string>{"v"});
  CHECK(outer.cell2arg == std::vector<int>{0});
  const CodeObject& f = fn(mod, "outer.<locals>.f");
  CHECK(f.varnames == std::vector<std::string>{"a", "b", "d", "c", "e"});
  CHECK(f.argcount == 2);
  CHECK(f.kwonlyargcount == 1);
  CHECK((f.flags & (kVarargs | kVarkw)) == (kVarargs | kVarkw));
  CHECK(f.freevars == std::vector<std::string>{"v"});
}

TEST_CASE("classes call __build_class__ with the body function and the name",
          "[interp][compiler]") {
  auto mod = compile(
      "class C(B, *more, metaclass=M):\n    '''doc'''\n    x: int = 1\n    def m(self):\n        "
      "return super().m()\n");
  CHECK(ops(*mod).rfind("LOAD_BUILD_CLASS LOAD_CLOSURE", 0) != 0);
  CHECK(has(*mod, Op::CALL_FUNCTION_EX));
  const CodeObject& c = fn(mod, "C");
  CHECK((c.flags & kClassBody) != 0);
  // 3.14: the annotations go to `__annotate_func__`, which reads the class namespace through
  // the `__classdict__` cell set first.
  CHECK(
      ops(c).rfind("LOAD_NAME STORE_NAME LOAD_CONST STORE_NAME LOAD_LOCALS STORE_DEREF LOAD_CONST "
                   "STORE_NAME",
                   0) == 0);
  CHECK(c.cellvars == std::vector<std::string>{"__class__", "__classdict__"});
  CHECK(contains(nameOps(c), "STORE_NAME __annotate_func__"));
  CHECK(
      ops(c).find(
          "LOAD_CLOSURE BUILD_TUPLE LOAD_CONST MAKE_FUNCTION STORE_NAME LOAD_CONST RETURN_VALUE") !=
      std::string::npos);
  const CodeObject& m = fn(mod, "C.m");
  CHECK(m.uses_class_cell);
  CHECK(m.freevars == std::vector<std::string>{"__class__"});
}

TEST_CASE("generators and generator expressions", "[interp][compiler]") {
  auto mod = compile(
      "def g(n):\n    x = yield n\n    yield from h(x)\n    return sum(i for i in range(n) if "
      "i)\n");
  const CodeObject& g = fn(mod, "g");
  CHECK((g.flags & kGenerator) != 0);
  CHECK(has(g, Op::YIELD_VALUE));
  CHECK(has(g, Op::YIELD_FROM));
  CHECK(ops(g).find("GET_ITER LOAD_CONST MAKE_FUNCTION SWAP CALL CALL RETURN_VALUE") !=
        std::string::npos);
  const CodeObject& ge = fn(mod, "g.<locals>.<genexpr>");
  CHECK(ge.name == "<genexpr>");
  CHECK(ge.varnames.at(0) == ".0");
  CHECK(ge.argcount == 1);
  CHECK((ge.flags & kGenerator) != 0);
  CHECK(ops(ge) ==
        "LOAD_FAST FOR_ITER STORE_FAST LOAD_FAST POP_JUMP_IF_FALSE LOAD_FAST YIELD_VALUE POP_TOP "
        "JUMP LOAD_CONST RETURN_VALUE");
}

TEST_CASE("pyStringRepr quotes as Python's repr() does", "[interp][compiler]") {
  using gbc::interp::pyStringRepr;
  CHECK(pyStringRepr("it's\n", false) == "\"it's\\n\"");
  CHECK(pyStringRepr("a\"b'c", false) == "'a\"b\\'c'");
  CHECK(pyStringRepr("tab\there\x01", false) == "'tab\\there\\x01'");
  CHECK(pyStringRepr("caf\xC3\xA9", false) == "'caf\xC3\xA9'");
  CHECK(pyStringRepr(std::string("\xff\x00"
                                 "a'",
                                 4),
                     true) == "b\"\\xff\\x00a'\"");
}
