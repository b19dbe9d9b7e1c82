// Python string formatting: format(value, spec), str.format, and the % operator.
#pragma once

#include <string>

#include "interp/value.h"

namespace gbc::interp {
/// format(v, spec): type(v).__format__.
std::string formatValue(VM& vm, const Value& v, const std::string& spec);
/// The builtin type's own __format__ (int, float, str, ...).
std::string formatNative(VM& vm, const Value& v, const std::string& spec);
std::string strFormat(VM& vm, const std::string& fmt, CallArgs& args);
std::string percentFormat(VM& vm, const std::string& fmt, const Value& args);
}  // namespace gbc::interp
