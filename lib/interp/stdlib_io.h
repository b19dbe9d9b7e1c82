// The file / os / logging models of stdlib_io.cpp.
#pragma once

#include <string>

#include "interp/vm.h"

namespace gbc::interp {

/// builtins.open (the native _io's), the io, os and os.path stand-ins, logging.
void installStdlibIo(VM& vm);
/// The target's standard-library directory, e.g. "/usr/lib/python3.14".
std::string stdlibPrefix(const TargetProfile& t);
/// A file gbc's torch model writes (torch.save): Vfs::modelWrite of the current VM.
void vfsWrite(const std::string& path, const std::string& data);
/// A bound method of a logging.Logger instance.
bool isLoggerMethodCall(VM& vm, const Value& callable);

}  // namespace gbc::interp
