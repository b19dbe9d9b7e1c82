# gbc corpus driver: openai/improved-diffusion's UNetModel built directly -- class-conditional,
# scale-shift norm, gradient checkpointing on (nn.checkpoint: a custom torch.autograd.Function
# whose forward runs the block under no_grad and whose backward recomputes it) -- with the model
# compiled and trained one step.
import torch
import torch.nn.functional as F

from improved_diffusion.unet import UNetModel

torch.manual_seed(0)
model = UNetModel(in_channels=3, model_channels=32, out_channels=3, num_res_blocks=1,
                  attention_resolutions=(2,), channel_mult=(1, 2), num_classes=10,
                  use_checkpoint=True, num_heads=2, use_scale_shift_norm=True)
compiled = torch.compile(model)
opt = torch.optim.SGD(model.parameters(), lr=1e-3)

x = torch.randn(2, 3, 16, 16)
timesteps = torch.tensor([3, 17])
y = torch.tensor([1, 8])
noise = torch.randn_like(x)
out = compiled(x, timesteps, y=y)
loss = F.mse_loss(out, noise)
loss.backward()
opt.step()
print("out", tuple(out.shape), "grad", model.input_blocks[0][0].weight.grad is not None)
