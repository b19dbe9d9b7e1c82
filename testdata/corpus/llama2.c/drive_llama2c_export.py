# gbc corpus driver: karpathy/llama2.c's export.py -- its Q8_0 group quantizer quantize_q80
# compiled (`torch.compile(quantize_q80)`: reshape, group max, round to int8, dequantize, and the
# max error read back with .item()) over every weight matrix of a small model, and serialize_fp32
# writing the norm weights into an in-memory file.
import io

import torch

from export import quantize_q80, serialize_fp32
from model import ModelArgs, Transformer

torch.manual_seed(0)
model = Transformer(ModelArgs(dim=32, n_layers=1, n_heads=2, vocab_size=32, multiple_of=16,
                              max_seq_len=8))
quantize = torch.compile(quantize_q80)
group_size = 32
ew = []
for name, w in model.named_parameters():
    if w.dim() == 2 and w.numel() % group_size == 0:
        q, s, err = quantize(w, group_size)
        ew.append((err, w.shape))
        print(f"quantized {name:35s} {tuple(w.shape)} to {q.dtype}, max error below 0.01: {err < 0.01}")
ew.sort(reverse=True)
print("largest error shape", tuple(ew[0][1]))

out = io.BytesIO()
for layer in model.layers:
    serialize_fp32(out, layer.attention_norm.weight)
serialize_fp32(out, model.norm.weight)
print("bytes written", len(out.getvalue()))
