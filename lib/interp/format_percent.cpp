// printf-style formatting: str % args (PyUnicode_Format) and bytes/bytearray % args
// (_PyBytes_FormatEx), one parser for both, with CPython's argument consumption order, padding
// rules and messages.
#include <limits>

#include "interp/bytes_ops.h"
#include "interp/format.h"
#include "interp/format_spec.h"
#include "interp/slicing.h"
#include "interp/str_ops.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

namespace {

enum Flag { kLjust = 1, kSign = 2, kBlank = 4, kAlt = 8, kZero = 16 };

struct Arg {
  char32_t ch = 0;
  int flags = 0;
  int64_t width = -1;
  int64_t prec = -1;
  bool sign = false;  ///< a number: sign and '0' padding apply
};

/// Whether `args` serves as the mapping of %(key)s (PyMapping_Check minus the excluded types).
bool isMapping(VM& vm, const Value& args, bool bytes) {
  switch (args->kind) {
    case Kind::Tuple:
    case Kind::Str:
      return false;
    case Kind::Bytes:
    case Kind::ByteArray:
      return !bytes;
    case Kind::Dict:
    case Kind::List:
    case Kind::Range:
      return true;
    case Kind::Instance:
    case Kind::Tensor:
      return vm.typeOf(args)->lookup("__getitem__") != nullptr;
    default:
      return args->sub && vm.typeOf(args)->lookup("__getitem__") != nullptr;
  }
}

class PercentFormatter {
 public:
  PercentFormatter(VM& vm, std::string_view fmt, const Value& args, bool bytes)
      : vm_(vm), bytes_(bytes), args_(args) {
    fmt_ = bytes ? std::u32string(fmt.begin(), fmt.end()) : toCodePoints(fmt);
    for (auto& c : fmt_)
      if (bytes) c &= 0xFF;
    if (args->kind == Kind::Tuple) {
      arglen_ = static_cast<int64_t>(as<TupleObject>(args).items.size());
      argidx_ = 0;
    }
    if (isMapping(vm, args, bytes)) dict_ = args;
  }

  std::string run() {
    size_t n = fmt_.size();
    while (pos_ < n) {
      if (fmt_[pos_] != '%') {
        size_t start = pos_;
        while (pos_ < n && fmt_[pos_] != '%') ++pos_;
        appendChars(start, pos_);
        continue;
      }
      ++pos_;
      if (pos_ < n && fmt_[pos_] == '%') {
        out_ += '%';
        ++pos_;
        continue;
      }
      Arg arg;
      parse(arg);
      std::string text;
      if (!format(arg, text)) output(arg, text);
    }
    if (argidx_ < arglen_ && !dict_)
      vm_.raise(vm_.b().type_error, std::string("not all arguments converted during ") +
                                        (bytes_ ? "bytes" : "string") + " formatting");
    return out_;
  }

 private:
  void appendChars(size_t start, size_t end) {
    for (size_t i = start; i < end; ++i) {
      if (bytes_)
        out_ += static_cast<char>(fmt_[i]);
      else
        appendCodePoint(out_, fmt_[i]);
    }
  }

  Value nextArg() {
    if (argidx_ < arglen_) {
      int64_t i = argidx_++;
      if (arglen_ < 0) return args_;
      return as<TupleObject>(args_).items[static_cast<size_t>(i)];
    }
    vm_.raise(vm_.b().type_error, "not enough arguments for format string");
  }

  /// Reads the next format character into arg.ch; false at the end.
  bool read(Arg& arg) {
    if (pos_ >= fmt_.size()) return false;
    arg.ch = fmt_[pos_++];
    return true;
  }

  void incomplete() { vm_.raise(vm_.b().value_error, "incomplete format"); }

