import inspect
import torch

def helper(a, b=2):
    return a + b

@torch.compile
def fn(x):
    n = len(inspect.signature(helper).parameters)
    return x + n

print(fn(torch.ones(2)))
