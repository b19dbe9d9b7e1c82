# gbc corpus driver: openai/CLIP's clip/model.py, a ViT-based CLIP rebuilt from a state dict by
# build_model() (which infers the architecture from tensor shapes and converts weights to fp16;
# .float() then, as clip.load does on CPU), used for zero-shot classification the way CLIP's
# README does it: encode_image / encode_text, normalise, softmax over 100 * cosine similarity --
# in a compiled function, and the model's own forward compiled with fullgraph=True.
import torch

from clip.model import CLIP, build_model

torch.manual_seed(0)
source = CLIP(embed_dim=32, image_resolution=32, vision_layers=2, vision_width=64,
              vision_patch_size=8, context_length=8, vocab_size=50, transformer_width=64,
              transformer_heads=1, transformer_layers=2)
model = build_model(source.state_dict()).float()
print("dtype", model.dtype, "training", model.training)

image = torch.randn(1, 3, 32, 32)
text = torch.tensor([[49, 3, 5, 0, 0, 0, 0, 0],
                     [7, 49, 0, 0, 0, 0, 0, 0],
                     [2, 4, 6, 49, 0, 0, 0, 0]])


@torch.compile
def zero_shot(image, text):
    image_features = model.encode_image(image)
    text_features = model.encode_text(text)
    image_features /= image_features.norm(dim=-1, keepdim=True)
    text_features /= text_features.norm(dim=-1, keepdim=True)
    return (100.0 * image_features @ text_features.T).softmax(dim=-1)


with torch.no_grad():
    probs = zero_shot(image, text)
    print("Label probs:", tuple(probs.shape), round(float(probs.sum()), 4))
    logits_per_image, logits_per_text = torch.compile(model, fullgraph=True)(image, text)
    print("logits", tuple(logits_per_image.shape), tuple(logits_per_text.shape))
