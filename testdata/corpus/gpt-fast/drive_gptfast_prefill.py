# gbc corpus driver: gpt-fast's model.py with generate.py's --compile_prefill path:
# `prefill = torch.compile(prefill, fullgraph=True, dynamic=True)` over prompts of two lengths,
# and model_forward compiled with fullgraph=True on a batch of positions, as speculative decoding
# verifies draft tokens. The model is built on the meta device and loaded with assign=True, as
# generate.py's _load_model does with a checkpoint.
from typing import Optional

import torch

from model import ModelArgs, Transformer


def logits_to_probs(logits, temperature: float = 1.0, top_k: Optional[int] = None):
    logits = logits / max(temperature, 1e-5)
    if top_k is not None:
        v, _ = torch.topk(logits, min(top_k, logits.size(-1)))
        pivot = v.select(-1, -1).unsqueeze(-1)
        logits = torch.where(logits < pivot, -float("Inf"), logits)
    return torch.nn.functional.softmax(logits, dim=-1)


def prefill(model, x, input_pos, temperature=1.0, top_k=None):
    logits = model(x, input_pos)
    probs = logits_to_probs(logits[:, -1], temperature, top_k)
    return torch.argmax(probs, dim=-1, keepdim=True).to(dtype=torch.int)


def model_forward(model, x, input_pos):
    return model(x, input_pos)


torch.manual_seed(7)
config = ModelArgs(block_size=64, vocab_size=80, n_layer=2, n_head=4, dim=48)
checkpoint = Transformer(config).state_dict()
with torch.device('meta'):
    model = Transformer(config)
model.load_state_dict(checkpoint, assign=True)
model = model.eval()
with torch.device('cpu'):
    model.setup_caches(max_batch_size=2, max_seq_length=32)
print("cache", tuple(model.layers[0].attention.kv_cache.k_cache.shape), model.max_seq_length)

prefill = torch.compile(prefill, fullgraph=True, dynamic=True)
model_forward = torch.compile(model_forward, fullgraph=True)

with torch.no_grad():
    for T in (5, 9):
        prompt = torch.randint(0, 80, (2, T), dtype=torch.int)
        tok = prefill(model, prompt, torch.arange(0, T), temperature=0.5, top_k=8)
        print("prefill", T, tuple(tok.shape), tok.dtype)
    draft = torch.randint(0, 80, (2, 4), dtype=torch.int)
    logits = model_forward(model, draft, torch.arange(9, 13))
    print("verify", tuple(logits.shape))
