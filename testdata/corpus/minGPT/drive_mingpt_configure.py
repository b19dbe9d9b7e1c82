# gbc corpus driver: minGPT's GPT with `model.compile()` (nn.Module.compile, in place), trained two
# steps with the optimizer of configure_optimizers (decay / no-decay groups by module type) and
# a compiled optimizer step (`torch.compile(optimizer.step)`), as the PyTorch recipe for
# compiling the optimizer does.
import torch

from mingpt.model import GPT
from mingpt.utils import CfgNode as CN

torch.manual_seed(0)
config = GPT.get_default_config()
config.model_type = 'gpt-nano'
config.vocab_size = 16
config.block_size = 8
config.embd_pdrop = config.resid_pdrop = config.attn_pdrop = 0.0
model = GPT(config)
model.compile()

train_config = CN(weight_decay=0.1, learning_rate=1e-3, betas=(0.9, 0.95))
optimizer = model.configure_optimizers(train_config)
print("groups", [len(g["params"]) for g in optimizer.param_groups])


@torch.compile(fullgraph=False)
def opt_step():
    optimizer.step()


x = torch.randint(0, 16, (4, 8))
y = torch.randint(0, 16, (4, 8))
for it in range(2):
    logits, loss = model(x, y)
    model.zero_grad(set_to_none=True)
    loss.backward()
    opt_step()
    print(f"iter {it}: loss {loss.item():.4f}")
