// What the files of the posix module share (mod_posix.cpp: the module, process and environment;
// posix_files.cpp: path operations; posix_fds.cpp: file descriptors; posix_scandir.cpp:
// scandir and DirEntry). Private to them.
#pragma once

#include <string>

#include "interp/native_args.h"
#include "interp/vfs.h"
#include "interp/vm.h"

namespace gbc::interp {

/// The types the posix functions return, made once per module.
struct PosixTypes {
  ClassPtr stat_result;
};

/// Raises the OSError for errno `e` naming the path arguments as CPython does (the path as
/// given, after os.fspath; the fd for an fd), or gbc's gap for kVfsBlocksForever.
[[noreturn]] void raisePathError(VM& vm, int e, const PathArg* path = nullptr,
                                 const PathArg* path2 = nullptr);

/// os.stat_result of `st`.
Value makeStatResult(VM& vm, const PosixTypes& types, const VfsStat& st);

/// `s` as the type the caller's path was: bytes for a bytes path, else str.
Value pathLike(const PathArg& like, std::string s);

/// The path a call with `dir_fd` means: `path` when absolute or dir_fd is None/missing, else
/// under the folder that descriptor is open on.
std::string atPath(VM& vm, const Value& dir_fd, const std::string& path);

/// A bool argument (follow_symlinks=...): any object's truth.
bool boolArg(VM& vm, const Value& v, bool dflt);

void installPosixFiles(VM& vm, const Value& module, const std::shared_ptr<PosixTypes>& types);
void installPosixFds(VM& vm, const Value& module, const std::shared_ptr<PosixTypes>& types);
void installScandir(VM& vm, const Value& module, const std::shared_ptr<PosixTypes>& types);

}  // namespace gbc::interp
