import torch


@torch.compile
def fn(x):
    y = x.sum()
    return x + y.item()


print(fn(torch.ones(2)))
