// str's searching methods by code points: find, rfind, index, rindex, count, startswith,
// endswith, replace, partition, rpartition, removeprefix, removesuffix, and `in`'s helpers. The
// search itself runs on the UTF-8 bytes (a code point's bytes never occur inside another's), and
// positions convert between bytes and code points through text.h.
#include <algorithm>

#include "interp/slicing.h"
#include "interp/str_methods.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

/// CPython's ADJUST_INDICES: end clamped to [0, len], start to >= 0 (start may exceed end).
void adjustIndices(int64_t& start, int64_t& end, int64_t len) {
  if (end > len)
    end = len;
  else if (end < 0)
    end = std::max<int64_t>(end + len, 0);
  if (start < 0) start = std::max<int64_t>(start + len, 0);
}

/// The receiver, the substring and the window of find/rfind/index/rindex/count.
struct FindArgs {
  const StrObject* self;
  const StrObject* sub;
  int64_t start, end;  // code points, adjusted
};

FindArgs findArgs(VM& vm, CallArgs& a, const char* qualname) {
  if (py312(vm))
    parseTupleArgs(vm, a, qualname, 1, 3);
  else
    positionalArgs(vm, a, qualname, 1, 3, 1);
  const Value& sub = a.args[1];
  std::string name = std::string(qualname).substr(4);
  if (sub->kind != Kind::Str) {
    if (py312(vm)) vm.raise(vm.b().type_error, "must be str, not " + vm.typeOf(sub)->name);
    badArgument(vm, name, "1", "str", sub);
  }
  FindArgs f{&as<StrObject>(a.args[0]), &as<StrObject>(sub), 0, 0};
  int64_t len = static_cast<int64_t>(strLength(*f.self));
  f.start = sliceIndexArg(vm, a.args.size() > 2 ? a.args[2] : nullptr, 0);
  f.end = sliceIndexArg(vm, a.args.size() > 3 ? a.args[3] : nullptr, INT64_MAX);
  adjustIndices(f.start, f.end, len);
  return f;
}

/// The byte window of code points [start, end) (start <= end <= len).
std::string_view window(const StrObject& s, int64_t start, int64_t end) {
  return strSlice(s, static_cast<size_t>(start), static_cast<size_t>(end));
}

/// find (dir > 0) or rfind: the code-point index, or -1.
int64_t findIn(const FindArgs& f, int dir) {
  int64_t sublen = static_cast<int64_t>(strLength(*f.sub));
  if (f.end - f.start < sublen) return -1;
  size_t base = strByteOffset(*f.self, static_cast<size_t>(f.start));
  std::string_view w = window(*f.self, f.start, f.end);
  size_t p = dir > 0 ? w.find(f.sub->v) : w.rfind(f.sub->v);
  if (p == std::string_view::npos) return -1;
  return static_cast<int64_t>(strCodePointIndex(*f.self, base + p));
}

int64_t countIn(const FindArgs& f, int64_t maxcount = INT64_MAX) {
  int64_t sublen = static_cast<int64_t>(strLength(*f.sub));
  if (f.end - f.start < sublen) return 0;
  if (sublen == 0) return std::min(f.end - f.start + 1, maxcount);
  std::string_view w = window(*f.self, f.start, f.end);
  int64_t n = 0;
  for (size_t p = w.find(f.sub->v); p != std::string_view::npos && n < maxcount;
       p = w.find(f.sub->v, p + f.sub->v.size()))
    ++n;
  return n;
}

/// startswith / endswith of one prefix (CPython's tailmatch).
bool tailMatch(const StrObject& self, const StrObject& sub, int64_t start, int64_t end, int dir) {
  int64_t len = static_cast<int64_t>(strLength(self));
  adjustIndices(start, end, len);
  int64_t sublen = static_cast<int64_t>(strLength(sub));
  end -= sublen;
  if (end < start) return false;
  if (sublen == 0) return true;
  std::string_view w = window(self, start, end + sublen);
  std::string_view s = sub.v;
  if (dir < 0) return w.substr(0, s.size()) == s;
  return w.size() >= s.size() && w.substr(w.size() - s.size()) == s;
}

Value startsOrEnds(VM& vm, CallArgs& a, const char* qualname, int dir) {
  if (py312(vm))
    parseTupleArgs(vm, a, qualname, 1, 3);
  else
    positionalArgs(vm, a, qualname, 1, 3, 1);
  std::string name = std::string(qualname).substr(4);
  const auto& self = as<StrObject>(a.args[0]);
  int64_t start = sliceIndexArg(vm, a.args.size() > 2 ? a.args[2] : nullptr, 0);
  int64_t end = sliceIndexArg(vm, a.args.size() > 3 ? a.args[3] : nullptr, INT64_MAX);
  const Value& what = a.args[1];
  if (what->kind == Kind::Tuple) {
    for (const Value& item : as<TupleObject>(what).items) {
      if (item->kind != Kind::Str)
        vm.raise(vm.b().type_error,
                 "tuple for " + name + " must only contain str, not " + vm.typeOf(item)->name);
      if (tailMatch(self, as<StrObject>(item), start, end, dir)) return pyBool(true);
    }
    return pyBool(false);
  }
  if (what->kind != Kind::Str)
    vm.raise(vm.b().type_error,
             name + " first arg must be str or a tuple of str, not " + vm.typeOf(what)->name);
  return pyBool(tailMatch(self, as<StrObject>(what), start, end, dir));
}

/// A str result that is the receiver itself when unchanged (CPython returns `self` for an exact
/// str, a new str for a subclass).
Value sameOrCopy(const Value& self) {
  if (!self->sub) return self;
  const auto& s = as<StrObject>(self);
  return pyStrKnown(s.v, strLength(s));
}

