// The overlay Vfs of `gbc analyze` (vfs.h): what a program changes is seen by its later reads,
// and the folder on disk is never changed.
#include "interp/vfs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace gbc::interp {
namespace {

namespace fs = std::filesystem;

/// A temporary folder holding `hello.txt`, `sub/inner.txt` and the link `link.txt -> hello.txt`.
struct Fixture {
  fs::path root;
  Fixture() {
    root = fs::temp_directory_path() / ("gbc_vfs_test_" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "sub");
    std::ofstream(root / "hello.txt") << "hello\n";
    std::ofstream(root / "sub" / "inner.txt") << "inner";
    fs::create_symlink("hello.txt", root / "link.txt");
  }
  ~Fixture() { fs::remove_all(root); }
  std::string at(const std::string& rel) const { return (root / rel).string(); }
  /// Every entry with its kind, size and contents.
  std::map<std::string, std::string> disk() const {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      std::string rel = fs::relative(e.path(), root).string();
      if (e.is_symlink()) {
        out[rel] = "link:" + fs::read_symlink(e.path()).string();
      } else if (e.is_directory()) {
        out[rel] = "dir";
      } else {
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        out[rel] = "file:" + s.str();
      }
    }
    return out;
  }
};

std::string readAll(Vfs& vfs, const std::string& path) {
  int fd = -1;
  REQUIRE(vfs.open(path, O_RDONLY, 0, fd) == 0);
  std::string out, chunk;
  do {
    REQUIRE(vfs.read(fd, 3, chunk) == 0);
    out += chunk;
  } while (!chunk.empty());
  REQUIRE(vfs.close(fd) == 0);
  return out;
}

void writeFile(Vfs& vfs, const std::string& path, const std::string& data, int flags) {
  int fd = -1;
  REQUIRE(vfs.open(path, O_WRONLY | O_CREAT | flags, 0644, fd) == 0);
  size_t n = 0;
  REQUIRE(vfs.write(fd, data, n) == 0);
  REQUIRE(n == data.size());
  REQUIRE(vfs.close(fd) == 0);
}

