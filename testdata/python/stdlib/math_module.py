# gbc-env: GBC_REAL_STDLIB=all
# math: every function of CPython 3.14's math, results and error messages. (asinh, acosh, atanh
# and erfc are libm's: the oracle's newer glibc rounds some of their results differently.)
import math
tests = [
    ('math.sqrt(-1)', lambda: math.sqrt(-1)),
    ('math.log(0)', lambda: math.log(0)),
    ('math.log(-1)', lambda: math.log(-1)),
    ('math.log10(0)', lambda: math.log10(0)),
    ('math.log2(-2)', lambda: math.log2(-2)),
    ('math.log1p(-1)', lambda: math.log1p(-1)),
    ('math.log1p(-2)', lambda: math.log1p(-2)),
    ('math.acos(2)', lambda: math.acos(2)),
    ('math.asin(2)', lambda: math.asin(2)),
    ('math.acosh(0)', lambda: math.acosh(0)),
    ('math.atanh(1)', lambda: math.atanh(1)),
    ('math.exp(1000)', lambda: math.exp(1000)),
    ('math.cosh(1000)', lambda: math.cosh(1000)),
    ('math.sinh(1000)', lambda: math.sinh(1000)),
    ("math.sqrt('a')", lambda: math.sqrt('a')),
    ('math.sqrt(1j)', lambda: math.sqrt(1j)),
    ("math.floor('a')", lambda: math.floor('a')),
    ('math.gamma(0)', lambda: math.gamma(0)),
    ('math.gamma(-1)', lambda: math.gamma(-1)),
    ('math.lgamma(0)', lambda: math.lgamma(0)),
    ('math.lgamma(-2)', lambda: math.lgamma(-2)),
    ('math.factorial(-1)', lambda: math.factorial(-1)),
    ('math.factorial(1.5)', lambda: math.factorial(1.5)),
    ('math.comb(-1, 2)', lambda: math.comb(-1, 2)),
    ('math.comb(3, -1)', lambda: math.comb(3, -1)),
    ('math.perm(-1)', lambda: math.perm(-1)),
    ('math.isqrt(-1)', lambda: math.isqrt(-1)),
    ('math.fmod(1, 0)', lambda: math.fmod(1, 0)),
    ('math.fmod(math.inf, 1)', lambda: math.fmod(math.inf, 1)),
    ('math.remainder(1, 0)', lambda: math.remainder(1, 0)),
    ('math.pow(0, -1)', lambda: math.pow(0, -1)),
    ('math.pow(-1, 0.5)', lambda: math.pow(-1, 0.5)),
    ('math.pow(10, 400)', lambda: math.pow(10, 400)),
    ('math.ldexp(1.0, 10000)', lambda: math.ldexp(1.0, 10000)),
    ('math.log(10, 1)', lambda: math.log(10, 1)),
    ('math.log(10, 0)', lambda: math.log(10, 0)),
    ('math.cos(math.inf)', lambda: math.cos(math.inf)),
    ('math.tan(math.inf)', lambda: math.tan(math.inf)),
    ('math.sin(math.inf)', lambda: math.sin(math.inf)),
    ("math.atan2('a', 1)", lambda: math.atan2('a', 1)),
    ('math.dist([1], [1,2])', lambda: math.dist([1], [1,2])),
    ('math.fsum([math.inf, -math.inf])', lambda: math.fsum([math.inf, -math.inf])),
    ('math.fsum([1e308, 1e308])', lambda: math.fsum([1e308, 1e308])),
    ("math.erf('x')", lambda: math.erf('x')),
    ("math.trunc('x')", lambda: math.trunc('x')),
    ('math.ceil(math.inf)', lambda: math.ceil(math.inf)),
    ('math.floor(math.nan)', lambda: math.floor(math.nan)),
    ('math.expm1(1000)', lambda: math.expm1(1000)),
    ('math.exp2(2000)', lambda: math.exp2(2000)),
    ('math.sumprod([1,2],[3])', lambda: math.sumprod([1,2],[3])),
    ('math.nextafter(1, 2, steps=-1)', lambda: math.nextafter(1, 2, steps=-1)),
    ('math.gcd(1.5)', lambda: math.gcd(1.5)),
    ('math.isclose(1, 2, rel_tol=-1)', lambda: math.isclose(1, 2, rel_tol=-1)),
    ("math.ulp('a')", lambda: math.ulp('a')),
    ('math.log(0.0)', lambda: math.log(0.0)),
    ('math.sqrt()', lambda: math.sqrt()),
    ('math.sqrt(1, 2)', lambda: math.sqrt(1, 2)),
    ('math.fma(math.inf, 0, 1)', lambda: math.fma(math.inf, 0, 1)),
    ("math.copysign('a', 1)", lambda: math.copysign('a', 1)),
    ('math.prod([1], 2)', lambda: math.prod([1], 2)),
    ("math.modf('x')", lambda: math.modf('x')),
    ("math.frexp('x')", lambda: math.frexp('x')),
    ('math.ldexp(1, 1.5)', lambda: math.ldexp(1, 1.5)),
    ('math.factorial(10**5+0.0)', lambda: math.factorial(10**5+0.0)),
    ('math.comb(1.5, 1)', lambda: math.comb(1.5, 1)),
    ('math.cbrt(-8)', lambda: math.cbrt(-8)),
    ('math.log(-1, 2)', lambda: math.log(-1, 2)),
    ("math.hypot('a')", lambda: math.hypot('a')),
    ("math.radians('x')", lambda: math.radians('x')),
    ('math.isqrt(2.0)', lambda: math.isqrt(2.0)),
    ('math.lcm(1.0)', lambda: math.lcm(1.0)),
    ('math.floor(1e300)', lambda: math.floor(1e300)),
    ('math.log(2**10000)', lambda: math.log(2**10000)),
    ('math.log(-(2**10000))', lambda: math.log(-(2**10000))),
    ('math.log(0, 2)', lambda: math.log(0, 2)),
    ('math.log1p(math.inf)', lambda: math.log1p(math.inf)),
]
for t, f in tests:
    try:
        print(t, '->', repr(f()))
    except Exception as e:
        print(t, '!!', type(e).__name__, e)