Value replace(const Value& selfv, const StrObject& old, const StrObject& repl, int64_t count) {
  const auto& self = as<StrObject>(selfv);
  if (count < 0) count = INT64_MAX;
  if (count == 0) return sameOrCopy(selfv);
  const std::string& s = self.v;
  std::string out;
  if (old.v.empty()) {
    // the replacement goes before every code point and at the end, `count` times at most
    int64_t done = 0;
    size_t i = 0;
    for (; i < s.size() && done < count;) {
      out += repl.v;
      ++done;
      size_t start = i;
      decodeCodePoint(s, i);
      out.append(s, start, i - start);
    }
    if (done < count && i >= s.size()) {
      out += repl.v;
      ++done;
    }
    out.append(s, i, std::string::npos);
    return pyStr(std::move(out));
  }
  size_t start = 0;
  int64_t done = 0;
  for (size_t p = s.find(old.v); p != std::string::npos && done < count; p = s.find(old.v, start)) {
    out.append(s, start, p - start);
    out += repl.v;
    start = p + old.v.size();
    ++done;
  }
  if (done == 0) return sameOrCopy(selfv);
  out.append(s, start, std::string::npos);
  return pyStr(std::move(out));
}

Value partition(VM& vm, CallArgs& a, const char* qualname, bool from_right) {
  const Value& sepv = oneArg(vm, a, qualname, 1);
  if (sepv->kind != Kind::Str)
    vm.raise(vm.b().type_error, "must be str, not " + vm.typeOf(sepv)->name);
  const std::string& sep = asStr(sepv);
  if (sep.empty()) vm.raise(vm.b().value_error, "empty separator");
  const Value& self = a.args[0];
  const std::string& s = asStr(self);
  size_t p = from_right ? s.rfind(sep) : s.find(sep);
  Value empty = pyStrKnown("", 0);
  if (p == std::string::npos)
    return from_right ? pyTuple({empty, empty, sameOrCopy(self)})
                      : pyTuple({sameOrCopy(self), empty, empty});
  return pyTuple(
      {pyStr(s.substr(0, p)), sepv->sub ? pyStr(sep) : sepv, pyStr(s.substr(p + sep.size()))});
}

}  // namespace

void installStrSearch(VM& vm) {
  auto& S = vm.nativeMethods(Kind::Str);
  S["find"] = [](VM& vm, CallArgs& a) -> Value {
    return pyInt(findIn(findArgs(vm, a, "str.find"), 1));
  };
  S["rfind"] = [](VM& vm, CallArgs& a) -> Value {
    return pyInt(findIn(findArgs(vm, a, "str.rfind"), -1));
  };
  S["index"] = [](VM& vm, CallArgs& a) -> Value {
    int64_t i = findIn(findArgs(vm, a, "str.index"), 1);
    if (i < 0) vm.raise(vm.b().value_error, "substring not found");
    return pyInt(i);
  };
  S["rindex"] = [](VM& vm, CallArgs& a) -> Value {
    int64_t i = findIn(findArgs(vm, a, "str.rindex"), -1);
    if (i < 0) vm.raise(vm.b().value_error, "substring not found");
    return pyInt(i);
  };
  S["count"] = [](VM& vm, CallArgs& a) -> Value {
    return pyInt(countIn(findArgs(vm, a, "str.count")));
  };
  S["startswith"] = [](VM& vm, CallArgs& a) -> Value {
    return startsOrEnds(vm, a, "str.startswith", -1);
  };
  S["endswith"] = [](VM& vm, CallArgs& a) -> Value {
    return startsOrEnds(vm, a, "str.endswith", 1);
  };
  S["replace"] = [](VM& vm, CallArgs& a) -> Value {
    Value count;
    if (py312(vm)) {
      positionalArgs(vm, a, "str.replace", 2, 3, 1);
      count = a.args.size() > 3 ? a.args[3] : nullptr;
    } else {
      std::vector<Value> p = keywordArgs(vm, a, "replace", {"", "", "count"}, 2, 2, 3);
      count = p[2];
    }
    const Value& old = a.args[1];
    const Value& repl = a.args[2];
    if (old->kind != Kind::Str) badArgument(vm, "replace", "1", "str", old);
    if (repl->kind != Kind::Str) badArgument(vm, "replace", "2", "str", repl);
    int64_t n = count ? ssizeArgOf(vm, count) : -1;
    return replace(a.args[0], as<StrObject>(old), as<StrObject>(repl), n);
  };
  S["partition"] = [](VM& vm, CallArgs& a) -> Value {
    return partition(vm, a, "str.partition", false);
  };
  S["rpartition"] = [](VM& vm, CallArgs& a) -> Value {
    return partition(vm, a, "str.rpartition", true);
  };
  S["removeprefix"] = [](VM& vm, CallArgs& a) -> Value {
    const Value& p = oneArg(vm, a, "str.removeprefix", 1);
    const std::string& prefix = strArg(vm, p, "removeprefix", "");
    const std::string& s = asStr(a.args[0]);
    if (!prefix.empty() && s.compare(0, prefix.size(), prefix) == 0)
      return pyStr(s.substr(prefix.size()));
    return sameOrCopy(a.args[0]);
  };
  S["removesuffix"] = [](VM& vm, CallArgs& a) -> Value {
    const Value& p = oneArg(vm, a, "str.removesuffix", 1);
    const std::string& suffix = strArg(vm, p, "removesuffix", "");
    const std::string& s = asStr(a.args[0]);
    if (!suffix.empty() && s.size() >= suffix.size() &&
        s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
      return pyStr(s.substr(0, s.size() - suffix.size()));
    return sameOrCopy(a.args[0]);
  };
}

}  // namespace gbc::interp
