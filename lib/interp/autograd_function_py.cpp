// torch.autograd.Function as a base class only (torch/autograd/function.py): programs that
// define custom autograd functions import and subclass it; calling one (`apply`) is reported
// as what gbc cannot model (its forward/backward pairing and Dynamo's handling of it are not
// modelled), never run differently.
#include "interp/prelude.h"
#include "interp/torch_model.h"

namespace gbc::interp {

namespace {

const char* kFunction = R"PY(
import torch

#@line 38
class FunctionCtx:
    def save_for_backward(self, *tensors):
        self.to_save = tensors

    def mark_dirty(self, *args):
        self.dirty_tensors = args

    def mark_non_differentiable(self, *args):
        self.non_differentiable = args

    def set_materialize_grads(self, value):
        self.materialize_grads = value

#@line 555
class Function:
    def __init__(self, *args, **kwargs):
        pass

    @staticmethod
    def forward(*args, **kwargs):
        raise NotImplementedError(
            "You must implement the forward function for custom autograd.Function."
        )

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError(
            "You must implement either the backward or vjp method for "
            "your custom autograd.Function to use it with backward "
            "mode AD."
        )

    @classmethod
    def apply(cls, *args, **kwargs):
        torch._gbc_cannot_model("calling a custom torch.autograd.Function (" + cls.__name__ + ".apply)")
)PY";

void loadFunction(VM& vm) {
  loadPrelude(vm, "torch.autograd.function",
              std::string(vm.target().torch_prefix) + "/autograd/function.py",
              preludeLayout(kFunction));
  Value autograd = vm.findModule("torch.autograd");
  Value fn = vm.findModule("torch.autograd.function");
  if (autograd && fn)
    as<ModuleObject>(autograd).dict->setStr("Function",
                                            as<ModuleObject>(fn).dict->getStr("Function"));
}

}  // namespace

void installAutogradFunction(VM& vm) {
  vm.addLazyPart({"torch.autograd.function"}, {{"torch.autograd", "Function"}}, loadFunction);
}

}  // namespace gbc::interp
