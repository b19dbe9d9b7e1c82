# gbc corpus driver: openai/improved-diffusion sampling as its scripts/image_sample.py does it, on
# a respaced schedule (timestep_respacing="4"), with one denoising step compiled: a function that
# calls diffusion.p_sample on the model -- which reads its schedule from NumPy arrays through
# th.from_numpy(...)[timesteps] -- driven by a Python loop over the timesteps.
import torch

from improved_diffusion.script_util import (
    create_model_and_diffusion,
    model_and_diffusion_defaults,
)

torch.manual_seed(0)
args = model_and_diffusion_defaults()
args.update(image_size=32, num_channels=32, num_res_blocks=1, num_heads=1,
            attention_resolutions="16", diffusion_steps=40, timestep_respacing="4")
model, diffusion = create_model_and_diffusion(**args)
model.eval()
print("respaced timesteps", diffusion.num_timesteps, diffusion.timestep_map)


@torch.compile
def denoise(x, t):
    out = diffusion.p_sample(model, x, t, clip_denoised=True)
    return out["sample"]


with torch.no_grad():
    img = torch.randn(1, 3, 32, 32)
    for i in reversed(range(diffusion.num_timesteps)):
        t = torch.tensor([i] * img.shape[0])
        img = denoise(img, t)
sample = ((img + 1) * 127.5).clamp(0, 255).to(torch.uint8)
print("sample", tuple(sample.shape), sample.dtype)
