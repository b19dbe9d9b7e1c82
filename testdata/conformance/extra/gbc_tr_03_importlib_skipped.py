import importlib
import torch

@torch.compile
def fn(x):
    m = importlib.import_module("math")
    return x + m.pi

print(fn(torch.ones(2)))
