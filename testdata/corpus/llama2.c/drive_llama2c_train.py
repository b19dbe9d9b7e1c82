# gbc corpus driver: karpathy/llama2.c's model.py trained the way its train.py does it -- the
# model compiled (`model = torch.compile(model)`), the loss read back from the raw model's
# last_loss attribute that forward() sets, gradient accumulation, a cosine learning-rate schedule
# written into the param groups, estimate_loss() in eval mode under torch.no_grad().
import math
from contextlib import nullcontext

import torch

from model import ModelArgs, Transformer

torch.manual_seed(1337)
max_seq_len, batch_size, vocab_size = 16, 2, 64
model_args = dict(dim=32, n_layers=2, n_heads=4, n_kv_heads=2, vocab_size=vocab_size,
                  multiple_of=16, max_seq_len=max_seq_len, dropout=0.0)
gptconf = ModelArgs(**model_args)
model = Transformer(gptconf)
optimizer = model.configure_optimizers(0.1, 5e-4, (0.9, 0.95), "cpu")
ctx = nullcontext()
print("compiling the model... (takes a ~minute)")
unoptimized_model = model
model = torch.compile(model)
raw_model = model
learning_rate, min_lr, warmup_iters, lr_decay_iters = 5e-4, 0.0, 1, 4
gradient_accumulation_steps = 2


def iter_batches():
    while True:
        chunk = torch.randint(0, vocab_size, (batch_size, max_seq_len + 1))
        yield chunk[:, :-1].contiguous(), chunk[:, 1:].contiguous()


@torch.no_grad()
def estimate_loss(eval_iters=2):
    model.eval()
    batch_iter = iter_batches()
    losses = torch.zeros(eval_iters)
    for k in range(eval_iters):
        X, Y = next(batch_iter)
        with ctx:
            logits = model(X, Y)
            loss = raw_model.last_loss
        losses[k] = loss.item()
    model.train()
    return losses.mean()


def get_lr(it):
    if it < warmup_iters:
        return learning_rate * it / warmup_iters
    if it > lr_decay_iters:
        return min_lr
    decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)
    assert 0 <= decay_ratio <= 1
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return min_lr + coeff * (learning_rate - min_lr)


train_batch_iter = iter_batches()
X, Y = next(train_batch_iter)
for iter_num in range(3):
    lr = get_lr(iter_num)
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr
    for micro_step in range(gradient_accumulation_steps):
        with ctx:
            logits = model(X, Y)
            loss = raw_model.last_loss
            loss = loss / gradient_accumulation_steps
        X, Y = next(train_batch_iter)
        loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    print(f"{iter_num} | loss {loss.item() * gradient_accumulation_steps:.4f} | lr {lr:e}")
print(f"val loss {estimate_loss():.4f}")
