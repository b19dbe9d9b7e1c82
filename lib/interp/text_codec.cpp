// The native text codecs (text_codec.h), after CPython 3.14's Objects/unicodeobject.c and
// Objects/stringlib/codecs.h: UTF-8 decoding reports the maximal invalid subpart as Unicode's
// recommended practice (and CPython) do.
#include "interp/text_codec.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "interp/native_args.h"
#include "interp/os_tables.h"

namespace gbc::interp {

namespace {

std::string normalizeName(std::string_view name) {
  // encodings.normalize_encoding, lower-cased: runs of other characters than alphanumerics and
  // '.' become one '_'
  std::string out;
  bool pending = false;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.') {
      if (pending && !out.empty()) out += '_';
      pending = false;
      out += static_cast<char>(std::tolower(u));
    } else {
      pending = true;
    }
  }
  return out;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// The code point at s[i] of gbc's str (lone surrogates included); advances i.
uint32_t nextCodePoint(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
  i += static_cast<size_t>(len);
  return cp;
}

std::string hexByte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", b);
  return buf;
}

std::string escapeChar(uint32_t cp) {
  char buf[16];
  if (cp < 0x100)
    std::snprintf(buf, sizeof buf, "\\x%02x", cp);
  else if (cp < 0x10000)
    std::snprintf(buf, sizeof buf, "\\u%04x", cp);
  else
    std::snprintf(buf, sizeof buf, "\\U%08x", cp);
  return buf;
}

[[noreturn]] void decodeError(VM& vm, Codec codec, std::string_view in, size_t start, size_t end,
                              const std::string& reason) {
  vm.raiseValue(makeUnicodeError(vm, true, codecName(codec), pyBytes(std::string(in)),
                                 static_cast<int64_t>(start), static_cast<int64_t>(end), reason));
}

/// The length of the invalid UTF-8 subpart at in[i] and its reason; 0 when a valid sequence of
/// `len` bytes starts there. `final` false: an incomplete sequence at the end returns -1.
int utf8Invalid(std::string_view in, size_t i, bool final, size_t& len, const char*& reason) {
  unsigned char c = static_cast<unsigned char>(in[i]);
  if (c < 0x80) {
    len = 1;
    return 0;
  }
  size_t need = c >= 0xC2 && c <= 0xDF   ? 2
                : c >= 0xE0 && c <= 0xEF ? 3
                : c >= 0xF0 && c <= 0xF4 ? 4
                                         : 0;
  if (!need) {
    reason = "invalid start byte";
    return 1;
  }
  for (size_t k = 1; k < need; ++k) {
    if (i + k >= in.size()) {
      if (!final) return -1;
      reason = "unexpected end of data";
      return static_cast<int>(k);
    }
    unsigned char d = static_cast<unsigned char>(in[i + k]);
    unsigned char lo = 0x80, hi = 0xBF;
    if (k == 1) {
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    if (d < lo || d > hi) {
      reason = "invalid continuation byte";
      return static_cast<int>(k);
    }
  }
  len = need;
  return 0;
}

/// What a decode error handler puts for the bytes in[start, end).
void decodeReplacement(VM& vm, Codec codec, std::string_view in, size_t start, size_t end,
                       const std::string& reason, std::string_view errors, std::string& out) {
  if (errors == "strict") decodeError(vm, codec, in, start, end, reason);
  if (errors == "ignore") return;
  if (errors == "replace") {
    out += "\xEF\xBF\xBD";
    return;
  }
  for (size_t k = start; k < end; ++k) {
    unsigned char b = static_cast<unsigned char>(in[k]);
    if (errors == "surrogateescape") {
      if (b < 0x80) decodeError(vm, codec, in, start, end, reason);
      appendUtf8(out, 0xDC00 + b);
    } else if (errors == "backslashreplace") {
      out += hexByte(b);
    } else {
      checkErrorHandler(vm, errors);
      vm.unsupported("the error handler '" + std::string(errors) + "' when decoding");
    }
  }
}

}  // namespace

const char* codecName(Codec codec) {
  switch (codec) {
    case Codec::Utf8:
      return "utf-8";
    case Codec::Utf8Sig:
      return "utf-8-sig";
    case Codec::Latin1:
      return "latin-1";
    case Codec::Ascii:
      return "ascii";
  }
  return "utf-8";
}

Codec lookupCodec(VM& vm, std::string_view encoding) {
  std::string n = normalizeName(encoding);
  for (const char* alias : {"utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001"})
    if (n == alias) return Codec::Utf8;
  if (n == "utf_8_sig" || n == "utf8_sig") return Codec::Utf8Sig;
  for (const char* alias : {"latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859",
                            "cp819", "iso_ir_100", "csisolatin1", "iso_8859_1_1987", "ibm819"})
    if (n == alias) return Codec::Latin1;
  for (const char* alias :
       {"ascii", "us_ascii", "646", "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986", "cp367",
        "csascii", "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us"})
    if (n == alias) return Codec::Ascii;
  if (isCPythonCodecName(n))
    vm.raiseGap(vm.b().lookup_error, "unknown encoding: " + std::string(encoding),
                "the '" + std::string(encoding) + "' codec");
  vm.raise(vm.b().lookup_error, "unknown encoding: " + std::string(encoding));
}

