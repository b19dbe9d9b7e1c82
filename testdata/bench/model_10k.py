# A ~10 KB model file of the kind an editor re-analyses on every save: a small transformer-style
# network, a training-style step and a few helpers, compiled in several ways, with the graph
# breaks such code typically has. Input of scripts/bench's editor-latency figure.
import math

import torch
import torch.nn as nn


class Config:
    def __init__(self, dim=32, hidden=64, layers=2, heads=4, vocab=50, dropout=0.0):
        self.dim = dim
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.vocab = vocab
        self.dropout = dropout

    def head_dim(self):
        return self.dim // self.heads


def gelu_tanh(x):
    # The tanh approximation, written out.
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x * x * x)))


def scaled_scores(q, k, scale):
    return torch.matmul(q, k.transpose(-2, -1)) * scale


class FeedForward(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.up = nn.Linear(config.dim, config.hidden)
        self.down = nn.Linear(config.hidden, config.dim)
        self.act = nn.GELU()

    def forward(self, x):
        return self.down(self.act(self.up(x)))


class Attention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.heads = config.heads
        self.head_dim = config.head_dim()
        self.query = nn.Linear(config.dim, config.dim)
        self.key = nn.Linear(config.dim, config.dim)
        self.value = nn.Linear(config.dim, config.dim)
        self.out = nn.Linear(config.dim, config.dim)
        self.scale = 1.0 / math.sqrt(self.head_dim)

    def split(self, x):
        b, t, d = x.shape
        return x.view(b, t, self.heads, self.head_dim).transpose(1, 2)

    def merge(self, x):
        b, h, t, d = x.shape
        return x.transpose(1, 2).reshape(b, t, h * d)

    def forward(self, x):
        q = self.split(self.query(x))
        k = self.split(self.key(x))
        v = self.split(self.value(x))
        scores = scaled_scores(q, k, self.scale)
        weights = torch.softmax(scores, dim=-1)
        return self.out(self.merge(torch.matmul(weights, v)))


class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.norm1 = nn.LayerNorm(config.dim)
        self.attn = Attention(config)
        self.norm2 = nn.LayerNorm(config.dim)
        self.ff = FeedForward(config)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        x = x + self.ff(self.norm2(x))
        return x


class TinyTransformer(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.blocks = nn.ModuleList([Block(config) for _ in range(config.layers)])
        self.norm = nn.LayerNorm(config.dim)
        self.head = nn.Linear(config.dim, config.vocab)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))


class Monitor:
    """Collects statistics while the model runs (the kind of code that breaks graphs)."""

    def __init__(self):
        self.values = []

    def record(self, name, tensor):
        value = tensor.abs().mean().item()
        self.values.append((name, value))
        return value

    def report(self):
        for name, value in self.values:
            print(f"{name}: {value:.4f}")


monitor = Monitor()


@torch.compile
def forward_with_stats(model, x):
    y = model(x)
    monitor.record("logits", y)
    return y.softmax(dim=-1)


def clip_scale(x, limit):
    norm = (x * x).sum().sqrt()
    if norm > limit:
        return x * (limit / norm)
    return x


@torch.compile
def normalised_update(weight, grad, lr):
    grad = clip_scale(grad, 1.0)
    return weight - lr * grad


def running_mean(values):
    total = 0.0
    for i, v in enumerate(values):
        total = total + v
    return total / max(len(values), 1)


@torch.compile(fullgraph=True)
def fused_gelu(x):
    return gelu_tanh(x) * torch.sigmoid(x)


@torch.compile
def masked_fill_scores(scores, mask):
    return torch.where(mask, scores * 0.0 - 1e9, scores).softmax(dim=-1)


@torch.compile
def topk_tokens(logits, k):
    best = logits.argmax(dim=-1)
    return best, logits.max(dim=-1)[0] * k


def make_mask(t):
    rows = torch.arange(t).view(t, 1)
    cols = torch.arange(t).view(1, t)
    return cols > rows


@torch.compile
def loss_fn(logits, target):
    log_probs = torch.log(torch.softmax(logits, dim=-1))
    return -(log_probs * target).sum(dim=-1).mean()


@torch.compile
def debug_step(x):
    y = x * 2
    print("debug:", y.shape)
    return y + 1


def batches(n, batch, t, dim):
    for i in range(n):
        yield torch.randn(batch, t, dim)


def train(model, steps):
    losses = []
    for x in batches(steps, 2, 5, model.config.dim):
        logits = forward_with_stats(model, x)
        target = torch.zeros(2, 5, model.config.vocab)
        loss = loss_fn(logits, target)
        losses.append(loss)
    return losses


