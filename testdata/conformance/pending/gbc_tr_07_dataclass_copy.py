import copy
import dataclasses
import torch

@dataclasses.dataclass
class Cfg:
    scale: float = 2.0
    bias: float = 1.0

cfg = Cfg()

@torch.compile
def fn(x):
    c = copy.copy(cfg)
    names = [f.name for f in dataclasses.fields(c)]
    return x * c.scale + c.bias + len(names)

print(fn(torch.ones(2)))
