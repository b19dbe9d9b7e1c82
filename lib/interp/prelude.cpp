// The parts of torch that gbc models in Python: they run on gbc's own evaluator so that their
// frames appear in tracebacks (and are traced) exactly where torch's do. Line numbers that
// Dynamo prints come from the target profile; `#@line N` directives pad the source so the
// following line is line N of the virtual file.
#include "interp/prelude.h"

#include <string>

namespace gbc::interp {

std::string preludeLayout(const std::string& text) {
  std::string out;
  int line = 1;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string l = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    if (l.rfind("#@line ", 0) == 0) {
      int target = std::stoi(l.substr(7));
      while (line < target) {
        out += "\n";
        ++line;
      }
      continue;
    }
    out += l + "\n";
    ++line;
  }
  return out;
}

std::string substLine(std::string s, const std::string& key, int value) {
  for (size_t p = s.find(key); p != std::string::npos; p = s.find(key))
    s.replace(p, key.size(), std::to_string(value));
  return s;
}

std::vector<PreludeModule> preludeModules(const TargetProfile& t) {
  bool v214 = t.id == TargetId::Torch2_14;
  std::string prefix(t.torch_prefix);
  std::vector<PreludeModule> mods;

  std::string ext = R"PY(
import functools
import torch
#@line 62
def wrap_inline(fn):
#@line 67
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    return inner
#@line @WRAP0@
def wrap_numpy(f):
    def wrap(*args, **kwargs):
        args = torch._gbc_tensors_to_numpy(args)
#@line @WRAP@
        out = f(*args, **kwargs)
        return torch._gbc_numpy_to_tensors(out)
    return wrap
#@line @NRD0@
def get_nonrecursive_disable_wrapper(fn):
    @functools.wraps(fn)
    def nonrecursive_disable_wrapper(*args, **kwargs):
#@line @NRD@
        return fn(*args, **kwargs)
    return nonrecursive_disable_wrapper
#@line @EGB0@
def wrap_dunder_call_ctx_manager(self, func):
    def inner(*args, **kwargs):
        with self:
            return func(*args, **kwargs)
    return inner
)PY";
  ext = substLine(ext, "@WRAP0@", t.wrap_numpy_line - 3);
  ext = substLine(ext, "@WRAP@", t.wrap_numpy_line);
  ext = substLine(ext, "@NRD0@", (v214 ? 202 : 227) - 3);
  ext = substLine(ext, "@NRD@", v214 ? 202 : 227);
  ext = substLine(ext, "@EGB0@", t.egb_wrapper_line - 3);
  mods.push_back(
      {"torch._dynamo.external_utils", prefix + "/_dynamo/external_utils.py", preludeLayout(ext)});

  std::string dec = R"PY(
import torch
from torch._dynamo.external_utils import wrap_dunder_call_ctx_manager

class ErrorOnGraphBreakDecoratorContextManager:
    def __init__(self, error_on_graph_break):
        self.error_on_graph_break = error_on_graph_break
        self.prev = []

    def __call__(self, func):
        return wrap_dunder_call_ctx_manager(self, func)

    def __enter__(self):
        self.prev.append(torch._dynamo._gbc_get_egb())
        torch._dynamo._gbc_set_egb(self.error_on_graph_break)

    def __exit__(self, *args):
        torch._dynamo._gbc_set_egb(self.prev.pop())

def error_on_graph_break(error_on_graph_break):
    return ErrorOnGraphBreakDecoratorContextManager(error_on_graph_break)
)PY";
  mods.push_back(
      {"torch._dynamo.decorators", prefix + "/_dynamo/decorators.py", preludeLayout(dec)});

  std::string poly = R"PY(
import torch

class DynamoConfigPatchProxy:
    def __init__(self, **changes):
        self.changes = changes
        self.prev = []

    def __call__(self, func):
        from torch._dynamo.external_utils import wrap_dunder_call_ctx_manager
        return wrap_dunder_call_ctx_manager(self, func)

    def __enter__(self):
        config = torch._dynamo.config
        self.prev.append({k: getattr(config, k, None) for k in self.changes})
        for k, v in self.changes.items():
            setattr(config, k, v)

    def __exit__(self, *args):
        config = torch._dynamo.config
        for k, v in self.prev.pop().items():
            setattr(config, k, v)

