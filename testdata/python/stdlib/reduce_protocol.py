# gbc-env: GBC_REAL_STDLIB=all
# object.__reduce_ex__ / __reduce__ / __getstate__ (what copy and pickle build on).
import copyreg

class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"P({self.x!r}, {self.y!r})"
    def __eq__(self, o):
        return type(o) is P and (self.x, self.y) == (o.x, o.y)

class S:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = 1

class SD(S):
    def __init__(self):
        super().__init__()
        self.c = 3

class N(int):
    pass

class G:
    def __init__(self, v):
        self.v = v
    def __getnewargs__(self):
        return (self.v,)
    def __new__(cls, v=0):
        o = super().__new__(cls)
        return o

class GE:
    def __getnewargs_ex__(self):
        return ((1,), {"k": 2})

class St:
    def __getstate__(self):
        return {"custom": True}
    def __setstate__(self, st):
        self.restored = st

class Empty:
    pass

p = P([1, 2], {"k": (3, 4)})
r = p.__reduce_ex__(2)
print(r[0] is copyreg.__newobj__, r[1] == (P,), r[2], r[3], r[4])
print(p.__reduce_ex__(4)[1:], Empty().__reduce_ex__(3)[1:], Empty().__getstate__(), p.__getstate__())
print(S().__reduce_ex__(2)[2], SD().__reduce_ex__(2)[2], S().__getstate__(), copyreg._slotnames(SD))
print(N(5).__reduce_ex__(2)[1:], [1, 2].__reduce_ex__(2)[1:3], type([1].__reduce_ex__(2)[3]).__name__)
d = {"a": 1}.__reduce_ex__(2)
print(d[1:4], list(d[4]))
print(G(7).__reduce_ex__(2)[1:3], GE().__reduce_ex__(2)[0] is copyreg.__newobj_ex__, GE().__reduce_ex__(2)[1])
print(St().__reduce_ex__(2)[2], (5).__reduce_ex__(2)[1], (2.5).__reduce_ex__(2)[1], "s".__reduce_ex__(2)[1])
print((1, 2).__reduce_ex__(2)[1], (5).__getnewargs__(), (1, 2).__getnewargs__(), b"x".__reduce_ex__(2)[1][1:])
for obj in [(x for x in []), iter([]).__class__, lambda: 0]:
    try:
        r = obj.__reduce_ex__(2)
        print(type(obj).__name__, "reduced", r[0].__name__ if hasattr(r[0], "__name__") else r[0])
    except TypeError as e:
        print(type(obj).__name__, "TypeError", e)

class BadNA:
    def __getnewargs__(self):
        return [1]
class BadNAE:
    def __getnewargs_ex__(self):
        return (1, 2, 3)
for o in [BadNA(), BadNAE()]:
    try:
        o.__reduce_ex__(2)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

class R:
    def __reduce__(self):
        return (R, ())
print(R().__reduce_ex__(2), R().__reduce_ex__(0))

print({5, 6}.__reduce__()[0] is set, frozenset([1]).__reduce__(), slice(1, 2).__reduce__(), range(2).__reduce_ex__(2))
print(N(5).__reduce_ex__(1)[0] is copyreg._reconstructor, P(1, 2).__reduce_ex__(0)[1], P(1, 2).__reduce__()[2])
