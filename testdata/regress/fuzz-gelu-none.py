# Found by scripts/fuzz (2026-11-26): F.gelu(None) downcast None to a tensor (UBSan: downcast of
# address which does not point to a TensorObject). Now a TypeError. (tree-sitter also accepts the
# `y = #comment` line below, which CPython rejects: noted, not fixed.)
import torch
import torch.nn.functional as F

@torch.compile
def fn(x):
    y = #.layer_norm(x, (4,))
    torch._dynamo.graph_break()
    return F.gelu(y)

print(fn(torch.tensor([[1.0, 2.0, 3.0, 4.0], [0.0, -1.0, 1.0, 0.5]])))
