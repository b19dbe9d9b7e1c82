import collections
import torch

@torch.compile
def fn(x):
    d = collections.OrderedDict()
    d["a"] = x + 1
    dd = collections.defaultdict(list)
    dd["k"].append(x * 2)
    q = collections.deque([x], maxlen=2)
    q.append(x - 1)
    return d["a"] + dd["k"][0] + q[0] + q[-1]

print(fn(torch.ones(2)))