void checkErrorHandler(VM& vm, std::string_view errors) {
  for (const char* ok : {"strict", "ignore", "replace", "surrogateescape", "backslashreplace",
                         "xmlcharrefreplace", "surrogatepass"})
    if (errors == ok) return;
  if (errors == "namereplace")
    vm.raiseGap(vm.b().lookup_error, "unknown error handler name 'namereplace'",
                "the 'namereplace' error handler");
  vm.raise(vm.b().lookup_error, "unknown error handler name '" + std::string(errors) + "'");
}

size_t decodeUnit(VM& vm, Codec codec, std::string_view in, size_t i, std::string_view errors,
                  bool final, std::string& out) {
  unsigned char c = static_cast<unsigned char>(in[i]);
  if (codec == Codec::Latin1) {
    appendUtf8(out, c);
    return 1;
  }
  if (c < 0x80) {
    out += static_cast<char>(c);
    return 1;
  }
  if (codec == Codec::Ascii) {
    decodeReplacement(vm, codec, in, i, i + 1, "ordinal not in range(128)", errors, out);
    return 1;
  }
  size_t len = 0;
  const char* reason = nullptr;
  int bad = utf8Invalid(in, i, final, len, reason);
  if (bad < 0) return 0;
  if (bad == 0) {
    out.append(in.substr(i, len));
    return len;
  }
  decodeReplacement(vm, codec, in, i, i + static_cast<size_t>(bad), reason, errors, out);
  return static_cast<size_t>(bad);
}

std::string decodeText(VM& vm, Codec codec, std::string_view in, std::string_view errors,
                       bool final, size_t* consumed) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  if (codec == Codec::Utf8Sig && in.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < in.size()) {
    // (a run of ASCII at once)
    if (codec != Codec::Latin1 && static_cast<unsigned char>(in[i]) < 0x80) {
      size_t j = i;
      while (j < in.size() && static_cast<unsigned char>(in[j]) < 0x80) ++j;
      out.append(in.substr(i, j - i));
      i = j;
      continue;
    }
    size_t used = decodeUnit(vm, codec, in, i, errors, final, out);
    if (!used) break;  // an incomplete sequence waits for more input
    i += used;
  }
  if (consumed) *consumed = i;
  return out;
}

std::string encodeText(VM& vm, Codec codec, std::string_view in, std::string_view errors) {
  std::string out;
  out.reserve(in.size());
  if (codec == Codec::Utf8Sig) out += "\xEF\xBB\xBF";
  uint32_t limit = codec == Codec::Latin1 ? 0x100 : codec == Codec::Ascii ? 0x80 : 0x110000;
  const char* reason = codec == Codec::Latin1  ? "ordinal not in range(256)"
                       : codec == Codec::Ascii ? "ordinal not in range(128)"
                                               : "surrogates not allowed";
  auto bad = [&](uint32_t cp) {
    return cp >= limit || (limit == 0x110000 && cp >= 0xD800 && cp <= 0xDFFF);
  };
  size_t i = 0, pos = 0;
  while (i < in.size()) {
    size_t at = i;
    uint32_t cp = nextCodePoint(in, i);
    if (!bad(cp)) {
      if (codec == Codec::Utf8 || codec == Codec::Utf8Sig)
        out.append(in.substr(at, i - at));
      else
        out += static_cast<char>(cp);
      ++pos;
      continue;
    }
    // an error covers the run of unencodable characters
    auto runEnd = [&]() {
      size_t j = i, end = pos + 1;
      while (j < in.size()) {
        size_t k = j;
        if (!bad(nextCodePoint(in, k))) break;
        j = k;
        ++end;
      }
      return end;
    };
    if (errors == "strict") {
      size_t end = runEnd();
      vm.raiseValue(makeUnicodeError(vm, false, codecName(codec), pyStr(std::string(in)),
                                     static_cast<int64_t>(pos), static_cast<int64_t>(end), reason));
    }
    if (errors == "ignore") {
    } else if (errors == "replace") {
      out += '?';
    } else if (errors == "backslashreplace") {
      out += escapeChar(cp);
    } else if (errors == "xmlcharrefreplace") {
      out += "&#" + std::to_string(cp) + ";";
    } else if (errors == "surrogateescape" && cp >= 0xDC80 && cp <= 0xDCFF) {
      out += static_cast<char>(cp - 0xDC00);
    } else if (errors == "surrogatepass" && limit == 0x110000 && cp >= 0xD800 && cp <= 0xDFFF) {
      out.append(in.substr(at, i - at));
    } else if (errors == "surrogateescape" || errors == "surrogatepass") {
      vm.raiseValue(makeUnicodeError(vm, false, codecName(codec), pyStr(std::string(in)),
                                     static_cast<int64_t>(pos), static_cast<int64_t>(runEnd()),
                                     reason));
    } else {
      checkErrorHandler(vm, errors);
      vm.unsupported("the error handler '" + std::string(errors) + "' when encoding");
    }
    ++pos;
  }
  return out;
}

size_t codePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

size_t byteOffset(std::string_view s, size_t n) {
  size_t i = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == 0) return i;
      --n;
    }
  return s.size();
}

}  // namespace gbc::interp
