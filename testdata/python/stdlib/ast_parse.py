# gbc-env: GBC_REAL_STDLIB=all
# ast.parse / compile(..., PyCF_ONLY_AST), ast.literal_eval, ast.unparse, traceback formatting
import ast
import traceback

src = '''
import os, sys as system
from ..a.b import (c as d, e)
@dec(1)
async def f(a, /, b: int = 2, *args, c, d=4, **kw) -> str:
    """doc"""
    x: int = 1
    y += 2
    del x[0], y.z
    for i, (j, *k) in enumerate(z):
        if i and not j or k is None:
            continue
    with open(p) as fh, q:
        await fh
    try:
        raise ValueError("x") from None
    except (A, B) as e:
        pass
    finally:
        return lambda q, *r: q[1:2, ::3]
class K(Base, metaclass=M):
    a = [i * 2 for i in range(3) if i]
    b = {k: v for k, v in d.items()}
    e = f"{a!r:>{w}} and {b}"
    f = -x ** 2 @ m
    g = (h := 5)
    j = {**a, 'b': 1}
match p:
    case [1, *rest]:
        pass
    case {"k": v, **kw}:
        pass
    case Point(x=0) | None:
        pass
'''
tree = ast.parse(src)
print(ast.dump(tree, include_attributes=True, indent=1))
print(ast.unparse(tree))
print(ast.literal_eval("{'a': [1, 2.5, -3, (True, None)], 'b': b'x'}"))
print(ast.dump(ast.parse("1 + 2", mode="eval")))
try:
    ast.parse("x = 1", mode="eval")
except SyntaxError as err:
    print("SyntaxError", err.msg, err.lineno, err.offset)
print(type(None.__class__), isinstance(None.__class__, type))


def g(d):
    return d["missing"] + 1


try:
    g({})
except KeyError:
    print(traceback.format_exc().replace(__file__, "<this file>"))
