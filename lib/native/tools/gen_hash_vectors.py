"""Writes testdata/native/hash_vectors.txt: digests computed by Python's hashlib.

The digests do not depend on the Python version; from the repository root:
    python3 lib/native/tools/gen_hash_vectors.py > testdata/native/hash_vectors.txt

One case a line: 'hash', the algorithm, the input's hex ('-' when empty), '=>', the hexdigest.
The inputs' lengths straddle the padding boundaries of 64- and 128-byte blocks.
"""

import hashlib

NAMES = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]
inputs = [b"", b"abc", b"The quick brown fox jumps over the lazy dog", "gbc \u00e9\u4e2d".encode()]
for n in (1, 55, 56, 57, 63, 64, 65, 111, 112, 113, 119, 120, 127, 128, 129, 200, 1000, 4099):
    inputs.append(bytes((i * 7 + n) % 256 for i in range(n)))
for name in NAMES:
    for data in inputs:
        print("hash", name, data.hex() or "-", "=>", hashlib.new(name, data).hexdigest())