std::vector<std::string> names(Vfs& vfs, const std::string& dir) {
  std::vector<VfsDirEntry> entries;
  REQUIRE(vfs.listdir(dir, entries) == 0);
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.name);
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("the overlay keeps every change in memory and the disk as it was", "[interp][vfs]") {
  Fixture fx;
  auto before = fx.disk();
  auto vfs = Vfs::create(true);
  REQUIRE(vfs->overlay());

  SECTION("a new file is read back, listed and stat'ed") {
    writeFile(*vfs, fx.at("new.txt"), "abc", O_TRUNC);
    CHECK(readAll(*vfs, fx.at("new.txt")) == "abc");
    VfsStat st;
    REQUIRE(vfs->stat(fx.at("new.txt"), true, st) == 0);
    CHECK(S_ISREG(st.mode));
    CHECK(st.size == 3);
    CHECK(names(*vfs, fx.root.string()) ==
          std::vector<std::string>{"hello.txt", "link.txt", "new.txt", "sub"});
  }
  SECTION("appending to a file on disk copies it up; a link to it sees the change") {
    writeFile(*vfs, fx.at("hello.txt"), "more\n", O_APPEND);
    CHECK(readAll(*vfs, fx.at("hello.txt")) == "hello\nmore\n");
    CHECK(readAll(*vfs, fx.at("link.txt")) == "hello\nmore\n");
  }
  SECTION("truncating and O_EXCL") {
    writeFile(*vfs, fx.at("hello.txt"), "x", O_TRUNC);
    CHECK(readAll(*vfs, fx.at("hello.txt")) == "x");
    int fd = -1;
    CHECK(vfs->open(fx.at("hello.txt"), O_WRONLY | O_CREAT | O_EXCL, 0644, fd) == EEXIST);
    CHECK(vfs->open(fx.at("nodir/x"), O_WRONLY | O_CREAT, 0644, fd) == ENOENT);
    CHECK(vfs->open(fx.at("sub"), O_WRONLY, 0, fd) == EISDIR);
  }
  SECTION("removing, then re-creating") {
    REQUIRE(vfs->unlink(fx.at("hello.txt")) == 0);
    VfsStat st;
    CHECK(vfs->stat(fx.at("hello.txt"), true, st) == ENOENT);
    CHECK(vfs->stat(fx.at("link.txt"), true, st) == ENOENT);  // dangling now
    CHECK(vfs->stat(fx.at("link.txt"), false, st) == 0);
    CHECK(vfs->unlink(fx.at("hello.txt")) == ENOENT);
    writeFile(*vfs, fx.at("hello.txt"), "again", O_TRUNC);
    CHECK(readAll(*vfs, fx.at("link.txt")) == "again");
  }
  SECTION("folders: mkdir, rmdir of a non-empty folder, removing a whole tree") {
    REQUIRE(vfs->mkdir(fx.at("made"), 0755) == 0);
    CHECK(vfs->mkdir(fx.at("made"), 0755) == EEXIST);
    CHECK(names(*vfs, fx.at("made")).empty());
    CHECK(vfs->rmdir(fx.at("sub")) == ENOTEMPTY);
    REQUIRE(vfs->unlink(fx.at("sub/inner.txt")) == 0);
    REQUIRE(vfs->rmdir(fx.at("sub")) == 0);
    CHECK(names(*vfs, fx.root.string()) ==
          std::vector<std::string>{"hello.txt", "link.txt", "made"});
    REQUIRE(vfs->mkdir(fx.at("sub"), 0755) == 0);
    CHECK(names(*vfs, fx.at("sub")).empty());  // a new folder, not the old one's entries
  }
  SECTION("renaming a folder from disk moves its tree") {
    REQUIRE(vfs->rename(fx.at("sub"), fx.at("moved")) == 0);
    CHECK(readAll(*vfs, fx.at("moved/inner.txt")) == "inner");
    VfsStat st;
    CHECK(vfs->stat(fx.at("sub"), true, st) == ENOENT);
    CHECK(vfs->rename(fx.at("moved"), fx.at("moved/deeper")) == EINVAL);
    CHECK(vfs->rename(fx.at("hello.txt"), fx.at("moved")) == EISDIR);
  }
  SECTION("symbolic links, chmod, utime") {
    REQUIRE(vfs->symlink("sub/inner.txt", fx.at("l2")) == 0);
    std::string target;
    REQUIRE(vfs->readlink(fx.at("l2"), target) == 0);
    CHECK(target == "sub/inner.txt");
    CHECK(readAll(*vfs, fx.at("l2")) == "inner");
    REQUIRE(vfs->chmod(fx.at("hello.txt"), 0600, true) == 0);
    timespec t{1234, 5};
    REQUIRE(vfs->utime(fx.at("hello.txt"), t, t, true) == 0);
    VfsStat st;
    REQUIRE(vfs->stat(fx.at("hello.txt"), true, st) == 0);
    CHECK((st.mode & 07777) == 0600);
    CHECK(st.mtime.tv_sec == 1234);
    CHECK(readAll(*vfs, fx.at("hello.txt")) == "hello\n");
  }
  SECTION("descriptors: positions, dup, pipes, the working folder") {
    int fd = -1, copy = -1;
    REQUIRE(vfs->open(fx.at("f.bin"), O_RDWR | O_CREAT, 0644, fd) == 0);
    CHECK(fd == 3);
    size_t n = 0;
    REQUIRE(vfs->write(fd, "0123456789", n) == 0);
    int64_t pos = 0;
    REQUIRE(vfs->lseek(fd, 2, SEEK_SET, pos) == 0);
    REQUIRE(vfs->dup(fd, copy) == 0);
    std::string got;
    REQUIRE(vfs->read(copy, 3, got) == 0);
    CHECK(got == "234");
    REQUIRE(vfs->lseek(fd, 0, SEEK_CUR, pos) == 0);
    CHECK(pos == 5);  // (a duplicate shares the position)
    CHECK(vfs->ftruncate(fd, 4) == 0);
    CHECK(vfs->close(fd) == 0);
    CHECK(vfs->close(fd) == EBADF);
    int p[2];
    REQUIRE(vfs->pipe(p) == 0);
    CHECK(vfs->read(p[0], 1, got) == kVfsBlocksForever);
    REQUIRE(vfs->write(p[1], "x", n) == 0);
    REQUIRE(vfs->close(p[1]) == 0);
    REQUIRE(vfs->read(p[0], 5, got) == 0);
    CHECK(got == "x");
    REQUIRE(vfs->chdir(fx.at("sub")) == 0);
    CHECK(readAll(*vfs, "inner.txt") == "inner");
    std::string cwd;
    REQUIRE(vfs->getcwd(cwd) == 0);
    CHECK(cwd == fx.at("sub"));
  }
  SECTION("standard output goes to the sink") {
    std::string shown;
    vfs->out = [&](std::string_view s) { shown += s; };
    size_t n = 0;
    REQUIRE(vfs->write(1, "printed", n) == 0);
    CHECK(shown == "printed");
  }
  CHECK(fx.disk() == before);
}

TEST_CASE("the real Vfs changes the disk", "[interp][vfs]") {
  Fixture fx;
  auto vfs = Vfs::create(false);
  CHECK_FALSE(vfs->overlay());
  writeFile(*vfs, fx.at("new.txt"), "on disk", O_TRUNC);
  REQUIRE(vfs->rename(fx.at("new.txt"), fx.at("sub/moved.txt")) == 0);
  CHECK(fx.disk().at("sub/moved.txt") == "file:on disk");
  REQUIRE(vfs->unlink(fx.at("sub/moved.txt")) == 0);
  CHECK(fx.disk().count("sub/moved.txt") == 0);
}

}  // namespace
}  // namespace gbc::interp
