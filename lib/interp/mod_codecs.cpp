// The _codecs module (CPython's Modules/_codecsmodule.c): the registries (register, lookup,
// register_error, lookup_error, ...), codecs.encode/decode, and every codec function CPython's
// codecs.py and encodings package call, each returning (result, length consumed), with
// Argument Clinic's messages. The built-in error handlers are callables here too.
#include "interp/bytes_ops.h"
#include "interp/codec_engine.h"
#include "interp/codec_registry.h"
#include "interp/codecs.h"
#include "interp/native_modules.h"
#include "interp/text_args.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

/// The positional-only arguments of a _codecs function: between min and max.
void checkArgs(VM& vm, const CallArgs& a, std::string_view name, size_t min, size_t max) {
  positionalArgs(vm, a, "_codecs." + std::string(name), min, max);
}

/// The data argument of a decoder (a bytes-like object; also a str for the escape codecs).
std::string_view dataArg(VM& vm, const Value& v, bool str_ok = false) {
  if (str_ok && v->kind == Kind::Str) return asStr(v);
  return bufferArg(vm, v);
}

/// The errors argument: None means strict.
std::string errorsArg(VM& vm, const CallArgs& a, size_t i, std::string_view fname) {
  if (i >= a.args.size() || isNone(a.args[i])) return "strict";
  if (a.args[i]->kind != Kind::Str)
    badArgument(vm, fname, std::to_string(i + 1), "str or None", a.args[i]);
  return asStr(a.args[i]);
}

const Value& strArgAt(VM& vm, const CallArgs& a, size_t i, std::string_view fname) {
  if (a.args[i]->kind != Kind::Str) badArgument(vm, fname, std::to_string(i + 1), "str", a.args[i]);
  return a.args[i];
}

bool flagArg(VM& vm, const CallArgs& a, size_t i, bool dflt) {
  return i < a.args.size() ? vm.truthy(a.args[i]) : dflt;
}

Value pair(Value v, size_t n) { return pyTuple({std::move(v), pyInt(static_cast<int64_t>(n))}); }

/// An encoder: (str, errors=None) -> (bytes, len(str)).
using Encoder = std::string (*)(VM&, const Value&, std::string_view);

void encoder(const Value& m, const char* name, Encoder fn) {
  moduleFunction(m, name, [name, fn](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, name, 1, 2);
    const Value& s = strArgAt(vm, a, 0, name);
    return pair(pyBytes(fn(vm, s, errorsArg(vm, a, 1, name))), strLength(s));
  });
}

/// A decoder: (data, errors=None, final=False) -> (str, consumed).
using Decoder = Decoded (*)(VM&, std::string_view, const Value&, std::string_view, bool);

void decoder(const Value& m, const char* name, Decoder fn, bool takes_final, bool final_default,
             bool str_ok = false) {
  moduleFunction(m, name, [=](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, name, 1, takes_final ? 3 : 2);
    std::string data(dataArg(vm, a.args[0], str_ok));
    Value obj = a.args[0]->kind == Kind::Bytes ? a.args[0] : nullptr;
    bool final = takes_final ? flagArg(vm, a, 2, final_default) : true;
    Decoded d = fn(vm, data, obj, errorsArg(vm, a, 1, name), final);
    return pair(pyStr(std::move(d.text)), d.consumed);
  });
}

// ---- the built-in error handlers as callables ----

enum class ExcKind { Encode, Decode, Translate, Other };

ExcKind excKind(VM& vm, const Value& exc) {
  auto is = [&](const char* name) { return vm.isInstance(exc, vm.b().by_name.at(name).get()); };
  if (is("UnicodeEncodeError")) return ExcKind::Encode;
  if (is("UnicodeDecodeError")) return ExcKind::Decode;
  if (is("UnicodeTranslateError")) return ExcKind::Translate;
  return ExcKind::Other;
}

[[noreturn]] void cannotHandle(VM& vm, const Value& exc) {
  vm.raise(vm.b().type_error,
           "don't know how to handle " + vm.typeOf(exc)->name + " in error callback");
}

std::string escapeOf(char32_t c) {
  char buf[16];
  if (c <= 0xFF)
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
  else if (c <= 0xFFFF)
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
  else
    std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
  return buf;
}

