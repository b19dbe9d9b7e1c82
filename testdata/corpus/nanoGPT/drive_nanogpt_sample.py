# gbc corpus driver: nanoGPT's model.py sampled the way its sample.py does it -- model.eval(),
# `model = torch.compile(model)`, then model.generate(...) under torch.no_grad(). generate() is
# reached through the compiled wrapper's attribute lookup and calls the original module, so the
# question is what Dynamo compiles at all. Then the compiled model is called directly once.
import torch

from model import GPTConfig, GPT

torch.manual_seed(1337)
config = GPTConfig(block_size=16, vocab_size=64, n_layer=2, n_head=2, n_embd=32, dropout=0.0,
                   bias=False)
model = GPT(config)
model.eval()
model = torch.compile(model)

start_ids = [0, 5, 7]
x = torch.tensor(start_ids, dtype=torch.long)[None, ...]
with torch.no_grad():
    for k in range(2):
        y = model.generate(x, 6, temperature=0.8, top_k=10)
        print(tuple(y.shape), y[0, :3].tolist())
        print('---------------')
    logits, loss = model(x)
    print("direct call:", tuple(logits.shape), loss)
