# except* and ExceptionGroup (PEP 654): construction, split/subgroup, clauses taking their part,
# naked exceptions wrapped, what is left re-raised, exceptions raised in a clause. targets: 2.14 2.11


eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
print(type(eg).__name__, eg.message, len(eg.exceptions), str(eg))
match, rest = eg.split(ValueError)
print([repr(e) for e in match.exceptions], [repr(e) for e in rest.exceptions])
print(eg.subgroup(KeyError), eg.subgroup(lambda e: isinstance(e, TypeError)).exceptions)
print(type(BaseExceptionGroup("b", [ValueError()])).__name__,
      type(BaseExceptionGroup("b", [KeyboardInterrupt()])).__name__)
for bad in [("m", []), (1, [ValueError()]), ("m", [1])]:
    try:
        ExceptionGroup(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    ExceptionGroup("m", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError:", e)


def handle(exc):
    try:
        raise exc
    except* ValueError as g:
        print("  ValueError part:", [repr(e) for e in g.exceptions])
    except* TypeError as g:
        print("  TypeError part:", [repr(e) for e in g.exceptions])


handle(ExceptionGroup("g", [ValueError(1), TypeError(2), ValueError(3)]))
handle(ValueError("naked"))
try:
    handle(ExceptionGroup("g", [ValueError(1), KeyError(2)]))
except ExceptionGroup as e:
    print("left to raise:", [repr(x) for x in e.exceptions])
try:
    handle(KeyError("naked key"))
except KeyError as e:
    print("naked KeyError goes through:", repr(e))


def raises_inside():
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise RuntimeError("new")
    except* TypeError:
        pass


try:
    raises_inside()
except RuntimeError as e:
    print("RuntimeError:", e)


def reraises():
    try:
        raise ExceptionGroup("orig", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise


try:
    reraises()
except ExceptionGroup as e:
    print("re-raised:", e.message, [repr(x) for x in e.exceptions])

try:
    try:
        raise ValueError(1)
    except* ExceptionGroup:
        pass
except TypeError as e:
    print("TypeError:", e)

ran = []
try:
    raise ExceptionGroup("g", [OSError()])
except* OSError:
    ran.append("handler")
else:
    ran.append("else")
finally:
    ran.append("finally")
print(ran)
