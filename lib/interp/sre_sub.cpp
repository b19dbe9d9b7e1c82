// Pattern.sub / subn, Match.expand and _sre.template (CPython's pattern_subx, expand_template,
// _sre_template_impl): a replacement is a callable, a literal (no backslash), or a template that
// re._compile_template makes from it (CPython's _sre calls back into the re package for that).
#include "interp/bytes_ops.h"
#include "interp/native_type.h"
#include "interp/sre_objects.h"
#include "interp/text.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

namespace sre = native::sre;

/// The joined pieces of a sub() or expand(), checked as PyUnicode_Join / _PyBytes_Join check
/// their items.
class Joiner {
 public:
  Joiner(VM& vm, bool isbytes) : vm_(vm), isbytes_(isbytes) {}

  void addText(std::string_view s) {
    out_ += s;
    ++items_;
  }
  void addObject(const Value& v) {
    if (isbytes_) {
      auto view = bufferView(vm_, v);
      if (!view)
        vm_.raise(vm_.b().type_error, "sequence item " + std::to_string(items_) +
                                          ": expected a bytes-like object, " + vm_.typeOf(v)->name +
                                          " found");
      out_ += *view;
    } else {
      if (v->kind != Kind::Str)
        vm_.raise(vm_.b().type_error, "sequence item " + std::to_string(items_) +
                                          ": expected str instance, " + vm_.typeOf(v)->name +
                                          " found");
      out_ += asStr(v);
    }
    ++items_;
  }
  Value result() { return isbytes_ ? pyBytes(std::move(out_)) : pyStr(std::move(out_)); }

 private:
  VM& vm_;
  bool isbytes_;
  std::string out_;
  size_t items_ = 0;
};

/// The characters [start, end) of a subject as UTF-8 or bytes.
std::string_view subjectPiece(VM& vm, const Value& string, std::ptrdiff_t start,
                              std::ptrdiff_t end) {
  if (string->kind == Kind::Str)
    return strSlice(as<StrObject>(string), static_cast<size_t>(start), static_cast<size_t>(end));
  return bufferArg(vm, string).substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
}

/// Expands a template into a joiner.
class TemplateInto : public sre::TemplateSink {
 public:
  TemplateInto(VM& vm, const SreTemplateState& t, const Value& string, Joiner& out)
      : vm_(vm), t_(t), string_(string), out_(out) {}
  void appendLiteral(size_t index) override {
    const Value& lit = t_.literals[index];
    if (!isNone(lit)) out_.addObject(lit);
  }
  void appendGroup(sre::Span span) override {
    out_.addText(subjectPiece(vm_, string_, span.start, span.end));
  }

 private:
  VM& vm_;
  const SreTemplateState& t_;
  Value string_;
  Joiner& out_;
};

SreTemplateState& templateState(VM& vm, const Value& v) {
  return nativeState<SreTemplateState>(vm, v, "template");
}

/// re._compile_template(pattern, repl): CPython's _sre delegates to the re package.
Value compileTemplate(VM& vm, const Value& pattern, const Value& repl) {
  Value re = vm.importModule("re", nullptr, 0);
  Value fn = vm.getAttr(re, "_compile_template");
  try {
    return vm.call(fn, std::vector<Value>{pattern, repl});
  } catch (PyRaise& e) {
    // an unhashable replacement (bytearray) for the lru_cache: retry with its basic type
    if (!vm.isInstance(e.exc, vm.b().type_error.get()) || repl->kind == Kind::Str ||
        repl->kind == Kind::Bytes)
      throw;
    Value basic = repl->kind == Kind::Str || repl->sub ? pyStr(vm.str(repl))
                                                       : pyBytes(std::string(bufferArg(vm, repl)));
    return vm.call(fn, std::vector<Value>{pattern, basic});
  }
}

Value expandWith(VM& vm, const Value& tmpl, const SreMatchState& m) {
  SreTemplateState& t = templateState(vm, tmpl);
  SrePatternState& ps = patternState(vm, m.pattern, "expand");
  Joiner out(vm, ps.isbytes);
  TemplateInto sink(vm, t, m.string, out);
  auto r = t.tmpl->expand(m.m, sink);
  if (!r) raiseSreError(vm, r.error());
  return out.result();
}

/// sub()'s loop: slices between matches and each replacement.
class SubInto : public sre::SubSink {
 public:
  enum class Kind { Callable, Literal, Template };
  SubInto(VM& vm, const Value& pattern, const Value& string, Kind kind, const Value& filter,
          bool isbytes)
      : vm_(vm),
        pattern_(pattern),
        string_(string),
        kind_(kind),
        filter_(filter),
        out_(vm, isbytes) {}

