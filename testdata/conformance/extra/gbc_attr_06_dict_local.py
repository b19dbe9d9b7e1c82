import torch


@torch.compile
def fn(x):
    d = {"k": 1}
    y = x.sum()
    return d | {"v": str(y.item())}


print(fn(torch.ones(2)))
