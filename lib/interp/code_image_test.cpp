// Code images: a compiled module survives serialization exactly; malformed bytes are refused.
#include "interp/code_image.h"

#include <catch2/catch.hpp>

#include <string>

#include "syntax/parser.h"

using namespace gbc;
using namespace gbc::interp;

namespace {

std::shared_ptr<CodeObject> compile(const std::string& source) {
  auto parsed = syntax::parseModule("m.py", source);
  REQUIRE(parsed.has_value());
  auto code = compileModule(*parsed, "m.py");
  REQUIRE(code.has_value());
  return *code;
}

const char* kSource = R"PY(
import torch
X = (1, 2.5, -3, 10**30, 'text', b'\x00\xff', None, True, ..., 1j)

class A:
    def __init__(self, *args, k=1, **kw):
        super().__init__()
        self.total = sum(x for x in args) + k

def outer(a, /, b=2, *, c):
    def inner(y):
        nonlocal a
        a += y
        return [a * i for i in range(b)]
    try:
        return inner(c)
    except (ValueError, TypeError) as e:
        raise RuntimeError("bad") from e
    finally:
        pass

async def coro(x: int) -> None:
    async with x:
        await x
)PY";

}  // namespace

TEST_CASE("a code image reads back as the same code object") {
  std::shared_ptr<CodeObject> code = compile(kSource);
  std::string bytes = serializeCode(*code);
  std::shared_ptr<CodeObject> back = deserializeCode(bytes);
  REQUIRE(back);
  CHECK(disassemble(*back) == disassemble(*code));
  CHECK(serializeCode(*back) == bytes);
  // co_flags is not in the listing: the coroutine's (a constant of the module) must survive too
  for (size_t i = 0; i < code->consts.size(); ++i) {
    if (code->consts[i].kind != Constant::Kind::Code) continue;
    CHECK(back->consts[i].code->co_flags == code->consts[i].code->co_flags);
  }
}

TEST_CASE("malformed code images are refused, never read past their end") {
  std::string bytes = serializeCode(*compile(kSource));
  CHECK_FALSE(deserializeCode(""));
  CHECK_FALSE(deserializeCode("garbage"));
  for (size_t cut : {size_t{1}, size_t{4}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 1}) {
    INFO(cut);
    CHECK_FALSE(deserializeCode(std::string_view(bytes).substr(0, cut)));
  }
  CHECK_FALSE(deserializeCode(bytes + "x"));  // trailing bytes
  // every single-byte change either reads back to some code object or is refused, safely
  for (size_t i = 0; i < bytes.size(); i += 7) {
    std::string flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    (void)deserializeCode(flipped);
  }
}

TEST_CASE("image keys tell sources and Python versions apart") {
  CHECK(imageKey("x = 1\n", "3.14") == imageKey("x = 1\n", "3.14"));
  CHECK(imageKey("x = 1\n", "3.14") != imageKey("x = 1\n", "3.12"));
  CHECK(imageKey("x = 1\n", "3.14") != imageKey("x = 2\n", "3.14"));
}
