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
#include "report/traceback.h"
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
/// uncaught exception's traceback or "cannot model ..." when it stopped.
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
  if (outcome->uncaught_exception)
    out += report::formatPyTraceback(*outcome->uncaught_exception, outcome->report.sources,
                                     target.caret_lines);
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

TEST_CASE("packages, submodules and relative imports get CPython's module attributes",
          "[interp][importer]") {
  // expected output recorded with Debian forky's python3.14
  Tree tree;
  tree.write("pkg/__init__.py", "from . import mod\nfrom .mod import value\nX = 1\n");
  tree.write("pkg/mod.py", "value = 42\nfrom . import helper\n");
  tree.write("pkg/helper.py", "H = 'h'\n");
  tree.write("pkg/sub/__init__.py", "from .. import helper as h2\nfrom ..mod import value as v2\n");
  tree.write("ns/inner/thing.py", "T = 3\n");
  tree.write("main.py", R"PY(import sys
import pkg
print(pkg.X, pkg.value, pkg.mod.value, pkg.helper.H)
print(pkg.__name__, pkg.__package__, pkg.__file__.endswith('pkg/__init__.py'), [p.endswith('/pkg') for p in pkg.__path__])
print(type(pkg.__loader__).__name__, pkg.__spec__.name, pkg.__spec__.parent, pkg.__spec__.has_location, pkg.__spec__.origin == pkg.__file__)
print(pkg.__cached__.endswith('pkg/__pycache__/__init__.cpython-314.pyc'))
print(pkg.mod.__package__, pkg.mod.__spec__.parent, pkg.mod.__spec__.submodule_search_locations)
import pkg.sub
print(pkg.sub.h2.H, pkg.sub.v2, 'pkg.sub' in sys.modules)
import ns.inner.thing as t
print(t.T, t.__name__, t.__package__)
import ns
print(ns.__file__, ns.__spec__.origin, ns.__spec__.loader is not None, type(ns.__loader__).__name__, ns.__spec__.has_location)
print([p.endswith('/ns') for p in ns.__path__], type(ns.__path__).__name__)
print(ns.inner.__package__, ns.inner.thing is t)
from pkg import helper, sub
print(helper is pkg.helper, sub is pkg.sub)
print(__name__, __package__, __spec__, type(__loader__).__name__, __loader__.name)
)PY");
  CHECK(run(tree) == R"(1 42 42 h
pkg pkg True [True]
SourceFileLoader pkg pkg True True
True
pkg pkg None
h 42 True
3 ns.inner.thing ns.inner
None None True NamespaceLoader False
[True] _NamespacePath
ns.inner True
True True
__main__ None None SourceFileLoader __main__
)");
}

TEST_CASE("import errors carry CPython's messages and attributes", "[interp][importer]") {
  // expected output recorded with Debian forky's python3.14 (and pyodide's 3.12: the same)
  Tree tree;
  tree.write("a.py", "import b\nX = 1\n");
  tree.write("b.py", "from a import X\n");
  tree.write("c.py", "Y = 2\n");
  tree.write("bad.py", "1/0\n");
  tree.write("main.py", R"PY(import sys
try:
    import a
except ImportError as e:
    print(type(e).__name__, e.msg.replace(sys.path[0], 'DIR'))
    print(e.name, e.path.endswith('a.py'), e.name_from)
print('a' in sys.modules, 'b' in sys.modules)
try:
    import nothere
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name, e.path)
try:
    import sys.foo
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    from . import x
except ImportError as e:
    print(type(e).__name__, e)
try:
    __import__('')
except ValueError as e:
    print(e)
try:
    __import__('x', level=-1)
except ValueError as e:
    print(e)
sys.modules['fake'] = 123
import fake
print(fake)
sys.modules['gone'] = None
try:
    import gone
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    from sys import nothing
except ImportError as e:
    print(e, e.name, e.path)
import c
try:
    from c import nothing
except ImportError as e:
    print(e.msg.replace(c.__file__, 'FILE'), e.name, e.path == c.__file__)
try:
    import c.sub
except ModuleNotFoundError as e:
    print(e)
try:
    import bad
except ZeroDivisionError as e:
    print('ZeroDivisionError', 'bad' in sys.modules)
)PY");
  std::string out = run(tree);
  CHECK(
      out ==
      R"(ImportError cannot import name 'X' from 'a' (consider renaming 'DIR/a.py' if it has the same name as a library you intended to import)
a True X
False False
ModuleNotFoundError No module named 'nothere' nothere None
No module named 'sys.foo'; 'sys' is not a package sys.foo
ImportError attempted relative import with no known parent package
Empty module name
level must be >= 0
123
import of gone halted; None in sys.modules gone
cannot import name 'nothing' from 'sys' (unknown location) sys None
cannot import name 'nothing' from 'c' (FILE) c True
No module named 'c.sub'; 'c' is not a package
ZeroDivisionError False
)");
  SECTION("3.12 says 'partially initialized' for the script's own folder too") {
    std::string out312 = run(tree, "main.py", kTarget2_11);
    CHECK(out312.substr(0, out312.find('\n')) ==
          "ImportError cannot import name 'X' from partially initialized module 'a' (most likely "
          "due to a circular import) (DIR/a.py)");
  }
}

