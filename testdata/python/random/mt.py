# _random.Random: CPython's Mersenne Twister through gbc (expected output from CPython 3.14).
import _random


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


print(sorted(n for n in dir(_random) if not n.startswith("__")))
print(sorted(n for n in dir(_random.Random) if not n.startswith("__")))
r = _random.Random(0)
print(r.random(), r.getrandbits(5), r.getrandbits(32), r.getrandbits(0), r.getrandbits(40))
t(lambda: r.getrandbits(-1))
t(lambda: r.getrandbits())
t(lambda: r.getrandbits("a"))
t(lambda: _random.Random(1, 2))
t(lambda: _random.Random(x=1))
t(lambda: r.seed(1, 2))
t(lambda: r.seed([1]))
t(lambda: r.seed(-5) or r.random())
t(lambda: r.seed(5) or r.random())
t(lambda: r.seed(2.5) or r.random())
t(lambda: r.seed(True) or r.random())
t(lambda: r.seed(123456789012345) or [r.random() for _ in range(3)])
t(lambda: r.seed(None) or 0 <= r.random() < 1)
r.seed(42)
s = r.getstate()
print(type(s).__name__, len(s), s[-1], s[:2])
a = [r.random() for _ in range(5)]
r.setstate(s)
print(a == [r.random() for _ in range(5)], r.getstate()[-1])
t(lambda: r.setstate(1))
t(lambda: r.setstate((1,)))
t(lambda: r.setstate(s[:-1] + (625,)))
t(lambda: r.setstate(s[:-1] + ("a",)))
t(lambda: r.setstate(("a",) + s[1:]))
t(lambda: r.setstate((-1,) + s[1:]))
t(lambda: r.setstate((2**32 + 5,) + s[1:]) or r.getstate()[0])
t(lambda: r.random(1))
r2 = _random.Random(7)
print([r2.getrandbits(k) for k in (1, 2, 8, 16, 31, 32, 33, 48, 62)])


class Sub(_random.Random):
    def __init__(self, x, tag):
        self.seed(x)
        self.tag = tag


s2 = Sub(0, "t")
print(s2.random(), s2.tag, isinstance(s2, _random.Random))
r3 = _random.Random(2**100 + 7)
print(r3.random(), r3.getrandbits(64), r3.getrandbits(70), r3.getrandbits(200))
r3.seed(-(2**70))
print(r3.random())
t(lambda: r3.setstate((2**64,) + r3.getstate()[1:]))
t(lambda: r3.setstate((2**63 + 9,) + r3.getstate()[1:]) or r3.getstate()[0])
