import posixpath
import torch

@torch.compile
def fn(x):
    p = posixpath.abspath("data")
    return x + len(p)

print(fn(torch.ones(2)).shape)
