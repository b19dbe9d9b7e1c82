# The annotation attributes of functions, classes and modules: reading, setting and deleting
# __annotations__, __annotate__ and __type_params__, as CPython 3.14 does. targets: 2.14
import sys


def f(x: int) -> str:
    "doc"


print(f.__doc__, f.__annotations__, f.__annotate__ is not None)
f.__doc__ = "new"
print(f.__doc__)
del f.__doc__
print(f.__doc__)
f.__annotations__ = None
print(f.__annotations__, f.__annotate__)


def h(x: int):
    pass


h.__annotate__ = lambda fmt: {"y": fmt}
print(h.__annotations__)
for name in ("__annotate__", "__annotations__", "__type_params__"):
    try:
        setattr(h, name, 1)
    except TypeError as e:
        print(name, "TypeError:", e)
try:
    del h.__annotate__
except TypeError as e:
    print("TypeError:", e)
del h.__annotations__
print(h.__annotations__)
h.__type_params__ = (1,)
print(h.__type_params__)


class C:
    x: int


print(C.__annotations__, C.__annotate__.__name__)
C.__annotations__ = {"z": 1}
print(C.__annotations__, C.__annotate__)
del C.__annotations__
print(C.__annotations__)
C.__annotate__ = lambda fmt: {"c": 3}
print(C.__annotations__)
try:
    del C.__annotate__
except TypeError as e:
    print("TypeError:", e)


class D:
    pass


print(D.__annotations__, D.__annotate__, D.__type_params__)
try:
    del D.__type_params__
except TypeError as e:
    print("TypeError:", e)
D.__type_params__ = (1,)
print(D.__type_params__)
try:
    D.__annotate__ = 1
except TypeError as e:
    print("TypeError:", e)
try:
    del D.__annotations__
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(int, "__annotations__"), int.__type_params__)
for name in ("__annotations__", "__type_params__"):
    try:
        setattr(int, name, ())
    except TypeError as e:
        print("TypeError:", e)


class E:
    y: str

    def method(self): pass


print("__annotations_cache__" in E.__dict__, E.__annotations__, "__annotations_cache__" in E.__dict__)
print(E().__annotations__ if hasattr(E(), "__annotations__") else "no instance attribute")

import _module_for_annotations as m

print(m.__annotations__, m.__annotate__)
m.__annotate__ = lambda fmt: {"a": 1}
print(m.__annotations__)
m.__annotations__ = {"b": 2}
print(m.__annotate__, sorted(k for k in m.__dict__ if k.startswith("__annot")))
del m.__annotations__
print(sorted(k for k in m.__dict__ if k.startswith("__annot")))
try:
    del m.__annotations__
except AttributeError as e:
    print("AttributeError:", e)
try:
    del m.__annotate__
except TypeError as e:
    print("TypeError:", e)
x: int = 1
print(sys.modules[__name__].__annotations__)
