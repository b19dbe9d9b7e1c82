// The Python parts of torch.nn's layers gbc models (loaded on first use): torch/nn/init.py and
// the modules of torch/nn/modules/{conv,batchnorm,pooling,padding,sparse,flatten}.py, each
// method at the line real torch has it (Dynamo prints user stacks with torch's file:line).
#include "interp/prelude.h"
#include "interp/torch_model.h"

namespace gbc::interp {

namespace {

const char* kInit = R"PY(
import math
import warnings
import torch

#@line 69
def _no_grad_uniform_(tensor, a, b, generator=None):
    with torch.no_grad():
        return tensor.uniform_(a, b, generator=generator)

#@line 76
def _no_grad_normal_(tensor, mean, std, generator=None):
    with torch.no_grad():
        return tensor.normal_(mean, std, generator=generator)

#@line 86
def _no_grad_trunc_normal_(tensor, mean, std, a, b, generator=None):
    torch._gbc_cannot_model("nn.init.trunc_normal_ (rejection sampling)")

#@line 163
def _no_grad_fill_(tensor, val):
    with torch.no_grad():
        return tensor.fill_(val)

#@line 168
def _no_grad_zero_(tensor):
    with torch.no_grad():
        return tensor.zero_()

#@line 173
def calculate_gain(nonlinearity, param=None):
    linear_fns = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d"]
    if nonlinearity in linear_fns or nonlinearity == "sigmoid":
        return 1
    elif nonlinearity == "tanh":
        return 5.0 / 3
    elif nonlinearity == "relu":
        return math.sqrt(2.0)
    elif nonlinearity == "leaky_relu":
        if param is None:
            negative_slope = 0.01
        elif not isinstance(param, bool) and isinstance(param, int) or isinstance(param, float):
            negative_slope = param
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1 + negative_slope**2))
    elif nonlinearity == "selu":
        return 3.0 / 4
    else:
        raise ValueError(f"Unsupported nonlinearity {nonlinearity}")

#@line 247
def uniform_(tensor, a=0.0, b=1.0, generator=None):
    return _no_grad_uniform_(tensor, a, b, generator)

#@line 274
def normal_(tensor, mean=0.0, std=1.0, generator=None):
    return _no_grad_normal_(tensor, mean, std, generator)

#@line 301
def trunc_normal_(tensor, mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None):
    return _no_grad_trunc_normal_(tensor, mean, std, a, b, generator=generator)

#@line 337
def constant_(tensor, val):
    return _no_grad_fill_(tensor, val)

#@line 355
def ones_(tensor):
    return _no_grad_fill_(tensor, 1.0)

#@line 368
def zeros_(tensor):
    return _no_grad_zero_(tensor)

#@line 458
def _calculate_fan_in_and_fan_out(tensor):
    dimensions = tensor.dim()
    if dimensions < 2:
        raise ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    num_input_fmaps = tensor.size(1)
    num_output_fmaps = tensor.size(0)
    receptive_field_size = 1
    if tensor.dim() > 2:
        for s in tensor.shape[2:]:
            receptive_field_size *= s
    fan_in = num_input_fmaps * receptive_field_size
    fan_out = num_output_fmaps * receptive_field_size
    return fan_in, fan_out

#@line 479
def xavier_uniform_(tensor, gain=1.0, generator=None):
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    a = math.sqrt(3.0) * std
    return _no_grad_uniform_(tensor, -a, a, generator)

#@line 512
def xavier_normal_(tensor, gain=1.0, generator=None):
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return _no_grad_normal_(tensor, 0.0, std, generator)

#@line 543
def _calculate_correct_fan(tensor, mode):
    mode = mode.lower()
    valid_modes = ["fan_in", "fan_out"]
    if mode not in valid_modes:
        raise ValueError(f"Mode {mode} not supported, please use one of {valid_modes}")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return fan_in if mode == "fan_in" else fan_out

#@line 554
def kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    if 0 in tensor.shape:
        warnings.warn("Initializing zero-element tensors is a no-op", stacklevel=2)
        return tensor
    fan = _calculate_correct_fan(tensor, mode)
    gain = calculate_gain(nonlinearity, a)
    std = gain / math.sqrt(fan)
    bound = math.sqrt(3.0) * std
    with torch.no_grad():
        return tensor.uniform_(-bound, bound, generator=generator)

