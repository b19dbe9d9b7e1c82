# binascii: every function over edge cases and seeded random inputs (expected output from
# CPython 3.14). The random inputs come from a small LCG, the same on both interpreters. (It uses
# no bytes methods or slicing: gbc's bytes type has few yet.)
import binascii
from binascii import (Error, Incomplete, a2b_base64, a2b_hex, a2b_qp, a2b_uu, b2a_base64,
                      b2a_hex, b2a_qp, b2a_uu, crc32, crc_hqx, hexlify, unhexlify)


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


state = [12345]


def rand(n):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return state[0] % n


def randbytes(n, alphabet=None):
    if alphabet is None:
        return bytes([rand(256) for _ in range(n)])
    codes = [ord(c) for c in alphabet]
    return bytes([codes[rand(len(codes))] for _ in range(n)])


def text(b):
    """The text of bytes b of printable ASCII (without bytes.decode), a final newline dropped."""
    r = repr(b)[2:-1]
    return r[:-2] if r.endswith("\\n") else r


print(sorted(n for n in dir(binascii) if not n.startswith("__")))
print(Error.__mro__, Incomplete.__mro__, Error.__module__)
samples = [b"", b"a", b"ab", b"abc", b"abcd", b"\x00\xff\x10", bytes(range(256))]
samples += [randbytes(rand(60)) for _ in range(20)]
for s in samples:
    e = b2a_base64(s)
    print(e, b2a_base64(s, newline=False) + b"\n" == e, a2b_base64(e) == s, a2b_base64(text(e)) == s)
    print(b2a_hex(s), hexlify(s, "-"), hexlify(s, b":", 2), hexlify(s, "|", -3))
    print(unhexlify(b2a_hex(s)) == s, a2b_hex(text(b2a_hex(s)).upper()) == s)
    print(crc32(s), crc32(s, 12345), crc32(s, -1), crc32(s, 2**32 + 7), crc_hqx(s, 0), crc_hqx(s, 0xffff), crc_hqx(s, 70000))
    if len(s) <= 45:
        u = b2a_uu(s)
        print(u, b2a_uu(s, backtick=True), a2b_uu(u) == s, a2b_uu(b2a_uu(s, backtick=True)) == s)
b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
junk = b64 + " \n!.-_=="
for _ in range(60):
    s = randbytes(rand(14), junk)
    t(lambda: (s, a2b_base64(s)))
    t(lambda: (s, a2b_base64(s, strict_mode=True)))
for s in [b"", b"=", b"==", b"A", b"AB", b"AB=", b"AB==", b"AB===", b"ABC=", b"ABCD", b"ABCD=",
          b"=ABC", b"AB=C", b"AB==CD", b"ABCD==", b"A=B=", b"AB\n==", b"ab==\n", b"YWJj\nZA==",
          b"YW Jj", b"YWJjZA==YQ==", b"YWJjZA=", b"YWJjZ", "YWJj", "\xe9", b"AB=!=", b"ABC=!",
          b"AB==!", b"AB=,=CD", b"ABC=D", b"A===", b"ABC==", b"ABCD=A", b"ABCDA", b"AB=\n=",
          b"ABCD=ABCD"]:
    t(lambda: (s, a2b_base64(s)))
    t(lambda: (s, a2b_base64(s, strict_mode=True)))
qp_alpha = "ab =_.\t\r\n\x00\x7f\xffAZ09=?"
texts = [b"", b"hello world", b"a=b", b"tab\tend\t", b"space end ", b".\n", b"a\r\nb", b"x" * 80,
         b"line one\nline two  \n", b"caf\xc3\xa9", b"_under score_", b"\x00\x01", b"=\n", b"a" * 74 + b"=",
         b"a" * 75 + b"\nb", b"." , b"a.\n.\n", b" " * 3]
texts += [randbytes(rand(100), qp_alpha) for _ in range(40)]
for s in texts:
    for kw in ({}, {"quotetabs": True}, {"istext": False}, {"header": True}):
        q = b2a_qp(s, **kw)
        print(q, a2b_qp(q, header=kw.get("header", False)) == s)
for s in [b"=", b"=4", b"=41", b"=4g", b"==", b"=\n", b"=\r\n", b"=\rx\ny", b"a_b", b"=a1=B2", b"=\r", b"x=  \ny"]:
    t(lambda: (s, a2b_qp(s), a2b_qp(s, header=True)))
for s in ["=41=42", "a_b=\n", "caf=C3=A9"]:
    t(lambda: (s, a2b_qp(s)))
for _ in range(30):
    s = randbytes(rand(20), qp_alpha + "0123456789abcdefABCDEF")
    t(lambda: (s, a2b_qp(s), a2b_qp(s, True)))
for s in [b"", b" ", b"!", b"#86)C\n", b"#86)C", b"%86)C", b"!,", b"!,```\n", b"!, x", b"! \n", b"\x7f", b"``"]:
    t(lambda: (s, a2b_uu(s)))
t(lambda: b2a_uu(b"x" * 46))
t(lambda: a2b_hex(b"abc"))
t(lambda: a2b_hex(b"zz"))
t(lambda: unhexlify("0g"))
t(lambda: a2b_hex("\xe9\xe9"))
t(lambda: a2b_hex(5))
t(lambda: b2a_hex("ab"))
t(lambda: hexlify(b"ab", "--"))
t(lambda: hexlify(b"ab", "\xe9"))
t(lambda: hexlify(b"ab", 1))
t(lambda: hexlify(b"ab", "\u0100"))
t(lambda: hexlify(b"ab", b"\xff"))
t(lambda: hexlify(b"ab", [1]))
t(lambda: hexlify(b"ab", ""))
t(lambda: hexlify(b"abc", "-", 0))
t(lambda: hexlify(b"", "-"))
t(lambda: hexlify(data=b"ab", sep="-"))
t(lambda: crc32())
t(lambda: crc32("a"))
t(lambda: crc32(b"a", "x"))
t(lambda: crc_hqx(b"a"))
t(lambda: b2a_base64(b"a", True))
t(lambda: a2b_base64(b"YQ==", strict=True))
t(lambda: b2a_qp(b"a", quotetab=True))
t(lambda: a2b_qp(data=b"=41"))
t(lambda: b2a_uu("a"))
t(lambda: (crc32(b"abc", 2**70 + 5), crc32(b"abc", -(2**70)), crc_hqx(b"abc", 2**80 + 3)))
