# gbc corpus driver: kuangliu/pytorch-cifar's MobileNetV2 (inverted residual blocks built from a
# config list; stride-dependent shortcut) with a compiled loss function that calls the model and
# the criterion, backward and the optimizer step eager; then evaluation mode, which recompiles.
import torch
import torch.nn as nn

from models.mobilenetv2 import MobileNetV2

torch.manual_seed(0)
net = MobileNetV2(num_classes=10)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)


@torch.compile
def compute_loss(model, inputs, targets):
    outputs = model(inputs)
    return criterion(outputs, targets), outputs


inputs = torch.randn(2, 3, 32, 32)
targets = torch.tensor([3, 7])
net.train()
for step in range(2):
    optimizer.zero_grad()
    loss, outputs = compute_loss(net, inputs, targets)
    loss.backward()
    optimizer.step()
    print("step", step, tuple(outputs.shape), loss.item() > 0)
net.eval()
with torch.no_grad():
    loss, outputs = compute_loss(net, inputs, targets)
print("eval", tuple(outputs.shape))
