# gbc corpus driver: openai/improved-diffusion's UNet and Gaussian diffusion as its
# scripts/image_train.py builds them (script_util.create_model_and_diffusion with a learned
# variance, a uniform schedule sampler) and as train_util.py steps them: diffusion.training_losses
# on a compiled model (`torch.compile(model)`), loss weighted by the sampler, AdamW.
import numpy as np
import torch

from improved_diffusion.resample import create_named_schedule_sampler
from improved_diffusion.script_util import (
    create_model_and_diffusion,
    model_and_diffusion_defaults,
)

np.random.seed(0)
torch.manual_seed(0)
args = model_and_diffusion_defaults()
args.update(image_size=32, num_channels=32, num_res_blocks=1, num_heads=2,
            attention_resolutions="8", learn_sigma=True, diffusion_steps=50,
            noise_schedule="cosine")
model, diffusion = create_model_and_diffusion(**args)
schedule_sampler = create_named_schedule_sampler("uniform", diffusion)
print("timesteps", diffusion.num_timesteps, "loss type", diffusion.loss_type)

compiled = torch.compile(model)
opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
batch = torch.randn(2, 3, 32, 32).clamp(-1, 1)
for step in range(2):
    t, weights = schedule_sampler.sample(batch.shape[0], "cpu")
    losses = diffusion.training_losses(compiled, batch, t)
    loss = (losses["loss"] * weights).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    print("step", step, sorted(losses), "finite:", bool(torch.isfinite(loss)))
