// str.encode and bytes.decode over the native codecs of text_codec.h (utf-8, utf-8-sig,
// latin-1, ascii and their error handlers): what os.fsencode / os.fsdecode and os.environ
// need (surrogateescape), with CPython's argument checks.
#include "interp/native_args.h"
#include "interp/text_codec.h"

namespace gbc::interp {

namespace {

/// encoding / errors of encode() and decode(), checked as Argument Clinic does.
void codecArgs(VM& vm, CallArgs& a, const char* fname, std::string& encoding, std::string& errors) {
  static const std::vector<std::string_view> params{"encoding", "errors"};
  ArgSpec spec{fname, params, 0};
  std::vector<Value> v = bindArgs(vm, a, spec, 1);
  encoding = v[0] ? strArg(vm, v[0], fname, "encoding") : "utf-8";
  errors = v[1] ? strArg(vm, v[1], fname, "errors") : "strict";
}

void receiver(VM& vm, CallArgs& a, Kind kind, const char* method, const char* type) {
  if (a.args.empty() || a.args[0]->kind != kind)
    vm.raise(vm.b().type_error, std::string("descriptor '") + method + "' for '" + type +
                                    "' objects doesn't apply to a '" +
                                    (a.args.empty() ? "nothing" : vm.typeOf(a.args[0])->name) +
                                    "' object");
}

}  // namespace

void installStrCodecs(VM& vm) {
  auto encode = std::make_shared<BuiltinObject>("encode", [](VM& vm, CallArgs& a) -> Value {
    receiver(vm, a, Kind::Str, "encode", "str");
    std::string encoding, errors;
    codecArgs(vm, a, "encode", encoding, errors);
    Codec codec = lookupCodec(vm, encoding);
    return pyBytes(encodeText(vm, codec, asStr(a.args[0]), errors));
  });
  encode->qualname = "str.encode";
  encode->id = "str.encode";
  vm.b().str->dict->setStr("encode", encode);
  auto decode = std::make_shared<BuiltinObject>("decode", [](VM& vm, CallArgs& a) -> Value {
    receiver(vm, a, Kind::Bytes, "decode", "bytes");
    std::string encoding, errors;
    codecArgs(vm, a, "decode", encoding, errors);
    Codec codec = lookupCodec(vm, encoding);
    return pyStr(decodeText(vm, codec, as<BytesObject>(a.args[0]).v, errors, true));
  });
  decode->qualname = "bytes.decode";
  decode->id = "bytes.decode";
  vm.b().bytes->dict->setStr("decode", decode);
}

}  // namespace gbc::interp
