// Linear-time magnitude kernels for BigInt: comparison, addition, subtraction, shifts, slices,
// and the one-limb multiply-accumulate loops that multiplication and division build on.
#include "native/bigint_limbs.h"

#include "base/check.h"

#include <algorithm>

namespace gbc::native::detail {

int cmpMag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

Limb addN(Limb* r, const Limb* a, const Limb* b, std::size_t n) {
  Limb carry = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Limb s = a[i] + carry;
    Limb c1 = s < carry;
    Limb t = s + b[i];
    Limb c2 = t < s;
    r[i] = t;
    carry = c1 | c2;
  }
  return carry;
}

Limb subN(Limb* r, const Limb* a, const Limb* b, std::size_t n) {
  Limb borrow = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Limb ai = a[i];
    Limb t = ai - b[i];
    Limb b1 = ai < b[i];
    Limb u = t - borrow;
    Limb b2 = t < borrow;
    r[i] = u;
    borrow = b1 | b2;
  }
  return borrow;
}

Limb addMul1(Limb* r, const Limb* a, std::size_t n, Limb m) {
  Limb carry = 0;
  for (std::size_t i = 0; i < n; ++i) {
    DLimb t = static_cast<DLimb>(a[i]) * m + r[i] + carry;
    r[i] = static_cast<Limb>(t);
    carry = static_cast<Limb>(t >> kLimbBits);
  }
  return carry;
}

Limb subMul1(Limb* r, const Limb* a, std::size_t n, Limb m) {
  Limb borrow = 0;
  for (std::size_t i = 0; i < n; ++i) {
    DLimb p = static_cast<DLimb>(a[i]) * m + borrow;
    Limb lo = static_cast<Limb>(p);
    borrow = static_cast<Limb>(p >> kLimbBits);
    Limb ri = r[i];
    r[i] = ri - lo;
    borrow += ri < lo;
  }
  return borrow;
}

void addInPlace(Mag& a, const Mag& b) {
  if (a.size() < b.size()) a.resize(b.size(), 0);
  Limb carry = addN(a.data(), a.data(), b.data(), b.size());
  for (std::size_t i = b.size(); carry != 0 && i < a.size(); ++i) {
    a[i] += 1;
    carry = a[i] == 0;
  }
  if (carry != 0) a.push_back(1);
}

void subInPlace(Mag& a, const Mag& b) {
  GBC_CHECK(a.size() >= b.size(), "subtraction of a larger magnitude");
  Limb borrow = subN(a.data(), a.data(), b.data(), b.size());
  for (std::size_t i = b.size(); borrow != 0 && i < a.size(); ++i) {
    borrow = a[i] == 0;
    a[i] -= 1;
  }
  GBC_CHECK(borrow == 0, "subtraction of a larger magnitude");
  trim(a);
}

Mag addMag(const Mag& a, const Mag& b) {
  Mag r = a.size() >= b.size() ? a : b;
  addInPlace(r, a.size() >= b.size() ? b : a);
  return r;
}

Mag subMag(const Mag& a, const Mag& b) {
  Mag r = a;
  subInPlace(r, b);
  return r;
}

Mag incMag(const Mag& a) {
  Mag r = a;
  for (Limb& limb : r) {
    if (++limb != 0) return r;
  }
  r.push_back(1);
  return r;
}

Mag decMag(const Mag& a) {
  GBC_CHECK(!a.empty(), "decrement of zero magnitude");
  Mag r = a;
  for (Limb& limb : r) {
    if (limb-- != 0) break;
  }
  trim(r);
  return r;
}

void mulAddSmall(Mag& a, Limb m, Limb add) {
  Limb carry = add;
  for (Limb& limb : a) {
    DLimb t = static_cast<DLimb>(limb) * m + carry;
    limb = static_cast<Limb>(t);
    carry = static_cast<Limb>(t >> kLimbBits);
  }
  if (carry != 0) a.push_back(carry);
  trim(a);
}

Mag shlMag(const Mag& a, std::uint64_t bits) {
  if (a.empty()) return {};
  std::size_t limbs = bits / kLimbBits;
  unsigned shift = bits % kLimbBits;
  Mag r(a.size() + limbs + 1, 0);
  if (shift == 0) {
    std::copy(a.begin(), a.end(), r.begin() + static_cast<std::ptrdiff_t>(limbs));
  } else {
    Limb carry = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      r[i + limbs] = (a[i] << shift) | carry;
      carry = a[i] >> (kLimbBits - shift);
    }
    r[a.size() + limbs] = carry;
  }
  trim(r);
  return r;
}

Mag shrMag(const Mag& a, std::uint64_t bits) {
  std::uint64_t limbs = bits / kLimbBits;
  if (limbs >= a.size()) return {};
  unsigned shift = bits % kLimbBits;
  Mag r(a.size() - limbs);
  if (shift == 0) {
    std::copy(a.begin() + static_cast<std::ptrdiff_t>(limbs), a.end(), r.begin());
  } else {
    for (std::size_t i = 0; i < r.size(); ++i) {
      Limb hi = i + limbs + 1 < a.size() ? a[i + limbs + 1] : 0;
      r[i] = (a[i + limbs] >> shift) | (hi << (kLimbBits - shift));
    }
  }
  trim(r);
  return r;
}

Mag sliceMag(const Mag& a, std::size_t from, std::size_t to) {
  to = std::min(to, a.size());
  if (from >= to) return {};
  Mag r(a.begin() + static_cast<std::ptrdiff_t>(from), a.begin() + static_cast<std::ptrdiff_t>(to));
  trim(r);
  return r;
}

bool anyLowBits(const Mag& a, std::uint64_t bits) {
  std::uint64_t limbs = bits / kLimbBits;
  for (std::size_t i = 0; i < a.size() && i < limbs; ++i) {
    if (a[i] != 0) return true;
  }
  unsigned rest = bits % kLimbBits;
  if (rest == 0 || limbs >= a.size()) return false;
  return (a[limbs] & ((Limb{1} << rest) - 1)) != 0;
}

std::uint64_t bitLengthMag(const Mag& a) {
  if (a.empty()) return 0;
  return (a.size() - 1) * std::uint64_t{kLimbBits} +
         static_cast<std::uint64_t>(kLimbBits - __builtin_clzll(a.back()));
}

Limb divSmallInPlace(Mag& a, Limb d) {
  GBC_CHECK(d != 0, "division by a zero limb");
  Limb rem = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    DLimb cur = (static_cast<DLimb>(rem) << kLimbBits) | a[i];
    a[i] = static_cast<Limb>(cur / d);
    rem = static_cast<Limb>(cur % d);
  }
  trim(a);
  return rem;
}

}  // namespace gbc::native::detail
