// UTF-8, Latin-1, ASCII, UTF-16 and UTF-32 (codec_engine.h), with CPython's error ranges and
// reasons (Objects/unicodeobject.c, Objects/stringlib/codecs.h) and incremental decoding (a
// decoder that is not final stops before an incomplete sequence at the end).
#include "interp/codec_engine.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

bool isSurrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

/// The byte ranges of a well-formed sequence's second byte by lead byte (strict UTF-8).
struct Lead {
  int length;  // 0: not a lead byte
  uint8_t lo, hi;
};
Lead leadOf(uint8_t b) {
  if (b < 0x80) return {1, 0, 0};
  if (b < 0xC2) return {0, 0, 0};
  if (b < 0xE0) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b < 0xF0) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b < 0xF4) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

/// Whether gbc's UTF-8 `s` holds a surrogate (ED A0..BF xx).
bool hasSurrogates(std::string_view s) {
  for (size_t i = s.find('\xED'); i != std::string_view::npos; i = s.find('\xED', i + 1))
    if (i + 1 < s.size() && static_cast<uint8_t>(s[i + 1]) >= 0xA0) return true;
  return false;
}

void put16(std::string& out, uint32_t u, bool big) {
  if (big) {
    out += static_cast<char>(u >> 8);
    out += static_cast<char>(u & 0xFF);
  } else {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>(u >> 8);
  }
}

void put32(std::string& out, uint32_t u, bool big) {
  for (int k = 0; k < 4; ++k) {
    int shift = big ? 8 * (3 - k) : 8 * k;
    out += static_cast<char>((u >> shift) & 0xFF);
  }
}

uint32_t get16(std::string_view d, size_t i, bool big) {
  auto a = static_cast<uint8_t>(d[i]), b = static_cast<uint8_t>(d[i + 1]);
  return big ? (a << 8) | b : (b << 8) | a;
}

uint32_t get32(std::string_view d, size_t i, bool big) {
  uint32_t u = 0;
  for (int k = 0; k < 4; ++k) {
    auto byte = static_cast<uint8_t>(d[i + static_cast<size_t>(k)]);
    u |= static_cast<uint32_t>(byte) << (big ? 8 * (3 - k) : 8 * k);
  }
  return u;
}

}  // namespace

std::string encodeUtf8(VM& vm, const Value& str, std::string_view errors) {
  const std::string& v = asStr(str);
  if (!hasSurrogates(v)) return v;
  EncodeErrors errs(vm, "utf-8", errors, str);
  Text t = textOf(str);
  std::string out;
  auto encodeChar = [](char32_t c, std::string& o) {
    if (isSurrogate(c)) return false;
    appendCodePoint(o, c);
    return true;
  };
  for (size_t i = 0; i < t.size();) {
    char32_t c = t[i];
    if (!isSurrogate(c)) {
      appendCodePoint(out, c);
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < t.size() && isSurrogate(t[end])) ++end;
    i = errs.handle(out, i, end, "surrogates not allowed", encodeChar, SurrogateForm::Utf8);
  }
  return out;
}

