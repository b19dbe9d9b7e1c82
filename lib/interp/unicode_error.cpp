// UnicodeDecodeError and UnicodeEncodeError as CPython has them (Objects/exceptions.c): built
// from (encoding, object, start, end, reason), with those attributes (writable), and the str()
// "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte" computed from them.
#include "interp/native_args.h"
#include "interp/native_type.h"
#include "interp/text_codec.h"

namespace gbc::interp {

namespace {

struct UnicodeErrorState : NativeState {
  Value encoding, object, start, end, reason;
};

UnicodeErrorState* stateOf(const Value& e) {
  if (e->kind != Kind::Instance) return nullptr;
  return dynamic_cast<UnicodeErrorState*>(as<InstanceObject>(e).native.get());
}

UnicodeErrorState& stateFor(const Value& e) {
  auto& inst = as<InstanceObject>(e);
  if (auto* s = dynamic_cast<UnicodeErrorState*>(inst.native.get())) return *s;
  auto s = std::make_shared<UnicodeErrorState>();
  inst.native = s;
  return *s;
}

std::string escapeChar(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, cp <= 0xff ? "\\x%02x" : cp <= 0xffff ? "\\u%04x" : "\\U%08x", cp);
  return buf;
}

void init(VM& vm, const Value& self, const std::vector<Value>& args, bool decode) {
  if (args.size() != 5)
    vm.raise(vm.b().type_error,
             "function takes exactly 5 arguments (" + std::to_string(args.size()) + " given)");
  if (args[0]->kind != Kind::Str)
    vm.raise(vm.b().type_error, "argument 1 must be str, not " + vm.typeOf(args[0])->name);
  if (decode && args[1]->kind != Kind::Bytes)
    vm.raise(vm.b().type_error,
             "a bytes-like object is required, not '" + vm.typeOf(args[1])->name + "'");
  if (!decode && args[1]->kind != Kind::Str)
    vm.raise(vm.b().type_error, "argument 2 must be str, not " + vm.typeOf(args[1])->name);
  for (size_t i : {2, 3})
    if (!isInt(args[i]))
      vm.raise(vm.b().type_error,
               "'" + vm.typeOf(args[i])->name + "' object cannot be interpreted as an integer");
  if (args[4]->kind != Kind::Str)
    vm.raise(vm.b().type_error, "argument 5 must be str, not " + vm.typeOf(args[4])->name);
  UnicodeErrorState& s = stateFor(self);
  s.encoding = args[0];
  s.object = args[1];
  s.start = args[2];
  s.end = args[3];
  s.reason = args[4];
  as<InstanceObject>(self).dict->setStr("args", pyTuple(args));
}

void install(const ClassPtr& cls, bool decode) {
  checkedNativeMethod(cls, "__init__", [decode](VM& vm, CallArgs& a) -> Value {
    if (!a.kwargs.empty())
      vm.raise(vm.b().type_error, vm.typeOf(a.args.at(0))->name + "() takes no keyword arguments");
    init(vm, a.args.at(0), std::vector<Value>(a.args.begin() + 1, a.args.end()), decode);
    return none();
  });
  checkedNativeMethod(cls, "__str__", [decode](VM& vm, CallArgs& a) -> Value {
    UnicodeErrorState* s = stateOf(a.args.at(0));
    if (!s || !s->object) return pyStr("");
    int64_t start = asInt(s->start), end = asInt(s->end);
    std::string head =
        "'" + vm.str(s->encoding) + "' codec can't " + (decode ? "decode " : "encode ");
    std::string tail = ": " + vm.str(s->reason);
    if (decode) {
      const std::string& b = as<BytesObject>(s->object).v;
      if (start >= 0 && start < static_cast<int64_t>(b.size()) && end == start + 1) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%02x",
                      static_cast<unsigned char>(b[static_cast<size_t>(start)]));
        return pyStr(head + "byte 0x" + buf + " in position " + std::to_string(start) + tail);
      }
    } else {
      const std::string& str = asStr(s->object);
      if (start >= 0 && start < static_cast<int64_t>(codePoints(str)) && end == start + 1) {
        size_t at = byteOffset(str, static_cast<size_t>(start));
        std::string ch = str.substr(at, byteOffset(std::string_view(str).substr(at), 1));
        uint32_t cp = 0;
        unsigned char c = static_cast<unsigned char>(ch[0]);
        cp = c < 0x80 ? c : c < 0xE0 ? c & 0x1F : c < 0xF0 ? c & 0x0F : c & 0x07;
        for (size_t k = 1; k < ch.size(); ++k)
          cp = (cp << 6) | (static_cast<unsigned char>(ch[k]) & 0x3F);
        return pyStr(head + "character '" + escapeChar(cp) + "' in position " +
                     std::to_string(start) + tail);
      }
    }
    return pyStr(head + (decode ? "bytes" : "characters") + " in position " +
                 std::to_string(start) + "-" + std::to_string(end - 1) + tail);
  });
  for (auto [name, member] : {std::pair{"encoding", &UnicodeErrorState::encoding},
                              {"object", &UnicodeErrorState::object},
                              {"start", &UnicodeErrorState::start},
                              {"end", &UnicodeErrorState::end},
                              {"reason", &UnicodeErrorState::reason}}) {
    std::string attr = name;
    nativeGetSet(
        cls, attr,
        [member, attr](VM& vm, const Value& e) -> Value {
          UnicodeErrorState* s = stateOf(e);
          if (!s || !(s->*member)) vm.raise(vm.b().attribute_error, attr + " attribute not set");
          return s->*member;
        },
        [member](VM&, const Value& e, const Value& v) { stateFor(e).*member = v; });
  }
}

}  // namespace

void installUnicodeErrors(VM& vm) {
  install(vm.b().by_name.at("UnicodeDecodeError"), true);
  install(vm.b().by_name.at("UnicodeEncodeError"), false);
}

Value makeUnicodeError(VM& vm, bool decode, const std::string& encoding, Value object,
                       int64_t start, int64_t end, const std::string& reason) {
  ClassPtr cls = vm.b().by_name.at(decode ? "UnicodeDecodeError" : "UnicodeEncodeError");
  auto inst = std::make_shared<InstanceObject>(cls);
  init(vm, inst, {pyStr(encoding), std::move(object), pyInt(start), pyInt(end), pyStr(reason)},
       decode);
  return inst;
}

}  // namespace gbc::interp
