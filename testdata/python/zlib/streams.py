# zlib's streaming objects: compressobj (every option, flush modes, copy, zdict), decompressobj
# (max_length, unconsumed_tail, unused_data, eof, flush, copy, zdict) and _ZlibDecompressor
# (expected output from CPython 3.14). Decompression reads fixed streams, so its chunking is the
# same whatever zlib compressed them.
import copy
import zlib


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


text = b"".join(b"line %d: the quick brown fox jumps over the lazy dog\n" % i for i in range(60))
zblob = bytes.fromhex(
    "789c9dd6c711c2400c40d13b55a8049448dd101630182f184caa9e810ef867cd3fe9cdaedaa62b325ec86d5fe4"
    "3234eba3acfafae8645b9f72184ee7abd47be97fe376f97ec9a6ee46edb751d018681c34019a04cd043453d0cc"
    "4033273b45108804251494585082418906251c9478500242890823220cbd0d4484111146441811614484111146"
    "441811e1448413118ebe0b22c2890827229c887022c2890827228288082222888840170411114444101141440"
    "411114444121149442411914444a2a3928848222289882422f24f111f95ef572d")
gblob = bytes.fromhex("1f8b0800000000000003") + zblob[2:-4] + bytes.fromhex("a94d10c3620c0000")
rblob = zblob[2:-4]
print(zlib.decompress(zblob) == text, zlib.decompress(gblob, 31) == text,
      zlib.decompress(rblob, -15) == text)


def compress_in_pieces(data, piece, *args, **kw):
    c = zlib.compressobj(*args, **kw)
    out = []
    for i in range(0, len(data), piece):
        out.append(c.compress(data[i:i + piece]))
    out.append(c.flush())
    return b"".join(out)


# compressobj options
for level in (-1, 0, 1, 5, 9):
    for strategy in (zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE,
                     zlib.Z_FIXED):
        out = compress_in_pieces(text, 100, level, zlib.DEFLATED, 15, 9, strategy)
        print(level, strategy, zlib.decompress(out) == text, end="; ")
    print()
for wbits in (9, 12, 15, -9, -15, 25, 31):
    for mem in (1, 8, 9):
        out = compress_in_pieces(text, 333, wbits=wbits, memLevel=mem)
        print(wbits, mem, zlib.decompress(out, wbits) == text, end="; ")
    print()

# flush modes: a sync or full flush ends on a byte boundary with an empty stored block
c = zlib.compressobj()
parts = [c.compress(text[:1000]), c.flush(zlib.Z_SYNC_FLUSH)]
print(parts[1][-4:].hex(), c.flush(zlib.Z_NO_FLUSH))
parts += [c.compress(text[1000:2000]), c.flush(zlib.Z_FULL_FLUSH)]
print(parts[3][-4:].hex())
d = zlib.decompressobj()
print(d.decompress(b"".join(parts)) == text[:2000], d.eof)
parts += [c.compress(text[2000:]), c.flush(zlib.Z_PARTIAL_FLUSH), c.flush(zlib.Z_BLOCK), c.flush()]
print(zlib.decompress(b"".join(parts)) == text)
t(lambda: c.flush())
t(lambda: c.compress(b"more"))
t(lambda: c.copy())
c = zlib.compressobj()
t(lambda: c.flush(7))
t(lambda: c.flush(mode=2))
t(lambda: c.flush(1, 2))
t(lambda: c.compress())
t(lambda: c.compress("str"))

# copy
c = zlib.compressobj(9)
head = c.compress(text[:1500])
c2 = c.copy()
c3 = copy.copy(c)
c4 = copy.deepcopy(c)
ends = [x.compress(text[1500:]) + x.flush() for x in (c, c2, c3, c4)]
print([zlib.decompress(head + e) == text for e in ends], type(c2).__name__)
t(lambda: zlib.compressobj(level=10))
t(lambda: zlib.compressobj(method=9))
t(lambda: zlib.compressobj(memLevel=10))
t(lambda: zlib.compressobj(wbits=7))
t(lambda: zlib.compressobj(strategy=9))
t(lambda: zlib.compressobj(zdict=None))
t(lambda: zlib.compressobj(zdict="s"))
t(lambda: zlib.compressobj(1, 8, 15, 8, 0, b"d", 7))
t(lambda: zlib.compressobj(lvl=1))
t(lambda: zlib.Compress())
t(lambda: zlib.Decompress())

# decompressobj with max_length
d = zlib.decompressobj()
pieces = []
chunk = d.decompress(zblob, 100)
pieces.append(chunk)
print(len(chunk), len(d.unconsumed_tail), d.eof, d.unused_data)
while d.unconsumed_tail:
    pieces.append(d.decompress(d.unconsumed_tail, 700))
print([len(p) for p in pieces], d.eof, len(d.unconsumed_tail))
rest = d.flush()
print(len(rest), b"".join(pieces) + rest == text, d.eof, d.unused_data, d.unconsumed_tail)

