// Running the interpreter over many files: each file in a fresh thread (the interpreter keeps
// per-thread state, so every file starts from the same clean state whatever ran before), up to
// `jobs` at a time, results in input order.
#pragma once

#include "base/result.h"
#include "interp/driver.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gbc::app {

/// One analysed file: its outcome, or why it could not be analysed.
struct FileResult {
  std::string name;  ///< the path as given
  std::optional<interp::Outcome> outcome;
  std::optional<Error> error;  ///< unreadable file, syntax error, ...
};

/// A file's text, or the error `cannot read 'x.py': No such file or directory`.
Result<std::string> readFile(const std::string& path);

/// The absolute, lexically normal form of `path` (Python's co_filename for `python3 path`).
std::string absolutePath(const std::string& path);

/// Runs (or analyses: options.run) the program in `source`, the file `path`: interp::runFile, or
/// for a notebook (notebook.h) its code cells with interp::runUnits and notes on what was skipped.
Result<interp::Outcome> runProgram(const std::string& path, const std::string& source,
                                   const interp::Options& options);

/// Analyses `source` as the file `path` (interp::runFile: the program runs on its own thread).
Result<interp::Outcome> analyzeSource(const std::string& path, const std::string& source,
                                      const interp::Options& options);

/// Reads and analyses each file, `jobs` files at a time (0: one per core). `progress`, when set,
/// is called (serialised) with the number of files done after each one. `ready`, when set, is
/// called (serialised) with each result in input order as soon as it and every result before it
/// are done; it may move from the result.
std::vector<FileResult> analyzeFiles(const std::vector<std::string>& names,
                                     const interp::Options& options, unsigned jobs,
                                     const std::function<void(std::size_t)>& progress,
                                     const std::function<void(FileResult&)>& ready = {});

}  // namespace gbc::app
