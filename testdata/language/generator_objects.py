# Generator objects: StopIteration.value from next() and __next__(), gi_frame, the methods
# found on the class. targets: 2.14 2.11
def g():
    yield 1
    return 5


it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("value", e.value, e.args)
it = g()
it.__next__()
try:
    it.__next__()
except StopIteration as e:
    print("value", e.value)
it = g()
print(it.gi_frame.f_code.co_name, it.gi_frame.f_back)
next(it)
print(it.gi_frame.f_lineno)
it.close()
print(it.gi_frame, it.gi_running, it.gi_suspended if hasattr(it, "gi_suspended") else "")
print(type(it).send.__qualname__, type(it).close.__qualname__)
print(next(g(), 3), next(iter([]), 4))
