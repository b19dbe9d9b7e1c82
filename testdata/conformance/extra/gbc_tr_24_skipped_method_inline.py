import importlib.abc
import torch

class Finder(importlib.abc.MetaPathFinder):
    pass

finder = Finder()

@torch.compile
def fn(x):
    y = x * 2
    finder.invalidate_caches()
    return y + 1

print(fn(torch.ones(2)))