TEST_CASE("ImportError takes name and path, as CPython's does", "[interp][importer]") {
  Tree tree;
  tree.write("main.py", R"PY(try:
    raise ImportError('m', name='n', path='p')
except ImportError as e:
    print(e, e.name, e.path, e.msg, e.args)
try:
    raise ModuleNotFoundError('x')
except ImportError as e:
    print(e, e.name, repr(e))
try:
    ImportError(bad=1)
except TypeError as e:
    print(e)
print(ImportError('a', 'b').msg, ImportError().args)
)PY");
  CHECK(run(tree) == R"(m n p m ('m',)
x None ModuleNotFoundError('x')
ImportError() got an unexpected keyword argument 'bad'
None ()
)");
}

TEST_CASE("circular imports inside a package, importlib.import_module, tracebacks into modules",
          "[interp][importer]") {
  Tree tree;
  tree.write("pkg/__init__.py", "");
  tree.write("pkg/a.py", "from . import b\nX = 1\n");
  tree.write("pkg/b.py", "from .a import X\n");
  tree.write("pkg/c.py", "from . import d\n");
  tree.write("pkg/d.py", "import pkg.c\nfrom pkg import c\nprint('d sees c', c.__name__)\n");
  tree.write("pkg/e.py", "def f():\n    raise ValueError('boom')\nf()\n");
  tree.write("main.py", R"PY(import sys
try:
    import pkg.a
except ImportError as e:
    print(e.msg.replace(sys.path[0], 'DIR'))
import pkg.c
try:
    from .. import x
except ImportError as e:
    print(e)
import pkg
print(sorted(k for k in vars(pkg) if not k.startswith('__')))
import importlib
m = importlib.import_module('.c', 'pkg')
print(m.__name__, importlib.import_module('pkg.d').__name__)
try:
    importlib.import_module('..x', 'pkg')
except ImportError as e:
    print(e)
try:
    importlib.import_module('.x')
except TypeError as e:
    print(e)
import pkg.e
)PY");
  std::string out = run(tree);
  std::string root = tree.root();
  CHECK(
      out ==
      R"(cannot import name 'X' from partially initialized module 'pkg.a' (most likely due to a circular import) (DIR/pkg/a.py)
d sees c pkg.c
attempted relative import with no known parent package
['c', 'd']
pkg.c pkg.d
attempted relative import beyond top-level package
the 'package' argument is required to perform a relative import for '.x'
Traceback (most recent call last):
  File ")" +
          root + R"(/main.py", line 24, in <module>
    import pkg.e
  File ")" +
          root + R"(/pkg/e.py", line 3, in <module>
    f()
    ~^^
  File ")" +
          root + R"(/pkg/e.py", line 2, in f
    raise ValueError('boom')
ValueError: boom
)");
}

