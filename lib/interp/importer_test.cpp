// The import system (importer.h): packages, relative and circular imports, namespace packages,
// sys.modules, the import statement's messages, importlib's Python surface, the code cache.
#include "interp/importer.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "interp/code_cache.h"
#include "interp/driver.h"
#include "interp/importer_names.h"
#include "interp/vm.h"
#include "syntax/parser.h"

using namespace gbc;
using namespace gbc::interp;
namespace fs = std::filesystem;

namespace {

/// A temporary folder of Python files, removed at the end of the test.
class Tree {
 public:
  Tree() {
    char tmpl[] = "/tmp/gbc_importer_XXXXXX";
    root_ = ::mkdtemp(tmpl);
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;
  void write(const std::string& rel, const std::string& text) const {
    fs::path p = fs::path(root_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  void mkdir(const std::string& rel) const { fs::create_directories(fs::path(root_) / rel); }
  const std::string& root() const { return root_; }
  std::string path(const std::string& rel) const { return root_ + "/" + rel; }

 private:
  std::string root_;
};

/// Runs `main.py` of `tree` (gbc run, no stack thread) and returns what it printed, then the
/// uncaught exception's traceback or "unsupported: ..." when it stopped.
std::string run(const Tree& tree, const std::string& main = "main.py",
                const TargetProfile& target = kTarget2_14,
                std::vector<std::string> site_packages = {}) {
  std::string path = tree.path(main);
  std::ifstream in(path);
  std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Options options;
  options.target = target;
  options.run = true;
  options.stack_bytes = 0;
  options.site_packages = std::move(site_packages);
  std::string out;
  options.out = [&](std::string_view text) { out += text; };
  options.err = [&](std::string_view text) { out += text; };
  Result<Outcome> outcome = runFile(path, source, options);
  if (!outcome) return out + outcome.error().message + "\n";
  if (outcome->uncaught_exception) out += *outcome->uncaught_exception;
  return out;
}

/// The last line of `text` (an uncaught exception's type and message).
std::string lastLine(const std::string& text) {
  std::string t = text;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  return t.substr(t.rfind('\n') == std::string::npos ? 0 : t.rfind('\n') + 1);
}

/// A cache folder of the test's own (GBC_CACHE_DIR is read once per process: tests that need
/// the cache use CodeCache objects directly).
struct NoCache {
  NoCache() { ::setenv("GBC_CACHE_DIR", "", 1); }
};
const NoCache no_cache;

}  // namespace

TEST_CASE("a VM starts with sys, builtins and importlib's bootstrap in sys.modules",
          "[interp][importer]") {
  Tree tree;
  tree.write("main.py",
             "import sys\n"
             "print(sorted(k for k in sys.modules if not k.startswith('__')))\n"
             "print(sys.meta_path[0].__name__, sys.meta_path[2].__name__)\n"
             "print(sys.path[0] + '/main.py' == __file__, sys.path[2])\n");
  std::string out = run(tree);
  CHECK(out ==
        "['_frozen_importlib', '_frozen_importlib_external', '_imp', 'builtins', 'sys']\n"
        "BuiltinImporter PathFinder\n"
        "True /usr/lib/python3.14\n");
}

// A survey, not a test (run with "[.survey]"): which bundled standard-library files gbc cannot
// compile yet.
TEST_CASE("every bundled standard-library file compiles", "[.survey]") {
  for (const char* python : {"3.14", "3.12"}) {
    std::string bundle = findStdlibBundle(python);
    REQUIRE(!bundle.empty());
    size_t files = 0, failed = 0;
    for (const auto& entry : fs::recursive_directory_iterator(bundle)) {
      if (entry.path().extension() != ".py") continue;
      ++files;
      std::ifstream in(entry.path());
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto parsed = syntax::parseModule(entry.path().string(), text);
      Result<std::shared_ptr<CodeObject>> code =
          parsed ? compileModule(*parsed, entry.path().string(), CompileOptions::forPython(python))
                 : Result<std::shared_ptr<CodeObject>>(parsed.error());
      if (!code) {
        ++failed;
        WARN(code.error().message);
      }
    }
    WARN(python << ": " << failed << " of " << files << " files do not compile");
  }
}
