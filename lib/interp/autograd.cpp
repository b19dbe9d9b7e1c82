#include "interp/autograd.h"

#include <unordered_map>

namespace gbc::interp {

static thread_local bool g_grad_enabled = true;  // per thread: gbc analyze runs one file per thread
bool gradEnabled() { return g_grad_enabled; }
void setGradEnabled(bool enabled) { g_grad_enabled = enabled; }

/// torch's backward node names (torch/csrc/autograd/generated), by the op that created them.
static std::string backwardName(const std::string& target, const std::vector<Value>& inputs) {
  static const std::unordered_map<std::string, std::string> kNames = {
      {"add", "AddBackward0"},
      {"iadd", "AddBackward0"},
      {"add_", "AddBackward0"},
      {"sub", "SubBackward0"},
      {"isub", "SubBackward0"},
      {"sub_", "SubBackward0"},
      {"mul", "MulBackward0"},
      {"imul", "MulBackward0"},
      {"mul_", "MulBackward0"},
      {"truediv", "DivBackward0"},
      {"div", "DivBackward0"},
      {"itruediv", "DivBackward0"},
      {"div_", "DivBackward0"},
      {"neg", "NegBackward0"},
      {"pow", "PowBackward0"},
      {"relu", "ReluBackward0"},
      {"sigmoid", "SigmoidBackward0"},
      {"tanh", "TanhBackward0"},
      {"exp", "ExpBackward0"},
      {"log", "LogBackward0"},
      {"sin", "SinBackward0"},
      {"cos", "CosBackward0"},
      {"abs", "AbsBackward0"},
      {"sqrt", "SqrtBackward0"},
      {"sum", "SumBackward0"},
      {"mean", "MeanBackward0"},
      {"amax", "AmaxBackward0"},
      {"amin", "AminBackward0"},
      {"matmul", "MmBackward0"},
      {"mm", "MmBackward0"},
      {"t", "TBackward0"},
      {"transpose", "TransposeBackward0"},
      {"view", "ViewBackward0"},
      {"reshape", "ViewBackward0"},
      {"unsqueeze", "UnsqueezeBackward0"},
      {"squeeze", "SqueezeBackward0"},
      {"clone", "CloneBackward0"},
      {"softmax", "SoftmaxBackward0"},
      {"gelu", "GeluBackward0"},
      {"layer_norm", "NativeLayerNormBackward0"},
      {"cat", "CatBackward0"},
      {"stack", "StackBackward0"},
      {"where", "WhereBackward0"},
      {"getitem", "SelectBackward0"},
      {"clamp", "ClampBackward1"},
      {"flatten", "ViewBackward0"},
      {"permute", "PermuteBackward0"},
      {"expand", "ExpandBackward0"},
      {"max", "MaxBackward1"},
      {"min", "MinBackward1"},
      {"float", "ToCopyBackward0"},
      {"double", "ToCopyBackward0"},
      {"to", "ToCopyBackward0"},
      {"rsqrt", "RsqrtBackward0"}};
  if (target == "linear") {
    // addmm for a 2-d input with bias, mm without; other ranks go through a view
    const Value& x = inputs.empty() ? nullptr : inputs[0];
    bool has_bias = inputs.size() > 2 && inputs[2] && inputs[2]->kind == Kind::Tensor;
    if (x && x->kind == Kind::Tensor && as<TensorObject>(x).t.dim() == 2)
      return has_bias ? "AddmmBackward0" : "MmBackward0";
    if (x && x->kind == Kind::Tensor && as<TensorObject>(x).t.dim() == 1)
      return has_bias ? "ViewBackward0" : "SqueezeBackward4";
    return "ViewBackward0";
  }
  if (target == "matmul" && inputs.size() == 2 && inputs[0]->kind == Kind::Tensor &&
      inputs[1]->kind == Kind::Tensor) {
    int64_t a = as<TensorObject>(inputs[0]).t.dim(), b = as<TensorObject>(inputs[1]).t.dim();
    if (a == 1 && b == 1) return "DotBackward0";
    if (a == 2 && b == 1) return "MvBackward0";
    if (a > 2 || b > 2) return "UnsafeViewBackward0";
  }
  auto it = kNames.find(target);
  return it == kNames.end() ? "" : it->second;
}

void applyGradFn(VM& vm, const std::string& target, const std::vector<Value>& inputs,
                 const Value& out) {
  (void)vm;
  if (!g_grad_enabled || !out || out->kind != Kind::Tensor) return;
  bool needs = false;
  for (const Value& in : inputs)
    if (in && in->kind == Kind::Tensor && as<TensorObject>(in).t.requiresGrad()) needs = true;
  if (!needs) return;
  auto& t = as<TensorObject>(out).t;
  t.setRequiresGrad(true);
  std::string name = backwardName(target, inputs);
  if (!name.empty()) t.setGradFn(name);
}

}  // namespace gbc::interp
