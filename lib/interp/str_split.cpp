// str's splitting and joining methods by code points: split, rsplit, splitlines, join, strip,
// lstrip, rstrip and expandtabs, with Python's whitespace and line boundaries (the Unicode
// database's), not C's.
#include "interp/str_methods.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"
#include "native/unicode/unicode.h"

namespace gbc::interp {

namespace {

using native::unicode::isLinebreak;
using native::unicode::isSpace;

/// The code point ending just before s[i] (i > 0); moves i back to its start.
char32_t prevCodePoint(std::string_view s, size_t& i) {
  size_t j = i - 1;
  size_t floor = i >= 4 ? i - 4 : 0;
  while (j > floor && (static_cast<uint8_t>(s[j]) & 0xC0) == 0x80) --j;
  size_t k = j;
  char32_t c = decodeCodePoint(s, k);
  if (k != i) {  // not one well-formed sequence: a single byte
    j = i - 1;
    k = j;
    c = decodeCodePoint(s, k);
  }
  i = j;
  return c;
}

inline bool spaceAt(std::string_view s, size_t i, size_t& next) {
  auto b = static_cast<uint8_t>(s[i]);
  if (b < 0x80) {
    next = i + 1;
    return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F);
  }
  next = i;
  return isSpace(decodeCodePoint(s, next));
}

Value piece(std::string_view s, size_t b, size_t e) {
  return pyStr(std::string(s.substr(b, e - b)));
}

std::vector<Value> splitWhitespace(const Value& selfv, int64_t maxsplit) {
  std::string_view s = asStr(selfv);
  std::vector<Value> out;
  size_t i = 0, n = s.size(), next = 0;
  while (i < n) {
    while (i < n && spaceAt(s, i, next)) i = next;
    if (i >= n) break;
    if (maxsplit-- == 0) {
      // the rest, trailing whitespace included
      if (i == 0 && !selfv->sub) {
        out.push_back(selfv);
      } else {
        out.push_back(piece(s, i, n));
      }
      return out;
    }
    size_t j = i;
    while (j < n && !spaceAt(s, j, next)) j = next;
    if (i == 0 && j == n && !selfv->sub)
      out.push_back(selfv);
    else
      out.push_back(piece(s, i, j));
    i = j;
  }
  return out;
}

std::vector<Value> rsplitWhitespace(const Value& selfv, int64_t maxsplit) {
  std::string_view s = asStr(selfv);
  std::vector<Value> out;
  size_t i = s.size();
  auto spaceBefore = [&](size_t at, size_t& prev) {
    prev = at;
    return isSpace(prevCodePoint(s, prev));
  };
  size_t prev = 0;
  while (i > 0) {
    while (i > 0 && spaceBefore(i, prev)) i = prev;
    if (i == 0) break;
    if (maxsplit-- == 0) {
      out.push_back(piece(s, 0, i));
      break;
    }
    size_t j = i;
    while (j > 0 && !spaceBefore(j, prev)) j = prev;
    out.push_back(piece(s, j, i));
    i = j;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<Value> splitSep(const Value& selfv, std::string_view sep, int64_t maxsplit,
                            bool from_right) {
  std::string_view s = asStr(selfv);
  std::vector<Value> out;
  if (!from_right) {
    size_t start = 0;
    for (size_t p = s.find(sep); p != std::string_view::npos && maxsplit != 0;
         p = s.find(sep, start), --maxsplit) {
      out.push_back(piece(s, start, p));
      start = p + sep.size();
    }
    if (start == 0 && !selfv->sub)
      out.push_back(selfv);
    else
      out.push_back(piece(s, start, s.size()));
    return out;
  }
  size_t end = s.size();
  while (maxsplit != 0 && end >= sep.size()) {
    size_t p = s.rfind(sep, end - sep.size());
    if (p == std::string_view::npos) break;
    out.push_back(piece(s, p + sep.size(), end));
    end = p;
    --maxsplit;
  }
  if (end == s.size() && !selfv->sub)
    out.push_back(selfv);
  else
    out.push_back(piece(s, 0, end));
  std::reverse(out.begin(), out.end());
  return out;
}

Value split(VM& vm, CallArgs& a, const char* fname, bool from_right) {
  std::vector<Value> p = keywordArgs(vm, a, fname, {"sep", "maxsplit"}, 0, 0, 2);
  int64_t maxsplit = p[1] ? ssizeArgOf(vm, p[1]) : -1;
  if (maxsplit < 0) maxsplit = -1;
  if (!p[0] || isNone(p[0]))
    return pyList(from_right ? rsplitWhitespace(a.args[0], maxsplit)
                             : splitWhitespace(a.args[0], maxsplit));
  if (p[0]->kind != Kind::Str)
    vm.raise(vm.b().type_error, "must be str or None, not " + vm.typeOf(p[0])->name);
  const std::string& sep = asStr(p[0]);
  if (sep.empty()) vm.raise(vm.b().value_error, "empty separator");
  return pyList(splitSep(a.args[0], sep, maxsplit, from_right));
}

/// The code points `chars` lists, for strip.
bool inChars(const std::u32string& chars, char32_t c) {
  return chars.find(c) != std::u32string::npos;
}

Value strip(VM& vm, CallArgs& a, const char* qualname, bool left, bool right) {
  positionalArgs(vm, a, qualname, 0, 1, 1);
  const Value& selfv = a.args[0];
  std::string_view s = asStr(selfv);
  Value charsv = a.args.size() > 1 ? a.args[1] : nullptr;
  bool whitespace = !charsv || isNone(charsv);
  if (!whitespace && charsv->kind != Kind::Str)
    vm.raise(vm.b().type_error, std::string(qualname).substr(4) + " arg must be None or str");
  std::u32string chars = whitespace ? std::u32string() : toCodePoints(asStr(charsv));
  auto strippable = [&](char32_t c) { return whitespace ? isSpace(c) : inChars(chars, c); };
  size_t b = 0, e = s.size();
  if (left)
    while (b < e) {
      size_t next = b;
      if (!strippable(decodeCodePoint(s, next))) break;
      b = next;
    }
  if (right)
    while (e > b) {
      size_t prev = e;
      if (!strippable(prevCodePoint(s, prev))) break;
      e = prev;
    }
  if (b == 0 && e == s.size() && !selfv->sub) return selfv;
  return piece(s, b, e);
}

Value splitlines(VM& vm, CallArgs& a) {
  std::vector<Value> p = keywordArgs(vm, a, "splitlines", {"keepends"}, 0, 0, 1);
  bool keepends = p[0] && vm.truthy(p[0]);
  const Value& selfv = a.args[0];
  std::string_view s = asStr(selfv);
  std::vector<Value> out;
  size_t i = 0, n = s.size();
  while (i < n) {
    size_t start = i, eol = i, next = i;
    bool found = false;
    while (i < n) {
      next = i;
      char32_t c = decodeCodePoint(s, next);
      if (isLinebreak(c)) {
        eol = i;
        if (c == '\r' && next < n && s[next] == '\n') ++next;
        found = true;
        break;
      }
      i = next;
    }
    if (!found) {
      eol = n;
      next = n;
    }
    size_t end = keepends ? next : eol;
    if (start == 0 && end == n && !selfv->sub)
      out.push_back(selfv);
    else
      out.push_back(piece(s, start, end));
    i = next;
  }
  return pyList(std::move(out));
}

Value join(VM& vm, CallArgs& a) {
  const Value& iterable = oneArg(vm, a, "str.join", 1);
  const std::string& sep = asStr(a.args[0]);
  std::vector<Value> items;
  if ((iterable->kind == Kind::List || iterable->kind == Kind::Tuple) && !iterable->sub) {
    items = iterable->kind == Kind::List ? as<ListObject>(iterable).items
                                         : as<TupleObject>(iterable).items;
  } else {
    Value it;
    try {
      it = vm.iter(iterable);
    } catch (PyRaise& e) {
      if (!vm.isInstance(e.exc, vm.b().type_error.get()) || vm.special(iterable, "__iter__")) throw;
      vm.raise(vm.b().type_error, "can only join an iterable");
    }
    while (Value v = vm.next(it)) items.push_back(std::move(v));
  }
  if (items.size() == 1 && items[0]->kind == Kind::Str && !items[0]->sub) return items[0];
  size_t total = 0;
  int64_t length = 0;
  bool known = true;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i]->kind != Kind::Str)
      vm.raise(vm.b().type_error, "sequence item " + std::to_string(i) +
                                      ": expected str instance, " + vm.typeOf(items[i])->name +
                                      " found");
    const auto& s = as<StrObject>(items[i]);
    total += s.v.size();
    if (s.length_ >= 0)
      length += s.length_;
    else
      known = false;
  }
  std::string out;
  out.reserve(total + sep.size() * (items.empty() ? 0 : items.size() - 1));
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += asStr(items[i]);
  }
  const auto& self = as<StrObject>(a.args[0]);
  if (known && self.length_ >= 0 && !items.empty())
    return pyStrKnown(
        std::move(out),
        static_cast<size_t>(length + self.length_ * static_cast<int64_t>(items.size() - 1)));
  return pyStr(std::move(out));
}

