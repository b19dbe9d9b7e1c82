// re.Match (group, groups, groupdict, start, end, span, expand, regs, lastindex, lastgroup, pos,
// endpos, re, string, __getitem__, repr, copy) and _sre.SRE_Scanner (match, search, pattern),
// as CPython's Modules/_sre/sre.c has them.
#include "interp/native_type.h"
#include "interp/slicing.h"
#include "interp/sre_objects.h"
#include "interp/str_ops.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

namespace sre = native::sre;

SreMatchState& matchState(VM& vm, const Value& self, const char* what) {
  return nativeState<SreMatchState>(vm, self, what);
}

/// match_getindex: a group number or name to its number (IndexError "no such group").
size_t groupIndex(VM& vm, const SreMatchState& m, const Value& key) {
  int64_t i = -1;
  if (hasIndex(vm, key)) {
    Value v = indexInt(vm, key);
    i = isBigInt(v) ? -1 : asInt(v);
  } else {
    SrePatternState& ps = patternState(vm, m.pattern, "group");
    vm.hash(key);  // (an unhashable key raises as the dict lookup does)
    Value found = as<DictObject>(ps.groupindex).get(key);
    if (found && isInt(found) && !isBigInt(found)) i = asInt(found);
  }
  if (i < 0 || i >= static_cast<int64_t>(m.m.groups.size()))
    vm.raise(vm.b().index_error, "no such group");
  return static_cast<size_t>(i);
}

Value groupValue(VM& vm, const SreMatchState& m, size_t i, const Value& dflt) {
  const sre::Span& s = m.m.groups[i];
  if (!s.matched()) return dflt;
  return sreSlice(vm, m.string, s.start, s.end);
}

Value spanTuple(const sre::Span& s) { return pyTuple({pyInt(s.start), pyInt(s.end)}); }

/// The group argument of start/end/span (0 when absent).
size_t optionalGroup(VM& vm, CallArgs& a, const SreMatchState& m, const char* qual) {
  positionalArgs(vm, a, qual, 0, 1, 1);
  return a.args.size() > 1 ? groupIndex(vm, m, a.args[1]) : 0;
}

void installMatchMethods(const ClassPtr& cls) {
  nativeMethod(cls, "group", [](VM& vm, CallArgs& a) -> Value {
    SreMatchState& m = matchState(vm, a.args.at(0), "group");
    if (!a.kwargs.empty()) vm.raise(vm.b().type_error, "Match.group() takes no keyword arguments");
    if (a.args.size() == 1) return groupValue(vm, m, 0, none());
    if (a.args.size() == 2) return groupValue(vm, m, groupIndex(vm, m, a.args[1]), none());
    std::vector<Value> out;
    for (size_t k = 1; k < a.args.size(); ++k)
      out.push_back(groupValue(vm, m, groupIndex(vm, m, a.args[k]), none()));
    return pyTuple(std::move(out));
  });
  nativeMethod(cls, "__getitem__", [](VM& vm, CallArgs& a) -> Value {
    SreMatchState& m = matchState(vm, a.args.at(0), "__getitem__");
    return groupValue(vm, m, groupIndex(vm, m, a.args.at(1)), none());
  });
  nativeMethod(cls, "groups", [](VM& vm, CallArgs& a) -> Value {
    SreMatchState& m = matchState(vm, a.args.at(0), "groups");
    std::vector<Value> p = keywordArgs(vm, a, "groups", {"default"}, 0, 0, 1);
    Value dflt = p[0] ? p[0] : none();
    std::vector<Value> out;
    for (size_t i = 1; i < m.m.groups.size(); ++i) out.push_back(groupValue(vm, m, i, dflt));
    return pyTuple(std::move(out));
  });
  nativeMethod(cls, "groupdict", [](VM& vm, CallArgs& a) -> Value {
    SreMatchState& m = matchState(vm, a.args.at(0), "groupdict");
    std::vector<Value> p = keywordArgs(vm, a, "groupdict", {"default"}, 0, 0, 1);
    Value dflt = p[0] ? p[0] : none();
    auto out = newDict();
    SrePatternState& ps = patternState(vm, m.pattern, "groupdict");
    as<DictObject>(ps.groupindex).forEach([&](const Value& k, const Value&) {
      out->set(k, groupValue(vm, m, groupIndex(vm, m, k), dflt));
    });
    return out;
  });
  nativeMethod(cls, "start", [](VM& vm, CallArgs& a) -> Value {
    SreMatchState& m = matchState(vm, a.args.at(0), "start");
    return pyInt(m.m.groups[optionalGroup(vm, a, m, "Match.start")].start);
  });
  nativeMethod(cls, "end", [](VM& vm, CallArgs& a) -> Value {
    SreMatchState& m = matchState(vm, a.args.at(0), "end");
    return pyInt(m.m.groups[optionalGroup(vm, a, m, "Match.end")].end);
  });
  nativeMethod(cls, "span", [](VM& vm, CallArgs& a) -> Value {
    SreMatchState& m = matchState(vm, a.args.at(0), "span");
    return spanTuple(m.m.groups[optionalGroup(vm, a, m, "Match.span")]);
  });
  nativeMethod(cls, "expand", [](VM& vm, CallArgs& a) -> Value {
    matchState(vm, a.args.at(0), "expand");
    std::vector<Value> p = keywordArgs(vm, a, "expand", {"template"}, 0, 1, 1);
    return matchExpand(vm, a.args[0], p[0]);
  });
  nativeMethod(cls, "__copy__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "Match.__copy__", 1);
    return a.args[0];
  });
  nativeMethod(cls, "__deepcopy__", [](VM& vm, CallArgs& a) -> Value {
    oneArg(vm, a, "Match.__deepcopy__", 1);
    return a.args[0];
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    SreMatchState& m = matchState(vm, a.args.at(0), "__repr__");
    std::string r = vm.repr(groupValue(vm, m, 0, none()));
    if (countCodePoints(r) > 50) r = std::string(strSlice(as<StrObject>(pyStr(r)), 0, 50));
    const sre::Span& s = m.m.groups[0];
    return pyStr("<re.Match object; span=(" + std::to_string(s.start) + ", " +
                 std::to_string(s.end) + "), match=" + r + ">");
  });
}

