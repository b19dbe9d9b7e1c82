# gbc corpus driver: gpt-fast's model.py (a Llama-style Transformer with a KV cache) driven the way
# its generate.py does it without speculation: prefill eagerly, then decode token by token with
# `decode_one_token = torch.compile(decode_one_token, fullgraph=True)` (generate.py adds
# mode="reduce-overhead", a CUDA-graph option). The sampling helpers below follow generate.py.
from typing import Optional

import torch

from model import ModelArgs, Transformer


def multinomial_sample_one_no_sync(probs_sort):
    q = torch.empty_like(probs_sort).exponential_(1)
    return torch.argmax(probs_sort / q, dim=-1, keepdim=True).to(dtype=torch.int)


def logits_to_probs(logits, temperature: float = 1.0, top_k: Optional[int] = None):
    logits = logits / max(temperature, 1e-5)
    if top_k is not None:
        v, _ = torch.topk(logits, min(top_k, logits.size(-1)))
        pivot = v.select(-1, -1).unsqueeze(-1)
        logits = torch.where(logits < pivot, -float("Inf"), logits)
    probs = torch.nn.functional.softmax(logits, dim=-1)
    return probs


def sample(logits, temperature: float = 1.0, top_k: Optional[int] = None):
    probs = logits_to_probs(logits[:, -1], temperature, top_k)
    idx_next = multinomial_sample_one_no_sync(probs)
    return idx_next, probs


def prefill(model, x, input_pos, **sampling_kwargs):
    logits = model(x, input_pos)
    return sample(logits, **sampling_kwargs)[0]


def decode_one_token(model, x, input_pos, **sampling_kwargs):
    assert input_pos.shape[-1] == 1
    logits = model(x, input_pos)
    return sample(logits, **sampling_kwargs)


def decode_n_tokens(model, cur_token, input_pos, num_new_tokens, **sampling_kwargs):
    new_tokens, new_probs = [], []
    for i in range(num_new_tokens):
        next_token, next_prob = decode_one_token(model, cur_token, input_pos, **sampling_kwargs)
        input_pos += 1
        new_tokens.append(next_token.clone())
        new_probs.append(next_prob.clone())
        cur_token = next_token.clone()
    return new_tokens, new_probs


@torch.no_grad()
def generate(model, prompt, max_new_tokens, batch_size, **sampling_kwargs):
    T = prompt.size(-1)
    T_new = T + max_new_tokens
    max_seq_length = min(T_new, model.config.block_size)
    device, dtype = prompt.device, prompt.dtype
    with torch.device(device):
        model.setup_caches(max_batch_size=batch_size, max_seq_length=max_seq_length)
    empty = torch.empty(batch_size, T_new, dtype=dtype, device=device)
    prompt = prompt.view(1, -1).repeat(batch_size, 1)
    empty[:, :T] = prompt
    seq = empty
    input_pos = torch.arange(0, T, device=device)
    next_token = prefill(model, prompt.view(batch_size, -1), input_pos, **sampling_kwargs).clone()
    seq[:, T] = next_token.squeeze()
    input_pos = torch.tensor([T], device=device, dtype=torch.int)
    generated_tokens, _ = decode_n_tokens(model, next_token.view(batch_size, -1), input_pos,
                                          max_new_tokens - 1, **sampling_kwargs)
    seq[:, T + 1:] = torch.cat(generated_tokens, dim=-1)
    return seq


torch.manual_seed(1234)
config = ModelArgs(block_size=64, vocab_size=96, n_layer=2, n_head=4, dim=64, n_local_heads=2)
model = Transformer(config).eval()
print("head_dim", config.head_dim, "intermediate_size", config.intermediate_size)

decode_one_token = torch.compile(decode_one_token, fullgraph=True)

prompt = torch.tensor([1, 15, 27, 3], dtype=torch.int)
seq = generate(model, prompt, max_new_tokens=5, batch_size=1, temperature=0.8, top_k=20)
print("sequence", tuple(seq.shape), seq.dtype, seq[0, :4].tolist())