Value runBuiltinHandler(VM& vm, ErrorMode mode, const Value& exc) {
  if (mode == ErrorMode::Strict) {
    if (exc->kind == Kind::Instance && as<InstanceObject>(exc).cls->is_exception)
      vm.raiseValue(exc);
    vm.raise(vm.b().type_error, "codec must pass exception instance");
  }
  ExcKind kind = excKind(vm, exc);
  if (kind == ExcKind::Other) cannotHandle(vm, exc);
  Value obj = vm.getAttr(exc, "object");
  int64_t start = asInt(vm.getAttr(exc, "start"));
  int64_t end = asInt(vm.getAttr(exc, "end"));
  start = std::max<int64_t>(start, 0);
  Value endv = pyInt(end);
  std::string out;
  switch (mode) {
    case ErrorMode::Ignore:
      return pyTuple({pyStr(""), endv});
    case ErrorMode::Replace:
      if (kind == ExcKind::Decode) return pyTuple({pyChar(0xFFFD), endv});
      for (int64_t i = start; i < end; ++i) {
        if (kind == ExcKind::Encode)
          out += '?';
        else
          appendCodePoint(out, 0xFFFD);
      }
      return pyTuple({pyStr(out), endv});
    case ErrorMode::BackslashReplace:
      if (kind == ExcKind::Decode) {
        std::string_view data = bufferArg(vm, obj);
        for (int64_t i = start; i < end && i < static_cast<int64_t>(data.size()); ++i)
          out += escapeOf(static_cast<uint8_t>(data[static_cast<size_t>(i)]));
        return pyTuple({pyStr(out), endv});
      }
      [[fallthrough]];
    case ErrorMode::XmlCharRefReplace:
    case ErrorMode::NameReplace: {
      if (kind != ExcKind::Encode &&
          !(kind == ExcKind::Translate && mode == ErrorMode::BackslashReplace))
        cannotHandle(vm, exc);
      Text t = textOf(obj);
      for (int64_t i = start; i < end && i < static_cast<int64_t>(t.size()); ++i) {
        char32_t c = t[static_cast<size_t>(i)];
        if (mode == ErrorMode::XmlCharRefReplace) {
          out += "&#" + std::to_string(static_cast<uint32_t>(c)) + ";";
        } else if (mode == ErrorMode::NameReplace) {
          std::string name = characterName(c);
          out += name.empty() ? escapeOf(c) : "\\N{" + name + "}";
        } else {
          out += escapeOf(c);
        }
      }
      return pyTuple({pyStr(out), endv});
    }
    case ErrorMode::SurrogateEscape: {
      if (kind == ExcKind::Encode) {
        Text t = textOf(obj);
        for (int64_t i = start; i < end; ++i) {
          char32_t c = t[static_cast<size_t>(i)];
          if (c < 0xDC80 || c > 0xDCFF) vm.raiseValue(exc);
          out += static_cast<char>(c - 0xDC00);
        }
        return pyTuple({pyBytes(out), endv});
      }
      if (kind != ExcKind::Decode) cannotHandle(vm, exc);
      std::string_view data = bufferArg(vm, obj);
      int64_t consumed = 0;
      while (consumed < 4 && start + consumed < end) {
        auto b = static_cast<uint8_t>(data[static_cast<size_t>(start + consumed)]);
        if (b < 128) break;
        appendCodePoint(out, 0xDC00 + b);
        ++consumed;
      }
      if (consumed == 0) vm.raiseValue(exc);
      return pyTuple({pyStr(out), pyInt(start + consumed)});
    }
    case ErrorMode::SurrogatePass: {
      std::string enc = normalizeEncodingName(asStr(vm.getAttr(exc, "encoding")));
      SurrogateForm form = SurrogateForm::None;
      if (enc == "utf_8" || enc == "utf8")
        form = SurrogateForm::Utf8;
      else if (enc == "utf_16" || enc == "utf_16_le")
        form = SurrogateForm::Utf16LE;
      else if (enc == "utf_16_be")
        form = SurrogateForm::Utf16BE;
      else if (enc == "utf_32" || enc == "utf_32_le")
        form = SurrogateForm::Utf32LE;
      else if (enc == "utf_32_be")
        form = SurrogateForm::Utf32BE;
      if (form == SurrogateForm::None) vm.raiseValue(exc);
      if (kind == ExcKind::Encode) {
        EncodeErrors errs(vm, "", "surrogatepass", obj);
        errs.handle(
            out, static_cast<size_t>(start), static_cast<size_t>(end), "",
            [](char32_t, std::string&) { return false; }, form);
        return pyTuple({pyBytes(out), endv});
      }
      if (kind != ExcKind::Decode) cannotHandle(vm, exc);
      std::string data(bufferArg(vm, obj));
      DecodeErrors errs(vm, "", "surrogatepass", data);
      try {
        size_t next =
            errs.handle(out, static_cast<size_t>(start), static_cast<size_t>(end), "", form);
        return pyTuple({pyStr(out), pyInt(static_cast<int64_t>(next))});
      } catch (PyRaise&) {
        vm.raiseValue(exc);
      }
    }
    default:
      cannotHandle(vm, exc);
  }
}

