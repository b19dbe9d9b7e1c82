// Autograd (autograd.h): Tensor.backward's .grad values, torch.func.grad's tape, their errors,
// and what they cannot model. The expected outputs are what PyTorch 2.14.1 printed on CPU.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "interp/autograd.h"
#include "interp/driver.h"
#include "interp/test_programs.h"
#include "interp/torch_model.h"
#include "interp/vm.h"
#include "report/traceback.h"

namespace {

/// stdout of `gbc run` on the program, with its uncaught traceback (test_programs.h).
std::string run(const std::string& body) {
  return gbc::interp::testing::runProgram("/tmp/gbc_autograd_test.py", "import torch\n" + body);
}

}  // namespace

TEST_CASE("torch.func.grad differentiates element-wise ops and full reductions",
          "[interp][autograd]") {
  CHECK(run("x = torch.tensor([0.0, 1.0, 2.0])\n"
            "print(torch.func.grad(lambda x: x.sin().sum())(x))\n") ==
        "tensor([ 1.0000,  0.5403, -0.4161])\n");
  CHECK(run("x = torch.tensor([1.0, 2.0, 3.0])\n"
            "print(torch.func.grad(lambda x: (x * x).mean())(x))\n") ==
        "tensor([0.6667, 1.3333, 2.0000])\n");
  CHECK(run("x = torch.tensor([1.0, 2.0])\n"
            "print(torch.func.grad(lambda x: (x ** 3 - 2 * x).sum())(x))\n") ==
        "tensor([ 1., 10.])\n");
  CHECK(run("x = torch.tensor([1.0, 4.0])\n"
            "print(torch.func.grad(lambda x: (x.sqrt() / x + x.exp().log()).sum())(x))\n") ==
        "tensor([0.5000, 0.9375])\n");
}

TEST_CASE("torch.func.grad sums a broadcast operand's gradient back to its shape",
          "[interp][autograd]") {
  CHECK(run("b = torch.tensor([1.0, 2.0, 3.0])\n"
            "m = torch.ones(2, 3)\n"
            "print(torch.func.grad(lambda b, m: (m * b).sum())(b, m))\n") ==
        "tensor([2., 2., 2.])\n");
}

TEST_CASE("torch.func.grad argnums, has_aux and an unused input", "[interp][autograd]") {
  CHECK(run("a = torch.tensor([1.0, 2.0])\n"
            "b = torch.tensor([3.0, 4.0])\n"
            "ga, gb = torch.func.grad(lambda a, b: (a * b).sum(), argnums=(0, 1))(a, b)\n"
            "print(ga, gb)\n") == "tensor([3., 4.]) tensor([1., 2.])\n");
  CHECK(run("a = torch.tensor([1.0, 2.0])\n"
            "g, aux = torch.func.grad(lambda a: (a.sum(), 7), has_aux=True)(a)\n"
            "print(g, aux)\n") == "tensor([1., 1.]) 7\n");
  CHECK(run("a = torch.tensor([1.0, 2.0])\n"
            "print(torch.func.grad(lambda a, b: b.sum(), argnums=0)(a, torch.ones(2)))\n") ==
        "tensor([0., 0.])\n");
}

TEST_CASE("torch.func.grad of a non-scalar output is functorch's RuntimeError",
          "[interp][autograd]") {
  std::string out = run("torch.func.grad(lambda x: x.sin())(torch.ones(2, 2))\n");
  CHECK(out.find("RuntimeError: grad_and_value(f)(*args): Expected f(*args) to return a scalar "
                 "Tensor, got tensor with 2 dims. Maybe you wanted to use the vjp or jacrev APIs "
                 "instead?") != std::string::npos);
}

TEST_CASE("torch.func.grad through an op the tape cannot differentiate says so",
          "[interp][autograd]") {
  CHECK(run("torch.func.grad(lambda x: x.amax())(torch.ones(3))\n") ==
        "error: cannot model torch.func.grad through `amax` at /tmp/gbc_autograd_test.py:2");
}

// ---- eager autograd: Tensor.backward ----------------------------------------------------------

