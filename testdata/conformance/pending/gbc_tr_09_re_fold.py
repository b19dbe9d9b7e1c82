import re
import torch

@torch.compile
def fn(x):
    m = re.match(r"layer(\d+)", "layer12")
    return x + int(m.group(1))

print(fn(torch.ones(2)))
