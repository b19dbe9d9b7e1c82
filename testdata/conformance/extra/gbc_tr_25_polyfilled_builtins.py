import os
import sys
import torch

@torch.compile
def fn(x):
    p = os.fspath("a/b")
    n = sys.getrecursionlimit()
    s = sys.intern("key")
    return x + len(p) + (n > 10) + len(s)

print(fn(torch.ones(2)))
