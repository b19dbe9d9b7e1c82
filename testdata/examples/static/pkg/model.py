# Imports a compiled helper from a sibling module and compiles its own entry point; the package
# has no driver, so static mode analyses both (the helper once, though two modules name it).
import torch

from . import layers
from .layers import gelu_then_log


class Head(torch.nn.Module):
    def forward(self, x):
        h = gelu_then_log(x)
        return h.sum().item()


head = torch.compile(Head())
