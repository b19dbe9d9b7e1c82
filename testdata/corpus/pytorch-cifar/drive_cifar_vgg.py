# gbc corpus driver: kuangliu/pytorch-cifar's VGG('VGG11') (a layer list built from a config into
# nn.Sequential, flattened with out.view) compiled with fullgraph=True for inference, and a
# compiled top-1 prediction function calling the model.
import torch

from models.vgg import VGG

torch.manual_seed(0)
net = VGG('VGG11')
net.eval()
fast = torch.compile(net, fullgraph=True)
x = torch.randn(2, 3, 32, 32)
with torch.no_grad():
    out = fast(x)
    print("logits", tuple(out.shape), torch.allclose(out, net(x), atol=1e-4))


@torch.compile
def predict(model, images):
    probs = torch.softmax(model(images), dim=1)
    conf, cls = probs.max(dim=1)
    return cls, conf


with torch.no_grad():
    cls, conf = predict(net, x)
print("classes", cls.shape, conf.dtype)
