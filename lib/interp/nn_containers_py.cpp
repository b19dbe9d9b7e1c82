// The Python parts of torch.nn's dictionary and parameter containers and of DataParallel, loaded
// on first use: ModuleDict, ParameterList and ParameterDict (torch/nn/modules/container.py),
// DataParallel (torch/nn/parallel/data_parallel.py) and RemovableHandle (torch/utils/hooks.py),
// each method at the line torch 2.14.1 has it (Dynamo prints user stacks with torch's
// file:line). gbc's Module keeps submodules and parameters as plain attributes (prelude.cpp), so
// a container's entries are its attributes in insertion order, as torch's _modules/_parameters.
#include "interp/prelude.h"
#include "interp/torch_model.h"

namespace gbc::interp {

namespace {

const char* kContainer = R"PY(
import operator
from collections import OrderedDict
import collections.abc as container_abcs
import torch
from torch.nn.modules.module import Module
Parameter = torch.nn.Parameter

#@line 511
class ModuleDict(Module):
#@line 554
    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.update(modules)

#@line 560
    def __getitem__(self, key):
        return self._gbc_modules()[key]

#@line 563
    def __setitem__(self, key, module):
        self.add_module(key, module)

#@line 566
    def __delitem__(self, key):
        if key not in self._gbc_modules():
            raise KeyError(key)
        object.__delattr__(self, key)

#@line 570
    def __len__(self):
        return len(self._gbc_modules())

#@line 574
    def __iter__(self):
        return iter(self._gbc_modules())

#@line 578
    def __contains__(self, key):
        return key in self._gbc_modules()

#@line 581
    def clear(self):
        for k in list(self._gbc_modules()):
            object.__delattr__(self, k)

#@line 585
    def pop(self, key):
        v = self[key]
        del self[key]
        return v

#@line 596
    def keys(self):
        return self._gbc_modules().keys()

#@line 601
    def items(self):
        return self._gbc_modules().items()

#@line 606
    def values(self):
        return self._gbc_modules().values()

#@line 610
    def update(self, modules):
        if not isinstance(modules, container_abcs.Iterable):
            raise TypeError(
                "ModuleDict.update should be called with an "
                "iterable of key/value pairs, but got " + type(modules).__name__
            )
        if isinstance(modules, (OrderedDict, ModuleDict, container_abcs.Mapping)):
            for key, module in modules.items():
                self[key] = module
        else:
            for j, m in enumerate(modules):
                if not isinstance(m, container_abcs.Iterable):
                    raise TypeError(
                        "ModuleDict update sequence element "
                        "#" + str(j) + " should be Iterable; is" + type(m).__name__
                    )
                if not len(m) == 2:
                    raise ValueError(
                        "ModuleDict update sequence element "
                        "#" + str(j) + " has length " + str(len(m)) + "; 2 is required"
                    )
                self[m[0]] = m[1]

#@line 652
class ParameterList(Module):
#@line 682
    def __init__(self, values=None):
        super().__init__()
        self._size = 0
        if values is not None:
            self += values

#@line 688
    def _get_abs_string_index(self, idx):
        """Get the absolute index for the list of modules."""
        idx = operator.index(idx)
        if not (-len(self) <= idx < len(self)):
            raise IndexError(f"index {idx} is out of range")
        if idx < 0:
            idx += len(self)
        return str(idx)

#@line 704
    def __getitem__(self, idx):
        if isinstance(idx, slice):
            start, stop, step = idx.indices(len(self))
            out = self.__class__()
            for i in range(start, stop, step):
                out.append(self[i])
            return out
        else:
            idx = self._get_abs_string_index(idx)
            return getattr(self, str(idx))

#@line 715
    def __setitem__(self, idx, param):
        idx = self._get_abs_string_index(idx)
        if isinstance(param, torch.Tensor) and not isinstance(param, Parameter):
            param = Parameter(param)
        return setattr(self, str(idx), param)

#@line 726
    def __len__(self):
        return self._size

#@line 729
    def __iter__(self):
        return iter(self[i] for i in range(len(self)))

#@line 732
    def __iadd__(self, parameters):
        return self.extend(parameters)

#@line 740
    def append(self, value):
        new_idx = len(self)
        self._size += 1
        self[new_idx] = value
        return self

#@line 751
    def extend(self, values):
        if not isinstance(values, container_abcs.Iterable) or isinstance(values, torch.Tensor):
            raise TypeError(
                "ParameterList.extend should be called with an "
                "iterable, but got " + type(values).__name__
            )
        for value in values:
            self.append(value)
        return self

#@line 769
    def extra_repr(self):
        child_lines = []
        for k, p in enumerate(self):
            if isinstance(p, torch.Tensor):
                size_str = "x".join(str(size) for size in p.size())
                parastr = "{} containing: [{} of size {}{}]".format(
                    "Parameter" if isinstance(p, Parameter) else "Tensor",
                    p.dtype,
                    size_str,
                    "",
                )
                child_lines.append("  (" + str(k) + "): " + parastr)
            else:
                child_lines.append("  (" + str(k) + "): Object of type: " + type(p).__name__)
        tmpstr = "\n".join(child_lines)
        return tmpstr

#@line 796
    def __call__(self, *args, **kwargs):
        raise RuntimeError("ParameterList should not be called.")

#@line 800
class ParameterDict(Module):
#@line 839
    def __init__(self, parameters=None):
        super().__init__()
        self._keys = {}
        if parameters is not None:
            self.update(parameters)

#@line 845
    def _key_to_attr(self, key):
        if not isinstance(key, str):
            raise TypeError(
                "Index given to ParameterDict cannot be used as a key as it is "
                f"not a string (type is '{type(key).__name__}'). Open an issue on "
                "github if you need non-string keys."
            )
        else:
            return key

#@line 856
    def __getitem__(self, key):
        attr = self._key_to_attr(key)
        return getattr(self, attr)

#@line 860
    def __setitem__(self, key, value):
        self._keys[key] = None
        attr = self._key_to_attr(key)
        if isinstance(value, torch.Tensor) and not isinstance(value, Parameter):
            value = Parameter(value)
        setattr(self, attr, value)

#@line 872
    def __delitem__(self, key):
        del self._keys[key]
        attr = self._key_to_attr(key)
        delattr(self, attr)

#@line 877
    def __len__(self):
        return len(self._keys)

#@line 880
    def __iter__(self):
        return iter(self._keys)

#@line 883
    def __reversed__(self):
        return reversed(self._keys)

#@line 886
    def copy(self):
        return ParameterDict(OrderedDict((k, self[k]) for k in self._keys))

#@line 892
    def __contains__(self, key):
        return key in self._keys

#@line 895
    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

#@line 910
    def clear(self):
        for k in self._keys.copy():
            del self[k]

#@line 915
    def pop(self, key):
        v = self[key]
        del self[key]
        return v

#@line 925
    def popitem(self):
        k, _ = self._keys.popitem()
        self._keys[k] = None
        val = self[k]
        del self[k]
        return k, val

#@line 934
    def get(self, key, default=None):
        return self[key] if key in self else default

#@line 943
    def fromkeys(self, keys, default=None):
        return ParameterDict((k, default) for k in keys)

#@line 954
    def keys(self):
        return self._keys.keys()

#@line 958
    def items(self):
        return ((k, self[k]) for k in self._keys)

#@line 962
    def values(self):
        return (self[k] for k in self._keys)

#@line 966
    def update(self, parameters):
        if not isinstance(parameters, container_abcs.Iterable):
            raise TypeError(
                "ParametersDict.update should be called with an "
                "iterable of key/value pairs, but got " + type(parameters).__name__
            )
        if isinstance(parameters, (OrderedDict, ParameterDict)):
            for key, parameter in parameters.items():
                self[key] = parameter
        elif isinstance(parameters, container_abcs.Mapping):
            for key, parameter in sorted(parameters.items()):
                self[key] = parameter
        else:
            for j, p in enumerate(parameters):
                if not isinstance(p, container_abcs.Iterable):
                    raise TypeError(
                        "ParameterDict update sequence element "
                        "#" + str(j) + " should be Iterable; is" + type(p).__name__
                    )
                if not len(p) == 2:
                    raise ValueError(
                        "ParameterDict update sequence element "
                        "#" + str(j) + " has length " + str(len(p)) + "; 2 is required"
                    )
                self[p[0]] = p[1]

#@line 1007
    def extra_repr(self):
        child_lines = []
        for k, p in self.items():
            if isinstance(p, torch.Tensor):
                size_str = "x".join(str(size) for size in p.size())
                parastr = "{} containing: [{} of size {}{}]".format(
                    "Parameter" if isinstance(p, Parameter) else "Tensor",
                    torch.typename(p),
                    size_str,
                    "",
                )
                child_lines.append("  (" + str(k) + "): " + parastr)
            else:
                child_lines.append("  (" + str(k) + "): Object of type: " + type(p).__name__)
        tmpstr = "\n".join(child_lines)
        return tmpstr

#@line 1030
    def __call__(self, input):
        raise RuntimeError("ParameterDict should not be called.")

#@line 1033
    def __or__(self, other):
        copy = self.copy()
        copy.update(other)
        return copy

#@line 1038
    def __ror__(self, other):
        copy = other.copy()
        copy.update(self)
        return copy

#@line 1043
    def __ior__(self, other):
        self.update(other)
        return self
)PY";

// torch/nn/parallel/data_parallel.py: gbc models a CPU-only machine, where
// _get_available_device_type() is None, so DataParallel keeps the module and an empty
// device_ids and its forward calls the module (the module's state-dict keys gain `module.`).
const char* kDataParallel = R"PY(
import torch
from torch.nn.modules.module import Module

def _get_available_device_type():
    return None

#@line 54
class DataParallel(Module):
#@line 136
    def __init__(self, module, device_ids=None, output_device=None, dim=0):
#@line 143
        super().__init__()
        torch._C._log_api_usage_once("torch.nn.parallel.DataParallel")
        device_type = _get_available_device_type()
        if device_type is None or device_type == "mps":
            self.module = module
            self.device_ids = []
            return

#@line 172
    def forward(self, *inputs, **kwargs):
        with torch.autograd.profiler.record_function("DataParallel.forward"):
            if not self.device_ids:
                return self.module(*inputs, **kwargs)

#@line 221
def data_parallel(module, inputs, device_ids=None, output_device=None, dim=0, module_kwargs=None):
    if not isinstance(inputs, tuple):
        inputs = (inputs,) if inputs is not None else ()
    if module_kwargs is None:
        module_kwargs = {}
    return module(*inputs, **module_kwargs)
)PY";

