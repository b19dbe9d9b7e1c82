// gbc's str by code points. A str stores UTF-8 (StrObject::v), the form every other part of gbc
// reads and writes; Python sees a sequence of code points. A lone surrogate (U+D800..U+DFFF, as
// '\udc80' or what the 'surrogateescape' and 'surrogatepass' handlers make) is stored as its
// three-byte form (ED A0..BF xx), as CPython's 'surrogatepass' would encode it: the byte order
// of this generalised UTF-8 is the code-point order, so comparison, hashing and substring search
// stay byte-wise. A surrogate pair stays two code points ('\ud83d\ude00' != '\U0001f600').
//
// Code-point access is cheap for ASCII strings (the bytes are the code points) and, for others,
// goes through an index built on first use: the code points in the narrowest of 1, 2 or 4 bytes
// (CPython's own layout, which the regular-expression engine runs on too) and the byte offset of
// every 64th code point. Both caches live on the StrObject (a str never changes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interp/value.h"
#include "native/sre/subject.h"

namespace gbc::interp {

/// The code points of a non-ASCII str (see the file comment).
struct StrIndex {
  static constexpr size_t kStride = 64;
  int width = 1;                ///< bytes per code point in `units`: 1, 2 or 4
  size_t length = 0;            ///< code points
  std::string units;            ///< length * width bytes
  std::vector<size_t> offsets;  ///< offsets[k]: the byte offset of code point k * kStride
};

/// Random access to the code points of a str (a view: the str must outlive it).
struct Text {
  const void* data = nullptr;
  size_t length = 0;
  int width = 1;

  char32_t operator[](size_t i) const {
    switch (width) {
      case 1:
        return static_cast<const uint8_t*>(data)[i];
      case 2:
        return static_cast<const uint16_t*>(data)[i];
      default:
        return static_cast<const char32_t*>(data)[i];
    }
  }
  size_t size() const { return length; }
  /// The characters as the regular-expression engine takes them.
  native::sre::Subject subject() const {
    return {data, static_cast<std::ptrdiff_t>(length), width, false};
  }
};

// ---- one str ----

/// len(s), in code points (cached).
size_t strLength(const StrObject& s);
inline size_t strLength(const Value& s) { return strLength(as<StrObject>(s)); }
/// Whether every code point is below 128 (then bytes and code points coincide).
inline bool strIsAscii(const StrObject& s) { return strLength(s) == s.v.size(); }
inline bool strIsAscii(const Value& s) { return strIsAscii(as<StrObject>(s)); }
/// The code points of `s` (builds the index of a non-ASCII str).
Text textOf(const StrObject& s);
inline Text textOf(const Value& s) { return textOf(as<StrObject>(s)); }
/// The byte offset in s.v of code point `cp` (0 <= cp <= len).
size_t strByteOffset(const StrObject& s, size_t cp);
/// The code-point index of byte offset `byte` (at a code-point boundary, <= s.v.size()).
size_t strCodePointIndex(const StrObject& s, size_t byte);
/// s[start:stop] (code points, 0 <= start <= stop <= len) as UTF-8.
std::string_view strSlice(const StrObject& s, size_t start, size_t stop);

// ---- making strs ----

/// A str of one code point (cached below 256, as CPython's latin-1 singletons).
Value pyChar(char32_t cp);
/// A str whose length in code points is known (an ASCII str: its size).
Value pyStrKnown(std::string s, size_t length);
/// A str from code points.
Value pyStrFromCodePoints(std::u32string_view cps);

// ---- UTF-8 as gbc's str stores it ----

/// Appends code point `cp` (surrogates included) in gbc's UTF-8.
void appendCodePoint(std::string& out, char32_t cp);
/// The code point starting at utf8[i]; advances i past it. Bytes that do not start a sequence
/// of gbc's UTF-8 decode one at a time as U+DC80 + byte ('surrogateescape'), so that malformed
/// bytes that reach a str still have a length.
char32_t decodeCodePoint(std::string_view utf8, size_t& i);
/// The code points of gbc's UTF-8.
std::u32string toCodePoints(std::string_view utf8);
/// gbc's UTF-8 for code points.
std::string fromCodePoints(std::u32string_view cps);
/// Code points in gbc's UTF-8 (counting as decodeCodePoint does).
size_t countCodePoints(std::string_view utf8);
/// Whether every byte is below 128.
bool isAsciiBytes(std::string_view bytes);

}  // namespace gbc::interp
