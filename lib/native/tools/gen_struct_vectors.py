"""Writes testdata/native/struct_vectors.txt: CPython 3.14's struct module on a table of
formats and values.

The error messages are 3.14's, and native ('@') sizes are x86-64 Linux's; from the repository
root:
    chroot /root/.cache/gbc-torch-root python3 - < lib/native/tools/gen_struct_vectors.py \
        > testdata/native/struct_vectors.txt

Lines ('-' stands for empty hex):
  calcsize <format hex> => <size> | <error>
  pack <format hex> <arg>... => <bytes hex> | <error>
  unpack <format hex> <data hex> => <value>... | <error>
  packinto / unpackfrom <format hex> <buffer size> <offset> => ok | <error>
  iterunpack <format hex> <buffer size> => <count> | <error>
Arguments and values are typed: i:<hex()> an int, t:0/1 a bool, f:<IEEE double bits, little-
endian hex> a float, c:<re bits>,<im bits> a complex, b:<hex> bytes, a:<hex> a bytearray,
s:<hex> a str, l:<n> a list of n items, n: None. An error is '!' + type name + ':' + the hex of its message.
"""

import math
import random
import struct

rng = random.Random(314)


def H(b):
    return b.hex() or "-"


def dbits(x):
    return struct.pack("<d", x).hex()


def token(v):
    if isinstance(v, bool):
        return "t:%d" % v
    if isinstance(v, int):
        return "i:" + hex(v)
    if isinstance(v, float):
        return "f:" + dbits(v)
    if isinstance(v, complex):
        return "c:%s,%s" % (dbits(v.real), dbits(v.imag))
    if isinstance(v, bytearray):
        return "a:" + H(bytes(v))
    if isinstance(v, bytes):
        return "b:" + H(v)
    if isinstance(v, str):
        return "s:" + H(v.encode())
    if isinstance(v, list):
        return "l:%d" % len(v)
    if v is None:
        return "n:"
    raise TypeError(v)


def err(exc):
    return "!%s:%s" % (type(exc).__name__, H(str(exc).encode()))


def fmt_hex(fmt):
    return H(fmt.encode())


def emit(*parts):
    print(*parts)


def calcsize(fmt):
    try:
        r = str(struct.calcsize(fmt))
    except Exception as exc:
        r = err(exc)
    emit("calcsize", fmt_hex(fmt), "=>", r)


def pack(fmt, *args):
    try:
        r = H(struct.pack(fmt, *args))
    except Exception as exc:
        r = err(exc)
    emit("pack", fmt_hex(fmt), *[token(a) for a in args], "=>", r)


def unpack(fmt, data):
    try:
        r = " ".join(token(v) for v in struct.unpack(fmt, data)) or "-"
    except Exception as exc:
        r = err(exc)
    emit("unpack", fmt_hex(fmt), H(data), "=>", r)


def d(hexbits):
    return struct.unpack("<d", bytes.fromhex(hexbits))[0]


# --- formats ----------------------------------------------------------------------------
formats = ["", " ", "\t i \n", "3", "2 i", "i i", "@!", "<n", "<N", "<P", "=P", "!e", "z", "i\x00",
           "\x00", "z\x00", "4294967296s", "99999999999999999999i", "9223372036854775807i",
           "9223372036854775807x", "9223372036854775806x2x", "4611686018427387904s4611686018427387904s",
           "1152921504606846976q", "0s", "0p", "c0l", "0l", "b0i0s", "ci3sd", "=ci3sd", "?P?e?F?D",
           "!h", ">h", "<h", "xxxx", "3x2h", "10s", "10p", "@", "=", "<", ">", "!", "<>", "i<",
           "12", "0", "00i", "s", "3c", "cq", "ce", "cf", "cd", "cF", "cD", "cP", "cn", "cN", "c?",
           "ch", "ci", "cl", "bhilqnNPefdFD", "<bhilqefdFD", "c" * 7 + "Q", "qc", "5sP", "%", "i%"]
for order in "@=<>!":
    for code in "xcbB?hHiIlLqQnNPefdFDsp":
        formats.append(order + code)
        formats.append(order + "3" + code)
for f in formats:
    calcsize(f)

# --- integers ---------------------------------------------------------------------------
for order in "@=<>!":
    for code in "bBhHiIlLqQnNP":
        f = order + code
        try:
            size = struct.calcsize(f)
        except struct.error:
            pack(f, 1)
            continue
        bits = 8 * size
        vals = {0, 1, -1, 2**(bits - 1) - 1, 2**(bits - 1), -(2**(bits - 1)), -(2**(bits - 1)) - 1,
                2**bits - 1, 2**bits, 2**64, -(2**64), 2**100, -(2**100), 2**63, -(2**63) - 1,
                rng.getrandbits(bits), -rng.getrandbits(bits - 1)}
        for v in sorted(vals):
            pack(f, v)
        for v in (True, False, 1.0, None, b"x", 1j):
            pack(f, v)
        for _ in range(4):
            unpack(f, rng.randbytes(size))
        unpack(f, b"\xff" * size)
        unpack(f, b"\x80" + b"\x00" * (size - 1))
        unpack(f, b"\x00" * (size - 1) + b"\x80")
        unpack(f, b"\xff" * (size + 1))
pack("<3h", 1, 2, 3)
pack("<3h", 1, 2)
pack("<3h", 1, 2, 3, 4)
pack("<h", 1, 2)
pack("<i2si", 5, b"ab", 7)
pack("@bq", 1, 2)
pack("@bq?h", -1, 2**63 - 1, True, -2)
unpack("@bq?h", bytes(range(20)))
unpack("@bq?h", bytes(range(19)))

