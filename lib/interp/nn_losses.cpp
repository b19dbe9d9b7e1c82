// torch.nn's losses and log_softmax: F.cross_entropy, F.nll_loss, F.mse_loss, F.log_softmax
// (also torch.log_softmax and Tensor.log_softmax), and the modules of torch/nn/modules/loss.py
// (CrossEntropyLoss, NLLLoss, MSELoss, with LogSoftmax) in Python. Class-index targets only:
// class weights, label smoothing, class probabilities and K-dimensional inputs are reported as
// what gbc cannot model, never computed differently.
#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "runtime/ops.h"

namespace gbc::interp {

namespace {

using runtime::Tensor;

const char* kLossSource = R"PY(
import torch
from torch.nn.modules.module import Module

def _legacy_get_string(size_average, reduce):
    if size_average is None:
        size_average = True
    if reduce is None:
        reduce = True
    if size_average and reduce:
        return "mean"
    elif reduce:
        return "sum"
    return "none"

class _Loss(Module):
    def __init__(self, size_average=None, reduce=None, reduction="mean"):
        super().__init__()
        if size_average is not None or reduce is not None:
            self.reduction = _legacy_get_string(size_average, reduce)
        else:
            self.reduction = reduction

class _WeightedLoss(_Loss):
    def __init__(self, weight=None, size_average=None, reduce=None, reduction="mean"):
        super().__init__(size_average, reduce, reduction)
        self.weight = weight

class NLLLoss(_WeightedLoss):
    def __init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None,
                 reduction="mean"):
        super().__init__(weight, size_average, reduce, reduction)
        self.ignore_index = ignore_index

    def forward(self, input, target):
        return torch.nn.functional.nll_loss(input, target, weight=self.weight,
                                            ignore_index=self.ignore_index,
                                            reduction=self.reduction)

class CrossEntropyLoss(_WeightedLoss):
    def __init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None,
                 reduction="mean", label_smoothing=0.0):
        super().__init__(weight, size_average, reduce, reduction)
        self.ignore_index = ignore_index
        self.label_smoothing = label_smoothing

    def forward(self, input, target):
        return torch.nn.functional.cross_entropy(input, target, weight=self.weight,
                                                 ignore_index=self.ignore_index,
                                                 reduction=self.reduction,
                                                 label_smoothing=self.label_smoothing)

class MSELoss(_Loss):
    def __init__(self, size_average=None, reduce=None, reduction="mean"):
        super().__init__(size_average, reduce, reduction)

    def forward(self, input, target):
        return torch.nn.functional.mse_loss(input, target, reduction=self.reduction)

class LogSoftmax(Module):
    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return torch.nn.functional.log_softmax(input, self.dim)

    def extra_repr(self):
        return f"dim={self.dim}"
)PY";

Value argOr(const CallArgs& a, size_t i, const char* kw) {
  if (i < a.args.size()) return a.args[i];
  return a.kw(kw);
}

bool given(const Value& v) { return v && !isNone(v); }

/// A loss's result: its grad_fn and, while Dynamo traces, its graph node.
Value lossResult(VM& vm, const std::string& target, const std::vector<Value>& inputs, Tensor t,
                 const GradArgs& args) {
  Value out = wrapTensor(std::move(t));
  applyGradFn(vm, target, inputs, out, args);
  vm.dynamo().recordOp(vm, target, graph::NodeOp::CallFunction, inputs, {out});
  return out;
}

/// The `reduction` argument (size_average / reduce, when given, as torch's legacy rule).
std::string reductionArg(VM& vm, const Value& size_average, const Value& reduce,
                         const Value& reduction) {
  if (given(size_average) || given(reduce)) {
    bool avg = !given(size_average) || vm.truthy(size_average);
    bool red = !given(reduce) || vm.truthy(reduce);
    return avg && red ? "mean" : red ? "sum" : "none";
  }
  std::string r = given(reduction) ? vm.str(reduction) : "mean";
  if (r != "mean" && r != "sum" && r != "none")
    vm.raise(vm.b().value_error, r + " is not a valid value for reduction");
  return r;
}

runtime::Reduction reductionKind(const std::string& r) {
  if (r == "sum") return runtime::Reduction::Sum;
  if (r == "none") return runtime::Reduction::None;
  return runtime::Reduction::Mean;
}

/// F.cross_entropy / F.nll_loss: (input, target, weight, size_average, ignore_index, reduce,
/// reduction[, label_smoothing]).
Value classLoss(VM& vm, CallArgs& a, const std::string& name) {
  const Value input = a.args.at(0), target = argOr(a, 1, "target");
  const std::string what = "F." + name;
  if (given(argOr(a, 2, "weight"))) vm.unsupported(what + " with class weights");
  if (Value ls = argOr(a, 7, "label_smoothing");
      name == "cross_entropy" && given(ls) && asFloat(ls) != 0.0)
    vm.unsupported(what + " with label_smoothing");
  const Value cin = autocastFloat32(vm, input);  // (an fp32 op under CPU autocast)
  const Tensor& x = tensorArg(cin);
  const Tensor& t = tensorArg(target);
  if (runtime::isFloating(t.dtype())) vm.unsupported(what + " with class probabilities");
  if (x.dim() > 2) vm.unsupported(what + " of a " + std::to_string(x.dim()) + "-d input");
  GradArgs args;
  args.reduction = reductionArg(vm, argOr(a, 3, "size_average"), argOr(a, 5, "reduce"),
                                argOr(a, 6, "reduction"));
  if (Value ii = argOr(a, 4, "ignore_index"); given(ii)) args.ignore_index = asInt(ii);
  Tensor logp = name == "nll_loss" ? x : check(vm, runtime::logSoftmax(x, x.dim() == 1 ? 0 : 1));
  Tensor loss =
      check(vm, runtime::nllLoss(logp, t, reductionKind(args.reduction), args.ignore_index));
  if (cin != input) {
    Value out = wrapTensor(std::move(loss));
    applyGradFn(vm, name, {cin, target}, out, args);
    vm.dynamo().recordOp(vm, name, graph::NodeOp::CallFunction, {input, target}, {out});
    return out;
  }
  return lossResult(vm, name, {input, target}, std::move(loss), args);
}

