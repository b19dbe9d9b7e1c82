// PyResult<T>: a value, or the Python exception an engine operation raises (type and CPython's
// exact message). The VM turns a PyError into the Python exception object; the engines never
// build VM objects themselves.
#pragma once

#include "base/check.h"

#include <string>
#include <utility>
#include <variant>

namespace gbc::native {

/// The Python exception type an engine raises.
enum class PyErrorKind {
  ValueError,
  OverflowError,
  ZeroDivisionError,
  MemoryError,
  StructError,  ///< struct.error
};

/// A Python exception to raise: its type and CPython's message, verbatim.
struct PyError {
  PyErrorKind kind = PyErrorKind::ValueError;
  std::string message;
};

/// A value or the Python exception that replaces it.
template <typename T>
class [[nodiscard]] PyResult {
 public:
  PyResult(T value) : state_(std::move(value)) {}
  PyResult(PyError error) : state_(std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& operator*() {
    GBC_CHECK(has_value(), "PyResult holds an exception");
    return std::get<0>(state_);
  }
  const T& operator*() const {
    GBC_CHECK(has_value(), "PyResult holds an exception");
    return std::get<0>(state_);
  }
  T* operator->() { return &**this; }
  const T* operator->() const { return &**this; }
  T& value() { return **this; }
  const T& value() const { return **this; }
  const PyError& error() const {
    GBC_CHECK(!has_value(), "PyResult holds a value");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, PyError> state_;
};

}  // namespace gbc::native
