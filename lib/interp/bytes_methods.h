// The methods of bytes and bytearray, registered by kind (VM::nativeMethods) and published into
// the class dicts by slots.cpp; shared helpers of their files.
#pragma once

#include <string>

#include "interp/value.h"

namespace gbc::interp {

/// bytes_methods.cpp: find, count, split, join, strip, replace, partition, ...
void installBytesSearch(VM& vm, Kind kind);
/// bytes_methods_misc.cpp: case, is*, padding, hex, translate, decode, ...; for bytearray
/// its mutators too.
void installBytesMisc(VM& vm, Kind kind);
/// bytes.fromhex / bytes.maketrans and friends, which are not instance methods: installed into
/// the class dicts after publication.
void installBytesClassMethods(VM& vm);

inline void installBytesMethods(VM& vm) {
  for (Kind k : {Kind::Bytes, Kind::ByteArray}) {
    installBytesSearch(vm, k);
    installBytesMisc(vm, k);
  }
}

/// A result of the receiver's kind (bytearray for a bytearray).
Value sameKind(const Value& self, std::string s);
/// The receiver itself for an exact bytes, else a copy of its kind.
Value unchanged(const Value& self);
/// Python's whitespace for bytes (Py_ISSPACE): space, \t, \n, \r, \v, \f.
bool isAsciiSpaceByte(char c);

}  // namespace gbc::interp
