"""Writes testdata/native/bigint_vectors.txt: BigInt test vectors computed by CPython.

Run with CPython 3.14 (the error messages are 3.14's), from the repository root:
    chroot /root/.cache/gbc-torch-root python3 - < lib/native/tools/gen_bigint_vectors.py \
        > testdata/native/bigint_vectors.txt

One case per line: an operation name, its operands, '=>', the expected results. Integers are
written as hex() gives them ('-0x1f'); floats as float.hex(); text as the hex of its UTF-8
bytes; an exception as '!Type:' followed by the hex of its message's UTF-8 bytes.
"""

import math
import random
import sys

sys.set_int_max_str_digits(0)
rng = random.Random(20240611)


def I(v):
    return hex(v)


def F(x):
    return x.hex()


def T(s):
    return s.encode().hex() if s else "-"


def E(exc):
    return "!" + type(exc).__name__ + ":" + (str(exc).encode().hex() or "-")


def emit(op, args, results):
    print(op, *args, "=>", *results)


def attempt(fn, fmt):
    try:
        r = fn()
    except (ValueError, OverflowError, ZeroDivisionError, MemoryError) as exc:
        return [E(exc)]
    return fmt(r)


# --- values ---------------------------------------------------------------------------------
edges = [0, 1, 2, 3, 7, 10, 255, 256, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**53 - 1, 2**53,
         2**53 + 1, 2**62, 2**63 - 1, 2**63, 2**63 + 1, 2**64 - 1, 2**64, 2**64 + 1,
         2**65, 2**96 + 12345, 2**127, 2**128 - 1, 2**128, 2**128 + 1, 2**192 - 2**64,
         10**18, 10**19, 10**19 - 1, 10**38, 2**61 - 1, 2**61, 2**61 - 2, 2**1023, 2**1024 - 2**970,
         2**1024 - 2**970 - 1, 2**1024, 3**100, 7**200]
edges = edges + [-v for v in edges if v]


