// The Python parts of torch.nn.utils gbc models, loaded on first use, each function at the
// line torch 2.14.1 has it: weight_norm / remove_weight_norm (weight_norm.py: the parameter
// split into weight_g and weight_v and the forward pre-hook that recomputes the weight),
// clip_grad_norm_ / clip_grad_value_ / get_total_norm / clip_grads_with_norm_ (clip_grad.py, on
// the CPU's foreach path: torch._foreach_norm, torch.linalg.vector_norm, torch._foreach_mul_)
// and parameters_to_vector / vector_to_parameters (convert_parameters.py). gbc models a CPU
// machine, so every tensor is in one device group. torch.nn.utils.rnn is not here.
#include "interp/prelude.h"
#include "interp/torch_model.h"

namespace gbc::interp {

namespace {

const char* kWeightNorm = R"PY(
import warnings
import torch
from torch import _weight_norm, norm_except_dim
from torch.nn.modules.module import Module
Parameter = torch.nn.Parameter

#@line 15
class WeightNorm:
#@line 19
    def __init__(self, name, dim):
        if dim is None:
            dim = -1
        self.name = name
        self.dim = dim

#@line 26
    def compute_weight(self, module):
        g = getattr(module, self.name + "_g")
        v = getattr(module, self.name + "_v")
        return _weight_norm(v, g, self.dim)

#@line 37
    @staticmethod
    def apply(module, name, dim):
        warnings.warn(
            "`torch.nn.utils.weight_norm` is deprecated in favor of "
            "`torch.nn.utils.parametrizations.weight_norm`.",
            FutureWarning,
            stacklevel=3,
        )
        for hook in module._forward_pre_hooks.values():
            if isinstance(hook, WeightNorm) and hook.name == name:
                raise RuntimeError(
                    f"Cannot register two weight_norm hooks on the same parameter {name}"
                )

        if dim is None:
            dim = -1

        fn = WeightNorm(name, dim)

        weight = getattr(module, name)

        # remove w from parameter list (torch: del module._parameters[name])
        object.__delattr__(module, name)

        # add g and v as new parameters and express w as g/||v|| * v
        module.register_parameter(
            name + "_g", Parameter(norm_except_dim(weight, 2, dim).data)
        )
        module.register_parameter(name + "_v", Parameter(weight.data))
        setattr(module, name, fn.compute_weight(module))

        # recompute weight before every forward()
        module.register_forward_pre_hook(fn)

        return fn

#@line 70
    def remove(self, module):
        weight = self.compute_weight(module)
        delattr(module, self.name)
        object.__delattr__(module, self.name + "_g")
        object.__delattr__(module, self.name + "_v")
        setattr(module, self.name, Parameter(weight.data))

#@line 77
    def __call__(self, module, inputs):
        setattr(module, self.name, self.compute_weight(module))

#@line 84
def weight_norm(module, name="weight", dim=0):
    WeightNorm.apply(module, name, dim)
    return module

#@line 149
def remove_weight_norm(module, name="weight"):
    for k, hook in module._forward_pre_hooks.items():
        if isinstance(hook, WeightNorm) and hook.name == name:
            hook.remove(module)
            del module._forward_pre_hooks[k]
            return module

    raise ValueError(f"weight_norm of '{name}' not found in {module}")
)PY";

const char* kClipGrad = R"PY(
import functools
import types
import warnings
import torch

#@line 33
def _no_grad(func):
    def _no_grad_wrapper(*args, **kwargs):
        with torch.no_grad():
#@line 41
            return func(*args, **kwargs)

    functools.update_wrapper(_no_grad_wrapper, func)
    return _no_grad_wrapper

def _by_dtype(tensors):
    # torch._C._group_tensors_by_device_and_dtype: one device here, so groups by dtype, in the
    # order each dtype first appears
    groups = {}
    for t in tensors:
        groups.setdefault(t.dtype, []).append(t)
    return list(groups.values())

#@line 48
@_no_grad
def _get_total_norm(tensors, norm_type=2.0, error_if_nonfinite=False, foreach=None):
#@line 76
    if isinstance(tensors, torch.Tensor):
        tensors = [tensors]
    else:
        tensors = list(tensors)
    norm_type = float(norm_type)
    if len(tensors) == 0:
        return torch.tensor(0.0)
    first_device = tensors[0].device

#@line 90
    norms = []
    for device_tensors in _by_dtype(tensors):
        if foreach is None or foreach:
            norms.extend(torch._foreach_norm(device_tensors, norm_type))

#@line 105
    total_norm = torch.linalg.vector_norm(
        torch.stack([norm.to(first_device) for norm in norms]), norm_type
    )

