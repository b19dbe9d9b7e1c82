// range objects (see range.h). Ordinary ranges stay on int64 arithmetic (Dynamo's programs
// iterate ranges constantly); a range whose bounds or length leave int64 keeps exact BigInt
// bounds, as CPython's rangeobject.c keeps PyLongs, and iterates with a longrange_iterator.
#include "interp/range.h"

#include "interp/native_args.h"
#include "interp/native_type.h"
#include "interp/slicing.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

using native::BigInt;

namespace {

/// The number of items of range(start, stop, step), step non-zero.
BigInt lengthOf(const BigInt& start, const BigInt& stop, const BigInt& step) {
  if (step.sign() > 0) {
    if (start >= stop) return BigInt(0);
    return BigInt::divmodNonZero(stop - start - BigInt(1), step).quotient + BigInt(1);
  }
  if (start <= stop) return BigInt(0);
  return BigInt::divmodNonZero(start - stop - BigInt(1), -step).quotient + BigInt(1);
}

BigInt bigStart(const RangeObject& r) { return r.big ? r.big->start : BigInt(r.start); }
BigInt bigStop(const RangeObject& r) { return r.big ? r.big->stop : BigInt(r.stop); }
BigInt bigStep(const RangeObject& r) { return r.big ? r.big->step : BigInt(r.step); }
BigInt bigLen(const RangeObject& r) { return r.big ? r.big->len : BigInt(r.len); }

Value startOf(const RangeObject& r) { return r.big ? pyBigInt(r.big->start) : pyInt(r.start); }
Value stopOf(const RangeObject& r) { return r.big ? pyBigInt(r.big->stop) : pyInt(r.stop); }
Value stepOf(const RangeObject& r) { return r.big ? pyBigInt(r.big->step) : pyInt(r.step); }
Value lenOf(const RangeObject& r) { return r.big ? pyBigInt(r.big->len) : pyInt(r.len); }

RangeObject& self(VM& vm, const CallArgs& a, const char* what) {
  if (a.args.empty() || a.args[0]->kind != Kind::Range)
    vm.raise(vm.b().type_error,
             std::string("descriptor '") + what + "' for 'range' objects doesn't apply to a '" +
                 (a.args.empty() ? "NoneType" : vm.typeOf(a.args[0])->name) + "' object");
  return as<RangeObject>(a.args[0]);
}

bool exactInt(const Value& v) { return (v->kind == Kind::Int || v->kind == Kind::Bool) && !v->sub; }

/// An int argument: __index__ honoured (a 0-d integer tensor too, as gbc's torch model gives).
BigInt intArg(VM& vm, const Value& v) {
  if (v->kind == Kind::Tensor) return toBigInt(tensorToPyNumber(vm, v, true));
  return toBigInt(indexInt(vm, v));
}

/// A longrange_iterator over `n` items from `start` by `step`.
Value longIterator(VM& vm, BigInt start, BigInt step, BigInt n) {
  auto it = std::make_shared<IteratorObject>();
  it->source = IteratorObject::Source::Native;
  it->type_name = "longrange_iterator";
  it->cls = vm.b().longrange_iterator;
  struct State {
    BigInt next, step, left;
  };
  auto s = std::make_shared<State>(State{std::move(start), std::move(step), std::move(n)});
  it->next = [s](VM&) -> Value {
    if (s->left.sign() <= 0) return nullptr;
    Value v = pyBigInt(s->next);
    s->next = s->next + s->step;
    s->left = s->left - BigInt(1);
    return v;
  };
  return it;
}

/// A range_iterator over `n` items from `start` by `step` (all int64).
Value fastIterator(VM& vm, int64_t start, int64_t step, int64_t n) {
  auto it = std::make_shared<IteratorObject>();
  it->source = IteratorObject::Source::Range;
  it->type_name = "range_iterator";
  it->cls = vm.b().range_iterator;
  // the iterator reads only start, step and len of its target
  it->target = std::make_shared<RangeObject>(start, 0, step, n);
  return it;
}

/// slice.indices() for a length of any size (_PySlice_GetLongIndices).
void sliceIndices(VM& vm, const SliceObject& s, const BigInt& length, BigInt& start, BigInt& stop,
                  BigInt& step) {
  auto index = [&](const Value& v) {
    if (!hasIndex(vm, v))
      vm.raise(vm.b().type_error,
               "slice indices must be integers or None or have an __index__ method");
    return toBigInt(indexInt(vm, v));
  };
  step = isNone(s.step) ? BigInt(1) : index(s.step);
  if (step.isZero()) vm.raise(vm.b().value_error, "slice step cannot be zero");
  bool neg = step.isNegative();
  BigInt lower = neg ? BigInt(-1) : BigInt(0);
  BigInt upper = neg ? length - BigInt(1) : length;
  auto clamp = [&](const Value& v, const BigInt& dflt) {
    if (isNone(v)) return dflt;
    BigInt x = index(v);
    if (x.isNegative()) {
      x = x + length;
      if (x < lower) x = lower;
    } else if (x > upper) {
      x = upper;
    }
    return x;
  };
  start = clamp(s.start, neg ? upper : lower);
  stop = clamp(s.stop, neg ? lower : upper);
}

}  // namespace