TEST_CASE("sys.path, builtins.__import__ and sys.meta_path changes take effect",
          "[interp][importer]") {
  Tree tree;
  tree.write("lib/extra/late.py", "L = 'late'\n");
  tree.write("pkg/__init__.py", "__all__ = ['one', 'two', 'VALUE']\nVALUE = 7\n");
  tree.write("pkg/one.py", "ONE = 1\n");
  tree.write("pkg/two.py", "TWO = 2\n");
  tree.write("selfrep.py",
             "import sys\nclass Replacement:\n    name = 'replaced'\nsys.modules[__name__] = "
             "Replacement()\n");
  tree.write("main.py", R"PY(import sys, os
try:
    import late
except ModuleNotFoundError as e:
    print(e)
sys.path.append(os.path.join(sys.path[0], 'lib', 'extra'))
import late
print(late.L)
from pkg import *
print(VALUE, one.ONE, two.TWO)
import selfrep
print(selfrep.name)
import builtins
calls = []
real_import = builtins.__import__
def spy(name, globals=None, locals=None, fromlist=(), level=0):
    calls.append((name, fromlist, level))
    return real_import(name, globals, locals, fromlist, level)
builtins.__import__ = spy
import pkg.one
from pkg import two
builtins.__import__ = real_import
print(calls)
class Finder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name == 'virtual':
            from importlib.machinery import ModuleSpec
            return ModuleSpec(name, Loader())
        return None
class Loader:
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        module.answer = 42
sys.meta_path.insert(0, Finder)
import virtual
print(virtual.answer, virtual.__spec__.name, type(virtual.__loader__).__name__)
sys.meta_path.remove(Finder)
import importlib.machinery
spec = importlib.machinery.PathFinder.find_spec('pkg')
print(spec.name, spec.origin.endswith('pkg/__init__.py'), spec.submodule_search_locations == [sys.path[0] + '/pkg'])
print(type(sys.path_importer_cache[sys.path[0]]).__name__, sys.path_importer_cache[sys.path[0]].path == sys.path[0])
print(importlib.machinery.SOURCE_SUFFIXES, importlib.machinery.EXTENSION_SUFFIXES)
)PY");
  CHECK(run(tree) == R"(No module named 'late'
late
7 1 2
replaced
[('pkg.one', None, 0), ('pkg', ('two',), 0)]
42 virtual Loader
pkg True True
FileFinder True
['.py'] ['.cpython-314-x86_64-linux-gnu.so', '.abi3.so', '.abi3-x86_64-linux-gnu.so', '.so']
)");
}

TEST_CASE("a namespace package spans the sys.path entries that have its folder",
          "[interp][importer]") {
  Tree tree;
  tree.write("first/ns/a.py", "A = 1\n");
  tree.write("second/ns/b.py", "B = 2\n");
  tree.write("main.py",
             "import sys\nsys.path[1:1] = [sys.path[0] + '/first', sys.path[0] + '/second']\n"
             "import ns.a, ns.b\nprint(ns.a.A, ns.b.B, len(ns.__path__), ns.__spec__.origin)\n");
  CHECK(run(tree) == "1 2 2 None\n");
}

TEST_CASE(
    "what no environment has: gbc's gaps are 'cannot model', the program's "
    "ModuleNotFoundError",
    "[interp][importer]") {
  Tree tree;
  SECTION("a C module of CPython gbc does not implement stops the run at the import") {
    tree.write("main.py", "x = 1\nimport _ssl\n");
    CHECK(lastLine(run(tree)) ==
          "cannot model the C module `_ssl` of CPython, which gbc does "
          "not implement at " +
              tree.path("main.py") + ":2");
  }
  SECTION("... also when a standard-library module imports it (located at the user's import)") {
    tree.write("main.py", "import socket\n");
    CHECK(lastLine(run(tree)).rfind("cannot model the C module `", 0) == 0);
    CHECK(lastLine(run(tree)).find("main.py:1") != std::string::npos);
  }
  SECTION("a standard-library module gbc's bundle leaves out") {
    tree.write("main.py", "import tkinter\n");
    CHECK(lastLine(run(tree)) ==
          "cannot model the standard-library module `tkinter` of Python 3.14, which gbc's bundle "
          "of the standard library does not include at " +
              tree.path("main.py") + ":1");
  }
  SECTION("a module of another platform is missing, as on CPython for Linux") {
    tree.write("main.py", "import winreg\n");
    CHECK(lastLine(run(tree)) == "ModuleNotFoundError: No module named 'winreg'");
  }
  SECTION("a module of torch that gbc does not model") {
    tree.write("main.py", "import torch.onnx\n");
    CHECK(lastLine(run(tree)) == "cannot model `torch.onnx` (not in gbc's model of torch) at " +
                                     tree.path("main.py") + ":1");
  }
  SECTION("3.12: a module pyodide's bundle of 3.12 leaves out") {
    tree.write("main.py", "import sqlite3\n");
    CHECK(lastLine(run(tree, "main.py", kTarget2_11)) ==
          "cannot model the standard-library module `sqlite3` of Python 3.12, which gbc's bundle "
          "of the standard library does not include at " +
              tree.path("main.py") + ":1");
  }
  SECTION("a zip archive on sys.path is not read") {
    tree.write("lib.zip", "PK");
    tree.write("main.py",
               "import sys\nsys.path.insert(0, sys.path[0] + '/lib.zip')\nimport zipped\n");
    CHECK(lastLine(run(tree)) ==
          "cannot model importing `zipped` from the archive `" + tree.path("lib.zip") +
              "` on sys.path (gbc does not read zip archives) at " + tree.path("main.py") + ":3");
  }
  SECTION("a local module shadows a standard-library one, as sys.path orders them") {
    tree.write("json.py", "LOCAL = True\n");
    tree.write("main.py", "import json\nprint(json.LOCAL)\n");
    CHECK(run(tree) == "True\n");
  }
}

