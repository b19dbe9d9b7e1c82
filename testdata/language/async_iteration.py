# Async generators (asend/athrow/aclose, __anext__), async for (with else, break), async
# comprehensions and async generator expressions, async with (exceptions, suppression,
# return through it). targets: 2.14 2.11


def run(coro):
    try:
        while True:
            print("  loop got", coro.send(None))
    except StopIteration as e:
        return e.value


class Sleep:
    def __await__(self):
        yield "sleep"


async def counter(n):
    try:
        for i in range(n):
            await Sleep()
            got = yield i
            if got is not None:
                print("  counter got", got)
    finally:
        print("  counter finally")


async def main():
    out = []
    async for v in counter(3):
        out.append(v)
    else:
        out.append("else")
    it = counter(5)
    async for v in it:
        if v == 2:
            break
        out.append(v)
    await it.aclose()  # (CPython would also close it when it is freed)
    out.append([v * 2 async for v in counter(2)])
    out.append({v: -v async for v in counter(2)})
    gen = (v + 100 async for v in counter(2))
    out.append(type(gen).__name__)
    out.append([x async for x in gen])
    return out


print(run(main()))

# driving an async generator by hand
ag = counter(3)
print(type(ag).__name__, type(ag.__anext__()).__name__)
step = ag.asend(None)
print(step.send(None))  # the inner Sleep passes through
try:
    step.send(None)
except StopIteration as e:
    print("asend gave", e.value)
step = ag.asend("x")
print(step.send(None))
try:
    step.send(None)
except StopIteration as e:
    print("asend gave", e.value)
closing = ag.aclose()
try:
    closing.send(None)
except StopIteration:
    print("closed")
step = ag.__anext__()
try:
    step.send(None)
except StopAsyncIteration:
    print("StopAsyncIteration after aclose")


async def thrower():
    try:
        yield 1
    except ValueError as e:
        yield "handled " + str(e)


ag = thrower()
try:
    ag.asend(None).send(None)
except StopIteration as e:
    print("first", e.value)
try:
    ag.athrow(ValueError("v")).send(None)
except StopIteration as e:
    print("athrow gave", e.value)


async def bad_return():
    yield 1


class Manager:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress

    async def __aenter__(self):
        print("  enter", self.name)
        await Sleep()
        return self.name.upper()

    async def __aexit__(self, typ, exc, tb):
        print("  exit", self.name, typ.__name__ if typ else None, exc)
        await Sleep()
        return self.suppress


async def withs():
    async with Manager("a") as a, Manager("b") as b:
        print("  body", a, b)
    async with Manager("c", suppress=True):
        raise KeyError("swallowed")
    try:
        async with Manager("d"):
            raise KeyError("escapes")
    except KeyError as e:
        print("  caught", repr(e))
    for i in range(3):
        async with Manager("loop"):
            if i == 1:
                break
    async with Manager("r"):
        return "returned from inside"


print(run(withs()))


class NotAsyncIter:
    pass


async def bad_for():
    async for x in NotAsyncIter():
        pass


try:
    run(bad_for())
except TypeError as e:
    print("TypeError:", e)
