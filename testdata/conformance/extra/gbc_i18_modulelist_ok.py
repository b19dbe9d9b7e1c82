import torch


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = torch.nn.ModuleList([torch.nn.Linear(4, 4) for _ in range(3)])

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i == 1:
                torch._dynamo.graph_break()
        return x


net = torch.compile(Net())
print(net(torch.randn(2, 4)).shape)
print(net(torch.randn(2, 4)).shape)
