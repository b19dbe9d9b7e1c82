# struct.py and hashlib.py (CPython 3.14's, copied beside this file) over gbc's _struct and hash modules.
import struct, hashlib
print(struct.pack("<i", 5), struct.calcsize("q"), struct.Struct("h").unpack(b"\x01\x00"))
print(hashlib.sha256(b"abc").hexdigest(), hashlib.md5(b"").hexdigest(), hashlib.new("sha3_256", b"x").hexdigest())
print(hashlib.blake2b(b"a", digest_size=8).hexdigest(), hashlib.shake_128(b"a").hexdigest(4), sorted(hashlib.algorithms_guaranteed))
h = hashlib.new("sha512")
h.update(b"abc")
print(h.name, h.hexdigest()[:16], hashlib.sha1(usedforsecurity=False).hexdigest())
