// Autograd (autograd.h): grad mode, the backward graph the ops record, the engine that runs it
// for Tensor.backward() and torch.autograd.grad, and torch.func.grad's tape.
#include "interp/autograd.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "runtime/ops.h"

namespace gbc::interp {

static thread_local bool g_grad_enabled = true;  // per thread: gbc analyze runs one file per thread
static thread_local GradTape* g_tape = nullptr;  // the innermost open GradTape
bool gradEnabled() { return g_grad_enabled; }
void setGradEnabled(bool enabled) { g_grad_enabled = enabled; }

// the ops of nn_core.cpp (pad, group_norm, _weight_norm, ...)
std::string nnCoreBackwardName(const std::string& target, const std::vector<Value>& inputs);

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
      {"masked_fill", "MaskedFillBackward0"},
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
      {"rsqrt", "RsqrtBackward0"},
      {"log_softmax", "LogSoftmaxBackward0"},
      {"cross_entropy", "NllLossBackward0"},
      {"nll_loss", "NllLossBackward0"},
      {"mse_loss", "MseLossBackward0"},
      {"copy_", "CopyBackwards"},
      {"setitem", "CopySlices"},
      {"zero_", "ZeroBackward0"},
      {"fill_", "FillBackward0"},
      {"unbind", "UnbindBackward0"},
      {"max.dim", "MaxBackward0"},
      {"min.dim", "MinBackward0"},
      {"conv1d", "ConvolutionBackward0"},
      {"conv2d", "ConvolutionBackward0"},
      {"batch_norm", "NativeBatchNormBackward0"},
      {"max_pool2d", "MaxPool2DWithIndicesBackward0"},
      {"avg_pool2d", "AvgPool2DBackward0"},
      {"adaptive_avg_pool2d", "AdaptiveAvgPool2DBackward0"},
      {"embedding", "EmbeddingBackward0"},
      {"triu", "TriuBackward0"},
      {"tril", "TrilBackward0"}};
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
  return it == kNames.end() ? nnCoreBackwardName(target, inputs) : it->second;
}

GradNode::~GradNode() {
  std::vector<std::shared_ptr<GradNode>> last;  // nodes only this one holds
  auto take = [&last](std::vector<Edge>& edges) {
    for (Edge& e : edges)
      if (e.node && e.node.use_count() == 1) last.push_back(std::move(e.node));
  };
  take(next);
  while (!last.empty()) {
    std::shared_ptr<GradNode> n = std::move(last.back());
    last.pop_back();
    take(n->next);
  }
}

// ---- recording ----------------------------------------------------------------------------------