#@line 619
def kaiming_normal_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    if 0 in tensor.shape:
        warnings.warn("Initializing zero-element tensors is a no-op", stacklevel=2)
        return tensor
    fan = _calculate_correct_fan(tensor, mode)
    gain = calculate_gain(nonlinearity, a)
    std = gain / math.sqrt(fan)
    with torch.no_grad():
        return tensor.normal_(0, std, generator=generator)

#@line 672
def orthogonal_(tensor, gain=1, generator=None):
#@line 694
    if tensor.dim() < 2:
        raise ValueError("Only tensors with 2 or more dimensions are supported")
    if tensor.numel() == 0:
        # no-op
        return tensor
    rows = tensor.size(0)
    cols = tensor.numel() // rows
    flattened = torch.empty((rows, cols), dtype=tensor.dtype).normal_(0, 1, generator=generator)
    if rows < cols:
        flattened = flattened.t()
    # Compute the qr factorization (gbc's, in double precision: see runtime/qr.cpp)
    q, r = torch.linalg.qr(flattened)
    # Make Q uniform according to https://arxiv.org/pdf/math-ph/0609050.pdf
    d = torch.diag(r, 0)
    ph = d.sign()
    q *= ph
    if rows < cols:
        q = q.t()
    with torch.no_grad():
        tensor.view_as(q).copy_(q)
        tensor.mul_(gain)
    return tensor
)PY";

const char* kConv = R"PY(
import math
import torch
import torch.nn.functional as F
from torch.nn import init
from torch.nn.modules.module import Module
Parameter = torch.nn.Parameter

def _ntuple(x, n):
    if isinstance(x, (list, tuple)):
        return tuple(x)
    return tuple([x] * n)

def _reverse_repeat_tuple(t, n):
    return tuple(x for x in reversed(t) for _ in range(n))

