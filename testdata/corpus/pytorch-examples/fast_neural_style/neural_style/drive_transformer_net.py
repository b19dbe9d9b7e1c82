# gbc corpus driver: pytorch/examples' fast_neural_style TransformerNet (reflection padding,
# InstanceNorm, residual blocks, nearest-neighbour upsampling) compiled with dynamic=True over
# two image sizes, and a compiled style loss built on a Gram matrix as neural_style.py does.
import torch

from transformer_net import TransformerNet


def gram_matrix(y):
    (b, ch, h, w) = y.size()
    features = y.view(b, ch, w * h)
    features_t = features.transpose(1, 2)
    gram = features.bmm(features_t) / (ch * h * w)
    return gram


torch.manual_seed(42)
transformer = TransformerNet()
transformer.eval()
stylize = torch.compile(transformer, dynamic=True)

with torch.no_grad():
    for size in (32, 40):
        content = torch.rand(1, 3, size, size) * 255
        output = stylize(content)
        print("stylized", tuple(output.shape))


@torch.compile
def style_loss(features, gram_style, weight=1e10):
    loss = 0.
    for ft_y, gm_s in zip(features, gram_style):
        gm_y = gram_matrix(ft_y)
        loss += torch.nn.functional.mse_loss(gm_y, gm_s)
    return weight * loss


feats = [torch.rand(2, 8, 6, 6), torch.rand(2, 16, 3, 3)]
grams = [gram_matrix(torch.rand(1, 8, 6, 6)), gram_matrix(torch.rand(1, 16, 3, 3))]
print("style loss positive:", style_loss(feats, grams).item() > 0)