def disable_nested_graph_breaks(fn=None):
    ctx = DynamoConfigPatchProxy(nested_graph_breaks=False)
    if fn:
        return ctx(fn)
    return ctx

#@line @GAT0@
def getattr_and_trace(*args, **kwargs):
    wrapper_obj = args[0]
    attr_name = args[1]
    fn = getattr(wrapper_obj, attr_name)
    return fn(*args[2:], **kwargs)


def getattr_and_trace_no_nested_graph_breaks(*args, **kwargs):
    with disable_nested_graph_breaks():
        return getattr_and_trace(*args, **kwargs)
)PY";
  poly = substLine(poly, "@GAT0@", (v214 ? 352 : 392) - 4);
  mods.push_back(
      {"torch._dynamo.polyfills", prefix + "/_dynamo/polyfills/__init__.py", preludeLayout(poly)});

  // torch.overrides: torch-function modes; tensor operators call the innermost mode's
  // __torch_function__ with the mode popped (torch_model.cpp, dispatchTorchFunctionMode)
  std::string overrides = R"PY(
import torch

class TorchFunctionMode:
    def __torch_function__(self, func, types, args=(), kwargs=None):
        raise NotImplementedError()

    def __enter__(self):
        torch._gbc_push_torch_function_mode(self)
        return self

    def __exit__(self, *args):
        torch._gbc_pop_torch_function_mode()

class BaseTorchFunctionMode(TorchFunctionMode):
    def __torch_function__(self, func, types, args=(), kwargs=None):
        if kwargs is None:
            kwargs = {}
        return func(*args, **kwargs)
)PY";
  mods.push_back({"torch.overrides", prefix + "/overrides.py", preludeLayout(overrides)});

  std::string module = R"PY(
import torch

class Module:
    def __init__(self, *args, **kwargs):
        torch._C._log_api_usage_once("python.nn_module")
        object.__setattr__(self, 'training', True)
        # the hook dicts torch's _call_impl consults (nn_containers_py.cpp has RemovableHandle)
        object.__setattr__(self, '_forward_hooks', {})
        object.__setattr__(self, '_forward_hooks_with_kwargs', {})
        object.__setattr__(self, '_forward_hooks_always_called', {})
        object.__setattr__(self, '_forward_pre_hooks', {})
        object.__setattr__(self, '_forward_pre_hooks_with_kwargs', {})
        object.__setattr__(self, '_compiled_call_impl', None)

    def forward(self, *input):
        raise NotImplementedError(f'Module [{type(self).__name__}] is missing the required "forward" function')

    def compile(self, *args, **kwargs):
        object.__setattr__(self, '_compiled_call_impl', torch.compile(self._call_impl, *args, **kwargs))

#@line @WCI0@
    def _wrapped_call_impl(self, *args, **kwargs):
        if self._compiled_call_impl is not None:
            return self._compiled_call_impl(*args, **kwargs)  # type: ignore[misc]
        else:
            return self._call_impl(*args, **kwargs)

#@line @CI0@
    def _call_impl(self, *args, **kwargs):
        forward_call = self.forward
#@line @CIIF@
        if not (self.__dict__.get('_forward_hooks') or self.__dict__.get('_forward_pre_hooks')):
#@line @CI@
            return forward_call(*args, **kwargs)

        result = None

#@line @CIINNER@
        def inner():
            nonlocal result, args, kwargs
#@line @CIPRE@
            if self._forward_pre_hooks:
                for hook_id, hook in (*self._forward_pre_hooks.items(),):
                    if hook_id in self._forward_pre_hooks_with_kwargs:
#@line @CIPREKW@
                        args_kwargs_result = hook(self, args, kwargs)  # type: ignore[misc]
                        if args_kwargs_result is not None:
                            if isinstance(args_kwargs_result, tuple) and len(args_kwargs_result) == 2:
                                args, kwargs = args_kwargs_result
                            else:
                                raise RuntimeError(
                                    "forward pre-hook must return None or a tuple "
                                    f"of (new_args, new_kwargs), but got {args_kwargs_result}."
                                )
                    else:
                        args_result = hook(self, args)
                        if args_result is not None:
                            if not isinstance(args_result, tuple):
                                args_result = (args_result,)
                            args = args_result

