// Result<T>: a value or an Error, with std::expected's names (not available under -std=c++20
// with g++ 12).
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "base/check.h"

namespace gbc {

/// Why gbc could not do a job; maps to an exit code in app/gbc.
enum class ErrorCode {
  Io,           ///< a file could not be read or written
  Syntax,       ///< the program does not parse
  Encoding,     ///< the program is not UTF-8
  Unsupported,  ///< a construct gbc cannot model or execute
  Usage,        ///< bad flags or arguments
  Internal,     ///< a dependency failed in a way gbc did not expect
};

/// An error message: lower-case, names the thing, no final period.
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& operator*() {
    GBC_CHECK(has_value(), "Result holds an error");
    return std::get<0>(state_);
  }
  const T& operator*() const {
    GBC_CHECK(has_value(), "Result holds an error");
    return std::get<0>(state_);
  }
  T* operator->() { return &**this; }
  const T* operator->() const { return &**this; }
  T& value() { return **this; }
  const Error& error() const {
    GBC_CHECK(!has_value(), "Result holds a value");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

/// Result of an operation with no value.
struct Ok {};
using Status = Result<Ok>;

}  // namespace gbc
