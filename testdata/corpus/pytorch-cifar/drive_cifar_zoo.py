# gbc corpus driver: a sweep over kuangliu/pytorch-cifar's model zoo as a benchmark script would
# do it -- every model compiled and run once in eval mode on the same batch (LeNet, MobileNet,
# ShuffleNetV2, RegNetX_200MF, PNASNetA, DenseNet, SimpleDLA, SENet18, DPN26),
# each checked against eager.
import torch

from models import *

torch.manual_seed(0)
x = torch.randn(2, 3, 32, 32)
zoo = [
    ('LeNet', LeNet),
    ('MobileNet', MobileNet),
    ('ShuffleNetV2', lambda: ShuffleNetV2(net_size=0.5)),
    ('RegNetX_200MF', RegNetX_200MF),
    ('PNASNetA', PNASNetA),
    ('DenseNet', densenet_cifar),
    ('SimpleDLA', SimpleDLA),
    ('SENet18', SENet18),
    ('DPN26', DPN26),
]
for name, ctor in zoo:
    net = ctor().eval()
    with torch.no_grad():
        y = torch.compile(net)(x)
        same = torch.allclose(y, net(x), atol=1e-4)
    print(f"{name:14s} {tuple(y.shape)} {same}")
