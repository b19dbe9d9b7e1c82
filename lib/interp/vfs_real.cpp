// The Vfs of `gbc run` (vfs.h): the system calls themselves, as CPython makes them.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "interp/vfs.h"
#include "interp/vfs_internal.h"

namespace gbc::interp {

namespace {

int check(int rc) { return rc < 0 ? errno : 0; }

class RealVfs final : public Vfs {
 public:
  bool overlay() const override { return false; }

  int stat(const std::string& path, bool follow, VfsStat& out) override {
    struct stat st;
    int rc = follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st);
    if (rc < 0) return errno;
    out = fromStat(st);
    return 0;
  }
  int access(const std::string& path, int mode) override {
    return check(::access(path.c_str(), mode));
  }
  int listdir(const std::string& path, std::vector<VfsDirEntry>& out) override {
    return readDir(path, out);
  }
  int mkdir(const std::string& path, uint32_t mode) override {
    return check(::mkdir(path.c_str(), mode));
  }
  int rmdir(const std::string& path) override { return check(::rmdir(path.c_str())); }
  int unlink(const std::string& path) override { return check(::unlink(path.c_str())); }
  int rename(const std::string& from, const std::string& to) override {
    return check(::rename(from.c_str(), to.c_str()));
  }
  int chmod(const std::string& path, uint32_t mode, bool follow) override {
    if (follow) return check(::chmod(path.c_str(), mode));
    return check(::fchmodat(AT_FDCWD, path.c_str(), mode, AT_SYMLINK_NOFOLLOW));
  }
  int utime(const std::string& path, const timespec& atime, const timespec& mtime,
            bool follow) override {
    timespec times[2] = {atime, mtime};
    return check(::utimensat(AT_FDCWD, path.c_str(), times, follow ? 0 : AT_SYMLINK_NOFOLLOW));
  }
  int symlink(const std::string& target, const std::string& link) override {
    return check(::symlink(target.c_str(), link.c_str()));
  }
  int readlink(const std::string& path, std::string& out) override {
    std::string buf(PATH_MAX, '\0');
    ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0) return errno;
    out = buf.substr(0, static_cast<size_t>(n));
    return 0;
  }
  int truncate(const std::string& path, int64_t length) override {
    return check(::truncate(path.c_str(), length));
  }
  int getcwd(std::string& out) override {
    std::string buf(PATH_MAX, '\0');
    if (!::getcwd(buf.data(), buf.size())) return errno;
    out = buf.c_str();
    return 0;
  }
  int chdir(const std::string& path) override { return check(::chdir(path.c_str())); }
  int umask(int mask) override { return static_cast<int>(::umask(static_cast<mode_t>(mask))); }

  int open(const std::string& path, int flags, uint32_t mode, int& fd) override {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    return fd < 0 ? errno : 0;
  }
  int read(int fd, size_t n, std::string& out) override {
    out.resize(n);
    ssize_t got;
    do got = ::read(fd, out.data(), n);
    while (got < 0 && errno == EINTR);
    if (got < 0) return errno;
    out.resize(static_cast<size_t>(got));
    return 0;
  }
  int write(int fd, std::string_view data, size_t& written) override {
    if ((fd == 1 || fd == 2) && (fd == 1 ? out : err)) {
      (fd == 1 ? out : err)(data);
      written = data.size();
      return 0;
    }
    ssize_t n;
    do n = ::write(fd, data.data(), data.size());
    while (n < 0 && errno == EINTR);
    if (n < 0) return errno;
    written = static_cast<size_t>(n);
    return 0;
  }
  int lseek(int fd, int64_t offset, int whence, int64_t& pos) override {
    off_t r = ::lseek(fd, offset, whence);
    if (r < 0) return errno;
    pos = r;
    return 0;
  }
  int close(int fd) override { return check(::close(fd)); }
  int fstat(int fd, VfsStat& out) override {
    struct stat st;
    if (::fstat(fd, &st) < 0) return errno;
    out = fromStat(st);
    return 0;
  }
  int ftruncate(int fd, int64_t length) override { return check(::ftruncate(fd, length)); }
  int fsync(int fd) override { return check(::fsync(fd)); }
  int isatty(int fd, bool& out) override {
    out = ::isatty(fd) != 0;
    return !out && errno == EBADF ? EBADF : 0;
  }
  int dup(int fd, int& out) override {
    out = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return out < 0 ? errno : 0;
  }
  int dup2(int fd, int fd2, int& out) override {
    out = ::dup2(fd, fd2);
    return out < 0 ? errno : 0;
  }
  int pipe(int fds[2]) override { return check(::pipe2(fds, O_CLOEXEC)); }
  int listdirFd(int fd, std::vector<VfsDirEntry>& out) override {
    // (as posixmodule.c: a duplicate descriptor, so closing the DIR leaves `fd` open)
    int copy = ::dup(fd);
    if (copy < 0) return errno;
    DIR* dir = ::fdopendir(copy);
    if (!dir) {
      int e = errno;
      ::close(copy);
      return e;
    }
    ::rewinddir(dir);
    int e = drainDir(dir, out);
    ::closedir(dir);
    return e;
  }
  std::string fdPath(int fd) override {
    // (where Linux says the descriptor is open: dir_fd calls become calls on the joined path)
    std::string target;
    return readlink("/proc/self/fd/" + std::to_string(fd), target) ? "" : target;
  }
  bool fdOpen(int fd) override { return ::fcntl(fd, F_GETFD) >= 0; }
  void modelWrite(const std::string&, std::string) override {}
};

}  // namespace

VfsStat fromStat(const struct stat& st) {
  VfsStat out;
  out.mode = st.st_mode;
  out.ino = st.st_ino;
  out.dev = st.st_dev;
  out.nlink = st.st_nlink;
  out.uid = st.st_uid;
  out.gid = st.st_gid;
  out.size = st.st_size;
  out.atime = st.st_atim;
  out.mtime = st.st_mtim;
  out.ctime = st.st_ctim;
  out.blksize = st.st_blksize;
  out.blocks = st.st_blocks;
  out.rdev = st.st_rdev;
  return out;
}

int drainDir(DIR* dir, std::vector<VfsDirEntry>& out) {
  errno = 0;
  while (dirent* d = ::readdir(dir)) {
    std::string name = d->d_name;
    if (name == "." || name == "..") continue;
    out.push_back({name, d->d_type, d->d_ino});
  }
  return errno;
}

int readDir(const std::string& path, std::vector<VfsDirEntry>& out) {
  DIR* dir = ::opendir(path.c_str());
  if (!dir) return errno;
  int e = drainDir(dir, out);
  ::closedir(dir);
  return e;
}

std::shared_ptr<Vfs> makeRealVfs() { return std::make_shared<RealVfs>(); }

}  // namespace gbc::interp
