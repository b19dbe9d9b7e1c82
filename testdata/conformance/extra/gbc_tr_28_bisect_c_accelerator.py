import bisect
import torch

BOUNDS = [1, 4, 9, 16]

@torch.compile
def fn(x):
    y = x + 1
    i = bisect.bisect_left(BOUNDS, 5)
    return y * i

print(fn(torch.ones(2)))
