// The VM's operations on bytes and bytearray values (both BytesObject: Kind::Bytes, and the
// mutable Kind::ByteArray), and the buffer protocol as gbc has it: what a bytes-like argument
// (bytes, bytearray, a C-contiguous memoryview) holds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "interp/value.h"

namespace gbc::interp {

struct IteratorObject;

Value pyBytes(std::string s);
Value pyByteArray(std::string s);
inline bool isBytesKind(Kind k) { return k == Kind::Bytes || k == Kind::ByteArray; }
inline bool isBytesLikeKind(const Value& v) { return isBytesKind(v->kind); }
inline const std::string& bytesOf(const Value& v) { return static_cast<const BytesObject&>(*v).v; }

/// The bytes a bytes-like object exposes (bytes, bytearray, a contiguous memoryview), or
/// nothing for another object. The view lasts until the object changes.
std::optional<std::string_view> bufferView(VM& vm, const Value& v);
/// The same, or TypeError "a bytes-like object is required, not 'X'".
std::string_view bufferArg(VM& vm, const Value& v);

/// b[key]: an int, or a bytes/bytearray of a slice.
Value bytesGetItem(VM& vm, const Value& b, const Value& key);
/// bytearray item and slice assignment and deletion.
void byteArraySetItem(VM& vm, const Value& b, const Value& key, const Value& v);
void byteArrayDelItem(VM& vm, const Value& b, const Value& key);
/// iter(b): ints.
Value bytesIterator(const Value& b);
/// `item in b`: an int in range(256) or a bytes-like object.
bool bytesContains(VM& vm, const Value& b, const Value& item);
/// repr(b): b'...' or bytearray(b'...') (a subclass of bytearray by its type name).
std::string bytesRepr(VM& vm, const Value& b);
/// The b'...' literal of some bytes (as bytearray's repr writes it inside "bytearray(...)").
std::string bytesLiteral(std::string_view bytes, bool bytearray = false);
/// A bytearray that memoryviews export cannot change size: BufferError.
void checkResizable(VM& vm, const Value& b);

}  // namespace gbc::interp
