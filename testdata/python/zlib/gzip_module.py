# gzip over zlib: gzip.compress/decompress round trips (header and trailer from CPython's
# gzip.py, the deflate stream from the native zlib) and the reader over several members
# (expected output from CPython 3.14).
import gzip
import io
import zlib

text = b"".join(b"record %d: some text to squeeze\n" % i for i in range(200))
for level in (0, 1, 6, 9):
    g = gzip.compress(text, compresslevel=level, mtime=0)
    print(level, g[:4].hex(), gzip.decompress(g) == text, zlib.decompress(g, 31) == text)
g = gzip.compress(b"", mtime=0)
print(gzip.decompress(g), len(g))
two = gzip.compress(b"first ", mtime=0) + gzip.compress(b"second", mtime=0)
print(gzip.decompress(two))
with gzip.GzipFile(fileobj=io.BytesIO(gzip.compress(text, mtime=0))) as f:
    print(f.read(20), len(f.read()))
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
    f.write(text[:1000])
    f.write(text[1000:])
print(gzip.decompress(buf.getvalue()) == text)
try:
    gzip.decompress(gzip.compress(text, mtime=0)[:-3])
except EOFError as e:
    print("EOFError:", e)
try:
    gzip.decompress(b"not gzip at all")
except gzip.BadGzipFile as e:
    print("BadGzipFile:", e)
