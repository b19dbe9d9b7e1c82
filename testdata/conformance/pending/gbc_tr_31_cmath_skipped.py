import cmath
import torch

@torch.compile
def fn(x):
    r = cmath.sqrt(-4)
    return x + r.imag

print(fn(torch.ones(2)))
