// The narrow dtypes, CPU autocast, triu/tril, einsum, round and the named results of
// max/min(dim) as programs see them (torch_dtypes.cpp, torch_tri_einsum.cpp). The expected output
// is what PyTorch 2.14.1 printed on CPU.
#include <catch2/catch.hpp>

#include <string>

#include "interp/driver.h"
#include "interp/test_programs.h"

namespace {

/// stdout of `gbc run` on the program, with its uncaught traceback (test_programs.h).
std::string run(const std::string& body) {
  return gbc::interp::testing::runProgram("/tmp/gbc_dtypes_test.py", "import torch\n" + body);
}

}  // namespace

TEST_CASE("bfloat16/float16 modules, CPU autocast, triu/tril gradients, einsum, max(dim)",
          "[interp][dtypes]") {
  CHECK(run("import torch.nn as nn\n"
            "import torch.nn.functional as F\n"
            "torch.manual_seed(0)\n"
            "m = nn.Linear(3, 2)\n"
            "w = m.weight\n"
            "m.to(dtype=torch.bfloat16)\n"
            "print(m.weight.dtype, m.weight is w, m.bias)\n"
            "m.half()\n"
            "print(m.weight.dtype, m.weight.element_size())\n"
            "try:\n"
            "    m.to(torch.int8)\n"
            "except TypeError as e:\n"
            "    print(e)\n"
            "x = torch.randn(2, 3)\n"
            "m.float()\n"
            "with torch.amp.autocast(device_type='cpu', dtype=torch.bfloat16):\n"
            "    y = m(x)\n"
            "    loss = F.cross_entropy(y, torch.tensor([0, 1]))\n"
            "print(y.dtype, loss.dtype)\n"
            "loss.backward()\n"
            "print(m.weight.grad.dtype)\n"
            "t = torch.randn(3, 3, requires_grad=True)\n"
            "(torch.tril(t, -1) * 2).sum().backward()\n"
            "print(t.grad)\n"
            "a = torch.randn(2, 3)\n"
            "b = torch.randn(3, 4)\n"
            "print(torch.einsum('ij,jk->ik', a, b).shape, torch.einsum('ij->', a))\n"
            "v, i = torch.tensor([[1.0, 5.0], [7.0, 2.0]]).max(dim=1)\n"
            "print(v, i, torch.tensor([[1.0, 5.0]]).min(1))\n"
            "print(torch.tensor([1.5, 2.5, -0.5]).round(), torch.tensor([1, 2]).to(torch.uint8) - "
            "3)\n"
            "print(torch.ones(2).type(), torch.ones(2).type(torch.float16))\n") ==
        "torch.bfloat16 True Parameter containing:\n"
        "tensor([-0.0114,  0.4570], dtype=torch.bfloat16, requires_grad=True)\n"
        "torch.float16 2\n"
        "nn.Module.to only accepts floating point or complex dtypes, but got desired "
        "dtype=torch.int8\n"
        "torch.bfloat16 torch.float32\n"
        "torch.float32\n"
        "tensor([[0., 0., 0.],\n"
        "        [2., 0., 0.],\n"
        "        [2., 2., 0.]])\n"
        "torch.Size([2, 4]) tensor(2.2243)\n"
        "tensor([5., 7.]) tensor([1, 0]) torch.return_types.min(\n"
        "values=tensor([1.]),\n"
        "indices=tensor([0]))\n"
        "tensor([2., 2., -0.]) tensor([254, 255], dtype=torch.uint8)\n"
        "torch.FloatTensor tensor([1., 1.], dtype=torch.float16)\n");
}

TEST_CASE("bfloat16 values are rounded per op; promotion with float32 and int8 wrapping",
          "[interp][dtypes]") {
  CHECK(run("a = torch.tensor([1.1, 2.2, 3.3], dtype=torch.bfloat16)\n"
            "print(a + 1, (a * 2.5).dtype, (a + torch.ones(3)).dtype)\n"
            "i8 = torch.tensor([100, 120, -128], dtype=torch.int8)\n"
            "print(i8 + i8, i8.sum())\n") ==
        "tensor([2.0938, 3.2031, 4.3125], dtype=torch.bfloat16) torch.bfloat16 torch.float32\n"
        "tensor([-56, -16,   0], dtype=torch.int8) tensor(92)\n");
}

