import torch


@torch.compile
def f(x, idx):
    ids = idx.tolist()
    return x[ids[0]] + ids[1]


print(f(torch.arange(6.0), torch.tensor([2, 3])))


@torch.compile
def g(x):
    n = x.numel()
    vals = x.long().tolist()
    return x * len(vals) + n


print(g(torch.ones(3)))
