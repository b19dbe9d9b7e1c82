// torch.func.grad: gradients from gbc's tape (autograd.h), its errors, and what it cannot model.
#include <catch2/catch.hpp>

#include <string>

#include "interp/driver.h"

namespace {

/// stdout of `gbc run` on the program (torch imported), or the first diagnostic when the
/// analysis stopped on something gbc cannot model.
std::string run(const std::string& body) {
  gbc::interp::Options opt;
  std::string out;
  opt.out = [&out](std::string_view s) { out += s; };
  opt.run = true;
  auto outcome = gbc::interp::runFile("/tmp/gbc_autograd_test.py", "import torch\n" + body, opt);
  if (!outcome) return "error: " + outcome.error().message;
  if (outcome->uncaught_exception) return out + *outcome->uncaught_exception;
  return out;
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
        "error: unsupported: torch.func.grad through `amax` at /tmp/gbc_autograd_test.py:2");
}
