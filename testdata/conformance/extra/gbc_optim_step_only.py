import torch

torch.manual_seed(0)
mod = torch.nn.Linear(3, 3)
opt = torch.optim.Adam(mod.parameters(), lr=0.01)
sched = torch.optim.lr_scheduler.ExponentialLR(opt, 0.9)


@torch.compile
def gn(inp):
    opt.step()
    sched.step()
    return inp + 1


for i in range(4):
    for p in mod.parameters():
        p.grad = torch.ones_like(p) * (i + 1)
    print(gn(torch.ones(2)))
print(opt.param_groups[0]["lr"])
print(mod.weight.sum(), mod.bias)
