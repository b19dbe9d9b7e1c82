# gbc corpus driver: nanoGPT's model.py compiled with fullgraph=True, called for training
# (targets given: full logits and cross-entropy) and for inference (last position only), then
# with a second sequence length, which recompiles the frame with a dynamic length.
import torch

from model import GPTConfig, GPT

torch.manual_seed(1337)
config = GPTConfig(block_size=32, vocab_size=50, n_layer=2, n_head=4, n_embd=32, dropout=0.0)
model = GPT(config)
compiled = torch.compile(model, fullgraph=True)

idx = torch.randint(0, 50, (2, 8))
targets = torch.randint(0, 50, (2, 8))
logits, loss = compiled(idx, targets)
ref_logits, ref_loss = model(idx, targets)
print("train", tuple(logits.shape), torch.allclose(loss, ref_loss, atol=1e-5))

logits, loss = compiled(idx)
print("infer", tuple(logits.shape), loss is None)

idx2 = torch.randint(0, 50, (2, 12))
logits, _ = compiled(idx2)
print("longer", tuple(logits.shape), torch.allclose(logits, model(idx2)[0], atol=1e-5))
