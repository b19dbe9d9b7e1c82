// torch's reduced-precision and small integer dtypes as programs reach them: the torch.bfloat16 /
// float16 / half / int8 / int16 / short / uint8 names, a dtype's attributes (is_floating_point,
// itemsize, ...), Tensor.half() / bfloat16() / type() / is_floating_point() / element_size(),
// the parameter-data swap Module.to(dtype) uses, and CPU autocast (torch.amp.autocast): its
// state, which ops it runs in the lower precision and which in float32. The values themselves
// are the runtime's (runtime/tensor.h: narrow dtypes in a carrier storage, rounded per op).
#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "runtime/ops.h"

namespace gbc::interp {

namespace {

using runtime::DType;
using runtime::Tensor;

struct AutocastState {
  bool enabled = false;
  DType dtype = DType::BFloat16;
};

AutocastState& cpuAutocast() {
  static thread_local AutocastState state;
  return state;
}

Value makeDType(DType d) { return std::make_shared<DTypeObject>(d); }

Value defIn(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = as<ModuleObject>(module).name + "." + name;
  b->qualname = name;
  as<ModuleObject>(module).dict->setStr(name, b);
  return b;
}

/// A conversion method's result: x.half(), x.type(torch.float16), ... (a call_method node and a
/// ToCopyBackward0 autograd node; the tensor itself when the dtype already matches, as torch
/// returns self).
Value convert(VM& vm, const std::string& name, const Value& self, DType d,
              const std::vector<Value>& graphInputs) {
  const Tensor& x = tensorArg(self);
  Value out = x.dtype() == d ? self : wrapTensor(x.to(d));
  if (out != self) applyGradFn(vm, "to", {self}, out);
  vm.dynamo().recordOp(vm, name, graph::NodeOp::CallMethod, graphInputs, {out});
  return out;
}

/// torch's legacy tensor type names (Tensor.type() with no argument).
std::string legacyTypeName(DType d) {
  switch (d) {
    case DType::Float32:
      return "torch.FloatTensor";
    case DType::Float64:
      return "torch.DoubleTensor";
    case DType::Int64:
      return "torch.LongTensor";
    case DType::Int32:
      return "torch.IntTensor";
    case DType::Bool:
      return "torch.BoolTensor";
    case DType::BFloat16:
      return "torch.BFloat16Tensor";
    case DType::Float16:
      return "torch.HalfTensor";
    case DType::Int8:
      return "torch.CharTensor";
    case DType::Int16:
      return "torch.ShortTensor";
    case DType::UInt8:
      return "torch.ByteTensor";
  }
  return "";
}

const char* kAutocastSource = R"PY(
import torch

class autocast:
    def __init__(self, device_type, dtype=None, enabled=True, cache_enabled=None):
        if not isinstance(device_type, str):
            raise ValueError(f"Expected `device_type` of type `str`, got: `{type(device_type)}`")
        self.device = device_type
        if dtype is None:
            dtype = torch.bfloat16 if device_type == 'cpu' else torch.float16
        self.fast_dtype = dtype
        self._enabled = enabled

    def __enter__(self):
        self.prev = torch._gbc_autocast_enter(self.device, self.fast_dtype, self._enabled)
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        torch._gbc_autocast_exit(self.device, self.prev)
        return False

    def __call__(self, func):
        def decorate_autocast(*args, **kwargs):
            with self:
                return func(*args, **kwargs)
        return decorate_autocast
)PY";

}  // namespace

std::optional<DType> cpuAutocastDType() {
  const AutocastState& s = cpuAutocast();
  if (!s.enabled) return std::nullopt;
  return s.dtype;
}

Value autocastArg(VM& vm, const Value& v, DType dtype) {
  if (!v || v->kind != Kind::Tensor) return v;
  const Tensor& x = tensorArg(v);
  if (!runtime::isFloating(x.dtype()) || x.dtype() == dtype) return v;
  Value out = wrapTensor(x.to(dtype));
  applyGradFn(vm, "to", {v}, out);
  return out;
}

Value autocastLower(VM& vm, const Value& v) {
  if (auto d = cpuAutocastDType()) return autocastArg(vm, v, *d);
  return v;
}

Value autocastFloat32(VM& vm, const Value& v) {
  if (cpuAutocastDType()) return autocastArg(vm, v, DType::Float32);
  return v;
}

