// BigInt multiplication: schoolbook below a threshold, Karatsuba above it (O(n^1.585)), and a
// chunked product when one factor is much longer than the other. Squaring has its own paths
// (half the partial products in schoolbook, two recursive squares in Karatsuba).
#include "native/bigint_limbs.h"

#include <algorithm>
#include <utility>

namespace gbc::native::detail {

namespace {

// Below these sizes schoolbook is as fast (gbc_bench_native on x86-64, g++ 12 -O2, found
// thresholds from 24 to 64 limbs within noise of each other).
constexpr std::size_t kKaratsubaThreshold = 40;
constexpr std::size_t kKaratsubaSquareThreshold = 64;

// r[0..an+bn) = a * b.
void mulSchool(Limb* r, const Limb* a, std::size_t an, const Limb* b, std::size_t bn) {
  std::fill(r, r + an + bn, Limb{0});
  for (std::size_t j = 0; j < bn; ++j) r[j + an] = addMul1(r + j, a, an, b[j]);
}

// r[0..2n) = a * a: each cross product once, doubled, plus the squares on the diagonal.
void sqrSchool(Limb* r, const Limb* a, std::size_t n) {
  std::fill(r, r + 2 * n, Limb{0});
  for (std::size_t i = 0; i + 1 < n; ++i)
    r[i + n] = addMul1(r + 2 * i + 1, a + i + 1, n - i - 1, a[i]);
  Limb top = 0;
  for (std::size_t i = 0; i < 2 * n; ++i) {
    Limb next = r[i] >> (kLimbBits - 1);
    r[i] = (r[i] << 1) | top;
    top = next;
  }
  Limb carry = 0;
  for (std::size_t i = 0; i < n; ++i) {
    DLimb sq = static_cast<DLimb>(a[i]) * a[i];
    DLimb lo = static_cast<DLimb>(r[2 * i]) + static_cast<Limb>(sq) + carry;
    r[2 * i] = static_cast<Limb>(lo);
    DLimb hi = static_cast<DLimb>(r[2 * i + 1]) + static_cast<Limb>(sq >> kLimbBits) +
               static_cast<Limb>(lo >> kLimbBits);
    r[2 * i + 1] = static_cast<Limb>(hi);
    carry = static_cast<Limb>(hi >> kLimbBits);
  }
}

// r[0..rn) += x[0..xn), xn <= rn; the sum must fit in rn limbs.
void addInto(Limb* r, std::size_t rn, const Limb* x, std::size_t xn) {
  Limb carry = addN(r, r, x, xn);
  for (std::size_t i = xn; carry != 0 && i < rn; ++i) carry = ++r[i] == 0;
}

// r[0..rn) -= x[0..xn), xn <= rn; the difference must be non-negative.
void subFrom(Limb* r, std::size_t rn, const Limb* x, std::size_t xn) {
  Limb borrow = subN(r, r, x, xn);
  for (std::size_t i = xn; borrow != 0 && i < rn; ++i) borrow = r[i]-- == 0;
}

// s[0..n+1) = x[0..n) + y[0..yn), yn <= n.
void sumHalves(Limb* s, const Limb* x, std::size_t n, const Limb* y, std::size_t yn) {
  std::copy(x, x + n, s);
  s[n] = 0;
  addInto(s, n + 1, y, yn);
}

std::size_t significant(const Limb* a, std::size_t n) {
  while (n > 0 && a[n - 1] == 0) --n;
  return n;
}

void mulRec(Limb* r, const Limb* a, std::size_t an, const Limb* b, std::size_t bn);
void sqrRec(Limb* r, const Limb* a, std::size_t n);

// a much longer than b: multiply b by bn-limb chunks of a and add the partial products.
void mulLopsided(Limb* r, const Limb* a, std::size_t an, const Limb* b, std::size_t bn) {
  std::fill(r, r + an + bn, Limb{0});
  std::vector<Limb> part(2 * bn);
  for (std::size_t at = 0; at < an; at += bn) {
    std::size_t cn = std::min(bn, an - at);
    mulRec(part.data(), a + at, cn, b, bn);
    addInto(r + at, an + bn - at, part.data(), cn + bn);
  }
}

// Karatsuba with a = a1*B^s + a0, b = b1*B^s + b0:
//   a*b = t2*B^2s + ((a0+a1)(b0+b1) - t0 - t2)*B^s + t0, t0 = a0*b0, t2 = a1*b1.
void mulRec(Limb* r, const Limb* a, std::size_t an, const Limb* b, std::size_t bn) {
  if (an < bn) {
    std::swap(a, b);
    std::swap(an, bn);
  }
  if (bn < kKaratsubaThreshold) return mulSchool(r, a, an, b, bn);
  std::size_t s = (an + 1) / 2;
  if (bn <= s) return mulLopsided(r, a, an, b, bn);
  std::size_t a1n = an - s;
  std::size_t b1n = bn - s;
  mulRec(r, a, s, b, s);
  mulRec(r + 2 * s, a + s, a1n, b + s, b1n);
  std::vector<Limb> sums(2 * (s + 1));
  Limb* sa = sums.data();
  Limb* sb = sa + s + 1;
  sumHalves(sa, a, s, a + s, a1n);
  sumHalves(sb, b, s, b + s, b1n);
  std::size_t san = significant(sa, s + 1);
  std::size_t sbn = significant(sb, s + 1);
  std::vector<Limb> mid(2 * s + 2, 0);
  if (san != 0 && sbn != 0) mulRec(mid.data(), sa, san, sb, sbn);
  subFrom(mid.data(), mid.size(), r, 2 * s);
  subFrom(mid.data(), mid.size(), r + 2 * s, a1n + b1n);
  addInto(r + s, an + bn - s, mid.data(), significant(mid.data(), mid.size()));
}

void sqrRec(Limb* r, const Limb* a, std::size_t n) {
  if (n < kKaratsubaSquareThreshold) return sqrSchool(r, a, n);
  std::size_t s = (n + 1) / 2;
  std::size_t a1n = n - s;
  sqrRec(r, a, s);
  sqrRec(r + 2 * s, a + s, a1n);
  std::vector<Limb> sa(s + 1);
  sumHalves(sa.data(), a, s, a + s, a1n);
  std::size_t san = significant(sa.data(), s + 1);
  std::vector<Limb> mid(2 * s + 2, 0);
  if (san != 0) sqrRec(mid.data(), sa.data(), san);
  subFrom(mid.data(), mid.size(), r, 2 * s);
  subFrom(mid.data(), mid.size(), r + 2 * s, 2 * a1n);
  addInto(r + s, 2 * n - s, mid.data(), significant(mid.data(), mid.size()));
}

}  // namespace

Mag mulMag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  if (&a == &b) return sqrMag(a);
  Mag r(a.size() + b.size());
  mulRec(r.data(), a.data(), a.size(), b.data(), b.size());
  trim(r);
  return r;
}

Mag sqrMag(const Mag& a) {
  if (a.empty()) return {};
  Mag r(2 * a.size());
  sqrRec(r.data(), a.data(), a.size());
  trim(r);
  return r;
}

}  // namespace gbc::native::detail