Decoded decodeUtf8(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                   bool final) {
  Decoded r;
  DecodeErrors errs(vm, "utf-8", errors, data, obj);
  std::string& out = r.text;
  out.reserve(data.size());
  size_t i = 0;
  while (i < data.size()) {
    auto b = static_cast<uint8_t>(data[i]);
    if (b < 0x80) {
      size_t j = i + 1;
      while (j < data.size() && static_cast<uint8_t>(data[j]) < 0x80) ++j;
      out.append(data.substr(i, j - i));
      i = j;
      continue;
    }
    Lead lead = leadOf(b);
    size_t n = data.size();
    if (lead.length == 0) {
      i = errs.handle(out, i, i + 1, "invalid start byte", SurrogateForm::Utf8);
      data = errs.input();
      continue;
    }
    size_t k = 1;
    bool bad = false;
    for (; k < static_cast<size_t>(lead.length) && i + k < n; ++k) {
      auto c = static_cast<uint8_t>(data[i + k]);
      uint8_t lo = k == 1 ? lead.lo : 0x80, hi = k == 1 ? lead.hi : 0xBF;
      if (c < lo || c > hi) {
        bad = true;
        break;
      }
    }
    if (bad) {
      i = errs.handle(out, i, i + k, "invalid continuation byte", SurrogateForm::Utf8);
      data = errs.input();
      continue;
    }
    if (k < static_cast<size_t>(lead.length)) {  // the data ends inside the sequence
      if (!final) break;
      i = errs.handle(out, i, n, "unexpected end of data", SurrogateForm::Utf8);
      data = errs.input();
      continue;
    }
    out.append(data.substr(i, k));
    i += k;
  }
  r.consumed = i;
  return r;
}

std::string encodeLatin1(VM& vm, const Value& str, std::string_view errors, char32_t limit) {
  const std::string& v = asStr(str);
  if (isAsciiBytes(v)) return v;
  bool ascii = limit == 128;
  EncodeErrors errs(vm, ascii ? "ascii" : "latin-1", errors, str);
  Text t = textOf(str);
  std::string out;
  out.reserve(t.size());
  auto encodeChar = [limit](char32_t c, std::string& o) {
    if (c >= limit) return false;
    o += static_cast<char>(c);
    return true;
  };
  const char* reason = ascii ? "ordinal not in range(128)" : "ordinal not in range(256)";
  for (size_t i = 0; i < t.size();) {
    char32_t c = t[i];
    if (c < limit) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < t.size() && t[end] >= limit) ++end;
    i = errs.handle(out, i, end, reason, encodeChar);
  }
  return out;
}

Decoded decodeLatin1(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                     bool ascii) {
  Decoded r;
  if (!ascii) {
    for (char c : data) appendCodePoint(r.text, static_cast<uint8_t>(c));
    r.consumed = data.size();
    return r;
  }
  DecodeErrors errs(vm, "ascii", errors, data, obj);
  for (size_t i = 0; i < data.size();) {
    auto b = static_cast<uint8_t>(data[i]);
    if (b < 0x80) {
      r.text += static_cast<char>(b);
      ++i;
      continue;
    }
    i = errs.handle(r.text, i, i + 1, "ordinal not in range(128)");
    data = errs.input();
  }
  r.consumed = data.size();
  return r;
}

std::string encodeUtf16(VM& vm, const Value& str, std::string_view errors, int byteorder) {
  bool big = byteorder == 1;
  std::string out;
  if (byteorder == 0) put16(out, 0xFEFF, false);
  const char* name = byteorder == -1 ? "utf-16-le" : byteorder == 1 ? "utf-16-be" : "utf-16";
  EncodeErrors errs(vm, name, errors, str);
  Text t = textOf(str);
  auto encodeChar = [big](char32_t c, std::string& o) {
    if (isSurrogate(c)) return false;
    if (c >= 0x10000) {
      c -= 0x10000;
      put16(o, 0xD800 | (c >> 10), big);
      put16(o, 0xDC00 | (c & 0x3FF), big);
    } else {
      put16(o, c, big);
    }
    return true;
  };
  for (size_t i = 0; i < t.size();) {
    if (encodeChar(t[i], out)) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < t.size() && isSurrogate(t[end])) ++end;
    i = errs.handle(out, i, end, "surrogates not allowed", encodeChar,
                    big ? SurrogateForm::Utf16BE : SurrogateForm::Utf16LE);
  }
  return out;
}

