import importlib
import torch

def load(name):
    return importlib.import_module(name)

@torch.compile
def fn(x):
    y = x * 2
    m = load("math")
    return y + m.e

print(fn(torch.ones(2)))
