// The parts of gbc's nn.Module (prelude.cpp) that follow torch/nn/modules/module.py beyond
// calling and traversal: forward and forward-pre hooks (register_forward_pre_hook,
// register_forward_hook; _call_impl runs them) and state dicts (state_dict, load_state_dict
// with torch's error messages). gbc's Module keeps parameters, buffers and submodules as plain
// attributes, so these walk the instance dict where torch walks _parameters/_buffers/_modules.
#include "interp/prelude.h"

namespace gbc::interp {

const char* moduleHooksAndState() {
  // (appended to the body of class Module: methods first, then module-level helpers)
  return R"PY(
    def register_forward_pre_hook(self, hook, *, prepend=False, with_kwargs=False):
        from torch.utils.hooks import RemovableHandle
        handle = RemovableHandle(self._forward_pre_hooks, extra_dict=self._forward_pre_hooks_with_kwargs)
        self._forward_pre_hooks[handle.id] = hook
        if with_kwargs:
            self._forward_pre_hooks_with_kwargs[handle.id] = True
        if prepend:
            _gbc_move_first(self._forward_pre_hooks, handle.id)
        return handle

    def register_forward_hook(self, hook, *, prepend=False, with_kwargs=False, always_call=False):
        from torch.utils.hooks import RemovableHandle
        handle = RemovableHandle(
            self._forward_hooks,
            extra_dict=[self._forward_hooks_with_kwargs, self._forward_hooks_always_called],
        )
        self._forward_hooks[handle.id] = hook
        if with_kwargs:
            self._forward_hooks_with_kwargs[handle.id] = True
        if always_call:
            self._forward_hooks_always_called[handle.id] = True
        if prepend:
            _gbc_move_first(self._forward_hooks, handle.id)
        return handle

    def _save_to_state_dict(self, destination, prefix, keep_vars):
        for name, param in self.__dict__.items():
            if isinstance(param, torch.nn.Parameter):
                destination[prefix + name] = param if keep_vars else param.detach()
        skip = self.__dict__.get('_non_persistent_buffers_set', ())
        for name in self.__dict__.get('_gbc_buffers', ()):
            buf = self.__dict__.get(name)
            if buf is not None and name not in skip:
                destination[prefix + name] = buf if keep_vars else buf.detach()

    def state_dict(self, *args, destination=None, prefix="", keep_vars=False):
        if destination is None:
            from collections import OrderedDict
            destination = OrderedDict()
        self._save_to_state_dict(destination, prefix, keep_vars)
        for name, module in self.named_children():
            if module is not None:
                module.state_dict(destination=destination, prefix=prefix + name + ".", keep_vars=keep_vars)
        return destination

    def _load_from_state_dict(self, state_dict, prefix, local_metadata, strict, missing_keys,
                              unexpected_keys, error_msgs):
        assign = local_metadata.get("assign_to_params_buffers", False)
        skip = self.__dict__.get('_non_persistent_buffers_set', ())
        local_state = {k: v for k, v in self.__dict__.items() if isinstance(v, torch.nn.Parameter)}
        for k in self.__dict__.get('_gbc_buffers', ()):
            if self.__dict__.get(k) is not None and k not in skip:
                local_state[k] = self.__dict__[k]
        for name, param in local_state.items():
            key = prefix + name
            if key in state_dict:
                input_param = state_dict[key]
                if not isinstance(input_param, torch.Tensor):
                    error_msgs.append(
                        f'While copying the parameter named "{key}", '
                        "expected torch.Tensor or Tensor-like object from checkpoint but "
                        f"received {type(input_param)}"
                    )
                    continue
                if input_param.shape != param.shape:
                    error_msgs.append(
                        f"size mismatch for {key}: copying a param with shape {input_param.shape} from checkpoint, "
                        f"the shape in current model is {param.shape}."
                    )
                    continue
                with torch.no_grad():
                    if assign:
                        if isinstance(param, torch.nn.Parameter):
                            if not isinstance(input_param, torch.nn.Parameter):
                                input_param = torch.nn.Parameter(input_param, requires_grad=param.requires_grad)
                            else:
                                input_param.requires_grad_(param.requires_grad)
                        object.__setattr__(self, name, input_param)
                    else:
                        param.copy_(input_param)
            elif strict:
                missing_keys.append(key)
        if strict:
            children = dict(self.named_children())
            for key in state_dict:
                if key.startswith(prefix):
                    input_name = key[len(prefix):].split(".", 1)
                    if len(input_name) > 1:
                        if input_name[0] not in children:
                            unexpected_keys.append(key)
                    elif input_name[0] not in local_state:
                        unexpected_keys.append(key)

    def load_state_dict(self, state_dict, strict=True, assign=False):
        if not isinstance(state_dict, dict):
            raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
        missing_keys = []
        unexpected_keys = []
        error_msgs = []
        state_dict = dict(state_dict)

        def load(module, local_state_dict, prefix=""):
            local_metadata = {"assign_to_params_buffers": assign}
            # (_load_from_state_dict's pre-hooks: _register_load_state_dict_pre_hook)
            for hook, with_module in module.__dict__.get("_load_state_dict_pre_hooks", ()):
                if with_module:
                    hook(module, local_state_dict, prefix, local_metadata, True, missing_keys,
                         unexpected_keys, error_msgs)
                else:
                    hook(local_state_dict, prefix, local_metadata, True, missing_keys,
                         unexpected_keys, error_msgs)
            module._load_from_state_dict(local_state_dict, prefix, local_metadata, True,
                                         missing_keys, unexpected_keys, error_msgs)
            for name, child in module.named_children():
                if child is not None:
                    child_prefix = prefix + name + "."
                    child_state_dict = {k: v for k, v in local_state_dict.items() if k.startswith(child_prefix)}
                    load(child, child_state_dict, child_prefix)

        load(self, state_dict)
        del load
        if strict:
            if len(unexpected_keys) > 0:
                error_msgs.insert(0, "Unexpected key(s) in state_dict: {}. ".format(
                    ", ".join(f'"{k}"' for k in unexpected_keys)))
            if len(missing_keys) > 0:
                error_msgs.insert(0, "Missing key(s) in state_dict: {}. ".format(
                    ", ".join(f'"{k}"' for k in missing_keys)))
        if len(error_msgs) > 0:
            raise RuntimeError("Error(s) in loading state_dict for {}:\n\t{}".format(
                self.__class__.__name__, "\n\t".join(error_msgs)))
        return _IncompatibleKeys(missing_keys, unexpected_keys)

def _gbc_move_first(d, key):
    items = list(d.items())
    d.clear()
    d[key] = dict(items)[key]
    for k, v in items:
        if k != key:
            d[k] = v

class _IncompatibleKeys:
    def __init__(self, missing_keys, unexpected_keys):
        self.missing_keys = missing_keys
        self.unexpected_keys = unexpected_keys

    def __iter__(self):
        return iter((self.missing_keys, self.unexpected_keys))

    def __getitem__(self, i):
        return (self.missing_keys, self.unexpected_keys)[i]

    def __len__(self):
        return 2

    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return f"_IncompatibleKeys(missing_keys={self.missing_keys!r}, unexpected_keys={self.unexpected_keys!r})"

    __str__ = __repr__
)PY";
}

}  // namespace gbc::interp
