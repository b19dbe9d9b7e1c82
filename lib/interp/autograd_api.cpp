// torch.autograd's Python surface over gbc's autograd (autograd.h): Tensor.backward,
// Tensor.grad_fn / is_leaf / data, torch.autograd.backward and torch.autograd.grad.
#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/torch_model.h"

namespace gbc::interp {

namespace {

// torch/autograd/graph.py's Node, as programs see a grad_fn: its name() and repr
const char* kGraphSource = R"PY(
class Node:
    def __init__(self, name):
        self._name = name

    def name(self):
        return self._name

    def __repr__(self):
        return "<" + self._name + " object at 0x7f0000000000>"
)PY";

Value argOr(const CallArgs& a, size_t i, const char* kw) {
  if (i < a.args.size()) return a.args[i];
  return a.kw(kw);
}

bool given(const Value& v) { return v && !isNone(v); }

/// A tensor, or a sequence of tensors (None in a sequence: undefined).
std::vector<Value> tensorList(VM& vm, const Value& v) {
  if (!given(v)) return {};
  if (v->kind == Kind::Tensor) return {v};
  return vm.toVector(v);
}

std::vector<runtime::Tensor> gradList(VM& vm, const Value& v, size_t n) {
  std::vector<runtime::Tensor> out(n);
  std::vector<Value> items = tensorList(vm, v);
  for (size_t i = 0; i < items.size() && i < n; ++i)
    if (given(items[i])) out[i] = tensorArg(items[i]);
  return out;
}

void refuseWhileTracing(VM& vm, const std::string& what) {
  if (vm.dynamo().tracing(vm)) vm.unsupported("`" + what + "` while Dynamo traces");
}

void refuseCreateGraph(VM& vm, const Value& create_graph, const std::string& what) {
  if (given(create_graph) && vm.truthy(create_graph))
    vm.unsupported("`" + what + "(create_graph=True)` (gbc's backward builds no graph)");
}

/// backward's `inputs=`: the leaves to accumulate into (only leaves are modelled).
static std::vector<Value> leafInputs(VM& vm, const Value& v, const std::string& what) {
  std::vector<Value> inputs = tensorList(vm, v);
  for (const Value& in : inputs)
    if (in->kind != Kind::Tensor || as<TensorObject>(in).grad_fn)
      vm.unsupported("`" + what + "(inputs=...)` with a tensor that is not a leaf");
  return inputs;
}

/// Tensor.backward(gradient=None, retain_graph=None, create_graph=False, inputs=None)
Value tensorBackward(VM& vm, CallArgs& a) {
  refuseWhileTracing(vm, "Tensor.backward");
  Value self = a.args.at(0);
  Value create_graph = argOr(a, 3, "create_graph");
  refuseCreateGraph(vm, create_graph, "Tensor.backward");
  Value retain = argOr(a, 2, "retain_graph");
  std::vector<Value> inputs = leafInputs(vm, argOr(a, 4, "inputs"), "Tensor.backward");
  runBackward(vm, {self}, gradList(vm, argOr(a, 1, "gradient"), 1),
              given(retain) && vm.truthy(retain), inputs);
  return none();
}

/// torch.autograd.backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False,
/// grad_variables=None, inputs=None)
Value autogradBackward(VM& vm, CallArgs& a) {
  refuseWhileTracing(vm, "torch.autograd.backward");
  refuseCreateGraph(vm, argOr(a, 3, "create_graph"), "torch.autograd.backward");
  std::vector<Value> outputs = tensorList(vm, argOr(a, 0, "tensors"));
  Value retain = argOr(a, 2, "retain_graph");
  std::vector<Value> inputs = leafInputs(vm, argOr(a, 5, "inputs"), "torch.autograd.backward");
  runBackward(vm, outputs, gradList(vm, argOr(a, 1, "grad_tensors"), outputs.size()),
              given(retain) && vm.truthy(retain), inputs);
  return none();
}

/// torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None,
/// create_graph=False, only_inputs=True, allow_unused=None)
Value autogradGrad(VM& vm, CallArgs& a) {
  refuseWhileTracing(vm, "torch.autograd.grad");
  refuseCreateGraph(vm, argOr(a, 4, "create_graph"), "torch.autograd.grad");
  std::vector<Value> outputs = tensorList(vm, argOr(a, 0, "outputs"));
  std::vector<Value> inputs = tensorList(vm, argOr(a, 1, "inputs"));
  Value retain = argOr(a, 3, "retain_graph");
  Value unused = argOr(a, 6, "allow_unused");
  for (const Value& in : inputs)
    if (in->kind != Kind::Tensor || !as<TensorObject>(in).t.requiresGrad())
      vm.raise(vm.b().runtime_error, "One of the differentiated Tensors does not require grad");
  std::vector<runtime::Tensor> results;
  runBackward(vm, outputs, gradList(vm, argOr(a, 2, "grad_outputs"), outputs.size()),
              given(retain) && vm.truthy(retain), inputs, &results);
  std::vector<Value> out;
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].defined()) {
      out.push_back(wrapTensor(results[i]));
      continue;
    }
    if (!given(unused) || !vm.truthy(unused))
      vm.raise(vm.b().runtime_error, "The differentiated Tensor at index " + std::to_string(i) +
                                         " appears to not have been used in the graph. Set "
                                         "allow_unused=True if this is the desired behavior.");
    out.push_back(none());
  }
  return pyTuple(std::move(out));
}