namespace {

using runtime::Tensor;

Tensor& T(const Value& v) { return tensorArg(v); }

bool isTensor(const Value& v) { return v && v->kind == Kind::Tensor; }

bool requiresGrad(const Value& v) { return isTensor(v) && as<TensorObject>(v).t.requiresGrad(); }

int64_t uidOf(const Value& v) { return isTensor(v) ? as<TensorObject>(v).uid : 0; }

uint64_t versionOf(const Tensor& t) { return t.defined() ? t.storage()->version() : 0; }

/// Node creation order (torch's sequence_nr): the engine runs later nodes first.
uint64_t nextSequence() {
  static thread_local uint64_t n = 0;
  return ++n;
}

/// Ops whose result never requires grad: detach, and results that are not floating point
/// (comparisons, argmax, integer casts): torch only lets floating tensors require grad.
bool differentiable(const std::string& target, const Tensor& out) {
  return target != "detach" && runtime::isFloating(out.dtype());
}

/// A node for the op; `keep_objects` (a tape's nodes) keeps the tensor inputs' objects too.
std::shared_ptr<GradNode> makeNode(const std::string& target, const std::vector<Value>& inputs,
                                   const Value& out, const GradArgs& args, bool keep_objects) {
  auto node = std::make_shared<GradNode>();
  node->target = target;
  node->args = args;
  node->inputs.reserve(inputs.size());
  node->tensors.reserve(inputs.size());
  node->versions.reserve(inputs.size());
  for (const Value& in : inputs) {
    const bool tensor = isTensor(in);
    node->inputs.push_back(tensor && !keep_objects ? nullptr : in);
    node->tensors.push_back(tensor ? T(in) : Tensor());
    node->versions.push_back(tensor ? versionOf(T(in)) : 0);
  }
  node->out = T(out);
  node->out_version = versionOf(node->out);
  return node;
}

/// Where the gradient of an op's input goes: the node that made it, the leaf itself, or nowhere.
GradNode::Edge edgeTo(const Value& in) {
  GradNode::Edge e;
  if (!requiresGrad(in)) return e;
  if (as<TensorObject>(in).grad_fn)
    e.node = as<TensorObject>(in).grad_fn;
  else
    e.leaf = in;
  return e;
}

/// `g` summed over the dims broadcasting added to reach it from `shape` (at::sum_to), in the
/// dtype of the tensor it is the gradient of.
Tensor sumTo(VM& vm, Tensor g, const runtime::Shape& shape, runtime::DType dtype) {
  if (g.sizes() != shape) {
    const size_t lead = g.sizes().size() > shape.size() ? g.sizes().size() - shape.size() : 0;
    std::vector<int64_t> dims;
    for (size_t d = 0; d < lead; ++d) dims.push_back(static_cast<int64_t>(d));
    for (size_t d = 0; d < shape.size() && lead + d < g.sizes().size(); ++d)
      if (shape[d] == 1 && g.sizes()[lead + d] != 1) dims.push_back(static_cast<int64_t>(lead + d));
    if (!dims.empty()) g = check(vm, runtime::sum(g, dims, true));
    g = check(vm, runtime::reshape(g.contiguous(), shape));
  }
  if (g.dtype() != dtype) g = g.to(dtype);
  return g;
}

std::string sizeString(const runtime::Shape& s) {
  std::string out = "torch.Size([";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "])";
}

/// Runs the rules with grad mode off (backward does not build a graph of its own).
struct NoGrad {
  bool prev = g_grad_enabled;
  NoGrad() { g_grad_enabled = false; }
  ~NoGrad() { g_grad_enabled = prev; }
  NoGrad(const NoGrad&) = delete;
  NoGrad& operator=(const NoGrad&) = delete;
};

}  // namespace

void applyGradFn(VM& vm, const std::string& target, const std::vector<Value>& inputs,
                 const Value& out, const GradArgs& args) {
  (void)vm;
  if (!isTensor(out)) return;
  const bool on_tape = g_tape && std::any_of(inputs.begin(), inputs.end(),
                                             [](const Value& in) { return g_tape->tracked(in); });
  bool needs = g_grad_enabled && std::any_of(inputs.begin(), inputs.end(), requiresGrad) &&
               differentiable(target, T(out));
  if (!on_tape && !needs) return;
  // an op that hands back one of its inputs (x.to(x.dtype)): no node that points at itself
  if (std::find(inputs.begin(), inputs.end(), out) != inputs.end()) return;
  if (on_tape) g_tape->record(makeNode(target, inputs, out, args, true), out);
  if (!needs) return;
  std::shared_ptr<GradNode> node = makeNode(target, inputs, out, args, false);
  node->sequence = nextSequence();
  node->next.reserve(inputs.size());
  for (const Value& in : inputs) node->next.push_back(edgeTo(in));
  auto& to = as<TensorObject>(out);
  to.t.setRequiresGrad(true);
  std::string name = backwardName(target, inputs);
  // sum/mean over dims are other overloads (sum.dim_IntList: SumBackward1)
  if ((target == "sum" || target == "mean") && !args.dims.empty())
    name = target == "sum" ? "SumBackward1" : "MeanBackward1";
  if (!name.empty()) to.t.setGradFn(name);
  to.grad_fn = std::move(node);
}

