// The Vfs of `gbc analyze` (vfs.h): the disk for reading, an in-memory overlay for every change.
//
// The overlay maps absolute, lexically normalised paths to nodes; a null node is a deletion
// (a whiteout hiding what the disk has there). A directory node is "opaque" when it was made in
// the overlay (mkdir, or the destination of a rename): the disk's entries under its path are
// not its children. A node standing for a disk object changed in place (chmod, utime, a file
// opened for writing) is a "shadow": a file shadow reads the disk's bytes until it is written
// ("backing"), a directory shadow still lists the disk's entries.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <fstream>
#include <map>
#include <sstream>

#include "interp/vfs.h"
#include "interp/vfs_internal.h"

namespace gbc::interp {

namespace {

struct Inode {
  enum class Type { File, Dir, Symlink } type = Type::File;
  std::string data;     // File: the contents, once loaded
  std::string backing;  // File: the disk file holding the contents until loaded ("" none)
  std::string target;   // Symlink
  bool opaque = false;  // Dir made in the overlay: no disk entries below it
  VfsStat st;
};
using InodePtr = std::shared_ptr<Inode>;

/// An in-memory pipe shared by its two ends.
struct PipeBuffer {
  std::string data;
  int writers = 1;
};

/// An open file description (shared by dup'ed descriptors).
struct OpenFile {
  InodePtr node;     // an overlay file (or directory)
  int real_fd = -1;  // a disk file opened for reading only
  std::string path;  // as opened, absolute
  int64_t pos = 0;
  int flags = 0;
  bool dir = false;
  std::shared_ptr<PipeBuffer> pipe;
  bool pipe_write = false;
  ~OpenFile() {
    if (real_fd >= 0) ::close(real_fd);
    if (pipe && pipe_write) --pipe->writers;
  }
};

/// What a path resolves to: an overlay node or a disk object, at `path` (symlinks followed).
struct Found {
  InodePtr node;
  std::string path;
  VfsStat st;
};

timespec now() {
  timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return t;
}

std::string parentOf(const std::string& abs) {
  size_t slash = abs.rfind('/');
  return slash == 0 ? "/" : abs.substr(0, slash);
}

std::string baseOf(const std::string& abs) { return abs.substr(abs.rfind('/') + 1); }

bool readWhole(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

class OverlayVfs final : public Vfs {
 public:
  OverlayVfs() {
    std::string buf(PATH_MAX, '\0');
    cwd_ = ::getcwd(buf.data(), buf.size()) ? buf.c_str() : "/";
    mode_t old = ::umask(022);
    ::umask(old);
    umask_ = old;
  }

  bool overlay() const override { return true; }

  int stat(const std::string& path, bool follow, VfsStat& out) override {
    Found f;
    if (int e = resolve(path, follow, f)) return e;
    out = f.st;
    return 0;
  }

  int access(const std::string& path, int mode) override {
    Found f;
    if (int e = resolve(path, true, f)) return e;
    if (!f.node) return ::access(f.path.c_str(), mode) < 0 ? errno : 0;
    if (::getuid() == 0) {
      bool exec_ok = (f.st.mode & 0111) || S_ISDIR(f.st.mode);
      return (mode & X_OK) && !exec_ok ? EACCES : 0;
    }
    uint32_t have = (f.st.mode >> 6) & 7;
    return (static_cast<uint32_t>(mode) & 7 & ~have) ? EACCES : 0;
  }

  int listdir(const std::string& path, std::vector<VfsDirEntry>& out) override {
    Found f;
    if (int e = resolve(path, true, f)) return e;
    if (!S_ISDIR(f.st.mode)) return ENOTDIR;
    return listing(f, out);
  }

  int mkdir(const std::string& path, uint32_t mode) override {
    std::string abs;
    if (int e = creatable(path, abs)) return e;
    auto n = fresh(Inode::Type::Dir, S_IFDIR | (mode & 07777 & ~umask_), parentOf(abs));
    n->opaque = true;
    set(abs, n);
    return 0;
  }

  int rmdir(const std::string& path) override {
    Found f;
    if (int e = resolve(path, false, f)) return e;
    if (!S_ISDIR(f.st.mode)) return ENOTDIR;
    if (baseOf(normalize(path)) == ".") return EINVAL;
    std::vector<VfsDirEntry> children;
    if (int e = listing(f, children)) return e;
    if (!children.empty()) return ENOTEMPTY;
    remove(f.path);
    return 0;
  }

  int unlink(const std::string& path) override {
    Found f;
    if (int e = resolve(path, false, f)) return e;
    if (S_ISDIR(f.st.mode)) return EISDIR;
    if (!f.node && ::access(parentOf(f.path).c_str(), W_OK) < 0) return errno;
    remove(f.path);
    return 0;
  }

  int rename(const std::string& from, const std::string& to) override {
    Found src;
    if (int e = resolve(from, false, src)) return e;
    std::string dst = normalize(to);
    Found old;
    int e = resolve(to, false, old);
    if (e && e != ENOENT) return e;
    if (e == ENOENT) {
      Found parent;
      if (int pe = resolve(parentOf(dst), true, parent)) return pe;
      if (!S_ISDIR(parent.st.mode)) return ENOTDIR;
    }
    bool src_dir = S_ISDIR(src.st.mode);
    if (!e) {
      if (old.path == src.path) return 0;
      bool old_dir = S_ISDIR(old.st.mode);
      if (src_dir && !old_dir) return ENOTDIR;
      if (!src_dir && old_dir) return EISDIR;
      if (old_dir) {
        std::vector<VfsDirEntry> children;
        if (int le = listing(old, children)) return le;
        if (!children.empty()) return ENOTEMPTY;
      }
    }
    if (src_dir && (dst + "/").rfind(src.path + "/", 0) == 0) return EINVAL;
    if (!src.node && ::access(parentOf(src.path).c_str(), W_OK) < 0) return errno;
    moveTree(src.path, e ? dst : old.path);
    return 0;
  }

  int chmod(const std::string& path, uint32_t mode, bool follow) override {
    Found f;
    if (int e = resolve(path, follow, f)) return e;
    if (!follow && S_ISLNK(f.st.mode)) return EOPNOTSUPP;  // (as Linux's fchmodat)
    InodePtr n = shadow(f);
    n->st.mode = (n->st.mode & S_IFMT) | (mode & 07777);
    n->st.ctime = now();
    return 0;
  }

  int utime(const std::string& path, const timespec& atime, const timespec& mtime,
            bool follow) override {
    Found f;
    if (int e = resolve(path, follow, f)) return e;
    InodePtr n = shadow(f);
    n->st.atime = atime;
    n->st.mtime = mtime;
    n->st.ctime = now();
    return 0;
  }

  int symlink(const std::string& target, const std::string& link) override {
    std::string abs;
    if (int e = creatable(link, abs)) return e;
    auto n = fresh(Inode::Type::Symlink, S_IFLNK | 0777, parentOf(abs));
    n->target = target;
    n->st.size = static_cast<int64_t>(target.size());
    set(abs, n);
    return 0;
  }

  int readlink(const std::string& path, std::string& out) override {
    Found f;
    if (int e = resolve(path, false, f)) return e;
    if (!S_ISLNK(f.st.mode)) return EINVAL;
    if (f.node) {
      out = f.node->target;
      return 0;
    }
    std::string buf(PATH_MAX, '\0');
    ssize_t n = ::readlink(f.path.c_str(), buf.data(), buf.size());
    if (n < 0) return errno;
    out = buf.substr(0, static_cast<size_t>(n));
    return 0;
  }

  int truncate(const std::string& path, int64_t length) override {
    if (length < 0) return EINVAL;
    Found f;
    if (int e = resolve(path, true, f)) return e;
    if (S_ISDIR(f.st.mode)) return EISDIR;
    if (!f.node && ::access(f.path.c_str(), W_OK) < 0) return errno;
    InodePtr n = shadow(f);
    load(*n);
    n->data.resize(static_cast<size_t>(length));
    touch(*n);
    return 0;
  }

  int getcwd(std::string& out) override {
    out = cwd_;
    return 0;
  }

  int chdir(const std::string& path) override {
    Found f;
    if (int e = resolve(path, true, f)) return e;
    if (!S_ISDIR(f.st.mode)) return ENOTDIR;
    cwd_ = f.path;
    return 0;
  }

  int open(const std::string& path, int flags, uint32_t mode, int& fd) override {
    int acc = flags & O_ACCMODE;
    bool writing = acc != O_RDONLY;
    Found f;
    bool excl = (flags & O_CREAT) && (flags & O_EXCL);
    int e = resolve(path, !(flags & O_NOFOLLOW) && !excl, f);
    if (e == ENOENT && (flags & O_CREAT)) {
      std::string abs;
      if (int ce = creatable(path, abs)) return ce;
      set(abs, fresh(Inode::Type::File, S_IFREG | (mode & 07777 & ~umask_), parentOf(abs)));
      e = resolve(abs, true, f);
    } else if (!e && excl) {
      return EEXIST;
    }
    if (e) return e;
    auto file = std::make_shared<OpenFile>();
    file->path = f.path;
    file->flags = flags;
    if (S_ISLNK(f.st.mode)) return ELOOP;  // (O_NOFOLLOW on a link)
    if (S_ISDIR(f.st.mode)) {
      if (writing) return EISDIR;
      file->dir = true;
      file->node = f.node;
      return install(file, fd);
    }
    if (flags & O_DIRECTORY) return ENOTDIR;
    if (!f.node && !writing && !(flags & O_TRUNC)) {
      file->real_fd = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC);
      if (file->real_fd < 0) return errno;
      return install(file, fd);
    }
    if (!f.node) {
      int want = (acc == O_RDWR ? R_OK | W_OK : acc == O_WRONLY ? W_OK : R_OK);
      if (::access(f.path.c_str(), want) < 0) return errno;
    } else if (::getuid() != 0) {
      uint32_t have = (f.st.mode >> 6) & 7;
      if ((writing && !(have & 2)) || (acc != O_WRONLY && !(have & 4))) return EACCES;
    }
    file->node = shadow(f);
    if ((flags & O_TRUNC) && writing) {
      file->node->backing.clear();
      file->node->data.clear();
      touch(*file->node);
    }
    return install(file, fd);
  }

  int read(int fd, size_t n, std::string& out) override {
    out.clear();
    auto file = fileOf(fd);
    if (!file) return fd == 0 && !std_closed_[0] ? 0 : EBADF;
    if ((file->flags & O_ACCMODE) == O_WRONLY) return EBADF;
    if (file->dir) return EISDIR;
    if (file->pipe) {
      if (file->pipe->data.empty() && file->pipe->writers > 0) return kVfsBlocksForever;
      out = file->pipe->data.substr(0, n);
      file->pipe->data.erase(0, out.size());
      return 0;
    }
    if (file->real_fd >= 0) {
      out.resize(n);
      ssize_t got = ::pread(file->real_fd, out.data(), n, file->pos);
      if (got < 0) return errno;
      out.resize(static_cast<size_t>(got));
    } else {
      load(*file->node);
      const std::string& data = file->node->data;
      if (file->pos < static_cast<int64_t>(data.size()))
        out = data.substr(static_cast<size_t>(file->pos), n);
    }
    file->pos += static_cast<int64_t>(out.size());
    return 0;
  }

  int write(int fd, std::string_view data, size_t& written) override {
    written = 0;
    auto file = fileOf(fd);
    if (!file) {
      if ((fd != 1 && fd != 2) || std_closed_[fd]) return EBADF;
      if (auto& sink = fd == 1 ? out : err) sink(data);
      written = data.size();
      return 0;
    }
    if ((file->flags & O_ACCMODE) == O_RDONLY || file->dir) return EBADF;
    if (file->pipe) {
      if (!file->pipe_write) return EBADF;
      file->pipe->data.append(data);
      written = data.size();
      return 0;
    }
    Inode& n = *file->node;
    load(n);
    if (file->flags & O_APPEND) file->pos = static_cast<int64_t>(n.data.size());
    size_t at = static_cast<size_t>(file->pos);
    if (n.data.size() < at + data.size()) n.data.resize(at + data.size());
    n.data.replace(at, data.size(), data);
    file->pos += static_cast<int64_t>(data.size());
    touch(n);
    written = data.size();
    return 0;
  }

  int lseek(int fd, int64_t offset, int whence, int64_t& pos) override {
    auto file = fileOf(fd);
    if (!file) return fd <= 2 && !std_closed_[fd] ? ESPIPE : EBADF;
    if (file->pipe) return ESPIPE;
    int64_t base = 0;
    if (whence == SEEK_CUR) base = file->pos;
    if (whence == SEEK_END || whence == SEEK_DATA || whence == SEEK_HOLE) {
      VfsStat st;
      if (int e = statOpen(*file, st)) return e;
      base = st.size;
      if (whence != SEEK_END) {  // (no holes in the overlay: all data, then the end)
        if (offset < 0 || offset >= st.size) return ENXIO;
        file->pos = pos = whence == SEEK_DATA ? offset : st.size;
        return 0;
      }
    }
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) return EINVAL;
    if (base + offset < 0) return EINVAL;
    file->pos = pos = base + offset;
    return 0;
  }

