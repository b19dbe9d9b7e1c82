// The string a pattern runs over: bytes, or a str as an array of code points stored 1, 2 or 4
// bytes wide (CPython's UCS-1/2/4). Positions are always character indices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gbc::native::sre {

/// A view of the characters to search; the caller keeps them alive.
struct Subject {
  const void* data = nullptr;
  std::ptrdiff_t length = 0;  ///< in characters
  int charsize = 1;           ///< bytes per character: 1, 2 or 4
  bool is_bytes = false;      ///< a bytes-like object rather than a str

  /// A bytes-like object.
  static Subject bytes(const uint8_t* data, size_t length) {
    return {data, static_cast<std::ptrdiff_t>(length), 1, true};
  }
  /// A str whose code points are all below 256.
  static Subject ucs1(const uint8_t* data, size_t length) {
    return {data, static_cast<std::ptrdiff_t>(length), 1, false};
  }
  /// A str whose code points are all below 65536.
  static Subject ucs2(const uint16_t* data, size_t length) {
    return {data, static_cast<std::ptrdiff_t>(length), 2, false};
  }
  /// Any str.
  static Subject ucs4(const char32_t* data, size_t length) {
    return {data, static_cast<std::ptrdiff_t>(length), 4, false};
  }

  /// The character at `index` (0 <= index < length).
  uint32_t at(std::ptrdiff_t index) const {
    switch (charsize) {
      case 1:
        return static_cast<const uint8_t*>(data)[index];
      case 2:
        return static_cast<const uint16_t*>(data)[index];
      default:
        return static_cast<const char32_t*>(data)[index];
    }
  }
};

/// A str held in the narrowest of the three widths, made from code points or from UTF-8: what
/// the VM hands the engine for a str it stores as UTF-8. Positions in it are code-point indices.
class TextBuffer {
 public:
  /// From code points (any value; the VM's str may hold lone surrogates).
  explicit TextBuffer(std::u32string_view text);
  /// From well-formed UTF-8 (surrogates encoded as three bytes are accepted, as the VM may
  /// store them so); returns false, leaving the buffer empty, when `utf8` is malformed.
  bool assignUtf8(std::string_view utf8);
  TextBuffer() = default;

  Subject subject() const;
  size_t size() const { return size_; }
  int width() const { return width_; }

 private:
  void assign(std::u32string_view text);

  int width_ = 1;
  size_t size_ = 0;
  std::vector<uint8_t> ucs1_;
  std::vector<uint16_t> ucs2_;
  std::u32string ucs4_;
};

}  // namespace gbc::native::sre
