// The Python parts of torch.nn's group and instance normalisation, pixel shuffle and upsampling
// layers, loaded on first use: GroupNorm (torch/nn/modules/normalization.py), InstanceNorm1d/2d/3d
// (instancenorm.py, over gbc's _NormBase of batchnorm.py), PixelShuffle / PixelUnshuffle
// (pixelshuffle.py), Upsample / UpsamplingNearest2d (upsampling.py), each method at the line
// torch 2.14.1 has it. Their functional ops are natives (nn_core.cpp).
#include "interp/prelude.h"
#include "interp/torch_model.h"

namespace gbc::interp {

namespace {

const char* kNormalization = R"PY(
import torch
import torch.nn.functional as F
from torch.nn import init
from torch.nn.modules.module import Module
Parameter = torch.nn.Parameter

#@line 239
class GroupNorm(Module):
#@line 293
    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True, device=None, dtype=None,
                 *, bias=True):
#@line 304
        super().__init__()
        if num_channels % num_groups != 0:
            raise ValueError(
                f"num_channels ({num_channels}) must be divisible by num_groups ({num_groups})"
            )

        self.num_groups = num_groups
        self.num_channels = num_channels
        self.eps = eps
        self.affine = affine
        if self.affine:
            self.weight = Parameter(torch.empty(num_channels))
            if bias:
                self.bias = Parameter(torch.empty(num_channels))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

        self.reset_parameters()

#@line 327
    def reset_parameters(self):
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

#@line 333
    def forward(self, input):
        return F.group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

#@line 336
    def extra_repr(self):
        return (
            "{num_groups}, {num_channels}, eps={eps}, affine={affine}, "
            "bias={use_bias}".format(**self.__dict__, use_bias=self.bias is not None)
        )
)PY";

const char* kInstanceNorm = R"PY(
import warnings
import torch
import torch.nn.functional as F
from torch.nn.modules.batchnorm import _NormBase

#@line 21
class _InstanceNorm(_NormBase):
    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=False,
                 track_running_stats=False, device=None, dtype=None, *, bias=True):
#@line 34
        super().__init__(num_features, eps, momentum, affine, track_running_stats, bias=bias)

#@line 45
    def _check_input_dim(self, input):
        raise NotImplementedError

#@line 48
    def _get_no_batch_dim(self):
        raise NotImplementedError

#@line 51
    def _handle_no_batch_input(self, input):
        return self._apply_instance_norm(input.unsqueeze(0)).squeeze(0)

#@line 54
    def _apply_instance_norm(self, input):
        return F.instance_norm(
            input,
            self.running_mean,
            self.running_var,
            self.weight,
            self.bias,
            self.training or not self.track_running_stats,
            self.momentum if self.momentum is not None else 0.0,
            self.eps,
        )

#@line 112
    def forward(self, input):
        self._check_input_dim(input)

        feature_dim = input.dim() - self._get_no_batch_dim()
        if input.size(feature_dim) != self.num_features:
            if self.affine:
                raise ValueError(
                    f"expected input's size at dim={feature_dim} to match num_features"
                    f" ({self.num_features}), but got: {input.size(feature_dim)}."
                )
            else:
                warnings.warn(
                    f"input's size at dim={feature_dim} does not match num_features. "
                    "You can silence this warning by not passing in num_features, "
                    "which is not used because affine=False",
                    stacklevel=2,
                )

        if input.dim() == self._get_no_batch_dim():
            return self._handle_no_batch_input(input)

        return self._apply_instance_norm(input)

#@line 136
class InstanceNorm1d(_InstanceNorm):
#@line 207
    def _get_no_batch_dim(self):
        return 2

#@line 210
    def _check_input_dim(self, input):
        if input.dim() not in (2, 3):
            raise ValueError(f"expected 2D or 3D input (got {input.dim()}D input)")

#@line 254
class InstanceNorm2d(_InstanceNorm):
#@line 327
    def _get_no_batch_dim(self):
        return 3

#@line 330
    def _check_input_dim(self, input):
        if input.dim() not in (3, 4):
            raise ValueError(f"expected 3D or 4D input (got {input.dim()}D input)")

#@line 375
class InstanceNorm3d(_InstanceNorm):
#@line 447
    def _get_no_batch_dim(self):
        return 4