Value expandtabs(VM& vm, CallArgs& a) {
  std::vector<Value> p = keywordArgs(vm, a, "expandtabs", {"tabsize"}, 0, 0, 1);
  int64_t tabsize = p[0] ? intArgOf(vm, p[0]) : 8;
  std::string_view s = asStr(a.args[0]);
  if (s.find('\t') == std::string_view::npos) {
    const Value& selfv = a.args[0];
    return selfv->sub ? pyStr(std::string(s)) : selfv;
  }
  std::string out;
  int64_t column = 0;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = decodeCodePoint(s, i);
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t incr = tabsize - column % tabsize;
        if (column > INT64_MAX - incr) vm.raise(vm.b().overflow_error, "result too long");
        column += incr;
        out.append(static_cast<size_t>(incr), ' ');
      }
      continue;
    }
    ++column;
    if (c == '\n' || c == '\r') column = 0;
    out.append(s.substr(start, i - start));
  }
  return pyStr(std::move(out));
}

}  // namespace

void installStrSplit(VM& vm) {
  auto& S = vm.nativeMethods(Kind::Str);
  S["split"] = [](VM& vm, CallArgs& a) -> Value { return split(vm, a, "split", false); };
  S["rsplit"] = [](VM& vm, CallArgs& a) -> Value { return split(vm, a, "rsplit", true); };
  S["splitlines"] = splitlines;
  S["join"] = join;
  S["strip"] = [](VM& vm, CallArgs& a) -> Value { return strip(vm, a, "str.strip", true, true); };
  S["lstrip"] = [](VM& vm, CallArgs& a) -> Value {
    return strip(vm, a, "str.lstrip", true, false);
  };
  S["rstrip"] = [](VM& vm, CallArgs& a) -> Value {
    return strip(vm, a, "str.rstrip", false, true);
  };
  S["expandtabs"] = expandtabs;
}

}  // namespace gbc::interp
