// format(), the builtin types' __format__, and str.format / str.format_map as CPython parses
// them (Objects/stringlib/unicode_format.h: MarkupIterator, parse_field, field_name_split,
// FieldNameIterator), with its messages.
#include "interp/format.h"

#include <limits>

#include "interp/format_spec.h"
#include "interp/str_ops.h"
#include "interp/text.h"
#include "interp/torch_model.h"
#include "interp/vm.h"
#include "native/unicode/unicode.h"

namespace gbc::interp {

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
  switch (v->kind) {
    case Kind::Str:
      return formatStrSpec(vm, v, spec);
    case Kind::Int:
    case Kind::Bool:
      return formatIntSpec(vm, v, spec);
    case Kind::Float:
      return formatFloatSpec(vm, as<FloatObject>(v).v, spec);
    default:
      vm.raise(vm.b().type_error,
               "unsupported format string passed to " + vm.typeOf(v)->name + ".__format__");
  }
}

namespace {

/// CPython's auto-numbering state of one format() call.
struct AutoNumber {
  enum { Init, Auto, Manual } state = Init;
  int64_t next = 0;
};

/// get_integer of unicode_format.h: the value of a field name made only of decimal digits (any
/// script's), or -1.
int64_t fieldInteger(VM& vm, std::string_view s) {
  if (s.empty()) return -1;
  int64_t acc = 0;
  for (size_t i = 0; i < s.size();) {
    int d = native::unicode::decimalValue(decodeCodePoint(s, i));
    if (d < 0) return -1;
    if (acc > (std::numeric_limits<int64_t>::max() - d) / 10)
      vm.raise(vm.b().value_error, "Too many decimal digits in format string");
    acc = acc * 10 + d;
  }
  return acc;
}

class Formatter {
 public:
  Formatter(VM& vm, CallArgs* args, Value mapping) : vm_(vm), args_(args), mapping_(mapping) {}

  std::string build(std::string_view fmt, int depth) {
    if (depth <= 0) vm_.raise(vm_.b().value_error, "Max string recursion exceeded");
    std::string out;
    size_t i = 0, n = fmt.size();
    while (i < n) {
      size_t p = fmt.find_first_of("{}", i);
      if (p == std::string_view::npos) {
        out.append(fmt.substr(i));
        break;
      }
      char c = fmt[p];
      bool at_end = p + 1 >= n;
      if (c == '}' && (at_end || fmt[p + 1] != '}'))
        vm_.raise(vm_.b().value_error, "Single '}' encountered in format string");
      if (c == '{' && at_end)
        vm_.raise(vm_.b().value_error, "Single '{' encountered in format string");
      out.append(fmt.substr(i, p - i));
      if (fmt[p + 1] == c) {  // '{{' or '}}'
        out += c;
        i = p + 2;
        continue;
      }
      i = p + 1;
      field(fmt, i, depth, out);
    }
    return out;
  }

 private:
  /// parse_field and output_markup for the field starting at fmt[i] (after its '{').
  void field(std::string_view fmt, size_t& i, int depth, std::string& out) {
    size_t n = fmt.size(), name_start = i;
    char c = 0;
    while (i < n) {
      c = fmt[i++];
      if (c == '{') vm_.raise(vm_.b().value_error, "unexpected '{' in field name");
      if (c == '[') {
        while (i < n && fmt[i] != ']') ++i;
        continue;
      }
      if (c == '}' || c == ':' || c == '!') break;
    }
    std::string_view name = fmt.substr(name_start, i - 1 - name_start);
    char32_t conversion = 0;
    std::string_view spec;
    bool expand = false;
    if (c == '!' || c == ':') {
      bool spec_follows = true;
      if (c == '!') {
        if (i >= n)
          vm_.raise(vm_.b().value_error, "end of string while looking for conversion specifier");
        conversion = decodeCodePoint(fmt, i);
        if (i < n) {
          char d = fmt[i++];
          if (d == '}')
            spec_follows = false;
          else if (d != ':')
            vm_.raise(vm_.b().value_error, "expected ':' after conversion specifier");
        }
      }
      if (spec_follows) {
        size_t spec_start = i;
        int count = 1;
        bool closed = false;
        while (i < n) {
          char d = fmt[i++];
          if (d == '{') {
            expand = true;
            ++count;
          } else if (d == '}' && --count == 0) {
            spec = fmt.substr(spec_start, i - 1 - spec_start);
            closed = true;
            break;
          }
        }
        if (!closed) vm_.raise(vm_.b().value_error, "unmatched '{' in format spec");
      }
    } else if (c != '}') {
      vm_.raise(vm_.b().value_error, "expected '}' before end of string");
    }
    Value obj = fieldObject(name);
    if (conversion) obj = convert(obj, conversion);
    std::string actual = expand ? build(spec, depth - 1) : std::string(spec);
    out += formatValue(vm_, obj, actual);
  }

