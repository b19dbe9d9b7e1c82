// Private to BigInt's implementation: unsigned magnitudes as little-endian vectors of 64-bit
// limbs, always trimmed (no high zero limbs; zero is the empty vector), and the algorithms on
// them: schoolbook and Karatsuba multiplication, Knuth and Burnikel-Ziegler division.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gbc::native::detail {

using Limb = std::uint64_t;
__extension__ typedef unsigned __int128 DLimb;  // a product of two limbs (g++/clang extension)
using Mag = std::vector<Limb>;

inline constexpr int kLimbBits = 64;

/// Drops high zero limbs.
inline void trim(Mag& a) {
  while (!a.empty() && a.back() == 0) a.pop_back();
}

/// -1, 0, 1 as a < b, a == b, a > b (both trimmed).
int cmpMag(const Mag& a, const Mag& b);
/// a + b.
Mag addMag(const Mag& a, const Mag& b);
/// a - b; requires a >= b.
Mag subMag(const Mag& a, const Mag& b);
/// a += b.
void addInPlace(Mag& a, const Mag& b);
/// a -= b; requires a >= b.
void subInPlace(Mag& a, const Mag& b);
/// a + 1 and a - 1 (a != 0 for the latter).
Mag incMag(const Mag& a);
Mag decMag(const Mag& a);

/// a * b: schoolbook below a threshold, Karatsuba above, chunked when very unbalanced.
Mag mulMag(const Mag& a, const Mag& b);
/// a * a.
Mag sqrMag(const Mag& a);
/// a = a * m + add, in place.
void mulAddSmall(Mag& a, Limb m, Limb add);

/// a << bits and a >> bits.
Mag shlMag(const Mag& a, std::uint64_t bits);
Mag shrMag(const Mag& a, std::uint64_t bits);
/// The limbs [from, to) of a, trimmed (a limb-aligned slice).
Mag sliceMag(const Mag& a, std::size_t from, std::size_t to);
/// True when any of the low `bits` bits of a is set.
bool anyLowBits(const Mag& a, std::uint64_t bits);
/// Number of significant bits of a.
std::uint64_t bitLengthMag(const Mag& a);

/// a / d in place; returns a % d (d != 0).
Limb divSmallInPlace(Mag& a, Limb d);
/// q = a / b, r = a % b (b != 0). Knuth's algorithm D for small divisors, Burnikel-Ziegler
/// recursive division (subquadratic with Karatsuba) for large ones.
void divmodMag(const Mag& a, const Mag& b, Mag& q, Mag& r);

// The raw kernels, over pointers, used by multiplication and division. Sizes are in limbs.
/// r[0..n) = a + b, returns the carry.
Limb addN(Limb* r, const Limb* a, const Limb* b, std::size_t n);
/// r[0..n) = a - b, returns the borrow.
Limb subN(Limb* r, const Limb* a, const Limb* b, std::size_t n);
/// r[0..n) += a[0..n) * m, returns the carry limb.
Limb addMul1(Limb* r, const Limb* a, std::size_t n, Limb m);
/// r[0..n) -= a[0..n) * m, returns the borrow limb.
Limb subMul1(Limb* r, const Limb* a, std::size_t n, Limb m);

}  // namespace gbc::native::detail
