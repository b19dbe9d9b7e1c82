// What _sre's operations return: a value, or the Python exception CPython would raise, named by
// kind with its exact message, for the VM to raise.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/check.h"

namespace gbc::native::sre {

/// Why an operation failed, and so which exception the VM raises.
enum class ErrorKind {
  InvalidCode,      ///< RuntimeError "invalid SRE code" (_sre.compile)
  Internal,         ///< RuntimeError "internal error in regular expression engine"
  Memory,           ///< MemoryError (the backtracking stacks grew past their limit)
  Interrupted,      ///< the interrupt hook stopped the match: raise what the VM has pending
  WrongSpan,        ///< SystemError "The span of capturing group is wrong, ..."
  TypeMismatch,     ///< TypeError "cannot use a string pattern on a bytes-like object", ...
  InvalidTemplate,  ///< TypeError "invalid template" (_sre.template)
  NoSuchGroup,      ///< IndexError "no such group" (template expansion)
  Aborted,          ///< a SubSink/TemplateSink callback failed: its exception is pending
};

struct SreError {
  ErrorKind kind = ErrorKind::Internal;
  std::string message;  ///< the exception's message, as CPython words it ("" when pending)

  /// The exception's class name: "RuntimeError", "MemoryError", ...; "" when the exception is
  /// already pending (Interrupted, Aborted).
  std::string_view pythonType() const;
};

/// A value or an SreError.
template <typename T>
class [[nodiscard]] Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}
  Outcome(SreError error) : state_(std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& operator*() {
    GBC_CHECK(has_value(), "Outcome holds an error");
    return std::get<0>(state_);
  }
  const T& operator*() const {
    GBC_CHECK(has_value(), "Outcome holds an error");
    return std::get<0>(state_);
  }
  T* operator->() { return &**this; }
  const T* operator->() const { return &**this; }
  const SreError& error() const {
    GBC_CHECK(!has_value(), "Outcome holds a value");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, SreError> state_;
};

/// The value of an operation that has none.
struct Done {};

}  // namespace gbc::native::sre
