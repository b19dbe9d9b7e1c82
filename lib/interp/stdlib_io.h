// The file / os / logging models of stdlib_io.cpp.
#pragma once

#include <string>

#include "interp/vm.h"

namespace gbc::interp {

/// open(), io.TextIOWrapper, os, os.path, logging.
void installStdlibIo(VM& vm);
/// The target's standard-library directory, e.g. "/usr/lib/python3.14".
std::string stdlibPrefix(const TargetProfile& t);
/// The in-memory file system of open() / os.path.exists (torch.save writes there too).
void vfsWrite(const std::string& path, const std::string& data);
bool vfsExists(const std::string& path);
/// A bound method of a logging.Logger instance.
bool isLoggerMethodCall(VM& vm, const Value& callable);

}  // namespace gbc::interp
