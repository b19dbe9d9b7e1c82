// format(), str.format() and printf-style % formatting (the common format-spec subset).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "interp/format.h"

#include "interp/runtime_compat.h"
#include "interp/torch_model.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

namespace {
struct Spec {
  char fill = ' ';
  char align = 0;
  char sign = '-';
  bool alt = false;
  bool zero = false;
  int width = -1;
  char grouping = 0;
  int precision = -1;
  char type = 0;
};

Spec parseSpec(VM& vm, const std::string& s) {
  Spec sp;
  size_t i = 0;
  auto isAlign = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (s.size() >= 2 && isAlign(s[1])) {
    sp.fill = s[0];
    sp.align = s[1];
    i = 2;
  } else if (!s.empty() && isAlign(s[0])) {
    sp.align = s[0];
    i = 1;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
  if (i < s.size() && s[i] == '#') {
    sp.alt = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    sp.zero = true;
    ++i;
  }
  int w = 0;
  bool hw = false;
  while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) {
    w = w * 10 + (s[i++] - '0');
    hw = true;
  }
  if (hw) sp.width = w;
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) sp.grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    int p = 0;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) p = p * 10 + (s[i++] - '0');
    sp.precision = p;
  }
  if (i < s.size()) sp.type = s[i++];
  if (i != s.size()) vm.raise(vm.b().value_error, "Invalid format specifier '" + s + "'");
  return sp;
}

std::string group(const std::string& digits, char sep) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out += digits[static_cast<size_t>(i)];
    int rem = n - 1 - i;
    if (rem > 0 && rem % 3 == 0) out += sep;
  }
  return out;
}

std::string pad(const std::string& body, const Spec& sp, char default_align, size_t sign_len) {
  if (sp.width < 0 || static_cast<int>(body.size()) >= sp.width) return body;
  size_t n = static_cast<size_t>(sp.width) - body.size();
  char align = sp.align ? sp.align : (sp.zero ? '=' : default_align);
  char fill = sp.align ? sp.fill : (sp.zero ? '0' : sp.fill);
  switch (align) {
    case '<':
      return body + std::string(n, fill);
    case '^':
      return std::string(n / 2, fill) + body + std::string(n - n / 2, fill);
    case '=':
      return body.substr(0, sign_len) + std::string(n, fill) + body.substr(sign_len);
    default:
      return std::string(n, fill) + body;
  }
}

std::string formatFloat(double v, const Spec& sp) {
  char type = sp.type;
  int prec = sp.precision;
  std::string body;
  bool neg = std::signbit(v) && !std::isnan(v);
  double a = std::fabs(v);
  if (std::isinf(a))
    body = (type == 'F' || type == 'E' || type == 'G') ? "INF" : "inf";
  else if (std::isnan(a))
    body = (type == 'F' || type == 'E' || type == 'G') ? "NAN" : "nan";
  else if (type == 0 && prec < 0) {
    body = runtime::formatPythonFloat(a);
  } else {
    char buf[512];
    char t = type == 0 ? 'g' : type;
    if (t == '%') {
      std::snprintf(buf, sizeof buf, "%.*f", prec < 0 ? 6 : prec, a * 100);
      body = std::string(buf) + "%";
    } else if (t == 'n') {
      std::snprintf(buf, sizeof buf, "%.*g", prec < 0 ? 6 : prec, a);
      body = buf;
    } else {
      std::string f = std::string("%") + (sp.alt ? "#" : "") + ".*" + t;
      std::snprintf(buf, sizeof buf, f.c_str(),
                    prec < 0 ? 6 : (prec == 0 && (t == 'g' || t == 'G') ? 1 : prec), a);
      body = buf;
      if (type == 0 && body.find_first_of(".e") == std::string::npos &&
          body.find("inf") == std::string::npos)
        body += ".0";
    }
    if (sp.grouping) {
      size_t dot = body.find_first_of(".e%");
      std::string ip = body.substr(0, dot);
      body = group(ip, sp.grouping) + (dot == std::string::npos ? "" : body.substr(dot));
    }
  }
  std::string sign = neg ? "-" : (sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "");
  return pad(sign + body, sp, '>', sign.size());
}

