// struct format strings: compiling a format to a StructLayout (CPython's prepare_s and
// getentry), and the buffer and offset checks of pack_into, unpack_from and iter_unpack.
#include "native/struct_codec.h"

#include <cstdint>
#include <limits>

namespace gbc::native {

namespace {

constexpr std::size_t kMaxSize = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());

struct CodeInfo {
  char code;
  StructCodeKind kind;
  std::size_t native_size;
  std::size_t native_align;
  std::size_t standard_size;  // 0: native only
};

// Native sizes and alignments are x86-64 Linux's (LP64: long and pointers 8 bytes).
constexpr CodeInfo kCodes[] = {
    {'x', StructCodeKind::Pad, 1, 1, 1},          {'c', StructCodeKind::Char, 1, 1, 1},
    {'b', StructCodeKind::Integer, 1, 1, 1},      {'B', StructCodeKind::Integer, 1, 1, 1},
    {'?', StructCodeKind::Bool, 1, 1, 1},         {'h', StructCodeKind::Integer, 2, 2, 2},
    {'H', StructCodeKind::Integer, 2, 2, 2},      {'i', StructCodeKind::Integer, 4, 4, 4},
    {'I', StructCodeKind::Integer, 4, 4, 4},      {'l', StructCodeKind::Integer, 8, 8, 4},
    {'L', StructCodeKind::Integer, 8, 8, 4},      {'q', StructCodeKind::Integer, 8, 8, 8},
    {'Q', StructCodeKind::Integer, 8, 8, 8},      {'n', StructCodeKind::Integer, 8, 8, 0},
    {'N', StructCodeKind::Integer, 8, 8, 0},      {'P', StructCodeKind::Integer, 8, 8, 0},
    {'e', StructCodeKind::Float, 2, 2, 2},        {'f', StructCodeKind::Float, 4, 4, 4},
    {'d', StructCodeKind::Float, 8, 8, 8},        {'F', StructCodeKind::Complex, 8, 4, 8},
    {'D', StructCodeKind::Complex, 16, 8, 16},    {'s', StructCodeKind::String, 1, 1, 1},
    {'p', StructCodeKind::PascalString, 1, 1, 1},
};

const CodeInfo* findCode(char c, bool native) {
  for (const CodeInfo& info : kCodes) {
    if (info.code != c) continue;
    if (!native && info.standard_size == 0) return nullptr;
    return &info;
  }
  return nullptr;
}

bool isPySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

PyError structError(std::string message) {
  return PyError{PyErrorKind::StructError, std::move(message)};
}

}  // namespace

PyResult<StructLayout> compileStructFormat(std::string_view format) {
  if (format.find('\0') != std::string_view::npos) return structError("embedded null character");
  StructLayout layout;
  std::size_t i = 0;
  if (!format.empty()) {
    switch (format[0]) {
      case '<':
        layout.native = false, layout.little_endian = true, i = 1;
        break;
      case '>':
      case '!':
        layout.native = false, layout.little_endian = false, i = 1;
        break;
      case '=':
        layout.native = false, i = 1;
        break;  // x86-64 is little-endian
      case '@':
        i = 1;
        break;
      default:
        break;
    }
  }
  const PyError too_long = structError("total struct size too long");
  std::size_t size = 0;
  while (i < format.size()) {
    char c = format[i++];
    if (isPySpace(c)) continue;
    std::size_t num = 1;
    if (c >= '0' && c <= '9') {
      num = static_cast<std::size_t>(c - '0');
      while (i < format.size() && format[i] >= '0' && format[i] <= '9') {
        auto digit = static_cast<std::size_t>(format[i++] - '0');
        if (num > (kMaxSize - digit) / 10) return too_long;
        num = num * 10 + digit;
      }
      if (i == format.size()) return structError("repeat count given without format specifier");
      c = format[i++];
    }
    const CodeInfo* info = findCode(c, layout.native);
    if (info == nullptr) return structError("bad char in struct format");
    std::size_t item_size = layout.native ? info->native_size : info->standard_size;
    if (layout.native && info->native_align > 1) {
      // Aligned even for a zero count: "c0l" pads to a long boundary.
      std::size_t extra = (info->native_align - size % info->native_align) % info->native_align;
      if (extra > kMaxSize - size) return too_long;
      size += extra;
    }
    if (num > (kMaxSize - size) / item_size) return too_long;
    StructItem item{c, info->kind, size, item_size, num};
    switch (info->kind) {
      case StructCodeKind::String:
      case StructCodeKind::PascalString:
        item.size = num;
        item.repeat = 1;
        layout.items.push_back(item);
        ++layout.value_count;
        break;
      case StructCodeKind::Pad:
        break;
      case StructCodeKind::Char:
      case StructCodeKind::Integer:
      case StructCodeKind::Bool:
      case StructCodeKind::Float:
      case StructCodeKind::Complex:
        if (num > 0) {
          layout.items.push_back(item);
          layout.value_count += num;
        }
        break;
    }
    size += num * item_size;
  }
  layout.size = size;
  return layout;
}

PyResult<std::size_t> structPackIntoOffset(const StructLayout& layout, std::size_t buffer_size,
                                           std::int64_t offset) {
  auto size = static_cast<std::int64_t>(layout.size);
  auto length = static_cast<std::int64_t>(buffer_size);
  if (offset < 0) {
    if (offset + size > 0) {
      return structError("no space to pack " + std::to_string(size) + " bytes at offset " +
                         std::to_string(offset));
    }
    if (offset + length < 0) {
      return structError("offset " + std::to_string(offset) + " out of range for " +
                         std::to_string(length) + "-byte buffer");
    }
    offset += length;
  }
  if (length - offset < size) {
    return structError("pack_into requires a buffer of at least " + std::to_string(size + offset) +
                       " bytes for packing " + std::to_string(size) + " bytes at offset " +
                       std::to_string(offset) + " (actual buffer size is " +
                       std::to_string(length) + ")");
  }
  return static_cast<std::size_t>(offset);
}

PyResult<std::size_t> structUnpackFromOffset(const StructLayout& layout, std::size_t buffer_size,
                                             std::int64_t offset) {
  auto size = static_cast<std::int64_t>(layout.size);
  auto length = static_cast<std::int64_t>(buffer_size);
  if (offset < 0) {
    if (offset + size > 0) {
      return structError("not enough data to unpack " + std::to_string(size) + " bytes at offset " +
                         std::to_string(offset));
    }
    if (offset + length < 0) {
      return structError("offset " + std::to_string(offset) + " out of range for " +
                         std::to_string(length) + "-byte buffer");
    }
    offset += length;
  }
  if (length - offset < size) {
    return structError("unpack_from requires a buffer of at least " +
                       std::to_string(size + offset) + " bytes for unpacking " +
                       std::to_string(size) + " bytes at offset " + std::to_string(offset) +
                       " (actual buffer size is " + std::to_string(length) + ")");
  }
  return static_cast<std::size_t>(offset);
}

PyResult<std::size_t> structIterUnpackCount(const StructLayout& layout, std::size_t buffer_size) {
  if (layout.size == 0) return structError("cannot iteratively unpack with a struct of length 0");
  if (buffer_size % layout.size != 0) {
    return structError("iterative unpacking requires a buffer of a multiple of " +
                       std::to_string(layout.size) + " bytes");
  }
  return buffer_size / layout.size;
}

}  // namespace gbc::native