struct BuiltinHandler {
  const char* name;
  const char* function;
  ErrorMode mode;
};
constexpr BuiltinHandler kHandlers[] = {
    {"strict", "strict_errors", ErrorMode::Strict},
    {"ignore", "ignore_errors", ErrorMode::Ignore},
    {"replace", "replace_errors", ErrorMode::Replace},
    {"backslashreplace", "backslashreplace_errors", ErrorMode::BackslashReplace},
    {"xmlcharrefreplace", "xmlcharrefreplace_errors", ErrorMode::XmlCharRefReplace},
    {"namereplace", "namereplace_errors", ErrorMode::NameReplace},
    {"surrogateescape", "surrogateescape", ErrorMode::SurrogateEscape},
    {"surrogatepass", "surrogatepass", ErrorMode::SurrogatePass},
};

Value argOrDefault(const CallArgs& a, const std::vector<Value>& p, size_t i, Value dflt) {
  (void)a;
  return i < p.size() && p[i] ? p[i] : dflt;
}

/// codecs.encode / codecs.decode: any codec, any object.
Value codecCall(VM& vm, CallArgs& a, bool encode) {
  const char* fname = encode ? "encode" : "decode";
  std::vector<Value> p = keywordArgs(vm, a, fname, {"obj", "encoding", "errors"}, 0, 1, 3);
  std::string encoding = p[1] ? strArg(vm, p[1], fname, "'encoding'") : std::string("utf-8");
  std::string errors = p[2] ? strArg(vm, p[2], fname, "'errors'") : std::string("strict");
  Value info = codecLookup(vm, encoding);
  Value fn = as<TupleObject>(info).items[encode ? 0 : 1];
  Value r = vm.call(fn, std::vector<Value>{argOrDefault(a, p, 0, none()), pyStr(errors)});
  if (r->kind != Kind::Tuple || as<TupleObject>(r).items.size() != 2)
    vm.raise(vm.b().type_error, encode ? "encoder must return a tuple (object, integer)"
                                       : "decoder must return a tuple (object,integer)");
  return as<TupleObject>(r).items[0];
}

void registryFunctions(VM& vm, const Value& m) {
  moduleFunction(m, "register", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "register", 1, 1);
    if (!vm.isCallable(a.args[0])) vm.raise(vm.b().type_error, "argument must be callable");
    codecRegistry(vm).search.push_back(a.args[0]);
    return none();
  });
  moduleFunction(m, "unregister", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "unregister", 1, 1);
    CodecRegistry& reg = codecRegistry(vm);
    for (auto it = reg.search.begin(); it != reg.search.end(); ++it)
      if (it->get() == a.args[0].get()) {
        reg.search.erase(it);
        reg.cache.clear();
        break;
      }
    return none();
  });
  moduleFunction(m, "lookup", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "lookup", 1, 1);
    return codecLookup(vm, strArg(vm, a.args[0], "lookup", ""));
  });
  moduleFunction(m, "register_error", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "register_error", 2, 2);
    const std::string& name = strArg(vm, a.args[0], "register_error", "1");
    if (!vm.isCallable(a.args[1])) vm.raise(vm.b().type_error, "handler must be callable");
    codecRegistry(vm).errors[name] = a.args[1];
    return none();
  });
  moduleFunction(m, "lookup_error", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "lookup_error", 1, 1);
    return lookupErrorHandler(vm, strArg(vm, a.args[0], "lookup_error", ""));
  });
  if (!py312(vm))
    moduleFunction(m, "_unregister_error", [](VM& vm, CallArgs& a) -> Value {
      checkArgs(vm, a, "_unregister_error", 1, 1);
      const std::string& name = strArg(vm, a.args[0], "_unregister_error", "");
      for (const BuiltinHandler& h : kHandlers)
        if (name == h.name)
          vm.raise(vm.b().value_error, "cannot un-register built-in error handler '" + name + "'");
      return pyBool(codecRegistry(vm).errors.erase(name) > 0);
    });
  moduleFunction(m, "encode", [](VM& vm, CallArgs& a) -> Value { return codecCall(vm, a, true); });
  moduleFunction(m, "decode", [](VM& vm, CallArgs& a) -> Value { return codecCall(vm, a, false); });
}