TEST_CASE("small integer range checks and uint8 masks as torch has them", "[interp][dtypes]") {
  CHECK(run("for c in ['torch.tensor([300], dtype=torch.int8)', 'torch.full((2,), 300, "
            "dtype=torch.int8)', 'torch.tensor([-1], dtype=torch.uint8)']:\n"
            "    try: print(eval(c))\n"
            "    except RuntimeError as e: print(e)\n"
            "x = torch.arange(4.)\n"
            "print(x[torch.tensor([1, 0, 1, 0], dtype=torch.uint8)])\n"
            "try: x[torch.tensor([1, 2], dtype=torch.int8)]\n"
            "except IndexError as e: print(e)\n") ==
        "value cannot be converted to type int8 without overflow\n"
        "value cannot be converted to type int8_t without overflow\n"
        "tensor([255], dtype=torch.uint8)\n"
        "tensor([0., 2.])\n"
        "tensors used as indices must be long, int, byte or bool tensors\n");
}

TEST_CASE("einsum contracts as ATen does, its gradient through the ops it decomposes into",
          "[interp][dtypes]") {
  CHECK(run("torch.manual_seed(0)\n"
            "x = torch.randn(3, 4, requires_grad=True)\n"
            "w = torch.randn(3, 2, 5, 4, requires_grad=True)\n"
            "y = torch.einsum('ti,taoi->tao', x, w)\n"
            "print(y.grad_fn)\n"
            "(y * torch.arange(30.).reshape(3, 2, 5)).sum().backward()\n"
            "print(x.grad)\n"
            "print(w.grad[1])\n"
            "a = torch.randn(4, requires_grad=True)\n"
            "b = torch.randn(4, requires_grad=True)\n"
            "z = torch.einsum('i,i->', a, b)\n"
            "z.backward()\n"
            "print(z, a.grad, z.grad_fn)\n"
            "m = torch.randn(2, 3, requires_grad=True)\n"
            "s = torch.einsum('ij->j', m)\n"
            "s.sum().backward()\n"
            "print(s, m.grad, s.grad_fn)\n"
            "e = torch.einsum('tai,ta -> ti', torch.randn(2, 3, 4), torch.randn(2, 3))\n"
            "print(e)\n") ==
        "<ViewBackward0 object at 0x7f0000000000>\n"
        "tensor([[ 12.7370,   4.4252, -10.0009,  -1.3138],\n"
        "        [-34.5314, -14.5231,  35.0551,  83.4381],\n"
        "        [-21.0328,  -7.2703, -75.0741, -48.5898]])\n"
        "tensor([[[-10.8452, -13.9860,   4.0335,   8.3803],\n"
        "         [-11.9297, -15.3846,   4.4368,   9.2183],\n"
        "         [-13.0143, -16.7831,   4.8402,  10.0563],\n"
        "         [-14.0988, -18.1817,   5.2435,  10.8943],\n"
        "         [-15.1833, -19.5803,   5.6469,  11.7324]],\n"
        "\n"
        "        [[-16.2678, -20.9789,   6.0502,  12.5704],\n"
        "         [-17.3524, -22.3775,   6.4535,  13.4084],\n"
        "         [-18.4369, -23.7761,   6.8569,  14.2464],\n"
        "         [-19.5214, -25.1747,   7.2602,  15.0845],\n"
        "         [-20.6059, -26.5733,   7.6636,  15.9225]]])\n"
        "tensor(0.6445, grad_fn=<ViewBackward0>) tensor([-0.9759,  0.7112, -0.7582, -0.6436]) "
        "<ViewBackward0 object at 0x7f0000000000>\n"
        "tensor([ 0.2015,  0.0869, -1.9098], grad_fn=<SumBackward1>) tensor([[1., 1., 1.],\n"
        "        [1., 1., 1.]]) <SumBackward1 object at 0x7f0000000000>\n"
        "tensor([[ 1.4864, -1.0736,  0.3329,  1.6109],\n"
        "        [-0.0913,  0.5967, -1.6356, -0.3118]])\n");
}

