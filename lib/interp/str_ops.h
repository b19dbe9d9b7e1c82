// The VM's operations on str values by code points: indexing, slicing, iteration, `in`,
// concatenation and repetition, repr() and ascii() as CPython writes them. The VM's generic
// protocol (vm_ops.cpp, repr.cpp, vm_arith.cpp) calls these for Kind::Str.
#pragma once

#include <string>
#include <string_view>

#include "interp/value.h"

namespace gbc::interp {

struct IteratorObject;

/// s[key]: an index (IndexError "string index out of range") or a slice of any step.
Value strGetItem(VM& vm, const Value& s, const Value& key);
/// iter(s): a str_ascii_iterator or str_iterator.
Value strIterator(const Value& s);
/// The next character of a str iterator (null when exhausted).
Value strIteratorNext(IteratorObject& it);
/// `item in s` (TypeError "'in <string>' requires string as left operand, not X").
bool strContains(VM& vm, const Value& s, const Value& item);
/// a + b of two strs.
Value strConcat(const Value& a, const Value& b);
/// s * n (n <= 0: '').
Value strRepeat(VM& vm, const Value& s, int64_t n);

/// repr() of a str: CPython's quote choice and escapes (printable non-ASCII kept).
std::string strRepr(const StrObject& s);
/// ascii() of any object's repr text: every non-ASCII code point escaped as \xhh, \uhhhh or
/// \Uhhhhhhhh (backslashreplace).
std::string asciiEscape(std::string_view repr);

}  // namespace gbc::interp
