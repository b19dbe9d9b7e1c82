// The charmap codec (codec_engine.h), which the 8-bit codecs of the encodings package
// (cp1252, iso8859_15, koi8_r, ...) are made of: decoding through a 256-character table or any
// mapping, encoding through an EncodingMap (codecs.charmap_build) or any mapping, with
// CPython's messages.
#include "interp/bytes_ops.h"
#include "interp/codec_engine.h"
#include "interp/native_type.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

/// codecs.charmap_build's result: code point -> byte.
struct EncodingMapState : NativeState {
  std::unordered_map<char32_t, uint8_t> map;
};

EncodingMapState* encodingMap(const Value& v) {
  if (v->kind != Kind::Instance) return nullptr;
  return dynamic_cast<EncodingMapState*>(as<InstanceObject>(v).native.get());
}

/// Encodes one character through the mapping; false when it maps to nothing.
bool encodeThrough(VM& vm, const Value& mapping, char32_t c, std::string& out) {
  if (EncodingMapState* m = encodingMap(mapping)) {
    auto it = m->map.find(c);
    if (it == m->map.end()) return false;
    out += static_cast<char>(it->second);
    return true;
  }
  Value item;
  try {
    item = vm.getItem(mapping, pyInt(c));
  } catch (PyRaise& e) {
    if (!vm.isInstance(e.exc, vm.b().lookup_error.get())) throw;
    return false;
  }
  if (isNone(item)) return false;
  if (isInt(item)) {
    if (isBigInt(item) || asInt(item) < 0 || asInt(item) > 255)
      vm.raise(vm.b().type_error, "character mapping must be in range(256)");
    out += static_cast<char>(asInt(item));
    return true;
  }
  if (item->kind == Kind::Bytes) {
    out += bytesOf(item);
    return true;
  }
  vm.raise(vm.b().type_error,
           "character mapping must return integer, bytes or None, not " + vm.typeOf(item)->name);
}

}  // namespace

ClassPtr makeEncodingMapType(VM& vm) {
  ClassPtr cls = makeNativeType(vm, "builtins", "EncodingMap");
  nativeMethod(cls, "size", [](VM& vm, CallArgs& a) -> Value {
    auto& s = nativeState<EncodingMapState>(vm, a.args.at(0), "size");
    return pyInt(static_cast<int64_t>(s.map.size()));
  });
  return cls;
}

Value buildCharmap(VM& vm, const Value& table, const ClassPtr& map_type) {
  if (table->kind != Kind::Str || strLength(table) != 256)
    vm.raise(vm.b().type_error, "bad argument type for built-in operation");
  Text t = textOf(table);
  // CPython makes a dict where the fast map cannot serve: U+0000 not first, or a character
  // beyond the BMP
  bool need_dict = t[0] != 0;
  for (size_t i = 0; i < t.size() && !need_dict; ++i) need_dict = t[i] > 0xFFFF;
  if (need_dict) {
    auto d = newDict();
    for (size_t i = 0; i < t.size(); ++i) d->set(pyInt(t[i]), pyInt(static_cast<int64_t>(i)));
    return d;
  }
  auto state = std::make_shared<EncodingMapState>();
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i] != 0xFFFE) state->map.emplace(t[i], static_cast<uint8_t>(i));
  return newNative<EncodingMapState>(map_type, state);
}

std::string encodeCharmap(VM& vm, const Value& str, std::string_view errors, const Value& mapping) {
  if (isNone(mapping)) return encodeLatin1(vm, str, errors, 256);
  EncodeErrors errs(vm, "charmap", errors, str);
  Text t = textOf(str);
  std::string out;
  auto encodeChar = [&](char32_t c, std::string& o) { return encodeThrough(vm, mapping, c, o); };
  for (size_t i = 0; i < t.size();) {
    if (encodeThrough(vm, mapping, t[i], out)) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < t.size()) {
      std::string probe;
      if (encodeThrough(vm, mapping, t[end], probe)) break;
      ++end;
    }
    i = errs.handle(out, i, end, "character maps to <undefined>", encodeChar);
  }
  return out;
}

Decoded decodeCharmap(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                      const Value& mapping) {
  if (isNone(mapping)) return decodeLatin1(vm, data, obj, errors, false);
  Decoded r;
  DecodeErrors errs(vm, "charmap", errors, data, obj);
  std::string& out = r.text;
  if (mapping->kind == Kind::Str) {
    Text table = textOf(mapping);
    for (size_t i = 0; i < data.size();) {
      auto b = static_cast<uint8_t>(data[i]);
      if (b < table.size() && table[b] != 0xFFFE) {
        appendCodePoint(out, table[b]);
        ++i;
        continue;
      }
      i = errs.handle(out, i, i + 1, "character maps to <undefined>");
      data = errs.input();
    }
    r.consumed = data.size();
    return r;
  }
  for (size_t i = 0; i < data.size();) {
    auto b = static_cast<uint8_t>(data[i]);
    Value item;
    try {
      item = vm.getItem(mapping, pyInt(b));
    } catch (PyRaise& e) {
      if (!vm.isInstance(e.exc, vm.b().lookup_error.get())) throw;
      item = none();
    }
    bool undefined = isNone(item);
    if (!undefined && isInt(item)) {
      if (isBigInt(item) || asInt(item) < 0 || asInt(item) > 0x10FFFF)
        vm.raise(vm.b().type_error, "character mapping must be in range(0x110000)");
      if (asInt(item) == 0xFFFE)
        undefined = true;
      else
        appendCodePoint(out, static_cast<char32_t>(asInt(item)));
    } else if (!undefined && item->kind == Kind::Str) {
      if (strLength(item) == 1 && textOf(item)[0] == 0xFFFE)
        undefined = true;
      else
        out += asStr(item);
    } else if (!undefined) {
      vm.raise(vm.b().type_error, "character mapping must return integer, None or str");
    }
    if (undefined) {
      i = errs.handle(out, i, i + 1, "character maps to <undefined>");
      data = errs.input();
      continue;
    }
    ++i;
  }
  r.consumed = data.size();
  return r;
}

}  // namespace gbc::interp
