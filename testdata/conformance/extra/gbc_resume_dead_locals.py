import torch


def helper():
    torch._dynamo.graph_break()


@torch.compile
def f(x):
    y = x.sin()
    helper()
    helper()
    return 1


@torch.compile
def g(x):
    y = x.cos()
    helper()
    helper()
    return y + 1


print(f(torch.ones(2)))
print(g(torch.ones(2)))
