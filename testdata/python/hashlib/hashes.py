# The hash modules hashlib falls back to: _md5, _sha1, _sha2, _sha3, _blake2 (expected output from
# CPython 3.14).
import _md5, _sha1, _sha2, _sha3, _blake2
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
m = _md5.md5(b"a")
t(lambda: (type(m).__name__, type(m).__qualname__, type(m).__module__, repr(type(m)), _md5.MD5Type is type(m)))
t(lambda: (type(_sha2.sha256()).__name__, type(_sha3.sha3_256()).__name__, type(_blake2.blake2b()).__name__, type(_sha1.sha1()).__name__))
t(lambda: _md5.MD5Type())
t(lambda: _md5.md5("a"))
t(lambda: _md5.md5(1))
t(lambda: m.update("a"))
t(lambda: m.update(1))
t(lambda: m.update())
t(lambda: _md5.md5(b"a", string=b"b"))
t(lambda: _md5.md5(string=b"b").hexdigest())
t(lambda: _md5.md5(data=b"b").hexdigest())
t(lambda: _md5.md5(b"a", b"b"))
t(lambda: _md5.md5(b"a", usedforsecurity=False).hexdigest())
t(lambda: _sha3.sha3_256(b"a", string=b"b"))
t(lambda: _sha3.sha3_256(data=b"a").hexdigest())
t(lambda: _sha3.sha3_256(b"a", b"b"))
s = _sha3.shake_128(b"x")
t(lambda: s.digest())
t(lambda: s.digest(-1))
t(lambda: s.hexdigest(3))
t(lambda: s.digest(length=2))
t(lambda: s.digest(1099511627776))
t(lambda: s.digest_size)
t(lambda: _sha3.sha3_256().digest(3))
t(lambda: repr(m).split(" at ")[0])
t(lambda: (_sha3.implementation if hasattr(_sha3, "implementation") else None))
B = _blake2.blake2b
t(lambda: B(digest_size=0))
t(lambda: B(digest_size=65))
t(lambda: B(key=b"x"*65))
t(lambda: B(salt=b"x"*17))
t(lambda: B(person=b"x"*17))
t(lambda: B(fanout=-1))
t(lambda: B(fanout=256))
t(lambda: B(depth=0))
t(lambda: B(depth=256))
t(lambda: B(leaf_size=-1))
t(lambda: B(leaf_size=4294967296))
t(lambda: B(node_offset=-1))
t(lambda: _blake2.blake2s(node_offset=281474976710656))
t(lambda: B(node_depth=256))
t(lambda: B(inner_size=65))
t(lambda: B(inner_size=-1))
t(lambda: B(foo=1))
t(lambda: B(b"a", b"b"))
t(lambda: B(key="s"))
t(lambda: B(digest_size="a"))
t(lambda: B(last_node=1).hexdigest()[:8])
t(lambda: (B.MAX_DIGEST_SIZE, B.SALT_SIZE, B().name, B(digest_size=5).digest_size, B().block_size, _blake2.blake2s().name))
t(lambda: B(data=b"x", string=b"y"))
t(lambda: m.copy().hexdigest() == m.hexdigest())
t(lambda: (m.name, m.digest_size, m.block_size, _sha2.sha384().name, _sha2.sha224().block_size))
t(lambda: _md5.md5.__name__)

cases = [b"", b"abc", bytes(range(200)), b"x" * 1000]
for ctor in (_md5.md5, _sha1.sha1, _sha2.sha224, _sha2.sha256, _sha2.sha384, _sha2.sha512,
             _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512, _blake2.blake2b,
             _blake2.blake2s):
    for data in cases:
        h = ctor(data)
        g = ctor()
        g.update(data)
        print(h.name, h.hexdigest(), h.digest() == g.digest(), h.digest_size, h.block_size)
for ctor in (_sha3.shake_128, _sha3.shake_256):
    for data in cases:
        print(ctor(data).name, ctor(data).hexdigest(40), ctor(data).digest(0))
h = _sha2.sha256(b"ab")
c = h.copy()
h.update(b"c")
print(c.hexdigest(), h.hexdigest())
print(_blake2.blake2b(b"data", key=b"secret", salt=b"salt", person=b"me", digest_size=20).hexdigest())
print(_blake2.blake2s(b"data", fanout=2, depth=2, leaf_size=4096, node_offset=1, node_depth=1,
                      inner_size=32, last_node=True).hexdigest())
