# compile(), exec() and eval(): modes, namespaces, code objects, SyntaxError's attributes, and
# the generated-code patterns namedtuple and dataclasses use. targets: 2.14 2.11
print(eval("1 + 2 * 3"))
print(eval("  x + 1", {"x": 41}))
ns = {}
exec("def add(a, b=2):\n    return a + b\nresult = add(1)", ns)
print(ns["result"], ns["add"](5, 5), sorted(k for k in ns if k != "__builtins__"))

code = compile("y = 10\nz = y * 2", "<generated>", "exec")
print(type(code).__name__, code.co_filename if hasattr(code, "co_filename") else "")
g = {}
exec(code, g)
print(g["z"])
print(eval(compile("z // 4", "<e>", "eval"), g))

# namedtuple's trick: a lambda made by eval in a prepared namespace
namespace = {"_tuple_new": lambda cls, items: tuple(items), "__name__": "namedtuple_Point"}
new = eval("lambda _cls, x, y: _tuple_new(_cls, (x, y))", namespace)
print(new.__name__, new(tuple, 1, 2))

# dataclasses' trick: exec a def into a locals dict
locals_ns = {}
exec("def __init__(self, a, b):\n    self.a = a\n    self.b = b\n", {}, locals_ns)


class P:
    pass


P.__init__ = locals_ns["__init__"]
p = P(3, 4)
print(p.a, p.b)

for source, mode in [("x = = 1", "exec"), ("1 +", "eval"), ("return 5", "exec"),
                     ("a = 1\nb = 2", "single"), ("x = 1", "eval")]:
    try:
        compile(source, "<bad>", mode)
    except SyntaxError as e:
        print("SyntaxError", e.filename, e.lineno, type(e.msg).__name__)

try:
    compile("1", "<m>", "bogus")
except ValueError as e:
    print("ValueError:", e)


def uses_locals():
    a = 5
    return eval("a * 2")


print(uses_locals())
exec("print('single mode')")
exec(compile("40 + 2", "<s>", "single"))
counter = 0
exec("counter += 1")
print(counter)
print(eval(b"3 * 3"))
