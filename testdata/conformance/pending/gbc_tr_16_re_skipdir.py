import re
import torch

@torch.compile
def fn(x):
    re.purge()
    return x + 1

print(fn(torch.ones(2)))
