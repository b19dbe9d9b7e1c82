// mayReachTorch: which files can import torch, read from their import statements.
#include "interp/reach.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

namespace fs = std::filesystem;
using gbc::interp::forgetReachScans;
using gbc::interp::mayReachTorch;

namespace {

/// A fresh folder holding `files` (path -> text); removed afterwards.
class Tree {
 public:
  explicit Tree(const std::map<std::string, std::string>& files) {
    static std::atomic<int> counter{0};
    root_ = (fs::temp_directory_path() /
             ("gbc-reach-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
                .string();
    for (const auto& [path, text] : files) {
      fs::path full = fs::path(root_) / path;
      fs::create_directories(full.parent_path());
      std::ofstream(full) << text;
    }
    forgetReachScans();
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  /// Whether `main` (its text, in `dir` under the tree) can reach torch, with the tree as root.
  bool reaches(const std::string& main, const std::string& dir = "") const {
    std::string at = dir.empty() ? root_ : root_ + "/" + dir;
    return mayReachTorch(
        main, at,
        dir.empty() ? std::vector<std::string>{root_} : std::vector<std::string>{at, root_});
  }
  /// Whether `main`, in the tree's folder `dir`, reaches torch with `site` (a folder of the
  /// tree) as the environment's site-packages.
  bool reachesWithSite(const std::string& main, const std::string& dir,
                       const std::string& site) const {
    std::string at = root_ + "/" + dir;
    return mayReachTorch(main, at, {at}, {root_ + "/" + site});
  }

 private:
  std::string root_;
};

}  // namespace

TEST_CASE("a file that names torch reaches it, whatever the tree") {
  Tree tree({});
  CHECK(tree.reaches("import torch\n"));
  CHECK(tree.reaches("# torch is not used here\nx = 1\n"));  // any mention counts
  CHECK_FALSE(tree.reaches("x = 1\n"));
}

TEST_CASE("imports of local modules are followed") {
  Tree tree({{"helper.py", "import torch\n"},
             {"plain.py", "x = 1\n"},
             {"pkg/__init__.py", ""},
             {"pkg/mod.py", "from .deep import f\n"},
             {"pkg/deep.py", "import torch\n"},
             {"a/__init__.py", "import torch\n"},
             {"a/b/__init__.py", ""},
             {"a/b/c.py", ""},
             {"star/__init__.py", ""},
             {"star/sub.py", "import torch\n"}});
  CHECK(tree.reaches("import helper\n"));
  CHECK(tree.reaches("import plain, helper as h\n"));
  CHECK(tree.reaches("if x:\n    import helper\n"));
  CHECK(tree.reaches("def f():\n    from helper import (g,\n        h)\n"));
  CHECK(tree.reaches("from pkg import mod\n"));  // mod imports .deep, which imports torch
  CHECK(tree.reaches("import pkg.mod\n"));
  CHECK(tree.reaches("import a.b.c\n"));  // a/__init__.py runs first
  CHECK(tree.reaches("from star import *\n"));
  CHECK_FALSE(tree.reaches("import plain\n"));
  CHECK_FALSE(tree.reaches("import os, json as helper\n"));  // not local / not the module `helper`
  CHECK_FALSE(tree.reaches("s = 'import helper'\n# import helper\n"));
  CHECK_FALSE(tree.reaches("from pkg import __init__\n"));
}

TEST_CASE("relative imports resolve from the importing file's package") {
  Tree tree({{"pkg/__init__.py", ""},
             {"pkg/main.py", ""},
             {"pkg/sibling.py", "import torch\n"},
             {"pkg/plain.py", ""}});
  CHECK(tree.reaches("from . import sibling\n", "pkg"));
  CHECK(tree.reaches("from .sibling import x\n", "pkg"));
  CHECK_FALSE(tree.reaches("from . import plain\n", "pkg"));
  CHECK_FALSE(tree.reaches("from .plain import x\n", "pkg"));
}

TEST_CASE("a module loaded by name may be any: the whole tree is read") {
  Tree with(std::map<std::string, std::string>{{"models/net.py", "import torch\n"}});
  CHECK(with.reaches("import importlib\nm = importlib.import_module(name)\n"));
  CHECK(with.reaches("m = __import__(name)\n"));
  Tree without({{"models/net.py", "x = 1\n"}, {"site-packages/t.py", "import torch\n"}});
  // site-packages is not an importable name: nothing under it can be loaded as a local module
  CHECK_FALSE(without.reaches("m = __import__(name)\n"));
}

TEST_CASE("imports are followed into the environment's site-packages", "[interp][reach]") {
  Tree tree(
      {{"proj/main.py", "import lib_a\n"},
       {"site/lib_a/__init__.py", "from .core import run\n"},
       {"site/lib_a/core.py", "import torch\nrun = torch.ones\n"},
       {"site/plain/__init__.py", "import json\n"},
       {"site/dyn/__init__.py", "import importlib\nm = importlib.import_module('.x', __name__)\n"},
       {"site/dyn/x.py", "import torch\n"}});
  CHECK(tree.reachesWithSite("import lib_a\n", "proj", "site"));
  CHECK_FALSE(tree.reachesWithSite("import lib_a\n", "proj", "nothing"));
  CHECK_FALSE(tree.reachesWithSite("import plain\n", "proj", "site"));
  SECTION("a package that imports by name reaches torch when a file of its own does") {
    CHECK(tree.reachesWithSite("import dyn\n", "proj", "site"));
  }
}
