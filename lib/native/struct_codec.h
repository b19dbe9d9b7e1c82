// The codec behind `_struct` (Modules/_struct.c): format strings compiled to a layout (byte
// order, x86-64 Linux native sizes and alignment for '@', standard sizes otherwise), and the
// packing and unpacking of each code over plain values, with CPython 3.14's struct.error,
// OverflowError and messages. The VM classifies each Python argument (StructArg) after its
// protocols (__index__, __float__, __complex__, truth value); everything else is here.
#pragma once

#include "native/bigint.h"
#include "native/py_result.h"

#include <complex>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gbc::native {

/// What a format code packs.
enum class StructCodeKind {
  Pad,           ///< x: no value
  Char,          ///< c: bytes of length 1
  Integer,       ///< b B h H i I l L q Q n N P
  Bool,          ///< ?
  Float,         ///< e f d
  Complex,       ///< F D
  String,        ///< s: bytes, truncated or zero-padded to the count
  PascalString,  ///< p: a length byte, then bytes
};

/// One code of a compiled format with its repeat count: `repeat` values of `size` bytes from
/// `offset` on (s and p: one value of `size` = the count bytes; x has no item).
struct StructItem {
  char code = 0;
  StructCodeKind kind = StructCodeKind::Pad;
  std::size_t offset = 0;  ///< byte offset of the first value in the packed data
  std::size_t size = 0;    ///< bytes per value
  std::size_t repeat = 1;  ///< values (a count like "1000000i" is not expanded)
};

/// A compiled format: struct.Struct(format).
struct StructLayout {
  bool native = true;             ///< '@' (or no prefix): native sizes and alignment
  bool little_endian = true;      ///< byte order of the items
  std::size_t size = 0;           ///< calcsize()
  std::size_t value_count = 0;    ///< arguments pack() takes, values unpack() returns
  std::vector<StructItem> items;  ///< in format order
};

/// Compiles a format (ASCII; a str with other characters is the caller's UnicodeEncodeError).
/// struct.error "bad char in struct format", "repeat count given without format specifier",
/// "total struct size too long", "embedded null character".
PyResult<StructLayout> compileStructFormat(std::string_view format);

/// bytes or bytearray for c, s and p.
struct StructBytes {
  std::string data;
  bool is_bytearray = false;
};

/// One argument of pack(), classified by the VM for its item's kind:
///   Integer codes: an int (int64 or BigInt; bool as 0/1; __index__ applied) or monostate.
///   Float codes: a float (double), an int (int64/BigInt; its conversion and overflow are
///     decided here), __float__/__index__ applied, or monostate.
///   Complex codes: complex, float, int, or monostate.
///   '?': its truth value (bool).  c, s, p: StructBytes, or monostate for anything else.
using StructArg = std::variant<std::monostate, std::int64_t, BigInt, double, std::complex<double>,
                               bool, StructBytes>;

/// One unpacked value: ints as int64 when they fit (else BigInt), floats, complexes, bools,
/// bytes (c, s, p).
using StructValue =
    std::variant<std::int64_t, BigInt, double, std::complex<double>, bool, std::string>;

/// struct.pack(format, *args): the arity error "pack expected N items for packing (got M)".
PyResult<std::string> structPack(const StructLayout& layout, std::span<const StructArg> args);
/// Packs one value of an item at dest (its offset + k * item.size).
PyResult<bool> structPackValue(const StructLayout& layout, const StructItem& item,
                               const StructArg& arg, char* dest);
/// struct.pack_into(format, buffer, offset, *args): the arity error names pack_into.
PyResult<bool> structPackInto(const StructLayout& layout, std::span<char> buffer,
                              std::int64_t offset, std::span<const StructArg> args);

/// struct.unpack(format, data): "unpack requires a buffer of N bytes" unless data.size() ==
/// layout.size.
PyResult<std::vector<StructValue>> structUnpack(const StructLayout& layout, std::string_view data);
/// struct.unpack_from(format, data, offset).
PyResult<std::vector<StructValue>> structUnpackFrom(const StructLayout& layout,
                                                    std::string_view data, std::int64_t offset);
/// Unpacks one value of an item from src (its offset + k * item.size).
StructValue structUnpackValue(const StructLayout& layout, const StructItem& item, const char* src);

/// pack_into's and unpack_from's offset checks: the offset resolved against the buffer
/// (negative offsets count from its end), or CPython's struct.error.
PyResult<std::size_t> structPackIntoOffset(const StructLayout& layout, std::size_t buffer_size,
                                           std::int64_t offset);
PyResult<std::size_t> structUnpackFromOffset(const StructLayout& layout, std::size_t buffer_size,
                                             std::int64_t offset);
/// iter_unpack's checks: the number of records in a buffer of buffer_size bytes.
PyResult<std::size_t> structIterUnpackCount(const StructLayout& layout, std::size_t buffer_size);

}  // namespace gbc::native
