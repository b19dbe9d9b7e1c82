// The searching, splitting and joining methods of bytes and bytearray (CPython's
// Objects/bytes_methods.c and stringlib): find, rfind, index, rindex, count (of a byte value or
// a bytes-like object), startswith, endswith, replace, split, rsplit, splitlines, partition,
// rpartition, join, strip, lstrip, rstrip, removeprefix, removesuffix. A bytearray's results
// are bytearrays.
#include <algorithm>

#include "interp/bytes_methods.h"
#include "interp/bytes_ops.h"
#include "interp/slicing.h"
#include "interp/text_args.h"
#include "interp/vm.h"

namespace gbc::interp {

Value sameKind(const Value& self, std::string s) {
  return self->kind == Kind::ByteArray ? pyByteArray(std::move(s)) : pyBytes(std::move(s));
}

Value unchanged(const Value& self) {
  if (self->kind == Kind::Bytes && !self->sub) return self;
  return sameKind(self, bytesOf(self));
}

bool isAsciiSpaceByte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

namespace {

void adjustIndices(int64_t& start, int64_t& end, int64_t len) {
  if (end > len)
    end = len;
  else if (end < 0)
    end = std::max<int64_t>(end + len, 0);
  if (start < 0) start = std::max<int64_t>(start + len, 0);
}

/// The receiver, the needle (a byte or a bytes-like object) and the window of find and
/// friends.
struct FindArgs {
  std::string_view self;
  std::string needle;
  int64_t start, end;
};

FindArgs findArgs(VM& vm, CallArgs& a, std::string_view qualname) {
  if (py312(vm))
    parseTupleArgs(vm, a, qualname, 1, 3);
  else
    positionalArgs(vm, a, qualname, 1, 3, 1);
  FindArgs f;
  f.self = bytesOf(a.args[0]);
  const Value& sub = a.args[1];
  if (auto view = bufferView(vm, sub)) {
    f.needle = std::string(*view);
  } else if (hasIndex(vm, sub)) {
    Value i = indexInt(vm, sub);
    if (isBigInt(i) || asInt(i) < 0 || asInt(i) > 255)
      vm.raise(vm.b().value_error, "byte must be in range(0, 256)");
    f.needle = std::string(1, static_cast<char>(asInt(i)));
  } else {
    vm.raise(vm.b().type_error,
             "argument should be integer or bytes-like object, not '" + vm.typeOf(sub)->name + "'");
  }
  f.start = sliceIndexArg(vm, a.args.size() > 2 ? a.args[2] : nullptr, 0);
  f.end = sliceIndexArg(vm, a.args.size() > 3 ? a.args[3] : nullptr, INT64_MAX);
  adjustIndices(f.start, f.end, static_cast<int64_t>(f.self.size()));
  return f;
}

int64_t findIn(const FindArgs& f, bool reverse) {
  int64_t n = static_cast<int64_t>(f.needle.size());
  if (f.end - f.start < n) return -1;
  std::string_view w =
      f.self.substr(static_cast<size_t>(f.start), static_cast<size_t>(f.end - f.start));
  size_t p = reverse ? w.rfind(f.needle) : w.find(f.needle);
  return p == std::string_view::npos ? -1 : f.start + static_cast<int64_t>(p);
}

int64_t countIn(const FindArgs& f) {
  int64_t n = static_cast<int64_t>(f.needle.size());
  if (f.end - f.start < n) return 0;
  if (n == 0) return f.end - f.start + 1;
  std::string_view w =
      f.self.substr(static_cast<size_t>(f.start), static_cast<size_t>(f.end - f.start));
  int64_t count = 0;
  for (size_t p = w.find(f.needle); p != std::string_view::npos;
       p = w.find(f.needle, p + f.needle.size()))
    ++count;
  return count;
}

bool tailMatch(std::string_view self, std::string_view sub, int64_t start, int64_t end, bool tail) {
  int64_t len = static_cast<int64_t>(self.size());
  adjustIndices(start, end, len);
  int64_t n = static_cast<int64_t>(sub.size());
  end -= n;
  if (end < start) return false;
  if (n == 0) return true;
  size_t at = static_cast<size_t>(tail ? end : start);
  return self.substr(at, sub.size()) == sub;
}

Value startsOrEnds(VM& vm, CallArgs& a, std::string_view qualname, bool tail) {
  if (py312(vm))
    parseTupleArgs(vm, a, qualname, 1, 3);
  else
    positionalArgs(vm, a, qualname, 1, 3, 1);
  std::string name(qualname.substr(qualname.find('.') + 1));
  std::string self = bytesOf(a.args[0]);
  int64_t start = sliceIndexArg(vm, a.args.size() > 2 ? a.args[2] : nullptr, 0);
  int64_t end = sliceIndexArg(vm, a.args.size() > 3 ? a.args[3] : nullptr, INT64_MAX);
  const Value& what = a.args[1];
  if (what->kind == Kind::Tuple) {
    for (const Value& item : as<TupleObject>(what).items) {
      auto view = bufferView(vm, item);
      if (!view)
        vm.raise(vm.b().type_error,
                 "a bytes-like object is required, not '" + vm.typeOf(item)->name + "'");
      if (tailMatch(self, *view, start, end, tail)) return pyBool(true);
    }
    return pyBool(false);
  }
  auto view = bufferView(vm, what);
  if (!view)
    vm.raise(vm.b().type_error,
             name + " first arg must be bytes or a tuple of bytes, not " + vm.typeOf(what)->name);
  return pyBool(tailMatch(self, *view, start, end, tail));
}

std::vector<Value> splitWhitespace(const Value& self, int64_t maxsplit, bool reverse) {
  std::string_view s = bytesOf(self);
  std::vector<Value> out;
  if (!reverse) {
    size_t i = 0, n = s.size();
    while (maxsplit-- != 0) {
      while (i < n && isAsciiSpaceByte(s[i])) ++i;
      if (i == n) break;
      size_t j = i;
      while (i < n && !isAsciiSpaceByte(s[i])) ++i;
      out.push_back(sameKind(self, std::string(s.substr(j, i - j))));
    }
    if (i < n) {
      while (i < n && isAsciiSpaceByte(s[i])) ++i;
      if (i != n) out.push_back(sameKind(self, std::string(s.substr(i))));
    }
    return out;
  }
  int64_t i = static_cast<int64_t>(s.size()) - 1;
  while (maxsplit-- != 0) {
    while (i >= 0 && isAsciiSpaceByte(s[static_cast<size_t>(i)])) --i;
    if (i < 0) break;
    int64_t j = i;
    while (i >= 0 && !isAsciiSpaceByte(s[static_cast<size_t>(i)])) --i;
    out.push_back(sameKind(
        self, std::string(s.substr(static_cast<size_t>(i + 1), static_cast<size_t>(j - i)))));
  }
  if (i >= 0) {
    while (i >= 0 && isAsciiSpaceByte(s[static_cast<size_t>(i)])) --i;
    if (i >= 0) out.push_back(sameKind(self, std::string(s.substr(0, static_cast<size_t>(i + 1)))));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<Value> splitSep(const Value& self, std::string_view sep, int64_t maxsplit,
                            bool reverse) {
  std::string_view s = bytesOf(self);
  std::vector<Value> out;
  if (!reverse) {
    size_t start = 0;
    for (size_t p = s.find(sep); p != std::string_view::npos && maxsplit != 0;
         p = s.find(sep, start), --maxsplit) {
      out.push_back(sameKind(self, std::string(s.substr(start, p - start))));
      start = p + sep.size();
    }
    out.push_back(sameKind(self, std::string(s.substr(start))));
    return out;
  }
  size_t end = s.size();
  while (maxsplit != 0 && end >= sep.size()) {
    size_t p = s.rfind(sep, end - sep.size());
    if (p == std::string_view::npos) break;
    out.push_back(sameKind(self, std::string(s.substr(p + sep.size(), end - p - sep.size()))));
    end = p;
    --maxsplit;
  }
  out.push_back(sameKind(self, std::string(s.substr(0, end))));
  std::reverse(out.begin(), out.end());
  return out;
}

Value split(VM& vm, CallArgs& a, const char* fname, bool reverse) {
  std::vector<Value> p = keywordArgs(vm, a, fname, {"sep", "maxsplit"}, 0, 0, 2);
  int64_t maxsplit = p[1] ? ssizeArgOf(vm, p[1]) : -1;
  if (maxsplit < 0) maxsplit = -1;
  if (!p[0] || isNone(p[0])) return pyList(splitWhitespace(a.args[0], maxsplit, reverse));
  std::string sep(bufferArg(vm, p[0]));
  if (sep.empty()) vm.raise(vm.b().value_error, "empty separator");
  return pyList(splitSep(a.args[0], sep, maxsplit, reverse));
}

Value partition(VM& vm, CallArgs& a, std::string_view qualname, bool reverse) {
  std::string sep(bufferArg(vm, oneArg(vm, a, qualname, 1)));
  if (sep.empty()) vm.raise(vm.b().value_error, "empty separator");
  const Value& self = a.args[0];
  const std::string& s = bytesOf(self);
  size_t p = reverse ? s.rfind(sep) : s.find(sep);
  auto part = [&](std::string v) { return sameKind(self, std::move(v)); };
  if (p == std::string::npos) {
    if (reverse) return pyTuple({part(""), part(""), part(s)});
    return pyTuple({part(s), part(""), part("")});
  }
  Value sepv = self->kind == Kind::Bytes && a.args[1]->kind == Kind::Bytes && !a.args[1]->sub
                   ? a.args[1]
                   : part(sep);
  return pyTuple({part(s.substr(0, p)), sepv, part(s.substr(p + sep.size()))});
}

Value strip(VM& vm, CallArgs& a, std::string_view qualname, bool left, bool right) {
  positionalArgs(vm, a, qualname, 0, 1, 1);
  const Value& self = a.args[0];
  std::string_view s = bytesOf(self);
  Value chars = a.args.size() > 1 ? a.args[1] : nullptr;
  std::string set;
  bool whitespace = !chars || isNone(chars);
  if (!whitespace) set = std::string(bufferArg(vm, chars));
  auto strippable = [&](char c) {
    return whitespace ? isAsciiSpaceByte(c) : set.find(c) != std::string::npos;
  };
  size_t b = 0, e = s.size();
  if (left)
    while (b < e && strippable(s[b])) ++b;
  if (right)
    while (e > b && strippable(s[e - 1])) --e;
  if (b == 0 && e == s.size()) return unchanged(self);
  return sameKind(self, std::string(s.substr(b, e - b)));
}

Value replace(VM& vm, CallArgs& a, std::string_view qualname) {
  positionalArgs(vm, a, qualname, 2, 3, 1);
  const Value& self = a.args[0];
  std::string from(bufferArg(vm, a.args[1]));
  std::string to(bufferArg(vm, a.args[2]));
  int64_t count = a.args.size() > 3 ? ssizeArgOf(vm, a.args[3]) : -1;
  if (count < 0) count = INT64_MAX;
  const std::string& s = bytesOf(self);
  std::string out;
  int64_t done = 0;
  if (from.empty()) {
    size_t i = 0;
    for (; i < s.size() && done < count; ++i, ++done) {
      out += to;
      out += s[i];
    }
    if (done < count && i >= s.size()) out += to;
    out.append(s, i, std::string::npos);
    return sameKind(self, std::move(out));
  }
  size_t start = 0;
  for (size_t p = s.find(from); p != std::string::npos && done < count; p = s.find(from, start)) {
    out.append(s, start, p - start);
    out += to;
    start = p + from.size();
    ++done;
  }
  if (done == 0) return unchanged(self);
  out.append(s, start, std::string::npos);
  return sameKind(self, std::move(out));
}

Value join(VM& vm, CallArgs& a, std::string_view qualname) {
  const Value& iterable = oneArg(vm, a, qualname, 1);
  const Value& self = a.args[0];
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
  std::string sep = bytesOf(self);
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    auto view = bufferView(vm, items[i]);
    if (!view)
      vm.raise(vm.b().type_error, "sequence item " + std::to_string(i) +
                                      ": expected a bytes-like object, " +
                                      vm.typeOf(items[i])->name + " found");
    if (i) out += sep;
    out += *view;
  }
  return sameKind(self, std::move(out));
}

Value splitlines(VM& vm, CallArgs& a) {
  std::vector<Value> p = keywordArgs(vm, a, "splitlines", {"keepends"}, 0, 0, 1);
  bool keepends = p[0] && vm.truthy(p[0]);
  const Value& self = a.args[0];
  std::string_view s = bytesOf(self);
  std::vector<Value> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
    size_t eol = i;
    if (i < s.size()) {
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
        i += 2;
      else
        ++i;
      if (keepends) eol = i;
    }
    out.push_back(sameKind(self, std::string(s.substr(start, eol - start))));
  }
  return pyList(std::move(out));
}

Value removeAffix(VM& vm, CallArgs& a, std::string_view qualname, bool prefix) {
  std::string affix(bufferArg(vm, oneArg(vm, a, qualname, 1)));
  const Value& self = a.args[0];
  std::string_view s = bytesOf(self);
  if (!affix.empty() && s.size() >= affix.size()) {
    if (prefix && s.substr(0, affix.size()) == affix)
      return sameKind(self, std::string(s.substr(affix.size())));
    if (!prefix && s.substr(s.size() - affix.size()) == affix)
      return sameKind(self, std::string(s.substr(0, s.size() - affix.size())));
  }
  return unchanged(self);
}

}  // namespace

void installBytesSearch(VM& vm, Kind kind) {
  auto& M = vm.nativeMethods(kind);
  std::string owner = kind == Kind::Bytes ? "bytes" : "bytearray";
  auto q = [owner](const char* name) { return owner + "." + name; };
  M["find"] = [q](VM& vm, CallArgs& a) -> Value {
    return pyInt(findIn(findArgs(vm, a, q("find")), false));
  };
  M["rfind"] = [q](VM& vm, CallArgs& a) -> Value {
    return pyInt(findIn(findArgs(vm, a, q("rfind")), true));
  };
  M["index"] = [q](VM& vm, CallArgs& a) -> Value {
    int64_t i = findIn(findArgs(vm, a, q("index")), false);
    if (i < 0) vm.raise(vm.b().value_error, "subsection not found");
    return pyInt(i);
  };
  M["rindex"] = [q](VM& vm, CallArgs& a) -> Value {
    int64_t i = findIn(findArgs(vm, a, q("rindex")), true);
    if (i < 0) vm.raise(vm.b().value_error, "subsection not found");
    return pyInt(i);
  };
  M["count"] = [q](VM& vm, CallArgs& a) -> Value {
    return pyInt(countIn(findArgs(vm, a, q("count"))));
  };
  M["startswith"] = [q](VM& vm, CallArgs& a) -> Value {
    return startsOrEnds(vm, a, q("startswith"), false);
  };
  M["endswith"] = [q](VM& vm, CallArgs& a) -> Value {
    return startsOrEnds(vm, a, q("endswith"), true);
  };
  M["split"] = [](VM& vm, CallArgs& a) -> Value { return split(vm, a, "split", false); };
  M["rsplit"] = [](VM& vm, CallArgs& a) -> Value { return split(vm, a, "rsplit", true); };
  M["splitlines"] = splitlines;
  M["partition"] = [q](VM& vm, CallArgs& a) -> Value {
    return partition(vm, a, q("partition"), false);
  };
  M["rpartition"] = [q](VM& vm, CallArgs& a) -> Value {
    return partition(vm, a, q("rpartition"), true);
  };
  M["strip"] = [q](VM& vm, CallArgs& a) -> Value { return strip(vm, a, q("strip"), true, true); };
  M["lstrip"] = [q](VM& vm, CallArgs& a) -> Value {
    return strip(vm, a, q("lstrip"), true, false);
  };
  M["rstrip"] = [q](VM& vm, CallArgs& a) -> Value {
    return strip(vm, a, q("rstrip"), false, true);
  };
  M["replace"] = [q](VM& vm, CallArgs& a) -> Value { return replace(vm, a, q("replace")); };
  M["join"] = [q](VM& vm, CallArgs& a) -> Value { return join(vm, a, q("join")); };
  M["removeprefix"] = [q](VM& vm, CallArgs& a) -> Value {
    return removeAffix(vm, a, q("removeprefix"), true);
  };
  M["removesuffix"] = [q](VM& vm, CallArgs& a) -> Value {
    return removeAffix(vm, a, q("removesuffix"), false);
  };
}

}  // namespace gbc::interp
