import torch

@torch.compile
def fn(x):
    x = x + 1
    torch._dynamo.graph_break()
    return x + 2

fn(torch.randn(3))
