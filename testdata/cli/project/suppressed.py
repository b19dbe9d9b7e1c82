import torch

@torch.compile
def fn(x):
    x = x + 1
    torch._dynamo.graph_break()  # gbc: ignore[GB0025] -- a deliberate break
    y = x * 2  # gbc: ignore
    return y + 2

fn(torch.randn(3))
