// Indices and slices of sequences as CPython computes them (slicing.h).
#include "interp/slicing.h"

#include <limits>

#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

/// The int's value clamped to [-kMax - 1, kMax] (CPython's _PyEval_SliceIndex clamps).
int64_t clampedInt(const Value& i) {
  if (!isBigInt(i)) return asInt(i);
  return as<IntObject>(i).big->isNegative() ? -kMax - 1 : kMax;
}

}  // namespace

bool hasIndex(VM& vm, const Value& v) {
  if (isInt(v)) return true;
  return (v->kind == Kind::Instance || v->sub) && vm.typeOf(v)->lookup("__index__");
}

Value indexInt(VM& vm, const Value& v) {
  if (isInt(v)) return v;
  Value m = v->kind == Kind::Instance || v->sub ? vm.typeOf(v)->lookup("__index__") : nullptr;
  if (!m)
    vm.raise(vm.b().type_error,
             "'" + vm.typeOf(v)->name + "' object cannot be interpreted as an integer");
  Value r = vm.callSpecial(m, v, {});
  if (!isInt(r))
    vm.raise(vm.b().type_error, "__index__ returned non-int (type " + vm.typeOf(r)->name + ")");
  return r;
}

int64_t indexValue(VM& vm, const Value& v, std::string_view what) {
  if (!what.empty() && !hasIndex(vm, v))
    vm.raise(vm.b().type_error,
             std::string(what) + " indices must be integers or slices, not " + vm.typeOf(v)->name);
  Value i = indexInt(vm, v);
  if (isBigInt(i))
    vm.raise(vm.b().index_error,
             "cannot fit '" + vm.typeOf(v)->name + "' into an index-sized integer");
  return asInt(i);
}

int64_t sequenceIndex(VM& vm, const Value& key, int64_t length, std::string_view what) {
  int64_t i = indexValue(vm, key, what);
  if (i < 0) i += length;
  if (i < 0 || i >= length) vm.raise(vm.b().index_error, std::string(what) + " index out of range");
  return i;
}

int64_t sliceIndexArg(VM& vm, const Value& v, int64_t dflt) {
  if (!v || isNone(v)) return dflt;
  if (!hasIndex(vm, v))
    vm.raise(vm.b().type_error,
             "slice indices must be integers or None or have an __index__ method");
  return clampedInt(indexInt(vm, v));
}

int64_t ssizeArg(VM& vm, const Value& v) {
  Value i = indexInt(vm, v);
  if (isBigInt(i)) vm.raise(vm.b().overflow_error, "Python int too large to convert to C ssize_t");
  return asInt(i);
}

SliceBounds sliceBounds(VM& vm, const SliceObject& s, int64_t length) {
  SliceBounds b;
  b.step = sliceIndexArg(vm, s.step, 1);
  if (b.step == 0) vm.raise(vm.b().value_error, "slice step cannot be zero");
  if (b.step < -kMax) b.step = -kMax;
  int64_t start = sliceIndexArg(vm, s.start, b.step < 0 ? kMax : 0);
  int64_t stop = sliceIndexArg(vm, s.stop, b.step < 0 ? -kMax - 1 : kMax);
  // PySlice_AdjustIndices
  auto adjust = [&](int64_t& i) {
    if (i < 0) {
      i += length;
      if (i < 0) i = b.step < 0 ? -1 : 0;
    } else if (i >= length) {
      i = b.step < 0 ? length - 1 : length;
    }
  };
  adjust(start);
  adjust(stop);
  b.start = start;
  b.stop = stop;
  if (b.step < 0)
    b.length = stop < start ? (start - stop - 1) / (-b.step) + 1 : 0;
  else
    b.length = start < stop ? (stop - start - 1) / b.step + 1 : 0;
  return b;
}

}  // namespace gbc::interp
