// torch.device (torch/csrc/Device.cpp): type and index, parsed as c10::Device parses a string,
// compared and hashed by value, printed as torch prints it; Tensor.device is the CPU device
// (gbc's runtime has no other). `with torch.device(...)` sets the default device of factories in
// torch: for the CPU that changes nothing, for any other device it is a located gap.
#include <string>

#include "interp/native_type.h"
#include "interp/torch_model.h"

namespace gbc::interp {

namespace {

struct DeviceState : NativeState {
  std::string type = "cpu";
  int64_t index = -1;  // -1: none
};

/// c10's device types, in the order of its error message.
const char* const kDeviceTypes[] = {
    "cpu",  "cuda", "ipu", "xpu",  "mkldnn", "opengl", "opencl", "ideep", "hip",  "ve",
    "fpga", "maia", "xla", "lazy", "vulkan", "mps",    "meta",   "hpu",   "mtia", "privateuseone"};

void parse(VM& vm, DeviceState& d, const std::string& text) {
  size_t colon = text.find(':');
  std::string type = text.substr(0, colon);
  bool known = false;
  for (const char* t : kDeviceTypes) known = known || type == t;
  if (!known) {
    std::string list;
    for (const char* t : kDeviceTypes) list += std::string(list.empty() ? "" : ", ") + t;
    vm.raise(vm.b().runtime_error,
             "Expected one of " + list + " device type at start of device string: " + text);
  }
  d.type = type;
  d.index = -1;
  if (colon != std::string::npos) {
    std::string digits = text.substr(colon + 1);
    bool ok = !digits.empty() && digits.size() < 10 &&
              digits.find_first_not_of("0123456789") == std::string::npos &&
              (digits.size() == 1 || digits[0] != '0');
    if (!ok) vm.raise(vm.b().runtime_error, "Invalid device string: '" + text + "'");
    d.index = std::stoll(digits);
  }
}

std::string str(const DeviceState& d) {
  return d.index < 0 ? d.type : d.type + ":" + std::to_string(d.index);
}

}  // namespace

Value makeTorchDevice(VM& vm, const std::string& text) {
  Value torch = vm.findModule("torch");
  Value cls = as<ModuleObject>(torch).dict->getStr("device");
  auto state = std::make_shared<DeviceState>();
  parse(vm, *state, text);
  return newNative<DeviceState>(std::static_pointer_cast<ClassObject>(cls), state);
}

void installTorchDevice(VM& vm) {
  Value torch = vm.findModule("torch");
  ClassPtr cls = makeNativeType(vm, "torch", "device");
  auto state = [](VM& vm, const Value& self, const char* what) -> DeviceState& {
    return nativeState<DeviceState>(vm, self, what);
  };
  auto b = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs& a) -> Value {
    auto d = std::make_shared<DeviceState>();
    Value type = a.args.size() > 1 ? a.args[1] : a.kw("type");
    Value index = a.args.size() > 2 ? a.args[2] : a.kw("index");
    if (!type) vm.raise(vm.b().type_error, "device() missing required argument 'type' (pos 1)");
    if (type->kind == Kind::Instance && as<InstanceObject>(type).native &&
        dynamic_cast<DeviceState*>(as<InstanceObject>(type).native.get())) {
      *d = *static_cast<DeviceState*>(as<InstanceObject>(type).native.get());
    } else if (isInt(type) && type->kind != Kind::Bool) {
      // torch.device(1): the accelerator's device 1 (CUDA on a CUDA build)
      if (asInt(type) < 0) vm.raise(vm.b().runtime_error, "Device index must not be negative");
      d->type = "cuda";
      d->index = asInt(type);
    } else if (type->kind == Kind::Str) {
      parse(vm, *d, asStr(type));
      if (index && !isNone(index)) {
        if (d->index >= 0)
          vm.raise(vm.b().runtime_error,
                   "type (string) must not include an index because index was passed explicitly: " +
                       asStr(type));
        if (!isInt(index)) vm.raise(vm.b().type_error, "device(): argument 'index' must be int");
        if (asInt(index) < 0) vm.raise(vm.b().runtime_error, "Device index must not be negative");
        d->index = asInt(index);
      }
    } else {
      vm.raise(vm.b().type_error, "device() received an invalid combination of arguments - got (" +
                                      vm.typeOf(type)->name + ")");
    }
    return newNative<DeviceState>(std::static_pointer_cast<ClassObject>(a.args.at(0)), d);
  });
  b->binds = false;
  b->qualname = "device.__new__";
  cls->dict->setStr("__new__", b);
  nativeGetSet(cls, "type", [state](VM& vm, const Value& self) -> Value {
    return pyStr(state(vm, self, "type").type);
  });
  nativeGetSet(cls, "index", [state](VM& vm, const Value& self) -> Value {
    const DeviceState& d = state(vm, self, "index");
    return d.index < 0 ? none() : pyInt(d.index);
  });
  nativeMethod(cls, "__str__", [state](VM& vm, CallArgs& a) -> Value {
    return pyStr(str(state(vm, a.args.at(0), "__str__")));
  });
  nativeMethod(cls, "__repr__", [state](VM& vm, CallArgs& a) -> Value {
    const DeviceState& d = state(vm, a.args.at(0), "__repr__");
    std::string r = "device(type='" + d.type + "'";
    if (d.index >= 0) r += ", index=" + std::to_string(d.index);
    return pyStr(r + ")");
  });
  nativeMethod(cls, "__eq__", [state](VM& vm, CallArgs& a) -> Value {
    const Value& other = a.args.at(1);
    if (other->kind != Kind::Instance || !as<InstanceObject>(other).native ||
        !dynamic_cast<DeviceState*>(as<InstanceObject>(other).native.get()))
      return notImplemented();
    const DeviceState& x = state(vm, a.args.at(0), "__eq__");
    const DeviceState& y = *static_cast<DeviceState*>(as<InstanceObject>(other).native.get());
    return pyBool(x.type == y.type && x.index == y.index);
  });
  nativeMethod(cls, "__hash__", [state](VM& vm, CallArgs& a) -> Value {
    const DeviceState& d = state(vm, a.args.at(0), "__hash__");
    return pyInt(static_cast<int64_t>(std::hash<std::string>{}(str(d)) & 0x3fffffffffffffff));
  });
  nativeMethod(cls, "__reduce__", [state, torch](VM& vm, CallArgs& a) -> Value {
    const DeviceState& d = state(vm, a.args.at(0), "__reduce__");
    Value args = d.index < 0 ? pyTuple({pyStr(d.type)}) : pyTuple({pyStr(d.type), pyInt(d.index)});
    return pyTuple({as<ModuleObject>(torch).dict->getStr("device"), args});
  });
  nativeMethod(cls, "__enter__", [state](VM& vm, CallArgs& a) -> Value {
    const DeviceState& d = state(vm, a.args.at(0), "__enter__");
    if (d.type != "cpu")
      vm.unsupported("`with torch.device('" + str(d) + "')` (a default device other than the CPU)");
    return a.args.at(0);
  });
  nativeMethod(cls, "__exit__", [](VM&, CallArgs&) -> Value { return none(); });
  as<ModuleObject>(torch).dict->setStr("device", cls);
  vm.nativeProps(Kind::Tensor)["device"] = [](VM& vm, const Value&) -> Value {
    return makeTorchDevice(vm, "cpu");
  };
}

}  // namespace gbc::interp
