# gbc-env: GBC_REAL_STDLIB=all
# ast's node classes (gbc's _ast, lib/interp/pylib/_ast.py) under CPython's own ast.py: fields,
# defaults, errors, 3.14's repr, __reduce__/__replace__, the class hierarchy, and ast.py's
# helpers (dump, walk, NodeVisitor, NodeTransformer) on trees built by hand.
import ast
# (Cases that warn are in testdata/python/ast/: CPython's warnings.py does not import on gbc yet.)
import copy


def attempt(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


print(ast.AST, ast.Name, ast.Name.__module__, ast.Name.__qualname__, ast.AST.__module__)
print(ast.Name.__mro__)
print(ast.Name._fields, ast.Name._attributes, ast.Name.__match_args__, ast.AST._fields)
print(ast.Name.__doc__)
print(ast.mod.__doc__)
print(ast.Name._field_types, ast.Name.__annotations__ is ast.Name._field_types)
print(ast.FunctionDef._field_types["returns"], ast.Module._field_types)
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
      ast.PyCF_OPTIMIZED_AST)
print([c.__name__ for c in ast.cmpop.__subclasses__()])
print([c.__name__ for c in ast.expr_context.__subclasses__()])
for cls in (ast.Module, ast.Constant, ast.arguments, ast.keyword, ast.alias, ast.withitem,
            ast.match_case, ast.MatchAs, ast.TypeVar, ast.ExceptHandler, ast.comprehension,
            ast.TemplateStr, ast.Interpolation):
    print(cls.__name__, cls.__base__.__name__, cls._fields, cls._attributes)

# construction
attempt("Name('x')", lambda: ast.Name("x"))
attempt("Name(id='x', ctx=Store())", lambda: ast.Name(id="x", ctx=ast.Store()))
attempt("Name('x').__dict__", lambda: ast.Name("x").__dict__)
attempt("Constant(1).__dict__", lambda: ast.Constant(1).__dict__)
attempt("Constant(1).kind", lambda: ast.Constant(1).kind)
attempt("Name('x').end_lineno", lambda: ast.Name("x").end_lineno)
attempt("arguments()", lambda: ast.arguments())
attempt("Module()", lambda: ast.Module())
attempt("Name(1, 2, 3)", lambda: ast.Name(1, 2, 3))
attempt("Expr(1, 2)", lambda: ast.Expr(1, 2))
attempt("Load(1)", lambda: ast.Load(1))
attempt("AST(1)", lambda: ast.AST(1))
attempt("Name('x', id='y')", lambda: ast.Name("x", id="y"))
attempt("Name('x', lineno=3).__dict__", lambda: ast.Name("x", lineno=3).__dict__)
attempt("shared ctx", lambda: ast.Name("x").ctx is ast.Name("y").ctx)
attempt("Load() is Load()", lambda: ast.Load() is ast.Load())
attempt("Load() == Load()", lambda: ast.Load() == ast.Load())
attempt("Name == Name", lambda: ast.Name("x") == ast.Name("x"))

# repr
deep = ast.Constant(1)
for _ in range(5):
    deep = ast.UnaryOp(ast.USub(), deep)
attempt("deep", lambda: deep)
attempt("list", lambda: ast.List([ast.Constant(i) for i in range(4)]))
attempt("list2", lambda: ast.List([ast.Constant(1), 2]))
attempt("tuple", lambda: ast.Tuple((ast.Constant(1),)))
attempt("empty", lambda: ast.Tuple([]))
attempt("AST()", lambda: ast.AST())


class MyNode(ast.AST):
    _fields = ("a", "b")


attempt("MyNode(1, 2)", lambda: MyNode(1, 2))

# __reduce__, __replace__, copy
attempt("Name reduce", lambda: ast.Name("x").__reduce__())
attempt("Constant reduce", lambda: ast.Constant(1).__reduce__())
attempt("Module reduce", lambda: ast.Module([], []).__reduce__())
attempt("Load reduce", lambda: ast.Load().__reduce__())
attempt("replace", lambda: ast.Name("x", lineno=1).__replace__(id="z").__dict__)
attempt("replace bad", lambda: ast.Name("x").__replace__(foo=1))
attempt("replace pos", lambda: ast.Name("x").__replace__(1))
attempt("deepcopy", lambda: copy.deepcopy(ast.BinOp(ast.Constant(1), ast.Add(), ast.Name("y"))))

# pattern matching on nodes
for node in (ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2)), ast.Name("v"), ast.Pass()):
    match node:
        case ast.BinOp(ast.Constant(a), ast.Add(), ast.Constant(b)):
            print("sum", a + b)
        case ast.Name(id):
            print("name", id)
        case _:
            print("other", type(node).__name__)

# isinstance hierarchy
print(isinstance(ast.Name("x"), ast.expr), isinstance(ast.Pass(), ast.stmt),
      isinstance(ast.Add(), ast.operator), isinstance(ast.Load(), ast.AST),
      issubclass(ast.MatchAs, ast.pattern), issubclass(ast.TypeVar, ast.type_param))

# ast.py's helpers on a hand-built tree
tree = ast.Module(
    body=[ast.FunctionDef(
        name="f",
        args=ast.arguments(args=[ast.arg("x")]),
        body=[ast.Return(ast.BinOp(ast.Name("x"), ast.Mult(), ast.Constant(2)))],
        decorator_list=[]),
        ast.Expr(ast.Call(ast.Name("print"), [ast.Call(ast.Name("f"), [ast.Constant(21)])]))],
    type_ignores=[])
attempt("dump", lambda: ast.dump(tree))
attempt("dump indent", lambda: print(ast.dump(tree.body[1], indent=2)))
attempt("walk", lambda: [type(n).__name__ for n in ast.walk(tree)])
attempt("fix", lambda: ast.fix_missing_locations(tree).body[0].lineno)


class Doubler(ast.NodeTransformer):
    def visit_Constant(self, node):
        return ast.Constant(node.value * 2)


class Names(ast.NodeVisitor):
    def __init__(self):
        self.seen = []

    def visit_Name(self, node):
        self.seen.append(node.id)


v = Names()
v.visit(tree)
print(v.seen)
attempt("transform", lambda: ast.dump(Doubler().visit(copy.deepcopy(tree.body[1]))))
