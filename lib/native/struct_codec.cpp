// struct packing and unpacking of each code: integers with their range errors, IEEE half/
// single/double with CPython 3.14's rounding, overflow and NaN-payload rules, complexes,
// bools and byte strings; and the whole-buffer pack/unpack entry points.
#include "native/struct_codec.h"

#include "base/check.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <optional>

namespace gbc::native {

namespace {

PyError structError(std::string message) {
  return PyError{PyErrorKind::StructError, std::move(message)};
}

std::string code(char c) { return std::string(1, c); }

bool isUnsignedCode(char c) {
  return c == 'B' || c == 'H' || c == 'I' || c == 'L' || c == 'Q' || c == 'N';
}

void storeBytes(std::uint64_t v, std::size_t n, bool little, char* dest) {
  for (std::size_t i = 0; i < n; ++i) {
    auto byte = static_cast<char>((v >> (8 * i)) & 0xff);
    dest[little ? i : n - 1 - i] = byte;
  }
}

std::uint64_t loadBytes(const char* src, std::size_t n, bool little) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto byte = static_cast<unsigned char>(src[little ? i : n - 1 - i]);
    v |= static_cast<std::uint64_t>(byte) << (8 * i);
  }
  return v;
}

// --- integers --------------------------------------------------------------------------

// An int argument as sign and magnitude, or `huge` beyond 64 bits.
struct IntArg {
  bool negative = false;
  bool huge = false;
  std::uint64_t magnitude = 0;
};

IntArg intArg(const StructArg& arg) {
  if (const auto* small = std::get_if<std::int64_t>(&arg)) {
    auto u = static_cast<std::uint64_t>(*small);
    return {*small < 0, false, *small < 0 ? ~u + 1 : u};
  }
  const BigInt& big = std::get<BigInt>(arg);
  if (big.magnitude().size() > 1) return {big.isNegative(), true, 0};
  return {big.isNegative(), false, big.magnitude().empty() ? 0 : big.magnitude()[0]};
}

PyResult<bool> packInteger(const StructLayout& layout, const StructItem& item, IntArg v,
                           char* dest) {
  const std::size_t bits = 8 * item.size;
  if (item.code == 'P') {
    // PyLong_AsVoidPtr: signed or unsigned 64-bit; its OverflowError becomes struct.error.
    if (v.huge || (v.negative && v.magnitude > (std::uint64_t{1} << 63))) {
      return structError("int too large to convert");
    }
  } else if (isUnsignedCode(item.code)) {
    std::uint64_t max = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
    if (v.huge || (v.negative && v.magnitude != 0) || v.magnitude > max) {
      return structError("'" + code(item.code) +
                         "' format requires 0 <= number <= " + std::to_string(max));
    }
  } else {
    std::uint64_t max = (std::uint64_t{1} << (bits - 1)) - 1;
    if (v.huge || v.magnitude > (v.negative ? max + 1 : max)) {
      return structError("'" + code(item.code) + "' format requires -" + std::to_string(max + 1) +
                         " <= number <= " + std::to_string(max));
    }
  }
  std::uint64_t raw = v.negative ? ~v.magnitude + 1 : v.magnitude;
  storeBytes(raw, item.size, layout.little_endian, dest);
  return true;
}

