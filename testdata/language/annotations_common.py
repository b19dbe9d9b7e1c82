# Annotations that read the same in 3.12 (evaluated at once) and 3.14 (deferred, PEP 649):
# functions, classes, the order of parameters, mangled names, `*args: *Ts`-free cases and
# annotated assignments without a value. targets: 2.14 2.11


def f(a: int, /, b: "str" = "x", *args: float, c: tuple, **kw: dict) -> None:
    x: int = 1  # local annotations are never evaluated
    y: undefined_name
    return x


print(f.__annotations__)
print(f(1, c=[]))


class Base:
    attr: int
    other: str = "o"
    __private: bytes

    def method(self, v: "Base") -> bool:
        return True


print(Base.__annotations__)
print(Base.method.__annotations__)
print(Base.other)


class Child(Base):
    extra: float


print(Child.__annotations__)


class Target:
    pass


t = Target()
t.attr: int = 5
print(t.attr)
d = {}
d["k"]: str = "v"
print(d)


def no_annotations():
    pass


print(no_annotations.__annotations__)
