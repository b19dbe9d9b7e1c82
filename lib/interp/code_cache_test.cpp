// The on-disk cache of compiled modules (code_cache.h): hits, misses, corrupt and foreign
// entries, unwritable folders; and the importer reading it (a warm import does not parse).
#include "interp/code_cache.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "interp/code_image.h"
#include "interp/importer.h"
#include "interp/vm.h"
#include "syntax/parser.h"

using namespace gbc;
using namespace gbc::interp;
namespace fs = std::filesystem;

namespace {

std::string tempDir() {
  char tmpl[] = "/tmp/gbc_code_cache_XXXXXX";
  return ::mkdtemp(tmpl);
}

std::shared_ptr<CodeObject> compile(const std::string& file, const std::string& source) {
  auto parsed = syntax::parseModule(file, source);
  REQUIRE(parsed.has_value());
  auto code = compileModule(*parsed, file, CompileOptions::forPython("3.14"));
  REQUIRE(code.has_value());
  return *code;
}

/// Replaces the process's cache for one test.
struct ProcessCache {
  explicit ProcessCache(const std::string& dir) : saved(CodeCache::process()) {
    CodeCache::process() = CodeCache(dir);
  }
  ~ProcessCache() { CodeCache::process() = saved; }
  CodeCache saved;
};

}  // namespace

TEST_CASE("a stored code object reads back for the same file, size, mtime and Python",
          "[interp][code_cache]") {
  std::string dir = tempDir();
  CodeCache cache(dir);
  auto code = compile("/src/m.py", "def f(x):\n    return x + 1\nY = [f(i) for i in range(3)]\n");
  SourceStamp stamp{"/src/m.py", "/src/m.py", 60, 1234567890123};
  CHECK(cache.load(stamp, "3.14") == nullptr);  // a miss
  REQUIRE(cache.store(stamp, "3.14", *code));
  std::shared_ptr<CodeObject> back = cache.load(stamp, "3.14");
  REQUIRE(back);
  CHECK(serializeCode(*back) == serializeCode(*code));

  SECTION("another size, mtime, name, file name or Python is a miss") {
    for (SourceStamp other : {SourceStamp{"/src/m.py", "/src/m.py", 61, 1234567890123},
                              SourceStamp{"/src/m.py", "/src/m.py", 60, 1234567890124},
                              SourceStamp{"/src/n.py", "/src/m.py", 60, 1234567890123},
                              SourceStamp{"/src/m.py", "<frozen m>", 60, 1234567890123}})
      CHECK(cache.load(other, "3.14") == nullptr);
    CHECK(cache.load(stamp, "3.12") == nullptr);
  }
  SECTION("a corrupt entry is skipped, never used") {
    std::string entry = cache.entryPath(stamp, "3.14");
    std::string bytes;
    {
      std::ifstream in(entry, std::ios::binary);
      bytes.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    for (size_t at : {bytes.size() / 2, bytes.size() - 1}) {
      std::string bad = bytes;
      bad[at] = static_cast<char>(bad[at] ^ 0x5a);
      std::ofstream(entry, std::ios::binary) << bad;
      CHECK(cache.load(stamp, "3.14") == nullptr);
    }
    std::ofstream(entry, std::ios::binary) << bytes.substr(0, bytes.size() / 3);  // truncated
    CHECK(cache.load(stamp, "3.14") == nullptr);
    std::ofstream(entry, std::ios::binary) << "";
    CHECK(cache.load(stamp, "3.14") == nullptr);
  }
  fs::remove_all(dir);
}

TEST_CASE("an unwritable or disabled cache is skipped silently", "[interp][code_cache]") {
  auto code = compile("/src/m.py", "X = 1\n");
  SourceStamp stamp{"/src/m.py", "/src/m.py", 6, 1};
  CodeCache disabled("");
  CHECK_FALSE(disabled.enabled());
  CHECK_FALSE(disabled.store(stamp, "3.14", *code));
  CHECK(disabled.load(stamp, "3.14") == nullptr);
  std::string dir = tempDir();
  std::ofstream(dir + "/code") << "a file where the cache's folder should be";
  CodeCache blocked(dir);
  CHECK_FALSE(blocked.store(stamp, "3.14", *code));
  CHECK(blocked.load(stamp, "3.14") == nullptr);
  fs::remove_all(dir);
}

TEST_CASE("the build identity names this executable", "[interp][code_cache]") {
  CHECK(buildIdentity().rfind("build-id:", 0) == 0);
}

TEST_CASE("a warm import reads code from the cache and parses nothing", "[interp][code_cache]") {
  std::string cache_dir = tempDir(), src = tempDir();
  ProcessCache cache(cache_dir);
  std::ofstream(src + "/pkg_warm.py")
      << "import __future__, colorsys\nVALUE = __future__.annotations is not None\n";
  auto importAll = [&](ImportStats& stats) {
    VM vm(kTarget2_14, true);
    vm.importer().setSearchPath({{src}, {}, {}});
    Value m = vm.importer().gcdImport("pkg_warm", "", 0);
    CHECK(vm.truthy(vm.getAttr(m, "VALUE")));
    stats = vm.importer().stats();
  };
  ImportStats cold, warm;
  importAll(cold);
  importAll(warm);
  // pkg_warm, __future__ and colorsys of the standard library (and any module the VM's own
  // models import): all parsed cold, all read from the cache warm
  CHECK(cold.parsed >= 3);
  CHECK(cold.cache_hits == 0);
  CHECK(warm.parsed == 0);
  CHECK(warm.cache_hits == cold.parsed);
  SECTION("a changed source is compiled again") {
    std::ofstream(src + "/pkg_warm.py") << "import colorsys\nVALUE = 'changed, and longer'\n";
    ImportStats again;
    importAll(again);
    CHECK(again.parsed == 1);  // pkg_warm; colorsys (and the VM's own imports) from the cache
    CHECK(again.cache_hits == cold.parsed - 2);
  }
  fs::remove_all(cache_dir);
  fs::remove_all(src);
}