std::string formatInt(const native::BigInt& v, const Spec& sp) {
  if (sp.type == 'e' || sp.type == 'f' || sp.type == 'g' || sp.type == 'E' || sp.type == 'F' ||
      sp.type == 'G' || sp.type == '%') {
    native::PyResult<double> d = v.toDouble();
    return formatFloat(d ? *d : (v.isNegative() ? -HUGE_VAL : HUGE_VAL), sp);
  }
  bool neg = v.isNegative();
  native::BigInt a = v.abs();
  std::string digits;
  std::string prefix;
  switch (sp.type) {
    case 'x':
    case 'X':
      digits = a.toString(16);
      if (sp.type == 'X')
        for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (sp.alt) prefix = sp.type == 'x' ? "0x" : "0X";
      break;
    case 'o':
      digits = a.toString(8);
      if (sp.alt) prefix = "0o";
      break;
    case 'b':
      digits = a.toString(2);
      if (sp.alt) prefix = "0b";
      break;
    case 'c':
      return pad(std::string(1, static_cast<char>(v.toInt64())), sp, '<', 0);
    default:
      digits = a.toString(10);
  }
  if (sp.grouping) digits = group(digits, sp.grouping);
  std::string sign = neg ? "-" : (sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "");
  return pad(sign + prefix + digits, sp, '>', sign.size() + prefix.size());
}
}  // namespace

std::string formatValue(VM& vm, const Value& v, const std::string& spec) {
  if (Value m = vm.special(v, "__format__")) {
    Value r = vm.callSpecial(m, v, {pyStr(spec)});
    if (r->kind != Kind::Str)
      vm.raise(vm.b().type_error, "__format__ must return a str, not " + vm.typeOf(r)->name);
    return asStr(r);
  }
  if (v->kind == Kind::Instance) {  // object.__format__
    if (!spec.empty())
      vm.raise(vm.b().type_error,
               "unsupported format string passed to " + vm.typeOf(v)->name + ".__format__");
    return vm.str(v);
  }
  return formatNative(vm, v, spec);
}

std::string formatNative(VM& vm, const Value& v, const std::string& spec) {
  if (v->kind == Kind::Tensor) return tensorFormat(vm, v, spec);
  if (spec.empty()) return vm.str(v);
  Spec sp = parseSpec(vm, spec);
  if (v->kind == Kind::Bool && sp.type == 0) return pad(vm.str(v), sp, '<', 0);
  if (v->kind == Kind::Int || v->kind == Kind::Bool) return formatInt(toBigInt(v), sp);
  if (v->kind == Kind::Float) return formatFloat(as<FloatObject>(v).v, sp);
  std::string s = vm.str(v);
  if (sp.precision >= 0 && static_cast<int>(s.size()) > sp.precision)
    s = s.substr(0, static_cast<size_t>(sp.precision));
  return pad(s, sp, '<', 0);
}

std::string strFormat(VM& vm, const std::string& fmt, CallArgs& args) {
  std::string out;
  size_t auto_index = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c == '}' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
      out += '}';
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    size_t close = fmt.find('}', i);
    if (close == std::string::npos)
      vm.raise(vm.b().value_error, "Single '{' encountered in format string");
    std::string field = fmt.substr(i + 1, close - i - 1);
    i = close;
    std::string spec;
    char conv = 0;
    if (size_t colon = field.find(':'); colon != std::string::npos) {
      spec = field.substr(colon + 1);
      field = field.substr(0, colon);
    }
    if (size_t bang = field.find('!'); bang != std::string::npos) {
      conv = field[bang + 1];
      field = field.substr(0, bang);
    }
    // field name: index or name, then .attr / [key] chains
    size_t end = field.find_first_of(".[");
    std::string head = field.substr(0, end);
    Value v;
    if (head.empty()) {
      if (auto_index >= args.args.size())
        vm.raise(vm.b().index_error, "Replacement index " + std::to_string(auto_index) +
                                         " out of range for positional args tuple");
      v = args.args[auto_index++];
    } else if (isdigit(static_cast<unsigned char>(head[0]))) {
      size_t k = std::stoul(head);
      if (k >= args.args.size())
        vm.raise(vm.b().index_error,
                 "Replacement index " + head + " out of range for positional args tuple");
      v = args.args[k];
    } else {
      v = args.kw(head);
      if (!v) vm.raiseKeyError(pyStr(head));
    }
    while (end != std::string::npos && end < field.size()) {
      if (field[end] == '.') {
        size_t nx = field.find_first_of(".[", end + 1);
        v = vm.getAttr(
            v, field.substr(end + 1, nx == std::string::npos ? std::string::npos : nx - end - 1));
        end = nx;
      } else {
        size_t cb = field.find(']', end);
        std::string key = field.substr(end + 1, cb - end - 1);
        bool num = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) {
          return isdigit(static_cast<unsigned char>(ch));
        });
        v = vm.getItem(v, num ? pyInt(std::stoll(key)) : pyStr(key));
        end = cb + 1 < field.size() ? cb + 1 : std::string::npos;
      }
    }
    if (conv == 'r' || conv == 'a')
      v = pyStr(vm.repr(v));
    else if (conv == 's')
      v = pyStr(vm.str(v));
    out += formatValue(vm, v, spec);
  }
  return out;
}

