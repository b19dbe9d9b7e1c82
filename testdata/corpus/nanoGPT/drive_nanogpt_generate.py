# gbc corpus driver: nanoGPT's model.py with its generate() method itself compiled
# (`torch.compile(model.generate)`): a decorated (torch.no_grad) bound method with a Python loop
# over a growing sequence, top-k masking by boolean index assignment and torch.multinomial.
import torch

from model import GPTConfig, GPT

torch.manual_seed(1337)
config = GPTConfig(block_size=8, vocab_size=32, n_layer=1, n_head=2, n_embd=16, dropout=0.0)
model = GPT(config)
model.eval()
generate = torch.compile(model.generate)

idx = torch.zeros((2, 3), dtype=torch.long)
out = generate(idx, max_new_tokens=4, temperature=1.0, top_k=5)
print("generated", tuple(out.shape))
out = generate(idx, max_new_tokens=4)
print("generated without top_k", tuple(out.shape))
