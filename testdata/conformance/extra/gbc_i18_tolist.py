import torch


@torch.compile
def f(x):
    vals = x.tolist()
    s = sum(vals)
    return x * s


print(f(torch.tensor([1.0, 2.0, 3.0])))


@torch.compile
def g(x):
    a = x.numpy()
    return torch.from_numpy(a * 2)


try:
    print(g(torch.ones(2)))
except Exception as e:
    print(type(e).__name__)
