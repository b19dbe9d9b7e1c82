// Finding the user's environment (environment.h) in fake trees: a virtual environment, an
// installation prefix, .pth files, --site-packages, $VIRTUAL_ENV.
#include "interp/environment.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace gbc;
using namespace gbc::interp;
namespace fs = std::filesystem;

namespace {

class Tree {
 public:
  Tree() {
    char tmpl[] = "/tmp/gbc_env_XXXXXX";
    root_ = ::mkdtemp(tmpl);
  }
  ~Tree() { fs::remove_all(root_); }
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;
  std::string write(const std::string& rel, const std::string& text,
                    bool executable = false) const {
    fs::path p = fs::path(root_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    if (executable) fs::permissions(p, fs::perms::owner_all);
    return p.string();
  }
  std::string mkdir(const std::string& rel) const {
    fs::create_directories(fs::path(root_) / rel);
    return root_ + "/" + rel;
  }
  std::string path(const std::string& rel) const { return root_ + "/" + rel; }

 private:
  std::string root_;
};

EnvironmentRequest named(const std::string& python) {
  EnvironmentRequest request;
  request.python = python;
  request.search = false;
  return request;
}

}  // namespace

TEST_CASE("a virtual environment is read from its pyvenv.cfg", "[interp][environment]") {
  Tree tree;
  tree.write("venv/pyvenv.cfg",
             "home = /usr/bin\ninclude-system-site-packages = false\nversion_info = 3.12.1\n");
  std::string python = tree.write("venv/bin/python", "#!/bin/sh\nexit 1\n", true);
  std::string site = tree.mkdir("venv/lib/python3.12/site-packages");
  std::string extra = tree.mkdir("extra");
  tree.write("venv/lib/python3.12/site-packages/a_paths.pth",
             "# a comment\n../../../../extra\n\nimport os; os.environ['X'] = '1'\n/nonexistent\n");
  for (const std::string& given : {python, tree.path("venv")}) {
    Result<PythonEnvironment> env = findEnvironment(named(given));
    REQUIRE(env.has_value());
    CHECK(env->version == "3.12");
    CHECK(env->prefix == tree.path("venv"));
    CHECK(env->interpreter == python);
    CHECK(env->site_packages == std::vector<std::string>{site, extra});
    REQUIRE(env->notes.size() == 2);
    CHECK(env->notes[0] == "the environment's Python (" + python +
                               ", from --python) is 3.12, the target's 3.14: its packages are "
                               "used anyway");
    CHECK(env->notes[1] == "the import lines of " + site +
                               "/a_paths.pth were not run (gbc does not execute .pth files' code)");
  }
}

TEST_CASE("an installation is read from its prefix's layout", "[interp][environment]") {
  Tree tree;
  std::string real = tree.write("prefix/bin/python3.13", "", true);
  fs::create_symlink(real, tree.path("prefix/bin/python3"));
  std::string site = tree.mkdir("prefix/lib/python3.13/site-packages");
  EnvironmentRequest request = named(tree.path("prefix/bin/python3"));
  request.target_python = "3.13";
  Result<PythonEnvironment> env = findEnvironment(request);
  REQUIRE(env.has_value());
  CHECK(env->version == "3.13");
  CHECK(env->site_packages == std::vector<std::string>{site});
  CHECK(env->notes.empty());
  SECTION("Debian's layout: dist-packages") {
    std::string shared = tree.mkdir("prefix/lib/python3/dist-packages");
    std::string local = tree.mkdir("prefix/local/lib/python3.13/dist-packages");
    env = findEnvironment(request);
    REQUIRE(env.has_value());
    CHECK(env->site_packages == std::vector<std::string>{local, shared});
  }
}

TEST_CASE("site-packages folders named on the command line come first, and need no interpreter",
          "[interp][environment]") {
  Tree tree;
  std::string dir = tree.mkdir("pkgs");
  EnvironmentRequest request;
  request.search = false;
  request.site_packages = {dir};
  Result<PythonEnvironment> env = findEnvironment(request);
  REQUIRE(env.has_value());
  CHECK(env->site_packages == std::vector<std::string>{dir});
  CHECK(env->origin == "--site-packages");
  CHECK(env->interpreter.empty());
}

TEST_CASE("what the user names must exist", "[interp][environment]") {
  Tree tree;
  Result<PythonEnvironment> env = findEnvironment(named(tree.path("missing/python")));
  REQUIRE_FALSE(env.has_value());
  CHECK(env.error().code == ErrorCode::Usage);
  CHECK(env.error().message ==
        "--python '" + tree.path("missing/python") + "': no such file or directory");
  EnvironmentRequest request;
  request.site_packages = {tree.path("nothere")};
  env = findEnvironment(request);
  REQUIRE_FALSE(env.has_value());
  CHECK(env.error().message == "--site-packages '" + tree.path("nothere") + "': not a directory");
}

TEST_CASE("$VIRTUAL_ENV names the environment when nothing else does", "[interp][environment]") {
  Tree tree;
  tree.write("venv/pyvenv.cfg", "home = /usr/bin\nversion = 3.14.0\n");
  tree.write("venv/bin/python3", "", true);
  std::string site = tree.mkdir("venv/lib/python3.14/site-packages");
  const char* saved = std::getenv("VIRTUAL_ENV");
  std::string before = saved ? saved : "";
  ::setenv("VIRTUAL_ENV", tree.path("venv").c_str(), 1);
  Result<PythonEnvironment> env = findEnvironment(EnvironmentRequest{});
  if (saved)
    ::setenv("VIRTUAL_ENV", before.c_str(), 1);
  else
    ::unsetenv("VIRTUAL_ENV");
  REQUIRE(env.has_value());
  CHECK(env->origin == "$VIRTUAL_ENV");
  CHECK(env->site_packages == std::vector<std::string>{site});
  CHECK(env->notes.empty());
}
