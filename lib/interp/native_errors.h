// Raising the Python exceptions that lib/native's engines report (PyResult / PyError).
#pragma once

#include "interp/vm.h"
#include "native/py_result.h"

namespace gbc::interp {

/// Raises `error` as the Python exception of its kind. StructError raises `struct_error` (the
/// class struct.error), which the _struct module passes.
[[noreturn]] inline void raiseNative(VM& vm, const native::PyError& error,
                                     const ClassPtr& struct_error = nullptr) {
  switch (error.kind) {
    case native::PyErrorKind::ValueError:
      vm.raise(vm.b().value_error, error.message);
    case native::PyErrorKind::OverflowError:
      vm.raise(vm.b().overflow_error, error.message);
    case native::PyErrorKind::ZeroDivisionError:
      vm.raise(vm.b().zero_division_error, error.message);
    case native::PyErrorKind::MemoryError:
      vm.raise(vm.b().by_name["MemoryError"], error.message);
    case native::PyErrorKind::StructError:
      vm.raise(struct_error ? struct_error : vm.b().value_error, error.message);
  }
  vm.raise(vm.b().value_error, error.message);
}

/// The value of `result`, or its exception raised.
template <typename T>
T unwrap(VM& vm, native::PyResult<T> result) {
  if (!result) raiseNative(vm, result.error());
  return std::move(*result);
}

}  // namespace gbc::interp