# feeding small pieces with a small max_length
d = zlib.decompressobj()
out, sizes, i = [], [], 0
while not d.eof:
    if d.unconsumed_tail:
        data = d.unconsumed_tail
    else:
        data = zblob[i:i + 10]
        i += 10
    chunk = d.decompress(data, 7)
    sizes.append(len(chunk))
    out.append(chunk)
print(b"".join(out) == text, len(sizes), max(sizes), sizes[:20], i)

# unused_data after the end of the stream, in one call or many
d = zlib.decompressobj()
print(d.decompress(zblob + b"trailing") == text, d.eof, d.unused_data, d.unconsumed_tail)
print(d.decompress(b"more"), d.unused_data, d.eof)
d = zlib.decompressobj()
for i in range(0, len(zblob) + 8, 16):
    d.decompress((zblob + b"abcdefgh")[i:i + 16])
print(d.eof, d.unused_data)
d = zlib.decompressobj(31)
print(d.decompress(gblob + gblob) == text, d.unused_data == gblob)
d = zlib.decompressobj(-15)
print(d.decompress(rblob) == text, d.eof, d.flush(), d.eof)
d = zlib.decompressobj(wbits=47)
print(d.decompress(gblob) == text, d.eof)

# flush with an incomplete stream returns what there is
d = zlib.decompressobj()
first = d.decompress(zblob[:200])
print(len(first), len(d.flush()), d.eof)
d = zlib.decompressobj()
print(len(d.decompress(zblob, 50)), len(d.flush(1)), d.eof)
t(lambda: d.flush(0))
t(lambda: d.flush(-3))
t(lambda: d.decompress(b"x", -1))
t(lambda: d.decompress(b"x", max_length=-1))
t(lambda: d.decompress(data=b"x"))

# decompressobj copy
d = zlib.decompressobj()
a = d.decompress(zblob[:150])
d2 = d.copy()
d3 = copy.deepcopy(d)
print([a + x.decompress(zblob[150:]) == text for x in (d, d2, d3)], d2.eof)
t(lambda: d.flush() and d.copy())

# errors while streaming
d = zlib.decompressobj()
t(lambda: d.decompress(b"not zlib data at all"))
d = zlib.decompressobj(-15)
t(lambda: d.decompress(b"\xff\xff\xff\xff"))
t(lambda: zlib.decompressobj(wbits=100))
t(lambda: zlib.decompressobj(zdict=1))
t(lambda: zlib.decompressobj(zdict="str"))
t(lambda: zlib.decompressobj(15, b"", 3))

# zdict
zd = b"the quick brown fox jumps over the lazy dog line"
c = zlib.compressobj(zdict=zd)
withd = c.compress(text) + c.flush()
print(withd[:2].hex(), zlib.decompressobj(zdict=zd).decompress(withd) == text)
print(zlib.decompressobj(zdict=bytearray(zd)).decompress(withd) == text)
t(lambda: zlib.decompressobj().decompress(withd))
t(lambda: zlib.decompress(withd))
t(lambda: zlib.decompressobj(zdict=b"other").decompress(withd))
c = zlib.compressobj(wbits=-15, zdict=zd)
raw = c.compress(text) + c.flush()
print(zlib.decompressobj(wbits=-15, zdict=zd).decompress(raw) == text)
d = zlib.decompressobj(zdict=zd)
print(b"".join(d.decompress(withd[i:i + 5]) for i in range(0, len(withd), 5)) == text)

# _ZlibDecompressor
z = zlib._ZlibDecompressor()
print(z.eof, z.needs_input, z.unused_data)
got = [z.decompress(zblob[:40], 10)]
print(len(got[0]), z.needs_input, z.eof)
got.append(z.decompress(b"", 0))
print(len(got[1]), z.needs_input)
while not z.eof:
    got.append(z.decompress(zblob[40:] + b"tail" if z.needs_input else b"", 500))
print(b"".join(got) == text, [len(x) for x in got], z.unused_data, z.needs_input)
t(lambda: z.decompress(b"x"))
z = zlib._ZlibDecompressor(31)
print(z.decompress(gblob) == text, z.eof)
z = zlib._ZlibDecompressor(wbits=-15)
print(z.decompress(data=rblob, max_length=-1) == text)
z = zlib._ZlibDecompressor(zdict=zd)
t(lambda: z.decompress(withd) == text)
t(lambda: zlib._ZlibDecompressor().decompress(withd))
d = zlib.decompressobj()
d.decompress(zblob)
print(d.flush(), d.eof)
t(lambda: d.decompress(b"x"))
z = zlib._ZlibDecompressor(-15, zd)
print(z.decompress(raw) == text)
z = zlib._ZlibDecompressor()
t(lambda: z.decompress(b"garbage!"))
t(lambda: zlib._ZlibDecompressor(wbits=99))
t(lambda: zlib._ZlibDecompressor(bad=1))
t(lambda: zlib._ZlibDecompressor().decompress())
z = zlib._ZlibDecompressor()
out = b""
for i in range(len(zblob)):
    out += z.decompress(zblob[i:i + 1])
print(out == text, z.eof, z.needs_input)
print(type(zlib.decompressobj()), type(zlib.compressobj()))
