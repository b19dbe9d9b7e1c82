import torch

def brk(t):
    torch._dynamo.graph_break()
    return t + 1

@torch.compile
def fn(xs):
    x = 3
    ys = [brk(x) for x in xs]
    return torch.stack(ys).sum(0)

print(fn([torch.ones(2), torch.zeros(2)]))
