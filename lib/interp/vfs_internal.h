// What the two Vfs implementations (vfs_real.cpp, vfs_overlay.cpp) share; private to them.
#pragma once

#include <dirent.h>
#include <sys/stat.h>

#include <memory>
#include <string>
#include <vector>

#include "interp/vfs.h"

namespace gbc::interp {

VfsStat fromStat(const struct stat& st);
/// The entries of an open directory stream, without "." and ".."; 0 or errno.
int drainDir(DIR* dir, std::vector<VfsDirEntry>& out);
/// The entries of the directory at `path` on disk; 0 or errno.
int readDir(const std::string& path, std::vector<VfsDirEntry>& out);

std::shared_ptr<Vfs> makeRealVfs();
std::shared_ptr<Vfs> makeOverlayVfs();

}  // namespace gbc::interp