  Value convert(const Value& obj, char32_t conversion) {
    switch (conversion) {
      case 'r':
        return pyStr(vm_.repr(obj));
      case 's':
        return pyStr(vm_.str(obj));
      case 'a':
        return pyStr(asciiEscape(vm_.repr(obj)));
      default: {
        std::string text;
        if (conversion > 32 && conversion < 127) {
          text = std::string(1, static_cast<char>(conversion));
        } else {
          char buf[16];
          std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(conversion));
          text = buf;
        }
        vm_.raise(vm_.b().value_error, "Unknown conversion specifier " + text);
      }
    }
  }

  /// get_field_object: the argument a field name names, then its .attr and [key] parts.
  Value fieldObject(std::string_view name) {
    size_t first_end = name.find_first_of(".[");
    if (first_end == std::string_view::npos) first_end = name.size();
    std::string_view first = name.substr(0, first_end);
    int64_t index = fieldInteger(vm_, first);
    bool empty = first.empty();
    if (empty || index != -1) {
      if (auto_.state == AutoNumber::Init)
        auto_.state = empty ? AutoNumber::Auto : AutoNumber::Manual;
      if (auto_.state == AutoNumber::Manual && empty)
        vm_.raise(vm_.b().value_error,
                  "cannot switch from manual field specification to automatic field numbering");
      if (auto_.state == AutoNumber::Auto && !empty)
        vm_.raise(vm_.b().value_error,
                  "cannot switch from automatic field numbering to manual field specification");
      if (empty) index = auto_.next++;
    }
    Value obj;
    if (index == -1) {
      Value key = pyStr(std::string(first));
      if (mapping_) {
        obj = vm_.getItem(mapping_, key);
      } else {
        obj = args_->kw(first);
        if (!obj) vm_.raiseKeyError(key);
      }
    } else {
      if (mapping_) vm_.raise(vm_.b().value_error, "Format string contains positional fields");
      if (index >= static_cast<int64_t>(args_->args.size()))
        vm_.raise(vm_.b().index_error, "Replacement index " + std::to_string(index) +
                                           " out of range for positional args tuple");
      obj = args_->args[static_cast<size_t>(index)];
    }
    size_t i = first_end, n = name.size();
    while (i < n) {
      char c = name[i++];
      std::string_view part;
      bool attribute = c == '.';
      if (attribute) {
        size_t start = i;
        while (i < n && name[i] != '.' && name[i] != '[') ++i;
        part = name.substr(start, i - start);
      } else if (c == '[') {
        size_t start = i;
        while (i < n && name[i] != ']') ++i;
        if (i >= n) vm_.raise(vm_.b().value_error, "Missing ']' in format string");
        part = name.substr(start, i - start);
        ++i;
      } else {
        vm_.raise(vm_.b().value_error, "Only '.' or '[' may follow ']' in format field specifier");
      }
      if (part.empty()) vm_.raise(vm_.b().value_error, "Empty attribute in format string");
      if (attribute) {
        obj = vm_.getAttr(obj, part);
      } else {
        int64_t key = fieldInteger(vm_, part);
        obj = vm_.getItem(obj, key == -1 ? pyStr(std::string(part)) : pyInt(key));
      }
    }
    return obj;
  }

  VM& vm_;
  CallArgs* args_;
  Value mapping_;
  AutoNumber auto_;
};

}  // namespace

std::string strFormat(VM& vm, const Value& fmt, CallArgs& args, const Value& mapping) {
  Formatter f(vm, &args, mapping);
  return f.build(asStr(fmt), 2);
}

}  // namespace gbc::interp