#@line 55
class _ConvNd(Module):
#@line 87
    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, dilation,
                 transposed, output_padding, groups, bias, padding_mode, device=None, dtype=None):
        super().__init__()
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        valid_padding_strings = {"same", "valid"}
        if isinstance(padding, str):
            if padding not in valid_padding_strings:
                raise ValueError(f"Invalid padding string {padding!r}, should be one of {valid_padding_strings}")
            if padding == "same" and any(s != 1 for s in stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
        valid_padding_modes = {"zeros", "reflect", "replicate", "circular"}
        if padding_mode not in valid_padding_modes:
            raise ValueError(f"padding_mode must be one of {valid_padding_modes}, but got padding_mode='{padding_mode}'")
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = kernel_size
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.transposed = transposed
        self.output_padding = output_padding
        self.groups = groups
        self.padding_mode = padding_mode
        if isinstance(self.padding, str):
            self._reversed_padding_repeated_twice = [0, 0] * len(kernel_size)
            if padding == "same":
                for d, k, i in zip(dilation, kernel_size, range(len(kernel_size) - 1, -1, -1)):
                    total_padding = d * (k - 1)
                    left_pad = total_padding // 2
                    self._reversed_padding_repeated_twice[2 * i] = left_pad
                    self._reversed_padding_repeated_twice[2 * i + 1] = total_padding - left_pad
        else:
            self._reversed_padding_repeated_twice = _reverse_repeat_tuple(self.padding, 2)
        if transposed:
            torch._gbc_cannot_model("transposed convolutions (nn.ConvTranspose*)")
        self.weight = Parameter(torch.empty((out_channels, in_channels // groups, *kernel_size)))
        if bias:
            self.bias = Parameter(torch.empty(out_channels))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

#@line 182
    def reset_parameters(self):
        with torch.no_grad():
            init.kaiming_uniform_(self.weight, a=math.sqrt(5))
            if self.bias is not None:
                fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
                bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
                init.uniform_(self.bias, -bound, bound)

    def extra_repr(self):
        s = "{in_channels}, {out_channels}, kernel_size={kernel_size}, stride={stride}"
        if self.padding != (0,) * len(self.padding):
            s += ", padding={padding}"
        if self.dilation != (1,) * len(self.dilation):
            s += ", dilation={dilation}"
        if self.groups != 1:
            s += ", groups={groups}"
        if self.bias is None:
            s += ", bias=False"
        if self.padding_mode != "zeros":
            s += ", padding_mode={padding_mode}"
        return s.format(**self.__dict__)

#@line 225
class Conv1d(_ConvNd):
#@line 330
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode="zeros", device=None, dtype=None):
        kernel_size_ = _ntuple(kernel_size, 1)
        stride_ = _ntuple(stride, 1)
        padding_ = padding if isinstance(padding, str) else _ntuple(padding, 1)
        dilation_ = _ntuple(dilation, 1)
        super().__init__(in_channels, out_channels, kernel_size_, stride_, padding_, dilation_,
                         False, _ntuple(0, 1), groups, bias, padding_mode)

#@line 366
    def _conv_forward(self, input, weight, bias):
        if self.padding_mode != "zeros":
            return F.conv1d(
                F.pad(
                    input, self._reversed_padding_repeated_twice, mode=self.padding_mode
                ),
                weight,
                bias,
                self.stride,
                (0,),
                self.dilation,
                self.groups,
            )
        return F.conv1d(
            input, weight, bias, self.stride, self.padding, self.dilation, self.groups
        )

#@line 384
    def forward(self, input):
        return self._conv_forward(input, self.weight, self.bias)

#@line 388
class Conv2d(_ConvNd):
#@line 512
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias=True, padding_mode="zeros", device=None, dtype=None):
        kernel_size_ = _ntuple(kernel_size, 2)
        stride_ = _ntuple(stride, 2)
        padding_ = padding if isinstance(padding, str) else _ntuple(padding, 2)
        dilation_ = _ntuple(dilation, 2)
        super().__init__(in_channels, out_channels, kernel_size_, stride_, padding_, dilation_,
                         False, _ntuple(0, 2), groups, bias, padding_mode)

#@line 546
    def _conv_forward(self, input, weight, bias):
        if self.padding_mode != "zeros":
            return F.conv2d(
                F.pad(
                    input, self._reversed_padding_repeated_twice, mode=self.padding_mode
                ),
                weight,
                bias,
                self.stride,
                (0, 0),
                self.dilation,
                self.groups,
            )
        return F.conv2d(
            input, weight, bias, self.stride, self.padding, self.dilation, self.groups
        )

#@line 564
    def forward(self, input):
        return self._conv_forward(input, self.weight, self.bias)
)PY";

const char* kBatchNorm = R"PY(
import torch
import torch.nn.functional as F
from torch.nn import init
from torch.nn.modules.module import Module
Parameter = torch.nn.Parameter

#@line 25
class _NormBase(Module):
    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True,
                 track_running_stats=True, device=None, dtype=None, *, bias=True):
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        if self.affine:
            self.weight = Parameter(torch.empty(num_features))
            if bias:
                self.bias = Parameter(torch.empty(num_features))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if self.track_running_stats:
            self.register_buffer("running_mean", torch.zeros(num_features))
            self.register_buffer("running_var", torch.ones(num_features))
            self.register_buffer("num_batches_tracked", torch.tensor(0, dtype=torch.long))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)
        self.reset_parameters()

#@line 91
    def reset_running_stats(self):
        if self.track_running_stats:
            self.running_mean.zero_()
            self.running_var.fill_(1)
            self.num_batches_tracked.zero_()

#@line 99
    def reset_parameters(self):
        self.reset_running_stats()
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

#@line 106
    def _check_input_dim(self, input):
        raise NotImplementedError

    def extra_repr(self):
        return (
            "{num_features}, eps={eps}, momentum={momentum}, affine={affine}, "
            "bias={use_bias}, track_running_stats={track_running_stats}".format(
                **self.__dict__, use_bias=self.bias is not None
            )
        )

#@line 152
class _BatchNorm(_NormBase):
    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True,
                 track_running_stats=True, device=None, dtype=None, *, bias=True):
        super().__init__(num_features, eps, momentum, affine, track_running_stats, bias=bias)

#@line 176
    def forward(self, input):
        self._check_input_dim(input)
        if self.momentum is None:
            exponential_average_factor = 0.0
        else:
            exponential_average_factor = self.momentum
        if self.training and self.track_running_stats:
            if self.num_batches_tracked is not None:
                self.num_batches_tracked.add_(1)
                if self.momentum is None:
                    exponential_average_factor = 1.0 / float(self.num_batches_tracked)
                else:
                    exponential_average_factor = self.momentum
        if self.training:
            bn_training = True
        else:
            bn_training = (self.running_mean is None) and (self.running_var is None)
        return F.batch_norm(
            input,
            (
                self.running_mean
                if not self.training or self.track_running_stats
                else None
            ),
            self.running_var if not self.training or self.track_running_stats else None,
            self.weight,
            self.bias,
            bn_training,
            exponential_average_factor,
            self.eps,
        )