TEST_CASE("a compiled extension module is an opaque stand-in until its result matters",
          "[interp][importer]") {
  Tree tree;
  tree.write("site/ext/__init__.py", "from ._rust import safe_open\n");
  tree.write("site/ext/_rust.abi3.so",
             "\x7f"
             "ELF");
  tree.write("main.py",
             "import ext\nfrom ext import safe_open\nf = safe_open.attr.deeper\n"
             "print(type(ext._rust).__name__, ext._rust.__file__.endswith('_rust.abi3.so'))\n"
             "f(1)\n");
  std::string out = run(tree, "main.py", kTarget2_14, {tree.path("site")});
  CHECK(out.substr(0, out.find('\n')) == "module True");
  CHECK(lastLine(out) ==
        "cannot model calling `ext._rust.safe_open.attr.deeper` of the compiled "
        "extension module `ext._rust` (" +
            tree.path("site/ext/_rust.abi3.so") + ") at " + tree.path("main.py") + ":5");
}

TEST_CASE("a native stand-in can be switched off: the bundled module runs instead",
          "[interp][importer]") {
  Tree tree;
  tree.write("main.py", "import io\nprint(io.__spec__.origin)\n");
  CHECK(run(tree) == "built-in\n");
  setStandInActive("io", false);
  // the real io.py of the bundled standard library runs (or stops where its imports meet a gap
  // of gbc's, never with the stand-in's answer)
  std::string out = run(tree);
  setStandInActive("io", true);
  CHECK(out.find("built-in") == std::string::npos);
  CHECK(!out.empty());
}

TEST_CASE("sys: version, struct sequences, streams, frames, exit", "[interp][importer][sys]") {
  Tree tree;
  tree.write("main.py", R"PY(import sys
print(sys.version_info >= (3, 8), sys.version_info[:2], sys.version_info.major, sys.hexversion)
print(sys.version_info)
print(sys.flags.optimize, sys.flags.gil, len(sys.flags), sys.float_info.mant_dig, sys.maxsize)
print(sys.implementation.cache_tag, sys.platform, sys.byteorder, sys.executable)
print('a', 'b', sep='-', file=sys.stderr)
class Sink:
    text = ''
    def write(self, s):
        Sink.text += s
print('to sink', file=Sink())
print(repr(Sink.text))
def f():
    frame = sys._getframe()
    return frame.f_lineno, frame.f_back.f_globals['__name__'], sys._getframemodulename(1)
print(f())
try:
    raise KeyError('k')
except KeyError:
    print(sys.exc_info()[0].__name__, repr(sys.exception()))
print(sys.exc_info())
try:
    sys.exit(3)
except SystemExit as e:
    print('exit', e.code)
print(sys.argv[0].endswith('main.py'), sys.orig_argv[0] == sys.executable)
print(sys.getrecursionlimit(), 'builtins' in sys.builtin_module_names, 'json' in sys.stdlib_module_names)
)PY");
  CHECK(run(tree) == R"(True (3, 14) 3 51251440
sys.version_info(major=3, minor=14, micro=8, releaselevel='final', serial=0)
0 1 18 53 9223372036854775807
cpython-314 linux little /usr/bin/python3.14
a-b
'to sink\n'
(14, '__main__', '__main__')
KeyError KeyError('k')
(None, None, None)
exit 3
True True
1000 True True
)");
  std::string out312 = run(tree, "main.py", kTarget2_11);
  CHECK(out312.substr(0, out312.find('\n')) == "True (3, 12) 3 51120112");
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