std::string encodeUtf32(VM& vm, const Value& str, std::string_view errors, int byteorder) {
  bool big = byteorder == 1;
  std::string out;
  if (byteorder == 0) put32(out, 0xFEFF, false);
  const char* name = byteorder == -1 ? "utf-32-le" : byteorder == 1 ? "utf-32-be" : "utf-32";
  EncodeErrors errs(vm, name, errors, str);
  Text t = textOf(str);
  auto encodeChar = [big](char32_t c, std::string& o) {
    if (isSurrogate(c)) return false;
    put32(o, c, big);
    return true;
  };
  for (size_t i = 0; i < t.size();) {
    if (encodeChar(t[i], out)) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < t.size() && isSurrogate(t[end])) ++end;
    i = errs.handle(out, i, end, "surrogates not allowed", encodeChar,
                    big ? SurrogateForm::Utf32BE : SurrogateForm::Utf32LE);
  }
  return out;
}

Decoded decodeUtf16(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                    int byteorder, bool final) {
  Decoded r;
  size_t i = 0;
  if (byteorder == 0 && data.size() >= 2) {
    uint32_t bom = get16(data, 0, false);
    if (bom == 0xFEFF) {
      byteorder = -1;
      i = 2;
    } else if (bom == 0xFFFE) {
      byteorder = 1;
      i = 2;
    }
    r.byteorder = byteorder;
  }
  bool big = byteorder == 1;
  DecodeErrors errs(vm, big ? "utf-16-be" : "utf-16-le", errors, data, obj);
  SurrogateForm form = big ? SurrogateForm::Utf16BE : SurrogateForm::Utf16LE;
  while (i < data.size()) {
    size_t n = data.size();
    if (i + 2 > n) {
      if (!final) break;
      i = errs.handle(r.text, i, n, "truncated data", form);
      data = errs.input();
      continue;
    }
    uint32_t u = get16(data, i, big);
    if (u < 0xD800 || u > 0xDFFF) {
      appendCodePoint(r.text, u);
      i += 2;
      continue;
    }
    if (u >= 0xDC00) {
      i = errs.handle(r.text, i, i + 2, "illegal encoding", form);
      data = errs.input();
      continue;
    }
    if (i + 4 > n) {
      if (!final) break;
      i = errs.handle(r.text, i, n, "unexpected end of data", form);
      data = errs.input();
      continue;
    }
    uint32_t low = get16(data, i + 2, big);
    if (low < 0xDC00 || low > 0xDFFF) {
      i = errs.handle(r.text, i, i + 2, "illegal UTF-16 surrogate", form);
      data = errs.input();
      continue;
    }
    appendCodePoint(r.text, 0x10000 + (((u & 0x3FF) << 10) | (low & 0x3FF)));
    i += 4;
  }
  r.consumed = i;
  return r;
}

Decoded decodeUtf32(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                    int byteorder, bool final) {
  Decoded r;
  size_t i = 0;
  if (byteorder == 0 && data.size() >= 4) {
    uint32_t bom = get32(data, 0, false);
    if (bom == 0xFEFF) {
      byteorder = -1;
      i = 4;
    } else if (bom == 0xFFFE0000) {
      byteorder = 1;
      i = 4;
    }
    r.byteorder = byteorder;
  }
  bool big = byteorder == 1;
  DecodeErrors errs(vm, big ? "utf-32-be" : "utf-32-le", errors, data, obj);
  SurrogateForm form = big ? SurrogateForm::Utf32BE : SurrogateForm::Utf32LE;
  while (i < data.size()) {
    size_t n = data.size();
    if (i + 4 > n) {
      if (!final) break;
      i = errs.handle(r.text, i, n, "truncated data", form);
      data = errs.input();
      continue;
    }
    uint32_t u = get32(data, i, big);
    if (u > 0x10FFFF) {
      i = errs.handle(r.text, i, i + 4, "code point not in range(0x110000)", form);
      data = errs.input();
      continue;
    }
    if (isSurrogate(u)) {
      i = errs.handle(r.text, i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)",
                      form);
      data = errs.input();
      continue;
    }
    appendCodePoint(r.text, u);
    i += 4;
  }
  r.consumed = i;
  return r;
}

}  // namespace gbc::interp
