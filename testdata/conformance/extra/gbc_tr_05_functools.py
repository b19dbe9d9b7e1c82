import functools
import operator
import torch

def scale(a, b):
    return a * b

@torch.compile
def fn(x):
    f = functools.partial(scale, b=3)
    y = functools.reduce(operator.add, [x, x, f(x)])
    return y + operator.mul(2, 3)

print(fn(torch.ones(2)))
