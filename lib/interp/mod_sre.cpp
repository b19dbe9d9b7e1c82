// The _sre module (CPython's Modules/_sre/sre.c) over lib/native/sre: compile, template, the
// helpers re._compiler calls, its constants, and re.Pattern (match, fullmatch, search, findall,
// finditer, split, sub, subn, scanner, its attributes, repr, ==, hash, copy). The engine
// behaves as the target's CPython (MAGIC and Dialect by vm.target().python).
#include <unordered_map>

#include "interp/bytes_ops.h"
#include "interp/native_modules.h"
#include "interp/native_type.h"
#include "interp/slicing.h"
#include "interp/sre_objects.h"
#include "interp/text.h"
#include "interp/text_args.h"
#include "interp/vm.h"
#include "native/sre/chars.h"

namespace gbc::interp {

Value mappingProxy(VM& vm, const Value& mapping);

namespace {

namespace sre = native::sre;

std::unordered_map<const VM*, std::pair<std::weak_ptr<DictObject>, SreTypes>>& typeRegistry() {
  static std::unordered_map<const VM*, std::pair<std::weak_ptr<DictObject>, SreTypes>> map;
  return map;
}

sre::Dialect dialect(VM& vm) {
  return py312(vm) ? sre::Dialect::Python312 : sre::Dialect::Python314;
}

/// The (string, pos, endpos) arguments of match/search/findall/finditer/scanner.
struct Window {
  Value string;
  std::ptrdiff_t pos = 0, endpos = sre::kMaxPos;
};

Window windowArgs(VM& vm, CallArgs& a, const char* fname) {
  std::vector<Value> p = keywordArgs(vm, a, fname, {"string", "pos", "endpos"}, 0, 1, 3);
  Window w;
  w.string = p[0];
  if (p[1]) w.pos = ssizeArgOf(vm, p[1]);
  if (p[2]) w.endpos = ssizeArgOf(vm, p[2]);
  return w;
}

using MatchFn = sre::Outcome<std::optional<sre::Match>> (sre::Pattern::*)(
    const sre::Subject&, std::ptrdiff_t, std::ptrdiff_t, const sre::MatchLimits&) const;

Value runMatch(VM& vm, CallArgs& a, const char* fname, MatchFn fn) {
  Value self = a.args.at(0);
  SrePatternState& ps = patternState(vm, self, fname);
  Window w = windowArgs(vm, a, fname);
  SreSubject s = sreSubject(vm, w.string);
  auto r = ((*ps.pattern).*fn)(s.subject, w.pos, w.endpos, {});
  if (!r) raiseSreError(vm, r.error());
  if (!*r) return none();
  return newMatch(vm, self, w.string, std::move(**r));
}

std::string flagsText(int flags, bool isbytes) {
  static const std::pair<const char*, int> kNames[] = {
      {"re.IGNORECASE", 2}, {"re.LOCALE", 4},   {"re.MULTILINE", 8}, {"re.DOTALL", 16},
      {"re.UNICODE", 32},   {"re.VERBOSE", 64}, {"re.DEBUG", 128},   {"re.ASCII", 256}};
  if (!isbytes && (flags & (4 | 32 | 256)) == 32) flags &= ~32;  // implied for str patterns
  std::string out;
  for (auto [name, bit] : kNames)
    if (flags & bit) {
      if (!out.empty()) out += '|';
      out += name;
      flags &= ~bit;
    }
  if (flags) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%x", static_cast<unsigned>(flags));
    if (!out.empty()) out += '|';
    out += buf;
  }
  return out;
}

Value findall(VM& vm, CallArgs& a) {
  Value self = a.args.at(0);
  SrePatternState& ps = patternState(vm, self, "findall");
  Window w = windowArgs(vm, a, "findall");
  SreSubject s = sreSubject(vm, w.string);
  auto r = ps.pattern->findall(s.subject, w.pos, w.endpos, {});
  if (!r) raiseSreError(vm, r.error());
  size_t per = static_cast<size_t>(std::max<std::ptrdiff_t>(ps.pattern->groups(), 1));
  std::vector<Value> out;
  const auto& spans = *r;
  for (size_t i = 0; i + per <= spans.size(); i += per) {
    if (per == 1 && ps.pattern->groups() <= 1) {
      out.push_back(sreSlice(vm, w.string, spans[i].start, spans[i].end));
      continue;
    }
    std::vector<Value> items;
    for (size_t k = 0; k < per; ++k)
      items.push_back(sreSlice(vm, w.string, spans[i + k].start, spans[i + k].end));
    out.push_back(pyTuple(std::move(items)));
  }
  return pyList(std::move(out));
}

Value split(VM& vm, CallArgs& a) {
  Value self = a.args.at(0);
  SrePatternState& ps = patternState(vm, self, "split");
  std::vector<Value> p = keywordArgs(vm, a, "split", {"string", "maxsplit"}, 0, 1, 2);
  std::ptrdiff_t maxsplit = p[1] ? ssizeArgOf(vm, p[1]) : 0;
  SreSubject s = sreSubject(vm, p[0]);
  auto r = ps.pattern->split(s.subject, maxsplit, {});
  if (!r) raiseSreError(vm, r.error());
  std::vector<Value> out;
  for (const sre::Span& span : *r)
    out.push_back(span.matched() ? sreSlice(vm, p[0], span.start, span.end) : none());
  return pyList(std::move(out));
}

Value scanner(VM& vm, const Value& self, Window w) {
  SrePatternState& ps = patternState(vm, self, "scanner");
  auto state = std::make_shared<SreScannerState>();
  state->pattern = self;
  state->subject = sreSubject(vm, w.string);
  auto sc = sre::Scanner::make(*ps.pattern, state->subject.subject, w.pos, w.endpos, {});
  if (!sc) raiseSreError(vm, sc.error());
  state->scanner = std::make_unique<sre::Scanner>(std::move(*sc));
  // the subject may not change size while a scanner reads it (CPython holds its buffer)
  if (w.string->kind == Kind::ByteArray) {
    ++as<BytesObject>(w.string).exports;
    state->exported = true;
  }
  return newNative<SreScannerState>(sreTypes(vm).scanner, state);
}

int64_t patternHash(VM& vm, const SrePatternState& ps) {
  int64_t h = vm.hash(ps.source);
  uint64_t code_hash = 1469598103934665603ULL;
  for (sre::Code c : ps.pattern->code()) code_hash = (code_hash ^ c) * 1099511628211ULL;
  h ^= static_cast<int64_t>(code_hash);
  h ^= ps.flags;
  h ^= ps.isbytes ? 1 : 0;
  h ^= static_cast<int64_t>(ps.pattern->code().size());
  return h == -1 ? -2 : h;
}

void installPatternType(VM& vm, const ClassPtr& cls) {
  (void)vm;
  nativeMethod(cls, "match", [](VM& vm, CallArgs& a) -> Value {
    return runMatch(vm, a, "match", &sre::Pattern::match);
  });
  nativeMethod(cls, "fullmatch", [](VM& vm, CallArgs& a) -> Value {
    return runMatch(vm, a, "fullmatch", &sre::Pattern::fullmatch);
  });
  nativeMethod(cls, "search", [](VM& vm, CallArgs& a) -> Value {
    return runMatch(vm, a, "search", &sre::Pattern::search);
  });
  nativeMethod(cls, "findall", findall);
  nativeMethod(cls, "split", split);
  nativeMethod(cls, "scanner", [](VM& vm, CallArgs& a) -> Value {
    return scanner(vm, a.args.at(0), windowArgs(vm, a, "scanner"));
  });
  nativeMethod(cls, "finditer", [](VM& vm, CallArgs& a) -> Value {
    Value sc = scanner(vm, a.args.at(0), windowArgs(vm, a, "finditer"));
    Value search = vm.getAttr(sc, "search");
    auto it = std::make_shared<IteratorObject>();
    it->source = IteratorObject::Source::Native;
    it->type_name = "callable_iterator";
    auto done = std::make_shared<bool>(false);
    it->next = [search, done](VM& vm) -> Value {
      if (*done) return nullptr;
      Value m = vm.call(search, std::vector<Value>{});
      if (isNone(m)) {
        *done = true;
        return nullptr;
      }
      return m;
    };
    return it;
  });
  for (bool subn : {false, true}) {
    const char* name = subn ? "subn" : "sub";
    nativeMethod(cls, name, [subn, name](VM& vm, CallArgs& a) -> Value {
      Value self = a.args.at(0);
      patternState(vm, self, name);
      std::vector<Value> p = keywordArgs(vm, a, name, {"repl", "string", "count"}, 0, 2, 3);
      int64_t count = p[2] ? ssizeArgOf(vm, p[2]) : 0;
      return patternSub(vm, self, p[0], p[1], count, subn);
    });
  }
  nativeMethod(cls, "__copy__", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "Pattern.__copy__", 1);
    return a.args[0];
  });
  nativeMethod(cls, "__deepcopy__", [](VM& vm, CallArgs& a) -> Value {
    oneArg(vm, a, "Pattern.__deepcopy__", 1);
    return a.args[0];
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    SrePatternState& ps = patternState(vm, a.args.at(0), "__repr__");
    std::string r = vm.repr(ps.source);
    if (countCodePoints(r) > 200) r = std::string(strSlice(as<StrObject>(pyStr(r)), 0, 200));
    std::string flags = flagsText(ps.flags, ps.isbytes);
    return pyStr("re.compile(" + r + (flags.empty() ? "" : ", " + flags) + ")");
  });
  nativeMethod(cls, "__eq__", [](VM& vm, CallArgs& a) -> Value {
    SrePatternState& x = patternState(vm, a.args.at(0), "__eq__");
    const Value& other = a.args.at(1);
    if (other.get() == a.args[0].get()) return pyBool(true);
    auto* y = other->kind == Kind::Instance
                  ? dynamic_cast<SrePatternState*>(as<InstanceObject>(other).native.get())
                  : nullptr;
    if (!y) return notImplemented();
    return pyBool(x.flags == y->flags && x.isbytes == y->isbytes &&
                  x.pattern->code() == y->pattern->code() && vm.equals(x.source, y->source));
  });
  nativeMethod(cls, "__ne__", [](VM& vm, CallArgs& a) -> Value {
    Value eq = vm.call(vm.getAttr(a.args.at(0), "__eq__"), std::vector<Value>{a.args.at(1)});
    if (eq->kind == Kind::NotImplemented) return eq;
    return pyBool(!vm.truthy(eq));
  });
  nativeMethod(cls, "__hash__", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(patternHash(vm, patternState(vm, a.args.at(0), "__hash__")));
  });
  nativeGetSet(cls, "pattern", [](VM& vm, const Value& self) -> Value {
    return patternState(vm, self, "pattern").source;
  });
  nativeGetSet(cls, "flags", [](VM& vm, const Value& self) -> Value {
    return pyInt(patternState(vm, self, "flags").flags);
  });
  nativeGetSet(cls, "groups", [](VM& vm, const Value& self) -> Value {
    return pyInt(patternState(vm, self, "groups").pattern->groups());
  });
  nativeGetSet(cls, "groupindex", [](VM& vm, const Value& self) -> Value {
    // a read-only view of a copy, as CPython's
    auto copy = newDict();
    as<DictObject>(patternState(vm, self, "groupindex").groupindex)
        .forEach([&](const Value& k, const Value& v) { copy->set(k, v); });
    return mappingProxy(vm, copy);
  });
}

/// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup).
Value compile(VM& vm, CallArgs& a) {
  CallArgs shifted;
  shifted.args.push_back(none());
  shifted.args.insert(shifted.args.end(), a.args.begin(), a.args.end());
  shifted.kwargs = a.kwargs;
  std::vector<Value> p =
      keywordArgs(vm, shifted, "compile",
                  {"pattern", "flags", "code", "groups", "groupindex", "indexgroup"}, 0, 6, 6);
  int flags = intArgOf(vm, p[1]);
  if (p[2]->kind != Kind::List) badArgument(vm, "compile", "3", "list", p[2]);
  int64_t groups = ssizeArgOf(vm, p[3]);
  if (p[4]->kind != Kind::Dict) badArgument(vm, "compile", "5", "dict", p[4]);
  if (p[5]->kind != Kind::Tuple) badArgument(vm, "compile", "6", "tuple", p[5]);
  std::vector<sre::Code> code;
  for (const Value& v : as<ListObject>(p[2]).items) {
    Value i = indexInt(vm, v);
    if (isBigInt(i) || asInt(i) < 0 || asInt(i) > 0xFFFFFFFFLL)
      vm.raise(vm.b().overflow_error, "regular expression code size limit exceeded");
    code.push_back(static_cast<sre::Code>(asInt(i)));
  }
  const Value& source = p[0];
  sre::PatternType type = isNone(source)                       ? sre::PatternType::None
                          : source->kind == Kind::Str          ? sre::PatternType::Str
                          : bufferView(vm, source).has_value() ? sre::PatternType::Bytes
                                                               : sre::PatternType::None;
  if (type == sre::PatternType::None && !isNone(source))
    vm.raise(vm.b().type_error,
             "expected string or bytes-like object, got '" + vm.typeOf(source)->name + "'");
  auto compiled = sre::Pattern::compile(std::move(code), flags, groups, type, dialect(vm));
  if (!compiled) raiseSreError(vm, compiled.error());
  auto state = std::make_shared<SrePatternState>();
  state->pattern = std::make_shared<const sre::Pattern>(std::move(*compiled));
  state->source = source;
  state->groupindex = p[4];
  state->indexgroup = p[5];
  state->flags = flags;
  state->isbytes = type == sre::PatternType::Bytes;
  return newNative<SrePatternState>(sreTypes(vm).pattern, state);
}