/// Lets a tensor factory take `requires_grad=` (its result is a leaf).
void acceptRequiresGrad(BuiltinObject& factory) {
  NativeFn inner = factory.fn;
  factory.fn = [inner](VM& vm, CallArgs& a) -> Value {
    Value rg = a.kw("requires_grad");
    if (!rg) return inner(vm, a);
    CallArgs b = a;
    std::erase_if(b.kwargs, [](const auto& kv) { return kv.first == "requires_grad"; });
    Value out = inner(vm, b);
    if (!vm.truthy(rg) || out->kind != Kind::Tensor) return out;
    runtime::Tensor& t = as<TensorObject>(out).t;
    if (!runtime::isFloating(t.dtype()))
      vm.raise(vm.b().runtime_error,
               "Only Tensors of floating point and complex dtype can require gradients");
    t.setRequiresGrad(true);
    return out;
  };
}

}  // namespace

void installAutograd(VM& vm) {
  Value autograd = vm.findModule("torch.autograd");
  if (!autograd) {
    autograd = std::make_shared<ModuleObject>("torch.autograd");
    vm.registerModule("torch.autograd", autograd);
    as<ModuleObject>(vm.findModule("torch")).dict->setStr("autograd", autograd);
  }
  loadPrelude(vm, "torch.autograd.graph",
              std::string(vm.target().torch_prefix) + "/autograd/graph.py", kGraphSource);
  auto& P = vm.nativeProps(Kind::Tensor);
  P["is_leaf"] = [](VM&, const Value& t) -> Value { return pyBool(!as<TensorObject>(t).grad_fn); };
  P["grad_fn"] = [](VM& vm, const Value& t) -> Value {
    auto& node = as<TensorObject>(t).grad_fn;
    if (!node) return none();
    if (node->py) return node->py;
    const std::string& name = as<TensorObject>(t).t.gradFn();
    if (name.empty()) vm.unsupported("`Tensor.grad_fn` of the result of `" + node->target + "`");
    Value graph = vm.findModule("torch.autograd.graph");
    node->py =
        vm.call(as<ModuleObject>(graph).dict->getStr("Node"), std::vector<Value>{pyStr(name)});
    return node->py;
  };
  // a detached alias: in-place updates through it are not recorded (traced, the tensor itself)
  P["data"] = [](VM& vm, const Value& t) -> Value {
    if (vm.dynamo().tracing(vm)) return t;
    return wrapTensor(tensorArg(t).detach());
  };
  auto& TM = vm.nativeMethods(Kind::Tensor);
  TM["backward"] = tensorBackward;
  auto unbound = std::make_shared<BuiltinObject>("backward", tensorBackward);
  unbound->qualname = "Tensor.backward";
  unbound->id = "Tensor.backward";
  vm.b().tensor->dict->setStr("backward", unbound);

  auto def = [&](const char* name, NativeFn fn) {
    auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
    b->id = std::string("torch.autograd.") + name;
    b->qualname = name;
    as<ModuleObject>(autograd).dict->setStr(name, b);
  };
  def("backward", autogradBackward);
  def("grad", autogradGrad);
  // the legacy Variable(tensor, requires_grad=False): a new tensor sharing the data
  def("Variable", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.empty() || a.args[0]->kind != Kind::Tensor)
      vm.unsupported("torch.autograd.Variable of a non-tensor");
    Value out = wrapTensor(tensorArg(a.args[0]).detach());
    Value rg = a.args.size() > 1 ? a.args[1] : a.kw("requires_grad");
    if (rg && vm.truthy(rg)) as<TensorObject>(out).t.setRequiresGrad(true);
    return out;
  });

  auto& td = *as<ModuleObject>(vm.findModule("torch")).dict;
  for (const char* name : {"tensor", "zeros", "ones", "empty", "full", "arange", "eye", "linspace",
                           "randn", "rand", "zeros_like", "ones_like"})
    if (Value f = td.getStr(name); f && f->kind == Kind::Builtin)
      acceptRequiresGrad(as<BuiltinObject>(f));
}

}  // namespace gbc::interp
