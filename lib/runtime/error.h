// Errors of the tensor runtime: values that carry torch's exception type and exact message.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/check.h"

namespace gbc::runtime {

/// The Python exception class torch raises for this error.
enum class ErrorKind { RuntimeError, IndexError, ValueError, TypeError, NotImplementedError };

std::string_view errorKindName(ErrorKind kind);

/// An error exactly as torch reports it: `type(e).__name__` is errorKindName(kind) and
/// `str(e)` is message.
struct TorchError {
  ErrorKind kind = ErrorKind::RuntimeError;
  std::string message;
};

inline TorchError runtimeError(std::string message) {
  return {ErrorKind::RuntimeError, std::move(message)};
}
inline TorchError indexError(std::string message) {
  return {ErrorKind::IndexError, std::move(message)};
}
inline TorchError valueError(std::string message) {
  return {ErrorKind::ValueError, std::move(message)};
}
inline TorchError typeError(std::string message) {
  return {ErrorKind::TypeError, std::move(message)};
}
inline TorchError notImplemented(std::string message) {
  return {ErrorKind::NotImplementedError, std::move(message)};
}

/// A value or a TorchError (gbc::Result's interface, with torch's error type).
template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Expected(TorchError error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& operator*() {
    GBC_CHECK(has_value(), "Expected holds an error");
    return std::get<0>(state_);
  }
  const T& operator*() const {
    GBC_CHECK(has_value(), "Expected holds an error");
    return std::get<0>(state_);
  }
  T* operator->() { return &**this; }
  const T* operator->() const { return &**this; }
  T& value() { return **this; }
  const T& value() const { return **this; }
  const TorchError& error() const {
    GBC_CHECK(!has_value(), "Expected holds a value");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, TorchError> state_;
};

struct Unit {};
using Status = Expected<Unit>;
inline Status ok() { return Unit{}; }

}  // namespace gbc::runtime

/// `GBC_RT_TRY(auto x, expr)`: binds the value of an Expected or returns its error.
#define GBC_RT_CONCAT_(a, b) a##b
#define GBC_RT_CONCAT(a, b) GBC_RT_CONCAT_(a, b)
#define GBC_RT_TRY(decl, expr) GBC_RT_TRY_IMPL_(decl, expr, GBC_RT_CONCAT(gbc_rt_try_, __LINE__))
#define GBC_RT_TRY_IMPL_(decl, expr, tmp) \
  auto tmp = (expr);                      \
  if (!tmp) return tmp.error();           \
  decl = std::move(*tmp)
/// Returns the error of a Status-like expression, if any.
#define GBC_RT_CHECK(expr)                              \
  do {                                                  \
    auto gbc_rt_status_ = (expr);                       \
    if (!gbc_rt_status_) return gbc_rt_status_.error(); \
  } while (0)