int charArg(VM& vm, CallArgs& a, const char* name) {
  CallArgs shifted;
  shifted.args.push_back(none());
  shifted.args.insert(shifted.args.end(), a.args.begin(), a.args.end());
  shifted.kwargs = a.kwargs;
  positionalArgs(vm, shifted, std::string("_sre.") + name, 1, 1, 1);
  return intArgOf(vm, a.args[0]);
}

Value classGetItem(VM& vm, CallArgs& a) {
  Value types = vm.importModule("_gbc_types", nullptr, 0);
  return vm.call(vm.getAttr(types, "_class_getitem"),
                 std::vector<Value>{a.args.at(0), a.args.at(1)});
}

SreTypes makeTypes(VM& vm) {
  SreTypes t;
  t.pattern = makeNativeType(vm, "re", "Pattern");
  t.match = makeNativeType(vm, "re", "Match");
  t.scanner = makeNativeType(vm, "_sre", "SRE_Scanner");
  t.template_ = makeNativeType(vm, "_sre", "SRE_Template");
  for (const ClassPtr& cls : {t.pattern, t.match, t.scanner, t.template_}) {
    std::string what = "cannot create '" + cls->module + "." + cls->name + "' instances";
    auto refuse = std::make_shared<BuiltinObject>(
        "__new__", [what](VM& vm, CallArgs&) -> Value { vm.raise(vm.b().type_error, what); });
    refuse->binds = false;
    cls->dict->setStr("__new__", refuse);
  }
  for (const ClassPtr& cls : {t.pattern, t.match}) {
    auto cg = std::make_shared<BuiltinObject>("__class_getitem__", classGetItem);
    cg->class_method = true;
    cg->qualname = cls->name + ".__class_getitem__";
    cls->dict->setStr("__class_getitem__", cg);
  }
  installPatternType(vm, t.pattern);
  installMatchType(vm, t.match);
  installScannerType(vm, t.scanner);
  return t;
}

}  // namespace

