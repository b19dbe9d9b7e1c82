# gbc corpus driver: openai/CLIP's clip/model.py with the ModifiedResNet image tower (anti-aliased
# strided convolutions, attention pooling through F.multi_head_attention_forward) trained one step
# with CLIP's symmetric contrastive loss, the whole model compiled (`torch.compile(model)`).
import torch
import torch.nn.functional as F

from clip.model import CLIP

torch.manual_seed(0)
model = CLIP(embed_dim=32, image_resolution=64, vision_layers=(1, 1, 1, 1), vision_width=16,
             vision_patch_size=None, context_length=6, vocab_size=40, transformer_width=32,
             transformer_heads=2, transformer_layers=1)
model.train()
compiled = torch.compile(model)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.2)

images = torch.randn(3, 3, 64, 64)
texts = torch.randint(1, 39, (3, 6))
texts[:, -1] = 39
labels = torch.arange(3)
for step in range(2):
    logits_per_image, logits_per_text = compiled(images, texts)
    loss = (F.cross_entropy(logits_per_image, labels) + F.cross_entropy(logits_per_text, labels)) / 2
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(f"step {step}: loss {loss.item():.4f}")
print("logit scale", round(model.logit_scale.exp().item(), 3))
