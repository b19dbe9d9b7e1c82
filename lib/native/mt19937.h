// The Mersenne Twister of CPython's _random.Random (Modules/_randommodule.c, itself
// Matsumoto & Nishimura's MT19937 reference code): seeding from an int, random(),
// getrandbits(k) and the 625-value state of getstate()/setstate().
#pragma once

#include "native/bigint.h"
#include "native/py_result.h"

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace gbc::native {

class MersenneTwister {
 public:
  static constexpr int kStateWords = 624;

  /// Seeded as the reference code's default, init_genrand(5489); the VM seeds explicitly.
  MersenneTwister();

  /// The reference seeding routines.
  void initGenrand(std::uint32_t seed);
  void initByArray(std::span<const std::uint32_t> key);

  /// _random.Random.seed(n) for an int: the 32-bit words of abs(n), least significant first
  /// ([0] for 0), through init_by_array. A float or other hashable seeds with its hash as an
  /// unsigned 64-bit int (BigInt::fromUint64(uint64_t(hash))); None is the VM's (urandom).
  void seed(const BigInt& n);
  /// The int random.Random.seed(a) (random.py, version 2) passes down for a str (its UTF-8)
  /// or bytes/bytearray: int.from_bytes(a + sha512(a).digest(), 'big').
  static BigInt seedIntFromBytes(std::string_view bytes);

  /// The next 32 random bits.
  std::uint32_t genrandUint32();
  /// random(): a double in [0, 1) with 53 random bits, from two draws.
  double random();
  /// getrandbits(k) for 0 <= k <= 64 (k <= 32 takes one draw, as CPython's fast path).
  std::uint64_t getrandbits64(unsigned k);
  /// getrandbits(k) for any k >= 0 (the caller rejects a negative k: ValueError "Cannot
  /// convert negative int" in 3.14); the words fill from the least significant end, the last
  /// one keeping its top bits.
  BigInt getrandbits(std::uint64_t k);

  /// getstate(): the 624 state words and the index (0..624).
  struct State {
    std::array<std::uint32_t, kStateWords> words{};
    int index = 0;
  };
  State getState() const;
  /// setstate() after the caller converted the tuple: its 625 items as C unsigned longs
  /// truncated to 32 bits for the words, and a C long for the index (their TypeError and
  /// OverflowError are the caller's); here ValueError "invalid state" for an index outside
  /// 0..624. "state vector must be a tuple" / "state vector is the wrong size" are also the
  /// caller's.
  PyResult<bool> setState(const std::array<std::uint32_t, kStateWords>& words, std::int64_t index);

 private:
  void twist();

  std::array<std::uint32_t, kStateWords> mt_{};
  int index_ = kStateWords + 1;
};

}  // namespace gbc::native
