# gbc corpus driver: gpt-fast's mixtral-moe/model.py (a sparse mixture-of-experts Transformer:
# top-k routing, per-token expert weights gathered by index, einsum) in bfloat16 as its
# generate.py runs it, with the model itself compiled for prefill and one decode step.
import torch

from model import ModelArgs, Transformer

torch.manual_seed(3)
config = ModelArgs(block_size=32, vocab_size=64, n_layer=2, n_head=4, n_local_heads=2, dim=32,
                   intermediate_size=48, num_experts=4, num_activated_experts=2)
model = Transformer(config)
with torch.no_grad():
    for name, p in model.named_parameters():
        if "cond_ffn" in name:
            torch.nn.init.normal_(p, std=0.02)
model = model.to(dtype=torch.bfloat16).eval()
model.setup_caches(max_batch_size=1, max_seq_length=16)

forward = torch.compile(model, fullgraph=True)
with torch.no_grad():
    x = torch.randint(0, 64, (1, 6))
    logits = forward(x, torch.arange(0, 6))
    print("prefill", tuple(logits.shape), logits.dtype)
    nxt = logits[:, -1].argmax(dim=-1, keepdim=True)
    logits = forward(nxt, torch.tensor([6]))
    print("decode", tuple(logits.shape), logits.dtype)
