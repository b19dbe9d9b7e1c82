import torch
import torch._dynamo.config

torch._dynamo.config.capture_scalar_outputs = True


@torch.compile
def f(x):
    n = x.sum().item()
    return x * n


print(f(torch.ones(3)))
print(f(torch.ones(3) * 2))
print(f(torch.ones(4)))
