// The VM's operations on str values by code points (str_ops.h).
#include "interp/str_ops.h"

#include <cstdio>

#include "interp/slicing.h"
#include "interp/text.h"
#include "interp/vm.h"
#include "native/unicode/unicode.h"

namespace gbc::interp {

Value strGetItem(VM& vm, const Value& s, const Value& key) {
  const auto& str = as<StrObject>(s);
  if (key->kind == Kind::Slice) {
    size_t n = strLength(str);
    SliceBounds b = sliceBounds(vm, as<SliceObject>(key), static_cast<int64_t>(n));
    if (b.length <= 0) return pyStrKnown("", 0);
    if (b.step == 1) {
      if (b.length == static_cast<int64_t>(n) && !s->sub) return s;
      std::string_view part =
          strSlice(str, static_cast<size_t>(b.start), static_cast<size_t>(b.stop));
      return pyStrKnown(std::string(part), static_cast<size_t>(b.length));
    }
    Text t = textOf(str);
    std::string out;
    out.reserve(static_cast<size_t>(b.length));
    for (int64_t k = 0, i = b.start; k < b.length; ++k, i += b.step)
      appendCodePoint(out, t[static_cast<size_t>(i)]);
    return pyStrKnown(std::move(out), static_cast<size_t>(b.length));
  }
  if (!hasIndex(vm, key))
    vm.raise(vm.b().type_error,
             "string indices must be integers, not '" + vm.typeOf(key)->name + "'");
  size_t n = strLength(str);
  int64_t i = sequenceIndex(vm, key, static_cast<int64_t>(n), "string");
  return pyChar(textOf(str)[static_cast<size_t>(i)]);
}

Value strIterator(const Value& s) {
  auto it = std::make_shared<IteratorObject>();
  it->target = s;
  it->source = IteratorObject::Source::Str;
  it->type_name = strIsAscii(s) ? "str_ascii_iterator" : "str_iterator";
  return it;
}

Value strIteratorNext(IteratorObject& it) {
  // index: the byte offset of the next character
  const std::string& v = asStr(it.target);
  if (it.index >= static_cast<int64_t>(v.size())) return nullptr;
  size_t i = static_cast<size_t>(it.index);
  char32_t c = decodeCodePoint(v, i);
  it.index = static_cast<int64_t>(i);
  return pyChar(c);
}

bool strContains(VM& vm, const Value& s, const Value& item) {
  if (item->kind != Kind::Str)
    vm.raise(vm.b().type_error,
             "'in <string>' requires string as left operand, not " + vm.typeOf(item)->name);
  return asStr(s).find(asStr(item)) != std::string::npos;
}

Value strConcat(const Value& a, const Value& b) {
  const auto& x = as<StrObject>(a);
  const auto& y = as<StrObject>(b);
  std::string out;
  out.reserve(x.v.size() + y.v.size());
  out += x.v;
  out += y.v;
  auto r = std::make_shared<StrObject>(std::move(out));
  if (x.length_ >= 0 && y.length_ >= 0) r->length_ = x.length_ + y.length_;
  return r;
}

Value strRepeat(VM& vm, const Value& s, int64_t n) {
  const auto& x = as<StrObject>(s);
  if (n <= 0 || x.v.empty()) return pyStrKnown("", 0);
  if (n == 1 && !s->sub) return s;
  if (static_cast<uint64_t>(n) > (uint64_t{1} << 62) / x.v.size())
    vm.raise(vm.b().overflow_error, "repeated string is too long");
  std::string out;
  out.reserve(x.v.size() * static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out += x.v;
  auto r = std::make_shared<StrObject>(std::move(out));
  if (x.length_ >= 0) r->length_ = x.length_ * n;
  return r;
}

namespace {

void appendEscape(std::string& out, char32_t c) {
  char buf[16];
  if (c <= 0xFF)
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
  else if (c <= 0xFFFF)
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
  else
    std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
  out += buf;
}

}  // namespace

std::string strRepr(const StrObject& s) {
  const std::string& v = s.v;
  bool has_single = v.find('\'') != std::string::npos;
  bool has_double = v.find('"') != std::string::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  out.reserve(v.size() + 2);
  out += quote;
  for (size_t i = 0; i < v.size();) {
    auto b = static_cast<unsigned char>(v[i]);
    if (b < 0x80) {
      ++i;
      if (b == static_cast<unsigned char>(quote) || b == '\\') {
        out += '\\';
        out += static_cast<char>(b);
      } else if (b == '\t') {
        out += "\\t";
      } else if (b == '\n') {
        out += "\\n";
      } else if (b == '\r') {
        out += "\\r";
      } else if (b < ' ' || b == 0x7F) {
        appendEscape(out, b);
      } else {
        out += static_cast<char>(b);
      }
      continue;
    }
    size_t start = i;
    char32_t c = decodeCodePoint(v, i);
    if (native::unicode::isPrintable(c))
      out.append(v, start, i - start);
    else
      appendEscape(out, c);
  }
  out += quote;
  return out;
}

std::string asciiEscape(std::string_view repr) {
  if (isAsciiBytes(repr)) return std::string(repr);
  std::string out;
  out.reserve(repr.size());
  for (size_t i = 0; i < repr.size();) {
    char32_t c = decodeCodePoint(repr, i);
    if (c < 0x80)
      out += static_cast<char>(c);
    else
      appendEscape(out, c);
  }
  return out;
}

}  // namespace gbc::interp
