# gbc corpus driver: kuangliu/pytorch-cifar's ResNet18 trained and tested the way its main.py does
# (SGD with momentum and weight decay, CosineAnnealingLR, CrossEntropyLoss, accuracy from
# outputs.max(1)), with `net = torch.compile(net)`, on random CIFAR-sized batches.
import torch
import torch.nn as nn
import torch.optim as optim

from models import *

torch.manual_seed(0)
device = 'cpu'
print('==> Building model..')
net = ResNet18()
net = net.to(device)
net = torch.compile(net)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=200)

trainloader = [(torch.randn(4, 3, 32, 32), torch.randint(0, 10, (4,))) for _ in range(2)]
testloader = [(torch.randn(4, 3, 32, 32), torch.randint(0, 10, (4,)))]


def train(epoch):
    print('\nEpoch: %d' % epoch)
    net.train()
    train_loss = 0
    correct = 0
    total = 0
    for batch_idx, (inputs, targets) in enumerate(trainloader):
        inputs, targets = inputs.to(device), targets.to(device)
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, targets)
        loss.backward()
        optimizer.step()

        train_loss += loss.item()
        _, predicted = outputs.max(1)
        total += targets.size(0)
        correct += predicted.eq(targets).sum().item()
        print(batch_idx, len(trainloader), 'Loss: %.3f | Acc: %.3f%% (%d/%d)'
              % (train_loss/(batch_idx+1), 100.*correct/total, correct, total))


def test(epoch):
    net.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for batch_idx, (inputs, targets) in enumerate(testloader):
            outputs = net(inputs)
            _, predicted = outputs.max(1)
            total += targets.size(0)
            correct += predicted.eq(targets).sum().item()
    print('test acc: %d/%d' % (correct, total))


for epoch in range(0, 1):
    train(epoch)
    test(epoch)
    scheduler.step()
print('lr', scheduler.get_last_lr())
