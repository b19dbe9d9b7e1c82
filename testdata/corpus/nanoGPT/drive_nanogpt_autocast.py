# gbc corpus driver: nanoGPT's model.py under mixed precision the way train.py sets it up --
# `ctx = torch.amp.autocast(device_type=..., dtype=ptdtype)` around the compiled model's forward
# -- here on the CPU with bfloat16, plus torch.compile(dynamic=False), so the two batch sizes
# compile twice.
import torch

from model import GPTConfig, GPT

torch.manual_seed(1337)
device_type = 'cpu'
ptdtype = {'float32': torch.float32, 'bfloat16': torch.bfloat16, 'float16': torch.float16}['bfloat16']
ctx = torch.amp.autocast(device_type=device_type, dtype=ptdtype)
model = GPT(GPTConfig(block_size=16, vocab_size=32, n_layer=1, n_head=2, n_embd=16, dropout=0.0))
model = torch.compile(model, dynamic=False)

for batch_size in (2, 3):
    X = torch.randint(0, 32, (batch_size, 16))
    Y = torch.randint(0, 32, (batch_size, 16))
    with ctx:
        logits, loss = model(X, Y)
    print(batch_size, logits.dtype, loss.dtype, tuple(logits.shape))
    loss.backward()
print("grad dtype", model.lm_head.weight.grad.dtype)
