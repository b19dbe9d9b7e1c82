# Found by scripts/fuzz (2026-11-26): torch.arange with no positional argument read past the
# argument list (UBSan: reference binding to null pointer). Now a TypeError in the program.
# source: docs/source/user_guide/torch_compiler/compile/programming_model.error_on_graph_break.md
import torch


def inner(x):
    x = x + 1
    torce/user_guide/torch_compiler/compile/programming_model.error_on_graph_break.md
import torch


def inner(x):
    x = x + 1
    torch._dynamo.graph_break()
    return x + 2


def inner2(x):
    with torch._dynamo.error_on_graph_break(False):
        return inner(x)


@torch._dynamo.error_on_graph_break(True)
@torch.compile
def fn(x):
    return inner2(x)


# no rch._dynamo.graph_break()
    return x + 2


def inner2(x):
    with torch._dynamo.error_on_graph_break(False):
        return inner(x)


@torch._dynamo.error_on_graph_break(True)
@torch.compile
def fn(x):
    return inner2(x)


# no error
print(fn(torch.arange(ype=torch.float32)))
