// BigInt division of magnitudes: Knuth's algorithm D (TAOCP vol. 2, 4.3.1) for small divisors
// or short quotients, and Burnikel-Ziegler recursive division ("Fast Recursive Division",
// 1998) above a threshold, which costs O(M(n) log n) with Karatsuba multiplication and makes
// decimal conversion of huge numbers subquadratic.
#include "native/bigint_limbs.h"

#include "base/check.h"

#include <algorithm>

namespace gbc::native::detail {

namespace {

// Divisors (and quotients) of at least this many limbs use Burnikel-Ziegler (gbc_bench_native
// found 30 to 120 within noise of each other).
constexpr std::size_t kBurnikelZieglerThreshold = 60;

Mag shlLimbs(const Mag& a, std::size_t limbs) {
  if (a.empty()) return {};
  Mag r(a.size() + limbs, 0);
  std::copy(a.begin(), a.end(), r.begin() + static_cast<std::ptrdiff_t>(limbs));
  return r;
}

// q = a / b, r = a % b for a normalised divisor (top bit of b set, b.size() >= 2).
void divKnuth(const Mag& a, const Mag& b, Mag& q, Mag& r) {
  const std::size_t n = b.size();
  if (cmpMag(a, b) < 0) {
    q.clear();
    r = a;
    return;
  }
  Mag u = a;
  u.push_back(0);
  q.assign(u.size() - n, 0);
  const Limb top = b[n - 1];
  const Limb next = b[n - 2];
  for (std::size_t j = u.size() - n; j-- > 0;) {
    // Estimate the quotient limb from the top two limbs, refine with the third; the estimate
    // is then at most one too large.
    Limb qhat;
    DLimb rhat;
    DLimb num = (static_cast<DLimb>(u[j + n]) << kLimbBits) | u[j + n - 1];
    if (u[j + n] >= top) {
      qhat = ~Limb{0};
      rhat = num - static_cast<DLimb>(qhat) * top;
    } else {
      qhat = static_cast<Limb>(num / top);
      rhat = num % top;
    }
    while ((rhat >> kLimbBits) == 0 &&
           static_cast<DLimb>(qhat) * next > ((rhat << kLimbBits) | u[j + n - 2])) {
      --qhat;
      rhat += top;
    }
    Limb borrow = subMul1(&u[j], b.data(), n, qhat);
    Limb t = u[j + n];
    u[j + n] = t - borrow;
    if (t < borrow) {
      --qhat;
      Limb carry = addN(&u[j], &u[j], b.data(), n);
      u[j + n] += carry;
    }
    q[j] = qhat;
  }
  trim(q);
  u.resize(n);
  trim(u);
  r = std::move(u);
}

void div2n1n(const Mag& a, const Mag& b, std::size_t n, Mag& q, Mag& r);

// One step of Burnikel-Ziegler (the paper's Algorithm 2): divides [a12, a3] (a3 the low h
// limbs) by b = [b1, b2] (halves of h limbs), given [a12, a3] < B^h * b.
void div3n2n(const Mag& a12, const Mag& a3, const Mag& b, const Mag& b1, const Mag& b2,
             std::size_t h, Mag& q, Mag& r) {
  if (cmpMag(sliceMag(a12, h, a12.size()), b1) == 0) {
    // The quotient estimate B^h - 1; the remainder a12 - b1*B^h + b1 is non-negative.
    q.assign(h, ~Limb{0});
    r = subMag(addMag(a12, b1), shlLimbs(b1, h));
  } else {
    div2n1n(a12, b1, h, q, r);
  }
  r = shlLimbs(r, h);
  if (r.size() < h) r.resize(h, 0);
  std::copy(a3.begin(), a3.end(), r.begin());
  trim(r);
  Mag qb2 = mulMag(q, b2);
  if (cmpMag(r, qb2) >= 0) {
    subInPlace(r, qb2);
    return;
  }
  // The estimate was too large by one or two: r - q*b2 = -deficit.
  Mag deficit = subMag(qb2, r);
  for (;;) {
    q = decMag(q);
    if (cmpMag(b, deficit) >= 0) {
      r = subMag(b, deficit);
      return;
    }
    subInPlace(deficit, b);
  }
}

// q = a / b, r = a % b, where b has exactly n limbs with its top bit set and a < B^n * b.
void div2n1n(const Mag& a, const Mag& b, std::size_t n, Mag& q, Mag& r) {
  if (n < kBurnikelZieglerThreshold) return divKnuth(a, b, q, r);
  if (n % 2 != 0) {
    // Pad by one limb so the halves are equal; the remainder is scaled back afterwards.
    div2n1n(shlLimbs(a, 1), shlLimbs(b, 1), n + 1, q, r);
    r = sliceMag(r, 1, r.size());
    return;
  }
  std::size_t h = n / 2;
  Mag b1 = sliceMag(b, h, n);
  Mag b2 = sliceMag(b, 0, h);
  Mag q1, q2, r1;
  div3n2n(sliceMag(a, n, a.size()), sliceMag(a, h, n), b, b1, b2, h, q1, r1);
  div3n2n(r1, sliceMag(a, 0, h), b, b1, b2, h, q2, r);
  q = shlLimbs(q1, h);
  if (q.size() < h) q.resize(h, 0);
  std::copy(q2.begin(), q2.end(), q.begin());
  trim(q);
}

// Schoolbook division in base B^n, n = b.size(), each digit step done by div2n1n.
void divBurnikelZiegler(const Mag& a, const Mag& b, Mag& q, Mag& r) {
  const std::size_t n = b.size();
  std::size_t digits = (a.size() + n - 1) / n;
  q.assign(digits * n, 0);
  r.clear();
  for (std::size_t i = digits; i-- > 0;) {
    Mag x = shlLimbs(r, n);
    Mag digit = sliceMag(a, i * n, (i + 1) * n);
    if (x.size() < n) x.resize(n, 0);
    std::copy(digit.begin(), digit.end(), x.begin());
    trim(x);
    Mag qd;
    div2n1n(x, b, n, qd, r);
    std::copy(qd.begin(), qd.end(), q.begin() + static_cast<std::ptrdiff_t>(i * n));
  }
  trim(q);
}

}  // namespace

void divmodMag(const Mag& a, const Mag& b, Mag& q, Mag& r) {
  GBC_CHECK(!b.empty(), "division by a zero magnitude");
  if (cmpMag(a, b) < 0) {
    q.clear();
    r = a;
    return;
  }
  if (b.size() == 1) {
    q = a;
    Limb rem = divSmallInPlace(q, b[0]);
    r.clear();
    if (rem != 0) r.push_back(rem);
    return;
  }
  // Normalise so the divisor's top bit is set; the remainder is shifted back.
  unsigned shift = static_cast<unsigned>(__builtin_clzll(b.back()));
  Mag bn = shlMag(b, shift);
  Mag an = shlMag(a, shift);
  bool recursive =
      b.size() >= kBurnikelZieglerThreshold && a.size() - b.size() >= kBurnikelZieglerThreshold;
  if (recursive) {
    divBurnikelZiegler(an, bn, q, r);
  } else {
    divKnuth(an, bn, q, r);
  }
  r = shrMag(r, shift);
}

}  // namespace gbc::native::detail
