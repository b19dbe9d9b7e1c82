import importlib.machinery
import torch

@torch.compile
def fn(x):
    y = x + 1
    spec = importlib.machinery.ModuleSpec("m", None)
    return y * len(spec.name)

print(fn(torch.ones(2)))
