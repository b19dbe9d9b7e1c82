// torch.compiler.set_stance: "default", "force_eager", "eager_on_recompile",
// "fail_on_recompile" (torch/_dynamo/decorators.py set_stance, eval_frame.py
// _callback_from_stance). The class is Python, run on gbc's evaluator from
// torch/_dynamo/decorators.py's place; the behaviour of each stance is in Dynamo::offer.
#include "interp/dynamo.h"
#include "interp/torch_model.h"

namespace gbc::interp {

static const char* kStanceSource = R"PY(
import torch

class set_stance:
    _dynamo_forbidden = True

    def __init__(self, stance="default", *, skip_guard_eval_unsafe=False, force_backend=None):
        if force_backend is not None and stance != "default":
            raise RuntimeError("non-default stance cannot have force_backend set")
        self.stance = stance
        self.prev = torch._dynamo._gbc_set_stance(stance)

    def __call__(self, fn):
        torch._dynamo._gbc_set_stance(self.prev)
        stance = self.stance

        def wrapper(*args, **kwargs):
            prev = torch._dynamo._gbc_set_stance(stance)
            try:
                return fn(*args, **kwargs)
            finally:
                torch._dynamo._gbc_set_stance(prev)
        return wrapper

    def __enter__(self):
        torch._dynamo._gbc_set_stance(self.stance)

    def __exit__(self, *args):
        torch._dynamo._gbc_set_stance(self.prev)
)PY";

void installStance(VM& vm) {
  Value dyn = vm.findModule("torch._dynamo");
  auto setter =
      std::make_shared<BuiltinObject>("_gbc_set_stance", [](VM& vm, CallArgs& a) -> Value {
        std::string prev = vm.dynamo().stance;
        std::string s = vm.str(a.args.at(0));
        if (s != "default" && s != "force_eager" && s != "eager_on_recompile" &&
            s != "fail_on_recompile")
          vm.raise(vm.b().runtime_error, "invalid torch.compile stance '" + s + "'");
        vm.dynamo().stance = s;
        return pyStr(prev);
      });
  as<ModuleObject>(dyn).dict->setStr("_gbc_set_stance", setter);
  std::string file = std::string(vm.target().torch_prefix) + "/_dynamo/stance.py";
  loadPrelude(vm, "torch._dynamo._gbc_stance", file, kStanceSource);
  Value cls =
      as<ModuleObject>(vm.findModule("torch._dynamo._gbc_stance")).dict->getStr("set_stance");
  as<ModuleObject>(dyn).dict->setStr("set_stance", cls);
  as<ModuleObject>(vm.findModule("torch.compiler")).dict->setStr("set_stance", cls);
}

}  // namespace gbc::interp