#@line @CIFWD@
            result = forward_call(*args, **kwargs)
            if self._forward_hooks:
                for hook_id, hook in (*self._forward_hooks.items(),):
                    # mark that always called hook is run
                    if hook_id in self._forward_hooks_always_called:
                        pass
#@line @CIFWDKW@
                    if hook_id in self._forward_hooks_with_kwargs:
                        hook_result = hook(self, args, kwargs, result)
                    else:
                        hook_result = hook(self, args, result)

                    if hook_result is not None:
                        result = hook_result
#@line @CIRET@
            return result

#@line @CICOMP@
        return inner()

    __call__ = _wrapped_call_impl

    def _gbc_modules(self):
        # torch's _modules: the submodules, in the order they were first set
        return {k: v for k, v in self.__dict__.items() if isinstance(v, Module)}

    def children(self):
        for v in self.__dict__.values():
            if isinstance(v, Module):
                yield v

    def named_children(self):
        for k, v in self.__dict__.items():
            if isinstance(v, Module):
                yield k, v

    def modules(self):
        yield self
        for c in self.children():
            yield from c.modules()

    def _gbc_named_parameters(self, prefix, recurse):
        for k, v in self.__dict__.items():
            if isinstance(v, torch.nn.Parameter):
                yield prefix + k, v
        if recurse:
            for k, v in self.__dict__.items():
                if isinstance(v, Module):
                    for n, p in v._gbc_named_parameters(prefix + k + '.', True):
                        yield n, p

    def named_parameters(self, prefix='', recurse=True, remove_duplicate=True):
        # a parameter shared by two modules (tied weights, a compiled module's _orig_mod) once
        memo = set()
        for n, p in self._gbc_named_parameters(prefix, recurse):
            if remove_duplicate:
                if id(p) in memo:
                    continue
                memo.add(id(p))
            yield n, p

    def parameters(self, recurse=True):
        for n, p in self.named_parameters(recurse=recurse):
            yield p

    def register_parameter(self, name, param):
        object.__setattr__(self, name, param)

    def register_buffer(self, name, tensor, persistent=True):
        if '_gbc_buffers' not in self.__dict__:
            object.__setattr__(self, '_gbc_buffers', [])
        if name not in self._gbc_buffers:
            self._gbc_buffers.append(name)
        if not persistent:
            if '_non_persistent_buffers_set' not in self.__dict__:
                object.__setattr__(self, '_non_persistent_buffers_set', set())
            self._non_persistent_buffers_set.add(name)
        object.__setattr__(self, name, tensor)

    def add_module(self, name, module):
        if not isinstance(module, Module) and module is not None:
            raise TypeError(f"{torch.typename(module)} is not a Module subclass")
        elif not isinstance(name, str):
            raise TypeError(f"module name should be a string. Got {torch.typename(name)}")
        elif hasattr(self, name) and not isinstance(self.__dict__.get(name), Module):
            raise KeyError(f"attribute '{name}' already exists")
        elif "." in name:
            raise KeyError(f'module name can\'t contain ".", got: {name}')
        elif name == "":
            raise KeyError('module name can\'t be empty string ""')
        object.__setattr__(self, name, module)

    def register_module(self, name, module):
        self.add_module(name, module)

    def _gbc_named_buffers(self, prefix, recurse):
        for k in self.__dict__.get('_gbc_buffers', ()):
            v = self.__dict__.get(k)
            if v is not None:
                yield prefix + k, v
        if recurse:
            for k, v in self.__dict__.items():
                if isinstance(v, Module):
                    for n, b in v._gbc_named_buffers(prefix + k + '.', True):
                        yield n, b

    def named_buffers(self, prefix='', recurse=True, remove_duplicate=True):
        memo = set()
        for n, b in self._gbc_named_buffers(prefix, recurse):
            if remove_duplicate:
                if id(b) in memo:
                    continue
                memo.add(id(b))
            yield n, b

    def buffers(self, recurse=True):
        for n, b in self.named_buffers(recurse=recurse):
            yield b

    def named_modules(self, memo=None, prefix='', remove_duplicate=True):
        if memo is None:
            memo = set()
        if self not in memo:
            if remove_duplicate:
                memo.add(self)
            yield prefix, self
            for name, module in self.named_children():
                submodule_prefix = prefix + ('.' if prefix else '') + name
                for m in module.named_modules(memo, submodule_prefix, remove_duplicate):
                    yield m

    def apply(self, fn):
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    def train(self, mode=True):
        self.training = mode
        for c in self.children():
            c.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def to(self, *args, **kwargs):
        dtype = kwargs.get('dtype')
        for a in args:
            if isinstance(a, torch.dtype):
                dtype = a
            elif isinstance(a, torch.Tensor):
                dtype = a.dtype
        if dtype is not None:
            if not dtype.is_floating_point:
                raise TypeError('nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=' + str(dtype))
            self._gbc_cast_floating(dtype)
        return self

    def half(self):
        return self._gbc_cast_floating(torch.float16)

    def bfloat16(self):
        return self._gbc_cast_floating(torch.bfloat16)

    def float(self):
        return self._gbc_cast_floating(torch.float32)

    def double(self):
        return self._gbc_cast_floating(torch.float64)

    def _gbc_cast_floating(self, dtype):
        # Module._apply: floating parameters keep their object (param.data = ...), floating
        # buffers are replaced
        for m in self.modules():
            buffers = m.__dict__.get('_gbc_buffers', ())
            for k, v in list(m.__dict__.items()):
                if isinstance(v, torch.Tensor) and v.is_floating_point() and v.dtype != dtype:
                    if isinstance(v, torch.nn.Parameter):
                        torch._gbc_set_data(v, v.detach().to(dtype))
                        if v.grad is not None:
                            v.grad = v.grad.to(dtype)
                    elif k in buffers:
                        object.__setattr__(m, k, v.to(dtype))
        return self

    def _register_load_state_dict_pre_hook(self, hook, with_module=False):
        # (kept for a load_state_dict to call: hook(state_dict, prefix, local_metadata, strict,
        # missing_keys, unexpected_keys, error_msgs))
        if '_load_state_dict_pre_hooks' not in self.__dict__:
            object.__setattr__(self, '_load_state_dict_pre_hooks', [])
        self._load_state_dict_pre_hooks.append((hook, with_module))

    def zero_grad(self, set_to_none=True):
        for p in self.parameters():
            p.grad = None

    def requires_grad_(self, requires_grad=True):
        for p in self.parameters():
            p.requires_grad_(requires_grad)
        return self

    def extra_repr(self):
        return ''

    def __repr__(self):
        extra_lines = []
        extra_repr = self.extra_repr()
        if extra_repr:
            extra_lines = extra_repr.split("\n")
        child_lines = []
        for key, module in self.__dict__.items():
            if isinstance(module, Module):
                mod_str = repr(module).replace('\n', '\n  ')
                child_lines.append("(" + key + "): " + mod_str)
        lines = extra_lines + child_lines
        main_str = type(self).__name__ + "("
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                main_str += extra_lines[0]
            else:
                main_str += "\n  " + "\n  ".join(lines) + "\n"
        main_str += ")"
        return main_str

)PY";
  module += moduleHooksAndState();  // (prelude_module.cpp: the rest of Module's methods)
  module = substLine(module, "@WCI0@", (v214 ? 1783 : 1779) - 4);
  module = substLine(module, "@CI0@", (v214 ? 1794 : 1790) - 7);
  module = substLine(module, "@CI@", v214 ? 1794 : 1790);
  // the hook path of _call_impl, at 2.14's lines (2.11's, where unknown, 4 lines earlier as the
  // fast path is)
  int hooks = v214 ? 0 : -4;
  module = substLine(module, "@CIIF@", 1791 + hooks);
  module = substLine(module, "@CIINNER@", 1799 + hooks);
  module = substLine(module, "@CIPRE@", 1810 + hooks);
  module = substLine(module, "@CIPREKW@", 1816 + hooks);
  module = substLine(module, "@CIFWD@", 1837 + hooks);
  module = substLine(module, "@CIFWDKW@", 1847 + hooks);
  module = substLine(module, "@CIRET@", 1876 + hooks);
  module = substLine(module, "@CICOMP@", 1886 + hooks);
  mods.push_back(
      {"torch.nn.modules.module", prefix + "/nn/modules/module.py", preludeLayout(module)});

  std::string layers = R"PY(
