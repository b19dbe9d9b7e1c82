# itertools over seeded random inputs: slicing, grouping, tee interleavings and the combinatoric
# iterators, compared with CPython 3.14 (the LCG gives both interpreters the same cases).
from itertools import (accumulate, batched, chain, combinations, combinations_with_replacement,
                       compress, groupby, islice, pairwise, permutations, product, tee, zip_longest)

state = [2024]


def rand(n):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return state[0] % n


def seq(n, k=4):
    return [rand(k) for _ in range(n)]


for _ in range(200):
    data = seq(rand(12))
    args = [None if rand(4) == 0 else rand(15) for _ in range(rand(3) + 1)]
    if len(args) == 3 and args[2] == 0:
        args[2] = None
    try:
        print("islice", data, args, list(islice(data, *args)))
    except ValueError as e:
        print("islice", data, args, "ValueError", e)
for _ in range(100):
    data = seq(rand(15), 3)
    print("groupby", data, [(k, len(list(g))) for k, g in groupby(data)],
          [(k, list(g)) for k, g in groupby(data, key=lambda x: x % 2)])
for _ in range(60):
    data = seq(rand(10))
    its = tee(iter(data), rand(4) + 1)
    out = [[] for _ in its]
    for _ in range(rand(40)):
        i = rand(len(its))
        v = next(its[i], "end")
        out[i].append(v)
    print("tee", data, out)
for _ in range(60):
    pool = seq(rand(6), 5)
    r = rand(5)
    print("comb", pool, r, list(combinations(pool, r)), list(combinations_with_replacement(pool, r))[:20],
          list(permutations(pool, r))[:20])
for _ in range(40):
    pools = [seq(rand(4)) for _ in range(rand(4))]
    rep = rand(3)
    print("product", pools, rep, list(product(*pools, repeat=rep))[:30])
for _ in range(40):
    a, b = seq(rand(8)), seq(rand(8))
    n = rand(4) + 1
    print("misc", a, b, list(zip_longest(a, b, fillvalue=-1)), list(compress(a, b)),
          list(pairwise(a)), list(batched(a, n)), list(accumulate(a)), list(chain(a, b))[:5])
