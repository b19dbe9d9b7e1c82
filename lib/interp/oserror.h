// OSError as CPython has it (Objects/exceptions.c): the constructor that picks the subclass
// from the errno (OSError(2, ...) is a FileNotFoundError), the errno / strerror / filename /
// filename2 / characters_written attributes, str() "[Errno 2] No such file or directory: 'x'",
// __reduce__; and raising the error a failed system call gives (PyErr_SetFromErrno...).
#pragma once

#include "interp/vm.h"

namespace gbc::interp {

/// Gives OSError its constructor, attributes, __str__ and __reduce__ (called once the builtin
/// exception classes exist).
void installOSError(VM& vm);

/// The OSError subclass CPython raises for `errnum` (OSError when none is specific).
ClassPtr osErrorClass(VM& vm, int errnum);

/// The exception a failed call gives for `errnum` (strerror's text; `filename` and `filename2`
/// may be null), as PyErr_SetFromErrnoWithFilenameObjects makes it.
Value makeOSError(VM& vm, int errnum, const Value& filename = nullptr,
                  const Value& filename2 = nullptr);
[[noreturn]] void raiseOSError(VM& vm, int errnum, const Value& filename = nullptr,
                               const Value& filename2 = nullptr);

}  // namespace gbc::interp
