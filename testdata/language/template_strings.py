# PEP 750 template strings: Template and Interpolation objects, their attributes, iteration and
# concatenation. targets: 2.14
name = "World"
width = 8
t = t"Hello {name!r:>{width}} and {1 + 1 = }!"
print(type(t).__name__, type(t).__module__)
print(t.strings)
print(len(t.interpolations), t.values)
first = t.interpolations[0]
print(type(first).__name__, first.value, first.expression, first.conversion, first.format_spec)
second = t.interpolations[1]
print(repr(second.expression), second.conversion, repr(second.format_spec))
for part in t:
    print("  part:", part if isinstance(part, str) else ("interp", part.value))
empty = t""
print(empty.strings, empty.interpolations, list(empty))
adjacent = t"{name}{width}"
print(adjacent.strings)
both = t"a{name}" + t"b{width}c"
print(both.strings, both.values)
try:
    t"x" + "y"
except TypeError as e:
    print("TypeError:", e)
Template = type(t)
Interpolation = type(first)
built = Template("a", "b", Interpolation(1, "one"), Interpolation(2))
print(built.strings, [(i.value, i.expression, i.conversion, i.format_spec) for i in built.interpolations])
try:
    Interpolation(1, "x", "q")
except ValueError as e:
    print("ValueError:", e)
try:
    Template(1)
except TypeError as e:
    print("TypeError:", e)
match first:
    case Interpolation(value, expression):
        print("matched", value, expression)
raw = rt"\d{name}"
print(raw.strings)
