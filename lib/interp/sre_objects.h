// The Python objects of the _sre module (CPython's Modules/_sre/sre.c) over lib/native/sre:
// re.Pattern, re.Match, _sre.SRE_Scanner and _sre.SRE_Template, shared by mod_sre.cpp (the
// module, Pattern), sre_match.cpp (Match, Scanner) and sre_sub.cpp (sub, templates).
// Positions are code points for str subjects (the engine runs on text.h's code points).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interp/value.h"
#include "native/sre/pattern.h"
#include "native/sre/template.h"

namespace gbc::interp {

/// The classes of one _sre module.
struct SreTypes {
  ClassPtr pattern, match, scanner, template_;
};
/// The types of the VM's _sre module (made on first use).
const SreTypes& sreTypes(VM& vm);

struct SrePatternState : NativeState {
  std::shared_ptr<const native::sre::Pattern> pattern;
  Value source;      ///< Pattern.pattern: the str, bytes or None it was compiled from
  Value groupindex;  ///< dict name -> group number
  Value indexgroup;  ///< tuple group number -> name or None
  int flags = 0;
  bool isbytes = false;
};

/// A subject: its characters as the engine reads them (kept alive by `object`).
struct SreSubject {
  Value object;
  native::sre::Subject subject;
  bool isbytes = false;
};

struct SreMatchState : NativeState {
  Value pattern;  ///< the re.Pattern
  Value string;   ///< the subject object
  native::sre::Match m;
};

struct SreScannerState : NativeState {
  Value pattern;
  SreSubject subject;
  std::unique_ptr<native::sre::Scanner> scanner;
  bool exported = false;  ///< counted in a bytearray subject's exports
  ~SreScannerState() override;
};

struct SreTemplateState : NativeState {
  std::shared_ptr<const native::sre::Template> tmpl;
  std::vector<Value> literals;  ///< literal 0 .. groupCount(), each a str/bytes or None
};

SrePatternState& patternState(VM& vm, const Value& self, const char* what);
/// The subject of a match (TypeError "expected string or bytes-like object, got 'int'").
SreSubject sreSubject(VM& vm, const Value& string);
/// Raises the exception an engine error stands for.
[[noreturn]] void raiseSreError(VM& vm, const native::sre::SreError& error);
/// A re.Match for a match of `pattern` over `string`.
Value newMatch(VM& vm, const Value& pattern, const Value& string, native::sre::Match m);
/// string[start:end] as Match.group gives it (a str, or bytes for any bytes-like subject), the
/// positions clamped to the subject's length.
Value sreSlice(VM& vm, const Value& string, std::ptrdiff_t start, std::ptrdiff_t end);
/// Pattern.sub / subn.
Value patternSub(VM& vm, const Value& self, const Value& repl, const Value& string, int64_t count,
                 bool subn);
/// Match.expand.
Value matchExpand(VM& vm, const Value& match, const Value& tmpl);
/// _sre.template(pattern, template).
Value makeTemplate(VM& vm, const Value& pattern, const Value& tmpl);

void installMatchType(VM& vm, const ClassPtr& cls);
void installScannerType(VM& vm, const ClassPtr& cls);

}  // namespace gbc::interp