void codecFunctions(VM& vm, const Value& m) {
  encoder(m, "utf_8_encode", encodeUtf8);
  decoder(m, "utf_8_decode", decodeUtf8, true, false);
  encoder(m, "latin_1_encode",
          [](VM& vm, const Value& s, std::string_view e) { return encodeLatin1(vm, s, e, 256); });
  decoder(
      m, "latin_1_decode",
      [](VM& vm, std::string_view d, const Value& o, std::string_view e, bool) {
        return decodeLatin1(vm, d, o, e, false);
      },
      false, true);
  encoder(m, "ascii_encode",
          [](VM& vm, const Value& s, std::string_view e) { return encodeLatin1(vm, s, e, 128); });
  decoder(
      m, "ascii_decode",
      [](VM& vm, std::string_view d, const Value& o, std::string_view e, bool) {
        return decodeLatin1(vm, d, o, e, true);
      },
      false, true);
  encoder(m, "utf_16_le_encode",
          [](VM& vm, const Value& s, std::string_view e) { return encodeUtf16(vm, s, e, -1); });
  encoder(m, "utf_16_be_encode",
          [](VM& vm, const Value& s, std::string_view e) { return encodeUtf16(vm, s, e, 1); });
  encoder(m, "utf_32_le_encode",
          [](VM& vm, const Value& s, std::string_view e) { return encodeUtf32(vm, s, e, -1); });
  encoder(m, "utf_32_be_encode",
          [](VM& vm, const Value& s, std::string_view e) { return encodeUtf32(vm, s, e, 1); });
  for (int bits : {16, 32}) {
    std::string base = "utf_" + std::to_string(bits);
    auto dec = bits == 16 ? decodeUtf16 : decodeUtf32;
    auto enc = bits == 16 ? encodeUtf16 : encodeUtf32;
    for (int order : {-1, 1, 0}) {
      std::string name = base + (order == -1  ? "_le_decode"
                                 : order == 1 ? "_be_decode"
                                              : "_decode");
      const std::string& cname = name;
      moduleFunction(m, name, [=](VM& vm, CallArgs& a) -> Value {
        checkArgs(vm, a, cname, 1, 3);
        std::string data(dataArg(vm, a.args[0]));
        Value obj = a.args[0]->kind == Kind::Bytes ? a.args[0] : nullptr;
        Decoded d = dec(vm, data, obj, errorsArg(vm, a, 1, cname), order, flagArg(vm, a, 2, false));
        return pair(pyStr(std::move(d.text)), d.consumed);
      });
    }
    std::string ex = base + "_ex_decode";
    const std::string& exname = ex;
    moduleFunction(m, ex, [=](VM& vm, CallArgs& a) -> Value {
      checkArgs(vm, a, exname, 1, 4);
      std::string data(dataArg(vm, a.args[0]));
      Value obj = a.args[0]->kind == Kind::Bytes ? a.args[0] : nullptr;
      int order = a.args.size() > 2 ? intArgOf(vm, a.args[2]) : 0;
      Decoded d = dec(vm, data, obj, errorsArg(vm, a, 1, exname), order, flagArg(vm, a, 3, false));
      int seen = order != 0 ? order : d.byteorder;
      return pyTuple(
          {pyStr(std::move(d.text)), pyInt(static_cast<int64_t>(d.consumed)), pyInt(seen)});
    });
    std::string encname = base + "_encode";
    const std::string& ename = encname;
    moduleFunction(m, encname, [=](VM& vm, CallArgs& a) -> Value {
      checkArgs(vm, a, ename, 1, 3);
      const Value& s = strArgAt(vm, a, 0, ename);
      int order = a.args.size() > 2 ? intArgOf(vm, a.args[2]) : 0;
      return pair(pyBytes(enc(vm, s, errorsArg(vm, a, 1, ename), order)), strLength(s));
    });
  }
  encoder(m, "utf_7_encode",
          [](VM& vm, const Value& s, std::string_view) { return encodeUtf7(vm, s); });
  decoder(m, "utf_7_decode", decodeUtf7, true, false);
  encoder(m, "unicode_escape_encode",
          [](VM&, const Value& s, std::string_view) { return encodeUnicodeEscape(s, false); });
  encoder(m, "raw_unicode_escape_encode",
          [](VM&, const Value& s, std::string_view) { return encodeUnicodeEscape(s, true); });
  decoder(
      m, "unicode_escape_decode",
      [](VM& vm, std::string_view d, const Value& o, std::string_view e, bool f) {
        return decodeUnicodeEscape(vm, d, o, e, false, f);
      },
      true, true, true);
  decoder(
      m, "raw_unicode_escape_decode",
      [](VM& vm, std::string_view d, const Value& o, std::string_view e, bool f) {
        return decodeUnicodeEscape(vm, d, o, e, true, f);
      },
      true, true, true);
  moduleFunction(m, "escape_encode", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "escape_encode", 1, 2);
    if (a.args[0]->kind != Kind::Bytes) badArgument(vm, "escape_encode", "1", "bytes", a.args[0]);
    errorsArg(vm, a, 1, "escape_encode");
    return pair(pyBytes(escapeEncode(bytesOf(a.args[0]))), bytesOf(a.args[0]).size());
  });
  moduleFunction(m, "escape_decode", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "escape_decode", 1, 2);
    std::string data(dataArg(vm, a.args[0], true));
    return pair(pyBytes(escapeDecode(vm, data, errorsArg(vm, a, 1, "escape_decode"))), data.size());
  });
  moduleFunction(m, "readbuffer_encode", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "readbuffer_encode", 1, 2);
    std::string data(dataArg(vm, a.args[0], true));
    errorsArg(vm, a, 1, "readbuffer_encode");
    size_t n = data.size();
    return pair(pyBytes(std::move(data)), n);
  });
  moduleFunction(m, "charmap_encode", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "charmap_encode", 1, 3);
    const Value& s = strArgAt(vm, a, 0, "charmap_encode");
    Value mapping = a.args.size() > 2 ? a.args[2] : none();
    return pair(pyBytes(encodeCharmap(vm, s, errorsArg(vm, a, 1, "charmap_encode"), mapping)),
                strLength(s));
  });
  moduleFunction(m, "charmap_decode", [](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "charmap_decode", 1, 3);
    std::string data(dataArg(vm, a.args[0]));
    Value obj = a.args[0]->kind == Kind::Bytes ? a.args[0] : nullptr;
    Value mapping = a.args.size() > 2 ? a.args[2] : none();
    Decoded d = decodeCharmap(vm, data, obj, errorsArg(vm, a, 1, "charmap_decode"), mapping);
    return pair(pyStr(std::move(d.text)), d.consumed);
  });
  ClassPtr map_type = makeEncodingMapType(vm);
  moduleFunction(m, "charmap_build", [map_type](VM& vm, CallArgs& a) -> Value {
    checkArgs(vm, a, "charmap_build", 1, 1);
    if (a.args[0]->kind != Kind::Str) badArgument(vm, "charmap_build", "", "str", a.args[0]);
    return buildCharmap(vm, a.args[0], map_type);
  });
}

}  // namespace

Value builtinErrorHandler(VM& vm, std::string_view name) {
  for (const BuiltinHandler& h : kHandlers) {
    if (name != h.name) continue;
    CodecRegistry& reg = codecRegistry(vm);
    std::string key = std::string("\x01") + h.name;  // (cached apart from user handlers)
    if (auto it = reg.errors.find(key); it != reg.errors.end()) return it->second;
    ErrorMode mode = h.mode;
    auto fn = std::make_shared<BuiltinObject>(h.function, [mode](VM& vm, CallArgs& a) -> Value {
      if (a.args.size() != 1 || !a.kwargs.empty())
        vm.raise(vm.b().type_error, "error handler takes exactly one argument");
      return runBuiltinHandler(vm, mode, a.args[0]);
    });
    fn->binds = false;
    fn->qualname = h.function;
    fn->id = std::string("_codecs.") + h.function;
    codecRegistry(vm).errors[key] = fn;
    return fn;
  }
  return nullptr;
}

Value makeCodecsModule(VM& vm) {
  Value m = newNativeModule("_codecs");
  registryFunctions(vm, m);
  codecFunctions(vm, m);
  return m;
}

}  // namespace gbc::interp
