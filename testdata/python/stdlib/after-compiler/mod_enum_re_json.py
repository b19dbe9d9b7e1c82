# gbc-env: GBC_REAL_STDLIB=all
# enum, re, json from CPython's own sources.
import enum, re, json

class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

class Perm(enum.IntFlag):
    R = 4
    W = 2
    X = 1

class Shape(enum.StrEnum):
    SQUARE = enum.auto()
    CIRCLE = enum.auto()

print(Color.RED, repr(Color.GREEN), Color(3), Color["BLUE"], list(Color), Color.RED.name, Color.RED.value)
print(Color.RED is Color(1), Color.RED == 1, len(Color), Color.BLUE in Color, isinstance(Color.RED, Color))
print(Perm.R | Perm.W, repr(Perm.R | Perm.X), Perm(7), Perm.R in Perm(6), int(Perm.W | Perm.X), Perm(0))
print(Shape.SQUARE, repr(Shape.CIRCLE), Shape.SQUARE == "square", Shape("circle"))
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)

print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "mail alice@example and bob@test"))
m = re.match(r"(?P<year>\d{4})-(?P<month>\d\d)", "2024-05-17")
print(m.group(0), m["year"], m.groupdict(), m.span(2))
print(re.findall(r"\d+", "a1b22c333"), re.split(r"[,;]\s*", "a, b;c,d"), re.fullmatch("[a-z]+", "abc") is not None)
print([x.group() for x in re.finditer(r"[A-Z]\w*", "Hello big World")], re.escape("a.b*c"))
pat = re.compile(r"^(\s*)#", re.M)
print(pat.sub(r"\1//", "# x\n  # y\nz"), pat.flags & re.M != 0, re.subn("a", "b", "banana"))

data = {"name": "gbc", "list": [1, 2.5, None, True, False], "nested": {"k": "v\u00e9"}, "n": -3}
s = json.dumps(data)
print(s)
print(json.loads(s) == data, json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, "a"], separators=(",", ":")), json.loads('[1e3, "\\u0041", {"a": null}]'))
try:
    json.loads("{bad")
except json.JSONDecodeError as e:
    print("JSONDecodeError", e)
