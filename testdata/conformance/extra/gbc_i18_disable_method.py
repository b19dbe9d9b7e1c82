import torch


class M(torch.nn.Module):
    @torch.compiler.disable
    def helper(self, x):
        return x * 2

    def forward(self, x):
        return self.helper(x + 1) - 1


def plain(x):
    return x * 3


plain_disabled = torch.compiler.disable(plain)


@torch.compile
def f(x):
    return plain_disabled(x) + 1


m = torch.compile(M())
print(m(torch.ones(2)))
print(f(torch.ones(2)))