import operator
import torch
from torch.nn.modules.module import Module

class Linear(Module):
    def __init__(self, in_features, out_features, bias=True, device=None, dtype=None):
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        if dtype is not None and dtype != torch.float32:
            torch._gbc_cannot_model("nn.Linear(dtype=" + str(dtype) + ")")
        w, b = torch._gbc_linear_init(in_features, out_features, bias)
        self.weight = torch.nn.Parameter(w)
        if bias:
            self.bias = torch.nn.Parameter(b)
        else:
            self.bias = None

    def forward(self, input):
        return torch.nn.functional.linear(input, self.weight, self.bias)

    def extra_repr(self):
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"

class ReLU(Module):
    def __init__(self, inplace=False):
        super().__init__()

    def forward(self, input):
        return torch.nn.functional.relu(input)

class GELU(Module):
    def __init__(self, approximate='none'):
        super().__init__()
        self.approximate = approximate

    def forward(self, input):
        return torch.nn.functional.gelu(input, approximate=self.approximate)

class Sigmoid(Module):
    def forward(self, input):
        return torch.sigmoid(input)

class Tanh(Module):
    def forward(self, input):
        return torch.tanh(input)

class Identity(Module):
    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, input):
        return input

class Softmax(Module):
    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return torch.nn.functional.softmax(input, self.dim)