  int close(int fd) override {
    auto it = fds_.find(fd);
    if (it == fds_.end()) {
      if (fd < 0 || fd > 2 || std_closed_[fd]) return EBADF;
      std_closed_[fd] = true;
      return 0;
    }
    fds_.erase(it);
    return 0;
  }

  int fstat(int fd, VfsStat& out) override {
    auto file = fileOf(fd);
    if (!file) {
      if (fd < 0 || fd > 2 || std_closed_[fd]) return EBADF;
      out = VfsStat{};
      out.mode = S_IFIFO | 0600;  // (the standard streams of an analysed program: pipes)
      out.nlink = 1;
      out.uid = ::getuid();
      out.gid = ::getgid();
      out.blksize = 4096;
      return 0;
    }
    return statOpen(*file, out);
  }

  int ftruncate(int fd, int64_t length) override {
    auto file = fileOf(fd);
    if (!file) return fd <= 2 && !std_closed_[fd] ? EINVAL : EBADF;
    if (length < 0 || file->pipe || file->dir || (file->flags & O_ACCMODE) == O_RDONLY)
      return EINVAL;
    load(*file->node);
    file->node->data.resize(static_cast<size_t>(length));
    touch(*file->node);
    return 0;
  }

  int fsync(int fd) override { return fileOf(fd) || (fd <= 2 && fd >= 0) ? 0 : EBADF; }

