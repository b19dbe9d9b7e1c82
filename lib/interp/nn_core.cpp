// torch.nn's containers, utilities and normalisation layers beyond the basic ones: the natives
// they need (torch._C._log_api_usage_once, torch.typename) and the lazy loading of their Python
// parts (nn_containers_py.cpp). Each op is one Dynamo graph node named as real Dynamo names it.
#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "runtime/conv.h"

namespace gbc::interp {

void installNnContainers(VM& vm);

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
  installNnContainers(vm);
}

}  // namespace gbc::interp