namespace {

/// Whether `t` is a view of a leaf that requires grad, through view ops that share its storage.
bool isViewOfLeaf(const TensorObject& t) {
  static const std::set<std::string> kViews = {
      "getitem", "unbind",    "view",    "reshape", "flatten", "unsqueeze", "squeeze",
      "t",       "transpose", "permute", "expand",  "view_as", "as_tensor", "contiguous"};
  for (const GradNode* n = t.grad_fn.get(); n && kViews.count(n->target) != 0;) {
    if (n->tensors.empty() || !n->tensors[0].defined() || n->tensors[0].storage() != t.t.storage())
      return false;
    if (n->next.at(0).leaf) return true;
    n = n->next[0].node.get();
  }
  return false;
}

/// The op whose derivative rule an in-place op's node runs, or "" when backward cannot go
/// through it (a node that needs self's overwritten value, an op without a rule).
std::string inplaceRule(VM& vm, const std::string& target, const std::vector<Value>& inputs) {
  static const std::unordered_map<std::string, std::string> kRules = {
      {"iadd", "add"},        {"add_", "add"},   {"isub", "sub"},     {"sub_", "sub"},
      {"imul", "mul"},        {"mul_", "mul"},   {"itruediv", "div"}, {"div_", "div"},
      {"setitem", "setitem"}, {"copy_", "copy_"}};
  auto it = kRules.find(target);
  if (it == kRules.end() || inputs.empty()) return "";
  const std::string& op = it->second;
  // d(self * other)/d other is self's value before the write
  if ((op == "mul" || op == "div") && requiresGrad(inputs[0])) return "";
  if (op == "setitem") {  // (value, key): basic indexing only
    if (inputs.size() != 2) return "";
    for (const auto& item : tensorIndexItems(vm, inputs[1]))
      if (std::holds_alternative<Tensor>(item)) return "";
  }
  return op;
}

}  // namespace

void applyInplaceGradFn(VM& vm, const std::string& target, const Value& self,
                        const std::vector<Value>& inputs) {
  if (!isTensor(self)) return;
  // The node keeps the edges of self (to the node that made its old value) and of the inputs,
  // but never self's object: self holds the node.
  auto node = [&](const std::string& rule) {
    auto n = std::make_shared<GradNode>();
    n->target = rule.empty() ? target : rule;
    n->sequence = nextSequence();
    n->next.push_back(edgeTo(self));
    for (const Value& in : inputs) n->next.push_back(edgeTo(in));
    if (rule.empty()) {
      n->blocked = "the in-place `" + target + "`";
      return n;
    }
    const Tensor& t = T(self);
    n->inputs.push_back(nullptr);
    n->tensors.push_back(t);
    n->versions.push_back(versionOf(t));
    for (const Value& in : inputs) {
      n->inputs.push_back(isTensor(in) ? nullptr : in);
      n->tensors.push_back(isTensor(in) ? T(in) : Tensor());
      n->versions.push_back(isTensor(in) ? versionOf(T(in)) : 0);
    }
    n->out = t;
    n->out_version = versionOf(t) + 1;  // (the op's write bumps the version once)
    return n;
  };
  // (the tape knows tensors by object: an in-place op would mix up its entries)
  if (g_tape && (g_tape->tracked(self) || std::any_of(inputs.begin(), inputs.end(), [](auto& in) {
                   return g_tape->tracked(in);
                 })))
    g_tape->record(node(""), self);
  if (!g_grad_enabled) return;
  auto& s = as<TensorObject>(self);
  if (!s.t.requiresGrad() && std::none_of(inputs.begin(), inputs.end(), requiresGrad)) return;
  if (!runtime::isFloating(s.t.dtype())) return;
  if (s.t.requiresGrad() && !s.grad_fn)
    vm.raise(vm.b().runtime_error,
             target == "setitem"
                 ? "a view of a leaf Variable that requires grad is being used in an in-place "
                   "operation."
                 : "a leaf Variable that requires grad is being used in an in-place operation.");
  if (isViewOfLeaf(s))
    vm.raise(vm.b().runtime_error,
             "a view of a leaf Variable that requires grad is being used in an in-place "
             "operation.");
  if (vm.dynamo().tracing(vm)) {  // a restarted trace undoes the mark
    std::shared_ptr<GradNode> old = s.grad_fn;
    bool old_requires = s.t.requiresGrad();
    std::string old_name = s.t.gradFn();
    Value keep = self;
    vm.dynamo().journal(vm, [keep, old, old_requires, old_name] {
      auto& t = as<TensorObject>(keep);
      t.grad_fn = old;
      t.t.setRequiresGrad(old_requires);
      t.t.setGradFn(old_name);
    });
  }
  s.grad_fn = node(inplaceRule(vm, target, inputs));
  s.t.setRequiresGrad(true);
  std::vector<Value> all = {self};
  all.insert(all.end(), inputs.begin(), inputs.end());
  s.t.setGradFn(backwardName(target, all));
}

// ---- the engine ---------------------------------------------------------------------------------

