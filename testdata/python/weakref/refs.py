# _weakref: ref, proxy and the bookkeeping functions (expected output from CPython 3.14).
# Callbacks are never called by gbc, so no test relies on them running.
import _weakref
from _weakref import getweakrefcount, getweakrefs, proxy, ref


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


class A:
    pass


a = A()
r = ref(a)
print(r() is a, ref(a) is r, getweakrefcount(a), getweakrefs(a) == [r])
r2 = ref(a, lambda x: None)
print(r2 is r, getweakrefcount(a), r == r2, r != r2, hash(r) == hash(a), r.__callback__)
print(r2.__callback__ is not None)
p = proxy(a)
print(getweakrefcount(a), type(p).__name__, type(p).__module__, p.__class__.__name__)
print(proxy(a) is p)
a.x = 5
print(p.x)
p.y = 6
print(a.y)
del p.y
print(hasattr(a, "y"))
print(repr(r).split(";")[1].split(" at")[0])
del a
print(r(), r2(), r == r2, r == r, repr(r).split(";")[1])
t(lambda: p.x)
t(lambda: ref(1))
t(lambda: ref([]))
t(lambda: ref({}))
t(lambda: ref("s"))
t(lambda: ref(()))
t(lambda: ref(None))
t(lambda: ref(object()))
t(lambda: ref(len)())
t(lambda: ref(A)())
t(lambda: ref({1}) is not None)
t(lambda: ref(frozenset()) is not None)
t(lambda: ref(lambda: 0) is not None)
t(lambda: ref())
t(lambda: ref(A(), None, 3))
t(lambda: ref(A(), x=3))


class L(list):
    pass


class I(int):
    pass


class T(tuple):
    pass


class S:
    __slots__ = ("a",)


class S2:
    __slots__ = ("a", "__weakref__")


t(lambda: ref(L()) is not None)
t(lambda: ref(I()))
t(lambda: ref(T()))
t(lambda: ref(S()))
t(lambda: ref(S2())())
t(lambda: hash(ref(A())))
print(_weakref.ref is _weakref.ReferenceType, _weakref.ReferenceType, _weakref.ProxyType)
print(_weakref.CallableProxyType)
print(getweakrefcount(1), getweakrefs(1))
d = {1: ref(A()), 2: ref(A)}
_weakref._remove_dead_weakref(d, 1)
_weakref._remove_dead_weakref(d, 2)
_weakref._remove_dead_weakref(d, 3)
print(list(d))
t(lambda: _weakref._remove_dead_weakref({1: 1}, 1))
t(lambda: _weakref._remove_dead_weakref([], 1))


class B:
    def __init__(self):
        self.v = [1, 2, 3]

    def __len__(self):
        return 3

    def __call__(self, x):
        return x * 2

    def __iter__(self):
        return iter(self.v)

    def __getitem__(self, i):
        return self.v[i]

    def __add__(self, o):
        return "add"

    def __radd__(self, o):
        return "radd"

    def __eq__(self, o):
        return "eq"

    def __hash__(self):
        return 1

    def __str__(self):
        return "B!"


b = B()
pb = proxy(b)
print(type(pb).__name__, len(pb), pb(4), list(pb), pb[1], pb + 1, 1 + pb, bool(pb))
print(pb == 3, str(pb), getweakrefcount(b))
t(lambda: type(pb).__hash__)
n = [1, 2]


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))

    def __neg__(self):
        return -self.v


x, y = Num(1), Num(2)
print((proxy(x) + proxy(y)).v, -proxy(x))


class M:
    def m(self):
        return 1


class R(ref):
    __slots__ = ("extra",)

    def __new__(cls, ob, extra):
        self = ref.__new__(cls, ob)
        self.extra = extra
        return self

    def __init__(self, ob, extra):
        super().__init__(ob)


mm = M()
rr = R(mm, "e")
print(type(rr).__name__, rr() is mm, rr.extra, isinstance(rr, ref), rr is ref(mm))
print(getweakrefcount(mm))
