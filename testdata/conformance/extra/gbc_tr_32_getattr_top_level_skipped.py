import torch

class Box:
    def __init__(self, t):
        self.t = t

    def __getattr__(self, name):
        return torch.relu(self.t) + 1

@torch._dynamo.disable(recursive=False)
def helper(b):
    return b.value

@torch.compile
def fn(x):
    return helper(Box(x)) * 2

print(fn(torch.ones(2)))