#@line 306
class BatchNorm1d(_BatchNorm):
#@line 379
    def _check_input_dim(self, input):
        if input.dim() != 2 and input.dim() != 3:
            raise ValueError(f"expected 2D or 3D input (got {input.dim()}D input)")

#@line 420
class BatchNorm2d(_BatchNorm):
#@line 494
    def _check_input_dim(self, input):
        if input.dim() != 4:
            raise ValueError(f"expected 4D input (got {input.dim()}D input)")
)PY";

const char* kPooling = R"PY(
import torch
import torch.nn.functional as F
from torch.nn.modules.module import Module

#@line 43
class _MaxPoolNd(Module):
#@line 55
    def __init__(self, kernel_size, stride=None, padding=0, dilation=1, return_indices=False,
                 ceil_mode=False):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if (stride is not None) else kernel_size
        self.padding = padding
        self.dilation = dilation
        self.return_indices = return_indices
        self.ceil_mode = ceil_mode

    def extra_repr(self):
        return (
            "kernel_size={kernel_size}, stride={stride}, padding={padding}"
            ", dilation={dilation}, ceil_mode={ceil_mode}".format(**self.__dict__)
        )

#@line 155
class MaxPool2d(_MaxPoolNd):
#@line 222
    def forward(self, input):
        return F.max_pool2d(
            input,
            self.kernel_size,
            self.stride,
            self.padding,
            self.dilation,
            ceil_mode=self.ceil_mode,
            return_indices=self.return_indices,
        )

#@line 582
class _AvgPoolNd(Module):
    def extra_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"

#@line 680
class AvgPool2d(_AvgPoolNd):
#@line 760
    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False,
                 count_include_pad=True, divisor_override=None):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if (stride is not None) else kernel_size
        self.padding = padding
        self.ceil_mode = ceil_mode
        self.count_include_pad = count_include_pad
        self.divisor_override = divisor_override

#@line 777
    def forward(self, input):
        return F.avg_pool2d(
            input,
            self.kernel_size,
            self.stride,
            self.padding,
            self.ceil_mode,
            self.count_include_pad,
            self.divisor_override,
        )

#@line 1435
class _AdaptiveAvgPoolNd(Module):
#@line 1438
    def __init__(self, output_size):
        super().__init__()
        self.output_size = output_size

    def extra_repr(self):
        return f"output_size={self.output_size}"

#@line 1477
class AdaptiveAvgPool2d(_AdaptiveAvgPoolNd):
#@line 1512
    def forward(self, input):
        return F.adaptive_avg_pool2d(input, self.output_size)
)PY";

const char* kPadding = R"PY(
import torch
import torch.nn.functional as F
from torch.nn.modules.module import Module

def _ntuple(x, n):
    if isinstance(x, (list, tuple)):
        return tuple(x)
    return tuple([x] * n)

#@line 211
class _ConstantPadNd(Module):
#@line 216
    def __init__(self, value):
        super().__init__()
        self.value = value

#@line 220
    def forward(self, input):
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self):
        return f"padding={self.padding}, value={self.value}"

#@line 279
class ConstantPad2d(_ConstantPadNd):
#@line 326
    def __init__(self, padding, value):
        super().__init__(value)
        self.padding = _ntuple(padding, 4)

#@line 372
class _ReflectionPadNd(Module):
#@line 376
    def forward(self, input):
        return F.pad(input, self.padding, "reflect")

    def extra_repr(self):
        return f"{self.padding}"

#@line 383
class ReflectionPad1d(_ReflectionPadNd):
#@line 421
    def __init__(self, padding):
        super().__init__()
        self.padding = _ntuple(padding, 2)

#@line 426
class ReflectionPad2d(_ReflectionPadNd):
#@line 475
    def __init__(self, padding):
        super().__init__()
        self.padding = _ntuple(padding, 4)