/// F.mse_loss(input, target, size_average, reduce, reduction, weight): (input - target)^2,
/// broadcast, then the reduction.
Value mseLoss(VM& vm, CallArgs& a) {
  const Value input = a.args.at(0), target = argOr(a, 1, "target");
  if (given(argOr(a, 5, "weight"))) vm.unsupported("F.mse_loss with weight");
  GradArgs args;
  args.reduction = reductionArg(vm, argOr(a, 2, "size_average"), argOr(a, 3, "reduce"),
                                argOr(a, 4, "reduction"));
  Tensor diff = check(vm, runtime::sub(tensorArg(input), tensorArg(target)));
  Tensor sq = check(vm, runtime::mul(diff, diff));
  if (args.reduction == "mean") sq = check(vm, runtime::mean(sq));
  if (args.reduction == "sum") sq = check(vm, runtime::sum(sq));
  return lossResult(vm, "mse_loss", {input, target}, std::move(sq), args);
}

/// torch.nn.functional._get_softmax_dim: the implicit dim of a legacy call without one.
int64_t softmaxDim(VM& vm, const Value& dim, const Tensor& x) {
  if (given(dim)) return asInt(dim);
  (void)vm;
  int64_t n = x.dim();
  return n == 0 || n == 1 || n == 3 ? 0 : 1;
}

Value logSoftmax(VM& vm, const Value& input, const Value& dim, const Value& dtype, bool method) {
  Tensor x = tensorArg(input);
  if (given(dtype) && dtype->kind == Kind::DType) x = x.to(as<DTypeObject>(dtype).d);
  GradArgs args;
  args.dims = {softmaxDim(vm, dim, x)};
  Value out = wrapTensor(check(vm, runtime::logSoftmax(x, args.dims[0])));
  applyGradFn(vm, "log_softmax", {input}, out, args);
  vm.dynamo().recordOp(vm, "log_softmax",
                       method ? graph::NodeOp::CallMethod : graph::NodeOp::CallFunction, {input},
                       {out});
  return out;
}

void def(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = as<ModuleObject>(module).name + "." + name;
  b->qualname = name;
  as<ModuleObject>(module).dict->setStr(name, b);
}

}  // namespace

static constexpr const char* kLossModules[] = {"CrossEntropyLoss", "NLLLoss", "MSELoss",
                                               "LogSoftmax"};

void installLosses(VM& vm) {
  Value F = vm.findModule("torch.nn.functional");
  Value torch = vm.findModule("torch");
  def(F, "cross_entropy",
      [](VM& vm, CallArgs& a) -> Value { return classLoss(vm, a, "cross_entropy"); });
  def(F, "nll_loss", [](VM& vm, CallArgs& a) -> Value { return classLoss(vm, a, "nll_loss"); });
  def(F, "mse_loss", mseLoss);
  def(F, "log_softmax", [](VM& vm, CallArgs& a) -> Value {
    return logSoftmax(vm, a.args.at(0), argOr(a, 1, "dim"), argOr(a, 3, "dtype"), false);
  });
  def(torch, "log_softmax", [](VM& vm, CallArgs& a) -> Value {
    return logSoftmax(vm, a.args.at(0), argOr(a, 1, "dim"), argOr(a, 2, "dtype"), false);
  });
  NativeFn method = [](VM& vm, CallArgs& a) -> Value {
    return logSoftmax(vm, a.args.at(0), argOr(a, 1, "dim"), argOr(a, 2, "dtype"), true);
  };
  vm.nativeMethods(Kind::Tensor)["log_softmax"] = method;
  auto unbound = std::make_shared<BuiltinObject>("log_softmax", method);
  unbound->qualname = "Tensor.log_softmax";
  unbound->id = "Tensor.log_softmax";
  vm.b().tensor->dict->setStr("log_softmax", unbound);

  // the loss modules (Python, torch/nn/modules/loss.py) load on first use
  std::vector<std::pair<std::string, std::string>> attrs;
  for (const char* name : kLossModules) attrs.emplace_back("torch.nn", name);
  vm.addLazyPart({"torch.nn.modules.loss"}, std::move(attrs), [](VM& vm) {
    loadPrelude(vm, "torch.nn.modules.loss",
                std::string(vm.target().torch_prefix) + "/nn/modules/loss.py", kLossSource);
    auto& nn = *as<ModuleObject>(vm.findModule("torch.nn")).dict;
    auto& loss = *as<ModuleObject>(vm.findModule("torch.nn.modules.loss")).dict;
    for (const char* name : kLossModules) nn.setStr(name, loss.getStr(name));
  });
}

}  // namespace gbc::interp