def randbig(bits):
    kind = rng.randrange(5)
    if kind == 0:
        v = (1 << bits) - 1 - rng.getrandbits(max(1, bits // 8))  # long runs of ones
    elif kind == 1:
        v = (1 << bits) + rng.getrandbits(max(1, bits // 8))  # long runs of zeros
    else:
        v = rng.getrandbits(bits) | (1 << (bits - 1))
    return -v if rng.random() < 0.4 else v


smalls = [randbig(rng.randrange(1, 300)) for _ in range(40)]
mediums = [randbig(rng.randrange(400, 3000)) for _ in range(16)]
pair_values = edges[:32] + smalls[:10] + mediums[:1]

# --- binary operations on pairs ---------------------------------------------------------------
for a in pair_values:
    for b in pair_values:
        emit("add", [I(a), I(b)], [I(a + b)])
        emit("sub", [I(a), I(b)], [I(a - b)])
        emit("mul", [I(a), I(b)], [I(a * b)])
        emit("divmod", [I(a), I(b)], attempt(lambda: divmod(a, b), lambda r: [I(r[0]), I(r[1])]))
        emit("truediv", [I(a), I(b)], attempt(lambda: a / b, lambda r: [F(r)]))
        emit("bitops", [I(a), I(b)], [I(a & b), I(a | b), I(a ^ b)])
        emit("cmp", [I(a), I(b)], [str((a > b) - (a < b))])
        emit("gcd", [I(a), I(b)], [I(math.gcd(a, b))])
        if b:
            q, r = divmod(a, b)
            if (2 * r > b) if b > 0 else (2 * r < b):
                q, r = q + 1, r - b
            elif 2 * r == b and q % 2:
                q, r = q + 1, r - b
            emit("divmodnear", [I(a), I(b)], [I(q), I(r)])
for a in edges[:30] + smalls[:10]:
    for n in (-1, -2, -5, -19, -20, -40):
        emit("round", [I(a), str(n)], [I(round(a, n))])

# Larger operands: Karatsuba (>= 40 limbs) and Burnikel-Ziegler (>= 60-limb divisor and quotient).
for _ in range(8):
    a = randbig(rng.randrange(2000, 16000))
    b = randbig(rng.randrange(2000, 16000))
    emit("mul", [I(a), I(b)], [I(a * b)])
    emit("mul", [I(a), I(a)], [I(a * a)])
for i in range(12):
    bbits = rng.randrange(3000, 12000)
    a = randbig(bbits + rng.randrange(3000, 12000))
    b = randbig(bbits)
    emit("divmod", [I(a), I(b)], [I(a // b), I(a % b)])
    if i < 4:
        emit("truediv", [I(a), I(b)], attempt(lambda: a / b, lambda r: [F(r)]))
        emit("truediv", [I(b), I(a)], attempt(lambda: b / a, lambda r: [F(r)]))
# Quotients near 2**-1074 .. 2**1024: subnormal, rounding ties, overflow.
for _ in range(300):
    e = rng.randrange(-1100, 1100)
    b = randbig(rng.randrange(1, 200))
    q = rng.getrandbits(rng.randrange(1, 60)) | 1
    a = (q << e) * b if e >= 0 else q * b
    if e < 0:
        b <<= -e
    a += rng.choice([0, 0, 1, -1, rng.getrandbits(20)])
    emit("truediv", [I(a), I(b)], attempt(lambda: a / b, lambda r: [F(r)]))
for k in (1020, 1022, 1023, 1024, 1025, 1026):
    for a in (2**k, 2**k - 1, 2**(k + 60) - 2**(k + 6), 2**(k + 60) - 2**(k + 7) + 1):
        for b in (1, 2**60, -3):
            emit("truediv", [I(a), I(b)], attempt(lambda: a / b, lambda r: [F(r)]))
            emit("truediv", [I(b), I(a)], attempt(lambda: b / a, lambda r: [F(r)]))

# --- unary operations ---------------------------------------------------------------------
unary_values = edges + smalls + mediums
for a in unary_values:
    emit("neg", [I(a)], [I(-a), I(~a), I(abs(a))])
    emit("bits", [I(a)], [str(a.bit_length()), str(a.bit_count())])
    emit("str", [I(a)], [str(a)])
    emit("radix", [I(a)], [bin(a), oct(a)])
    emit("float", [I(a)], attempt(lambda: float(a), lambda r: [F(r)]))
    emit("hash", [I(a)], [str(hash(a))])
    emit("int64", [I(a)], ["1" if -2**63 <= a < 2**63 else "0"])
    if a >= 0:
        emit("isqrt", [I(a)], [I(math.isqrt(a))])
    else:
        emit("isqrt", [I(a)], attempt(lambda: math.isqrt(a), lambda r: [I(r)]))
    if abs(a).bit_length() > 400:
        continue
    for n in (0, 1, 3, 31, 63, 64, 65, 100, 1000):
        emit("shift", [I(a), str(n)], [I(a << n), I(a >> n)])
    for length in sorted({0, 1, 8, 9, (a.bit_length() + 7) // 8, (a.bit_length() + 8) // 8}):
        for order in ("little", "big"):
            for signed in (False, True):
                emit("tobytes", [I(a), str(length), order, str(int(signed))],
                     attempt(lambda: a.to_bytes(length, order, signed=signed),
                             lambda r: [r.hex() or "-"]))
for a in [randbig(rng.randrange(30000, 100000)) for _ in range(2)] + [10**4300 - 1, -10**4300]:
    emit("str", [I(a)], [str(a)])
    emit("isqrt", [I(abs(a))], [I(math.isqrt(abs(a)))])

for b in (b"", b"\x00", b"\x80", b"\xff", b"\x7f", b"\x00\x80", b"\xff\x00", b"\x01" * 9,
          b"\xff" * 9, b"\x80" + b"\x00" * 15, bytes(range(256))):
    for order in ("little", "big"):
        for signed in (False, True):
            emit("frombytes", [b.hex() or "-", order, str(int(signed))],
                 [I(int.from_bytes(b, order, signed=signed))])

# --- powers -------------------------------------------------------------------------------
for a in edges[:20] + smalls[:10]:
    for e in (0, 1, 2, 3, 5, 17, 64, 100):
        emit("pow", [I(a), str(e)], [I(a ** e)])
for a, e in ((3, 10000), (-7, 3001), (2**100 + 1, 77), (10, 4300)):
    emit("pow", [I(a), str(e)], [I(a ** e)])
mods = [1, -1, 2, 7, -7, 2**61 - 1, 2**64, 10**30 + 7, -(2**127 - 1), 2**521 - 1, 0]
for a in edges[:12] + smalls[:8] + [0, -5, 12]:
    for e in (0, 1, 5, -1, -3, 2**70 + 1, smalls[3] if smalls[3] > 0 else -smalls[3]):
        for m in mods:
            emit("powmod", [I(a), I(e), I(m)], attempt(lambda: pow(a, e, m), lambda r: [I(r)]))
for _ in range(10):
    m = randbig(rng.randrange(500, 3000))
    a = randbig(rng.randrange(10, 3000))
    e = abs(randbig(rng.randrange(10, 400)))
    emit("powmod", [I(a), I(e), I(m)], [I(pow(a, e, m))])
    emit("powmod", [I(a), I(-e), I(m)], attempt(lambda: pow(a, -e, m), lambda r: [I(r)]))

sys.set_int_max_str_digits(4300)  # CPython's default, for the limit cases below

# --- parsing (of str: the test maps Unicode digits and spaces to ASCII first) --------------------------------------------------------------------------------
texts = ["0", "-0", "+0", "00", "0_0", "007", "0x", "0x_", "0x_1f", "0x__1f", "0X1F", "0o17", "0b101",
         "0b102", "1_000", "1__000", "_1", "1_", " 42 ", "\t-42\n", "\x0b\x0c\r 7", "+", "-",
         "", " ", "4 2", "42x", "0x1g", "1e5", "12345678901234567890123456789",
         "-0b1111111111111111111111111111111111111111111111111111111111111111",
         "ZZ", "zz", "Zz_9", "1.0", "--1", "+-1", "0_", "0b", "0o", "00_0", "0_1", "9" * 80,
         "\x00", "1\x001", "\u0663\u0664", "1\u00a0", "1\x1c", "\x85 1", "1\u3000", "\uff11_\uff12",
         "1\x7f", "\U0001d7ce", "0x\uff11", "\u00b2", "'", "'\"", "\\", "x" * 300, "\u0663" * 150 + "\u00e9" * 100]
for t in texts:
    for base in (0, 2, 8, 10, 16, 36, 7):
        emit("parse", [T(t), str(base), T(repr(t))],
             attempt(lambda: int(t, base), lambda r: [I(r)]))
for digits in (4299, 4300, 4301):
    t = "7" * digits
    for base in (10, 16, 36, 0):
        emit("parse", [T(t), str(base), T(repr(t))], attempt(lambda: int(t, base), lambda r: [I(r)]))
    t = "-" + "1_" * (digits - 1) + "1"
    emit("parse", [T(t), "10", T(repr(t))], attempt(lambda: int(t, 10), lambda r: [I(r)]))
for a in (10**4299, 10**4300 - 1, 10**4300, -(10**4300 - 1), -(10**4300), 10**5000, 2**14280, 2**14290):
    emit("strlimit", [I(a)], attempt(lambda: str(a), lambda r: ["ok"]))

# --- floats ---------------------------------------------------------------------------------
doubles = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, 2.5, 1e-300, 5e-324, -5e-324, 1e300, -1e300,
           2.0**61, 2.0**62, 2.0**63, -2.0**63, 2.0**64, 2.0**1000, 1.7976931348623157e308,
           -1.7976931348623157e308, 2.0**-60, 3.141592653589793, -2.718281828459045,
           123456789.123456789, 9007199254740993.0, 0.1, 1/3, 2.0**52 + 0.5, 4503599627370497.5,
           float("inf"), float("-inf")]
doubles += [rng.uniform(-1e6, 1e6) for _ in range(20)]
doubles += [math.ldexp(rng.random(), rng.randrange(-1074, 1024)) * rng.choice([1, -1]) for _ in range(60)]
for d in doubles:
    emit("hashdouble", [F(d)], [str(hash(d))])
    if math.isfinite(d):
        emit("fromdouble", [F(d)], [I(int(d))])
for d in doubles:
    for a in (0, 1, -1, 2**63, 2**64 - 1, -2**64, 2**1000, int(d) if math.isfinite(d) else 5,
              (int(d) + 1) if math.isfinite(d) else -5):
        emit("cmpdouble", [I(a), F(d)], [str((a > d) - (a < d))])