#@line 536
class _ReplicationPadNd(Module):
#@line 540
    def forward(self, input):
        return F.pad(input, self.padding, "replicate")

    def extra_repr(self):
        return f"{self.padding}"

#@line 590
class ReplicationPad2d(_ReplicationPadNd):
#@line 639
    def __init__(self, padding):
        super().__init__()
        self.padding = _ntuple(padding, 4)

#@line 743
class ZeroPad2d(ConstantPad2d):
#@line 790
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"
)PY";

const char* kSparse = R"PY(
import torch
import torch.nn.functional as F
from torch.nn import init
from torch.nn.modules.module import Module
Parameter = torch.nn.Parameter

#@line 14
class Embedding(Module):
#@line 134
    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None,
                 norm_type=2.0, scale_grad_by_freq=False, sparse=False, _weight=None,
                 _freeze=False, device=None, dtype=None):
        super().__init__()
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        if padding_idx is not None:
            if padding_idx > 0:
                assert padding_idx < self.num_embeddings, "Padding_idx must be within num_embeddings"
            elif padding_idx < 0:
                assert padding_idx >= -self.num_embeddings, "Padding_idx must be within num_embeddings"
                padding_idx = self.num_embeddings + padding_idx
        self.padding_idx = padding_idx
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        if _weight is None:
            self.weight = Parameter(torch.empty((num_embeddings, embedding_dim)), requires_grad=not _freeze)
            self.reset_parameters()
        else:
            assert list(_weight.shape) == [num_embeddings, embedding_dim], "Shape of weight does not match num_embeddings and embedding_dim"
            self.weight = Parameter(_weight, requires_grad=not _freeze)
        self.sparse = sparse

#@line 179
    def reset_parameters(self):
        init.normal_(self.weight)
        self._fill_padding_idx_with_zero()

#@line 183
    def _fill_padding_idx_with_zero(self):
        if self.padding_idx is not None:
            with torch.no_grad():
                self.weight[self.padding_idx].fill_(0)

#@line 188
    def forward(self, input):
        return F.embedding(
            input,
            self.weight,
            self.padding_idx,
            self.max_norm,
            self.norm_type,
            self.scale_grad_by_freq,
            self.sparse,
        )

    def extra_repr(self):
        s = "{num_embeddings}, {embedding_dim}"
        if self.padding_idx is not None:
            s += ", padding_idx={padding_idx}"
        return s.format(**self.__dict__)
)PY";

const char* kFlatten = R"PY(
import torch
from torch.nn.modules.module import Module

class Flatten(Module):
    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

#@line 52
    def forward(self, input):
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self):
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"
)PY";

void load(VM& vm, const char* name, const char* file, const char* src) {
  loadPrelude(vm, name, std::string(vm.target().torch_prefix) + file, preludeLayout(src));
}

}  // namespace

void loadNnInit(VM& vm) {
  load(vm, "torch.nn.init", "/nn/init.py", kInit);
  as<ModuleObject>(vm.findModule("torch.nn")).dict->setStr("init", vm.findModule("torch.nn.init"));
}

void loadNnLayerModules(VM& vm) {
  static const std::pair<const char*, std::vector<const char*>> kParts[] = {
      {"conv", {"Conv1d", "Conv2d"}},
      {"batchnorm", {"BatchNorm1d", "BatchNorm2d"}},
      {"pooling", {"MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d"}},
      {"padding",
       {"ConstantPad2d", "ReflectionPad1d", "ReflectionPad2d", "ReplicationPad2d", "ZeroPad2d"}},
      {"sparse", {"Embedding"}},
      {"flatten", {"Flatten"}}};
  const char* sources[] = {kConv, kBatchNorm, kPooling, kPadding, kSparse, kFlatten};
  auto& nn = *as<ModuleObject>(vm.findModule("torch.nn")).dict;
  for (size_t i = 0; i < std::size(kParts); ++i) {
    std::string name = std::string("torch.nn.modules.") + kParts[i].first;
    std::string file = std::string("/nn/modules/") + kParts[i].first + ".py";
    load(vm, name.c_str(), file.c_str(), sources[i]);
    auto& m = *as<ModuleObject>(vm.findModule(name)).dict;
    for (const char* cls : kParts[i].second) nn.setStr(cls, m.getStr(cls));
  }
}

}  // namespace gbc::interp
