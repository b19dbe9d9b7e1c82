# gbc corpus driver: karpathy/llama2.c's model.py sampled with its generate() after the model's
# forward was replaced on the instance by a compiled one (`model.forward = torch.compile(
# model.forward)`), so generate()'s self(idx_cond) calls reach the compiled frame; greedy
# (temperature 0.0) and top-k sampling over a growing context.
import torch

from model import ModelArgs, Transformer

torch.manual_seed(42)
args = ModelArgs(dim=32, n_layers=2, n_heads=4, vocab_size=48, multiple_of=16, max_seq_len=12)
model = Transformer(args)
model.eval()
model.forward = torch.compile(model.forward)

x = torch.tensor([[1, 7, 9]], dtype=torch.long)
with torch.no_grad():
    greedy = model.generate(x, max_new_tokens=4, temperature=0.0)
    print("greedy", tuple(greedy.shape), greedy[0, :3].tolist())
    sampled = model.generate(x, max_new_tokens=3, temperature=0.8, top_k=5)
    print("sampled", tuple(sampled.shape))
print("last_loss", model.last_loss)
