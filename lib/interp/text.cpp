// gbc's str by code points: the length and index caches of StrObject and the UTF-8 conventions
// of text.h.
#include "interp/text.h"

#include <algorithm>
#include <cstring>

namespace gbc::interp {

namespace {

/// The length of the sequence gbc's UTF-8 starts with byte `b` (0: not a lead byte).
inline int leadLength(uint8_t b) {
  if (b < 0x80) return 1;
  if (b < 0xC2) return 0;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  if (b < 0xF5) return 4;
  return 0;
}

/// Whether utf8[i..] holds a well-formed sequence of `n` bytes (surrogates allowed).
bool wellFormed(std::string_view utf8, size_t i, int n) {
  if (i + static_cast<size_t>(n) > utf8.size()) return false;
  auto at = [&](size_t k) { return static_cast<uint8_t>(utf8[i + k]); };
  for (int k = 1; k < n; ++k)
    if ((at(static_cast<size_t>(k)) & 0xC0) != 0x80) return false;
  uint8_t b0 = at(0), b1 = n > 1 ? at(1) : 0;
  if (n == 3 && b0 == 0xE0 && b1 < 0xA0) return false;  // overlong
  if (n == 4 && b0 == 0xF0 && b1 < 0x90) return false;  // overlong
  if (n == 4 && b0 == 0xF4 && b1 > 0x8F) return false;  // above U+10FFFF
  return true;
}

std::shared_ptr<const StrIndex> buildIndex(const std::string& v) {
  auto index = std::make_shared<StrIndex>();
  std::u32string cps;
  cps.reserve(v.size());
  char32_t max = 0;
  for (size_t i = 0; i < v.size();) {
    if (cps.size() % StrIndex::kStride == 0) index->offsets.push_back(i);
    char32_t c = decodeCodePoint(v, i);
    max = std::max(max, c);
    cps.push_back(c);
  }
  index->length = cps.size();
  index->width = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  index->units.resize(cps.size() * static_cast<size_t>(index->width));
  char* out = index->units.data();
  switch (index->width) {
    case 1:
      for (size_t k = 0; k < cps.size(); ++k) out[k] = static_cast<char>(cps[k]);
      break;
    case 2:
      for (size_t k = 0; k < cps.size(); ++k) {
        auto u = static_cast<uint16_t>(cps[k]);
        std::memcpy(out + 2 * k, &u, 2);
      }
      break;
    default:
      std::memcpy(out, cps.data(), cps.size() * 4);
  }
  return index;
}

const StrIndex& indexOf(const StrObject& s) {
  if (!s.index_) s.index_ = buildIndex(s.v);
  return *s.index_;
}

}  // namespace

bool isAsciiBytes(std::string_view bytes) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  size_t n = bytes.size(), i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i)
    if (p[i] & 0x80) return false;
  return true;
}

size_t countCodePoints(std::string_view utf8) {
  if (isAsciiBytes(utf8)) return utf8.size();
  size_t n = 0;
  for (size_t i = 0; i < utf8.size(); ++n) decodeCodePoint(utf8, i);
  return n;
}

char32_t decodeCodePoint(std::string_view utf8, size_t& i) {
  auto b = static_cast<uint8_t>(utf8[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  int n = leadLength(b);
  if (n == 0 || !wellFormed(utf8, i, n)) {
    ++i;
    return 0xDC00 + b;
  }
  char32_t cp = b & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<uint8_t>(utf8[i + k]) & 0x3F);
  i += static_cast<size_t>(n);
  return cp;
}

void appendCodePoint(std::string& out, char32_t cp) {
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

std::u32string toCodePoints(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) out += decodeCodePoint(utf8, i);
  return out;
}

std::string fromCodePoints(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size());
  for (char32_t c : cps) appendCodePoint(out, c);
  return out;
}

size_t strLength(const StrObject& s) {
  if (s.length_ < 0)
    s.length_ = static_cast<int64_t>(isAsciiBytes(s.v) ? s.v.size() : indexOf(s).length);
  return static_cast<size_t>(s.length_);
}

Text textOf(const StrObject& s) {
  if (strIsAscii(s)) return {s.v.data(), s.v.size(), 1};
  const StrIndex& index = indexOf(s);
  return {index.units.data(), index.length, index.width};
}

size_t strByteOffset(const StrObject& s, size_t cp) {
  if (strIsAscii(s)) return cp;
  const StrIndex& index = indexOf(s);
  if (cp >= index.length) return s.v.size();
  size_t i = index.offsets[cp / StrIndex::kStride];
  for (size_t k = cp % StrIndex::kStride; k > 0; --k) decodeCodePoint(s.v, i);
  return i;
}

size_t strCodePointIndex(const StrObject& s, size_t byte) {
  if (strIsAscii(s)) return byte;
  const StrIndex& index = indexOf(s);
  if (byte >= s.v.size()) return index.length;
  // the last checkpoint at or before `byte`, then count forward
  auto it = std::upper_bound(index.offsets.begin(), index.offsets.end(), byte);
  size_t block = static_cast<size_t>(it - index.offsets.begin()) - 1;
  size_t cp = block * StrIndex::kStride;
  for (size_t i = index.offsets[block]; i < byte; ++cp) decodeCodePoint(s.v, i);
  return cp;
}

std::string_view strSlice(const StrObject& s, size_t start, size_t stop) {
  if (start >= stop) return {};
  size_t b = strByteOffset(s, start);
  size_t e = strByteOffset(s, stop);
  return std::string_view(s.v).substr(b, e - b);
}

Value pyChar(char32_t cp) {
  static const std::vector<Value> latin1 = [] {
    std::vector<Value> out;
    for (char32_t c = 0; c < 256; ++c) {
      std::string s;
      appendCodePoint(s, c);
      out.push_back(pyStrKnown(std::move(s), 1));
    }
    return out;
  }();
  if (cp < 256) return latin1[cp];
  std::string s;
  appendCodePoint(s, cp);
  return pyStrKnown(std::move(s), 1);
}

Value pyStrKnown(std::string s, size_t length) {
  auto v = std::make_shared<StrObject>(std::move(s));
  v->length_ = static_cast<int64_t>(length);
  return v;
}

Value pyStrFromCodePoints(std::u32string_view cps) {
  return pyStrKnown(fromCodePoints(cps), cps.size());
}

}  // namespace gbc::interp
