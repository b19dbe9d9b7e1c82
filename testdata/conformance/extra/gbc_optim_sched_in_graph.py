import torch

torch.manual_seed(0)
mod = torch.nn.Linear(2, 2)
opt = torch.optim.Adam(mod.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)


@torch.compile
def fn(x):
    y = x * 2
    sched.step()
    return y + 1


for p in mod.parameters():
    p.grad = torch.ones_like(p)
for i in range(3):
    print(fn(torch.ones(2)))
    opt.step()
print(opt.param_groups[0]["lr"])
print(mod.weight.sum())
