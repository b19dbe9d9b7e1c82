import torch


class M(torch.nn.Module):
    def forward(self, x):
        return self.helper(x) + 1

    def helper(self, x):
        return x * 2


M.helper = torch.compiler.disable(M.helper, recursive=False)


@torch.compiler.disable
def g(x):
    return x - 1


@torch.compile
def f(m, x):
    return g(m(x))


print(f(M(), torch.ones(2)))