const SreTypes& sreTypes(VM& vm) {
  auto& entry = typeRegistry()[&vm];
  if (entry.first.lock() != vm.builtinsDict() || !entry.second.pattern) {
    entry.first = vm.builtinsDict();
    entry.second = makeTypes(vm);
  }
  return entry.second;
}

SrePatternState& patternState(VM& vm, const Value& self, const char* what) {
  return nativeState<SrePatternState>(vm, self, what);
}

void raiseSreError(VM& vm, const sre::SreError& error) {
  std::string_view type = error.pythonType();
  if (type.empty()) vm.raise(vm.b().runtime_error, "internal error in regular expression engine");
  vm.raise(vm.b().by_name.at(std::string(type)), error.message);
}

SreSubject sreSubject(VM& vm, const Value& string) {
  SreSubject s;
  s.object = string;
  if (string->kind == Kind::Str) {
    Text t = textOf(string);
    s.subject = t.subject();
    return s;
  }
  auto view = bufferView(vm, string);
  if (!view)
    vm.raise(vm.b().type_error,
             "expected string or bytes-like object, got '" + vm.typeOf(string)->name + "'");
  s.subject = sre::Subject::bytes(reinterpret_cast<const uint8_t*>(view->data()), view->size());
  s.isbytes = true;
  return s;
}