std::string percentFormat(VM& vm, const std::string& fmt, const Value& argsv) {
  std::vector<Value> args =
      argsv->kind == Kind::Tuple ? as<TupleObject>(argsv).items : std::vector<Value>{argsv};
  std::string out;
  size_t ai = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') {
      out += fmt[i];
      continue;
    }
    ++i;
    if (i < fmt.size() && fmt[i] == '%') {
      out += '%';
      continue;
    }
    Value mapped;
    if (i < fmt.size() && fmt[i] == '(') {
      size_t close = fmt.find(')', i);
      mapped = vm.getItem(argsv, pyStr(fmt.substr(i + 1, close - i - 1)));
      i = close + 1;
    }
    std::string flags;
    while (i < fmt.size() && strchr("-+ #0", fmt[i])) flags += fmt[i++];
    std::string width, prec;
    while (i < fmt.size() && isdigit(static_cast<unsigned char>(fmt[i]))) width += fmt[i++];
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      prec = "";
      while (i < fmt.size() && isdigit(static_cast<unsigned char>(fmt[i]))) prec += fmt[i++];
      if (prec.empty()) prec = "0";
    }
    char t = i < fmt.size() ? fmt[i] : 's';
    Value v = mapped ? mapped : (ai < args.size() ? args[ai++] : nullptr);
    if (!v) vm.raise(vm.b().type_error, "not enough arguments for format string");
    std::string spec;
    if (flags.find('-') != std::string::npos)
      spec += '<';
    else if (t == 's' || t == 'r')
      spec += '>';
    if (flags.find('+') != std::string::npos) spec += '+';
    if (flags.find('0') != std::string::npos && flags.find('-') == std::string::npos && t != 's' &&
        t != 'r')
      spec += '0';
    spec += width;
    if (t == 's' || t == 'r' || t == 'a') {
      std::string s = t == 's' ? vm.str(v) : vm.repr(v);
      out += formatValue(vm, pyStr(s), spec + (prec.empty() ? "" : "." + prec));
      continue;
    }
    if (!prec.empty()) spec += "." + prec;
    if (t == 'd' || t == 'i' || t == 'u') {
      Value iv = v->kind == Kind::Float ? pyInt(static_cast<int64_t>(as<FloatObject>(v).v)) : v;
      if (v->kind == Kind::Tensor) iv = tensorToPyNumber(vm, v, true);
      out += formatValue(vm, iv, spec + "d");
      continue;
    }
    Value fv = v;
    if (v->kind == Kind::Tensor) fv = tensorToPyNumber(vm, v, false);
    if (isInt(fv) && (t == 'f' || t == 'e' || t == 'g' || t == 'F' || t == 'E' || t == 'G'))
      fv = pyFloat(static_cast<double>(asInt(fv)));
    out += formatValue(vm, fv, spec + t);
  }
  if (ai < args.size() && argsv->kind == Kind::Tuple)
    vm.raise(vm.b().type_error, "not all arguments converted during string formatting");
  return out;
}

}  // namespace gbc::interp