StructValue unpackInteger(const StructLayout& layout, const StructItem& item, const char* src) {
  std::uint64_t raw = loadBytes(src, item.size, layout.little_endian);
  if (isUnsignedCode(item.code) || item.code == 'P') {
    if (raw <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(raw);
    return BigInt::fromUint64(raw);
  }
  std::size_t bits = 8 * item.size;
  if (bits < 64 && (raw >> (bits - 1)) != 0) raw |= ~std::uint64_t{0} << bits;  // sign-extend
  return static_cast<std::int64_t>(raw);
}

// --- floats (CPython's PyFloat_Pack2/4/8 and Unpack2/4/8) ---------------------------------

std::uint64_t doubleBits(double x) { return std::bit_cast<std::uint64_t>(x); }

// A NaN narrowed keeps its sign and the top bits of its payload; when none survive it becomes
// a quiet NaN (3.14 no longer replaces every NaN by the default one).
std::uint64_t narrowNan(double x, int mantissa_bits, int sign_bit, std::uint64_t exponent_mask) {
  std::uint64_t bits = doubleBits(x);
  std::uint64_t payload = (bits & ((std::uint64_t{1} << 52) - 1)) >> (52 - mantissa_bits);
  if (payload == 0) payload = std::uint64_t{1} << (mantissa_bits - 1);
  return ((bits >> 63) << sign_bit) | exponent_mask | payload;
}

// Binary16 bits of x, rounded half to even; nullopt when it overflows.
std::optional<std::uint16_t> toHalf(double x) {
  if (std::isnan(x)) return static_cast<std::uint16_t>(narrowNan(x, 10, 15, 0x7c00));
  std::uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  double a = std::fabs(x);
  if (std::isinf(a)) return static_cast<std::uint16_t>(sign | 0x7c00);
  if (a >= 65520.0) return std::nullopt;  // 65504 plus half an ulp rounds up past the maximum
  if (a < 6.103515625e-05) {
    // Subnormal: a whole number of 2**-24 units; 1024 units is the smallest normal's encoding.
    auto units = static_cast<std::uint16_t>(std::nearbyint(std::ldexp(a, 24)));
    return static_cast<std::uint16_t>(sign | units);
  }
  int e = 0;
  double m = std::frexp(a, &e);  // a = m * 2**e, m in [0.5, 1)
  auto mant = static_cast<std::uint32_t>(std::nearbyint((2 * m - 1) * 1024));
  int exponent = e - 1 + 15;
  if (mant == 1024) {
    mant = 0;
    ++exponent;
  }
  return static_cast<std::uint16_t>(sign | (exponent << 10) | mant);
}

double fromHalf(std::uint16_t h) {
  bool negative = (h & 0x8000) != 0;
  int exponent = (h >> 10) & 0x1f;
  std::uint32_t mant = h & 0x3ff;
  double v;
  if (exponent == 0x1f) {
    if (mant == 0) return negative ? -INFINITY : INFINITY;
    std::uint64_t bits = (std::uint64_t{negative} << 63) | (std::uint64_t{0x7ff} << 52) |
                         (std::uint64_t{mant} << 42);
    return std::bit_cast<double>(bits);
  }
  if (exponent == 0) {
    v = std::ldexp(static_cast<double>(mant), -24);
  } else {
    v = std::ldexp(static_cast<double>(mant + 1024), exponent - 25);
  }
  return negative ? -v : v;
}

std::optional<std::uint32_t> toSingle(double x) {
  if (std::isnan(x)) return static_cast<std::uint32_t>(narrowNan(x, 23, 31, 0x7f800000));
  auto y = static_cast<float>(x);
  if (std::isinf(y) && !std::isinf(x)) return std::nullopt;
  return std::bit_cast<std::uint32_t>(y);
}

double fromSingle(std::uint32_t bits) {
  if ((bits & 0x7f800000) == 0x7f800000 && (bits & 0x7fffff) != 0) {
    // Widen the NaN by its bits, so a signalling NaN stays signalling.
    std::uint64_t wide = (std::uint64_t{bits >> 31} << 63) | (std::uint64_t{0x7ff} << 52) |
                         (std::uint64_t{bits & 0x7fffff} << 29);
    return std::bit_cast<double>(wide);
  }
  return static_cast<double>(std::bit_cast<float>(bits));
}

// What a C cast does (x86-64): narrowing or widening a NaN keeps its sign and top payload bits
// and sets the quiet bit; numbers round to nearest, overflowing to infinity.
std::uint32_t castToSingle(double x) {
  if (!std::isnan(x)) return std::bit_cast<std::uint32_t>(static_cast<float>(x));
  return static_cast<std::uint32_t>(narrowNan(x, 23, 31, 0x7f800000)) | 0x400000;
}

double castFromSingle(std::uint32_t bits) {
  double d = fromSingle(bits);
  if (!std::isnan(d)) return d;
  return std::bit_cast<double>(doubleBits(d) | (std::uint64_t{1} << 51));
}

// The double of an int argument to a float code; nullopt when it exceeds the double range.
std::optional<double> intToDouble(const StructArg& arg) {
  if (const auto* small = std::get_if<std::int64_t>(&arg)) return static_cast<double>(*small);
  auto d = std::get<BigInt>(arg).toDouble();
  if (!d) return std::nullopt;
  return *d;
}

PyResult<bool> packFloat(const StructLayout& layout, const StructItem& item, double x,
                         bool from_int, char* dest) {
  auto overflow = [&]() -> PyError {
    // An OverflowError while packing an int argument becomes struct.error (s_pack_internal).
    if (from_int) return structError("int too large to convert");
    return PyError{PyErrorKind::OverflowError,
                   std::string("float too large to pack with ") + item.code + " format"};
  };
  switch (item.code) {
    case 'e': {
      auto h = toHalf(x);
      if (!h) return overflow();
      storeBytes(*h, 2, layout.little_endian, dest);
      return true;
    }
    case 'f': {
      auto s = toSingle(x);
      if (!s) return overflow();
      storeBytes(*s, 4, layout.little_endian, dest);
      return true;
    }
    default:
      storeBytes(doubleBits(x), 8, layout.little_endian, dest);
      return true;
  }
}

double unpackFloat(const StructLayout& layout, char c, const char* src) {
  switch (c) {
    case 'e':
      return fromHalf(static_cast<std::uint16_t>(loadBytes(src, 2, layout.little_endian)));
    case 'f': {
      // Native 'f' reads a C float (a cast, which quiets a signalling NaN); standard sizes go
      // through PyFloat_Unpack4, which keeps it.
      auto bits = static_cast<std::uint32_t>(loadBytes(src, 4, layout.little_endian));
      return layout.native ? castFromSingle(bits) : fromSingle(bits);
    }
    default:
      return std::bit_cast<double>(loadBytes(src, 8, layout.little_endian));
  }
}

// 'F' and 'D' in a little-endian mode copy a C complex (casts, no overflow check); in a
// big-endian mode each part goes through PyFloat_Pack4/Pack8, so 'F' can overflow.
PyResult<bool> packComplex(const StructLayout& layout, const StructItem& item,
                           std::complex<double> z, bool from_int, char* dest) {
  if (item.code == 'D') {
    storeBytes(doubleBits(z.real()), 8, layout.little_endian, dest);
    storeBytes(doubleBits(z.imag()), 8, layout.little_endian, dest + 8);
    return true;
  }
  if (layout.little_endian) {
    storeBytes(castToSingle(z.real()), 4, true, dest);
    storeBytes(castToSingle(z.imag()), 4, true, dest + 4);
    return true;
  }
  StructItem part = item;
  part.code = 'f';
  auto r = packFloat(layout, part, z.real(), from_int, dest);
  if (!r) return r;
  return packFloat(layout, part, z.imag(), from_int, dest + 4);
}

std::complex<double> unpackComplex(const StructLayout& layout, const StructItem& item,
                                   const char* src) {
  if (item.code == 'D') return {unpackFloat(layout, 'd', src), unpackFloat(layout, 'd', src + 8)};
  if (!layout.little_endian)
    return {unpackFloat(layout, 'f', src), unpackFloat(layout, 'f', src + 4)};
  return {castFromSingle(static_cast<std::uint32_t>(loadBytes(src, 4, true))),
          castFromSingle(static_cast<std::uint32_t>(loadBytes(src + 4, 4, true)))};
}

PyError wrongType(const StructItem& item) {
  switch (item.kind) {
    case StructCodeKind::Integer:
      return structError("required argument is not an integer");
    case StructCodeKind::Float:
      return structError("required argument is not a float");
    case StructCodeKind::Complex:
      return structError("required argument is not a complex");
    case StructCodeKind::Char:
      return structError("char format requires a bytes object of length 1");
    case StructCodeKind::String:
      return structError("argument for 's' must be a bytes object");
    case StructCodeKind::PascalString:
      return structError("argument for 'p' must be a bytes object");
    case StructCodeKind::Bool:
    case StructCodeKind::Pad:
      break;
  }
  return structError("required argument is not an integer");
}

}  // namespace