  int isatty(int fd, bool& out) override {
    out = false;
    return fileOf(fd) || (fd >= 0 && fd <= 2 && !std_closed_[fd]) ? 0 : EBADF;
  }

  int dup(int fd, int& out) override {
    auto file = fileOf(fd);
    if (!file) return EBADF;  // (the standard streams are not modelled as descriptions)
    return install(file, out);
  }

  int dup2(int fd, int fd2, int& out) override {
    auto file = fileOf(fd);
    if (!file || fd2 < 0) return EBADF;
    if (fd2 <= 2) return ENOTSUP;  // (redirecting the program's own stdout is not modelled)
    fds_[fd2] = file;
    out = fd2;
    return 0;
  }

  int pipe(int fds[2]) override {
    auto buffer = std::make_shared<PipeBuffer>();
    auto r = std::make_shared<OpenFile>(), w = std::make_shared<OpenFile>();
    r->pipe = w->pipe = buffer;
    r->flags = O_RDONLY;
    w->flags = O_WRONLY;
    w->pipe_write = true;
    install(r, fds[0]);
    install(w, fds[1]);
    return 0;
  }

  int listdirFd(int fd, std::vector<VfsDirEntry>& out) override {
    auto file = fileOf(fd);
    if (!file) return EBADF;
    if (!file->dir) return ENOTDIR;
    return listdir(file->path, out);
  }