def main():
    torch.manual_seed(0)
    config = Config()
    model = TinyTransformer(config)
    losses = train(model, 2)
    print(len(losses))
    w = torch.randn(4, 4)
    g = torch.randn(4, 4)
    print(normalised_update(w, g, 0.1).shape)
    print(fused_gelu(torch.randn(8)).shape)
    scores = torch.randn(5, 5)
    print(masked_fill_scores(scores, make_mask(5)).shape)
    idx, vals = topk_tokens(torch.randn(3, 10), 2)
    print(idx.shape, vals.shape)
    print(debug_step(torch.ones(3)))
    print(running_mean([1.0, 2.0, 3.0]))
    monitor.report()


class WarmupSchedule:
    """Linear warm-up, then cosine decay of the learning rate."""

    def __init__(self, base_lr, warmup, total):
        self.base_lr = base_lr
        self.warmup = warmup
        self.total = total

    def lr(self, step):
        if step < self.warmup:
            return self.base_lr * (step + 1) / self.warmup
        progress = (step - self.warmup) / max(1, self.total - self.warmup)
        return self.base_lr * 0.5 * (1.0 + math.cos(math.pi * progress))


class ResidualMLP(nn.Module):
    def __init__(self, dim, depth, use_norm=True):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(dim, dim) for _ in range(depth)])
        self.norms = nn.ModuleList([nn.LayerNorm(dim) for _ in range(depth)]) if use_norm else None
        self.act = nn.ReLU()

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            h = self.norms[i](x) if self.norms is not None else x
            x = x + self.act(layer(h))
        return x


class Pooler(nn.Module):
    def __init__(self, dim, mode="mean"):
        super().__init__()
        self.mode = mode
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        if self.mode == "mean":
            pooled = x.mean(dim=1)
        elif self.mode == "max":
            pooled = x.max(dim=1)[0]
        else:
            pooled = x[:, 0]
        return torch.tanh(self.proj(pooled))


@torch.compile
def pool_and_score(pooler, mlp, x):
    return mlp(pooler(x)).sum(dim=-1)


def accuracy(logits, labels):
    predictions = logits.argmax(dim=-1)
    return (predictions == labels).float().mean()


@torch.compile
def evaluate(model, x, labels):
    logits = model(x)
    acc = accuracy(logits.mean(dim=1), labels)
    if acc > 0.5:
        return logits, acc
    return logits * 0.5, acc


def describe(name, tensor):
    shape = "x".join(str(s) for s in tensor.shape)
    return f"{name}[{shape}]"


def schedule_table(schedule, steps):
    return [round(schedule.lr(step), 5) for step in range(steps)]


def second_main():
    torch.manual_seed(1)
    pooler = Pooler(16, mode="max")
    mlp = ResidualMLP(16, 3)
    x = torch.randn(2, 4, 16)
    print(describe("scores", pool_and_score(pooler, mlp, x)))
    model = TinyTransformer(Config(dim=16, hidden=32, layers=1, heads=2, vocab=7))
    logits, acc = evaluate(model, torch.randn(2, 3, 16), torch.zeros(2, dtype=torch.long))
    print(describe("logits", logits))
    print(schedule_table(WarmupSchedule(0.1, 2, 6), 6))


second_main()


class CharTokenizer:
    """Maps characters to ids and back (plain Python, never compiled)."""

    def __init__(self, alphabet):
        self.alphabet = alphabet
        self.index = {ch: i for i, ch in enumerate(alphabet)}

    def encode(self, text):
        return [self.index.get(ch, 0) for ch in text]

    def decode(self, ids):
        return "".join(self.alphabet[i] for i in ids)


class Embedder(nn.Module):
    def __init__(self, vocab, dim):
        super().__init__()
        self.table = nn.Linear(vocab, dim, bias=False)
        self.vocab = vocab

    def forward(self, ids):
        one_hot = (ids.unsqueeze(-1) == torch.arange(self.vocab)).float()
        return self.table(one_hot)


@torch.compile
def next_token(embedder, model, ids):
    logits = model(embedder(ids))
    return logits[:, -1].argmax(dim=-1)


def greedy_decode(tokenizer, embedder, model, prompt, steps):
    ids = torch.tensor([tokenizer.encode(prompt)])
    with torch.no_grad():
        for _ in range(steps):
            token = next_token(embedder, model, ids)
            ids = torch.cat([ids, token.view(1, 1)], dim=1)
    return tokenizer.decode(ids[0].tolist())


def third_main():
    torch.manual_seed(2)
    tokenizer = CharTokenizer("abcdefg")
    config = Config(dim=8, hidden=16, layers=1, heads=2, vocab=7)
    print(greedy_decode(tokenizer, Embedder(7, 8), TinyTransformer(config), "abc", 3))


third_main()


if __name__ == "__main__":
    main()