TEST_CASE(
    "reduced-precision mul/div take a scalar unrounded; number / tensor is reciprocal * number",
    "[interp][dtypes]") {
  CHECK(run("a = torch.tensor([0.1, 1.0, 3.3], dtype=torch.bfloat16)\n"
            "print(a * 0.3, 0.3 * a, a == 0.1)\n"
            "print(3 / torch.arange(1, 4))\n") ==
        "tensor([0.0300, 0.3008, 0.9883], dtype=torch.bfloat16) tensor([0.0300, 0.3008, 0.9883], "
        "dtype=torch.bfloat16) tensor([ True, False, False])\n"
        "tensor([3.0000, 1.5000, 1.0000])\n");
}

TEST_CASE("CPU autocast: bfloat16 linears, a float32 loss, gradients back in float32",
          "[interp][dtypes]") {
  CHECK(run("import torch.nn as nn\n"
            "import torch.nn.functional as F\n"
            "torch.manual_seed(0)\n"
            "emb = nn.Embedding(10, 8)\n"
            "ln = nn.LayerNorm(8)\n"
            "fc = nn.Linear(8, 16)\n"
            "proj = nn.Linear(16, 8)\n"
            "head = nn.Linear(8, 10, bias=False)\n"
            "x = torch.randint(0, 10, (2, 5))\n"
            "xe = torch.randn(2, 5, 8, requires_grad=True)\n"
            "y = torch.randint(0, 10, (2, 5))\n"
            "def f(x, y):\n"
            "    h = xe\n"
            "    h = h + proj(F.relu(fc(h)))\n"
            "    logits = head(h)\n"
            "    loss = F.cross_entropy(logits.view(-1, 10), y.view(-1), ignore_index=-1)\n"
            "    return logits, loss\n"
            "with torch.amp.autocast(device_type='cpu', dtype=torch.bfloat16):\n"
            "    logits, loss = f(x, y)\n"
            "print(logits.dtype, loss.dtype, loss)\n"
            "print(logits[0, 0])\n"
            "loss.backward()\n"
            "print(head.weight.grad.dtype, head.weight.grad[0])\n"
            "print(fc.weight.grad[0])\n") ==
        "torch.bfloat16 torch.float32 tensor(2.3855, grad_fn=<NllLossBackward0>)\n"
        "tensor([-1.2266, -1.3047,  1.0156,  0.9961, -1.2656, -0.8516, -1.2266, -0.3164,\n"
        "         0.8008, -1.1562], dtype=torch.bfloat16, grad_fn=<SelectBackward0>)\n"
        "torch.float32 tensor([-0.0481, -0.0270,  0.0153,  0.0294, -0.0013, -0.0056,  0.0289,  "
        "0.0532])\n"
        "tensor([-0.0007, -0.0092,  0.0256,  0.0006, -0.0049,  0.0396, -0.0515, -0.0033])\n");
}

TEST_CASE("F.silu and its gradient as torch's CPU kernels compute them", "[interp][dtypes]") {
  CHECK(run("import torch.nn.functional as F\n"
            "torch.manual_seed(1)\n"
            "xr = torch.randn(3001, requires_grad=True)\n"
            "(F.silu(xr) * torch.randn(3001)).sum().backward()\n"
            "print(sum(xr.grad.tolist()))\n"
            "print(F.silu(torch.tensor([-1.0, 0.5, 3.0])))\n") ==
        "-12.87080784581849\n"
        "tensor([-0.2689,  0.3112,  2.8577])\n");
}
