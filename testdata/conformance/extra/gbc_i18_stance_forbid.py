import torch


def helper(x):
    return x * 2


@torch.compile
def f(x):
    return helper(x) + 1


print(f(torch.ones(2)))
with torch.compiler.set_stance("force_eager"):
    print(f(torch.ones(3)))
with torch.compiler.set_stance("eager_on_recompile"):
    print(f(torch.ones(4)))
print(f(torch.ones(4)))