from math import log10, log2, tau, pi, e, inf, nan
print(sorted(n for n in dir(math) if not n.startswith('_')))
xs = [0.0, -0.0, 0.5, 1.0, -1.5, 2.0, 3.7, 1e-10, 1e10, -7.25, 100.0]
for name in ["acos", "asin", "atan", "cbrt", "erf", "exp", "exp2", "expm1", "fabs", "tanh",
             "sin", "cos", "tan", "sinh", "cosh", "sqrt", "log", "log2", "log10", "log1p",
             "gamma", "lgamma", "degrees", "radians", "ceil", "floor", "trunc", "isfinite", "isinf", "isnan",
             "frexp", "modf", "ulp"]:
    out = []
    for x in xs:
        try:
            out.append(repr(getattr(math, name)(x)))
        except (ValueError, OverflowError) as err:
            out.append(type(err).__name__)
    print(name, " ".join(out))
print(math.pow(2, 0.5), math.pow(-2, 3), math.pow(math.inf, -1), math.pow(-math.inf, 3), math.pow(0.5, math.inf), math.pow(math.nan, 0))
print(math.atan2(1, -1), math.atan2(-0.0, -1), math.copysign(3, -0.0), math.fmod(-7, 3), math.fmod(7, math.inf), math.remainder(7, 3), math.remainder(-7.5, 2))
print(math.hypot(3, 4), math.hypot(1, 2, 3, 4), math.hypot(), math.hypot(-5), math.hypot(1e-320, 1e-320), math.hypot(1e308, 1e308) if False else '', math.hypot(math.inf, math.nan))
print(math.dist((1, 2), (4, 6)), math.dist([0.1, 0.2, 0.3], [1.1, 2.2, 3.3]), math.dist([], []))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]), math.fsum([]), math.fsum([math.inf, 1]), math.fsum(range(10)))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-10), math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(math.inf, math.inf))
print(math.ldexp(0.5, 3), math.ldexp(1, -1100), math.ldexp(-1.0, -10**20), math.frexp(8), math.modf(-3.25), math.modf(math.inf))
print(math.nextafter(1, 2), math.nextafter(1, 0, steps=3), math.nextafter(0.0, -1), math.nextafter(1, 1, steps=10), math.nextafter(-0.0, 1.0, steps=2), math.ulp(1e308 * 10), math.ulp(0.0))
print(math.fma(2, 3, 4), math.fma(0.1, 10, -1), math.prod([1, 2, 3, 4]), math.prod([0.5, 4], start=3), math.prod([]), math.prod(["ab"], start=2))
print(math.sumprod([1, 2, 3], [4, 5, 6]), math.sumprod([0.1, 0.2], [10, 10]), math.sumprod([1.5, 2], [2, 0.25]), math.sumprod([], []))
print(math.factorial(0), math.factorial(20), math.factorial(30), len(str(math.factorial(1000))))
print(math.comb(10, 3), math.comb(5, 7), math.comb(100, 50), math.comb(10**20, 2), math.perm(5), math.perm(5, 2), math.perm(3, 5), math.perm(10**20, 2))
print(math.gcd(), math.gcd(12, 18), math.gcd(-12, 18, 27), math.gcd(0, 0), math.gcd(2**100, 2**80 * 3), math.lcm(), math.lcm(4, 6), math.lcm(4, 0, 3), math.lcm(-4, 6))
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10**40), math.isqrt(2**200 - 1), math.isqrt(True))
print(math.floor(2.5), math.floor(-2.5), math.ceil(-2.5), math.ceil(2), math.trunc(-3.9), math.trunc(True), math.floor(True), type(math.floor(True)).__name__)
class Fl:
    def __floor__(self): return "floored"
    def __ceil__(self): return "ceiled"
    def __trunc__(self): return "trunced"
    def __float__(self): return 1.5
print(math.floor(Fl()), math.ceil(Fl()), math.trunc(Fl()), math.sqrt(Fl()), math.log(8, 2), math.log(100, 10), math.log10(1000), math.log2(1024), math.log(2**1000), math.log10(10**400))
print(math.pi, math.e, math.tau, math.inf, math.nan, math.gamma(5), math.gamma(0.5), math.lgamma(10), math.erf(1), math.gamma(-1.5))
