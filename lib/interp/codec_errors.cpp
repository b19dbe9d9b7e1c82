// Error handling shared by gbc's codecs (codec_engine.h): the built-in handlers as CPython's
// codecs apply them (Python/codecs.c), and handlers from the registry called with a
// UnicodeEncodeError / UnicodeDecodeError, whose (replacement, position) answer is checked as
// CPython checks it.
#include <cstdio>

#include "interp/bytes_ops.h"
#include "interp/codec_engine.h"
#include "interp/codecs.h"
#include "interp/vm.h"
#include "native/unicode/names.h"

namespace gbc::interp {

std::string characterName(char32_t cp) { return native::unicode::characterName(cp); }

ErrorMode errorMode(std::string_view errors) {
  if (errors == "strict") return ErrorMode::Strict;
  if (errors == "ignore") return ErrorMode::Ignore;
  if (errors == "replace") return ErrorMode::Replace;
  if (errors == "backslashreplace") return ErrorMode::BackslashReplace;
  if (errors == "xmlcharrefreplace") return ErrorMode::XmlCharRefReplace;
  if (errors == "namereplace") return ErrorMode::NameReplace;
  if (errors == "surrogateescape") return ErrorMode::SurrogateEscape;
  if (errors == "surrogatepass") return ErrorMode::SurrogatePass;
  return ErrorMode::Other;
}

namespace {

std::string backslashEscape(char32_t c) {
  char buf[16];
  if (c <= 0xFF)
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
  else if (c <= 0xFFFF)
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
  else
    std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
  return buf;
}

bool isSurrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

/// A surrogate in the form 'surrogatepass' writes for a codec.
void appendSurrogate(std::string& out, char32_t c, SurrogateForm form) {
  switch (form) {
    case SurrogateForm::Utf8:
      appendCodePoint(out, c);
      return;
    case SurrogateForm::Utf16LE:
      out += static_cast<char>(c & 0xFF);
      out += static_cast<char>(c >> 8);
      return;
    case SurrogateForm::Utf16BE:
      out += static_cast<char>(c >> 8);
      out += static_cast<char>(c & 0xFF);
      return;
    case SurrogateForm::Utf32LE:
      for (int k = 0; k < 4; ++k) out += static_cast<char>((c >> (8 * k)) & 0xFF);
      return;
    case SurrogateForm::Utf32BE:
      for (int k = 3; k >= 0; --k) out += static_cast<char>((c >> (8 * k)) & 0xFF);
      return;
    case SurrogateForm::None:
      return;
  }
}

/// The surrogate 'surrogatepass' reads at data[i], or 0.
char32_t readSurrogate(std::string_view data, size_t i, SurrogateForm form, size_t& len) {
  auto at = [&](size_t k) { return static_cast<uint8_t>(data[i + k]); };
  auto avail = [&](size_t n) { return i + n <= data.size(); };
  char32_t c = 0;
  switch (form) {
    case SurrogateForm::Utf8:
      if (!avail(3) || at(0) != 0xED || (at(1) & 0xE0) != 0xA0 || (at(2) & 0xC0) != 0x80) return 0;
      len = 3;
      return 0xD000 | ((at(1) & 0x3F) << 6) | (at(2) & 0x3F);
    case SurrogateForm::Utf16LE:
      if (!avail(2)) return 0;
      c = at(0) | (at(1) << 8);
      len = 2;
      break;
    case SurrogateForm::Utf16BE:
      if (!avail(2)) return 0;
      c = (at(0) << 8) | at(1);
      len = 2;
      break;
    case SurrogateForm::Utf32LE:
      if (!avail(4)) return 0;
      c = at(0) | (at(1) << 8) | (at(2) << 16) | (static_cast<char32_t>(at(3)) << 24);
      len = 4;
      break;
    case SurrogateForm::Utf32BE:
      if (!avail(4)) return 0;
      c = (static_cast<char32_t>(at(0)) << 24) | (at(1) << 16) | (at(2) << 8) | at(3);
      len = 4;
      break;
    case SurrogateForm::None:
      return 0;
  }
  return isSurrogate(c) ? c : 0;
}

/// The (replacement, position) tuple a handler returned.
std::pair<Value, int64_t> handlerResult(VM& vm, const Value& r, bool encoding, int64_t length) {
  bool ok = r->kind == Kind::Tuple && as<TupleObject>(r).items.size() == 2;
  if (ok) {
    const Value& rep = as<TupleObject>(r).items[0];
    ok = (rep->kind == Kind::Str || (encoding && rep->kind == Kind::Bytes)) &&
         isInt(as<TupleObject>(r).items[1]);
  }
  if (!ok)
    vm.raise(vm.b().type_error, encoding
                                    ? "encoding error handler must return (str/bytes, int) tuple"
                                    : "decoding error handler must return (str, int) tuple");
  int64_t pos =
      isBigInt(as<TupleObject>(r).items[1]) ? INT64_MAX : asInt(as<TupleObject>(r).items[1]);
  if (pos < 0) pos += length;
  if (pos < 0 || pos > length)
    vm.raise(vm.b().index_error,
             "position " + std::to_string(pos) + " from error handler out of bounds");
  return {as<TupleObject>(r).items[0], pos};
}

}  // namespace

void EncodeErrors::raise(size_t start, size_t end, std::string_view reason) {
  Value exc =
      vm_.call(vm_.b().by_name.at("UnicodeEncodeError"),
               std::vector<Value>{pyStr(encoding_), str_, pyInt(static_cast<int64_t>(start)),
                                  pyInt(static_cast<int64_t>(end)), pyStr(std::string(reason))});
  vm_.raiseValue(exc);
}

size_t EncodeErrors::handle(std::string& out, size_t start, size_t end, std::string_view reason,
                            const std::function<bool(char32_t, std::string&)>& encode_char,
                            SurrogateForm surrogates) {
  Text text = textOf(str_);
  auto put = [&](std::string_view ascii) {
    for (char c : ascii)
      if (!encode_char(static_cast<unsigned char>(c), out)) raise(start, end, reason);
  };
  switch (mode_) {
    case ErrorMode::Strict:
      raise(start, end, reason);
    case ErrorMode::Ignore:
      return end;
    case ErrorMode::Replace:
      for (size_t i = start; i < end; ++i) put("?");
      return end;
    case ErrorMode::BackslashReplace:
      for (size_t i = start; i < end; ++i) put(backslashEscape(text[i]));
      return end;
    case ErrorMode::XmlCharRefReplace:
      for (size_t i = start; i < end; ++i)
        put("&#" + std::to_string(static_cast<uint32_t>(text[i])) + ";");
      return end;
    case ErrorMode::NameReplace:
      for (size_t i = start; i < end; ++i) {
        std::string name = characterName(text[i]);
        put(name.empty() ? backslashEscape(text[i]) : "\\N{" + name + "}");
      }
      return end;
    case ErrorMode::SurrogateEscape:
      for (size_t i = start; i < end; ++i) {
        char32_t c = text[i];
        if (c < 0xDC80 || c > 0xDCFF) raise(start, end, reason);
      }
      for (size_t i = start; i < end; ++i) out += static_cast<char>(text[i] - 0xDC00);
      return end;
    case ErrorMode::SurrogatePass:
      if (surrogates == SurrogateForm::None) raise(start, end, reason);
      for (size_t i = start; i < end; ++i)
        if (!isSurrogate(text[i])) raise(start, end, reason);
      for (size_t i = start; i < end; ++i) appendSurrogate(out, text[i], surrogates);
      return end;
    case ErrorMode::Other:
      break;
  }
  Value handler = lookupErrorHandler(vm_, errors_);
  Value exc =
      vm_.call(vm_.b().by_name.at("UnicodeEncodeError"),
               std::vector<Value>{pyStr(encoding_), str_, pyInt(static_cast<int64_t>(start)),
                                  pyInt(static_cast<int64_t>(end)), pyStr(std::string(reason))});
  auto [rep, pos] = handlerResult(vm_, vm_.call(handler, std::vector<Value>{exc}), true,
                                  static_cast<int64_t>(text.size()));
  if (rep->kind == Kind::Bytes) {
    out += bytesOf(rep);
  } else {
    Text r = textOf(rep);
    for (size_t i = 0; i < r.size(); ++i)
      if (!encode_char(r[i], out)) raise(start, end, reason);
  }
  return static_cast<size_t>(pos);
}

Value DecodeErrors::object() {
  if (!obj_ || obj_->kind != Kind::Bytes) obj_ = pyBytes(std::string(input_));
  return obj_;
}

size_t DecodeErrors::handle(std::string& out, size_t start, size_t end, std::string_view reason,
                            SurrogateForm surrogates) {
  auto makeExc = [&] {
    return vm_.call(
        vm_.b().by_name.at("UnicodeDecodeError"),
        std::vector<Value>{pyStr(encoding_), object(), pyInt(static_cast<int64_t>(start)),
                           pyInt(static_cast<int64_t>(end)), pyStr(std::string(reason))});
  };
  auto fail = [&]() { vm_.raiseValue(makeExc()); };
  switch (mode_) {
    case ErrorMode::Strict:
      fail();
      break;
    case ErrorMode::Ignore:
      return end;
    case ErrorMode::Replace:
      appendCodePoint(out, 0xFFFD);
      return end;
    case ErrorMode::BackslashReplace:
      for (size_t i = start; i < end; ++i) out += backslashEscape(static_cast<uint8_t>(input_[i]));
      return end;
    case ErrorMode::XmlCharRefReplace:
    case ErrorMode::NameReplace:
      vm_.raise(vm_.b().type_error,
                "don't know how to handle UnicodeDecodeError in error callback");
    case ErrorMode::SurrogateEscape: {
      size_t consumed = 0;
      while (consumed < 4 && start + consumed < end) {
        auto b = static_cast<uint8_t>(input_[start + consumed]);
        if (b < 128) break;
        appendCodePoint(out, 0xDC00 + b);
        ++consumed;
      }
      if (consumed == 0) fail();
      return start + consumed;
    }
    case ErrorMode::SurrogatePass: {
      size_t len = 0;
      char32_t c = readSurrogate(input_, start, surrogates, len);
      if (!c) fail();
      appendCodePoint(out, c);
      return start + len;
    }
    case ErrorMode::Other:
      break;
  }
  Value handler = lookupErrorHandler(vm_, errors_);
  Value exc = makeExc();
  Value r = vm_.call(handler, std::vector<Value>{exc});
  // the handler may have replaced the input
  Value now = vm_.getAttr(exc, "object");
  if (now->kind == Kind::Bytes && bytesOf(now) != input_) {
    replaced_ = bytesOf(now);
    input_ = replaced_;
    obj_ = now;
  }
  auto [rep, pos] = handlerResult(vm_, r, false, static_cast<int64_t>(input_.size()));
  out += asStr(rep);
  return static_cast<size_t>(pos);
}

}  // namespace gbc::interp
