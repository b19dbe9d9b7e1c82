"""Writes testdata/native/random_vectors.txt: CPython's random module on fixed seeds.

The Mersenne Twister's outputs for a seed have not changed since Python 3.2; from the
repository root, with any Python 3:
    python3 lib/native/tools/gen_random_vectors.py > testdata/native/random_vectors.txt

Lines:
  draws <int|str|bytes> <seed: int as hex(), text as hex of UTF-8 / bytes> => the results of
      SCRIPT below, in order (floats as float.hex(), ints as hex())
  strseed <hex of UTF-8> => the int random.seed(str) hands to _random (version 2)
  state <seed hex> => index, then the 624 words after SCRIPT (random.getstate()[1])
"""

import random

KS = [0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 1000]


def script(r):
    out = [r.random().hex() for _ in range(5)]
    out += [hex(r.getrandbits(32)) for _ in range(3)]
    out += [hex(r.getrandbits(k)) for k in KS]
    out += [r.random().hex() for _ in range(700)][-3:]  # past a twist of the state
    return out


int_seeds = [0, 1, -1, 42, 2**32 - 1, 2**32, 12345678901234567890, 2**64 + 5, -(2**64 + 5),
             3**700, 2**19937 - 1]
for s in int_seeds:
    r = random.Random(s)
    print("draws int", hex(s), "=>", *script(r))
for s in ["abc", "", "gbc \u00e9\u4e2d", "x" * 300]:
    r = random.Random(s)
    print("draws str", s.encode().hex() or "-", "=>", *script(r))
    b = s.encode()
    import hashlib
    print("strseed", b.hex() or "-", "=>", hex(int.from_bytes(b + hashlib.sha512(b).digest(), "big")))
for s in [b"", b"\x00\xff", bytes(range(100))]:
    r = random.Random(s)
    print("draws bytes", s.hex() or "-", "=>", *script(r))
for s in [0, 12345678901234567890]:
    r = random.Random(s)
    script(r)
    version, state, gauss = r.getstate()
    print("state", hex(s), "=>", state[-1], *state[:-1])
