# gbc corpus driver: akamaster/pytorch_resnet_cifar10's resnet.py run the way its __main__ block
# does it -- for each resnet name in resnet.__all__ (up to resnet44), test(net) counts parameters
# through NumPy -- with each network also compiled with fullgraph=True and run in eval mode.
import torch

import resnet

torch.manual_seed(0)
x = torch.randn(1, 3, 32, 32)
for net_name in resnet.__all__:
    if net_name.startswith('resnet') and net_name in ('resnet20', 'resnet32', 'resnet44'):
        print(net_name)
        net = resnet.__dict__[net_name]()
        resnet.test(net)
        net.eval()
        with torch.no_grad():
            out = torch.compile(net, fullgraph=True)(x)
        print("output", tuple(out.shape))
        print()
