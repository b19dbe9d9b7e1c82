// Compiled modules cached on disk, so a module gbc has compiled once (the standard library, a
// package of the environment) is not parsed again: like CPython's __pycache__, but in one folder
// of gbc's own and keyed by everything the code depends on.
//
// An entry is the code image (code_image.h) of one source file, keyed by the file's absolute
// path, size and mtime (ns), the file name its code objects carry, the target Python version and
// gbc's build identity (the executable's ELF build-id: a rebuilt gbc never reads an older gbc's
// code). Entries are written atomically (temp file + rename) and verified when read (the key
// stored whole, a checksum, a complete image); an unwritable folder or a corrupt, stale or
// foreign entry is skipped silently: the module is compiled from source.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "interp/bytecode.h"

namespace gbc::interp {

/// What a cached code object was compiled from.
struct SourceStamp {
  std::string real_path;  // the file read (absolute)
  std::string filename;   // the path its code objects print (the stdlib's shown path)
  int64_t size = 0;
  int64_t mtime_ns = 0;
};

class CodeCache {
 public:
  /// A cache in `dir` (entries in dir/code/); an empty `dir` disables it.
  explicit CodeCache(std::string dir);

  /// The cache of this process: $GBC_CACHE_DIR (set but empty: no cache), else
  /// $XDG_CACHE_HOME/gbc, else ~/.cache/gbc.
  static CodeCache& process();
  /// The folder process() uses ("" when disabled).
  static std::string defaultDirectory();

  bool enabled() const { return !dir_.empty(); }
  const std::string& directory() const { return dir_; }

  /// The cached code for `stamp` compiled for Python `python`, or null (no entry, or one that
  /// does not verify).
  std::shared_ptr<CodeObject> load(const SourceStamp& stamp, std::string_view python) const;
  /// Stores `code` for `stamp`; false when the entry could not be written (never fatal).
  bool store(const SourceStamp& stamp, std::string_view python, const CodeObject& code) const;
  /// The entry file for `stamp` (tests corrupt it).
  std::string entryPath(const SourceStamp& stamp, std::string_view python) const;

 private:
  std::string dir_;
};

/// gbc's build identity: the hex ELF build-id of the running executable, or (when it has none) its
/// path, size and mtime.
const std::string& buildIdentity();

}  // namespace gbc::interp
