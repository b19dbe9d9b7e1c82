import math
import torch

@torch.compile
def fn(x):
    s = x.sum()
    return x * math.sqrt(s)

print(fn(torch.ones(4)))
