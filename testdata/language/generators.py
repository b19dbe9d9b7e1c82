# Generators: yield from with send/throw/close forwarded to the delegate, throw() into a
# suspended generator, close() refused by one that keeps yielding, PEP 479. targets: 2.14 2.11
def inner():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("inner caught", e)
        yield "recovered"
    finally:
        print("inner finally")
    return "inner done"

def outer():
    r = yield from inner()
    print("outer got", r)
    yield "outer end"

g = outer()
print(next(g))
print(g.throw(ValueError("v")))
print(next(g))
print(next(g, "exhausted"))

g = outer()
print(next(g))
g.close()
print("closed")

def cm_gen():
    print("enter")
    try:
        yield "resource"
    except KeyError:
        print("handled KeyError")
    finally:
        print("exit")

gen = cm_gen()
print(next(gen))
try:
    gen.throw(KeyError("k"))
except StopIteration:
    print("StopIteration after handling")

def ignores():
    for _ in range(2):
        try:
            yield
        except GeneratorExit:
            print("ignoring exit")

g = ignores(); next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def stopper():
    yield 1
g.close()  # the second GeneratorExit ends its loop: closed for good


def stopper():
    yield 1
    raise StopIteration


try:
    list(stopper())
except RuntimeError as e:
    print("RuntimeError:", e)