#@line 450
    def _check_input_dim(self, input):
        if input.dim() not in (4, 5):
            raise ValueError(f"expected 4D or 5D input (got {input.dim()}D input)")
)PY";

const char* kPixelShuffle = R"PY(
import torch.nn.functional as F
from torch.nn.modules.module import Module

#@line 10
class PixelShuffle(Module):
#@line 54
    def __init__(self, upscale_factor):
        super().__init__()
        self.upscale_factor = upscale_factor

#@line 58
    def forward(self, input):
#@line 62
        return F.pixel_shuffle(input, self.upscale_factor)

#@line 64
    def extra_repr(self):
#@line 68
        return f"upscale_factor={self.upscale_factor}"

#@line 71
class PixelUnshuffle(Module):
#@line 113
    def __init__(self, downscale_factor):
        super().__init__()
        self.downscale_factor = downscale_factor

#@line 117
    def forward(self, input):
#@line 121
        return F.pixel_unshuffle(input, self.downscale_factor)

#@line 123
    def extra_repr(self):
#@line 127
        return f"downscale_factor={self.downscale_factor}"
)PY";

const char* kUpsampling = R"PY(
import torch.nn.functional as F
from torch.nn.modules.module import Module

#@line 13
class Upsample(Module):
#@line 151
    def __init__(self, size=None, scale_factor=None, mode="nearest", align_corners=None,
                 recompute_scale_factor=None):
#@line 159
        super().__init__()
        self.name = type(self).__name__
        self.size = size
        if isinstance(scale_factor, tuple):
            self.scale_factor = tuple(float(factor) for factor in scale_factor)
        else:
            self.scale_factor = float(scale_factor) if scale_factor else None
        self.mode = mode
        self.align_corners = align_corners
        self.recompute_scale_factor = recompute_scale_factor

#@line 170
    def forward(self, input):
#@line 174
        return F.interpolate(
            input,
            self.size,
            self.scale_factor,
            self.mode,
            self.align_corners,
            recompute_scale_factor=self.recompute_scale_factor,
        )

#@line 189
    def extra_repr(self):
#@line 193
        if self.scale_factor is not None:
            info = "scale_factor=" + repr(self.scale_factor)
        else:
            info = "size=" + repr(self.size)
        info += ", mode=" + repr(self.mode)
        return info

#@line 201
class UpsamplingNearest2d(Upsample):
#@line 242
    def __init__(self, size=None, scale_factor=None):
        super().__init__(size, scale_factor, mode="nearest")

#@line 250
class UpsamplingBilinear2d(Upsample):
#@line 293
    def __init__(self, size=None, scale_factor=None):
        super().__init__(size, scale_factor, mode="bilinear", align_corners=True)
)PY";

void load(VM& vm, const char* name, const char* file, const char* src) {
  loadPrelude(vm, name, std::string(vm.target().torch_prefix) + file, preludeLayout(src));
}

struct Part {
  const char* module;  // under torch.nn.modules
  const char* source;
  std::vector<const char*> classes;
};

const std::vector<Part>& parts() {
  static const std::vector<Part> kParts = {
      {"normalization", kNormalization, {"GroupNorm"}},
      {"instancenorm", kInstanceNorm, {"InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"}},
      {"pixelshuffle", kPixelShuffle, {"PixelShuffle", "PixelUnshuffle"}},
      {"upsampling", kUpsampling, {"Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d"}}};
  return kParts;
}

void loadNormLayers(VM& vm) {
  auto& nn = *as<ModuleObject>(vm.findModule("torch.nn")).dict;
  for (const Part& p : parts()) {
    std::string name = std::string("torch.nn.modules.") + p.module;
    std::string file = std::string("/nn/modules/") + p.module + ".py";
    load(vm, name.c_str(), file.c_str(), p.source);
    auto& m = *as<ModuleObject>(vm.findModule(name)).dict;
    for (const char* cls : p.classes) nn.setStr(cls, m.getStr(cls));
  }
}

}  // namespace

void installNnNorms(VM& vm) {
  std::vector<std::string> modules;
  std::vector<std::pair<std::string, std::string>> attrs;
  for (const Part& p : parts()) {
    modules.push_back(std::string("torch.nn.modules.") + p.module);
    for (const char* cls : p.classes) attrs.emplace_back("torch.nn", cls);
  }
  vm.addLazyPart(std::move(modules), std::move(attrs), loadNormLayers);
}

}  // namespace gbc::interp
