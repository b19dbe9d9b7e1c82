# gbc corpus driver: pytorch/examples' word_language_model RNNModel (an LSTM language model with
# tied weights) compiled and trained as its main.py does: batchify, get_batch, repackage_hidden
# between batches, gradient clipping and a hand-written SGD update; then evaluate().
import torch
import torch.nn as nn

import model

torch.manual_seed(1111)
ntokens, bptt, batch_size = 50, 5, 4
corpus = torch.randint(0, ntokens, (200,))


def batchify(data, bsz):
    nbatch = data.size(0) // bsz
    data = data.narrow(0, 0, nbatch * bsz)
    data = data.view(bsz, -1).t().contiguous()
    return data


def get_batch(source, i):
    seq_len = min(bptt, len(source) - 1 - i)
    data = source[i:i+seq_len]
    target = source[i+1:i+1+seq_len].view(-1)
    return data, target


def repackage_hidden(h):
    """Wraps hidden states in new Tensors, to detach them from their history."""
    if isinstance(h, torch.Tensor):
        return h.detach()
    else:
        return tuple(repackage_hidden(v) for v in h)


train_data = batchify(corpus[:160], batch_size)
val_data = batchify(corpus[160:], batch_size)
net = model.RNNModel('LSTM', ntokens, 16, 16, 2, dropout=0.2, tie_weights=True)
compiled = torch.compile(net)
criterion = nn.NLLLoss()
lr = 20


def evaluate(data_source):
    net.eval()
    total_loss = 0.
    hidden = net.init_hidden(batch_size)
    with torch.no_grad():
        for i in range(0, data_source.size(0) - 1, bptt):
            data, targets = get_batch(data_source, i)
            output, hidden = compiled(data, hidden)
            hidden = repackage_hidden(hidden)
            total_loss += len(data) * criterion(output, targets).item()
    return total_loss / (len(data_source) - 1)


net.train()
hidden = net.init_hidden(batch_size)
for batch, i in enumerate(range(0, 3 * bptt, bptt)):
    data, targets = get_batch(train_data, i)
    net.zero_grad()
    hidden = repackage_hidden(hidden)
    output, hidden = compiled(data, hidden)
    loss = criterion(output, targets)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 0.25)
    for p in net.parameters():
        p.data.add_(p.grad, alpha=-lr)
    print('| batch {:3d} | loss {:5.2f}'.format(batch, loss.item()))
print('| valid loss {:5.2f}'.format(evaluate(val_data)))
