# gbc corpus driver: jadore801120/attention-is-all-you-need-pytorch's Transformer (masks from pad
# and subsequent positions, shared embedding/projection weights, NumPy sinusoid table) trained the
# way its train.py does it -- ScheduledOptim around Adam, patch_trg, cal_performance with label
# smoothing -- with the model compiled and cal_performance compiled too (it calls .item()).
# cal_performance, cal_loss and patch_trg are train.py's (which imports torchtext and tqdm).
import torch
import torch.nn.functional as F
import torch.optim as optim

import transformer.Constants as Constants
from transformer.Models import Transformer
from transformer.Optim import ScheduledOptim


def cal_performance(pred, gold, trg_pad_idx, smoothing=False):
    ''' Apply label smoothing if needed '''
    loss = cal_loss(pred, gold, trg_pad_idx, smoothing=smoothing)
    pred = pred.max(1)[1]
    gold = gold.contiguous().view(-1)
    non_pad_mask = gold.ne(trg_pad_idx)
    n_correct = pred.eq(gold).masked_select(non_pad_mask).sum().item()
    n_word = non_pad_mask.sum().item()
    return loss, n_correct, n_word


def cal_loss(pred, gold, trg_pad_idx, smoothing=False):
    ''' Calculate cross entropy loss, apply label smoothing if needed. '''
    gold = gold.contiguous().view(-1)
    if smoothing:
        eps = 0.1
        n_class = pred.size(1)
        one_hot = torch.zeros_like(pred).scatter(1, gold.view(-1, 1), 1)
        one_hot = one_hot * (1 - eps) + (1 - one_hot) * eps / (n_class - 1)
        log_prb = F.log_softmax(pred, dim=1)
        non_pad_mask = gold.ne(trg_pad_idx)
        loss = -(one_hot * log_prb).sum(dim=1)
        loss = loss.masked_select(non_pad_mask).sum()  # average later
    else:
        loss = F.cross_entropy(pred, gold, ignore_index=trg_pad_idx, reduction='sum')
    return loss


def patch_trg(trg, pad_idx):
    trg = trg.transpose(0, 1)
    trg, gold = trg[:, :-1], trg[:, 1:].contiguous().view(-1)
    return trg, gold


torch.manual_seed(0)
print("special words", Constants.PAD_WORD, Constants.BOS_WORD, Constants.EOS_WORD)
pad_idx, vocab = 1, 30
model = Transformer(vocab, vocab, src_pad_idx=pad_idx, trg_pad_idx=pad_idx, d_word_vec=32,
                    d_model=32, d_inner=64, n_layers=2, n_head=4, d_k=8, d_v=8, dropout=0.1,
                    n_position=20)
optimizer = ScheduledOptim(optim.Adam(model.parameters(), betas=(0.9, 0.98), eps=1e-09),
                           2.0, 32, 4000)
compiled = torch.compile(model)
performance = torch.compile(cal_performance)

model.train()
src_seq = torch.randint(2, vocab, (3, 7))
src_seq[0, -2:] = pad_idx
batch_trg = torch.randint(2, vocab, (8, 3))  # (len, batch) as torchtext yields it
for step in range(2):
    trg_seq, gold = patch_trg(batch_trg, pad_idx)
    optimizer.zero_grad()
    pred = compiled(src_seq, trg_seq)
    loss, n_correct, n_word = performance(pred, gold, pad_idx, smoothing=True)
    loss.backward()
    optimizer.step_and_update_lr()
    print(f"step {step}: loss/word {loss.item() / n_word:.4f}, words {n_word}, "
          f"lr {optimizer._optimizer.param_groups[0]['lr']:.3e}")
