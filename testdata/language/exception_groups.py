# BaseExceptionGroup / ExceptionGroup: construction checks, the class chosen, str and repr,
# split / subgroup / derive with nesting and metadata. targets: 2.14 2.11
for args in [(1, [ValueError()]), ("m",), ("m", {ValueError()}), ("m", []), ("m", [1])]:
    try:
        BaseExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class MyEG(ExceptionGroup):
    pass


try:
    MyEG("x", [KeyboardInterrupt()])
except TypeError as e:
    print(e)
try:
    ExceptionGroup("x", [KeyboardInterrupt()])
except TypeError as e:
    print(e)
e = BaseExceptionGroup("m", [ValueError(1)])
print(type(e).__name__, repr(e), str(e), e.message, e.exceptions)
print(repr(BaseExceptionGroup("m", (KeyboardInterrupt(),))))
try:
    e.split(1)
except TypeError as x:
    print("TypeError")  # (3.12 and 3.14 word it differently)
eg = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)]), KeyError(4)])
eg.__notes__ = ["a note"]
match, rest = eg.split(ValueError)
print(repr(match), repr(rest), match.__notes__)
print(repr(eg.subgroup(lambda x: isinstance(x, TypeError))))
print(eg.subgroup(OSError), eg.split((ValueError, TypeError, KeyError))[1])
print(repr(eg.derive([ValueError(9)])))
m2 = MyEG("mine", [ValueError(1), TypeError(2)])
print(type(m2.split(ValueError)[0]).__name__)
try:
    try:
        raise eg
    except* ValueError as g:
        print("caught", repr(g))
except ExceptionGroup as left:
    print("left", repr(left))
