# Coroutines: await on coroutines and __await__ objects, send/throw/close, type names, the
# TypeErrors of bad awaitables. targets: 2.14 2.11


def run(coro):
    """Drives a coroutine with send(None) until it returns."""
    try:
        while True:
            print("  yielded", coro.send(None))
    except StopIteration as e:
        return e.value


class Tick:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        for i in range(self.n):
            got = yield ("tick", i)
            if got is not None:
                print("  sent into tick:", got)
        return self.n * 10


async def double(x):
    return x * 2


async def main():
    a = await double(3)
    b = await Tick(2)
    c = [await double(i) for i in range(3)]
    return a, b, c


coro = main()
print(type(coro).__name__, type(main).__name__)
print(run(coro))

# send a value, throw into a suspended coroutine, close
coro = main()
print(coro.send(None))
print(coro.send("hello"))
try:
    coro.throw(ValueError("boom"))
except ValueError as e:
    print("ValueError propagated:", e)


async def catches():
    try:
        await Tick(3)
    except KeyError as e:
        print("caught inside:", repr(e))
        return "recovered"


c = catches()
print(c.send(None))
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print("returned", e.value)

c = catches()
c.send(None)
c.close()
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

c = double(1)
try:
    c.send(5)
except TypeError as e:
    print("TypeError:", e)
c.close()


class BadAwait:
    def __await__(self):
        return 42


async def awaits(x):
    return await x


try:
    run(awaits(1))
except TypeError:
    print("TypeError: an int cannot be awaited")  # the message differs in 3.12
try:
    run(awaits(BadAwait()))
except TypeError as e:
    print("TypeError:", e)

c = double(2)
run(awaits(c))
try:
    run(awaits(c))
except RuntimeError as e:
    print("RuntimeError:", e)


# a coroutine raising StopIteration: PEP 479
async def stops():
    raise StopIteration(1)


try:
    run(stops())
except RuntimeError as e:
    print("RuntimeError:", e)

# __await__ of a coroutine
w = double(21).__await__()
try:
    w.send(None)
except StopIteration as e:
    print("via __await__:", e.value)

# co_flags carries CPython's bits (inspect.iscoroutinefunction reads them)
CO_COROUTINE, CO_ASYNC_GENERATOR, CO_GENERATOR = 0x80, 0x200, 0x20


async def agen():
    yield 1


def plain_gen():
    yield 1


print(bool(main.__code__.co_flags & CO_COROUTINE), bool(agen.__code__.co_flags & CO_ASYNC_GENERATOR),
      bool(plain_gen.__code__.co_flags & CO_GENERATOR), bool(double.__code__.co_flags & CO_GENERATOR))