Value sreSlice(VM& vm, const Value& string, std::ptrdiff_t start, std::ptrdiff_t end) {
  if (string->kind == Kind::Str) {
    const auto& s = as<StrObject>(string);
    auto len = static_cast<std::ptrdiff_t>(strLength(s));
    start = std::min(start, len);
    end = std::min(end, len);
    if (start == 0 && end == len && !string->sub) return string;
    if (end <= start) return pyStrKnown("", 0);
    return pyStrKnown(
        std::string(strSlice(s, static_cast<size_t>(start), static_cast<size_t>(end))),
        static_cast<size_t>(end - start));
  }
  std::string_view data = bufferArg(vm, string);
  auto len = static_cast<std::ptrdiff_t>(data.size());
  start = std::min(start, len);
  end = std::min(end, len);
  if (string->kind == Kind::Bytes && !string->sub && start == 0 && end == len) return string;
  if (end <= start) return pyBytes("");
  return pyBytes(
      std::string(data.substr(static_cast<size_t>(start), static_cast<size_t>(end - start))));
}

SreScannerState::~SreScannerState() {
  if (exported && subject.object) --as<BytesObject>(subject.object).exports;
}

Value makeSreModule(VM& vm) {
  Value m = newNativeModule("_sre");
  auto& d = *as<ModuleObject>(m).dict;
  const SreTypes& types = sreTypes(vm);
  (void)types;
  moduleFunction(m, "compile", compile);
  moduleFunction(m, "template", [](VM& vm, CallArgs& a) -> Value {
    CallArgs shifted;
    shifted.args.push_back(none());
    shifted.args.insert(shifted.args.end(), a.args.begin(), a.args.end());
    shifted.kwargs = a.kwargs;
    positionalArgs(vm, shifted, "_sre.template", 2, 2, 1);
    return makeTemplate(vm, a.args[0], a.args[1]);
  });
  moduleFunction(m, "getcodesize", [](VM& vm, CallArgs& a) -> Value {
    if (!a.args.empty() || !a.kwargs.empty())
      vm.raise(vm.b().type_error, "_sre.getcodesize() takes no arguments (" +
                                      std::to_string(a.args.size()) + " given)");
    return pyInt(sre::getCodeSize());
  });
  moduleFunction(m, "ascii_iscased", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(sre::asciiIsCased(charArg(vm, a, "ascii_iscased")));
  });
  moduleFunction(m, "unicode_iscased", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(sre::unicodeIsCased(charArg(vm, a, "unicode_iscased")));
  });
  moduleFunction(m, "ascii_tolower", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(sre::asciiToLower(charArg(vm, a, "ascii_tolower")));
  });
  moduleFunction(m, "unicode_tolower", [](VM& vm, CallArgs& a) -> Value {
    return pyInt(sre::unicodeToLower(charArg(vm, a, "unicode_tolower")));
  });
  d.setStr("MAGIC", pyInt(py312(vm) ? sre::kMagic312 : sre::kMagic));
  d.setStr("CODESIZE", pyInt(sre::kCodeSize));
  d.setStr("MAXREPEAT", pyInt(static_cast<int64_t>(sre::kMaxRepeat)));
  d.setStr("MAXGROUPS", pyInt(static_cast<int64_t>(sre::kMaxGroups)));
  d.setStr("copyright", pyStr(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "));
  return m;
}

}  // namespace gbc::interp
