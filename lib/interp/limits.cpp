// The C++ stack guard and the instruction/time budget.
#include "interp/limits.h"

#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace gbc::interp {

namespace {

/// Lowest address the calling thread's stack may grow to before cStackLow() says so.
uintptr_t computeStackFloor() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  void* addr = nullptr;
  size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0 || addr == nullptr || size == 0) return 0;
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer frames are several times larger: keep half of the stack in reserve
  size_t reserve = size / 2;
#else
  size_t reserve = std::min<size_t>(size / 4, size_t{4} << 20);
#endif
  return reinterpret_cast<uintptr_t>(addr) + reserve;
}

}  // namespace

bool cStackLow() {
  thread_local uintptr_t floor = computeStackFloor();
  char probe;
  // The stack grows down on every platform gbc builds for (x86-64, aarch64).
  return reinterpret_cast<uintptr_t>(&probe) < floor;
}

uint64_t residentBytes() {
  // "size resident shared text lib data dt", in pages
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long long size = 0, resident = 0;
  int got = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  if (got != 2) return 0;
  return resident * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
}

void Budget::arm() {
  start = std::chrono::steady_clock::now();
  steps = 0;
  next_check = max_instructions ? max_instructions : UINT64_MAX;
  if (timeout_s > 0 || max_memory_mb > 0 || cancel)
    next_check = std::min<uint64_t>(next_check, 1 << 16);
}

bool Budget::exceeded() {
  if (max_instructions && steps >= max_instructions) {
    which_ = Which::Instructions;
    return true;
  }
  if (timeout_s > 0) {
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed >= timeout_s) {
      which_ = Which::Time;
      return true;
    }
  }
  if (cancel && cancel->load(std::memory_order_relaxed)) {
    which_ = Which::Cancelled;
    return true;
  }
  if (max_memory_mb > 0 && residentBytes() > (max_memory_mb << 20)) {
    which_ = Which::Memory;
    return true;
  }
  uint64_t next = timeout_s > 0 || max_memory_mb > 0 || cancel ? steps + (1 << 16) : UINT64_MAX;
  if (max_instructions) next = std::min(next, max_instructions);
  next_check = next;
  return false;
}

std::string Budget::message() const {
  char text[160];
  if (which_ == Which::Time)
    std::snprintf(text, sizeof text,
                  "the program ran longer than the time limit of %g s (--timeout)", timeout_s);
  else if (which_ == Which::Cancelled)
    std::snprintf(text, sizeof text, "the analysis was cancelled");
  else if (which_ == Which::Memory)
    std::snprintf(text, sizeof text,
                  "the program used more than the memory limit of %llu MiB (--max-memory)",
                  static_cast<unsigned long long>(max_memory_mb));
  else
    std::snprintf(text, sizeof text,
                  "the program ran past its budget of %llu instructions (--max-instructions)",
                  static_cast<unsigned long long>(max_instructions));
  return text;
}

}  // namespace gbc::interp
