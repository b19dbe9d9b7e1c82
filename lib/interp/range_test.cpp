// Unit tests of range objects (range.h): the int64 fast path and exact bounds beyond it.
#include <catch2/catch.hpp>

#include "interp/range.h"

using namespace gbc::interp;
using gbc::native::BigInt;

namespace {

const RangeObject& range(const Value& v) { return as<RangeObject>(v); }

}  // namespace

TEST_CASE("ranges whose bounds and length fit int64 stay on the fast path") {
  Value r = makeRange(BigInt(2), BigInt(20), BigInt(3));
  CHECK_FALSE(range(r).big);
  CHECK(range(r).len == 6);
  CHECK(rangeRepr(range(r)) == "range(2, 20, 3)");
  CHECK(*rangeContains(range(r), pyInt(17)));
  CHECK_FALSE(*rangeContains(range(r), pyInt(18)));
  CHECK_FALSE(rangeContains(range(r), pyFloat(17.0)).has_value());  // searched by equality
  Value empty = makeRange(BigInt(5), BigInt(1), BigInt(1));
  CHECK(range(empty).empty());
  CHECK(rangeEquals(range(empty), range(makeRange(BigInt(0), BigInt(0), BigInt(7)))));
  CHECK(rangeRepr(range(makeRange(BigInt(3), BigInt(0), BigInt(-1)))) == "range(3, 0, -1)");
}

TEST_CASE("a length beyond int64 keeps exact bounds") {
  BigInt lo = -(BigInt(1) << 63), hi = (BigInt(1) << 63) - BigInt(1);
  Value r = makeRange(lo, hi, BigInt(1));  // 2**64 - 1 items
  REQUIRE(range(r).big);
  CHECK(range(r).len == -1);
  CHECK_FALSE(range(r).empty());
  CHECK(range(r).big->len == (BigInt(1) << 64) - BigInt(1));
  // by twos, 2**63 items do not fit; 2**63 - 1 do
  CHECK(range(makeRange(lo, hi, BigInt(2))).big);
  Value half = makeRange(lo, hi - BigInt(1), BigInt(2));
  CHECK_FALSE(range(half).big);
  CHECK(range(half).len == INT64_MAX);
}

TEST_CASE("bounds beyond int64: membership, equality and repr are exact") {
  BigInt big = BigInt(1) << 100;
  Value r = makeRange(big, big + BigInt(10), BigInt(2));
  REQUIRE(range(r).big);
  CHECK(range(r).len == 5);
  CHECK(*rangeContains(range(r), pyBigInt(big + BigInt(4))));
  CHECK_FALSE(*rangeContains(range(r), pyBigInt(big + BigInt(5))));
  CHECK_FALSE(*rangeContains(range(r), pyInt(4)));
  CHECK(rangeRepr(range(r)) ==
        "range(1267650600228229401496703205376, 1267650600228229401496703205386, 2)");
  // equal when the items are: the same start, length and (for more than one item) step
  CHECK(rangeEquals(range(makeRange(big, big + BigInt(1), BigInt(5))),
                    range(makeRange(big, big + BigInt(3), BigInt(7)))));
  CHECK_FALSE(rangeEquals(range(r), range(makeRange(big, big + BigInt(10), BigInt(3)))));
}
