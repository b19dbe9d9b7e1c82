# `from __future__ import annotations`: every annotation is its source text, as CPython's
# ast unparser writes it, stored at once. targets: 2.14 2.11
from __future__ import annotations


def f(a: list[int] | None = None, *, b: Callable[[int], str], c: "quoted") -> dict[str, (a, b)]:
    pass


print(f.__annotations__)


class C:
    x: lambda a, *b, c=1, **d: (a if b else -c) ** 2 ** -1
    y: f"x{a!r:>{w}}"
    w: {'a': 1, **b}[1:2, ::3] + (not x) * -y @ z // 3 % 4
    v: a.b(c)[d] is not None in (1,) or x and y
    u: [x for x in y if z] + {k: v for k, v in w} + (1, 2) + () + {1, 2}
    s: 1e100 + 1.5j - 0x10 + 1_000
    r: ~a | b ^ c & d << e >> f
    q: a if b else c


for name, text in C.__annotations__.items():
    print(name, "=", text)
print(__annotations__ if "__annotations__" in globals() else "no module annotations")
z: int = 3
print(__annotations__)
