// The format-specification mini-language (format_spec.h), after CPython 3.14's
// Python/formatter_unicode.c: parsing with its messages, padding and alignment in code points,
// and numbers laid out as calc_number_widths/fill_number do (sign, prefix, zero padding that
// takes part in digit grouping, remainder).
#include "interp/format_spec.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "interp/runtime_compat.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"
#include "native/bigint.h"
#include "native/unicode/unicode.h"
#include "runtime/printing.h"

namespace gbc::interp {

namespace {

bool isAlignment(char32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

/// get_integer: a run of decimal digits (any script's); -1 when there is none.
int64_t parseInteger(VM& vm, const std::u32string& s, size_t& pos) {
  int64_t acc = -1;
  for (; pos < s.size(); ++pos) {
    int d = native::unicode::decimalValue(s[pos]);
    if (d < 0) break;
    if (acc < 0) acc = 0;
    if (acc > (std::numeric_limits<int64_t>::max() - d) / 10)
      vm.raise(vm.b().value_error, "Too many decimal digits in format string");
    acc = acc * 10 + d;
  }
  return acc;
}

std::string charName(char32_t c) {
  if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(c));
  return buf;
}

[[noreturn]] void invalidSeparator(VM& vm, char sep, char32_t type) {
  std::string s = sep == '4' ? "_" : std::string(1, sep);
  vm.raise(vm.b().value_error, "Cannot specify '" + s + "' with '" + charName(type) + "'.");
}

[[noreturn]] void unknownType(VM& vm, char32_t type, std::string_view type_name) {
  vm.raise(vm.b().value_error, "Unknown format code '" + charName(type) + "' for object of type '" +
                                   std::string(type_name) + "'");
}

/// _PyUnicode_InsertThousandsGrouping: `digits` in groups of `group` (0: no grouping) joined
/// by `sep`, padded with zeros to `min_width` characters (the zeros grouped too).
std::string groupDigits(std::string_view digits, int64_t min_width, int group, char sep) {
  std::vector<std::string> parts;  // right to left
  int64_t remaining = static_cast<int64_t>(digits.size());
  int64_t sep_len = group > 0 ? 1 : 0;
  auto take = [&](int64_t l) {
    int64_t zeros = std::max<int64_t>(0, l - remaining);
    int64_t chars = std::max<int64_t>(0, std::min(remaining, l));
    std::string part(static_cast<size_t>(zeros), '0');
    part.append(digits.substr(static_cast<size_t>(remaining - chars), static_cast<size_t>(chars)));
    parts.push_back(std::move(part));
    remaining -= chars;
  };
  bool done = false;
  if (group > 0) {
    for (;;) {
      int64_t l = std::min<int64_t>(group, std::max<int64_t>(std::max(remaining, min_width), 1));
      take(l);
      min_width -= l;
      if (remaining <= 0 && min_width <= 0) {
        done = true;
        break;
      }
      min_width -= sep_len;
    }
  }
  if (!done) take(std::max<int64_t>(std::max(remaining, min_width), 1));
  std::string out;
  for (size_t i = parts.size(); i-- > 0;) {
    out += parts[i];
    if (i > 0 && sep_len) out += sep;
  }
  return out;
}

/// Appends `n` fill characters.
void appendFill(std::string& out, char32_t fill, int64_t n) {
  std::string f;
  appendCodePoint(f, fill);
  for (int64_t i = 0; i < n; ++i) out += f;
}

/// calc_number_widths + fill_number. `remainder` follows the digits (decimal point, fraction,
/// exponent, '%'; or the character of 'c'), counted in code points.
std::string renderNumber(const FormatSpec& f, bool negative, std::string prefix, std::string digits,
                         std::string_view remainder, bool upper) {
  char sign = 0;
  if (f.sign == '+')
    sign = negative ? '-' : '+';
  else if (f.sign == ' ')
    sign = negative ? '-' : ' ';
  else if (negative)
    sign = '-';
  int group = f.thousands == '4' ? 4 : f.thousands ? 3 : 0;
  char sep = f.thousands == '4' ? '_' : f.thousands;
  int64_t nondigit = (sign ? 1 : 0) + static_cast<int64_t>(prefix.size()) +
                     static_cast<int64_t>(countCodePoints(remainder));
  int64_t min_width = f.fill == '0' && f.align == '=' ? f.width - nondigit : 0;
  std::string grouped = digits.empty() ? "" : groupDigits(digits, min_width, group, sep);
  int64_t padding = f.width - (nondigit + static_cast<int64_t>(grouped.size()));
  int64_t lpad = 0, spad = 0, rpad = 0;
  if (padding > 0) {
    switch (f.align) {
      case '<':
        rpad = padding;
        break;
      case '^':
        lpad = padding / 2;
        rpad = padding - lpad;
        break;
      case '=':
        spad = padding;
        break;
      default:
        lpad = padding;
    }
  }
  if (upper) {
    for (char& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (char& c : grouped) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string out;
  appendFill(out, f.fill, lpad);
  if (sign) out += sign;
  out += prefix;
  appendFill(out, f.fill, spad);
  out += grouped;
  out += remainder;
  appendFill(out, f.fill, rpad);
  return out;
}

/// Inserts `sep` every three digits of the fraction's leading digit run (3.14).
std::string groupFraction(std::string_view remainder, char sep) {
  if (!sep || remainder.empty() || remainder[0] != '.') return std::string(remainder);
  size_t end = 1;
  while (end < remainder.size() && std::isdigit(static_cast<unsigned char>(remainder[end]))) ++end;
  std::string out = ".";
  for (size_t i = 1; i < end; ++i) {
    if (i > 1 && (i - 1) % 3 == 0) out += sep;
    out += remainder[i];
  }
  out.append(remainder.substr(end));
  return out;
}

}  // namespace

FormatSpec parseFormatSpec(VM& vm, std::string_view specv, std::string_view type_name,
                           char32_t default_type, char default_align) {
  std::u32string s = toCodePoints(specv);
  FormatSpec f;
  f.align = default_align;
  f.type = default_type;
  size_t pos = 0, end = s.size();
  bool fill_given = false, align_given = false;
  if (end - pos >= 2 && isAlignment(s[pos + 1])) {
    f.align = static_cast<char>(s[pos + 1]);
    f.fill = s[pos];
    fill_given = align_given = true;
    pos += 2;
  } else if (end - pos >= 1 && isAlignment(s[pos])) {
    f.align = static_cast<char>(s[pos]);
    align_given = true;
    ++pos;
  }
  if (pos < end && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' '))
    f.sign = static_cast<char>(s[pos++]);
  if (pos < end && s[pos] == 'z') {
    f.no_neg_0 = true;
    ++pos;
  }
  if (pos < end && s[pos] == '#') {
    f.alternate = true;
    ++pos;
  }
  if (!fill_given && pos < end && s[pos] == '0') {
    f.fill = '0';
    if (!align_given && default_align == '>') f.align = '=';
    ++pos;
  }
  f.width = parseInteger(vm, s, pos);
  auto both = [&] { vm.raise(vm.b().value_error, "Cannot specify both ',' and '_'."); };
  if (pos < end && s[pos] == ',') {
    f.thousands = ',';
    ++pos;
  }
  if (pos < end && s[pos] == '_') {
    if (f.thousands) both();
    f.thousands = '_';
    ++pos;
  }
  if (pos < end && s[pos] == ',' && f.thousands == '_') both();
  bool frac_grouping = !py312(vm);
  if (pos < end && s[pos] == '.') {
    ++pos;
    f.precision = parseInteger(vm, s, pos);
    if (frac_grouping) {
      if (pos < end && s[pos] == ',') {
        f.frac_thousands = ',';
        ++pos;
      }
      if (pos < end && s[pos] == '_') {
        if (f.frac_thousands) both();
        f.frac_thousands = '_';
        ++pos;
      }
      if (pos < end && s[pos] == ',' && f.frac_thousands == '_') both();
    }
    if (f.precision < 0 && !f.frac_thousands)
      vm.raise(vm.b().value_error, "Format specifier missing precision");
  }
  if (end - pos > 1)
    vm.raise(vm.b().value_error, "Invalid format specifier '" + std::string(specv) +
                                     "' for object of type '" + std::string(type_name) + "'");
  if (end - pos == 1) f.type = s[pos];
  if (f.thousands) {
    switch (f.type) {
      case 'd':
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'G':
      case '%':
      case 'F':
      case 0:
        break;
      case 'b':
      case 'o':
      case 'x':
      case 'X':
        if (f.thousands == '_') {
          f.thousands = '4';
          break;
        }
        invalidSeparator(vm, f.thousands, f.type);
      default:
        invalidSeparator(vm, f.thousands, f.type);
    }
  }
  if (f.frac_thousands) {
    switch (f.type) {
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'G':
      case '%':
      case 'F':
      case 0:
        break;
      default:
        invalidSeparator(vm, f.frac_thousands, f.type);
    }
  }
  return f;
}

std::string formatStrSpec(VM& vm, const Value& s, std::string_view spec) {
  FormatSpec f = parseFormatSpec(vm, spec, vm.typeOf(s)->name, 's', '<');
  if (f.type != 's') unknownType(vm, f.type, vm.typeOf(s)->name);
  auto& ve = vm.b().value_error;
  if (f.sign == ' ') vm.raise(ve, "Space not allowed in string format specifier");
  if (f.sign) vm.raise(ve, "Sign not allowed in string format specifier");
  if (f.no_neg_0) vm.raise(ve, "Negative zero coercion (z) not allowed in string format specifier");
  if (f.alternate) vm.raise(ve, "Alternate form (#) not allowed in string format specifier");
  if (f.align == '=') vm.raise(ve, "'=' alignment not allowed in string format specifier");
  const auto& str = as<StrObject>(s);
  int64_t len = static_cast<int64_t>(strLength(str));
  if (f.precision >= 0 && len > f.precision) len = f.precision;
  std::string_view body = strSlice(str, 0, static_cast<size_t>(len));
  int64_t total = std::max(f.width, len);
  int64_t lpad = f.align == '>' ? total - len : f.align == '^' ? (total - len) / 2 : 0;
  std::string out;
  appendFill(out, f.fill, lpad);
  out += body;
  appendFill(out, f.fill, total - len - lpad);
  return out;
}

std::string formatIntSpec(VM& vm, const Value& iv, std::string_view spec) {
  std::string type_name = vm.typeOf(iv)->name;
  FormatSpec f = parseFormatSpec(vm, spec, type_name, 'd', '>');
  switch (f.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%':
      return formatFloatSpec(vm, asFloat(iv), spec);
    default:
      unknownType(vm, f.type, type_name);
  }
  auto& ve = vm.b().value_error;
  if (f.precision != -1) vm.raise(ve, "Precision not allowed in integer format specifier");
  if (f.no_neg_0)
    vm.raise(ve, "Negative zero coercion (z) not allowed in integer format specifier");
  native::BigInt v = toBigInt(iv);
  if (f.type == 'c') {
    if (f.sign) vm.raise(ve, "Sign not allowed with integer format specifier 'c'");
    if (f.alternate)
      vm.raise(ve, "Alternate form (#) not allowed with integer format specifier 'c'");
    if (!v.fitsInt64())
      vm.raise(vm.b().overflow_error, "Python int too large to convert to C long");
    int64_t x = v.toInt64();
    if (x < 0 || x > 0x10FFFF) vm.raise(vm.b().overflow_error, "%c arg not in range(0x110000)");
    std::string ch;
    appendCodePoint(ch, static_cast<char32_t>(x));
    return renderNumber(f, false, "", "", ch, false);
  }
  int base = 10;
  std::string prefix;
  switch (f.type) {
    case 'b':
      base = 2;
      prefix = "0b";
      break;
    case 'o':
      base = 8;
      prefix = "0o";
      break;
    case 'x':
    case 'X':
      base = 16;
      prefix = "0x";
      break;
    default:
      break;
  }
  if (!f.alternate) prefix.clear();
  std::string digits;
  if (base == 10) {
    native::PyResult<std::string> text = v.abs().toDecimalString(vm.int_max_str_digits);
    if (!text) vm.raise(ve, text.error().message);
    digits = *text;
  } else {
    digits = v.abs().toString(base);
  }
  return renderNumber(f, v.isNegative(), prefix, digits, "", f.type == 'X');
}

std::string doubleToString(double v, char type, int precision, bool alternate, bool add_dot_0,
                           bool no_neg_0) {
  bool upper = type == 'E' || type == 'F' || type == 'G';
  if (std::isnan(v)) return upper ? "NAN" : "nan";
  if (std::isinf(v)) return std::string(v < 0 ? "-" : "") + (upper ? "INF" : "inf");
  std::string out;
  if (type == 'r') {
    out = runtime::formatPythonFloat(v);
  } else if ((type == 'g' || type == 'G') && add_dot_0 && !alternate) {
    // no presentation type with a precision: 'g', but switching to exponent notation one digit
    // earlier (CPython's format_float_short with add_dot_0_if_integer)
    if (precision == 0) precision = 1;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, v);
    int exp10 = std::atoi(std::strchr(buf, 'e') + 1);
    auto strip = [](std::string s) {
      size_t e = s.find_first_of("eE");
      std::string mant = s.substr(0, e), rest = e == std::string::npos ? "" : s.substr(e);
      if (mant.find('.') != std::string::npos) {
        while (!mant.empty() && mant.back() == '0') mant.pop_back();
        if (!mant.empty() && mant.back() == '.') mant.pop_back();
      }
      return mant + rest;
    };
    if (exp10 < -4 || exp10 >= precision - 1) {
      out = strip(buf);
      if (type == 'G')
        for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      std::string fixed(512 + static_cast<size_t>(std::max(0, precision)), '\0');
      int n =
          std::snprintf(fixed.data(), fixed.size(), "%.*f", std::max(0, precision - 1 - exp10), v);
      fixed.resize(static_cast<size_t>(n));
      out = strip(fixed);
      if (out.find('.') == std::string::npos) out += ".0";
    }
  } else {
    if ((type == 'g' || type == 'G') && precision == 0) precision = 1;
    std::string fmt = std::string("%") + (alternate ? "#" : "") + ".*" + type;
    int n = std::snprintf(nullptr, 0, fmt.c_str(), precision, v);
    out.resize(static_cast<size_t>(n) + 1);
    std::snprintf(out.data(), out.size(), fmt.c_str(), precision, v);
    out.resize(static_cast<size_t>(n));
    if (add_dot_0 && out.find_first_of(".eE") == std::string::npos) out += ".0";
  }
  if (no_neg_0 && !out.empty() && out[0] == '-') {
    bool zero = true;
    for (char c : out) {
      if (c == 'e' || c == 'E') break;
      if (c >= '1' && c <= '9') zero = false;
    }
    if (zero) out.erase(0, 1);
  }
  return out;
}

std::string formatFloatSpec(VM& vm, double val, std::string_view spec) {
  FormatSpec f = parseFormatSpec(vm, spec, "float", 0, '>');
  switch (f.type) {
    case 0:
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
      break;
    default:
      unknownType(vm, f.type, "float");
  }
  if (f.precision > std::numeric_limits<int>::max())
    vm.raise(vm.b().value_error, "precision too big");
  char type = static_cast<char>(f.type);
  int default_precision = 6;
  bool add_dot_0 = false;
  if (type == 0) {
    add_dot_0 = true;
    type = 'r';
    default_precision = 0;
  }
  if (type == 'n') type = 'g';
  bool pct = false;
  if (type == '%') {
    type = 'f';
    val *= 100;
    pct = true;
  }
  int precision = static_cast<int>(f.precision);
  if (precision < 0)
    precision = default_precision;
  else if (type == 'r')
    type = 'g';
  std::string buf = doubleToString(val, type, precision, f.alternate, add_dot_0, f.no_neg_0);
  if (pct) buf += '%';
  bool negative = !buf.empty() && buf[0] == '-';
  std::string_view body(buf);
  if (negative) body.remove_prefix(1);
  size_t digits_end = 0;
  while (digits_end < body.size() && std::isdigit(static_cast<unsigned char>(body[digits_end])))
    ++digits_end;
  std::string remainder = groupFraction(body.substr(digits_end), f.frac_thousands);
  return renderNumber(f, negative, "", std::string(body.substr(0, digits_end)), remainder, false);
}

}  // namespace gbc::interp
