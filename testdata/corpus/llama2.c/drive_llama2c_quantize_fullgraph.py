# gbc corpus driver: karpathy/llama2.c's export.quantize_q80 compiled with fullgraph=True. Without
# fullgraph its final `.item()` is a graph break (drive_llama2c_export.py); with it, the question
# is whether Dynamo errors out or keeps the scalar in the graph. Nothing catches an error here.
import torch

from export import quantize_q80
from model import ModelArgs, Transformer

torch.manual_seed(0)
model = Transformer(ModelArgs(dim=32, n_layers=1, n_heads=2, vocab_size=32, multiple_of=16,
                              max_seq_len=8))
print("parameters", sum(p.numel() for p in model.parameters()))
quantize = torch.compile(quantize_q80, fullgraph=True)
q, s, err = quantize(model.output.weight, 32)
print("max error", round(err, 6))
