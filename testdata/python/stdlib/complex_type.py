# gbc-env: GBC_REAL_STDLIB=all
# The builtin complex type: construction, parsing, arithmetic, repr/format, hash.
import math
vals = [1j, 2+3j, -1j, -0j, 0j, complex(-0.0, 0.0), complex(-0.0, -0.0), complex(1.5, -2.25),
        complex(1e16, 1e-5), complex(math.inf, math.nan), complex(-math.inf, -math.inf), 3-0j]
for z in vals:
    print(repr(z), str(z), z.real, z.imag, z.conjugate(), bool(z))
for s in ["1+2j", " ( 1.5-2e3J ) ", "j", "-j", "+J", "3", "-4.5e-3", "inf+nanj", "-infj",
          "1_000+2_0j", "(1)", "  2j  ", "nan", "1e5-1e-5j", "0.5+j", "1-j"]:
    print(repr(s), repr(complex(s)))
for s in ["", "1+", "j1", "1+2", "(1+2j", "1 + 2j", "1__0", "_1", "1j+2", "((1))", "1+2jj", "abc", "1+2j)"]:
    try:
        complex(s)
    except ValueError as e:
        print(repr(s), 'ValueError', e)
print(complex(), complex(2), complex(2.5), complex(1, 2), complex(1j, 1j), complex(1+2j, 3), complex(real=1, imag=-2))
print(complex(True, False), complex(imag=3), complex(1j), complex(2, 1j))
class C:
    def __complex__(self): return 5-6j
class F:
    def __float__(self): return 2.5
class X:
    def __index__(self): return 7
print(complex(C()), complex(F()), complex(X()), complex(F(), X()))
for args in [("1", 2), (1, "2"), ([],), (1, []), (None,)]:
    try:
        complex(*args)
    except TypeError as e:
        print(args, 'TypeError', e)
class Bad:
    def __complex__(self): return 1
try:
    complex(Bad())
except TypeError as e:
    print('TypeError', e)
a, b = 3+4j, 1-2j
print(a + b, a - b, a * b, a / b, a ** 2, a ** -1, a ** 0.5, a ** b, 2 ** a, abs(a), -a, +a)
print(a + 1, 1 + a, a - 1.5, 1.5 - a, a * 2, 2 * a, a / 2, 2 / a, a * 0.5, True + a)
print(1j ** 2, (1+1j) ** 10, (2+0j) ** 3, 0j ** 0, (1+2j) ** 0, 1j * 1j, (-1) ** 0.5 if False else 'skip')
for expr, f in [
        ('a / 0', lambda: a / 0),
        ('a / 0j', lambda: a / 0j),
        ('1 / 0j', lambda: 1 / 0j),
        ('0j ** -1', lambda: 0j ** -1),
        ('0j ** 1j', lambda: 0j ** 1j),
        ('a // 2', lambda: a // 2),
        ('a % 2', lambda: a % 2),
        ('a < b', lambda: a < b),
        ('pow(a, 2, 3)', lambda: pow(a, 2, 3)),
        ('complex(1e308, 1e308) ** 2', lambda: complex(1e308, 1e308) ** 2),
        ('abs(complex(1e308, 1e308))', lambda: abs(complex(1e308, 1e308))),
        ('divmod(a, 2)', lambda: divmod(a, 2)),
        ('int(a)', lambda: int(a)),
        ('float(a)', lambda: float(a)),
        ('math.sqrt(a)', lambda: math.sqrt(a)),
        ]:
    try:
        print(expr, f())
    except Exception as e:
        print(expr, type(e).__name__, e)
print(a == 3+4j, a == b, 1+0j == 1, 1+0j == 1.0, 1j == 1, (2**53 + 1) + 0j == 2**53 + 1, a != b, a == 'x')
print(hash(1+0j) == hash(1), hash(2.5+0j) == hash(2.5), hash(3+4j), hash(-1+0j), hash(1j), hash(complex(-1, 0)))
print({1: 'a', 1+0j: 'b', 2j: 'c'})
for spec in ["", "10", "<20", "^20", ">20", ".2f", "+.3e", "g", ".3g", "*^30.4f", "10.1", "e", "F", "n"]:
    print(repr(spec), repr(format(a, spec)), repr(format(complex(-0.0, -1.5), spec)), repr(format(2j, spec)))
for spec in ["010", "=10", "%", "d", "x"]:
    try:
        format(a, spec)
    except ValueError as e:
        print(repr(spec), 'ValueError', e)
print(f"{a}", f"{a!r:>12}", "%s" % a, str([a, b]), isinstance(a, complex), type(a).__name__)
print(complex.__name__, complex.__module__, complex.from_number(3), complex.from_number(2.5), a.__getnewargs__())
class MyC(complex):
    pass
m = MyC(1, 2)
print(type(m).__name__, m, m + 1, type(m + 1).__name__, isinstance(m, complex), complex(m))
print(sum([1j, 2, 3.5]), [x * 1j for x in range(3)], (1+2j).real.is_integer())
print(1e300j * 1e300j, complex(1, 2) * math.inf, complex(math.inf, 0) * 2, 5 / (1 + 1e-300j))
