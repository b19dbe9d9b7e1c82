import torch

model = torch.nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)


@torch.compile
def step(x, y, i):
    loss = torch.nn.functional.mse_loss(model(x), y)
    if i % 2 == 0:
        print("step", i, round(loss.item(), 4))
    return loss


torch.manual_seed(0)
for i in range(4):
    x = torch.randn(5, 3)
    y = torch.randn(5, 1)
    loss = step(x, y, i)
    loss.backward()
    opt.step()
    opt.zero_grad()
print("done")
