// The format-specification mini-language as CPython 3.14 implements it
// (Python/formatter_unicode.c): [[fill]align][sign]["z"]["#"]["0"][width][grouping]
// ["." precision [grouping]][type], for str, int and float (gbc has no complex type), widths in
// code points, with CPython's messages. 3.12 knows no grouping of the fraction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "interp/value.h"

namespace gbc::interp {

/// A parsed format spec (InternalFormatSpec).
struct FormatSpec {
  char32_t fill = ' ';
  char align = 0;  ///< '<', '>', '^', '='
  char sign = 0;   ///< '+', '-', ' ' or 0
  bool no_neg_0 = false;
  bool alternate = false;
  int64_t width = -1;
  char thousands = 0;  ///< ',', '_' (or '4': '_' every four digits) or 0
  int64_t precision = -1;
  char frac_thousands = 0;  ///< 3.14: grouping of the fraction's digits
  char32_t type = 0;
};

/// Parses `spec` for an object of type `type_name` (for messages), with the type's default
/// presentation type and alignment.
FormatSpec parseFormatSpec(VM& vm, std::string_view spec, std::string_view type_name,
                           char32_t default_type, char default_align);

/// str.__format__, int.__format__ and float.__format__ of a non-empty spec.
std::string formatStrSpec(VM& vm, const Value& s, std::string_view spec);
std::string formatIntSpec(VM& vm, const Value& i, std::string_view spec);
std::string formatFloatSpec(VM& vm, double d, std::string_view spec);

/// PyOS_double_to_string: `type` one of e E f F g G r ('r': repr, precision ignored), with
/// the '#' (alternate), add-".0"-to-integers and 'z' flags.
std::string doubleToString(double v, char type, int precision, bool alternate, bool add_dot_0,
                           bool no_neg_0);

}  // namespace gbc::interp
