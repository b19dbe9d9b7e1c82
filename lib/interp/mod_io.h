// The _io module (mod_io.cpp): what other parts of gbc need of it.
#pragma once

#include "interp/vm.h"

namespace gbc::interp {

/// Builds the _io module (the native-module factory).
Value makeIoModule(VM& vm);

/// _io.open, for builtins.open (null when _io cannot be built).
Value ioOpenFunction(VM& vm);

/// A standard stream as CPython's sys makes it: a TextIOWrapper (encoding 'utf-8', errors
/// 'strict', or 'backslashreplace' for fd 2; mode 'w' / 'r') over a BufferedWriter (fd 0: a
/// BufferedReader) over FileIO(fd, closefd=False). Writes to fd 1 reach VM::out (what print
/// shows), to fd 2 the program's stderr, both at every write; reads of fd 0 see an empty stdin
/// under analysis. sys.stdout = makeStdStream(vm, 1), sys.stderr = makeStdStream(vm, 2),
/// sys.stdin = makeStdStream(vm, 0).
Value makeStdStream(VM& vm, int fd);

}  // namespace gbc::interp