  std::string fdPath(int fd) override {
    auto file = fileOf(fd);
    return file ? file->path : "";
  }

  bool fdOpen(int fd) override { return fileOf(fd) || (fd >= 0 && fd <= 2 && !std_closed_[fd]); }

  void modelWrite(const std::string& path, std::string data) override {
    std::string abs;
    Found f;
    if (creatable(path, abs) == EEXIST && !resolve(path, true, f) && S_ISREG(f.st.mode)) {
      InodePtr n = shadow(f);
      n->backing.clear();
      n->data = std::move(data);
      touch(*n);
      return;
    }
    if (abs.empty()) return;  // (no such folder: torch.save would fail; gbc's model writes none)
    auto n = fresh(Inode::Type::File, S_IFREG | (0666 & ~umask_), parentOf(abs));
    n->data = std::move(data);
    n->st.size = static_cast<int64_t>(n->data.size());
    set(abs, n);
  }

  int umask(int mask) override {
    int old = static_cast<int>(umask_);
    umask_ = static_cast<uint32_t>(mask) & 0777;
    return old;
  }

 private:
  std::map<std::string, InodePtr> nodes_;
  std::map<int, std::shared_ptr<OpenFile>> fds_;
  bool std_closed_[3] = {false, false, false};
  std::string cwd_;
  uint32_t umask_ = 022;
  uint64_t next_ino_ = uint64_t{1} << 40;

