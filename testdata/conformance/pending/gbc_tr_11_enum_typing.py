import enum
import typing
import torch

class Mode(enum.Enum):
    A = 1
    B = 2

@torch.compile
def fn(x, mode=Mode.B):
    y = typing.cast(torch.Tensor, x)
    if mode == Mode.B:
        return y * mode.value
    return y

print(fn(torch.ones(2)))