  void parse(Arg& arg) {
    size_t n = fmt_.size();
    if (pos_ < n && fmt_[pos_] == '(') {
      if (!dict_) vm_.raise(vm_.b().type_error, "format requires a mapping");
      ++pos_;
      size_t keystart = pos_;
      int depth = 1;
      while (depth > 0 && pos_ < n) {
        char32_t c = fmt_[pos_++];
        if (c == ')')
          --depth;
        else if (c == '(')
          ++depth;
      }
      if (depth > 0) vm_.raise(vm_.b().value_error, "incomplete format key");
      std::u32string_view key(fmt_.data() + keystart, pos_ - 1 - keystart);
      Value k;
      if (bytes_) {
        std::string raw;
        for (char32_t c : key) raw += static_cast<char>(c);
        k = pyBytes(std::move(raw));
      } else {
        k = pyStrFromCodePoints(key);
      }
      args_ = vm_.getItem(dict_, k);
      arglen_ = -1;
      argidx_ = -2;
    }
    bool more = false;
    while ((more = read(arg))) {
      switch (arg.ch) {
        case '-':
          arg.flags |= kLjust;
          continue;
        case '+':
          arg.flags |= kSign;
          continue;
        case ' ':
          arg.flags |= kBlank;
          continue;
        case '#':
          arg.flags |= kAlt;
          continue;
        case '0':
          arg.flags |= kZero;
          continue;
        default:
          break;
      }
      break;
    }
    if (!more) incomplete();
    if (arg.ch == '*') {
      Value v = nextArg();
      if (!isInt(v)) vm_.raise(vm_.b().type_error, "* wants int");
      arg.width = ssizeArg(vm_, v);
      if (arg.width < 0) {
        arg.flags |= kLjust;
        arg.width = -arg.width;
      }
      if (!read(arg)) incomplete();
    } else if (arg.ch >= '0' && arg.ch <= '9') {
      arg.width = arg.ch - '0';
      for (;;) {
        if (!read(arg)) incomplete();
        if (arg.ch < '0' || arg.ch > '9') break;
        int d = static_cast<int>(arg.ch - '0');
        if (arg.width > (std::numeric_limits<int64_t>::max() - d) / 10)
          vm_.raise(vm_.b().value_error, "width too big");
        arg.width = arg.width * 10 + d;
      }
    }
    if (arg.ch == '.') {
      arg.prec = 0;
      if (!read(arg)) incomplete();
      if (arg.ch == '*') {
        Value v = nextArg();
        if (!isInt(v)) vm_.raise(vm_.b().type_error, "* wants int");
        arg.prec = intArgOf(vm_, v);
        if (arg.prec < 0) arg.prec = 0;
        if (!read(arg)) incomplete();
      } else if (arg.ch >= '0' && arg.ch <= '9') {
        arg.prec = arg.ch - '0';
        for (;;) {
          if (!read(arg)) incomplete();
          if (arg.ch < '0' || arg.ch > '9') break;
          int d = static_cast<int>(arg.ch - '0');
          if (arg.prec > (std::numeric_limits<int>::max() - d) / 10)
            vm_.raise(vm_.b().value_error, "precision too big");
          arg.prec = arg.prec * 10 + d;
        }
      }
    }
    if (arg.ch == 'h' || arg.ch == 'l' || arg.ch == 'L')
      if (!read(arg)) incomplete();
  }

  /// Formats the argument into `text` (or straight into the output: true).
  bool format(Arg& arg, std::string& text) {
    Value v = nextArg();
    switch (arg.ch) {
      case 's':
      case 'r':
      case 'a':
      case 'b':
        if (bytes_) {
          text = bytesText(v, arg.ch);
        } else {
          if (arg.ch == 'b') unsupported(arg);
          text = arg.ch == 's'   ? vm_.str(v)
                 : arg.ch == 'r' ? vm_.repr(v)
                                 : asciiEscape(vm_.repr(v));
        }
        return false;
      case 'i':
      case 'd':
      case 'u':
      case 'o':
      case 'x':
      case 'X':
        text = formatLong(v, arg);
        arg.sign = true;
        return false;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        text = formatFloat(v, arg);
        arg.sign = true;
        return false;
      case 'c':
        text = formatChar(v);
        return false;
      default:
        unsupported(arg);
    }
  }

  [[noreturn]] void unsupported(const Arg& arg) {
    char buf[96];
    char shown = arg.ch >= 31 && arg.ch <= 126 ? static_cast<char>(arg.ch) : '?';
    std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu", shown,
                  static_cast<unsigned>(arg.ch), pos_ - 1);
    vm_.raise(vm_.b().value_error, buf);
  }

