// CATEGORY classes and the character helpers _sre exports (CPython 3.14, Modules/_sre/sre.c).
#include "native/sre/chars.h"

namespace gbc::native::sre {

bool inCategory(Code code, uint32_t ch) {
  switch (code) {
    case category::kDigit:
      return isAsciiDigit(ch);
    case category::kNotDigit:
      return !isAsciiDigit(ch);
    case category::kSpace:
      return isAsciiSpace(ch);
    case category::kNotSpace:
      return !isAsciiSpace(ch);
    case category::kWord:
      return isAsciiWord(ch);
    case category::kNotWord:
      return !isAsciiWord(ch);
    case category::kLinebreak:
      return isLinebreak(ch);
    case category::kNotLinebreak:
      return !isLinebreak(ch);
    case category::kLocWord:
      return isLocaleWord(ch);
    case category::kLocNotWord:
      return !isLocaleWord(ch);
    case category::kUniDigit:
      return isUnicodeDigit(ch);
    case category::kUniNotDigit:
      return !isUnicodeDigit(ch);
    case category::kUniSpace:
      return isUnicodeSpace(ch);
    case category::kUniNotSpace:
      return !isUnicodeSpace(ch);
    case category::kUniWord:
      return isUnicodeWord(ch);
    case category::kUniNotWord:
      return !isUnicodeWord(ch);
    case category::kUniLinebreak:
      return isUnicodeLinebreak(ch);
    case category::kUniNotLinebreak:
      return !isUnicodeLinebreak(ch);
    default:
      return false;
  }
}

int getCodeSize() { return kCodeSize; }

bool asciiIsCased(int ch) {
  auto c = static_cast<uint32_t>(ch);
  return c < 128 && isAsciiAlpha(c);
}

bool unicodeIsCased(int ch) {
  auto c = static_cast<uint32_t>(ch);
  return c != lowerUnicode(c) || c != upperUnicode(c);
}

int asciiToLower(int ch) { return static_cast<int>(lowerAscii(static_cast<uint32_t>(ch))); }

int unicodeToLower(int ch) { return static_cast<int>(lowerUnicode(static_cast<uint32_t>(ch))); }

}  // namespace gbc::native::sre
