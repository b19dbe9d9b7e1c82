# gbc corpus driver: nanoGPT's model.py trained the way its train.py does it -- the optimizer from
# configure_optimizers, `model = torch.compile(model)`, a few steps of forward, backward, gradient
# clipping and AdamW, and estimate_loss() in eval mode under torch.no_grad(). Small sizes, CPU.
import torch

from model import GPTConfig, GPT

torch.manual_seed(1337)
block_size, batch_size = 16, 4
config = GPTConfig(block_size=block_size, vocab_size=64, n_layer=2, n_head=2, n_embd=32,
                   dropout=0.0, bias=True)
model = GPT(config)
optimizer = model.configure_optimizers(weight_decay=0.1, learning_rate=1e-3, betas=(0.9, 0.95),
                                       device_type='cpu')
print("compiling the model... (takes a ~minute)")
unoptimized_model = model
model = torch.compile(model)

data = torch.randint(0, 64, (512,))


def get_batch():
    ix = torch.randint(len(data) - block_size, (batch_size,))
    x = torch.stack([data[i:i + block_size] for i in ix])
    y = torch.stack([data[i + 1:i + 1 + block_size] for i in ix])
    return x, y


@torch.no_grad()
def estimate_loss(eval_iters=2):
    model.eval()
    losses = torch.zeros(eval_iters)
    for k in range(eval_iters):
        X, Y = get_batch()
        logits, loss = model(X, Y)
        losses[k] = loss.item()
    model.train()
    return losses.mean()


X, Y = get_batch()
for iter_num in range(3):
    logits, loss = model(X, Y)
    X, Y = get_batch()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    print(f"iter {iter_num}: loss {loss.item():.4f}")
print(f"val loss {estimate_loss():.4f}")
print("logits", tuple(logits.shape))