class LayerNorm(Module):
    def __init__(self, normalized_shape, eps=1e-05, elementwise_affine=True, bias=True, device=None, dtype=None):
        super().__init__()
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.weight = torch.nn.Parameter(torch.ones(self.normalized_shape))
        self.bias = torch.nn.Parameter(torch.zeros(self.normalized_shape))

    def forward(self, input):
        return torch.nn.functional.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

class Dropout(Module):
    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p = p
        self.inplace = inplace

    def forward(self, input):
        return torch.nn.functional.dropout(input, self.p, self.training, self.inplace)

class Sequential(Module):
    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], dict) and type(args[0]).__name__ == 'OrderedDict':
            for key, module in args[0].items():
                self.add_module(key, module)
        else:
            for idx, module in enumerate(args):
                self.add_module(str(idx), module)

    def _get_item_by_idx(self, iterator, idx):
        size = len(self)
        idx = operator.index(idx)
        if not -size <= idx < size:
            raise IndexError(f"index {idx} is out of range")
        idx %= size
        return list(iterator)[idx]

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            # torch: self.__class__(OrderedDict(...)); built entry by entry here, as gbc's
            # OrderedDict is collections' Python one, which Dynamo would trace (torch's is C)
            out = self.__class__()
            for key, module in list(self._gbc_modules().items())[idx]:
                out.add_module(key, module)
            return out
        else:
            return self._get_item_by_idx(self._gbc_modules().values(), idx)

    def __len__(self):
        return len(self._gbc_modules())

    def __iter__(self):
        return iter(self._gbc_modules().values())

    def forward(self, input):
        for module in self:
            input = module(input)
        return input

    def append(self, module):
        self.add_module(str(len(self)), module)
        return self

class ModuleList(Module):
    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self += modules

    def _get_abs_string_index(self, idx):
        idx = operator.index(idx)
        if not (-len(self) <= idx < len(self)):
            raise IndexError(f"index {idx} is out of range")
        if idx < 0:
            idx += len(self)
        return str(idx)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return self.__class__(list(self._gbc_modules().values())[idx])
        else:
            return self._gbc_modules()[self._get_abs_string_index(idx)]

    def __setitem__(self, idx, module):
        idx = self._get_abs_string_index(idx)
        return setattr(self, str(idx), module)

    def __len__(self):
        return len(self._gbc_modules())

    def __iter__(self):
        return iter(self._gbc_modules().values())

    def __iadd__(self, modules):
        return self.extend(modules)

    def append(self, module):
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules):
        offset = len(self)
        for i, module in enumerate(modules):
            self.add_module(str(offset + i), module)
        return self
)PY";
  mods.push_back(
      {"torch.nn.modules.linear", prefix + "/nn/modules/linear.py", preludeLayout(layers)});
  return mods;
}

}  // namespace gbc::interp
