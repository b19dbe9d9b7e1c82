import random
import torch

random.seed(0)

@torch.compile
def fn(x):
    k = random.choice([1, 2, 3])
    return x + k

print(fn(torch.ones(2)).shape)
