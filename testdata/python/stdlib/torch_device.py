# torch.device: parsing, attributes, printing, equality, hashing; Tensor.device
import torch

d = torch.device("cpu")
print(d, d.type, d.index, repr(d), d == torch.device("cpu"), d == "cpu")
x = torch.ones(2, device=d)
print(x.device, x.device == d, str(x.device), x.device.type == "cpu")
print(torch.device("cuda", 1), repr(torch.device("cuda:0")), torch.device("cuda:0").index)
print(torch.device(torch.device("meta")), len({torch.device("cpu"), torch.device("cpu")}))
for bad in ["gpu", "cuda:x", "cuda:-1"]:
    try:
        torch.device(bad)
    except RuntimeError as e:
        print("RuntimeError", str(e)[:60])
with torch.device("cpu"):
    print(torch.zeros(1).device)
