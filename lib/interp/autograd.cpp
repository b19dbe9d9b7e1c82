#include "interp/autograd.h"

#include <algorithm>
#include <unordered_map>

#include "interp/torch_model.h"
#include "runtime/ops.h"

namespace gbc::interp {

static thread_local bool g_grad_enabled = true;  // per thread: gbc analyze runs one file per thread
static thread_local GradTape* g_tape = nullptr;  // the innermost open GradTape
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
  if (g_tape && out && out->kind == Kind::Tensor &&
      std::any_of(inputs.begin(), inputs.end(),
                  [](const Value& in) { return g_tape->tracked(in); }))
    g_tape->record(target, inputs, out);
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

// ---- GradTape -----------------------------------------------------------------------------------

namespace {

using runtime::Tensor;

Tensor& T(const Value& v) { return tensorArg(v); }

int64_t uidOf(const Value& v) { return v && v->kind == Kind::Tensor ? as<TensorObject>(v).uid : 0; }

/// `g` summed over the dims broadcasting added to reach it from `shape`.
Tensor sumTo(VM& vm, Tensor g, const runtime::Shape& shape) {
  while (static_cast<size_t>(g.dim()) > shape.size())
    g = check(vm, runtime::sum(g, std::vector<int64_t>{0}, false));
  for (size_t d = 0; d < shape.size(); ++d)
    if (shape[d] == 1 && g.sizes()[d] != 1)
      g = check(vm, runtime::sum(g, std::vector<int64_t>{static_cast<int64_t>(d)}, true));
  return g;
}

}  // namespace

GradTape::Scope::Scope(GradTape& tape) : outer_(g_tape) { g_tape = &tape; }
GradTape::Scope::~Scope() { g_tape = outer_; }

void GradTape::track(const Value& t) { variables_.insert(uidOf(t)); }

bool GradTape::tracked(const Value& v) const {
  int64_t uid = uidOf(v);
  return uid != 0 && variables_.count(uid) != 0;
}

void GradTape::record(const std::string& target, const std::vector<Value>& inputs,
                      const Value& out) {
  entries_.push_back({target, inputs, out});
  variables_.insert(uidOf(out));
}

std::vector<Tensor> GradTape::gradients(VM& vm, const Value& output,
                                        const std::vector<Value>& wrt) const {
  std::unordered_map<int64_t, Tensor> grad;  // by tensor uid
  const Tensor& y = T(output);
  grad[uidOf(output)] = runtime::onesLike(y);
  auto accumulate = [&](const Value& in, Tensor g) {
    if (!tracked(in)) return;
    g = sumTo(vm, std::move(g), T(in).sizes());
    auto [it, fresh] = grad.emplace(uidOf(in), g);
    if (!fresh) it->second = check(vm, runtime::add(it->second, g));
  };
  auto operand = [&](const Value& v) { return tensorOperand(vm, v); };
  for (auto e = entries_.rbegin(); e != entries_.rend(); ++e) {
    auto found = grad.find(uidOf(e->out));
    if (found == grad.end()) continue;  // the output does not depend on this op
    const Tensor g = found->second;
    const std::string& op = e->target;
    const Value& a = e->inputs.at(0);
    const Tensor& out = T(e->out);
    auto unary = [&](Tensor local) { accumulate(a, check(vm, runtime::mul(g, local))); };
    if (op == "sin") {
      unary(runtime::cos(T(a)));
    } else if (op == "cos") {
      unary(check(vm, runtime::neg(runtime::sin(T(a)))));
    } else if (op == "exp") {
      unary(out);
    } else if (op == "log") {
      accumulate(a, check(vm, runtime::div(g, T(a))));
    } else if (op == "neg") {
      accumulate(a, check(vm, runtime::neg(g)));
    } else if (op == "tanh") {
      unary(check(vm, runtime::sub(int64_t{1}, check(vm, runtime::mul(out, out)))));
    } else if (op == "sigmoid") {
      unary(check(vm, runtime::mul(out, check(vm, runtime::sub(int64_t{1}, out)))));
    } else if (op == "relu") {
      unary(check(vm, runtime::gt(T(a), int64_t{0})));
    } else if (op == "sqrt") {
      accumulate(a, check(vm, runtime::div(g, check(vm, runtime::mul(out, int64_t{2})))));
    } else if ((op == "sum" || op == "mean") && e->inputs.size() == 1 &&
               (out.dim() == 0 || out.dim() == T(a).dim())) {
      // over all elements, or with keepdim: g broadcasts back over the reduced dims
      Tensor spread = check(vm, runtime::mul(runtime::onesLike(T(a)), g));
      if (op == "mean") {
        int64_t n = T(a).numel() / std::max<int64_t>(out.numel(), 1);
        spread = check(vm, runtime::div(spread, n));
      }
      accumulate(a, spread);
    } else if ((op == "add" || op == "sub" || op == "mul" || op == "truediv" || op == "div") &&
               e->inputs.size() == 2) {
      const Value& b = e->inputs[1];
      if (op == "add") {
        accumulate(a, g);
        accumulate(b, g);
      } else if (op == "sub") {
        accumulate(a, g);
        accumulate(b, check(vm, runtime::neg(g)));
      } else if (op == "mul") {
        accumulate(a, check(vm, runtime::mul(g, operand(b))));
        accumulate(b, check(vm, runtime::mul(g, operand(a))));
      } else {
        accumulate(a, check(vm, runtime::div(g, operand(b))));
        if (tracked(b))  // d(a/b)/db = -a / b^2
          accumulate(b, check(vm, runtime::neg(check(
                                      vm, runtime::div(check(vm, runtime::mul(g, out)), T(b))))));
      }
    } else if (op == "pow" && e->inputs.size() == 2 && e->inputs[1]->kind != Kind::Tensor) {
      runtime::Operand c = operand(e->inputs[1]);
      Tensor cm1 = check(vm, runtime::sub(c, int64_t{1}));
      unary(check(vm, runtime::mul(check(vm, runtime::pow(T(a), cm1)), c)));
    } else {
      vm.unsupported("torch.func.grad through `" + op + "`");
    }
  }
  std::vector<Tensor> out;
  for (const Value& x : wrt) {
    auto it = grad.find(uidOf(x));
    out.push_back(it != grad.end() ? it->second : runtime::zerosLike(T(x)));
  }
  return out;
}

}  // namespace gbc::interp
