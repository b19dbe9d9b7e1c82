import torch

def brk(t):
    torch._dynamo.graph_break()
    return t + 1

@torch.compile
def fn(x):
    ys = [brk(x * i) for i in range(2)]
    return torch.stack(ys).sum(0)

print(fn(torch.ones(2)))
