import math
import torch

@torch.compile
def fn(x):
    s = math.sqrt(x.shape[0]) + math.floor(2.5) + math.log(8, 2)
    return x * s

print(fn(torch.ones(4)))
