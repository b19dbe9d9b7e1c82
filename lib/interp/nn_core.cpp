// torch.nn's containers, utilities and normalisation layers beyond the basic ones: the natives
// they need (torch._C._log_api_usage_once, torch.typename) and the lazy loading of their Python
// parts (nn_containers_py.cpp). Each op is one Dynamo graph node named as real Dynamo names it.
#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "runtime/conv.h"
#include "runtime/norms.h"
#include "runtime/ops.h"

namespace gbc::interp {

void installNnContainers(VM& vm);
void installNnUtils(VM& vm);

namespace {

void defIn(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = "torch." + name;
  as<ModuleObject>(module).dict->setStr(name, b);
}

/// torch._C._log_api_usage_once(event): nothing at run time; in a traced frame a call_function
/// node, as Dynamo keeps it (a module constructed inside a compiled frame records one).
Value logApiUsageOnce(VM& vm, CallArgs& a) {
  vm.dynamo().recordOp(vm, "_log_api_usage_once", graph::NodeOp::CallFunction, a.args, {});
  return none();
}

/// torch.typename(obj) (torch/__init__.py): a tensor's type() string, else module.qualname.
Value typeName(VM& vm, CallArgs& a) {
  Value obj = a.args.at(0);
  if (obj->kind == Kind::Tensor)  // Tensor.type(): torch.FloatTensor, torch.LongTensor, ...
    return pyStr("torch." + std::string(runtime::dtypeScalarName(tensorArg(obj).dtype())) +
                 "Tensor");
  auto attr = [&](const Value& o, const char* name) { return vm.getAttrOrNull(o, name); };
  Value module = attr(obj, "__module__");
  std::string mod = module && module->kind == Kind::Str ? asStr(module) : "";
  std::string qualname;
  if (Value q = attr(obj, "__qualname__")) {
    qualname = vm.str(q);
  } else if (Value n = attr(obj, "__name__")) {
    qualname = vm.str(n);
  } else {
    Value cls = vm.typeOf(obj);  // (a ClassPtr as a Value)
    Value cm = attr(cls, "__module__");
    mod = cm && cm->kind == Kind::Str ? asStr(cm) : "";
    qualname = vm.str(vm.getAttr(cls, "__qualname__"));
  }
  if (mod.empty() || mod == "builtins") return pyStr(qualname);
  return pyStr(mod + "." + qualname);
}

using runtime::Tensor;

Value argAt(const CallArgs& a, size_t i, const char* kw) {
  if (i < a.args.size()) return a.args[i];
  return a.kw(kw);
}

bool given(const Value& v) { return v && !isNone(v); }

/// An op's result: its gradient node (from `gradInputs`) and its graph node (`graphInputs`).
Value result(VM& vm, const std::string& name, Tensor t, const std::vector<Value>& gradInputs,
             const std::vector<Value>& graphInputs) {
  Value out = wrapTensor(std::move(t));
  applyGradFn(vm, name, gradInputs, out);
  vm.dynamo().recordOp(vm, name, graph::NodeOp::CallFunction, graphInputs, {out});
  return out;
}

/// torch._weight_norm(v, g, dim=0): v * (g / ||v||) per slice along dim.
Value weightNormOp(VM& vm, CallArgs& a) {
  Value v = argAt(a, 0, "v"), g = argAt(a, 1, "g"), d = argAt(a, 2, "dim");
  int64_t dim = given(d) ? asInt(d) : 0;
  auto r = check(vm, runtime::weightNorm(tensorArg(v), tensorArg(g), dim));
  return result(vm, "_weight_norm", r.weight, {v, g, pyInt(dim)}, {v, g, pyInt(dim)});
}

/// torch.norm_except_dim(v, pow=2, dim=0).
Value normExceptDimOp(VM& vm, CallArgs& a) {
  Value v = argAt(a, 0, "v"), p = argAt(a, 1, "pow"), d = argAt(a, 2, "dim");
  if (given(p) && asFloat(p) != 2.0) vm.unsupported("torch.norm_except_dim with pow other than 2");
  int64_t dim = given(d) ? asInt(d) : 0;
  Tensor n = check(vm, runtime::normExceptDim(tensorArg(v), dim));
  return result(vm, "norm_except_dim", n, {}, {v});
}

double ordArg(VM& vm, const Value& o) {
  if (!given(o)) return 2.0;
  if (o->kind == Kind::Str) vm.unsupported("a norm order given as a string");
  return asFloat(o);
}

/// torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False): over every element only.
Value vectorNormOp(VM& vm, CallArgs& a) {
  Value x = argAt(a, 0, "x");
  if (given(argAt(a, 2, "dim"))) vm.unsupported("torch.linalg.vector_norm over some dims");
  if (given(a.kw("dtype"))) vm.unsupported("torch.linalg.vector_norm with a dtype");
  Tensor n = check(vm, runtime::vectorNorm(tensorArg(x), ordArg(vm, argAt(a, 1, "ord"))));
  if (Value kd = argAt(a, 3, "keepdim"); given(kd) && vm.truthy(kd)) {
    runtime::Shape ones(static_cast<size_t>(tensorArg(x).dim()), 1);
    n = check(vm, runtime::reshape(n, ones));
  }
  return result(vm, "linalg_vector_norm", n, {}, {x});
}

/// Tensor.norm(p=2) / torch.norm(x, p=2) over every element.
Value tensorNormOp(VM& vm, CallArgs& a) {
  Value x = a.args.at(0);
  if (given(argAt(a, 2, "dim"))) vm.unsupported("Tensor.norm over some dims");
  Tensor n = check(vm, runtime::vectorNorm(tensorArg(x), ordArg(vm, argAt(a, 1, "p"))));
  return result(vm, "norm", n, {}, {x});
}

/// torch._foreach_norm(tensors, ord=2): each tensor's norm, one node.
Value foreachNormOp(VM& vm, CallArgs& a) {
  double ord = ordArg(vm, argAt(a, 1, "ord"));
  std::vector<Value> ins = vm.toVector(argAt(a, 0, "self")), outs;
  for (const Value& t : ins)
    outs.push_back(wrapTensor(check(vm, runtime::vectorNorm(tensorArg(t), ord))));
  vm.dynamo().recordOp(vm, "_foreach_norm", graph::NodeOp::CallFunction, ins, outs);
  return pyList(outs);
}

/// torch._foreach_mul_(tensors, scalar or tensor): each tensor's mul_, one node.
Value foreachMulOp(VM& vm, CallArgs& a) {
  std::vector<Value> ins = vm.toVector(a.args.at(0));
  Value other = a.args.at(1);
  vm.dynamo().untraced(vm, [&] {
    for (const Value& t : ins) vm.call(vm.getAttr(t, "mul_"), std::vector<Value>{other});
    return none();
  });
  std::vector<Value> inputs = ins;
  inputs.push_back(other);
  vm.dynamo().recordOp(vm, "_foreach_mul_", graph::NodeOp::CallFunction, inputs, ins);
  return none();
}

}  // namespace

std::string nnCoreBackwardName(const std::string& target, const std::vector<Value>& inputs) {
  if (target == "pad") {  // F.pad's kernel by mode: constant_pad_nd, reflection_pad2d, ...
    if (inputs.size() < 3 || inputs[2]->kind != Kind::Str) return "";
    const std::string& mode = asStr(inputs[2]);
    std::string nd = std::to_string(as<TupleObject>(inputs[1]).items.size() / 2);
    if (mode == "constant") return "ConstantPadNdBackward0";
    if (mode == "reflect") return "ReflectionPad" + nd + "DBackward0";
    if (mode == "replicate") return "ReplicationPad" + nd + "DBackward0";
    return "";
  }
  if (target == "_weight_norm") return "WeightNormInterfaceBackward0";
  return "";
}

bool nnCoreGradients(VM& vm, const GradNode& node, const runtime::Tensor& g,
                     const std::vector<bool>& needs, std::vector<runtime::Tensor>& out) {
  const std::string& op = node.target;
  auto need = [&](size_t i) {
    return i < needs.size() && needs[i] && i < node.tensors.size() && node.tensors[i].defined();
  };
  if (op == "pad") {
    // constant_pad_nd's derivative: constant_pad_nd(grad, -pad); the other modes' kernels are
    // not modelled backwards
    if (asStr(node.inputs.at(2)) != "constant") return false;
    if (!need(0)) return true;
    std::vector<int64_t> neg;
    for (const Value& p : as<TupleObject>(node.inputs.at(1)).items) neg.push_back(-asInt(p));
    out[0] = check(vm, runtime::pad(g, neg, runtime::PadMode::Constant, 0.0));
    return true;
  }
  if (op == "_weight_norm") {
    if (!need(0) && !need(1)) return true;
    int64_t dim = asInt(node.inputs.at(2));
    const Tensor& v = node.tensors.at(0);
    const Tensor& gg = node.tensors.at(1);
    auto fwd = check(vm, runtime::weightNorm(v, gg, dim));
    auto r = check(vm, runtime::weightNormBackward(g, v, gg, fwd.norm, dim));
    if (need(0)) out[0] = r.v;
    if (need(1)) out[1] = r.g;
    return true;
  }
  return false;
}

void installNnCore(VM& vm) {
  Value C = vm.findModule("torch._C");
  if (!C) {
    C = std::make_shared<ModuleObject>("torch._C");
    vm.registerModule("torch._C", C);
    as<ModuleObject>(vm.findModule("torch")).dict->setStr("_C", C);
  }
  defIn(C, "_log_api_usage_once", logApiUsageOnce);
  defIn(vm.findModule("torch"), "typename", typeName);
  Value torch = vm.findModule("torch");
  defIn(torch, "_weight_norm", weightNormOp);
  defIn(torch, "norm_except_dim", normExceptDimOp);
  defIn(torch, "_foreach_norm", foreachNormOp);
  defIn(torch, "_foreach_mul_", foreachMulOp);
  defIn(torch, "norm", tensorNormOp);
  vm.nativeMethods(Kind::Tensor)["norm"] = tensorNormOp;
  if (!vm.findModule("torch.linalg")) {
    auto linalg = std::make_shared<ModuleObject>("torch.linalg");
    linalg->dict->setStr("__name__", pyStr("torch.linalg"));
    vm.registerModule("torch.linalg", linalg);
    as<ModuleObject>(torch).dict->setStr("linalg", linalg);
  }
  defIn(vm.findModule("torch.linalg"), "vector_norm", vectorNormOp);
  installNnContainers(vm);
  installNnUtils(vm);
}

}  // namespace gbc::interp