  std::string bytesText(const Value& v, char32_t ch) {
    if (ch == 'r' || ch == 'a') return asciiEscape(vm_.repr(v));
    if (auto view = bufferView(vm_, v)) return std::string(*view);
    if (Value m =
            v->kind == Kind::Instance || v->sub ? vm_.typeOf(v)->lookup("__bytes__") : nullptr) {
      Value r = vm_.callSpecial(m, v, {});
      if (r->kind != Kind::Bytes)
        vm_.raise(vm_.b().type_error,
                  "__bytes__ returned non-bytes (type " + vm_.typeOf(r)->name + ")");
      return bytesOf(r);
    }
    vm_.raise(vm_.b().type_error,
              "%b requires a bytes-like object, or an object that implements __bytes__, not '" +
                  vm_.typeOf(v)->name + "'");
  }

  std::string formatLong(const Value& v, const Arg& arg) {
    char type = static_cast<char>(arg.ch);
    auto wrong = [&]() -> std::string {
      std::string what = type == 'o' || type == 'x' || type == 'X' ? "an integer" : "a real number";
      vm_.raise(vm_.b().type_error, std::string("%") + type + " format: " + what +
                                        " is required, not " + vm_.typeOf(v)->name);
    };
    Value iv = v;
    if (!isInt(v)) {
      bool number = v->kind == Kind::Float || v->kind == Kind::Tensor;
      if (!number && (v->kind == Kind::Instance || v->sub)) {
        ClassPtr t = vm_.typeOf(v);
        number = t->lookup("__index__") || t->lookup("__int__") || t->lookup("__float__");
      }
      if (!number) wrong();
      try {
        if (type == 'o' || type == 'x' || type == 'X')
          iv = indexInt(vm_, v);
        else
          iv = vm_.call(vm_.b().int_, std::vector<Value>{v});
      } catch (PyRaise& e) {
        if (vm_.isInstance(e.exc, vm_.b().type_error.get())) wrong();
        throw;
      }
    }
    native::BigInt n = toBigInt(iv);
    int base = type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10;
    std::string digits;
    if (base == 10) {
      native::PyResult<std::string> t = n.abs().toDecimalString(vm_.int_max_str_digits);
      if (!t) vm_.raise(vm_.b().value_error, t.error().message);
      digits = *t;
    } else {
      digits = n.abs().toString(base);
    }
    if (type == 'X')
      for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (arg.prec > static_cast<int64_t>(digits.size()))
      digits.insert(0, static_cast<size_t>(arg.prec) - digits.size(), '0');
    std::string out = n.isNegative() ? "-" : "";
    if ((arg.flags & kAlt) && base != 10) out += type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
    return out + digits;
  }

  std::string formatFloat(const Value& v, const Arg& arg) {
    double x;
    if (v->kind == Kind::Float) {
      x = as<FloatObject>(v).v;
    } else if (isInt(v)) {
      x = asFloat(v);
    } else {
      ClassPtr t = vm_.typeOf(v);
      bool number = v->kind == Kind::Tensor || ((v->kind == Kind::Instance || v->sub) &&
                                                (t->lookup("__float__") || t->lookup("__index__")));
      if (!number) vm_.raise(vm_.b().type_error, "must be real number, not " + t->name);
      x = asFloat(vm_.call(vm_.b().float_, std::vector<Value>{v}));
    }
    int prec = arg.prec < 0 ? 6 : static_cast<int>(arg.prec);
    return doubleToString(x, static_cast<char>(arg.ch), prec, arg.flags & kAlt, false, false);
  }