void runBackward(VM& vm, const std::vector<Value>& outputs, std::vector<Tensor> grads,
                 bool retain_graph, const std::vector<Value>& inputs,
                 std::vector<Tensor>* results) {
  const char* kSecondTime =
      "Trying to backward through the graph a second time (or directly access saved tensors "
      "after they have already been freed). Saved intermediate values of the graph are freed "
      "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
      "backward through the graph a second time or if you need to access saved tensors after "
      "calling backward.";
  grads.resize(outputs.size());
  // torch.autograd's _make_grads: the given gradients' shapes, the implicit ones of scalars
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Tensor& o = T(outputs[i]);
    if (grads[i].defined()) {
      if (grads[i].sizes() != o.sizes())
        vm.raise(vm.b().runtime_error, "Mismatch in shape: grad_output[" + std::to_string(i) +
                                           "] has a shape of " + sizeString(grads[i].sizes()) +
                                           " and output[" + std::to_string(i) +
                                           "] has a shape of " + sizeString(o.sizes()) + ".");
      if (grads[i].dtype() != o.dtype()) grads[i] = grads[i].to(o.dtype());
    } else if (o.requiresGrad()) {
      if (o.numel() != 1)
        vm.raise(vm.b().runtime_error, "grad can be implicitly created only for scalar outputs");
      grads[i] = runtime::onesLike(o);
    }
  }
  for (size_t i = 0; i < outputs.size(); ++i)
    if (!T(outputs[i]).requiresGrad())
      vm.raise(vm.b().runtime_error, "element " + std::to_string(i) +
                                         " of tensors does not require grad and does not have a "
                                         "grad_fn");
  NoGrad no_grad;
  // the gradient flowing into each node and each leaf
  std::unordered_map<const GradNode*, Tensor> buffer;
  std::vector<std::pair<Value, Tensor>> leaves;  // in order of first arrival
  auto add = [&](Tensor& slot, const Tensor& g) {
    slot = slot.defined() ? check(vm, runtime::add(slot, g)) : g;
    slot.narrowStorage();  // (bfloat16/half gradients: each kernel's result rounded)
  };
  auto toLeaf = [&](const Value& leaf, const Tensor& g) {
    for (auto& [v, sum] : leaves)
      if (v == leaf) return add(sum, g);
    leaves.emplace_back(leaf, g);
  };
  std::vector<std::shared_ptr<GradNode>> order;
  std::unordered_map<const GradNode*, bool> seen;
  std::vector<std::shared_ptr<GradNode>> stack;
  // a tensor written in place where the graph did not see it (through a view, or under
  // no_grad) is no longer the value its node made
  auto stale = [&](const Tensor& value, uint64_t version, const GradNode& n) {
    if (!n.out.defined() || !value.defined() || value.storage() != n.out.storage() ||
        version == n.out_version)
      return;
    vm.unsupported("Tensor.backward through `" + n.target +
                   "`, whose result was modified in place outside the graph");
  };
  for (size_t i = 0; i < outputs.size(); ++i) {
    auto& o = as<TensorObject>(outputs[i]);
    if (!o.grad_fn) {
      toLeaf(outputs[i], grads[i]);
      continue;
    }
    stale(o.t, versionOf(o.t), *o.grad_fn);
    add(buffer[o.grad_fn.get()], grads[i]);
    stack.push_back(o.grad_fn);
  }
  while (!stack.empty()) {
    std::shared_ptr<GradNode> n = std::move(stack.back());
    stack.pop_back();
    if (seen[n.get()]) continue;
    seen[n.get()] = true;
    order.push_back(n);
    for (const GradNode::Edge& e : n->next)
      if (e.node && !seen[e.node.get()]) stack.push_back(e.node);
  }
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a->sequence > b->sequence; });
  // autograd.grad of a non-leaf: the gradient its node receives
  std::map<const GradNode*, size_t> captured;
  if (results) {
    results->assign(inputs.size(), Tensor());
    for (size_t i = 0; i < inputs.size(); ++i)
      if (auto& fn = as<TensorObject>(inputs[i]).grad_fn) captured[fn.get()] = i;
  }
  // only the nodes on a path to a wanted tensor run (torch's exec_info), producers first
  auto target = [&](const Value& leaf) {
    return inputs.empty() || std::find(inputs.begin(), inputs.end(), leaf) != inputs.end();
  };
  std::unordered_map<const GradNode*, bool> runs;
  auto wanted = [&](const GradNode::Edge& e) {
    if (e.leaf) return target(e.leaf);
    return e.node && (runs[e.node.get()] || captured.count(e.node.get()) != 0);
  };
  for (auto n = order.rbegin(); n != order.rend(); ++n)
    runs[n->get()] = std::any_of((*n)->next.begin(), (*n)->next.end(), wanted);
  std::vector<GradNode*> ran;
  for (const auto& n : order) {
    auto found = buffer.find(n.get());
    if (found == buffer.end()) continue;  // no gradient reaches it
    const Tensor g = found->second;
    if (auto c = captured.find(n.get()); c != captured.end()) (*results)[c->second] = g;
    if (!runs[n.get()]) continue;
    if (n->released && savesTensors(n->target)) vm.raise(vm.b().runtime_error, kSecondTime);
    std::vector<bool> needs;
    for (const GradNode::Edge& e : n->next) needs.push_back(wanted(e));
    std::vector<Tensor> in_grads = inputGradients(vm, *n, g, needs, "Tensor.backward");
    ran.push_back(n.get());
    for (size_t i = 0; i < n->next.size() && i < in_grads.size(); ++i) {
      if (!needs[i] || !in_grads[i].defined()) continue;
      const Tensor& in = n->tensors[i];
      Tensor gi = sumTo(vm, in_grads[i], in.sizes(), in.dtype());
      gi.narrowStorage();
      if (n->next[i].node) {
        stale(in, n->versions[i], *n->next[i].node);
        add(buffer[n->next[i].node.get()], gi);
      } else
        toLeaf(n->next[i].leaf, gi);
    }
  }
  if (!retain_graph)
    for (GradNode* n : ran) n->released = true;
  if (results) {
    for (auto& [leaf, g] : leaves)
      for (size_t i = 0; i < inputs.size(); ++i)
        if (inputs[i] == leaf) (*results)[i] = g;
    return;
  }
  // AccumulateGrad: a fresh tensor the first time, else added in place
  for (auto& [leaf, g] : leaves) {
    if (!target(leaf)) continue;
    auto& to = as<TensorObject>(leaf);
    if (!to.attrs) to.attrs = newDict();
    Value old = to.attrs->getStr("grad");
    if (old && isTensor(old)) {
      check(vm, runtime::add_(T(old), g));
      continue;
    }
    to.attrs->setStr("grad", wrapTensor(g.to(to.t.dtype()).clone()));
  }
}

