// torch.no_grad / enable_grad / set_grad_enabled / inference_mode: grad mode for printing
// (requires_grad, grad_fn) and, while Dynamo traces, the `_set_grad_enabled` graph nodes it
// records (torch/_dynamo/variables/ctx_manager.py, GradModeVariable). Written in Python at
// torch/autograd/grad_mode.py's place; the mode itself lives in autograd.cpp.
#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/torch_model.h"

namespace gbc::interp {

static const char* kGradModeSource = R"PY(
import torch

class _GradModeContext:
    def __call__(self, fn):
        mode = self

        def wrapper(*args, **kwargs):
            with mode.__class__(*mode._args):
                return fn(*args, **kwargs)
        return wrapper

class no_grad(_GradModeContext):
    _args = ()

    def __enter__(self):
        self.prev = torch._C._gbc_set_grad_enabled(False)

    def __exit__(self, *args):
        torch._C._gbc_set_grad_enabled(self.prev)

class enable_grad(_GradModeContext):
    _args = ()

    def __enter__(self):
        self.prev = torch._C._gbc_set_grad_enabled(True)

    def __exit__(self, *args):
        torch._C._gbc_set_grad_enabled(self.prev)

class inference_mode(no_grad):
    def __init__(self, mode=True):
        self._args = (mode,)

class set_grad_enabled(_GradModeContext):
    def __init__(self, mode):
        self._args = (mode,)
        self.prev = torch._C._gbc_set_grad_enabled(mode)

    def __enter__(self):
        pass

    def __exit__(self, *args):
        torch._C._gbc_set_grad_enabled(self.prev)
)PY";

void installGradMode(VM& vm) {
  Value torch = vm.findModule("torch");
  Value C = vm.findModule("torch._C");  // (nn_core.cpp may have made it)
  if (!C) {
    C = std::make_shared<ModuleObject>("torch._C");
    vm.registerModule("torch._C", C);
    as<ModuleObject>(torch).dict->setStr("_C", C);
  }
  auto setter =
      std::make_shared<BuiltinObject>("_gbc_set_grad_enabled", [](VM& vm, CallArgs& a) -> Value {
        bool prev = gradEnabled();
        bool mode = vm.truthy(a.args.at(0));
        if (mode != prev) {
          if (vm.top() && vm.top()->trace) {
            vm.dynamo().journal(vm, [prev] { setGradEnabled(prev); });
            vm.dynamo().recordOp(vm, "_set_grad_enabled", graph::NodeOp::CallFunction, {a.args[0]},
                                 {});
          }
          setGradEnabled(mode);
        }
        return pyBool(prev);
      });
  as<ModuleObject>(C).dict->setStr("_gbc_set_grad_enabled", setter);
  std::string file = std::string(vm.target().torch_prefix) + "/autograd/grad_mode.py";
  loadPrelude(vm, "torch.autograd.grad_mode", file, kGradModeSource);
  auto& gm = *as<ModuleObject>(vm.findModule("torch.autograd.grad_mode")).dict;
  auto& td = *as<ModuleObject>(torch).dict;
  for (const char* n : {"no_grad", "enable_grad", "set_grad_enabled", "inference_mode"})
    td.setStr(n, gm.getStr(n));
  td.setStr("is_grad_enabled",
            std::make_shared<BuiltinObject>(
                "is_grad_enabled", [](VM&, CallArgs&) -> Value { return pyBool(gradEnabled()); }));
  // torch._dynamo.optimize(backend): torch.compile with an explicit backend
  Value dyn = vm.findModule("torch._dynamo");
  auto optimize = std::make_shared<BuiltinObject>("optimize", [](VM& vm, CallArgs& a) -> Value {
    Value compile = as<ModuleObject>(vm.findModule("torch")).dict->getStr("compile");
    CallArgs b;
    b.kwargs.emplace_back("backend", a.args.empty()
                                         ? (a.kw("backend") ? a.kw("backend") : pyStr("inductor"))
                                         : a.args[0]);
    if (Value ng = a.kw("nopython")) b.kwargs.emplace_back("fullgraph", ng);
    return vm.call(compile, b);
  });
  as<ModuleObject>(dyn).dict->setStr("optimize", optimize);
  if (Value poly = vm.findModule("torch._dynamo.polyfills"))
    as<ModuleObject>(dyn).dict->setStr(
        "disable_nested_graph_breaks",
        as<ModuleObject>(poly).dict->getStr("disable_nested_graph_breaks"));
  if (Value config = vm.findModule("torch._dynamo.config")) {
    auto& cd = *as<ModuleObject>(config).dict;
    if (!cd.getStr("nested_graph_breaks")) cd.setStr("nested_graph_breaks", pyBool(false));
  }
}

}  // namespace gbc::interp
