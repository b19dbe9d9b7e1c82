import torch


def level3(x):
    x = x + 3
    torch._dynamo.graph_break()
    return x


@torch._dynamo.error_on_graph_break(False)
def level2(x):
    x = level3(x) * 2
    torch._dynamo.graph_break()
    return x


@torch._dynamo.error_on_graph_break(True)
def level1(x):
    with torch._dynamo.error_on_graph_break(False):
        x = level2(x)
    return x + 1


@torch.compile
def top(x):
    return level1(x - 1)


print(top(torch.zeros(2)))
print(top(torch.zeros(2)))
