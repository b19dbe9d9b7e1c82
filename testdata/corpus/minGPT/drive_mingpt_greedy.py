# gbc corpus driver: minGPT's GPT (built from a CfgNode config) with a greedy next-token function
# compiled with fullgraph=True and called in a Python loop over a growing context, against
# minGPT's own (uncompiled) generate() for the same prompt.
import torch

from mingpt.model import GPT
from mingpt.utils import set_seed

set_seed(42)
config = GPT.get_default_config()
config.merge_from_dict({'model_type': None, 'n_layer': 2, 'n_head': 2, 'n_embd': 24})
config.vocab_size = 20
config.block_size = 12
config.embd_pdrop = config.resid_pdrop = config.attn_pdrop = 0.0
print(config)
model = GPT(config)
model.eval()


@torch.compile(fullgraph=True)
def next_token(idx):
    logits, _ = model(idx)
    return logits[:, -1, :].argmax(dim=-1, keepdim=True)


idx = torch.tensor([[1, 2, 3]])
with torch.no_grad():
    for _ in range(4):
        idx = torch.cat((idx, next_token(idx)), dim=1)
reference = model.generate(torch.tensor([[1, 2, 3]]), 4, do_sample=False)
print("greedy", idx.tolist()[0][:3], tuple(idx.shape), torch.equal(idx, reference))
