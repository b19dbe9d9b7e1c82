// The file system a program sees through gbc's native modules (posix, _io, time's sleep aside):
// every file operation of os / open() goes through one Vfs, so the rule "analysis never changes
// the user's disk" lives in one place.
//
// - `gbc run` (a real Vfs): the operations are the system calls, like CPython.
// - `gbc analyze` (an overlay Vfs): reads see the disk; whatever would change it (creating,
//   writing, truncating, mkdir, remove, rename, chmod, utime, symlink) changes an in-memory
//   overlay instead, which later reads, stat, listdir and exists of the same run see. The disk is
//   never written. The working directory is the overlay's own (chdir changes no process state).
//   File descriptors are the overlay's: 3, 4, ... as a fresh CPython process numbers them.
//
// In both modes writes to fds 1 and 2 go to `out` and `err` (the program's stdout and stderr as
// gbc shows them), reads of fd 0 see an empty stdin in analyze mode.
//
// Errors are errno values (0: success), which callers turn into OSError (oserror.h). Paths are
// bytes (std::string) as the OS sees them. The overlay keys paths lexically (absolute, with "."
// and ".." folded): a real symbolic link to a directory and its target are different keys.
#pragma once

#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gbc::interp {

/// What stat() reports (the fields of os.stat_result).
struct VfsStat {
  uint32_t mode = 0;
  uint64_t ino = 0, dev = 0, nlink = 0, rdev = 0;
  uint32_t uid = 0, gid = 0;
  int64_t size = 0, blksize = 0, blocks = 0;
  timespec atime{}, mtime{}, ctime{};
};

/// One entry of a directory listing (scandir's DirEntry before stat).
struct VfsDirEntry {
  std::string name;
  unsigned char type = 0;  // DT_REG, DT_DIR, DT_LNK, ... (DT_UNKNOWN: ask stat)
  uint64_t ino = 0;
};

/// An open stream holding data not yet written (a buffered file): flushed when the program ends,
/// as CPython flushes open files when it finalizes.
class VfsFlushable {
 public:
  virtual ~VfsFlushable() = default;
  virtual void flushAtExit() = 0;
};

/// What read() returns (in place of an errno) for an empty in-memory pipe whose write end is
/// still open: a real process would wait forever.
inline constexpr int kVfsBlocksForever = -1;

class Vfs {
 public:
  /// A Vfs over the disk (`overlay` false) or over an in-memory overlay of it.
  static std::shared_ptr<Vfs> create(bool overlay);
  virtual ~Vfs() = default;

  /// Whether writes go to the overlay (analyze mode).
  virtual bool overlay() const = 0;

  // ---- paths
  virtual int stat(const std::string& path, bool follow_symlinks, VfsStat& out) = 0;
  /// access(2) with F_OK / R_OK / W_OK / X_OK bits.
  virtual int access(const std::string& path, int mode) = 0;
  virtual int listdir(const std::string& path, std::vector<VfsDirEntry>& out) = 0;
  virtual int mkdir(const std::string& path, uint32_t mode) = 0;
  virtual int rmdir(const std::string& path) = 0;
  virtual int unlink(const std::string& path) = 0;
  /// rename(2): replaces an existing `to` as POSIX does.
  virtual int rename(const std::string& from, const std::string& to) = 0;
  virtual int chmod(const std::string& path, uint32_t mode, bool follow_symlinks) = 0;
  /// Sets access and modification times (nanoseconds since the epoch).
  virtual int utime(const std::string& path, const timespec& atime, const timespec& mtime,
                    bool follow_symlinks) = 0;
  virtual int symlink(const std::string& target, const std::string& link) = 0;
  virtual int readlink(const std::string& path, std::string& out) = 0;
  virtual int truncate(const std::string& path, int64_t length) = 0;
  virtual int getcwd(std::string& out) = 0;
  virtual int chdir(const std::string& path) = 0;
  /// Sets the mask of permission bits new files lose; returns the previous one.
  virtual int umask(int mask) = 0;

  // ---- file descriptors
  /// open(2) with O_* flags; `fd` receives the descriptor.
  virtual int open(const std::string& path, int flags, uint32_t mode, int& fd) = 0;
  /// Reads at most `n` bytes (fewer at the end of the file; none at EOF).
  virtual int read(int fd, size_t n, std::string& out) = 0;
  virtual int write(int fd, std::string_view data, size_t& written) = 0;
  virtual int lseek(int fd, int64_t offset, int whence, int64_t& pos) = 0;
  virtual int close(int fd) = 0;
  virtual int fstat(int fd, VfsStat& out) = 0;
  virtual int ftruncate(int fd, int64_t length) = 0;
  virtual int fsync(int fd) = 0;
  virtual int isatty(int fd, bool& out) = 0;
  virtual int dup(int fd, int& out) = 0;
  virtual int dup2(int fd, int fd2, int& out) = 0;
  /// pipe(2): `fds` receives the read end then the write end.
  virtual int pipe(int fds[2]) = 0;
  /// The directory listing of an fd opened on a directory (os.listdir(fd), os.scandir(fd)).
  virtual int listdirFd(int fd, std::vector<VfsDirEntry>& out) = 0;
  /// The path an fd was opened with (for messages; "" when unknown).
  virtual std::string fdPath(int fd) = 0;
  /// Whether fd is one this Vfs knows as open (0, 1 and 2 always are).
  virtual bool fdOpen(int fd) = 0;

  /// A file gbc's model writes (torch.save's checkpoint): in the overlay in analyze mode; gbc
  /// run writes none (its torch model has no checkpoint bytes to write).
  virtual void modelWrite(const std::string& path, std::string data) = 0;

  /// Where writes to fds 1 and 2 go (unset: discarded).
  std::function<void(std::string_view)> out, err;

  /// Registers a stream for flushAll.
  void addFlushable(const std::shared_ptr<VfsFlushable>& stream);
  /// Flushes the registered streams still open, newest first (a text layer before its buffer).
  void flushAll();

 private:
  std::vector<std::weak_ptr<VfsFlushable>> flushables_;
};

}  // namespace gbc::interp