PyResult<bool> structPackValue(const StructLayout& layout, const StructItem& item,
                               const StructArg& arg, char* dest) {
  bool is_int = std::holds_alternative<std::int64_t>(arg) || std::holds_alternative<BigInt>(arg);
  switch (item.kind) {
    case StructCodeKind::Pad:
      return true;
    case StructCodeKind::Integer:
      if (!is_int) return wrongType(item);
      return packInteger(layout, item, intArg(arg), dest);
    case StructCodeKind::Bool: {
      // The VM passes the truth value; an int is taken by its own.
      std::optional<bool> truth;
      if (const auto* b = std::get_if<bool>(&arg)) truth = *b;
      if (is_int) truth = intArg(arg).magnitude != 0 || intArg(arg).huge;
      GBC_CHECK(truth.has_value(), "'?' takes the argument's truth value (bool) from the VM");
      *dest = *truth ? 1 : 0;
      return true;
    }
    case StructCodeKind::Float: {
      if (const auto* d = std::get_if<double>(&arg))
        return packFloat(layout, item, *d, false, dest);
      if (!is_int) return wrongType(item);
      // PyFloat_AsDouble's OverflowError on a huge int is reported as a wrong type.
      auto d = intToDouble(arg);
      if (!d) return wrongType(item);
      return packFloat(layout, item, *d, true, dest);
    }
    case StructCodeKind::Complex: {
      if (const auto* z = std::get_if<std::complex<double>>(&arg)) {
        return packComplex(layout, item, *z, false, dest);
      }
      if (const auto* d = std::get_if<double>(&arg)) {
        return packComplex(layout, item, {*d, 0.0}, false, dest);
      }
      if (!is_int) return wrongType(item);
      auto d = intToDouble(arg);
      if (!d) return wrongType(item);
      return packComplex(layout, item, {*d, 0.0}, true, dest);
    }
    case StructCodeKind::Char: {
      const auto* bytes = std::get_if<StructBytes>(&arg);
      if (bytes == nullptr || bytes->is_bytearray || bytes->data.size() != 1)
        return wrongType(item);
      *dest = bytes->data[0];
      return true;
    }
    case StructCodeKind::String: {
      const auto* bytes = std::get_if<StructBytes>(&arg);
      if (bytes == nullptr) return wrongType(item);
      std::size_t n = std::min(bytes->data.size(), item.size);
      std::memcpy(dest, bytes->data.data(), n);
      std::memset(dest + n, 0, item.size - n);
      return true;
    }
    case StructCodeKind::PascalString: {
      const auto* bytes = std::get_if<StructBytes>(&arg);
      if (bytes == nullptr) return wrongType(item);
      if (item.size == 0) return true;
      std::size_t n = std::min(bytes->data.size(), item.size - 1);
      std::memcpy(dest + 1, bytes->data.data(), n);
      std::memset(dest + 1 + n, 0, item.size - 1 - n);
      dest[0] = static_cast<char>(std::min<std::size_t>(n, 255));
      return true;
    }
  }
  return true;
}

