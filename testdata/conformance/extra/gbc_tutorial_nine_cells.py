# The nine code cells of PyTorch's `torch._dynamo.error_on_graph_break` tutorial (the seed
# transcript in ../shared/seed/, cases seed_02 ... seed_10 of the conformance set) as one program.
# Each cell's functions carry the cell's number so that the cells do not overwrite each other;
# cells that raise catch the error and print it, as the tutorial does.
#
#   gbc analyze testdata/examples/tutorial.py       # the graph breaks and errors Dynamo reports
#   gbc run testdata/examples/tutorial.py           # what `python3 tutorial.py` prints
import torch


# Cell 2: error_on_graph_break(False) under error_on_graph_break(True): no error, a graph break.
@torch._dynamo.error_on_graph_break(False)
def code_with_a_difficult_graph_break_2(x):
    x = x + 1
    torch._dynamo.graph_break()
    return x + 2


def inner_2(x):
    return code_with_a_difficult_graph_break_2(x)


# NOTE: fullgraph=False
@torch._dynamo.error_on_graph_break(True)
@torch.compile
def fn_2(x):
    return inner_2(x)


print(fn_2(torch.randn(3)))


# Cell 3: error_on_graph_break(False) as a context manager.
@torch._dynamo.error_on_graph_break(True)
@torch.compile
def fn_3(x):
    x = x + 1
    with torch._dynamo.error_on_graph_break(False):
        torch._dynamo.graph_break()  # no error
    return x + 2


print(fn_3(torch.randn(3)))


# Cell 4: monkey patching a module's forward for code you cannot edit.
class ThirdPartyModule(torch.nn.Module):
    def forward(self, x):
        x = x + 1
        torch._dynamo.graph_break()
        return x + 2


tp_mod = ThirdPartyModule()
tp_mod.forward = torch._dynamo.error_on_graph_break(False)(tp_mod.forward)


@torch._dynamo.error_on_graph_break(True)
@torch.compile
def fn_4(x):
    return tp_mod.forward(x)


print(fn_4(torch.randn(3)))


# Cell 5: error_on_graph_break(True) under the default False: the inner break is an error.
@torch._dynamo.error_on_graph_break(True)
def inner2_5(x):
    x = x + 1
    torch._dynamo.graph_break()  # error
    return x + 2


def inner_5(x):
    return inner2_5(x)


# fullgraph=False, error_on_graph_break=False
@torch.compile
def fn_5(x):
    x = x + 4
    torch._dynamo.graph_break()  # no error
    return inner_5(x)


try:
    fn_5(torch.randn(3))
except Exception as e:
    print(e)


# Cell 6: the setting applies to nested calls.
def inner_6(x):
    x = x + 1
    torch._dynamo.graph_break()
    return x + 2


def inner2_6(x):
    with torch._dynamo.error_on_graph_break(False):
        return inner_6(x)


@torch._dynamo.error_on_graph_break(True)
@torch.compile
def fn_6(x):
    return inner2_6(x)


# no error
print(fn_6(torch.randn(3)))


# Cell 7: a region inside another region.
def inner_7(x):
    x = x + 1
    with torch._dynamo.error_on_graph_break(False):
        torch._dynamo.graph_break()
    return x + 2


def inner2_7(x):
    with torch._dynamo.error_on_graph_break(True):
        return inner_7(x)


@torch.compile
def fn_7(x):
    return inner2_7(x)


# no error
print(fn_7(torch.randn(3)))


# Cell 8: fullgraph=True takes precedence over error_on_graph_break(False).
@torch._dynamo.error_on_graph_break(False)
def inner_8(x):
    x = x + 1
    torch._dynamo.graph_break()
    return x + 2


@torch.compile(fullgraph=True)
def fn_8(x):
    return inner_8(x)


try:
    fn_8(torch.randn(3))
except Exception as e:
    print(e)


# Cell 9: fullgraph=True cannot be toggled back to False.
@torch.compile(fullgraph=False)
def inner_9(x):
    x = x + 1
    torch._dynamo.graph_break()
    return x + 2


@torch.compile(fullgraph=True)
def fn_9(x):
    return inner_9(x)


try:
    fn_9(torch.randn(3))
except Exception as e:
    print(e)


# Cell 10: an inner fullgraph=True function called from a default compiled function.
@torch.compile(fullgraph=True)
def inner_10(x):
    x = x + 1
    torch._dynamo.graph_break()
    return x + 2


@torch.compile(fullgraph=False)
def fn_10(x):
    return inner_10(x)


try:
    fn_10(torch.randn(3))
except Exception as e:
    print(e)
