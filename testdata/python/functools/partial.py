# _functools: partial (with 3.14's Placeholder), reduce, cmp_to_key (expected output from
# CPython 3.14).
import _functools
from _functools import Placeholder as P
from _functools import cmp_to_key, partial, reduce


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


print(sorted(n for n in dir(_functools) if not n.startswith("__") and n != "_lru_cache_wrapper"))
t(lambda: partial())
t(lambda: partial(1))
t(lambda: partial(len, P))
t(lambda: partial(len, a=P))
p = partial(pow, P, 2)
t(lambda: (p, p(3), p.args, p.func, p.keywords))
t(lambda: p())
q = partial(p, 5)
t(lambda: (q, q(), q.args))
r = partial(partial(max, P, P, 1), 7)
t(lambda: (r, r(3), r(3, 9)))
t(lambda: r())
t(lambda: partial(partial(len), a=1).func)
t(lambda: repr(partial(len, 1, a=2, b="x")))


class MP(partial):
    pass


t(lambda: repr(MP(len, 1)))
t(lambda: type(MP(MP(len, 1), 2)).__name__ + str(MP(MP(len, 1), 2).args))
t(lambda: partial(MP(len, 1), 2).args)
pp = partial(max, 1)
pp.attr = 3
t(lambda: partial(pp, 2).func)
t(lambda: pp.__reduce__())
t(lambda: partial(len).__reduce__())


def setf():
    p.func = 1


t(setf)


def setf2():
    p.args = 1


t(setf2)


class C:
    m = partial(lambda self, x: (type(self).__name__, x), P, 5)
    n = partial(lambda *a: a[0] if len(a) < 3 else (a[0], type(a[1]).__name__, a[2]), 1)


t(lambda: C().n(2))
t(lambda: C.n(2))
t(lambda: C().m())
t(lambda: P)
t(lambda: type(P)() is P)
t(lambda: type(P)(1))
t(lambda: P.__reduce__())
t(lambda: type(P))


def sub():
    class X(type(P)):
        pass


t(sub)
t(lambda: reduce(lambda a, b: a + b, [1, 2, 3]))
t(lambda: reduce(lambda a, b: a + b, [], 5))
t(lambda: reduce(lambda a, b: a + b, [1], initial=5))
t(lambda: reduce(lambda a, b: a + b, 1))
t(lambda: reduce(lambda a, b: a + b, []))
t(lambda: reduce(len))
t(lambda: reduce(len, [], 1, 2))
t(lambda: reduce(len, [], 1, x=2))
t(lambda: reduce(lambda a, b: [a, b], "abcd"))
t(lambda: sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
k = cmp_to_key(lambda a, b: a - b)
t(lambda: type(k))
t(lambda: (k(1) < k(2), k(1) == k(1), k(3) >= k(4), k(2) != k(2)))
t(lambda: k(1) < 2)
t(lambda: k(1).obj)
t(lambda: type(k).__hash__)
t(lambda: k())
t(lambda: k(1, 2))
t(lambda: k(obj=3).obj)
t(lambda: cmp_to_key())
t(lambda: type(cmp_to_key(mycmp=len)).__name__)
t(lambda: partial(len).__setstate__(1))
t(lambda: partial(len).__setstate__((1,)))
t(lambda: partial(len).__setstate__((1, 2, 3, 4)))


def ss():
    x = partial(len)
    x.__setstate__((max, (1,), {"a": 1}, {"z": 2}))
    return x, x.z


t(ss)
t(lambda: partial(len, 1).__dict__)
t(lambda: partial.__module__)
t(lambda: partial(len, P, 1).__reduce__())
t(lambda: partial(lambda **kw: kw, a=1)(a=2, b=3))
t(lambda: partial(lambda *a, **kw: (a, kw), 1, 2, x=3)(4, y=5))


def rec():
    p = partial(len)
    p.__setstate__((p, (p,), {}, None))
    return repr(p)


t(rec)