const char* kHooks = R"PY(
#@line 10
class RemovableHandle:
    next_id = 0

#@line 24
    def __init__(self, hooks_dict, *, extra_dict=None):
        self.hooks_dict_ref = hooks_dict
        self.id = RemovableHandle.next_id
        RemovableHandle.next_id += 1
        self.extra_dict_ref = ()
        if isinstance(extra_dict, dict):
            self.extra_dict_ref = (extra_dict,)
        elif isinstance(extra_dict, list):
            self.extra_dict_ref = tuple(extra_dict)

#@line 35
    def remove(self):
        hooks_dict = self.hooks_dict_ref
        if hooks_dict is not None and self.id in hooks_dict:
            del hooks_dict[self.id]
        for extra_dict in self.extra_dict_ref:
            if extra_dict is not None and self.id in extra_dict:
                del extra_dict[self.id]

#@line 65
    def __enter__(self):
        return self

#@line 68
    def __exit__(self, type, value, tb):
        self.remove()
)PY";

void load(VM& vm, const char* name, const char* file, const char* src) {
  loadPrelude(vm, name, std::string(vm.target().torch_prefix) + file, preludeLayout(src));
}

/// The package module `name` (created empty when torch has no other part of it loaded), set as
/// an attribute of its parent.
void ensurePackage(VM& vm, const std::string& name) {
  if (vm.findModule(name)) return;
  auto m = std::make_shared<ModuleObject>(name);
  m->dict->setStr("__name__", pyStr(name));
  vm.registerModule(name, m);
  size_t dot = name.rfind('.');
  if (Value parent = vm.findModule(name.substr(0, dot)))
    as<ModuleObject>(parent).dict->setStr(name.substr(dot + 1), m);
}

