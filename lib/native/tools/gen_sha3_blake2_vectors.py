"""Writes testdata/native/sha3_blake2_vectors.txt: SHA-3, SHAKE and BLAKE2 digests by hashlib.

The digests do not depend on the Python version; from the repository root:
    python3 lib/native/tools/gen_sha3_blake2_vectors.py > testdata/native/sha3_blake2_vectors.txt

One case a line, '-' for empty bytes:
    sha3 NAME DATA LENGTH => HEXDIGEST          (LENGTH: the SHAKE output size, 0 for SHA-3)
    blake2 b|s DIGEST_SIZE KEY SALT PERSON FANOUT DEPTH LEAF_SIZE NODE_OFFSET NODE_DEPTH
           INNER_SIZE LAST_NODE DATA => HEXDIGEST
The inputs' lengths straddle the block sizes (the SHA-3 rates, BLAKE2's 64 and 128 bytes).
"""

import hashlib


def data(n, seed=0):
    return bytes((i * 7 + n + seed) % 256 for i in range(n))


def hx(b):
    return b.hex() or "-"


lengths = [0, 1, 3, 63, 64, 65, 71, 72, 73, 103, 104, 105, 127, 128, 129, 135, 136, 137, 143,
           144, 145, 167, 168, 169, 200, 1000, 4099]
for name in ["sha3_224", "sha3_256", "sha3_384", "sha3_512"]:
    for n in lengths:
        print("sha3", name, hx(data(n)), 0, "=>", hashlib.new(name, data(n)).hexdigest())
for name in ["shake_128", "shake_256"]:
    for n in lengths[:-2]:
        for out in (0, 1, 32, 167, 168, 169, 300):
            print("sha3", name, hx(data(n)), out, "=>", hashlib.new(name, data(n)).hexdigest(out) or "-")

for variant, ctor, block in (("b", hashlib.blake2b, 128), ("s", hashlib.blake2s, 64)):
    max_size = ctor.MAX_DIGEST_SIZE
    for n in (0, 1, 3, block - 1, block, block + 1, 2 * block, 2 * block + 1, 1000):
        print("blake2", variant, max_size, "-", "-", "-", 1, 1, 0, 0, 0, 0, 0, hx(data(n)), "=>",
              ctor(data(n)).hexdigest())
    cases = [
        dict(digest_size=1), dict(digest_size=20), dict(key=b"k"), dict(key=data(max_size, 3)),
        dict(salt=b"salt"), dict(salt=data(ctor.SALT_SIZE, 1)), dict(person=b"me"),
        dict(person=data(ctor.PERSON_SIZE, 2)), dict(fanout=0), dict(fanout=255, depth=255),
        dict(leaf_size=2**32 - 1), dict(node_offset=2**48 - 1 if variant == "s" else 2**64 - 1),
        dict(node_depth=255), dict(inner_size=max_size), dict(last_node=True),
        dict(key=b"key", salt=b"s", person=b"p", digest_size=7, fanout=2, depth=3, leaf_size=4096,
             node_offset=5, node_depth=1, inner_size=9, last_node=True),
    ]
    for kw in cases:
        for n in (0, 5, block + 3):
            d = data(n)
            p = dict(digest_size=max_size, key=b"", salt=b"", person=b"", fanout=1, depth=1,
                     leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False)
            p.update(kw)
            print("blake2", variant, p["digest_size"], hx(p["key"]), hx(p["salt"]), hx(p["person"]),
                  p["fanout"], p["depth"], p["leaf_size"], p["node_offset"], p["node_depth"],
                  p["inner_size"], int(p["last_node"]), hx(d), "=>", ctor(d, **p).hexdigest())
