// `gbc analyze`'s configuration: `[tool.gbc]` of the nearest pyproject.toml (or a gbc.toml),
// found by walking up from the analysed path, or the file `--config` names; and the expansion of
// PATH arguments into the sorted list of Python files to analyse.
#pragma once

#include "base/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gbc::app {

/// The keys of `[tool.gbc]`; command-line flags override them.
struct Config {
  std::string file;                    ///< the file it came from (empty: none found)
  std::string dir;                     ///< that file's directory: exclude globs are relative to it
  std::optional<std::string> fail_on;  ///< "error" | "break" | "never"
  std::optional<std::string> target;   ///< "2.14" | "2.11" | "2.9"
  std::optional<std::string> format;   ///< "text" | "json" | "sarif" | "github"
  std::vector<std::string> exclude;    ///< glob patterns
  std::vector<std::string> ignore;     ///< gb-codes never reported
  std::optional<std::string> python;   ///< the environment (interp/environment.h), made absolute
  std::optional<uint64_t> max_instructions;  ///< the program's budget (interp::Options)
  std::optional<double> timeout;             ///< seconds
  std::optional<uint64_t> max_memory;        ///< MiB
};

/// Reads `path` (a pyproject.toml's `[tool.gbc]` table, or a gbc.toml's top level). Fails with
/// ErrorCode::Usage for TOML errors, unknown keys and bad values, naming the file.
Result<Config> loadConfig(const std::string& path);

/// The nearest pyproject.toml with a `[tool.gbc]` table, or gbc.toml, in `start` (a file's
/// directory, or a directory) or above; an empty Config when there is none.
Result<Config> findConfig(const std::string& start);

/// Files to analyse for the PATH arguments, in argument order: a file as given; a directory's
/// `*.py` files recursively, sorted, skipping hidden directories, `__pycache__` and whatever the
/// config's exclude globs match (relative path, or name for patterns without '/'). A missing
/// path is kept, so reading it reports the error. A directory is walked once, however many
/// symlinks lead to it (device and inode); `notes` (when given) receives one line per skipped
/// entry, "path: warning: ..." for an unreadable directory and a `*.py` that is not a regular
/// file (a FIFO would block the run), "path: note: ..." for a second link to a directory.
std::vector<std::string> expandPaths(const std::vector<std::string>& paths, const Config& config,
                                     std::vector<std::string>* notes = nullptr);

/// Whether `path` (absolute) matches one of the config's exclude globs.
bool isExcluded(const std::string& path, const Config& config);

}  // namespace gbc::app