void setAttr(VM& vm, const char* module, const char* attr, const Value& v) {
  as<ModuleObject>(vm.findModule(module)).dict->setStr(attr, v);
}

Value getAttr(VM& vm, const char* module, const char* attr) {
  return as<ModuleObject>(vm.findModule(module)).dict->getStr(attr);
}

void loadContainers(VM& vm) {
  load(vm, "torch.nn.modules.container", "/nn/modules/container.py", kContainer);
  for (const char* cls : {"ModuleDict", "ParameterList", "ParameterDict"})
    setAttr(vm, "torch.nn", cls, getAttr(vm, "torch.nn.modules.container", cls));
}

void loadDataParallel(VM& vm) {
  ensurePackage(vm, "torch.nn.parallel");
  load(vm, "torch.nn.parallel.data_parallel", "/nn/parallel/data_parallel.py", kDataParallel);
  setAttr(vm, "torch.nn.parallel", "data_parallel",
          vm.findModule("torch.nn.parallel.data_parallel"));
  for (const char* name : {"DataParallel", "data_parallel"})
    setAttr(vm, "torch.nn.parallel", name, getAttr(vm, "torch.nn.parallel.data_parallel", name));
  setAttr(vm, "torch.nn", "DataParallel",
          getAttr(vm, "torch.nn.parallel.data_parallel", "DataParallel"));
}

void loadHooks(VM& vm) {
  ensurePackage(vm, "torch.utils");
  load(vm, "torch.utils.hooks", "/utils/hooks.py", kHooks);
  setAttr(vm, "torch.utils", "hooks", vm.findModule("torch.utils.hooks"));
}

}  // namespace

void installNnContainers(VM& vm) {
  vm.addLazyPart(
      {"torch.nn.modules.container"},
      {{"torch.nn", "ModuleDict"}, {"torch.nn", "ParameterList"}, {"torch.nn", "ParameterDict"}},
      loadContainers);
  vm.addLazyPart({"torch.nn.parallel"}, {{"torch.nn", "parallel"}, {"torch.nn", "DataParallel"}},
                 loadDataParallel);
  vm.addLazyPart({"torch.utils.hooks"}, {{"torch.utils", "hooks"}}, loadHooks);
}

}  // namespace gbc::interp