Value makeRange(const BigInt& start, const BigInt& stop, const BigInt& step) {
  BigInt len = lengthOf(start, stop, step);
  if (start.fitsInt64() && stop.fitsInt64() && step.fitsInt64() && len.fitsInt64())
    return std::make_shared<RangeObject>(start.toInt64(), stop.toInt64(), step.toInt64(),
                                         len.toInt64());
  auto r = std::make_shared<RangeObject>(0, 0, 1, len.fitsInt64() ? len.toInt64() : -1);
  r->big = std::make_shared<const BigRange>(BigRange{start, stop, step, std::move(len)});
  return r;
}

Value rangeNew(VM& vm, CallArgs& a) {
  if (!a.kwargs.empty()) vm.raise(vm.b().type_error, "range() takes no keyword arguments");
  size_t n = a.args.size() - 1;
  if (n == 0) vm.raise(vm.b().type_error, "range expected at least 1 argument, got 0");
  if (n > 3)
    vm.raise(vm.b().type_error, "range expected at most 3 arguments, got " + std::to_string(n));
  // the common case: small ints, computed without BigInt
  bool small = true;
  for (size_t i = 1; i <= n; ++i)
    small = small && a.args[i]->kind == Kind::Int && !isBigInt(a.args[i]);
  if (small) {
    int64_t start = n == 1 ? 0 : asInt(a.args[1]);
    int64_t stop = n == 1 ? asInt(a.args[1]) : asInt(a.args[2]);
    int64_t step = n == 3 ? asInt(a.args[3]) : 1;
    if (step == 0) vm.raise(vm.b().value_error, "range() arg 3 must not be zero");
    __int128 len = 0;
    if (step > 0 && start < stop)
      len = (static_cast<__int128>(stop) - start - 1) / step + 1;
    else if (step < 0 && start > stop)
      len = (static_cast<__int128>(start) - stop - 1) / -static_cast<__int128>(step) + 1;
    if (len <= INT64_MAX)
      return std::make_shared<RangeObject>(start, stop, step, static_cast<int64_t>(len));
  }
  std::vector<BigInt> v;
  for (size_t i = 1; i <= n; ++i) v.push_back(intArg(vm, a.args[i]));
  if (n == 1) return makeRange(BigInt(0), v[0], BigInt(1));
  if (n == 3 && v[2].isZero()) vm.raise(vm.b().value_error, "range() arg 3 must not be zero");
  return makeRange(v[0], v[1], n == 3 ? v[2] : BigInt(1));
}

Value rangeGetItem(VM& vm, const Value& rv, const Value& key) {
  const auto& r = as<RangeObject>(rv);
  if (key->kind == Kind::Slice) {
    BigInt start, stop, step;
    sliceIndices(vm, as<SliceObject>(key), bigLen(r), start, stop, step);
    BigInt rstart = bigStart(r), rstep = bigStep(r);
    return makeRange(rstart + start * rstep, rstart + stop * rstep, step * rstep);
  }
  if (!hasIndex(vm, key))
    vm.raise(vm.b().type_error,
             "range indices must be integers or slices, not " + vm.typeOf(key)->name);
  Value k = indexInt(vm, key);
  if (!r.big && !isBigInt(k)) {
    int64_t i = asInt(k);
    if (i < 0) i += r.len;
    if (i < 0 || i >= r.len) vm.raise(vm.b().index_error, "range object index out of range");
    return pyInt(static_cast<int64_t>(static_cast<uint64_t>(r.start) +
                                      static_cast<uint64_t>(r.step) * static_cast<uint64_t>(i)));
  }
  BigInt i = toBigInt(k), len = bigLen(r);
  if (i.isNegative()) i = i + len;
  if (i.isNegative() || i >= len) vm.raise(vm.b().index_error, "range object index out of range");
  return pyBigInt(bigStart(r) + i * bigStep(r));
}

std::optional<bool> rangeContains(const RangeObject& r, const Value& item) {
  if (!exactInt(item)) return std::nullopt;
  if (!r.big && !isBigInt(item)) {
    int64_t x = asInt(item);
    if (r.step > 0 ? (x < r.start || x >= r.stop) : (x > r.start || x <= r.stop)) return false;
    return (static_cast<__int128>(x) - r.start) % r.step == 0;
  }
  BigInt x = toBigInt(item), start = bigStart(r), stop = bigStop(r), step = bigStep(r);
  if (step.sign() > 0 ? (x < start || x >= stop) : (x > start || x <= stop)) return false;
  return BigInt::divmodNonZero(x - start, step).remainder.isZero();
}

