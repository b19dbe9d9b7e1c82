// The interpreter's entry points: analyse or run one Python file.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/target.h"
#include "report/model.h"

namespace gbc::interp {

struct Options {
  TargetProfile target = kTarget2_14;
  /// Execute for real (`gbc run`): tensors hold data, print() writes to `out`.
  bool run = false;
  /// `torch.manual_seed(seed)` before the program (`gbc run --seed N`, the recordings used 0).
  std::optional<uint64_t> seed;
  /// Where the program's stdout goes when running (print()).
  std::function<void(std::string_view)> out;
  /// Where the program's stderr goes (sys.stderr); discarded when unset.
  std::function<void(std::string_view)> err;
  /// The environment's site-packages folders, searched after the standard library
  /// (environment.h finds them).
  std::vector<std::string> site_packages;
  /// sys.executable and sys.prefix of the environment ("": the target CPython's own).
  std::string python_executable, python_prefix;
  /// Notes about the environment, reported where the program first imports one of its modules.
  std::vector<std::string> environment_notes;
  /// Python's recursion limit for the analysed program.
  int recursion_limit = 1000;
  /// Budget of the analysed program (`--max-instructions`, `--timeout`, `--max-memory`), traced
  /// code included. Past it, analysis stops there: the report keeps what was found before, with a
  /// warning "the program ran past its budget of N instructions (--max-instructions); analysis
  /// stopped here" (or "... longer than the time limit of S s (--timeout)", "... more than the
  /// memory limit of M MiB (--max-memory)") and a Stop of reason Budget; `run` fails with
  /// ErrorCode::Unsupported and the located message. 0: unlimited. 10^9 instructions take gbc
  /// about 3 s (`while True: pass`, Release build). The memory limit is on the whole process's
  /// resident memory (checked every 2^16 instructions) and on any one tensor (checked before it
  /// is allocated).
  uint64_t max_instructions = 1'000'000'000;
  double timeout_s = 0;
  uint64_t max_memory_mb = 0;
  /// When set, another thread may stop the program by setting it (interp::Budget::cancel).
  const std::atomic<bool>* cancel = nullptr;
  /// C++ stack of the thread runFile runs the program on (0: the caller's thread). Deep Python
  /// recursion (recursion_limit 1000, or more after sys.setrecursionlimit) needs far more than a
  /// main thread's 8 MiB under sanitizers; past the stack's reserve the program gets a
  /// RecursionError (limits.h), never a stack overflow.
  size_t stack_bytes = size_t{256} << 20;
  /// Leave the program's state (syntax tree, code, VM with every object it made) allocated when
  /// runFile returns, as clang's -disable-free does: a one-shot `gbc analyze` of one file exits
  /// right after, and freeing tens of thousands of objects one by one is time the user waits for.
  /// The state stays reachable from a global, so leak checkers do not report it.
  bool keep_state = false;
};

/// What happened when the program ran to its end (or stopped).
struct Outcome {
  report::FileReport report;
  /// The program ended with an uncaught Python exception: its traceback (as CPython prints it
  /// to stderr: report::formatPyTraceback) — a finding about the program, not a gbc failure.
  std::optional<report::PyTraceback> uncaught_exception;
  /// What CPython writes to stderr as it exits, after that traceback: the failures of atexit
  /// callbacks ("Exception ignored in atexit callback ...").
  std::string exit_stderr;
};

/// Analyses (or, with options.run, executes) the Python file at `path` whose text is `source`.
/// Fails with ErrorCode::Syntax / Encoding for bad input, ErrorCode::Unsupported when `run` meets
/// something gbc cannot execute (message: "unsupported: <what> at file:line") or when the program
/// ran past its budget (see Options::max_instructions).
Result<Outcome> runFile(const std::string& path, const std::string& source, const Options& options);

/// One piece of a program that runs in pieces (a notebook's code cells): its text and its
/// co_filename, the name its findings and tracebacks give ("/abs/nb.ipynb#cell3").
struct SourceUnit {
  std::string name;
  std::string source;
};

/// runFile for a program in pieces: each unit is parsed and compiled on its own (a syntax error
/// names the unit) and run in order in the same `__main__`, as IPython runs cells; an uncaught
/// exception stops the rest. `path` is the program's file (the report's, sys.argv[0]'s).
Result<Outcome> runUnits(const std::string& path, const std::vector<SourceUnit>& units,
                         const Options& options);

}  // namespace gbc::interp
