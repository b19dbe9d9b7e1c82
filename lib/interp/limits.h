// Limits that keep an analysed program from taking gbc down: a C++ stack guard (deep recursion
// becomes Python's RecursionError, never a stack overflow) and an instruction/time budget
// (`while True: pass` stops with a message instead of hanging).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace gbc::interp {

/// True when the calling thread has less than its reserve of C++ stack left (a quarter of the
/// thread's stack, at most 4 MiB). Checked where the evaluator recurses (frame entry, calls,
/// repr/str, comparisons, hashing, attribute lookup); the VM then raises RecursionError.
bool cStackLow();

/// Thrown (not a Python exception: `except:` cannot catch it) when the program ran past its
/// budget. `message` says where and which budget: "file:line: the program ran past ...".
struct GbcBudgetExceeded {
  std::string message;
};

/// Instructions executed and the limits on them. 0 means unlimited.
struct Budget {
  uint64_t max_instructions = 0;
  double timeout_s = 0;

  uint64_t steps = 0;
  uint64_t next_check = 0;  // steps at which check() runs next
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  /// Arms the budget (call once the limits are set).
  void arm();
  /// Called when steps reached next_check: throws GbcBudgetExceeded when a limit is exceeded;
  /// `where` gives "file:line" of the instruction being executed.
  template <typename Where>
  void check(Where&& where) {
    if (exceeded()) throw GbcBudgetExceeded{where() + ": " + message()};
  }
  /// For loops in native code (no instruction counted): checks the clock now and then.
  void tick() {
    if (++steps >= next_check && exceeded()) throw GbcBudgetExceeded{message()};
  }

 private:
  bool exceeded();
  std::string message() const;
  bool timed_out_ = false;
};

}  // namespace gbc::interp