  /// `path` absolute, "." and ".." folded, no trailing or doubled slashes.
  std::string normalize(const std::string& path) const {
    std::string full = !path.empty() && path[0] == '/' ? path : cwd_ + "/" + path;
    std::vector<std::string> parts;
    size_t pos = 0;
    while (pos <= full.size()) {
      size_t slash = full.find('/', pos);
      if (slash == std::string::npos) slash = full.size();
      std::string part = full.substr(pos, slash - pos);
      if (part == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      pos = slash + 1;
    }
    std::string out;
    for (const std::string& p : parts) out += "/" + p;
    return out.empty() ? "/" : out;
  }

  static VfsStat statOf(const Inode& n) {
    VfsStat st = n.st;
    if (n.type == Inode::Type::File && n.backing.empty())
      st.size = static_cast<int64_t>(n.data.size());
    st.blocks = (st.size + 4095) / 4096 * 8;
    return st;
  }

  int resolve(const std::string& path, bool follow, Found& f, int depth = 0) {
    if (path.empty()) return ENOENT;
    if (depth > 40) return ELOOP;
    std::string abs = normalize(path);
    bool want_dir = path.size() > 1 && path.back() == '/';
    if (nodes_.empty()) return resolveReal(abs, follow, want_dir, f);
    // each folder on the way: an overlay node decides; on disk a symbolic link is followed here
    // (so a link on disk to something the overlay changed sees the change)
    bool overlay_only = false;
    for (size_t pos = 1;;) {
      size_t slash = abs.find('/', pos);
      if (slash == std::string::npos) break;
      std::string prefix = abs.substr(0, slash);
      auto it = nodes_.find(prefix);
      if (it != nodes_.end()) {
        if (!it->second) return ENOENT;
        const Inode& n = *it->second;
        if (n.type == Inode::Type::Symlink)
          return resolve(linkTarget(prefix, n.target) + abs.substr(slash), follow, f, depth + 1);
        if (n.type == Inode::Type::File) return ENOTDIR;
        overlay_only = overlay_only || n.opaque;
      } else if (overlay_only) {
        return ENOENT;
      } else {
        struct stat st;
        if (::lstat(prefix.c_str(), &st) < 0) return errno;
        if (S_ISLNK(st.st_mode))
          return resolve(diskLink(prefix) + abs.substr(slash), follow, f, depth + 1);
        if (!S_ISDIR(st.st_mode)) return ENOTDIR;
      }
      pos = slash + 1;
    }
    auto it = nodes_.find(abs);
    if (it != nodes_.end()) {
      if (!it->second) return ENOENT;
      const Inode& n = *it->second;
      if (n.type == Inode::Type::Symlink && (follow || want_dir))
        return resolve(linkTarget(abs, n.target) + (want_dir ? "/" : ""), true, f, depth + 1);
      if (want_dir && n.type != Inode::Type::Dir) return ENOTDIR;
      f.node = it->second;
      f.path = abs;
      f.st = statOf(n);
      return 0;
    }
    if (overlay_only) return ENOENT;
    struct stat st;
    if (::lstat(abs.c_str(), &st) < 0) return errno;
    if (S_ISLNK(st.st_mode) && (follow || want_dir))
      return resolve(diskLink(abs) + (want_dir ? "/" : ""), true, f, depth + 1);
    if (want_dir && !S_ISDIR(st.st_mode)) return ENOTDIR;
    f.node = nullptr;
    f.path = abs;
    f.st = fromStat(st);
    return 0;
  }

  /// resolve() while the overlay is empty: the disk alone.
  static int resolveReal(const std::string& abs, bool follow, bool want_dir, Found& f) {
    struct stat st;
    std::string real = want_dir ? abs + "/" : abs;
    if ((follow ? ::stat(real.c_str(), &st) : ::lstat(real.c_str(), &st)) < 0) return errno;
    f.node = nullptr;
    f.path = abs;
    f.st = fromStat(st);
    return 0;
  }

  /// The absolute target of the symbolic link on disk at `abs`.
  std::string diskLink(const std::string& abs) const {
    std::string buf(PATH_MAX, '\0');
    ssize_t n = ::readlink(abs.c_str(), buf.data(), buf.size());
    return linkTarget(abs, n > 0 ? buf.substr(0, static_cast<size_t>(n)) : "");
  }

  std::string linkTarget(const std::string& link, const std::string& target) const {
    return !target.empty() && target[0] == '/' ? target : parentOf(link) + "/" + target;
  }

  /// Checks `path` can be created (its folder exists, nothing is there); `abs` receives it.
  int creatable(const std::string& path, std::string& abs) {
    abs.clear();
    if (path.empty()) return ENOENT;
    std::string full = normalize(path);
    Found parent;
    if (int e = resolve(parentOf(full), true, parent)) return e;
    if (!S_ISDIR(parent.st.mode)) return ENOTDIR;
    if (!parent.node && ::access(parent.path.c_str(), W_OK) < 0) return errno;
    abs = parent.path == "/" ? "/" + baseOf(full) : parent.path + "/" + baseOf(full);
    Found existing;
    int e = resolve(abs, false, existing);
    if (!e) return EEXIST;
    return e == ENOENT ? 0 : e;
  }

  InodePtr fresh(Inode::Type type, uint32_t mode, const std::string& parent) {
    auto n = std::make_shared<Inode>();
    n->type = type;
    n->st.mode = mode;
    n->st.ino = next_ino_++;
    VfsStat pst;
    Found pf;
    if (!resolve(parent, true, pf)) pst = pf.st;
    n->st.dev = pst.dev;
    n->st.nlink = type == Inode::Type::Dir ? 2 : 1;
    n->st.uid = ::getuid();
    n->st.gid = ::getgid();
    n->st.blksize = 4096;
    n->st.atime = n->st.mtime = n->st.ctime = now();
    return n;
  }

  void set(const std::string& abs, InodePtr n) { nodes_[abs] = std::move(n); }

  /// Removes `abs` and everything the overlay has below it.
  void remove(const std::string& abs) {
    eraseBelow(abs);
    nodes_[abs] = nullptr;
  }

  void eraseBelow(const std::string& abs) {
    std::string prefix = abs == "/" ? "/" : abs + "/";
    for (auto it = nodes_.lower_bound(prefix);
         it != nodes_.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
      it = nodes_.erase(it);
  }

  /// The overlay node for what `f` found, made a shadow of the disk object when it has none.
  InodePtr shadow(const Found& f) {
    if (f.node) return f.node;
    auto n = std::make_shared<Inode>();
    n->st = f.st;
    if (S_ISDIR(f.st.mode)) {
      n->type = Inode::Type::Dir;
    } else if (S_ISLNK(f.st.mode)) {
      n->type = Inode::Type::Symlink;
      std::string buf(PATH_MAX, '\0');
      ssize_t len = ::readlink(f.path.c_str(), buf.data(), buf.size());
      n->target = len > 0 ? buf.substr(0, static_cast<size_t>(len)) : "";
    } else {
      n->type = Inode::Type::File;
      n->backing = f.path;
    }
    nodes_[f.path] = n;
    return n;
  }

  static void load(Inode& n) {
    if (n.backing.empty()) return;
    readWhole(n.backing, n.data);
    n.backing.clear();
  }

  static void touch(Inode& n) {
    n.st.mtime = n.st.ctime = now();
    n.st.size = static_cast<int64_t>(n.data.size());
  }

  /// The entries of directory `f`: the disk's (unless opaque) merged with the overlay's.
  int listing(const Found& f, std::vector<VfsDirEntry>& out) {
    out.clear();
    if (!f.node || !f.node->opaque)
      if (int e = readDir(f.path, out)) return e;
    std::string prefix = f.path == "/" ? "/" : f.path + "/";
    std::map<std::string, InodePtr> mine;
    for (auto it = nodes_.lower_bound(prefix);
         it != nodes_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
      if (it->first.find('/', prefix.size()) == std::string::npos)
        mine[it->first.substr(prefix.size())] = it->second;
    std::vector<VfsDirEntry> kept;
    for (VfsDirEntry& d : out) {
      auto it = mine.find(d.name);
      if (it == mine.end()) {
        kept.push_back(std::move(d));
        continue;
      }
      if (it->second) kept.push_back(entryOf(d.name, *it->second));
      mine.erase(it);
    }
    for (const auto& [name, node] : mine)
      if (node) kept.push_back(entryOf(name, *node));
    out = std::move(kept);
    return 0;
  }

  static VfsDirEntry entryOf(const std::string& name, const Inode& n) {
    unsigned char type = n.type == Inode::Type::Dir       ? DT_DIR
                         : n.type == Inode::Type::Symlink ? DT_LNK
                                                          : DT_REG;
    return {name, type, n.st.ino};
  }

  /// Moves what is at `from` (overlay or disk, a whole tree for a folder) to `to`.
  void moveTree(const std::string& from, const std::string& to) {
    Found f;
    if (resolve(from, false, f)) return;
    std::vector<VfsDirEntry> children;
    if (S_ISDIR(f.st.mode)) listing(f, children);
    InodePtr n = shadow(f);
    eraseBelow(to);
    for (const VfsDirEntry& c : children) moveTree(from + "/" + c.name, to + "/" + c.name);
    if (n->type == Inode::Type::Dir) n->opaque = true;
    eraseBelow(from);
    nodes_[from] = nullptr;
    nodes_[to] = n;
    n->st.ctime = now();
  }

  std::shared_ptr<OpenFile> fileOf(int fd) {
    auto it = fds_.find(fd);
    return it == fds_.end() ? nullptr : it->second;
  }

  int install(const std::shared_ptr<OpenFile>& file, int& fd) {
    fd = 3;
    while (fds_.count(fd)) ++fd;
    fds_[fd] = file;
    return 0;
  }

  int statOpen(const OpenFile& file, VfsStat& out) {
    if (file.pipe) {
      out = VfsStat{};
      out.mode = S_IFIFO | 0600;
      out.size = static_cast<int64_t>(file.pipe->data.size());
      return 0;
    }
    if (file.real_fd >= 0) {
      struct stat st;
      if (::fstat(file.real_fd, &st) < 0) return errno;
      out = fromStat(st);
      return 0;
    }
    if (file.node) {
      out = statOf(*file.node);
      return 0;
    }
    Found f;  // a disk folder opened for listing
    if (int e = resolve(file.path, true, f)) return e;
    out = f.st;
    return 0;
  }
};

}  // namespace

std::shared_ptr<Vfs> makeOverlayVfs() { return std::make_shared<OverlayVfs>(); }

}  // namespace gbc::interp
