import sys
import torch

@torch.compile
def fn(x):
    n = sys.getsizeof(x)
    return x + (n > 0)

print(fn(torch.ones(2)))
