// Python string formatting: format(value, spec), the builtin types' __format__, str.format and
// str.format_map (Objects/stringlib/unicode_format.h), and printf-style % formatting of str and
// bytes (format_percent.cpp). The format-spec mini-language itself: format_spec.h.
#pragma once

#include <string>

#include "interp/value.h"

namespace gbc::interp {

/// format(v, spec): type(v).__format__(v, spec), which must return a str.
std::string formatValue(VM& vm, const Value& v, const std::string& spec);
/// The builtin type's own __format__ (int, float, str, ...).
std::string formatNative(VM& vm, const Value& v, const std::string& spec);
/// str.format (mapping null) and str.format_map (args unused).
std::string strFormat(VM& vm, const Value& fmt, CallArgs& args, const Value& mapping);
/// fmt % args for a str and for bytes/bytearray (the result has fmt's kind).
Value percentFormatStr(VM& vm, const Value& fmt, const Value& args);
Value percentFormatBytes(VM& vm, const Value& fmt, const Value& args);

}  // namespace gbc::interp