  void appendSlice(std::ptrdiff_t start, std::ptrdiff_t end) override {
    if (start < end) out_.addText(subjectPiece(vm_, string_, start, end));
  }
  bool appendReplacement(const sre::Match& match) override {
    try {
      switch (kind_) {
        case Kind::Literal:
          out_.addObject(filter_);
          break;
        case Kind::Callable: {
          Value m = newMatch(vm_, pattern_, string_, match);
          Value r = vm_.call(filter_, std::vector<Value>{m});
          if (!isNone(r)) out_.addObject(r);
          break;
        }
        case Kind::Template: {
          SreTemplateState& t = templateState(vm_, filter_);
          TemplateInto sink(vm_, t, string_, out_);
          auto r = t.tmpl->expand(match, sink);
          if (!r) raiseSreError(vm_, r.error());
          break;
        }
      }
      return true;
    } catch (...) {
      pending_ = std::current_exception();
      return false;
    }
  }
  void rethrow() {
    if (pending_) std::rethrow_exception(pending_);
  }
  Value result() { return out_.result(); }

 private:
  VM& vm_;
  Value pattern_, string_;
  Kind kind_;
  Value filter_;
  Joiner out_;
  std::exception_ptr pending_;
};

}  // namespace

Value makeTemplate(VM& vm, const Value& pattern, const Value& tmpl) {
  (void)pattern;
  if (tmpl->kind != Kind::List) {
    vm.raise(vm.b().type_error, "template() argument 2 must be list, not " + vm.typeOf(tmpl)->name);
  }
  const auto& items = as<ListObject>(tmpl).items;
  size_t n = items.size();
  if ((n & 1) == 0 || n < 1) vm.raise(vm.b().type_error, "invalid template");
  auto state = std::make_shared<SreTemplateState>();
  std::vector<std::ptrdiff_t> groups;
  std::vector<bool> empty;
  auto isEmpty = [](const Value& lit) {
    return (lit->kind == Kind::Str && asStr(lit).empty()) ||
           (lit->kind == Kind::Bytes && bytesOf(lit).empty());
  };
  state->literals.push_back(items[0]);
  empty.push_back(isNone(items[0]) || isEmpty(items[0]));
  for (size_t i = 0; i < n / 2; ++i) {
    const Value& g = items[2 * i + 1];
    if (!isInt(g))
      vm.raise(vm.b().type_error,
               "'" + vm.typeOf(g)->name + "' object cannot be interpreted as an integer");
    if (isBigInt(g) || asInt(g) < 0) vm.raise(vm.b().type_error, "invalid template");
    groups.push_back(static_cast<std::ptrdiff_t>(asInt(g)));
    const Value& lit = items[2 * i + 2];
    bool e = isEmpty(lit);
    empty.push_back(e || isNone(lit));
    state->literals.push_back(e ? none() : lit);
  }
  auto t = sre::Template::make(std::move(groups), std::move(empty));
  if (!t) raiseSreError(vm, t.error());
  state->tmpl = std::make_shared<const sre::Template>(std::move(*t));
  return newNative<SreTemplateState>(sreTypes(vm).template_, state);
}

Value matchExpand(VM& vm, const Value& match, const Value& tmpl) {
  auto& m = nativeState<SreMatchState>(vm, match, "expand");
  Value t = compileTemplate(vm, m.pattern, tmpl);
  return expandWith(vm, t, m);
}

Value patternSub(VM& vm, const Value& self, const Value& repl, const Value& string, int64_t count,
                 bool subn) {
  SrePatternState& ps = patternState(vm, self, "sub");
  SubInto::Kind kind;
  Value filter = repl;
  if (vm.isCallable(repl)) {
    kind = SubInto::Kind::Callable;
  } else {
    bool literal;
    if (repl->kind == Kind::Str) {
      literal = asStr(repl).find('\\') == std::string::npos;
    } else if (auto view = bufferView(vm, repl)) {
      literal = view->find('\\') == std::string_view::npos;
    } else {
      vm.raise(vm.b().type_error, "expected str instance, " + vm.typeOf(repl)->name + " found");
    }
    if (literal) {
      kind = SubInto::Kind::Literal;
    } else {
      filter = compileTemplate(vm, self, repl);
      SreTemplateState& t = templateState(vm, filter);
      if (t.tmpl->isLiteral()) {
        kind = SubInto::Kind::Literal;
        filter = isNone(t.literals[0]) ? (ps.isbytes ? pyBytes("") : pyStr("")) : t.literals[0];
      } else {
        kind = SubInto::Kind::Template;
      }
    }
  }
  SreSubject s = sreSubject(vm, string);
  SubInto sink(vm, self, string, kind, filter, s.isbytes);
  auto r = ps.pattern->sub(s.subject, count, sink, {});
  sink.rethrow();
  if (!r) raiseSreError(vm, r.error());
  Value out = sink.result();
  if (subn) return pyTuple({out, pyInt(static_cast<int64_t>(*r))});
  return out;
}

}  // namespace gbc::interp
