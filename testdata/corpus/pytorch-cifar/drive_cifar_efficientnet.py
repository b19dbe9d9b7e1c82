# gbc corpus driver: kuangliu/pytorch-cifar's EfficientNetB0 (squeeze-and-excitation, swish, and
# a drop_connect that draws a Bernoulli mask and scales its input in place in training mode)
# compiled and run in training mode for one optimizer step, then in eval mode.
import torch
import torch.nn.functional as F

from models.efficientnet import EfficientNetB0

torch.manual_seed(0)
net = EfficientNetB0()
compiled = torch.compile(net)
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)

x = torch.randn(2, 3, 32, 32)
y = torch.tensor([1, 2])
net.train()
loss = F.cross_entropy(compiled(x), y)
loss.backward()
optimizer.step()
print("train loss finite:", bool(torch.isfinite(loss)))
net.eval()
with torch.no_grad():
    out = compiled(x)
print("eval", tuple(out.shape))
