import torch


@torch.compile
def f(x):
    return x + 1


f(torch.ones(2))
with torch.compiler.set_stance("fail_on_recompile"):
    try:
        f(torch.ones(3))
    except Exception as e:
        print(type(e).__name__, str(e).split(". filename")[0])
with torch.compiler.set_stance("eager_on_recompile"):
    print(f(torch.ones(4)))
print(f(torch.ones(5)))
