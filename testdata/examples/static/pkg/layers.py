import torch


@torch.compile
def gelu_then_log(x):
    y = torch.nn.functional.gelu(x)
    print("gelu done")
    return y.log()
