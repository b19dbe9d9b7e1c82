# gbc corpus driver: jadore801120/attention-is-all-you-need-pytorch's Translator (beam search over
# the Transformer's encoder and decoder, a data-dependent `.item()` stopping test in its loop),
# with translate_sentence itself compiled, as one might try to speed up its translate.py.
import torch

from transformer.Models import Transformer
from transformer.Translator import Translator

torch.manual_seed(0)
pad_idx, bos_idx, eos_idx, vocab = 1, 2, 3, 24
model = Transformer(vocab, vocab, src_pad_idx=pad_idx, trg_pad_idx=pad_idx, d_word_vec=16,
                    d_model=16, d_inner=32, n_layers=1, n_head=2, d_k=8, d_v=8, dropout=0.1,
                    n_position=16)
translator = Translator(model=model, beam_size=3, max_seq_len=6, src_pad_idx=pad_idx,
                        trg_pad_idx=pad_idx, trg_bos_idx=bos_idx, trg_eos_idx=eos_idx)
translate = torch.compile(translator.translate_sentence)

src_seq = torch.LongTensor([[2, 9, 14, 5, 3]])
pred_seq = translate(src_seq)
print("hypothesis length", len(pred_seq), "starts with BOS:", pred_seq[0] == bos_idx)
print("same as eager:", pred_seq == translator.translate_sentence(src_seq))
