// _io.IncrementalNewlineDecoder, after CPython 3.14's Modules/_io/textio.c: wraps an incremental
// decoder (or none: str input) and turns "\r\n" and "\r" into "\n" when translating, holding a
// final "\r" until the next input shows whether "\n" follows; it records the newlines seen.
#include "interp/io_internal.h"

namespace gbc::interp {

namespace {

struct NewlineState : NativeState {
  Value decoder;  // None: input is str
  bool translate = false, pendingcr = false, initialized = false;
  int seennl = 0;
};

NewlineState& stateOf(VM& vm, const Value& self, const char* what) {
  NewlineState& s = nativeState<NewlineState>(vm, self, what);
  if (!s.initialized)
    vm.raise(vm.b().value_error, "IncrementalNewlineDecoder.__init__() not called");
  return s;
}

std::string decode(VM& vm, NewlineState& s, const Value& input, bool final) {
  Value out = input;
  if (!isNone(s.decoder)) {
    CallArgs c;
    c.args = {input};
    c.kwargs = {{"final", pyBool(final)}};
    out = vm.call(vm.getAttr(s.decoder, "decode"), c);
  }
  if (out->kind != Kind::Str)
    vm.raise(vm.b().type_error,
             "decoder should return a string result, not '" + vm.typeOf(out)->name + "'");
  std::string text = asStr(out);
  if (s.pendingcr && (final || !text.empty())) {
    text.insert(text.begin(), '\r');
    s.pendingcr = false;
  }
  if (!final && !text.empty() && text.back() == '\r') {
    text.pop_back();
    s.pendingcr = true;
  }
  std::string res;
  res.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      s.seennl |= 4;
      res += s.translate ? "\n" : "\r\n";
      ++i;
    } else if (text[i] == '\r') {
      s.seennl |= 2;
      res += s.translate ? '\n' : '\r';
    } else {
      if (text[i] == '\n') s.seennl |= 1;
      res += text[i];
    }
  }
  return res;
}

}  // namespace

void installNewlineDecoder(VM& vm, const std::shared_ptr<IoTypes>& t) {
  ClassPtr cls = makeNativeType(vm, "_io", "IncrementalNewlineDecoder");
  t->newline_decoder = cls;
  nativeNew<NewlineState>(cls);
  checkedNativeMethod(cls, "__init__", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"IncrementalNewlineDecoder", {"decoder", "translate", "errors"}, 2};
    std::vector<Value> v = bindArgs(vm, a, spec, 1);
    NewlineState& s = nativeState<NewlineState>(vm, a.args.at(0), "__init__");
    s.decoder = v[0];
    s.translate = vm.truthy(v[1]);
    s.pendingcr = false;
    s.seennl = 0;
    s.initialized = true;
    return none();
  });
  checkedNativeMethod(cls, "decode", [](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"decode", {"input", "final"}, 1};
    std::vector<Value> v = bindArgs(vm, a, spec, 1);
    NewlineState& s = stateOf(vm, a.args.at(0), "decode");
    return pyStr(decode(vm, s, v[0], v[1] && vm.truthy(v[1])));
  });
  checkedNativeMethod(cls, "getstate", [](VM& vm, CallArgs& a) -> Value {
    NewlineState& s = stateOf(vm, a.args.at(0), "getstate");
    Value buffer = pyBytes("");
    int64_t flag = 0;
    if (!isNone(s.decoder)) {
      Value st = vm.callMethod(s.decoder, "getstate", {});
      if (st->kind != Kind::Tuple || as<TupleObject>(st).items.size() != 2)
        vm.raise(vm.b().type_error, "illegal decoder state");
      buffer = as<TupleObject>(st).items[0];
      flag = ssizeArg(vm, as<TupleObject>(st).items[1]);
    }
    flag = (flag << 1) | (s.pendingcr ? 1 : 0);
    return pyTuple({buffer, pyInt(flag)});
  });
  checkedNativeMethod(cls, "setstate", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "setstate", 1, 1, 1);
    NewlineState& s = stateOf(vm, a.args[0], "setstate");
    const Value& st = a.args[1];
    if (st->kind != Kind::Tuple) vm.raise(vm.b().type_error, "state argument must be a tuple");
    const auto& items = as<TupleObject>(st).items;
    if (items.size() != 2) vm.raise(vm.b().type_error, "state argument must be a tuple");
    int64_t flag = ssizeArg(vm, items[1]);
    s.pendingcr = flag & 1;
    if (!isNone(s.decoder))
      vm.callMethod(s.decoder, "setstate", {pyTuple({items[0], pyInt(flag >> 1)})});
    return none();
  });
  checkedNativeMethod(cls, "reset", [](VM& vm, CallArgs& a) -> Value {
    NewlineState& s = stateOf(vm, a.args.at(0), "reset");
    s.seennl = 0;
    s.pendingcr = false;
    if (!isNone(s.decoder)) vm.callMethod(s.decoder, "reset", {});
    return none();
  });
  nativeGetSet(cls, "newlines", [](VM& vm, const Value& self) -> Value {
    int seen = stateOf(vm, self, "newlines").seennl;
    static const char* const one[] = {nullptr, "\n", "\r", nullptr, "\r\n"};
    if (seen == 1 || seen == 2 || seen == 4) return pyStr(one[seen]);
    std::vector<Value> parts;
    if (seen & 2) parts.push_back(pyStr("\r"));
    if (seen & 1) parts.push_back(pyStr("\n"));
    if (seen & 4) parts.push_back(pyStr("\r\n"));
    return parts.empty() ? none() : pyTuple(std::move(parts));
  });
}

}  // namespace gbc::interp
