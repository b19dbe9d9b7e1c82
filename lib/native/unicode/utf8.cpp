// Strict UTF-8 conversion. The error ranges follow CPython's decoder: a bad lead byte is a
// one-byte "invalid start byte"; otherwise the error covers the valid prefix of the sequence
// (the "maximal subpart"), and is "unexpected end of data" when the input ends inside it.
#include "native/unicode/utf8.h"

#include "base/check.h"

namespace gbc::native::unicode {

namespace {

// The range the second byte of a sequence must lie in, by lead byte (excluding overlong forms,
// surrogates and code points above U+10FFFF).
struct Lead {
  int length;  // 0: not a lead byte
  uint8_t second_lo, second_hi;
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

}  // namespace

std::optional<Utf8Error> decodeUtf8(std::string_view bytes, std::u32string& out,
                                    Surrogates surrogates) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const size_t n = bytes.size();
  out.reserve(out.size() + n);
  size_t i = 0;
  while (i < n) {
    uint8_t b = p[i];
    if (b < 0x80) {
      out += static_cast<char32_t>(b);
      ++i;
      continue;
    }
    Lead lead = leadOf(b);
    if (b == 0xED && surrogates == Surrogates::Pass) lead.second_hi = 0xBF;
    if (lead.length == 0) return Utf8Error{i, i + 1, "invalid start byte"};
    char32_t cp = b & (0x7F >> lead.length);
    for (int k = 1; k < lead.length; ++k) {
      if (i + k >= n) return Utf8Error{i, n, "unexpected end of data"};
      uint8_t c = p[i + k];
      uint8_t lo = k == 1 ? lead.second_lo : 0x80;
      uint8_t hi = k == 1 ? lead.second_hi : 0xBF;
      if (c < lo || c > hi) return Utf8Error{i, i + k, "invalid continuation byte"};
      cp = (cp << 6) | (c & 0x3F);
    }
    out += cp;
    i += lead.length;
  }
  return std::nullopt;
}

void appendUtf8(std::string& out, char32_t cp) {
  GBC_CHECK(cp <= 0x10FFFF, "code point out of range");
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

std::optional<Utf8Error> encodeUtf8(std::u32string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char32_t cp = text[i];
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      size_t end = i + 1;
      while (end < text.size() && text[end] >= 0xD800 && text[end] <= 0xDFFF) ++end;
      return Utf8Error{i, end, "surrogates not allowed"};
    }
    appendUtf8(out, cp);
  }
  return std::nullopt;
}

size_t countCodePoints(std::string_view utf8) {
  size_t count = 0;
  for (char c : utf8)
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++count;
  return count;
}

int narrowestWidth(std::u32string_view text) {
  char32_t max = 0;
  for (char32_t c : text) max = c > max ? c : max;
  return max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
}

}  // namespace gbc::native::unicode