Value rangeIter(VM& vm, const Value& rv) {
  const auto& r = as<RangeObject>(rv);
  if (!r.big) {
    auto it = std::make_shared<IteratorObject>();
    it->source = IteratorObject::Source::Range;
    it->type_name = "range_iterator";
    it->cls = vm.b().range_iterator;
    it->target = rv;
    return it;
  }
  return longIterator(vm, r.big->start, r.big->step, r.big->len);
}

bool rangeEquals(const RangeObject& x, const RangeObject& y) {
  if (&x == &y) return true;
  if (!x.big && !y.big)
    return x.len == y.len &&
           (x.len == 0 || (x.start == y.start && (x.len == 1 || x.step == y.step)));
  BigInt n = bigLen(x);
  if (n != bigLen(y)) return false;
  if (n.isZero()) return true;
  if (bigStart(x) != bigStart(y)) return false;
  return n == BigInt(1) || bigStep(x) == bigStep(y);
}

int64_t rangeHash(VM& vm, const RangeObject& r) {
  bool one = r.len == 1, zero = r.len == 0;
  Value t = pyTuple({lenOf(r), zero ? none() : startOf(r), zero || one ? none() : stepOf(r)});
  return vm.hash(t);
}

std::string rangeRepr(const RangeObject& r) {
  if (!r.big) {
    std::string out = "range(" + std::to_string(r.start) + ", " + std::to_string(r.stop);
    if (r.step != 1) out += ", " + std::to_string(r.step);
    return out + ")";
  }
  std::string out = "range(" + r.big->start.toString() + ", " + r.big->stop.toString();
  if (r.big->step != BigInt(1)) out += ", " + r.big->step.toString();
  return out + ")";
}

void installRange(VM& vm) {
  auto& B = vm.b();
  for (auto [slot, name] : {std::pair{&B.range_iterator, "range_iterator"},
                            std::pair{&B.longrange_iterator, "longrange_iterator"}}) {
    ClassPtr c = vm.makeClass(name, {B.iterator}, nullptr);
    c->module = "builtins";
    c->instance_kind = Kind::Iterator;
    c->builtin = true;
    *slot = c;
  }
  const ClassPtr& cls = vm.b().range;
  nativeGetSet(cls, "start", [](VM&, const Value& r) { return startOf(as<RangeObject>(r)); });
  nativeGetSet(cls, "stop", [](VM&, const Value& r) { return stopOf(as<RangeObject>(r)); });
  nativeGetSet(cls, "step", [](VM&, const Value& r) { return stepOf(as<RangeObject>(r)); });
  nativeMethod(cls, "count", [](VM& vm, CallArgs& a) -> Value {
    RangeObject& r = self(vm, a, "count");
    Value x = oneArg(vm, a, "range.count", 1);
    if (auto in = rangeContains(r, x)) return pyInt(*in ? 1 : 0);
    int64_t n = 0;
    Value it = rangeIter(vm, a.args[0]);
    while (Value v = vm.next(it))
      if (vm.equals(v, x)) ++n;
    return pyInt(n);
  });
  nativeMethod(cls, "index", [](VM& vm, CallArgs& a) -> Value {
    RangeObject& r = self(vm, a, "index");
    Value x = oneArg(vm, a, "range.index", 1);
    if (auto in = rangeContains(r, x)) {
      if (!*in) vm.raise(vm.b().value_error, "range.index(x): x not in range");
      if (!r.big && !isBigInt(x))
        return pyInt(static_cast<int64_t>((static_cast<__int128>(asInt(x)) - r.start) / r.step));
      return pyBigInt(BigInt::divmodNonZero(toBigInt(x) - bigStart(r), bigStep(r)).quotient);
    }
    int64_t i = 0;
    Value it = rangeIter(vm, a.args[0]);
    for (; Value v = vm.next(it); ++i)
      if (vm.equals(v, x)) return pyInt(i);
    vm.raise(vm.b().value_error, "sequence.index(x): x not in sequence");
  });
  nativeMethod(cls, "__reversed__", [](VM& vm, CallArgs& a) -> Value {
    RangeObject& r = self(vm, a, "__reversed__");
    if (!r.big && r.step != INT64_MIN) {
      int64_t last = static_cast<int64_t>(static_cast<uint64_t>(r.start) +
                                          static_cast<uint64_t>(r.step) *
                                              static_cast<uint64_t>(r.len ? r.len - 1 : 0));
      return fastIterator(vm, last, -r.step, r.len);
    }
    BigInt len = bigLen(r), step = bigStep(r);
    BigInt last = bigStart(r) + (len.isZero() ? BigInt(0) : (len - BigInt(1)) * step);
    return longIterator(vm, last, -step, len);
  });
  nativeMethod(cls, "__reduce__", [](VM& vm, CallArgs& a) -> Value {
    RangeObject& r = self(vm, a, "__reduce__");
    return pyTuple({vm.b().range, pyTuple({startOf(r), stopOf(r), stepOf(r)})});
  });
}

}  // namespace gbc::interp
