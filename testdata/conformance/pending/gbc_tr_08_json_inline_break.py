import json
import torch

@torch.compile
def fn(x):
    s = json.dumps({"a": 1})
    return x + len(s)

print(fn(torch.ones(2)))
