// Unicode decimal digits and whitespace for numeric parsing. The tables are Unicode 16.0's,
// printed by CPython 3.14:
//   [c for c in range(0x110000) if unicodedata.decimal(chr(c), -1) == 0]   (each starts a run
//   of ten consecutive digits 0..9)
//   [c for c in range(0x110000) if chr(c).isspace()]
#include "native/unicode_digits.h"

#include <algorithm>
#include <array>

namespace gbc::native {

namespace {

constexpr std::array<char32_t, 76> kDecimalZeros = {
    0x30,    0x660,   0x6f0,   0x7c0,   0x966,   0x9e6,   0xa66,   0xae6,   0xb66,   0xbe6,
    0xc66,   0xce6,   0xd66,   0xde6,   0xe50,   0xed0,   0xf20,   0x1040,  0x1090,  0x17e0,
    0x1810,  0x1946,  0x19d0,  0x1a80,  0x1a90,  0x1b50,  0x1bb0,  0x1c40,  0x1c50,  0xa620,
    0xa8d0,  0xa900,  0xa9d0,  0xa9f0,  0xaa50,  0xabf0,  0xff10,  0x104a0, 0x10d30, 0x10d40,
    0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x116d0,
    0x116da, 0x11730, 0x118e0, 0x11950, 0x11bf0, 0x11c50, 0x11d50, 0x11da0, 0x11f50, 0x16130,
    0x16a60, 0x16ac0, 0x16b50, 0x16d70, 0x1ccf0, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
    0x1e140, 0x1e2f0, 0x1e4f0, 0x1e5f1, 0x1e950, 0x1fbf0,
};

constexpr std::array<char32_t, 29> kSpaces = {
    0x9,    0xa,    0xb,    0xc,    0xd,    0x1c,   0x1d,   0x1e,   0x1f,   0x20,
    0x85,   0xa0,   0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
    0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
};

// Decodes one UTF-8 sequence at text[i], advancing i; malformed input yields U+FFFD.
char32_t decodeUtf8(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t j) { return static_cast<unsigned char>(text[j]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int extra = b0 >= 0xf0 ? 3 : b0 >= 0xe0 ? 2 : 1;
  if (b0 < 0xc0 || i + static_cast<std::size_t>(extra) >= text.size()) {
    ++i;
    return 0xfffd;
  }
  char32_t cp = b0 & (0x3f >> extra);
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + static_cast<std::size_t>(k)) & 0xc0) != 0x80) {
      ++i;
      return 0xfffd;
    }
    cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3f);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

}  // namespace

int unicodeDecimalValue(char32_t cp) {
  auto it = std::upper_bound(kDecimalZeros.begin(), kDecimalZeros.end(), cp);
  if (it == kDecimalZeros.begin()) return -1;
  char32_t zero = *(it - 1);
  return cp - zero < 10 ? static_cast<int>(cp - zero) : -1;
}

bool isUnicodeSpace(char32_t cp) { return std::binary_search(kSpaces.begin(), kSpaces.end(), cp); }

std::string transformDecimalAndSpaceToAscii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = decodeUtf8(text, i);
    // ASCII below DEL is kept as it is (so '\x1c' stays, and int() rejects it).
    if (cp < 127) {
      out.push_back(static_cast<char>(cp));
    } else if (isUnicodeSpace(cp)) {
      out.push_back(' ');
    } else if (int d = unicodeDecimalValue(cp); d >= 0) {
      out.push_back(static_cast<char>('0' + d));
    } else {
      out.push_back('?');
      break;
    }
  }
  return out;
}

}  // namespace gbc::native
