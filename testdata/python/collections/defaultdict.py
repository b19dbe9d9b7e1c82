# _collections.defaultdict, _count_elements and _tuplegetter (expected output from CPython 3.14).
import _collections
from _collections import _count_elements, _tuplegetter, defaultdict


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


dd = defaultdict(list)
dd["a"].append(1)
dd["b"]
print(dd, len(dd), dict(dd), isinstance(dd, dict), type(dd).__name__, type(dd).__module__)
print(repr(defaultdict(list, {1: 2})), repr(defaultdict()), defaultdict.__mro__)
t(lambda: defaultdict(1))
t(lambda: defaultdict()[1])
t(lambda: defaultdict(list).default_factory)
t(lambda: defaultdict(default_factory=list))
t(lambda: defaultdict(list, a=1))
t(lambda: defaultdict(list, [(1, 2)], a=1))
t(lambda: defaultdict().__missing__(1))
t(lambda: defaultdict(list).__missing__(1))
t(lambda: defaultdict(list).copy())
t(lambda: type(defaultdict(list).copy()).__name__)
t(lambda: defaultdict(list, {1: [2]}).__copy__())
t(lambda: defaultdict(int, a=1) == {"a": 1})
r = defaultdict(list, {1: 2}).__reduce__()
print(r[:4], list(r[4]))
r = defaultdict().__reduce__()
print(r[:4], list(r[4]))


class D(defaultdict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)


d = D(list)
print(d[1], d)


def f():
    d[2] = "inner"
    return "outer"


d.default_factory = f
print(d[2], sorted(d))
d2 = defaultdict(list)
del d2.default_factory
print(d2.default_factory, repr(d2))


def noattr():
    defaultdict().x = 1


class E(defaultdict):
    pass


e = E(int)
e.x = 1
print(e.__dict__, e.__reduce__()[:4], e["z"], e)
dd = defaultdict(list)
dd |= {1: 2}
print(dd, dd | defaultdict(int, {5: 5}), {0: 0} | dd)
print(type({1: 2} | dd).__name__, type(dd | {3: 4}).__name__)


def rec():
    d = defaultdict(list)
    d[1] = d
    return repr(d)


t(rec)


def counter_like():
    m = {}
    _count_elements(m, "abracadabra")
    return m


t(counter_like)


class Tally(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 10)


def custom_mapping():
    m = Tally()
    _count_elements(m, "aab")
    return m


t(custom_mapping)
t(lambda: _count_elements({}, 1))
t(lambda: _count_elements({}))
g = _tuplegetter(1, "doc")
print(g, g.__doc__, g.__get__((5, 6)), g.__get__(None, tuple) is g, g.__reduce__())
t(lambda: g.__get__(1))
t(lambda: _tuplegetter(5, None).__get__((1, 2)))
t(lambda: _tuplegetter("a", "b"))
t(lambda: _tuplegetter(1))


class P(tuple):
    x = _tuplegetter(0, "Alias for field number 0")
    y = _tuplegetter(1, "Alias for field number 1")


p = P((3, 4))
print(p.x, p.y, P.x, P.y.__doc__)


def setp():
    p.x = 5


t(setp)


def delp():
    del p.x


t(delp)
# (OrderedDict is left to collections' pure-Python version)
print(sorted(n for n in dir(_collections) if not n.startswith("__") and n != "OrderedDict"))