void installTorchDtypes(VM& vm) {
  Value torch = vm.findModule("torch");
  auto& td = *as<ModuleObject>(torch).dict;
  td.setStr("bfloat16", makeDType(DType::BFloat16));
  td.setStr("float16", makeDType(DType::Float16));
  td.setStr("half", makeDType(DType::Float16));
  td.setStr("int8", makeDType(DType::Int8));
  td.setStr("int16", makeDType(DType::Int16));
  td.setStr("short", makeDType(DType::Int16));
  td.setStr("uint8", makeDType(DType::UInt8));

  auto& DP = vm.nativeProps(Kind::DType);
  DP["is_floating_point"] = [](VM&, const Value& d) -> Value {
    return pyBool(runtime::isFloating(as<DTypeObject>(d).d));
  };
  DP["is_complex"] = [](VM&, const Value&) -> Value { return pyBool(false); };
  DP["is_signed"] = [](VM&, const Value& d) -> Value {
    DType t = as<DTypeObject>(d).d;
    return pyBool(t != DType::Bool && t != DType::UInt8);
  };
  DP["itemsize"] = [](VM&, const Value& d) -> Value {
    return pyInt(runtime::torchElementSize(as<DTypeObject>(d).d));
  };

  auto conversion = [&](const char* name, DType d) {
    std::string n = name;
    defineTensorMethod(vm, n, [n, d](VM& vm, CallArgs& a) -> Value {
      return convert(vm, n, a.args.at(0), d, {a.args.at(0)});
    });
  };
  conversion("half", DType::Float16);
  conversion("bfloat16", DType::BFloat16);
  conversion("short", DType::Int16);
  conversion("char", DType::Int8);
  conversion("byte", DType::UInt8);
  defineTensorMethod(vm, "type", [](VM& vm, CallArgs& a) -> Value {
    Value self = a.args.at(0);
    Value d = a.args.size() > 1 ? a.args[1] : a.kw("dtype");
    if (!d || isNone(d)) return pyStr(legacyTypeName(tensorArg(self).dtype()));
    if (d->kind != Kind::DType) vm.unsupported("Tensor.type with a type name");
    return convert(vm, "type", self, as<DTypeObject>(d).d, {self, d});
  });
  defineTensorMethod(vm, "is_floating_point", [](VM&, CallArgs& a) -> Value {
    return pyBool(runtime::isFloating(tensorArg(a.args.at(0)).dtype()));
  });
  defIn(torch, "is_floating_point", [](VM&, CallArgs& a) -> Value {
    return pyBool(runtime::isFloating(tensorArg(a.args.at(0)).dtype()));
  });
  defineTensorMethod(vm, "element_size", [](VM&, CallArgs& a) -> Value {
    return pyInt(runtime::torchElementSize(tensorArg(a.args.at(0)).dtype()));
  });
  // Module._apply's `param.data = fn(param)` (torch.__future__'s overwrite flag off): the
  // Parameter object stays, its data becomes the converted tensor
  defIn(torch, "_gbc_set_data", [](VM&, CallArgs& a) -> Value {
    auto& p = as<TensorObject>(a.args.at(0));
    bool rg = p.t.requiresGrad();
    p.t = tensorArg(a.args.at(1)).detach();
    p.t.setRequiresGrad(rg);
    return none();
  });

  // CPU autocast: entered outside compiled code, the graph has no autocast node (the cast is
  // below Dynamo: the ops run in the lower precision)
  defIn(torch, "_gbc_autocast_enter", [](VM& vm, CallArgs& a) -> Value {
    if (vm.dynamo().tracing(vm)) vm.unsupported("torch.amp.autocast entered inside compiled code");
    std::string device = asStr(a.args.at(0));
    Value d = a.args.at(1);
    bool enabled = vm.truthy(a.args.at(2));
    AutocastState& s = cpuAutocast();
    Value prev = pyTuple({pyBool(s.enabled), makeDType(s.dtype)});
    if (device == "cpu") {
      if (d->kind != Kind::DType) vm.raise(vm.b().type_error, "dtype must be a torch.dtype");
      DType dt = as<DTypeObject>(d).d;
      if (enabled && dt != DType::BFloat16 && dt != DType::Float16)
        vm.unsupported("CPU autocast to " + std::string(runtime::dtypeName(dt)));
      s.enabled = enabled;
      s.dtype = dt;
    } else if (device != "cuda") {
      vm.unsupported("torch.amp.autocast for device_type '" + device + "'");
    }
    // (CUDA autocast: no CUDA tensors here, no op changes)
    return prev;
  });
  defIn(torch, "_gbc_autocast_exit", [](VM& vm, CallArgs& a) -> Value {
    if (vm.dynamo().tracing(vm)) vm.unsupported("torch.amp.autocast exited inside compiled code");
    if (asStr(a.args.at(0)) == "cpu") {
      auto items = vm.toVector(a.args.at(1));
      cpuAutocast().enabled = vm.truthy(items.at(0));
      cpuAutocast().dtype = as<DTypeObject>(items.at(1)).d;
    }
    return none();
  });
  defIn(torch, "is_autocast_cpu_enabled",
        [](VM&, CallArgs&) -> Value { return pyBool(cpuAutocast().enabled); });
  std::string prefix(vm.target().torch_prefix);
  Value amp = vm.findModule("torch.amp");
  if (!amp) {
    auto m = std::make_shared<ModuleObject>("torch.amp");
    m->dict->setStr("__name__", pyStr("torch.amp"));
    vm.registerModule("torch.amp", m);
    td.setStr("amp", m);
    amp = m;
  }
  loadPrelude(vm, "torch.amp.autocast_mode", prefix + "/amp/autocast_mode.py", kAutocastSource);
  Value cls = as<ModuleObject>(vm.findModule("torch.amp.autocast_mode")).dict->getStr("autocast");
  as<ModuleObject>(amp).dict->setStr("autocast", cls);
  td.setStr("autocast", cls);
}

}  // namespace gbc::interp
