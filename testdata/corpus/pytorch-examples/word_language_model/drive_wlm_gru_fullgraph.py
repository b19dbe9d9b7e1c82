# gbc corpus driver: pytorch/examples' word_language_model RNNModel with a GRU, first compiled with
# fullgraph=True -- which Dynamo refuses for recurrent modules; the error is caught and printed as
# a user would see it -- then compiled without fullgraph and evaluated on two batches.
import torch

import model

torch.manual_seed(1111)
net = model.RNNModel('GRU', 30, 8, 8, 1, dropout=0.0)
net.eval()
data = torch.randint(0, 30, (5, 2))
hidden = net.init_hidden(2)
try:
    output, hidden = torch.compile(net, fullgraph=True)(data, hidden)
except Exception as e:
    print("fullgraph failed:", type(e).__name__)
    print(e)
compiled = torch.compile(net)
with torch.no_grad():
    for _ in range(2):
        output, hidden = compiled(data, hidden)
print("output", tuple(output.shape), "hidden", tuple(hidden.shape))
