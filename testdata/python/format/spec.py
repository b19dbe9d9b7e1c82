# The format-spec mini-language for str, int and float (format(), f-strings, __format__).

def show(value, spec):
    try:
        r = repr(format(value, spec))
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print("format(%r, %r) -> %s" % (value, spec, r))

for spec in ["", "10", "<10", ">10", "^10", "*^11", "é>6", "日<5", "😀^7", ".2", "^9.3", "x<", "s",
             "=5", "+", " ", "#", "05", ",", "z", "d", "c"]:
    show("héllo", spec)
    show("日本", spec)

ints = [0, 7, -7, 255, -255, 1234567, -1234567, 2**64, -(2**70), True]
for spec in ["", "d", "5d", "<6", "^7", "=+8", "+", " ", "-", "08", "010,", "_", ",", "015_", "x", "X",
             "#x", "#X", "#010x", "_x", "#_b", "o", "#o", "b", "#b", "08b", "c", ">3c", "n", "e", ".2f",
             "%", "g", "E", ".3", "z", ",b", ",x", ",_", "#c", "+c", ".2d", "é^9", "s", "10000000000000000000000"]:
    for v in ints:
        show(v, spec)

floats = [0.0, -0.0, 1.0, -1.5, 3.14159265358979, 1e-7, 1.5e16, 1e100, 123456789.125, 2.5, 0.125,
          float("inf"), float("-inf"), float("nan"), 1/3, 5e-324, 1.7976931348623157e308]
for spec in ["", "f", ".2f", ".0f", "#.0f", "e", ".3e", "E", "g", ".3g", "#g", "G", ".3", ".17", "%",
             ".1%", "n", "10.2f", "<10", "^12.3e", "=+12.2f", "012.3f", "+", " ", ",", "_.2f", ",.1f",
             "z.1f", "z", "-08.2f", "d", "x", "._f", ".5_f", ",.3,f", ".f", "10,.2e"]:
    for v in floats:
        show(v, spec)

# f-strings and __format__
x, name = 3.5, "Zoë"
print(f"{x:>8.2f}|{name:^7}|{name!r:>9}|{42:#06x}|{-1234567:,}|{0.000123:.2e}")
width, prec = 10, 3
print(f"{x:{width}.{prec}f}|{name:{'*'}>{width}}")

class F:
    def __format__(self, spec):
        return "F(" + spec + ")"
print(format(F(), "abc"), f"{F():x<5}", "{:é}".format(F()))

class Bad:
    def __format__(self, spec):
        return 5
try:
    format(Bad(), "")
except TypeError as e:
    print(e)
try:
    format(object(), "x")
except TypeError as e:
    print(e)
try:
    format(1, 2)
except TypeError as e:
    print(e)
print(format(object.__new__(object), "")[:8])
