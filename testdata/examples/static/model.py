# A model file with no driver: everything is compiled, nothing is called. `gbc analyze` runs it in
# static mode and reports what may break when a caller uses it.
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, dim=3):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    @torch.compile
    def forward(self, x, verbose=False):
        y = self.proj(x)
        if verbose:
            print("block output", y.shape)
        scale = y.abs().max().item()
        return y / scale


@torch.compile
def normalize(x, eps=1e-5):
    torch._dynamo.graph_break()
    return x / (x.abs().sum() + eps)


@torch.compile(fullgraph=True)
def strict_scale(x, factor=2.0):
    print("scaling")
    return x * factor


@torch.compile
def image_stats(img):
    # gbc's synthesized input is a 2x3 tensor: the static call stops at this assert (a note)
    assert img.dim() == 4, "expected an NCHW batch"
    return img.mean(dim=(2, 3))


def plain(x):
    return x + 1


class Scaled(nn.Module):
    # __init__ needs an argument gbc cannot invent: static mode skips it with a note
    def __init__(self, scale):
        super().__init__()
        self.scale = scale

    @torch.compile
    def forward(self, x):
        return x * self.scale
