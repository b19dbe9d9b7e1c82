import torch


def helper(x):
    torch._dynamo.skip_frame()
    return x * 2


@torch.compile
def f(x):
    x = x + 1
    x = helper(x)
    return x - 1


print(f(torch.ones(3)))
