// torch.nn's containers, utilities and normalisation layers beyond the basic ones: the natives
// they need (torch._C._log_api_usage_once, torch.typename) and the lazy loading of their Python
// parts (nn_containers_py.cpp). Each op is one Dynamo graph node named as real Dynamo names it.
#include "interp/dynamo.h"
#include "interp/torch_model.h"

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
