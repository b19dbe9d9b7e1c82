import torch


@torch.compile
def fn(x):
    t = (1, 2)
    y = x.sum()
    return t + (str(y.item()),)


print(fn(torch.ones(2)))