  std::string formatChar(const Value& v) {
    if (bytes_) {
      if (auto view = bufferView(vm_, v); view && isBytesLikeKind(v)) {
        if (view->size() == 1) return std::string(*view);
        if (py312(vm_))
          vm_.raise(vm_.b().type_error, "%c requires an integer in range(256) or a single byte");
        vm_.raise(vm_.b().type_error,
                  "%c requires an integer in range(256) or a single byte, not a " +
                      vm_.typeOf(v)->name + " object of length " + std::to_string(view->size()));
      }
      if (!hasIndex(vm_, v)) {
        if (py312(vm_))
          vm_.raise(vm_.b().type_error, "%c requires an integer in range(256) or a single byte");
        vm_.raise(
            vm_.b().type_error,
            "%c requires an integer in range(256) or a single byte, not " + vm_.typeOf(v)->name);
      }
      Value i = indexInt(vm_, v);
      if (isBigInt(i) || asInt(i) < 0 || asInt(i) > 255)
        vm_.raise(vm_.b().overflow_error, "%c arg not in range(256)");
      return std::string(1, static_cast<char>(asInt(i)));
    }
    if (v->kind == Kind::Str) {
      size_t len = strLength(v);
      if (len == 1) return asStr(v);
      if (py312(vm_)) vm_.raise(vm_.b().type_error, "%c requires int or char");
      vm_.raise(vm_.b().type_error,
                "%c requires an int or a unicode character, not a string of length " +
                    std::to_string(len));
    }
    if (!hasIndex(vm_, v)) {
      if (py312(vm_)) vm_.raise(vm_.b().type_error, "%c requires int or char");
      vm_.raise(vm_.b().type_error,
                "%c requires an int or a unicode character, not " + vm_.typeOf(v)->name);
    }
    Value i = indexInt(vm_, v);
    if (isBigInt(i) || asInt(i) < 0 || asInt(i) > 0x10FFFF)
      vm_.raise(vm_.b().overflow_error, "%c arg not in range(0x110000)");
    std::string out;
    appendCodePoint(out, static_cast<char32_t>(asInt(i)));
    return out;
  }

  /// unicode_format_arg_output: padding, sign and the 0x/0o prefix.
  void output(Arg& arg, const std::string& text) {
    std::u32string s = bytes_ ? std::u32string(text.begin(), text.end()) : toCodePoints(text);
    if (bytes_)
      for (auto& c : s) c &= 0xFF;
    char32_t fill = arg.sign && (arg.flags & kZero) ? '0' : ' ';
    int64_t len = static_cast<int64_t>(s.size());
    size_t p = 0;
    if (arg.prec >= 0 && (arg.ch == 's' || arg.ch == 'r' || arg.ch == 'a' || arg.ch == 'b') &&
        len > arg.prec)
      len = arg.prec;
    char32_t signchar = 0;
    if (arg.sign) {
      if (s[0] == '-' || s[0] == '+') {
        signchar = s[0];
        --len;
        ++p;
      } else if (arg.flags & kSign) {
        signchar = '+';
      } else if (arg.flags & kBlank) {
        signchar = ' ';
      } else {
        arg.sign = false;
      }
    }
    int64_t width = std::max(arg.width, len);
    auto put = [&](char32_t c) {
      if (bytes_)
        out_ += static_cast<char>(c);
      else
        appendCodePoint(out_, c);
    };
    if (arg.sign) {
      if (fill != ' ') put(signchar);
      if (width > len) --width;
    }
    bool prefix = (arg.flags & kAlt) && (arg.ch == 'x' || arg.ch == 'X' || arg.ch == 'o');
    if (prefix) {
      if (fill != ' ') {
        put(s[p]);
        put(s[p + 1]);
        p += 2;
      }
      width = std::max<int64_t>(width - 2, 0);
      len -= 2;
    }
    if (width > len && !(arg.flags & kLjust)) {
      for (int64_t i = 0; i < width - len; ++i) put(fill);
      width = len;
    }
    if (fill == ' ') {
      if (arg.sign) put(signchar);
      if (prefix) {
        put(s[p]);
        put(s[p + 1]);
        p += 2;
      }
    }
    for (int64_t i = 0; i < len; ++i) put(s[p + static_cast<size_t>(i)]);
    for (int64_t i = len; i < width; ++i) put(' ');
  }

  VM& vm_;
  bool bytes_;
  std::u32string fmt_;
  size_t pos_ = 0;
  Value args_;
  Value dict_;
  int64_t arglen_ = -1, argidx_ = -2;
  std::string out_;
};

}  // namespace

Value percentFormatStr(VM& vm, const Value& fmt, const Value& args) {
  PercentFormatter f(vm, asStr(fmt), args, false);
  return pyStr(f.run());
}

Value percentFormatBytes(VM& vm, const Value& fmt, const Value& args) {
  PercentFormatter f(vm, bytesOf(fmt), args, true);
  std::string out = f.run();
  return fmt->kind == Kind::ByteArray ? pyByteArray(std::move(out)) : pyBytes(std::move(out));
}

}  // namespace gbc::interp
