import torch

torch.manual_seed(0)
mod = torch.nn.Linear(3, 2)
opt = torch.optim.SGD(mod.parameters(), lr=0.05, momentum=0.9, weight_decay=0.01)


@torch.compile
def update(scale):
    opt.step()
    return scale * 2


for i in range(3):
    for p in mod.parameters():
        p.grad = torch.ones_like(p) * (0.5 * (i + 1))
    print(update(torch.ones(1)))
print(mod.weight.sum(), mod.bias)
print(len(opt.state), opt.state[mod.bias]["momentum_buffer"])
