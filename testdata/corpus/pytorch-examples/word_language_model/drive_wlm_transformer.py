# gbc corpus driver: pytorch/examples' word_language_model TransformerModel (an nn.Transformer
# subclass whose forward caches its causal mask on self) compiled, trained a few steps with AdamW
# on sequences of two lengths, then run in eval mode without the mask.
import torch
import torch.nn as nn

import model

torch.manual_seed(1111)
ntokens = 40
net = model.TransformerModel(ntokens, 16, 2, 32, 2, dropout=0.1)
print(net.model_type, type(net).__mro__[1].__name__)
compiled = torch.compile(net)
criterion = nn.NLLLoss()
optimizer = torch.optim.AdamW(net.parameters(), lr=1e-3)

net.train()
for seq_len in (6, 6, 8):
    data = torch.randint(0, ntokens, (seq_len, 3))
    targets = torch.randint(0, ntokens, (seq_len * 3,))
    optimizer.zero_grad()
    output = compiled(data)
    output = output.view(-1, ntokens)
    loss = criterion(output, targets)
    loss.backward()
    optimizer.step()
    print("seq_len", seq_len, "mask", tuple(net.src_mask.shape), "loss > 0:", loss.item() > 0)

net.eval()
with torch.no_grad():
    out = compiled(torch.randint(0, ntokens, (5, 2)), has_mask=False)
print("eval", tuple(out.shape), net.src_mask)
