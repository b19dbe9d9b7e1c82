# gbc corpus driver: nanoGPT's model.py with a whole training step compiled as one function --
# forward, loss.backward(), optimizer.step() and zero_grad() inside `@torch.compile`.
import torch

from model import GPTConfig, GPT

torch.manual_seed(1337)
config = GPTConfig(block_size=16, vocab_size=64, n_layer=1, n_head=2, n_embd=32, dropout=0.0)
model = GPT(config)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)


@torch.compile
def train_step(x, y):
    logits, loss = model(x, y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return loss


x = torch.randint(0, 64, (2, 16))
y = torch.randint(0, 64, (2, 16))
for step in range(2):
    loss = train_step(x, y)
    print(f"step {step}: loss {loss.item():.4f}")
