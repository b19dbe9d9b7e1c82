import textwrap
import torch

@torch.compile
def fn(x):
    s = textwrap.shorten("hello world " * 3, width=12)
    return x + len(s)

print(fn(torch.ones(2)))
