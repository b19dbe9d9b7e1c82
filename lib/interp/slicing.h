// Indices and slices of sequences as CPython computes them (PyNumber_Index, PySlice_Unpack,
// PySlice_AdjustIndices): __index__ honoured, ints beyond the machine's range clamped, CPython's
// messages. Used by str, bytes, bytearray and memoryview.
#pragma once

#include <cstdint>
#include <string_view>

#include "interp/value.h"

namespace gbc::interp {

/// The range a slice selects from a sequence of `length` items.
struct SliceBounds {
  int64_t start = 0, stop = 0, step = 1;
  int64_t length = 0;  ///< how many items
};

/// slice.indices(length) with the item count: raises as CPython's slice unpacking does.
SliceBounds sliceBounds(VM& vm, const SliceObject& slice, int64_t length);

/// operator.index(v) as a Py_ssize_t (PyNumber_AsSsize_t with IndexError for overflow): for
/// sequence indices. TypeError "`what` indices must be integers or slices, not X" when `what` is
/// given, else "'X' object cannot be interpreted as an integer".
int64_t indexValue(VM& vm, const Value& v, std::string_view what = {});
/// An index into a sequence of `length` items (negative from the end); IndexError
/// "`what` index out of range" outside it.
int64_t sequenceIndex(VM& vm, const Value& key, int64_t length, std::string_view what);
/// Whether `v` is an int or has __index__.
bool hasIndex(VM& vm, const Value& v);
/// The int of `v`'s __index__ (an int itself: v), as a Value of kind Int; TypeError
/// "'X' object cannot be interpreted as an integer" without one.
Value indexInt(VM& vm, const Value& v);
/// A start/end argument of str.find and friends (None: the default): _PyEval_SliceIndex,
/// clamped to the machine's range.
int64_t sliceIndexArg(VM& vm, const Value& v, int64_t dflt);
/// A length or count argument as a Py_ssize_t: OverflowError "Python int too large to convert
/// to C ssize_t" beyond it.
int64_t ssizeArg(VM& vm, const Value& v);

}  // namespace gbc::interp