    if error_if_nonfinite and torch.logical_or(total_norm.isnan(), total_norm.isinf()):
        raise RuntimeError(
            f"The total norm of order {norm_type} for gradients from "
            "`parameters` is non-finite, so it cannot be clipped. To disable "
            "this error and scale the gradients by the non-finite norm anyway, "
            "set `error_if_nonfinite=False`"
        )
    return total_norm

#@line 119
@_no_grad
def _clip_grads_with_norm_(parameters, max_norm, total_norm, foreach=None):
#@line 154
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    grads = [p.grad for p in parameters if p.grad is not None]
    max_norm = float(max_norm)
    if len(grads) == 0:
        return
#@line 164
    clip_coef = max_norm / (total_norm + 1e-6)
    clip_coef_clamped = torch.clamp(clip_coef, max=1.0)
#@line 169
    for device_grads in _by_dtype(grads):
        if foreach is None or foreach:
            torch._foreach_mul_(device_grads, clip_coef_clamped.to(device_grads[0].device))

#@line 184
@_no_grad
def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
#@line 218
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    else:
        is_generator = isinstance(parameters, types.GeneratorType)
        # prevent generators from being exhausted
        parameters = list(parameters)
        if is_generator and len(parameters) == 0:
            warnings.warn(
                "`parameters` is an empty generator, no gradient clipping will occur.",
                stacklevel=3,
            )
    grads = [p.grad for p in parameters if p.grad is not None]
    total_norm = _get_total_norm(grads, norm_type, error_if_nonfinite, foreach)
    _clip_grads_with_norm_(parameters, max_norm, total_norm, foreach)
    return total_norm

#@line 240
def clip_grad_norm(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    warnings.warn(
        "`torch.nn.utils.clip_grad_norm` is now deprecated "
        "in favor of `torch.nn.utils.clip_grad_norm_`.",
        FutureWarning,
        stacklevel=2,
    )
    return clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite, foreach)

#@line 256
@_no_grad
def clip_grad_value_(parameters, clip_value, foreach=None):
#@line 277
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    clip_value = float(clip_value)

    grads = [p.grad for p in parameters if p.grad is not None]
    for device_grads in _by_dtype(grads):
        for grad in device_grads:
            grad.clamp_(min=-clip_value, max=clip_value)
)PY";

const char* kConvertParameters = R"PY(
import torch

#@line 6
def parameters_to_vector(parameters):
#@line 17
    param_device = None

    vec = []
    for param in parameters:
        # Ensure the parameters are located in the same device
        param_device = _check_param_device(param, param_device)

        vec.append(param.view(-1))
    return torch.cat(vec)

#@line 28
def vector_to_parameters(vec, parameters):
#@line 37
    if not isinstance(vec, torch.Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {torch.typename(vec)}")
    param_device = None

    pointer = 0
    for param in parameters:
        param_device = _check_param_device(param, param_device)

        num_param = param.numel()
        param.data = vec[pointer : pointer + num_param].view_as(param).data

        pointer += num_param

#@line 57
def _check_param_device(param, old_param_device):
    # a CPU machine: every parameter is on the CPU (device -1)
    return -1
)PY";

const char* kUtilsInit = R"PY(
from torch.nn.utils.clip_grad import (
    _clip_grads_with_norm_ as clip_grads_with_norm_,
    _get_total_norm as get_total_norm,
    clip_grad_norm,
    clip_grad_norm_,
    clip_grad_value_,
)
from torch.nn.utils.convert_parameters import parameters_to_vector, vector_to_parameters
from torch.nn.utils.weight_norm import remove_weight_norm, weight_norm
)PY";

void load(VM& vm, const char* name, const char* file, const char* src) {
  loadPrelude(vm, name, std::string(vm.target().torch_prefix) + file, preludeLayout(src));
}

void loadNnUtils(VM& vm) {
  // the submodules, then the package's __init__.py (which imports their names), then the
  // submodules as the package's attributes
  static const std::pair<const char*, const char*> kParts[] = {
      {"weight_norm", kWeightNorm},
      {"clip_grad", kClipGrad},
      {"convert_parameters", kConvertParameters}};
  for (const auto& [sub, src] : kParts) {
    std::string name = std::string("torch.nn.utils.") + sub;
    std::string file = std::string("/nn/utils/") + sub + ".py";
    load(vm, name.c_str(), file.c_str(), src);
  }
  load(vm, "torch.nn.utils", "/nn/utils/__init__.py", kUtilsInit);
  auto& pkg = *as<ModuleObject>(vm.findModule("torch.nn.utils")).dict;
  pkg.setStr("__path__", pyList({}));
  // (as the import system sets them before __init__ binds its names: `weight_norm` stays the
  // function)
  for (const auto& [sub, src] : kParts)
    if (!pkg.getStr(sub)) pkg.setStr(sub, vm.findModule(std::string("torch.nn.utils.") + sub));
}

}  // namespace

void installNnUtils(VM& vm) {
  vm.addLazyPart({"torch.nn.utils"}, {{"torch.nn", "utils"}}, loadNnUtils);
}

}  // namespace gbc::interp
