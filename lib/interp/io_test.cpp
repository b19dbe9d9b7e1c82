// The standard streams _io builds for `sys` (mod_io.h): TextIOWrapper objects whose writes reach
// the program's stdout (VM::out) at once, and an empty stdin under analysis.
#include <catch2/catch.hpp>

#include <string>

#include "base/target.h"
#include "interp/mod_io.h"
#include "interp/vfs.h"
#include "interp/vm.h"

namespace gbc::interp {
namespace {

std::string text(VM& vm, const Value& v) { return vm.str(v); }

TEST_CASE("makeStdStream builds sys.stdout / sys.stderr / sys.stdin", "[interp][io]") {
  VM vm(kTarget2_14, true);
  std::string shown;
  vm.out = [&](std::string_view s) { shown += s; };
  std::string errors;
  vm.vfs().err = [&](std::string_view s) { errors += s; };

  Value out = makeStdStream(vm, 1);
  CHECK(vm.typeOf(out)->name == "TextIOWrapper");
  CHECK(text(vm, vm.getAttr(out, "encoding")) == "utf-8");
  CHECK(text(vm, vm.getAttr(out, "errors")) == "strict");
  CHECK(text(vm, vm.getAttr(out, "mode")) == "w");
  CHECK(vm.repr(vm.getAttr(out, "name")) == "1");
  CHECK(vm.repr(vm.callMethod(out, "write", {pyStr("h\xc3\xa9llo\n")})) == "6");
  CHECK(shown == "h\xc3\xa9llo\n");  // at once, without a flush
  vm.callMethod(out, "write", {pyStr("no newline")});
  CHECK(shown == "h\xc3\xa9llo\nno newline");
  CHECK(vm.truthy(vm.callMethod(out, "writable", {})));
  Value raw = vm.getAttr(vm.getAttr(out, "buffer"), "raw");
  CHECK_FALSE(vm.truthy(vm.getAttr(raw, "closefd")));  // (closing sys.stdout leaves fd 1 open)

  Value err = makeStdStream(vm, 2);
  CHECK(text(vm, vm.getAttr(err, "errors")) == "backslashreplace");
  vm.callMethod(err, "write", {pyStr("oops\n")});
  CHECK(errors == "oops\n");
}

TEST_CASE("under analysis stdin is empty and stdout is what print shows", "[interp][io]") {
  VM vm(kTarget2_14, false);
  std::string shown;
  vm.out = [&](std::string_view s) { shown += s; };
  Value in = makeStdStream(vm, 0);
  CHECK(text(vm, vm.getAttr(in, "mode")) == "r");
  CHECK(text(vm, vm.callMethod(in, "read", {})).empty());
  Value out = makeStdStream(vm, 1);
  vm.callMethod(out, "write", {pyStr("x")});
  CHECK(shown == "x");
}

}  // namespace
}  // namespace gbc::interp
