// Invariant checks: a failed check is a bug in gbc, never bad input.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace gbc::detail {
[[noreturn]] inline void checkFailed(const char* file, int line, const char* cond,
                                     const char* why) {
  std::fprintf(stderr, "gbc: internal error at %s:%d: check '%s' failed: %s\n", file, line, cond,
               why);
  std::abort();
}
}  // namespace gbc::detail

/// Aborts with file:line when `cond` is false. For invariants only; input errors use Result.
#define GBC_CHECK(cond, why)                                                 \
  do {                                                                       \
    if (!(cond)) ::gbc::detail::checkFailed(__FILE__, __LINE__, #cond, why); \
  } while (0)

/// Marks a path that cannot be reached (the end of an enum switch).
#define GBC_UNREACHABLE(why) ::gbc::detail::checkFailed(__FILE__, __LINE__, "unreachable", why)
