import copy
import torch

@torch.compile
def fn(x):
    d = {"a": 1, "b": [2, 3]}
    e = copy.deepcopy(d)
    return x + e["a"] + e["b"][1]

print(fn(torch.ones(2)))