void installMatchGetSets(const ClassPtr& cls) {
  nativeGetSet(cls, "regs", [](VM& vm, const Value& self) -> Value {
    SreMatchState& m = matchState(vm, self, "regs");
    std::vector<Value> out;
    for (const sre::Span& s : m.m.groups) out.push_back(spanTuple(s));
    return pyTuple(std::move(out));
  });
  nativeGetSet(cls, "lastindex", [](VM& vm, const Value& self) -> Value {
    SreMatchState& m = matchState(vm, self, "lastindex");
    return m.m.lastindex >= 0 ? pyInt(m.m.lastindex) : none();
  });
  nativeGetSet(cls, "lastgroup", [](VM& vm, const Value& self) -> Value {
    SreMatchState& m = matchState(vm, self, "lastgroup");
    if (m.m.lastindex < 0) return none();
    SrePatternState& ps = patternState(vm, m.pattern, "lastgroup");
    const auto& names = as<TupleObject>(ps.indexgroup).items;
    auto i = static_cast<size_t>(m.m.lastindex);
    return i < names.size() ? names[i] : none();
  });
  nativeGetSet(cls, "pos", [](VM& vm, const Value& self) -> Value {
    return pyInt(matchState(vm, self, "pos").m.pos);
  });
  nativeGetSet(cls, "endpos", [](VM& vm, const Value& self) -> Value {
    return pyInt(matchState(vm, self, "endpos").m.endpos);
  });
  nativeGetSet(cls, "re", [](VM& vm, const Value& self) -> Value {
    return matchState(vm, self, "re").pattern;
  });
  nativeGetSet(cls, "string", [](VM& vm, const Value& self) -> Value {
    return matchState(vm, self, "string").string;
  });
}

Value scannerStep(VM& vm, CallArgs& a, bool search) {
  const char* name = search ? "search" : "match";
  auto& sc = nativeState<SreScannerState>(vm, a.args.at(0), name);
  noArgs(vm, a, std::string("SRE_Scanner.") + name, 1);
  auto r = search ? sc.scanner->search() : sc.scanner->match();
  if (!r) raiseSreError(vm, r.error());
  if (!*r) return none();
  return newMatch(vm, sc.pattern, sc.subject.object, std::move(**r));
}

}  // namespace

Value newMatch(VM& vm, const Value& pattern, const Value& string, sre::Match m) {
  auto state = std::make_shared<SreMatchState>();
  state->pattern = pattern;
  state->string = string;
  state->m = std::move(m);
  return newNative<SreMatchState>(sreTypes(vm).match, state);
}

void installMatchType(VM&, const ClassPtr& cls) {
  installMatchMethods(cls);
  installMatchGetSets(cls);
}

void installScannerType(VM&, const ClassPtr& cls) {
  nativeMethod(cls, "match",
               [](VM& vm, CallArgs& a) -> Value { return scannerStep(vm, a, false); });
  nativeMethod(cls, "search",
               [](VM& vm, CallArgs& a) -> Value { return scannerStep(vm, a, true); });
  nativeGetSet(cls, "pattern", [](VM& vm, const Value& self) -> Value {
    return nativeState<SreScannerState>(vm, self, "pattern").pattern;
  });
}

}  // namespace gbc::interp
