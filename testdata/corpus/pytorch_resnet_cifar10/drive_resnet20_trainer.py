# gbc corpus driver: akamaster/pytorch_resnet_cifar10's resnet20 (option-A shortcuts: a
# LambdaLayer around a lambda that subsamples and zero-pads channels with F.pad) built and wrapped
# the way its trainer.py does it -- `torch.nn.DataParallel(resnet.__dict__[arch]())` -- then
# compiled, trained with SGD and a MultiStepLR schedule, and validated with top-1 precision.
import torch
import torch.nn as nn

import resnet

torch.manual_seed(0)
arch = 'resnet20'
model = torch.nn.DataParallel(resnet.__dict__[arch]())
model = torch.compile(model)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), 0.1, momentum=0.9, weight_decay=1e-4)
lr_scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[100, 150],
                                                    last_epoch=-1)


def accuracy(output, target, topk=(1,)):
    """Computes the precision@k for the specified values of k"""
    maxk = max(topk)
    batch_size = target.size(0)
    _, pred = output.topk(maxk, 1, True, True)
    pred = pred.t()
    correct = pred.eq(target.view(1, -1).expand_as(pred))
    res = []
    for k in topk:
        correct_k = correct[:k].view(-1).float().sum(0)
        res.append(correct_k.mul_(100.0 / batch_size))
    return res


inputs = torch.randn(4, 3, 32, 32)
target = torch.tensor([0, 1, 2, 3])
model.train()
for i in range(2):
    output = model(inputs)
    loss = criterion(output, target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    output = output.float()
    loss = loss.float()
    prec1 = accuracy(output.data, target)[0]
    print('Epoch: [0][{0}/2]\tLoss {loss:.4f}\tPrec@1 {top1:.3f}'.format(i, loss=loss.item(), top1=prec1.item()))
lr_scheduler.step()
model.eval()
with torch.no_grad():
    output = model(inputs)
print(' * Prec@1 {top1:.3f}'.format(top1=accuracy(output, target)[0].item()))
