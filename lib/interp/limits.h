// Limits that keep an analysed program from taking gbc down: a C++ stack guard (deep recursion
// becomes Python's RecursionError, never a stack overflow) and an instruction/time budget
// (`while True: pass` stops with a message instead of hanging).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace gbc::interp {

/// True when the calling thread has less than its reserve of C++ stack left (a quarter of the
/// thread's stack, at most 4 MiB). Checked where the evaluator recurses (frame entry, calls,
/// repr/str, comparisons, hashing, attribute lookup); the VM then raises RecursionError.
bool cStackLow();

/// Thrown (not a Python exception: `except:` cannot catch it) when the program ran past its
/// budget. `message` says which budget ("the program ran past its budget of ..."); `file` and
/// `line` where (empty when the driver takes the innermost frame's place).
struct GbcBudgetExceeded {
  std::string message;
  std::string file;
  uint32_t line = 0;
};

/// The process's resident memory in bytes (/proc/self/statm), 0 where it cannot be read.
uint64_t residentBytes();

/// Instructions executed and the limits on them. 0 means unlimited.
struct Budget {
  uint64_t max_instructions = 0;
  double timeout_s = 0;
  /// Resident memory of the process (all of a directory run's jobs together), in MiB; checked
  /// every 2^16 instructions, and for each tensor allocated (runtime::setStorageLimit).
  uint64_t max_memory_mb = 0;
  /// Set by another thread to stop the program at its next check (the LSP server, when a newer
  /// edit of the document arrives); checked every 2^16 instructions.
  const std::atomic<bool>* cancel = nullptr;

  uint64_t steps = 0;
  uint64_t next_check = 0;  // steps at which check() runs next
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  /// Arms the budget (call once the limits are set).
  void arm();
  /// Called when steps reached next_check: throws GbcBudgetExceeded when a limit is exceeded;
  /// `where` gives {file, line} of the instruction being executed.
  template <typename Where>
  void check(Where&& where) {
    if (!exceeded()) return;
    auto [file, line] = where();
    throw GbcBudgetExceeded{message(), std::move(file), line};
  }

 private:
  bool exceeded();
  std::string message() const;
  enum class Which { Instructions, Time, Memory, Cancelled } which_ = Which::Instructions;
};

}  // namespace gbc::interp
