# PEP 695: generic functions, type aliases, lazily evaluated bounds and values, the annotation
# scopes' view of the enclosing class. targets: 2.14 2.11
# (Generic classes subscript typing.Generic, which needs typing._generic_class_getitem: gbc's
# stand-in typing lacks it, and gbc stops there with a located "cannot model".)


def first[T](items: list[T]) -> T:
    return items[0]


print(first.__type_params__, first([7, 8]))
T = first.__type_params__[0]
print(type(T).__name__, T.__name__, T.__infer_variance__)


def bounded[B: int, C: (str, bytes), *Ts, **P](x: B) -> C:
    return x


B, C, Ts, P = bounded.__type_params__
print(B, B.__bound__, C.__constraints__, Ts, P, type(P).__name__, type(Ts).__name__)


def lazy[L: NotYetDefined]():
    pass


class NotYetDefined:
    pass


print(lazy.__type_params__[0].__bound__.__name__)

type Alias = list[int]
type Pair[K] = tuple[K, K]
print(type(Alias).__name__, Alias.__name__, Alias.__type_params__, Pair.__type_params__)
type Forward = Undefined
try:
    Forward.__value__
except NameError as e:
    print("NameError:", e)


class Box:
    kind = "box"

    def __init__(self, v):
        self.v = v

    def get[W](self, default: W) -> W:
        return self.v

    type Inner = kind  # an annotation scope sees the class namespace


print(Box(3).get(0), Box.get.__type_params__, Box.Inner.__value__)
print(Box.__name__, Box.__qualname__, Box.get.__qualname__)


def outer():
    x = "from outer"

    def local[U]():
        return x
    return local


print(outer()(), outer().__type_params__)
