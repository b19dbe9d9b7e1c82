// str.encode / bytes.decode and the codec and error-handler registries (codecs.h), after
// CPython's PyUnicode_AsEncodedString / PyUnicode_Decode (their fast paths) and
// Python/codecs.c (_PyCodec_Lookup, _PyCodec_EncodeText, _PyCodec_DecodeText).
#include "interp/codecs.h"

#include "interp/bytes_ops.h"
#include "interp/codec_engine.h"
#include "interp/codec_registry.h"
#include "interp/memoryview.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

std::unordered_map<const VM*, CodecRegistry>& registries() {
  static std::unordered_map<const VM*, CodecRegistry> map;
  return map;
}

/// The fast-path codecs, by CPython's normalized names.
enum class FastCodec { None, Utf8, Utf16, Utf32, Ascii, Latin1 };

FastCodec fastCodec(std::string_view encoding) {
  std::string n = normalizeEncodingName(encoding);
  std::string_view s = n;
  if (s.substr(0, 3) == "utf") {
    s.remove_prefix(3);
    if (!s.empty() && s[0] == '_') s.remove_prefix(1);
    if (s == "8") return FastCodec::Utf8;
    if (s == "16") return FastCodec::Utf16;
    if (s == "32") return FastCodec::Utf32;
    return FastCodec::None;
  }
  if (s == "ascii" || s == "us_ascii") return FastCodec::Ascii;
  if (s == "latin1" || s == "latin_1" || s == "iso_8859_1" || s == "iso8859_1")
    return FastCodec::Latin1;
  return FastCodec::None;
}

/// A text encoding's CodecInfo (LookupError for a codec that is not one).
Value textCodec(VM& vm, std::string_view encoding, const char* use) {
  Value info = codecLookup(vm, encoding);
  Value is_text = vm.getAttrOrNull(info, "_is_text_encoding");
  if (is_text && !vm.truthy(is_text))
    vm.raise(vm.b().lookup_error, "'" + std::string(encoding) + "' is not a text encoding; use " +
                                      use + " to handle arbitrary codecs");
  return info;
}

}  // namespace

std::string normalizeEncodingName(std::string_view encoding) {
  std::string out;
  bool punct = false;
  for (char c : encoding) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.') {
      if (punct && !out.empty()) out += '_';
      punct = false;
      out += static_cast<char>(std::tolower(u));
    } else {
      punct = true;
    }
  }
  return out;
}

CodecRegistry& codecRegistry(VM& vm) {
  CodecRegistry& r = registries()[&vm];
  // (an entry of an earlier VM at the same address is not this one's)
  if (r.owner.lock() != vm.builtinsDict()) {
    r = CodecRegistry{};
    r.owner = vm.builtinsDict();
  }
  return r;
}

Value codecLookup(VM& vm, std::string_view encoding) {
  CodecRegistry& reg = codecRegistry(vm);
  std::string key = normalizeEncodingName(encoding);
  if (auto it = reg.cache.find(key); it != reg.cache.end()) return it->second;
  if (!reg.initialized) {
    reg.initialized = true;
    try {
      vm.importModule("encodings", nullptr, 0);
    } catch (PyRaise&) {
      reg.import_failed = true;
    }
  }
  CodecRegistry& r = codecRegistry(vm);
  std::vector<Value> search = r.search;
  for (const Value& fn : search) {
    Value result = vm.call(fn, std::vector<Value>{pyStr(key)});
    if (isNone(result)) continue;
    if (result->kind != Kind::Tuple || as<TupleObject>(result).items.size() != 4)
      vm.raise(vm.b().type_error, "codec search functions must return 4-tuples");
    codecRegistry(vm).cache[key] = result;
    return result;
  }
  std::string message = "unknown encoding: " + std::string(encoding);
  if (codecRegistry(vm).import_failed)
    vm.raiseGap(
        vm.b().lookup_error, message,
        "the codec '" + std::string(encoding) + "' (gbc cannot import the encodings package)");
  vm.raise(vm.b().lookup_error, message);
}

