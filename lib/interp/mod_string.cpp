// _string (Objects/stringlib/unicode_format.h): formatter_parser and formatter_field_name_split,
// which string.Formatter is built on, with CPython's parsing rules and ValueError messages.
// Strings are UTF-8: the syntax characters are ASCII, so the scan is bytewise; a conversion
// character is read as a whole code point.
#include "interp/clinic_args.h"
#include "interp/native_modules.h"
#include "interp/native_support.h"

namespace gbc::interp {

namespace {

struct Piece {
  std::string literal;
  bool has_field = false;
  std::string field_name, format_spec, conversion;  // conversion empty: none
};

/// The length of the UTF-8 sequence starting with byte c.
size_t utf8Length(unsigned char c) { return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2; }

/// A replacement field after its '{', read from `pos` up to and past its closing '}': the
/// name (keys in brackets may hold any character), then a conversion and a spec whose nested
/// braces balance.
void parseField(VM& vm, const std::string& s, size_t& pos, Piece& out) {
  const size_t end = s.size();
  size_t start = pos;
  char c = 0;
  while (pos < end) {
    c = s[pos++];
    if (c == '{') vm.raise(vm.b().value_error, "unexpected '{' in field name");
    if (c == '[') {
      while (pos < end && s[pos] != ']') ++pos;
      continue;
    }
    if (c == '}' || c == ':' || c == '!') break;
  }
  out.field_name = s.substr(start, pos - 1 - start);
  if (c != '!' && c != ':') {
    if (c != '}') vm.raise(vm.b().value_error, "expected '}' before end of string");
    return;
  }
  if (c == '!') {
    if (pos >= end)
      vm.raise(vm.b().value_error, "end of string while looking for conversion specifier");
    size_t n = std::min(utf8Length(static_cast<unsigned char>(s[pos])), end - pos);
    out.conversion = s.substr(pos, n);
    pos += n;
    if (pos < end) {
      c = s[pos++];
      if (c == '}') return;
      if (c != ':') vm.raise(vm.b().value_error, "expected ':' after conversion specifier");
    }
  }
  size_t spec_start = pos;
  int count = 1;
  while (pos < end) {
    c = s[pos++];
    if (c == '{') ++count;
    if (c == '}' && --count == 0) {
      out.format_spec = s.substr(spec_start, pos - 1 - spec_start);
      return;
    }
  }
  vm.raise(vm.b().value_error, "unmatched '{' in format spec");
}

/// The next literal text and replacement field of a format string from `pos`; false at the end.
bool nextPiece(VM& vm, const std::string& s, size_t& pos, Piece& out) {
  out = Piece{};
  if (pos >= s.size()) return false;
  size_t start = pos;
  char c = 0;
  bool markup = false;
  while (pos < s.size()) {
    c = s[pos++];
    if (c == '{' || c == '}') {
      markup = true;
      break;
    }
  }
  bool at_end = pos >= s.size();
  size_t len = pos - start;
  if (c == '}' && markup && (at_end || s[pos] != '}'))
    vm.raise(vm.b().value_error, "Single '}' encountered in format string");
  if (at_end && c == '{' && markup)
    vm.raise(vm.b().value_error, "Single '{' encountered in format string");
  if (!at_end && markup) {
    if (s[pos] == c) {
      ++pos;  // an escaped brace: literal text only
      markup = false;
    } else {
      --len;
    }
  }
  out.literal = s.substr(start, len);
  if (!markup) return true;
  out.has_field = true;
  parseField(vm, s, pos, out);
  return true;
}

struct ParserState : IterState {
  std::string text;
  size_t pos = 0;
  Value next(VM& vm) override {
    Piece p;
    if (!nextPiece(vm, text, pos, p)) return nullptr;
    if (!p.has_field) return pyTuple({pyStr(p.literal), none(), none(), none()});
    return pyTuple({pyStr(p.literal), pyStr(p.field_name), pyStr(p.format_spec),
                    p.conversion.empty() ? none() : pyStr(p.conversion)});
  }
};

/// An attribute name or index key: an int when it is all ASCII digits.
Value keyValue(const std::string& s) {
  if (s.empty() || s.size() > 18) return pyStr(s);
  for (char c : s)
    if (c < '0' || c > '9') return pyStr(s);
  return pyInt(std::stoll(s));
}

struct FieldNameState : IterState {
  std::string text;
  size_t pos = 0;
  Value next(VM& vm) override {
    if (pos >= text.size()) return nullptr;
    char c = text[pos++];
    if (c == '.') {
      size_t start = pos;
      while (pos < text.size() && text[pos] != '.' && text[pos] != '[') ++pos;
      if (pos == start) vm.raise(vm.b().value_error, "Empty attribute in format string");
      return pyTuple({pyBool(true), pyStr(text.substr(start, pos - start))});
    }
    if (c == '[') {
      size_t start = pos;
      while (pos < text.size() && text[pos] != ']') ++pos;
      if (pos >= text.size()) vm.raise(vm.b().value_error, "Missing ']' in format string");
      std::string key = text.substr(start, pos - start);
      ++pos;
      if (key.empty()) vm.raise(vm.b().value_error, "Empty attribute in format string");
      return pyTuple({pyBool(false), keyValue(key)});
    }
    vm.raise(vm.b().value_error, "Only '.' or '[' may follow ']' in format field specifier");
  }
};

ClassPtr iteratorType(VM& vm, const char* name) {
  ClassPtr cls = makeIteratorType(vm, "builtins", name);
  cls->no_dict = true;
  return cls;
}

std::string strArg(VM& vm, const CallArgs& a, const char* fname) {
  Value v = methOneArg(vm, a, std::string("_string.") + fname, 0);
  if (v->kind != Kind::Str) vm.raise(vm.b().type_error, "expected str, got " + typeName(vm, v));
  return asStr(v);
}

}  // namespace

Value makeStringModule(VM& vm) {
  Value m = newNativeModule("_string");
  ClassPtr parser_cls = iteratorType(vm, "formatteriterator");
  ClassPtr field_cls = iteratorType(vm, "fieldnameiterator");
  moduleFunction(m, "formatter_parser", [parser_cls](VM& vm, CallArgs& a) -> Value {
    auto s = std::make_shared<ParserState>();
    s->text = strArg(vm, a, "formatter_parser");
    return newNative(parser_cls, s);
  });
  moduleFunction(m, "formatter_field_name_split", [field_cls](VM& vm, CallArgs& a) -> Value {
    std::string name = strArg(vm, a, "formatter_field_name_split");
    size_t end = 0;
    while (end < name.size() && name[end] != '.' && name[end] != '[') ++end;
    std::string first = name.substr(0, end);
    auto s = std::make_shared<FieldNameState>();
    s->text = name.substr(end);
    return pyTuple({keyValue(first), newNative(field_cls, s)});
  });
  return m;
}

}  // namespace gbc::interp
