// range objects as CPython's: bounds of any size (a BigRange beside the int64 fast path that
// ordinary ranges take), len() that overflows past Py_ssize_t, range_iterator and
// longrange_iterator, indexing, slicing, `in`, count/index, reversed, ==/hash and repr.
#pragma once

#include "interp/value.h"
#include "native/bigint.h"

namespace gbc::interp {

/// The exact bounds of a range that does not fit the int64 fast path.
struct BigRange {
  native::BigInt start, stop, step, len;
};

/// A range of exact bounds: the int64 fast path when start, stop, step and the length fit.
Value makeRange(const native::BigInt& start, const native::BigInt& stop,
                const native::BigInt& step);
/// range(*args) (a.args[0] is the class).
Value rangeNew(VM& vm, CallArgs& a);
/// r[key]: an int (IndexError "range object index out of range") or a slice.
Value rangeGetItem(VM& vm, const Value& r, const Value& key);
/// `item in r`: the arithmetic test for an exact int or bool; nullopt for other items (the
/// caller searches by equality, as CPython does).
std::optional<bool> rangeContains(const RangeObject& r, const Value& item);
/// iter(r): range_iterator on the fast path, else longrange_iterator.
Value rangeIter(VM& vm, const Value& r);
bool rangeEquals(const RangeObject& x, const RangeObject& y);
/// hash(r): CPython's hash of (len, start, step) with None for what does not matter.
int64_t rangeHash(VM& vm, const RangeObject& r);
std::string rangeRepr(const RangeObject& r);
/// start/stop/step/count/index/__reversed__/__reduce__ in range's class dict.
void installRange(VM& vm);

}  // namespace gbc::interp