# --- bools, chars, strings ----------------------------------------------------------------
for order in "@<":
    for v in (True, False, 0, 2, -1, 0.0, 2.5, b"", b"x", None, "", "s", [], [0]):
        pack(order + "?", v)
    for data in (b"\x00", b"\x01", b"\x02", b"\xff"):
        unpack(order + "?", data)
    unpack(order + "3?", b"\x00\x02\xff")
    for v in (b"a", b"", b"ab", bytearray(b"a"), "a", 97, None):
        pack(order + "c", v)
    unpack(order + "3c", b"a\x00\xff")
    for f in ("s", "0s", "1s", "3s", "5s", "0p", "1p", "2p", "3p", "5p", "300p", "256p", "257p"):
        for v in (b"", b"a", b"abc", b"abcdef", bytearray(b"xyz"), b"q" * 300, "abc", 1, None):
            pack(order + f, v)
    for f, data in (("0s", b""), ("3s", b"a\x00b"), ("0p", b""), ("1p", b"\x05"), ("3p", b"\x05ab"),
                    ("3p", b"\x01ab"), ("3p", b"\x00ab"), ("5p", b"\x09abcd"), ("300p", b"\xff" + b"z" * 299)):
        unpack(order + f, data)

# --- floats -------------------------------------------------------------------------------
specials = [0.0, -0.0, 1.0, -1.5, 0.1, 1 / 3, 65504.0, 65519.99, 65520.0, -65520.0, 65536.0,
            6.103515625e-05, 6.097555160522461e-05, 5.960464477539063e-08, 2.9802322387695312e-08,
            2.9802322387695313e-08, 2.98023223876953125e-08 * 1.0000001, 8.940696716308594e-08,
            1e-8, 1e-300, 5e-324, 3.4028234663852886e+38, 3.4028235677973362e+38,
            3.4028235677973366e+38, 3.5e38, 1.401298464324817e-45, 7.006492321624085e-46,
            7.006492321624087e-46, 1e300, -1e300, 1.7976931348623157e308, math.inf, -math.inf,
            math.nan, -math.nan, d("010000000000f07f"), d("000000000000f47f"), d("0100000000f0ff7f"),
            d("01000000a0fbff7f"), d("ffffffffffffff7f"), d("010000000000f0ff")]
for order in "@=<>!":
    for code in "efd":
        for v in specials + [5, -(2**63), 2**64, 70000, 2**128, 10**400, True, None, "1", b"1", 1j]:
            pack(order + code, v)
    for code in "FD":
        for v in [0j, 1 + 2j, complex(-0.0, math.nan), complex(1e39, -1e300), complex(math.inf, 2),
                  1.5, 3, 10**400, True, None, "1j"]:
            pack(order + code, v)
    unpack(order + "e", b"\x01\x7c")
    unpack(order + "e", b"\x7c\x01")
    unpack(order + "f", b"\x01\x00\x80\x7f")
    for code in "FD":
        pack(order + code, complex(d("0100000000f0ff7f"), d("010000000000f07f")))
        pack(order + code, 2**200)
    unpack(order + "F", bytes(range(8)))
    unpack(order + "F", bytes.fromhex("0100807f0100c0ff"))
    unpack(order + "F", bytes.fromhex("7f8000017fc00001"))
    unpack(order + "D", bytes.fromhex("010000000000f07f0000000000000000"))
    unpack(order + "D", bytes(range(16)))
# Bulk rounding checks: every fifth half pattern (and the edges), and random doubles packed as
# e and f.
patterns = sorted(set(range(0, 65536, 5)) | {0x3ff, 0x400, 0x7bff, 0x7c00, 0x7c01, 0x7dff, 0x7e00,
                                                0x7fff, 0x8000, 0x8001, 0xfc00, 0xfe00, 0xffff})
unpack("<%de" % len(patterns), struct.pack("<%dH" % len(patterns), *patterns))
unpack(">500e", rng.randbytes(1000))
for scale in (-30, -20, -14, -10, 0, 10, 15):
    vals = [math.ldexp(rng.random(), scale + rng.randrange(-3, 3)) * rng.choice((1, -1))
            for _ in range(300)]
    pack("<300e", *vals)
    pack(">300f", *vals)
vals = [rng.choice((1, -1)) * math.ldexp(rng.random(), rng.randrange(-160, 130)) for _ in range(500)]
pack("<500f", *vals)
unpack("<500f", rng.randbytes(2000))
ties = [math.ldexp(2 * k + 1, -11 - 14) for k in range(40)] + [math.ldexp(1 + (2 * k + 1) / 2048, 3) for k in range(40)]
pack("<80e", *ties)

# --- offsets ------------------------------------------------------------------------------
for f in ("i", "4s", "", "3i"):
    for buflen in (0, 3, 4, 10, 12):
        for offset in (-20, -13, -12, -11, -10, -5, -4, -2, -1, 0, 1, 2, 8, 9, 11):
            try:
                struct.pack_into(f, bytearray(buflen), offset, *([1] * len(struct.unpack(f, bytes(struct.calcsize(f))))) if not f.endswith("s") else [b"ab"])
                r = "ok"
            except Exception as exc:
                r = err(exc)
            emit("packinto", fmt_hex(f), buflen, offset, "=>", r)
            try:
                struct.unpack_from(f, bytes(buflen), offset)
                r = "ok"
            except Exception as exc:
                r = err(exc)
            emit("unpackfrom", fmt_hex(f), buflen, offset, "=>", r)
        try:
            r = str(len(list(struct.iter_unpack(f, bytes(buflen)))))
        except Exception as exc:
            r = err(exc)
        emit("iterunpack", fmt_hex(f), buflen, "=>", r)
try:
    struct.pack_into("2i", bytearray(8), 0, 1)
except Exception as exc:
    emit("packintoargs", fmt_hex("2i"), 1, "=>", err(exc))