StructValue structUnpackValue(const StructLayout& layout, const StructItem& item, const char* src) {
  switch (item.kind) {
    case StructCodeKind::Integer:
      return unpackInteger(layout, item, src);
    case StructCodeKind::Bool:
      return *src != 0;
    case StructCodeKind::Float:
      return unpackFloat(layout, item.code, src);
    case StructCodeKind::Complex:
      return unpackComplex(layout, item, src);
    case StructCodeKind::Char:
      return std::string(src, 1);
    case StructCodeKind::String:
      return std::string(src, item.size);
    case StructCodeKind::PascalString: {
      if (item.size == 0) return std::string();
      std::size_t n = static_cast<unsigned char>(src[0]);
      if (n >= item.size) n = item.size - 1;
      return std::string(src + 1, n);
    }
    case StructCodeKind::Pad:
      break;
  }
  return std::int64_t{0};
}

static PyResult<bool> packAll(const StructLayout& layout, std::span<const StructArg> args,
                              const char* entry, char* out) {
  if (args.size() != layout.value_count) {
    return structError(std::string(entry) + " expected " + std::to_string(layout.value_count) +
                       " items for packing (got " + std::to_string(args.size()) + ")");
  }
  std::size_t next = 0;
  for (const StructItem& item : layout.items) {
    for (std::size_t k = 0; k < item.repeat; ++k) {
      auto r = structPackValue(layout, item, args[next++], out + item.offset + k * item.size);
      if (!r) return r;
    }
  }
  return true;
}

PyResult<std::string> structPack(const StructLayout& layout, std::span<const StructArg> args) {
  std::string out(layout.size, '\0');
  auto r = packAll(layout, args, "pack", out.data());
  if (!r) return r.error();
  return out;
}

PyResult<bool> structPackInto(const StructLayout& layout, std::span<char> buffer,
                              std::int64_t offset, std::span<const StructArg> args) {
  if (args.size() != layout.value_count) return packAll(layout, args, "pack_into", nullptr);
  auto at = structPackIntoOffset(layout, buffer.size(), offset);
  if (!at) return at.error();
  // Pad bytes are zeroed as CPython does, then the values are written in place.
  std::memset(buffer.data() + *at, 0, layout.size);
  return packAll(layout, args, "pack_into", buffer.data() + *at);
}

static std::vector<StructValue> unpackAll(const StructLayout& layout, const char* src) {
  std::vector<StructValue> values;
  values.reserve(layout.value_count);
  for (const StructItem& item : layout.items) {
    for (std::size_t k = 0; k < item.repeat; ++k) {
      values.push_back(structUnpackValue(layout, item, src + item.offset + k * item.size));
    }
  }
  return values;
}

PyResult<std::vector<StructValue>> structUnpack(const StructLayout& layout, std::string_view data) {
  if (data.size() != layout.size) {
    return structError("unpack requires a buffer of " + std::to_string(layout.size) + " bytes");
  }
  return unpackAll(layout, data.data());
}

PyResult<std::vector<StructValue>> structUnpackFrom(const StructLayout& layout,
                                                    std::string_view data, std::int64_t offset) {
  auto at = structUnpackFromOffset(layout, data.size(), offset);
  if (!at) return at.error();
  return unpackAll(layout, data.data() + *at);
}

}  // namespace gbc::native
