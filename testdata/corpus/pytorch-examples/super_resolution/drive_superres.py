# gbc corpus driver: pytorch/examples' super_resolution/model.py (convolutions and a PixelShuffle
# upscaler) compiled with fullgraph=True and trained as its main.py does -- MSELoss, Adam, the
# PSNR of each evaluation as 10 * log10(1 / mse) -- on random low/high resolution pairs.
from math import log10

import torch
import torch.nn as nn
import torch.optim as optim

from model import Net

torch.manual_seed(123)
upscale_factor = 2
model = Net(upscale_factor=upscale_factor)
criterion = nn.MSELoss()
optimizer = optim.Adam(model.parameters(), lr=0.001)
compiled = torch.compile(model, fullgraph=True)

lowres = torch.rand(4, 1, 12, 12)
highres = torch.rand(4, 1, 12 * upscale_factor, 12 * upscale_factor)
for epoch in range(1, 3):
    optimizer.zero_grad()
    loss = criterion(compiled(lowres), highres)
    loss.backward()
    optimizer.step()
    print("===> Epoch {} Complete: Avg. Loss: {:.4f}".format(epoch, loss.item()))

with torch.no_grad():
    prediction = compiled(lowres)
    mse = criterion(prediction, highres)
    psnr = 10 * log10(1 / mse.item())
print("===> Avg. PSNR: {:.2f} dB".format(psnr), tuple(prediction.shape))
