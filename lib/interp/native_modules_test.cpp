// Tests of the native-module machinery: the table, CPython's argument messages (clinic_args.h)
// and the driver's hook into atexit (mod_atexit.h). The modules themselves are tested by the
// CPython-recorded programs of testdata/python/<module>/ (scripts/run-python-tests).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "interp/bytecode.h"
#include "interp/clinic_args.h"
#include "interp/mod_atexit.h"
#include "interp/native_modules.h"
#include "interp/vm.h"
#include "syntax/parser.h"

using namespace gbc::interp;

namespace {

/// Runs `source` as __main__ in `vm`; its print() output goes to `out`.
void exec(VM& vm, const std::string& source, std::string& out) {
  vm.out = [&out](std::string_view s) { out += s; };
  auto parsed = gbc::syntax::parseModule("/tmp/gbc_native_test.py", source);
  REQUIRE(parsed.has_value());
  auto code = compileModule(*parsed, "/tmp/gbc_native_test.py",
                            CompileOptions::forPython(vm.target().python));
  REQUIRE(code.has_value());
  vm.execModule(*code, "__main__", newDict());
}

/// The message of the TypeError `f` raises (empty when it raises nothing).
template <class F>
std::string typeErrorOf(VM& vm, F f) {
  try {
    f();
  } catch (PyRaise& e) {
    CHECK(vm.isInstance(e.exc, vm.b().type_error.get()));
    return vm.exceptionMessage(e.exc);
  }
  return "";
}

CallArgs call(std::vector<Value> args, std::vector<std::pair<std::string, Value>> kwargs = {}) {
  CallArgs a;
  a.args = std::move(args);
  a.kwargs = std::move(kwargs);
  return a;
}

}  // namespace

TEST_CASE("the native module table is sorted and every entry builds", "[interp][native]") {
  std::vector<std::string_view> names = nativeModuleNames();
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  VM vm(gbc::kTarget2_14, true);
  for (std::string_view name : names) {
    INFO(name);
    Value m = findNativeModule(name)(vm);
    REQUIRE(m->kind == Kind::Module);
    CHECK(as<ModuleObject>(m).name == name);
  }
  CHECK(findNativeModule("no_such_module") == nullptr);
}

TEST_CASE("clinicParse words its errors as Argument Clinic does", "[interp][native]") {
  VM vm(gbc::kTarget2_14, true);
  ClinicSpec count{"count", {"start", "step"}};
  CHECK(typeErrorOf(vm, [&] {
          clinicParse(vm, call({pyInt(1), pyInt(2), pyInt(3)}), count);
        }) == "count() takes at most 2 arguments (3 given)");
  CHECK(typeErrorOf(vm, [&] {
          clinicParse(vm, call({}, {{"x", pyInt(1)}}), count);
        }) == "count() got an unexpected keyword argument 'x'");
  ClinicSpec acc{"accumulate", {"iterable", "func", "initial"}, 0, 1, 2};
  CHECK(typeErrorOf(vm, [&] { clinicParse(vm, call({}), acc); }) ==
        "accumulate() missing required argument 'iterable' (pos 1)");
  CHECK(typeErrorOf(vm, [&] {
          clinicParse(vm, call({none(), none(), none()}), acc);
        }) == "accumulate() takes at most 2 positional arguments (3 given)");
  CHECK(typeErrorOf(vm, [&] {
          clinicParse(vm, call({none()}, {{"iterable", none()}}), acc);
        }) == "argument for accumulate() given by name ('iterable') and position (1)");
  ClinicSpec reduce{"reduce", {"function", "iterable", "initial"}, 2, 2};
  CHECK(typeErrorOf(vm, [&] {
          clinicParse(vm, call({}, {{"function", none()}}), reduce);
        }) == "reduce() takes at least 2 positional arguments (0 given)");
  CHECK(typeErrorOf(vm, [&] {
          clinicParse(vm, call({none(), none()}, {{"function", none()}}), reduce);
        }) == "reduce() got an unexpected keyword argument 'function'");
  std::vector<Value> got = clinicParse(vm, call({pyInt(5)}, {{"step", pyInt(2)}}), count);
  REQUIRE(got.size() == 2);
  CHECK(asInt(got[0]) == 5);
  CHECK(asInt(got[1]) == 2);
  CHECK(typeErrorOf(vm, [&] { checkPositional(vm, call({}), "cycle", 1, 1); }) ==
        "cycle expected 1 argument, got 0");
  CHECK(typeErrorOf(vm, [&] {
          checkPositional(vm, call({none(), none()}), "tee", 1, 1);
        }) == "tee expected 1 argument, got 2");
  CHECK(typeErrorOf(vm, [&] { checkPositional(vm, call({}), "islice", 2, 4); }) ==
        "islice expected at least 2 arguments, got 0");
  CHECK(typeErrorOf(vm, [&] { methOneArg(vm, call({none()}), "deque.append"); }) ==
        "deque.append() takes exactly one argument (0 given)");
  CHECK(typeErrorOf(vm, [&] {
          methNoArgs(vm, call({none(), none()}), "deque.pop");
        }) == "deque.pop() takes no arguments (1 given)");
  CHECK(typeErrorOf(vm, [&] { ssizeArg(vm, pyStr("a")); }) ==
        "'str' object cannot be interpreted as an integer");
}

TEST_CASE("suggestName picks a close parameter name as CPython 3.14 does", "[interp][native]") {
  CHECK(suggestName("strt", {"start", "step"}) == "start");
  CHECK(suggestName("stp", {"start", "step"}) == "step");
  CHECK(suggestName("Initial", {"iterable", "func", "initial"}) == "initial");
  CHECK(suggestName("dflt", {"default"}).empty());
  CHECK(suggestName("foo", {"repeat"}).empty());
  CHECK(suggestName("step", {"step"}).empty());
}

TEST_CASE("runAtexitCallbacks runs the registered functions last first, once",
          "[interp][native][atexit]") {
  VM vm(gbc::kTarget2_14, true);
  std::string out;
  exec(vm,
       "import atexit\n"
       "def boom():\n"
       "    raise ValueError('boom')\n"
       "atexit.register(print, 'first')\n"
       "atexit.register(boom)\n"
       "atexit.register(print, 'last', end='!\\n')\n"
       "print('body')\n",
       out);
  CHECK(out == "body\n");
  std::vector<AtexitFailure> reports = runAtexitCallbacks(vm);
  CHECK(out == "body\nlast!\nfirst\n");
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].callback.rfind("<function boom", 0) == 0);
  CHECK(reports[0].traceback.lastLine() == "ValueError: boom");
  CHECK(runAtexitCallbacks(vm).empty());
  CHECK(out == "body\nlast!\nfirst\n");
}

TEST_CASE("runAtexitCallbacks does nothing for a program without atexit",
          "[interp][native][atexit]") {
  VM vm(gbc::kTarget2_14, true);
  std::string out;
  exec(vm, "print('no atexit')\n", out);
  CHECK(runAtexitCallbacks(vm).empty());
  CHECK(out == "no atexit\n");
}