// ---- GradTape -----------------------------------------------------------------------------------

GradTape::Scope::Scope(GradTape& tape) : outer_(g_tape) { g_tape = &tape; }
GradTape::Scope::~Scope() { g_tape = outer_; }

void GradTape::track(const Value& t) { variables_.insert(uidOf(t)); }

bool GradTape::tracked(const Value& v) const {
  int64_t uid = uidOf(v);
  return uid != 0 && variables_.count(uid) != 0;
}

void GradTape::record(std::shared_ptr<const GradNode> node, const Value& out) {
  entries_.push_back({std::move(node), out});
  variables_.insert(uidOf(out));
}

std::vector<Tensor> GradTape::gradients(VM& vm, const Value& output,
                                        const std::vector<Value>& wrt) const {
  std::unordered_map<int64_t, Tensor> grad;  // by tensor uid
  grad[uidOf(output)] = runtime::onesLike(T(output));
  for (auto e = entries_.rbegin(); e != entries_.rend(); ++e) {
    auto found = grad.find(uidOf(e->out));
    if (found == grad.end()) continue;  // the output does not depend on this op
    const Tensor g = found->second;
    if (!e->node->blocked.empty()) vm.unsupported("torch.func.grad through " + e->node->blocked);
    const std::vector<Value>& inputs = e->node->inputs;
    std::vector<bool> needs;
    for (const Value& in : inputs) needs.push_back(tracked(in));
    std::vector<Tensor> in_grads = inputGradients(vm, *e->node, g, needs, "torch.func.grad");
    for (size_t i = 0; i < inputs.size() && i < in_grads.size(); ++i) {
      if (!needs[i] || !in_grads[i].defined()) continue;
      const Tensor& in = e->node->tensors[i];
      Tensor gi = sumTo(vm, in_grads[i], in.sizes(), in.dtype());
      gi.narrowStorage();
      auto [it, fresh] = grad.emplace(uidOf(inputs[i]), gi);
      if (!fresh) {
        it->second = check(vm, runtime::add(it->second, gi));
        it->second.narrowStorage();
      }
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
