# gbc corpus driver: locuslab/TCN's word-level language model (word_cnn/model.py: embedding,
# TemporalConvNet over the transposed sequence, decoder tied to the embedding) compiled with
# fullgraph=True, evaluated as its word_cnn_test.py evaluate() does (effective history dropped).
import torch
import torch.nn as nn

from TCN.word_cnn.model import TCN

torch.manual_seed(1111)
n_words, emsize, seq_len, validseqlen = 60, 16, 12, 8
model = TCN(emsize, n_words, [16, 16, emsize], dropout=0.1, emb_dropout=0.1, kernel_size=3,
            tied_weights=True)
compiled = torch.compile(model, fullgraph=True)
criterion = nn.CrossEntropyLoss()

data = torch.randint(0, n_words, (4, seq_len))
targets = torch.randint(0, n_words, (4, seq_len))
model.eval()
with torch.no_grad():
    output = compiled(data)
    eff_history = seq_len - validseqlen
    final_output = output[:, eff_history:].contiguous().view(-1, n_words)
    final_target = targets[:, eff_history:].contiguous().view(-1)
    loss = criterion(final_output, final_target)
print("output", tuple(output.shape), "loss finite:", bool(torch.isfinite(loss)))
print("tied:", model.decoder.weight is model.encoder.weight)
