import torch

@torch.compile(fullgraph=True)
def fn(x):
    x = x + 1
    torch._dynamo.graph_break()
    return x + 2

try:
    fn(torch.randn(3))
except Exception:
    pass
