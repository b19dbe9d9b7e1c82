# Python 3.14's deferred annotations (PEP 649/749): forward references, __annotate__(format),
# class annotations seeing the class namespace, module annotations that depend on what ran.
# targets: 2.14
import sys


def f(x: Later, y: "str") -> Later:
    return x


print(f.__annotate__ is not None, f.__annotate__.__name__, f.__annotate__.__qualname__)
try:
    f.__annotations__
except NameError as e:
    print("NameError:", e)


class Later:
    pass


print(f.__annotations__)
print(f.__annotate__(1) == f.__annotations__, f.__annotations__ is f.__annotations__)
try:
    f.__annotate__(3)
except NotImplementedError:
    print("format 3: NotImplementedError")


class C:
    alias = int
    a: alias
    b: "forward"
    if False:
        c: never

    def m(self) -> alias:
        pass


print(C.__annotations__)
print(C.m.__annotations__)
print(C.__annotate__.__qualname__, C.__annotate__(1))

x: int = 1
if len(sys.argv) > 99:
    y: str
z: float
print(__annotate__(1))  # the module's: only the annotations that ran


def g():
    def inner(p: q):
        return p
    q = bytes
    return inner


print(g().__annotations__)


def no_annotations(a, b):
    pass


print(no_annotations.__annotate__, no_annotations.__annotations__)
