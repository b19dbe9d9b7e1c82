# gbc corpus driver: pytorch/examples' mnist/main.py -- its Net, train() and test() unchanged,
# imported from main.py (which imports torchvision) -- with `model = torch.compile(Net())`, Adadelta
# and StepLR as main() sets them up, over a small random stand-in for MNIST (no download).
import argparse

import torch
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader, TensorDataset

from main import Net, train, test

torch.manual_seed(1)
args = argparse.Namespace(log_interval=2, dry_run=False)
device = torch.device("cpu")
images = torch.randn(32, 1, 28, 28)
labels = torch.randint(0, 10, (32,))
train_loader = DataLoader(TensorDataset(images, labels), batch_size=8, shuffle=True)
test_loader = DataLoader(TensorDataset(images[:16], labels[:16]), batch_size=8)

model = torch.compile(Net().to(device))
optimizer = optim.Adadelta(model.parameters(), lr=1.0)
scheduler = StepLR(optimizer, step_size=1, gamma=0.7)
for epoch in range(1, 3):
    train(args, model, device, train_loader, optimizer, epoch)
    test(model, device, test_loader)
    scheduler.step()
