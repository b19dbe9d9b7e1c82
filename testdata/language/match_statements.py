# match statements (PEP 634): every pattern kind, guards, bindings only on success, the
# builtin types that match themselves, __match_args__, and the TypeErrors. targets: 2.14 2.11


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


class Color:
    RED = "red"
    GREEN = "green"


def describe(subject):
    match subject:
        case None:
            return "None"
        case True | False as b:
            return f"bool {b}"
        case 0 | -1 | 1.5 | 2 + 3j:
            return "a number literal"
        case "hello" "!" | b"bytes":
            return "a string literal"
        case Color.RED:
            return "red (value pattern)"
        case int(n) if n > 100:
            return f"big int {n}"
        case int(n) | float(n):
            return f"number {n}"
        case str() as s if len(s) > 3:
            return f"long str {s!r}"
        case []:
            return "empty sequence"
        case [x]:
            return f"one item {x}"
        case [first, *_, last] if isinstance(first, int) and first == last:
            return f"same ends {first}"
        case (a, b, *rest):
            return f"seq a={a} b={b} rest={rest}"
        case {"kind": "circle", "r": r}:
            return f"circle r={r}"
        case {"kind": k, **extra}:
            return f"kind {k} extra={sorted(extra.items())}"
        case {}:
            return "some mapping"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x=px, y=py):
            return f"point {px},{py}"
        case _:
            return "something else"


for value in [None, True, 0, -1, 1.5, "hello!", b"bytes", "red", 7, 1000, 2.5, "abcd",
              "ab", [], [9], (5, 6, 5), [1, 2, 3, 4], (1, 2), {"kind": "circle", "r": 2},
              {"kind": "sq", "side": 3, "z": 0}, {"other": 1}, Point(0, 0), Point(0, 4),
              Point(3, 3), Point(1, 2), object]:
    print(repr(value) if not isinstance(value, Point) else "Point", "->", describe(value))


def bind(v):
    match v:
        case [x, 1]:
            return "matched"
        case _:
            pass
    return "x bound" if "x" in locals() else "x unbound"


print(bind([0, 1]), bind([0, 2]))


def alternatives(v):
    match v:
        case [x, 0] | [0, x]:
            return x
        case {"a": y} | Point(x=y):
            return y


print(alternatives([5, 0]), alternatives([0, 6]), alternatives({"a": 7}),
      alternatives(Point(8, 9)))


class NoArgs:
    pass


class BadArgs:
    __match_args__ = ["x"]


class BadName:
    __match_args__ = (1,)


for cls, obj in [(NoArgs, NoArgs()), (BadArgs, BadArgs()), (BadName, BadName()), (int, 5)]:
    try:
        match obj:
            case NoArgs(1) | BadArgs(1) | BadName(1) | int(1, 2):
                pass
    except TypeError as e:
        print("TypeError:", e)

not_a_class = 3
try:
    match 1:
        case not_a_class():
            pass
except TypeError as e:
    print("TypeError:", e)

try:
    match {1: 2}:
        case {1: _, **rest}:
            print("rest", rest)
except ValueError as e:
    print("ValueError:", e)

match (1, 2, 3):
    case (1, *middle, 3):
        print("middle", middle)

match "seq":
    case [*_]:
        print("a str is a sequence?!")
    case _:
        print("a str is not a sequence pattern")

x = 5
match x:
    case 5 if False:
        print("guard false")
    case 5:
        print("second case")