Value lookupErrorHandler(VM& vm, std::string_view name) {
  CodecRegistry& reg = codecRegistry(vm);
  auto it = reg.errors.find(std::string(name));
  if (it != reg.errors.end()) return it->second;
  if (Value builtin = builtinErrorHandler(vm, name)) return builtin;
  vm.raise(vm.b().lookup_error, "unknown error handler name '" + std::string(name) + "'");
}

Value encodeStr(VM& vm, const Value& str, std::string_view encoding, std::string_view errors) {
  switch (fastCodec(encoding)) {
    case FastCodec::Utf8:
      return pyBytes(encodeUtf8(vm, str, errors));
    case FastCodec::Utf16:
      return pyBytes(encodeUtf16(vm, str, errors, 0));
    case FastCodec::Utf32:
      return pyBytes(encodeUtf32(vm, str, errors, 0));
    case FastCodec::Ascii:
      return pyBytes(encodeLatin1(vm, str, errors, 128));
    case FastCodec::Latin1:
      return pyBytes(encodeLatin1(vm, str, errors, 256));
    case FastCodec::None:
      break;
  }
  Value info = textCodec(vm, encoding, "codecs.encode()");
  Value encoder = as<TupleObject>(info).items[0];
  Value r = vm.call(encoder, std::vector<Value>{str, pyStr(std::string(errors))});
  if (r->kind != Kind::Tuple || as<TupleObject>(r).items.size() != 2)
    vm.raise(vm.b().type_error, "encoder must return a tuple (object, integer)");
  Value out = as<TupleObject>(r).items[0];
  if (out->kind == Kind::ByteArray) return pyBytes(bytesOf(out));
  if (out->kind != Kind::Bytes)
    vm.raise(vm.b().type_error, "'" + std::string(encoding) + "' encoder returned '" +
                                    vm.typeOf(out)->name +
                                    "' instead of 'bytes'; use codecs.encode() to encode to "
                                    "arbitrary types");
  return out;
}

Value decodeBytes(VM& vm, const Value& obj, std::string_view data, std::string_view encoding,
                  std::string_view errors) {
  Value bytes_obj = obj && obj->kind == Kind::Bytes ? obj : nullptr;
  switch (fastCodec(encoding)) {
    case FastCodec::Utf8:
      return pyStr(decodeUtf8(vm, data, bytes_obj, errors, true).text);
    case FastCodec::Utf16:
      return pyStr(decodeUtf16(vm, data, bytes_obj, errors, 0, true).text);
    case FastCodec::Utf32:
      return pyStr(decodeUtf32(vm, data, bytes_obj, errors, 0, true).text);
    case FastCodec::Ascii:
      return pyStr(decodeLatin1(vm, data, bytes_obj, errors, true).text);
    case FastCodec::Latin1:
      return pyStr(decodeLatin1(vm, data, bytes_obj, errors, false).text);
    case FastCodec::None:
      break;
  }
  Value info = textCodec(vm, encoding, "codecs.decode()");
  Value decoder = as<TupleObject>(info).items[1];
  // CPython hands the decoder a memoryview of the bytes
  Value view = newMemoryView(vm, pyBytes(std::string(data)));
  Value r = vm.call(decoder, std::vector<Value>{view, pyStr(std::string(errors))});
  if (r->kind != Kind::Tuple || as<TupleObject>(r).items.size() != 2)
    vm.raise(vm.b().type_error, "decoder must return a tuple (object,integer)");
  Value out = as<TupleObject>(r).items[0];
  if (out->kind != Kind::Str)
    vm.raise(vm.b().type_error, "'" + std::string(encoding) + "' decoder returned '" +
                                    vm.typeOf(out)->name +
                                    "' instead of 'str'; use codecs.decode() to decode to "
                                    "arbitrary types");
  return out;
}

}  // namespace gbc::interp
