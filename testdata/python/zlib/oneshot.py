# zlib's one-shot functions: compress/decompress round trips at every level and wbits (zlib,
# gzip and raw streams), the checksums with start values, argument rules and errors (expected
# output from CPython 3.14). Compressed bytes depend on the zlib version, so only round trips,
# headers and checksums are printed.
import zlib


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


state = [12345]


def rand(n):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return state[0] % n


noise = bytes([rand(256) for _ in range(3000)])
text = b"".join(b"line %d: the quick brown fox jumps over the lazy dog\n" % i for i in range(60))
samples = [b"", b"a", b"hello world" * 100, noise, text]

for name in ["MAX_WBITS", "DEFLATED", "DEF_MEM_LEVEL", "DEF_BUF_SIZE", "Z_NO_COMPRESSION",
             "Z_BEST_SPEED", "Z_BEST_COMPRESSION", "Z_DEFAULT_COMPRESSION", "Z_FILTERED",
             "Z_HUFFMAN_ONLY", "Z_RLE", "Z_FIXED", "Z_DEFAULT_STRATEGY", "Z_NO_FLUSH",
             "Z_PARTIAL_FLUSH", "Z_SYNC_FLUSH", "Z_FULL_FLUSH", "Z_FINISH", "Z_BLOCK", "Z_TREES"]:
    print(name, getattr(zlib, name))
print(type(zlib.ZLIB_VERSION).__name__, zlib.ZLIB_VERSION.startswith("1."),
      zlib.ZLIB_RUNTIME_VERSION.count(".") >= 1)
print(zlib.error, zlib.error.__mro__[1], zlib._ZlibDecompressor)

# every level
for level in range(-1, 10):
    row = []
    for s in samples:
        c = zlib.compress(s, level)
        row.append(zlib.decompress(c) == s)
        row.append(c[:2].hex())
    print("level", level, row)
print(zlib.compress(text, level=9) == zlib.compress(text, 9))
print(len(zlib.compress(b"", 0)), len(zlib.compress(noise, 0)) > len(noise))

# every wbits: zlib (9..15), raw (-9..-15), gzip (25..31); 0 and 32+ for decompression
for wbits in list(range(9, 16)) + list(range(-15, -8)) + list(range(25, 32)):
    row = []
    for s in samples:
        c = zlib.compress(s, 6, wbits)
        row.append(zlib.decompress(c, wbits) == s)
        if wbits > 0:
            row.append(zlib.decompress(c, 47) == s)
    print("wbits", wbits, row)
c = zlib.compress(text)
print(zlib.decompress(c, 0) == text, zlib.decompress(c, wbits=15, bufsize=1) == text)
print(zlib.decompress(c, bufsize=0) == text, zlib.decompress(data=c) if False else "")
g = zlib.compress(text, wbits=31)
print(g[:3].hex(), zlib.decompress(g, 31) == text, zlib.decompress(g, 16 + 15) == text)
print(zlib.decompress(bytearray(c)) == text, zlib.decompress(memoryview(c)) == text)
print(zlib.decompress(zlib.compress(bytearray(b"xyz"))), zlib.decompress(zlib.compress(memoryview(b"mv"))))
blob = bytes.fromhex(
    "789c9dd6c711c2400c40d13b55a8049448dd101630182f184caa9e810ef867cd3fe9cdaedaa62b325ec86d5fe4"
    "3234eba3acfafae8645b9f72184ee7abd47be97fe376f97ec9a6ee46edb751d018681c34019a04cd043453d0cc"
    "4033273b45108804251494585082418906251c9478500242890823220cbd0d4484111146441811614484111146"
    "441811e1448413118ebe0b22c2890827229c887022c2890827228288082222888840170411114444101141440"
    "411114444121149442411914444a2a3928848222289882422f24f111f95ef572d")
print(zlib.decompress(blob) == text)

# checksums
for s in samples:
    print(zlib.crc32(s), zlib.adler32(s), zlib.crc32(s, 12345), zlib.adler32(s, 12345))
print(zlib.crc32(text[1000:]) == zlib.crc32(text[1000:], 0))
print(zlib.crc32(text[500:], zlib.crc32(text[:500])) == zlib.crc32(text))
print(zlib.adler32(text[500:], zlib.adler32(text[:500])) == zlib.adler32(text))
print(zlib.crc32(b"abc", 2 ** 32 + 7), zlib.crc32(b"abc", -1), zlib.adler32(b"abc", -1))
print(zlib.adler32(b"abc", 2 ** 70 + 3), zlib.crc32(b""), zlib.adler32(b""), zlib.crc32(b"", 99))
print(zlib.crc32(bytearray(b"abc")), zlib.adler32(memoryview(b"abc")), zlib.crc32(b"abc", True))

# errors
t(lambda: zlib.decompress(b"garbage data"))
t(lambda: zlib.decompress(c[:-5]))
t(lambda: zlib.decompress(c[:10]))
t(lambda: zlib.decompress(b""))
t(lambda: zlib.decompress(c, -15))
t(lambda: zlib.decompress(g))
t(lambda: zlib.decompress(c, 31))
t(lambda: zlib.decompress(c, 8))
t(lambda: zlib.decompress(c, 100))
t(lambda: zlib.decompress(c, bufsize=-1))
t(lambda: zlib.decompress(c, 15, 2 ** 80))
t(lambda: zlib.decompress("text"))
t(lambda: zlib.decompress(data=c))
t(lambda: zlib.decompress())
t(lambda: zlib.decompress(c, 15, 10, 3))
t(lambda: zlib.decompress(c, foo=1))
t(lambda: zlib.compress(b"x", 10))
t(lambda: zlib.compress(b"x", -2))
t(lambda: zlib.compress(b"x", 6, 7))
t(lambda: zlib.compress(b"x", 6, 16))
t(lambda: zlib.compress(b"x", 1.5))
t(lambda: zlib.compress(b"x", 2 ** 40))
t(lambda: zlib.compress("x"))
t(lambda: zlib.compress(None))
t(lambda: zlib.compress(b"x", level=1, wbits=-9) != b"")
t(lambda: zlib.crc32())
t(lambda: zlib.crc32(b"x", 1, 2))
t(lambda: zlib.crc32(b"x", value=1))
t(lambda: zlib.crc32("x"))
t(lambda: zlib.crc32(b"x", 1.0))
t(lambda: zlib.adler32(b"x", "1"))
t(lambda: zlib.adler32([1]))
