import torch


@torch.compile
def fn(x):
    y = x.sum()
    return [1, str(y.item())]


print(fn(torch.ones(2)))