// expected: PyTorch 2.14.1 (CPU) printed this
TEST_CASE("Tensor.backward fills .grad: Linear + CrossEntropyLoss, and accumulation",
          "[interp][autograd]") {
  CHECK(run(R"PY(torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(4, 3))
pred = model(torch.arange(8, dtype=torch.float32).reshape(2, 4))
loss = torch.nn.CrossEntropyLoss()(pred, torch.tensor([0, 2]))
loss.backward()
print(loss)
print(model[0].weight.grad)
print(model[0].bias.grad)
m = torch.nn.Linear(3, 3)
out = m(torch.ones(3, 3)).sum()
out.backward()
print(m.weight.grad, m.bias.grad)
out2 = m(torch.ones(3, 3)).sum()
out2.backward()
print(m.weight.grad)
)PY") == R"(tensor(3.4760, grad_fn=<NllLossBackward0>)
tensor([[ 2.9785e-03, -4.7824e-01, -9.5946e-01, -1.4407e+00],
        [ 1.9440e+00,  2.8338e+00,  3.7237e+00,  4.6136e+00],
        [-1.9470e+00, -2.3556e+00, -2.7643e+00, -3.1729e+00]])
tensor([-0.4812,  0.8899, -0.4087])
tensor([[3., 3., 3.],
        [3., 3., 3.],
        [3., 3., 3.]]) tensor([3., 3., 3.])
tensor([[6., 6., 6.],
        [6., 6., 6.],
        [6., 6., 6.]])
)");
}

// expected: PyTorch 2.14.1 (CPU) printed this
TEST_CASE("Tensor.backward raises torch's RuntimeErrors", "[interp][autograd]") {
  CHECK(run(R"PY(def show(f):
    try:
        f()
        print("ok")
    except RuntimeError as e:
        print("RuntimeError:", e)
x = torch.ones(3, requires_grad=True)
show(lambda: (x * 2).backward())
show(lambda: torch.ones(2).backward())
show(lambda: (x * 2).backward(torch.ones(2)))
y = (x * 2).sum()
y.backward()
show(lambda: y.backward())
z = (x + 1).sum()
z.backward()
show(lambda: z.backward())
print(x.grad)
show(lambda: x.add_(1))
)PY") == R"(RuntimeError: grad can be implicitly created only for scalar outputs
RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
RuntimeError: Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of torch.Size([3]).
RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.
ok
tensor([4., 4., 4.])
RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
)");
}

// expected: PyTorch 2.14.1 (CPU) printed this
TEST_CASE("eager backward through matmul, views, permute, softmax, getitem and reductions",
          "[interp][autograd]") {
  CHECK(run(R"PY(a = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
b = torch.tensor([[1.0, 2.0], [-1.0, 0.5], [0.25, -2.0]], requires_grad=True)
(a @ b).tanh().sum().backward()
print(a.grad)
print(b.grad)
a.grad = None
v = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
(v @ a.t()).relu().sum().backward()
print(a.grad, v.grad)
a.grad = None
e = a.t().reshape(6).view(2, 3).flatten().unsqueeze(0).squeeze(0)
(e * torch.arange(6.0)).sum().backward()
print(a.grad)
a.grad = None
(a.permute(1, 0).softmax(dim=0) * torch.arange(6.0).reshape(3, 2)).sum().backward()
print(a.grad)
a.grad = None
(a[0] * 3 + a[1:, 1:].sum()).sum().backward()
print(a.grad)
a.grad = None
(a.mean(dim=0) ** 2).sum().backward()
print(a.grad)
)PY") == R"(tensor([[ 0.0779, -0.0688,  0.0104],
        [ 0.3820, -0.3810,  0.0945]])
tensor([[ 0.6072,  0.0024],
        [ 0.0247, -0.0035],
        [-0.1446,  0.0070]])
tensor([[ 1., -2.,  3.],
        [ 0.,  0.,  0.]]) tensor([ 0.5000, -1.0000,  2.0000])
tensor([[0., 2., 4.],
        [1., 3., 5.]])
tensor([[-0.5645, -0.0477,  0.6123],
        [-0.5134,  0.2646,  0.2488]])
tensor([[3., 3., 3.],
        [0., 3., 3.]])
tensor([[ 1.0000, -0.3750,  0.6250],
        [ 1.0000, -0.3750,  0.6250]])
)");
}

// expected: PyTorch 2.14.1 (CPU) printed this
TEST_CASE("eager backward through cross_entropy, nll_loss(log_softmax) and mse_loss",
          "[interp][autograd]") {
  CHECK(run(R"PY(import torch.nn.functional as F
x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
for red in ["mean", "sum", "none"]:
    l = F.cross_entropy(x, torch.tensor([2, 0]), reduction=red)
    l.sum().backward()
    print(l, x.grad)
    x.grad = None
l = F.cross_entropy(x, torch.tensor([2, -100]))
l.backward()
print(l, x.grad)
x.grad = None
F.nll_loss(F.log_softmax(x, dim=1), torch.tensor([1, 2])).backward()
print(x.grad)
x.grad = None
y = torch.tensor([[1.0, 0.0, 1.0], [0.0, 2.0, 0.5]])
l = torch.nn.MSELoss()(x, y)
l.backward()
print(l, x.grad)
try:
    F.cross_entropy(x, torch.tensor([0, 5]))
except IndexError as e:
    print("IndexError:", e)
)PY") == R"(tensor(0.2860, grad_fn=<NllLossBackward0>) tensor([[ 0.0876,  0.0196, -0.1072],
        [-0.1408,  0.1029,  0.0379]])
tensor(0.5720, grad_fn=<NllLossBackward0>) tensor([[ 0.1753,  0.0391, -0.2144],
        [-0.2816,  0.2058,  0.0757]])
tensor([0.2413, 0.3307], grad_fn=<NllLossBackward0>) tensor([[ 0.1753,  0.0391, -0.2144],
        [-0.2816,  0.2058,  0.0757]])
tensor(0.2413, grad_fn=<NllLossBackward0>) tensor([[ 0.1753,  0.0391, -0.2144],
        [ 0.0000,  0.0000,  0.0000]])
tensor([[ 0.0876, -0.4804,  0.3928],
        [ 0.3592,  0.1029, -0.4621]])
tensor(1.5208, grad_fn=<MseLossBackward0>) tensor([[-0.1667, -0.3333,  0.3333],
        [ 0.5000, -0.5833, -0.4167]])
IndexError: Target 5 is out of bounds.
)");
}

// expected: PyTorch 2.14.1 (CPU) printed this
TEST_CASE("a training loop: the updates under no_grad record nothing", "[interp][autograd]") {
  CHECK(run(R"PY(torch.manual_seed(0)
m = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
x = torch.arange(12, dtype=torch.float32).reshape(4, 3) / 10
y = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [1.0, 1.0]])
for i in range(3):
    loss = torch.nn.functional.mse_loss(m(x), y)
    m.zero_grad()
    loss.backward()
    with torch.no_grad():
        for p in m.parameters():
            p -= 0.1 * p.grad
        z = m(x)
    print(loss, z.requires_grad, m[0].weight.is_leaf)
print(m[2].bias)
)PY") == R"(tensor(0.6047, grad_fn=<MseLossBackward0>) False True
tensor(0.5140, grad_fn=<MseLossBackward0>) False True
tensor(0.4452, grad_fn=<MseLossBackward0>) False True
Parameter containing:
tensor([0.1129, 0.2086], requires_grad=True)
)");
}

// expected: PyTorch 2.14.1 (CPU) printed this
TEST_CASE("torch.autograd.grad, retain_graph, backward(inputs=), grad_fn and is_leaf",
          "[interp][autograd]") {
  CHECK(run(R"PY(x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
y = (x * w).sum()
gx, gw = torch.autograd.grad(y, (x, w), retain_graph=True)
print(gx, gw, x.grad)
y.backward(retain_graph=True)
y.backward()
print(x.grad, w.grad)
x.grad = None
w.grad = None
u = x.exp()
((u * w).sum() + u.sum()).backward(inputs=[w])
print(x.grad, w.grad)
h = x * 2
print(torch.autograd.grad((h * h).sum(), h))
try:
    torch.autograd.grad((x * 3).sum(), [w])
except RuntimeError as e:
    print("RuntimeError:", e)
r = x + 1
print(r.grad_fn, r.grad_fn.name(), r.is_leaf, x.is_leaf, x.grad_fn, x.detach().requires_grad)
)PY") == R"(tensor([ 0.5000, -1.0000,  2.0000]) tensor([1., 2., 3.]) None
tensor([ 1., -2.,  4.]) tensor([2., 4., 6.])
None tensor([ 2.7183,  7.3891, 20.0855])
(tensor([ 4.,  8., 12.]),)
RuntimeError: The differentiated Tensor at index 0 appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.
<AddBackward0 object at 0x7f0000000000> AddBackward0 False True None False
)");
}

// expected: PyTorch 2.14.1 (CPU) printed this
TEST_CASE("torch.func.grad shares the rules: linear, matmul and the losses", "[interp][autograd]") {
  CHECK(run(R"PY(import torch.nn.functional as F
x = torch.tensor([[0.5, -1.0], [1.5, 0.25], [2.0, -0.5]])
t = torch.tensor([1, 0, 2])
w = torch.tensor([[0.1, 0.2, -0.3], [0.4, -0.5, 0.6]])
print(torch.func.grad(lambda w: F.cross_entropy(x @ w, t))(w))
print(torch.func.grad(lambda w: F.mse_loss(F.linear(x, w.t()), torch.ones(3, 3)))(w))
)PY") == R"(tensor([[-0.0605,  0.5042, -0.4437],
        [-0.1786,  0.0656,  0.1130]])
tensor([[-0.8444, -0.4750, -1.4722],
        [ 0.3694,  0.0819,  0.5278]])
)");
}

// expected: PyTorch 2.14.1 (CPU) printed this
TEST_CASE("in-place ops in the graph: +=, -=, *= and /= by a constant, setitem, copy_",
          "[interp][autograd]") {
  CHECK(run(R"PY(def show(f):
    try:
        f()
        print("ok")
    except Exception as e:
        print(type(e).__name__ + ": " + str(e))
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
h = x * 2
h += 1
h -= w
h *= 3
h /= 2
print(h)
h.sum().backward()
print(x.grad, w.grad)
x.grad = None
w.grad = None
h = x * 2
y = h.exp()
h.add_(w, alpha=2)
(y + h).sum().backward()
print(x.grad, w.grad)
x.grad = None
w.grad = None
buf = torch.zeros(2, 3)
buf[0] = x * 2
buf[1, 1:] = w[:2] * x[1:]
print(buf)
(buf * torch.arange(6.0).reshape(2, 3)).sum().backward()
print(x.grad, w.grad)
x.grad = None
w.grad = None
b = torch.zeros(3)
b.copy_(x * w)
b.mul_(2)
b.sum().backward()
print(x.grad, w.grad)
x.grad = None
h = x * 1
v = h[0:2]
v *= 3
v.sum().backward()
print(x.grad)
x.grad = None
r = x * 1
r += r
r.sum().backward()
print(x.grad)
x.grad = None
show(lambda: x[1:].mul_(2))
show(lambda: x.view(3).add_(1))
)PY") == R"(tensor([3.7500, 9.0000, 7.5000], grad_fn=<DivBackward0>)
tensor([3., 3., 3.]) tensor([-1.5000, -1.5000, -1.5000])
tensor([ 16.7781, 111.1963, 808.8576]) tensor([2., 2., 2.])
tensor([[ 2.,  4.,  6.],
        [ 0.,  1., -3.]], grad_fn=<CopySlices>)
tensor([ 0.,  4., -1.]) tensor([ 8., 15.,  0.])
tensor([ 1., -2.,  4.]) tensor([2., 4., 6.])
tensor([3., 3., 0.])
tensor([2., 2., 2.])
RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.
RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.
)");
}

TEST_CASE("backward where gbc cannot follow an in-place op is a gbc diagnostic",
          "[interp][autograd]") {
  // d(h * w)/dw needs h's value from before the write
  CHECK(run("x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
            "w = torch.tensor([3.0, 4.0], requires_grad=True)\n"
            "h = x * 1\n"
            "h *= w\n"
            "h.sum().backward()\n") ==
        "error: cannot model Tensor.backward through the in-place `imul` at "
        "/tmp/gbc_autograd_test.py:6");
  // a write through a view: torch rebases h's history, gbc knows h's node is out of date
  CHECK(run("x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
            "h = x * 1\n"
            "v = h[0:1]\n"
            "v *= 3\n"
            "h.sum().backward()\n") ==
        "error: cannot model Tensor.backward through `mul`, whose result was modified in place "
        "outside the graph at /tmp/gbc_autograd_test.py:6");
  // torch raises "one of the variables needed for gradient computation has been modified by an
  // inplace operation": gbc does not compute a gradient from the changed value
  CHECK(run("x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
            "w = torch.tensor([3.0, 4.0], requires_grad=True)\n"
            "y = (x * w).sum()\n"
            "with torch.no_grad():\n"
            "    w += 1\n"
            "y.backward()\n") ==
        "error: cannot model Tensor.backward through `mul` after a tensor it saved was modified "
        "in place at /tmp/gbc_autograd_test.py:7");
  // an op without a rule, off the path to the leaves, is never run
  CHECK(run("x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
            "w = torch.tensor([3.0, 4.0], requires_grad=True)\n"
            "((x * w).sum() + x.amax()).backward(inputs=[w])\n"
            "assert x.grad is None and w.grad.tolist() == [1.0, 2.0]\n"
            "(x.amax() * 1).backward()\n") ==
        "error: cannot model Tensor.backward through `amax` at /tmp/gbc_autograd_test.py:6");
}

TEST_CASE("rows of an iterated tensor and a layer norm's parameters are in the graph",
          "[interp][autograd]") {
  // expected: PyTorch 2.14.1 (CPU) printed the first three lines
  CHECK(run("x = torch.tensor([[1.0, 2.0], [3.0, -4.0]], requires_grad=True)\n"
            "print([r for r in x][0])\n"
            "sum((r * r).sum() for r in x).backward()\n"
            "print(x.grad)\n"
            "out = torch.nn.LayerNorm(2)(torch.tensor([[1.0, 2.0]]))\n"
            "print(out)\n") ==
        "tensor([1., 2.], grad_fn=<UnbindBackward0>)\n"
        "tensor([[ 2.,  4.],\n"
        "        [ 6., -8.]])\n"
        "tensor([[-1.0000,  1.0000]], grad_fn=<NativeLayerNormBackward0>)\n");
  CHECK(run("ln = torch.nn.LayerNorm(2)\n"
            "ln(torch.tensor([[1.0, 2.0]])).sum().backward()\n") ==
        "error: cannot model Tensor.backward through `layer_norm` at "
        "/tmp/gbc_autograd_test.py:3");
}

TEST_CASE("the backward graph has no cycles: in-place ops do not point a node at itself",
          "[interp][autograd]") {
  using gbc::interp::Value;
  gbc::interp::VM vm(gbc::kTarget2_14, true);
  std::weak_ptr<gbc::interp::Object> weak_x, weak_h;
  std::weak_ptr<gbc::interp::GradNode> weak_node;
  {
    Value x = gbc::interp::wrapTensor(*gbc::runtime::ones({3}));
    gbc::interp::tensorArg(x).setRequiresGrad(true);
    Value h = gbc::interp::wrapTensor(*gbc::runtime::mul(gbc::interp::tensorArg(x), 2.0));
    gbc::interp::applyGradFn(vm, "mul", {x, gbc::interp::pyFloat(2.0)}, h);
    auto& ho = gbc::interp::as<gbc::interp::TensorObject>(h);
    REQUIRE(ho.grad_fn);
    CHECK(ho.grad_fn->next.at(0).leaf == x);
    weak_node = ho.grad_fn;
    gbc::interp::applyInplaceGradFn(vm, "iadd", h, {h});  // h += h
    REQUIRE(ho.grad_fn);
    CHECK(ho.grad_fn->target == "add");
    CHECK(ho.grad_fn->inputs == std::vector<Value>{nullptr, nullptr});
    CHECK(ho.grad_fn->next.at(0).node == weak_node.lock());
    CHECK(ho.grad_fn->next.at(1).node == weak_node.lock());
    // an op that hands back its input records no node
    auto before = ho.grad_fn;
    gbc::interp::applyGradFn(vm, "to", {h}, h);
    CHECK(ho.grad_fn == before);
    // y = h * 3; h.copy_(y): y's node keeps h's data, not h (whose node now leads to y's)
    Value y = gbc::interp::wrapTensor(*gbc::runtime::mul(gbc::interp::tensorArg(h), 3.0));
    gbc::interp::applyGradFn(vm, "mul", {h, gbc::interp::pyFloat(3.0)}, y);
    auto& yo = gbc::interp::as<gbc::interp::TensorObject>(y);
    REQUIRE(yo.grad_fn);
    CHECK(yo.grad_fn->inputs.at(0) == nullptr);
    CHECK(yo.grad_fn->tensors.at(0).defined());
    gbc::interp::applyInplaceGradFn(vm, "copy_", h, {y});
    CHECK(ho.grad_fn->next.at(1).node == yo.grad_fn);
    weak_x = x;
    weak_h = h;
  }
  CHECK(weak_h.expired());
  CHECK(weak_x.expired());
  CHECK(weak_node.expired());
}

TEST_CASE("masked_fill keeps self's dtype and zeroes the masked gradient", "[interp][autograd]") {
  CHECK(run("x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)\n"
            "m = torch.tensor([[True, False], [False, True]])\n"
            "y = x.masked_fill(m, -1e9)\n"
            "print(y)\n"
            "(y * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()\n"
            "print(x.grad)\n"
            "print(torch.tensor([1, 2, 3]).masked_fill(torch.tensor([False, True, False]), "
            "7.9))\n") ==
        "tensor([[-1.0000e+09,  2.0000e+00],\n"
        "        [ 3.0000e+00, -1.0000e+09]], grad_fn=<MaskedFillBackward0>)\n"
        "tensor([[0., 2.],\n        [3., 0.]])\n"
        "tensor([1, 7, 3])\n");
}
