# gbc-env: GBC_REAL_STDLIB=all
# functools, contextlib, operator, itertools, copy.
import functools, contextlib, operator, itertools

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(30), fib.cache_info())
add3 = functools.partial(operator.add, 3)
print(add3(4), functools.reduce(operator.mul, [1, 2, 3, 4]), functools.reduce(lambda a, b: a + b, [], 10))

@functools.wraps(fib)
def wrapper(*a):
    return fib(*a)
print(wrapper.__name__, wrapper(10))

class K:
    @functools.cached_property
    def val(self):
        print("computing")
        return 42
k = K()
print(k.val, k.val)

@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))

@functools.singledispatch
def show(x): return "obj"
@show.register
def _(x: int): return "int"
print(show(1), show("s"), sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))

@contextlib.contextmanager
def ctx(name):
    print("enter", name)
    try:
        yield name.upper()
    finally:
        print("exit", name)

with ctx("a") as v:
    print("body", v)
with contextlib.suppress(KeyError):
    {}["x"]
with contextlib.ExitStack() as st:
    st.enter_context(ctx("b"))
    st.callback(print, "callback")
print(operator.itemgetter(1, 0)([5, 6]), operator.attrgetter("real")(3), operator.methodcaller("upper")("x"))
print(list(itertools.accumulate([1, 2, 3])), list(itertools.chain.from_iterable([[1], [2, 3]])), list(itertools.product("ab", repeat=2)))
