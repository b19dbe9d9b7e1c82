import abc
import torch

@torch.compile
def fn(x):
    tok = abc.get_cache_token()
    return x + (tok is not None)

print(fn(torch.ones(2)))
