# gbc-env: GBC_REAL_STDLIB=all
# copy and pickle over object.__reduce_ex__ (needs async functions: _collections_abc).
import copy, copyreg, pickle

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

# copy
nested = {"a": [1, 2, {"b": (3, [4])}], "p": p, "s": {5, 6}}
c = copy.deepcopy(nested)
print(c == nested, c["a"] is nested["a"], c["a"][2]["b"][1] is nested["a"][2]["b"][1], c["p"] == p, c["p"] is p)
sh = copy.copy(p)
print(sh == p, sh is p, sh.x is p.x)
s2 = copy.copy(SD()); print(s2.a, s2.c, hasattr(s2, "b"))
st = copy.copy(St()); print(st.restored)
shared = [1]
lst = [shared, shared]
dl = copy.deepcopy(lst)
print(dl[0] is dl[1], dl[0] is shared)
cyc = []; cyc.append(cyc)
cc = copy.deepcopy(cyc); print(cc[0] is cc, cc is not cyc)
print(copy.deepcopy(N(3)) + 1, type(copy.deepcopy(N(3))).__name__, copy.copy(G(9)).v)

# pickle
for proto in range(0, pickle.HIGHEST_PROTOCOL + 1):
    data = pickle.dumps(nested, protocol=proto)
    back = pickle.loads(data)
    print(proto, back == nested, type(back["p"]).__name__)
obj = [1, 2.5, "x", b"y", None, True, (1, 2), {"k": [3]}, 10**30, -7, frozenset({1}), {2}, range(3), 1+2j]
print(pickle.loads(pickle.dumps(obj)) == obj)
print(pickle.dumps([1, "a", (2,)], protocol=2))
print(pickle.loads(pickle.dumps(SD())).c, pickle.loads(pickle.dumps(St())).restored)
try:
    pickle.dumps(x for x in [])
except TypeError as e:
    print("TypeError", e)
