# gbc's _ast (lib/interp/pylib/_ast.py) where CPython warns (DeprecationWarning, on stderr):
# unknown keywords are set anyway, missing required fields stay unset, and 3.14's
# __replace__ reports the required fields its copy would miss.
import _ast as ast


def attempt(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


attempt("Name('x', foo=1).foo", lambda: ast.Name("x", foo=1).foo)
attempt("Name('x', foo=1)", lambda: ast.Name("x", foo=1))
attempt("AST(x=1).x", lambda: ast.AST(x=1).x)
attempt("Expr().__dict__", lambda: ast.Expr().__dict__)
attempt("Name()", lambda: repr(ast.Name()))
attempt("Name().ctx", lambda: ast.Name().ctx)
attempt("BinOp().__dict__", lambda: ast.BinOp().__dict__)
attempt("BinOp reduce", lambda: ast.BinOp().__reduce__())
attempt("BinOp(op) reduce", lambda: ast.BinOp(op=ast.Add()).__reduce__())
attempt("replace missing one", lambda: ast.BinOp(op=ast.Add()).__replace__(left=1))
attempt("replace missing two", lambda: ast.BinOp(op=ast.Add()).__replace__())
attempt("replace filled", lambda: ast.BinOp(op=ast.Add()).__replace__(left=1, right=2))


class Point(ast.AST):
    _fields = ("x", "y")


attempt("Point(1)", lambda: Point(1).__dict__)
attempt("Point(1, y=2)", lambda: Point(1, y=2))
