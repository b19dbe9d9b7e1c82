# Corners of the language the compiler must get right: scopes (global, nonlocal, class bodies
# and their comprehensions), __class__ and super() wherever they appear, del targets, starred
# expressions, PEP 614 decorators, walrus in comprehensions, yield positions, literals, f-strings
# (PEP 701), docstrings, __debug__ and assert. targets: 2.14 2.11
counter = 0


def bump():
    global counter
    counter += 1
    return counter


def make():
    n = 0

    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc


inc = make()
print(bump(), bump(), inc(), inc(5))


class Scoped:
    base = 10
    doubled = [x * 2 for x in range(3)]
    shifted = [base + x for x in range(2)] if False else None
    names = {k: v for k, v in zip("ab", range(2))}

    def method(self):
        return "scoped"

    def nested(self):
        def helper():
            return __class__.__name__
        return helper() + "/" + (lambda: __class__.__name__)()

    def in_comprehension(self):
        return [__class__.__name__ for _ in range(1)]


class Derived(Scoped):
    def method(self):
        return "derived+" + super().method()

    def explicit(self):
        return super(Derived, self).method() + "|" + [super().method() for _ in "x"][0]


print(Scoped.doubled, Scoped.shifted, Scoped.names)
print(Derived().method(), Scoped().nested(), Scoped().in_comprehension(), Derived().explicit())


def decorate(tag):
    def wrap(f):
        f.tag = tag
        return f
    return wrap


decorators = {"a": decorate("A")}


@decorators["a"]
def tagged():
    """Tagged's docstring."""


@(lambda f: f)
def plain():
    pass


print(tagged.tag, tagged.__doc__, plain.__name__)

a, *rest, z = range(5)
first, *_ = "xyz"
print(a, rest, z, first, [*range(2), *"ab"], {**{"k": 1}, "j": 2}, (*rest,))
values = [y for x in range(5) if (y := x * x) > 3]
print(values, y)


def gen():
    x = yield
    y = yield x
    z = (yield y) if x else [i for i in range(2)]
    return (yield z)


g = gen()
print(next(g), g.send(1), g.send(2), g.send(3))

data = {"a": 1, "b": 2}
lst = [0, 1, 2, 3]


class Obj:
    pass


o = Obj()
o.attr = 1
d1 = 5
del data["a"], lst[1], o.attr, d1
print(data, lst, hasattr(o, "attr"), "d1" in globals())

print(1 < 2 < 3, 1 < 3 < 2, (lambda a, b=2, *c, d=4, **e: (a, b, c, d, e))(1, c := 9))
print(1_000_000, 0x_ff, 0o17, 0b1010, 1.5e3, 2 ** 62)
print(b"\x00\x7f\n\\" b'"', len(b"\x00\x7f\n\\"), "\u00e9\t|", r"\n")
name = "gbc"
print(f"{name!r:>{len(name) + 4}}" f" and {f'{name.upper()}'}" " plain", f"{'nested "quotes"'}")
print(f"{'a' if name else 'b'}{{literal}}{3.14159:.2f}{name=}")
print(__debug__)
try:
    assert 1 == 2, f"message {name}"
except AssertionError as e:
    print("AssertionError:", e)
try:
    import not_a_module_anywhere
except ImportError:
    print("conditional import fallback")
else:
    print("imported?!")
print(Scoped.__doc__, bump.__doc__)
