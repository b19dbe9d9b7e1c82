# gbc-env: GBC_REAL_STDLIB=all
# sum's compensated float path, pow's third argument, divmod through __divmod__, set methods,
# a class namespace of a dict subclass (__prepare__), a metaclass chosen by type().
print(sum([0.1] * 10), sum([1, 2.5, 3]), sum([1e100, 1.0, -1e100]), sum([0.1, 0.2, 0.3]), sum(range(5), 0.5), sum([[1], [2]], []))
print(pow(2, 10, 7), pow(3, -1, 7), pow(-2, 3, 5), pow(2, 100, -7), pow(5, 0, 1), pow(10**30, 10**5, 10**9 + 7), pow(2, 0.5))
for args in [(2, 3, 0), (2, -1, 4), (2.0, 3, 5), ("a", 2, 3)]:
    try:
        pow(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class D:
    def __divmod__(self, o): return ("divmod", o)
    def __rdivmod__(self, o): return ("rdivmod", o)
print(divmod(7, 2), divmod(-7.5, 2), divmod(D(), 3), divmod(3, D()))
try:
    divmod("a", 2)
except TypeError as e:
    print(e)
s = {1, 2, 3}
print(s.pop(), s, s.intersection({2, 3, 4}), s.difference([3]), sorted(s.symmetric_difference({3, 9})), s.issubset(range(5)), s.issuperset([2]), s.isdisjoint([7]))
s.intersection_update({3}); print(s); s.clear(); print(s, frozenset({1, 2}).union([3]), type(frozenset().union()).__name__)
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
print(hasattr(frozenset(), "pop"), hasattr(frozenset(), "issubset"))
class ND(dict):
    def __init__(self):
        super().__init__()
        self.seen = []
    def __setitem__(self, k, v):
        self.seen.append(k)
        super().__setitem__(k, v)
class M(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        return ND()
    def __new__(mcls, name, bases, ns, **kw):
        print("M.__new__", name, [k for k in getattr(ns, "seen", ns) if not k.startswith("__")], kw)
        return super().__new__(mcls, name, bases, dict(ns))
class B(metaclass=M):
    RED = 1
    def f(self): pass
C = type("C", (B,), {"x": 1}, flag=True)
print(type(C).__name__, C.x)
