import heapq
import torch

@torch.compile
def fn(x):
    h = [5, 1, 4]
    heapq.heapify(h)
    heapq.heappush(h, 0)
    return x + heapq.heappop(h) + h[0]

print(fn(torch.ones(2)))
