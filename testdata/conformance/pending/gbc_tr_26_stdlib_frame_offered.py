import logging
import torch

logging.basicConfig(level=logging.ERROR)
log = logging.getLogger("probe")

def report(t):
    log.info("value %s", t)
    return t

@torch.compile
def fn(x):
    y = x + 1
    torch._dynamo.graph_break()
    return report(y) * 2

print(fn(torch.ones(2)))
