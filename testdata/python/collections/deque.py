# collections.deque through _collections (expected output from CPython 3.14).
import _collections
from _collections import deque


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


d = deque([1, 2, 3], 5)
r = d.__reduce__()
print(r[:3], type(r[3]).__name__, list(r[3]))
r = deque([1]).__reduce__()
print(r[:3], list(r[3]))
print(type(iter(d)).__name__, type(reversed(d)).__name__, list(reversed(d)))
r = iter(d).__reduce__()
print(r[0].__name__, r[1])
t(lambda: list(_collections._deque_iterator(d, 1)))
t(lambda: list(_collections._deque_iterator(d, -1)))
t(lambda: list(_collections._deque_reverse_iterator(d, 2)))
t(lambda: iter(d).__length_hint__())
t(lambda: deque("abc") == deque("abc"))
t(lambda: deque("abc") < deque("abd"))
t(lambda: deque("abc") <= deque("ab"))
t(lambda: deque("abc") > deque("ab"))
t(lambda: deque([1, 2]) >= deque([1, 2]))
t(lambda: deque("abc") != deque("abc"))
t(lambda: deque("abc") == ["a"])
t(lambda: deque("abc") + deque("d"))
t(lambda: deque("abc") + [1])
t(lambda: deque("abc") * 2)
t(lambda: 2 * deque("abc", 4))
t(lambda: deque("abc", 2) * 2)
t(lambda: deque("abc") * 0)
t(lambda: deque("abc") * "a")
t(lambda: deque([7], 3) * 5)
t(lambda: deque.__hash__)
t(lambda: deque().maxlen)
t(lambda: deque("abc")[1:])
t(lambda: deque("abc")[5])
t(lambda: deque("abc")[-4])
t(lambda: deque("abc")[-1])
t(lambda: deque("abc")["a"])
t(lambda: deque("abc").index("c", 0, 2))
t(lambda: deque("abc").index("c", 0, 3))
t(lambda: deque("abc").index("c", -1))
t(lambda: deque("abcabc").index("b", 2))
t(lambda: deque("abc").index("a", "x"))
t(lambda: deque("abc").index())
t(lambda: deque("abc").rotate("a"))
t(lambda: deque("abc").rotate(1, 2))
t(lambda: deque("abc").insert(1))
t(lambda: deque("abc").count())
t(lambda: deque("abcab").count("a"))
t(lambda: deque("abc").extend(1))
t(lambda: deque("abc").append())
t(lambda: deque("abc").pop(1))
t(lambda: deque(1))
t(lambda: deque([], "a"))
t(lambda: deque([], None))
t(lambda: deque([], maxlen=2.0))
t(lambda: deque([], maxlen=-1))
t(lambda: deque([], 1, 2))
t(lambda: deque(iterable=[1]))
t(lambda: deque(x=[1]))
t(lambda: deque().pop())
t(lambda: deque().popleft())
t(lambda: deque()[0])
t(lambda: deque().remove(1))
t(lambda: deque().index(1))
t(lambda: deque([1], 1).insert(0, 2))
t(lambda: deque([1]).__copy__())
t(lambda: deque([1, 2], 3).copy())


def h():
    d = deque([1, 2, 3])
    for x in d:
        d.append(4)


t(h)


def h2():
    d = deque([1, 2, 3])
    it = iter(d)
    next(it)
    d.pop()
    next(it)


t(h2)


def h3():
    d = deque([1, 2, 3])
    it = iter(d)
    d.append(1)
    d.pop()
    return next(it)


t(h3)


def h4():
    d = deque([1, 2, 3])
    it = iter(d)
    d.reverse()
    d[0] = 9
    return list(it)


t(h4)


def h5():
    d = deque([1, 2, 3])
    it = iter(d)
    d.rotate(0)
    return list(it)


t(h5)
t(lambda: repr(deque([deque()])))


def rec():
    d = deque()
    d.append(d)
    return repr(d)


t(rec)
t(lambda: deque("abcd", 3).maxlen)
t(lambda: deque("abc").__iadd__([1]))
t(lambda: deque("abc").__imul__(0))
t(lambda: deque("abc").__contains__("a"))
t(lambda: "b" in deque("abc"))
t(lambda: "z" in deque("abc"))
t(lambda: bool(deque()))
t(lambda: bool(deque([0])))
t(lambda: len(deque("abc")))


def rot():
    d = deque(range(10))
    d.rotate(3)
    a = list(d)
    d.rotate(-5)
    b = list(d)
    d.rotate(23)
    return a, b, list(d)


t(rot)


def ml():
    d = deque(maxlen=3)
    d.extend(range(5))
    d.appendleft(9)
    d.extendleft([7, 8])
    return d


t(ml)


def ins():
    d = deque("abc")
    d.insert(1, "x")
    d.insert(-1, "y")
    d.insert(100, "z")
    d.insert(-100, "w")
    return d


t(ins)


def ml0():
    d = deque(maxlen=0)
    d.append(1)
    d.extend([1, 2])
    return d


t(ml0)


def selfext():
    d = deque([1, 2])
    d.extend(d)
    d.extendleft(d)
    return d


t(selfext)


def rem():
    class E:
        def __eq__(self, o):
            d.clear()
            return False

    d = deque([E(), 1])
    d.remove(1)


t(rem)


def cnt():
    class E:
        def __eq__(self, o):
            d.append(1)
            return False

    d = deque([E(), 1])
    return d.count(1)


t(cnt)


def ops():
    d = deque("abcdefgh")
    d.reverse()
    del d[0]
    del d[-1]
    d[1] = "X"
    d.remove("e")
    a = d.pop(), d.popleft()
    d += "xy"
    d *= 2
    d.clear()
    return a, d


t(ops)


def init_again():
    d = deque([1, 2, 3], 2)
    d.__init__("ab")
    return d


t(init_again)


class Q(deque):
    def __init__(self, items=(), maxlen=None, tag=None):
        super().__init__(items, maxlen)
        self.tag = tag


q = Q([1, 2], 4, "t")
print(q, q.tag, q.copy(), q + deque([3]), type(q.copy()).__name__, q * 2)
r = q.__reduce__()
print(r[0].__name__, r[1], r[2], list(r[3]))
print(Q([1]) == deque([1]), isinstance(q, deque))


t(lambda: sorted(x for x in dir(deque) if not x.startswith("__") or x in ("__reversed__", "__copy__")))
