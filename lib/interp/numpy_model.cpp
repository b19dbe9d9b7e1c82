// A small model of numpy for numpy interop under torch.compile: np.ndarray (an instance whose
// payload is a tensor), the handful of numpy functions the programs use, Tensor.numpy() and
// torch.from_numpy / torch.as_tensor. While Dynamo traces, numpy operations are recorded as
// the `wrapped_<op>` nodes torch._numpy produces (torch/_dynamo/variables/tensor.py,
// NumpyNdarrayVariable; torch/_dynamo/utils.py numpy_operator_wrapper).
#include "interp/numpy_model.h"

#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "runtime/ops.h"

namespace gbc::interp {

using runtime::Tensor;

namespace {

struct NdArray {
  Value tensor;  // a TensorObject holding the data (graph nodes link through it)
};

ClassPtr& ndarrayClass() {
  static thread_local ClassPtr cls;
  return cls;
}

[[noreturn]] void fail(VM& vm, const runtime::TorchError& e) {
  ClassPtr cls = e.kind == runtime::ErrorKind::IndexError   ? vm.b().index_error
                 : e.kind == runtime::ErrorKind::ValueError ? vm.b().value_error
                 : e.kind == runtime::ErrorKind::TypeError  ? vm.b().type_error
                                                            : vm.b().runtime_error;
  vm.raise(cls, e.message);
}

template <typename X>
X check(VM& vm, runtime::Expected<X> r) {
  if (!r) fail(vm, r.error());
  return std::move(*r);
}

}  // namespace

bool isNdarray(const Value& v) {
  return v->kind == Kind::Instance && ndarrayClass() && as<InstanceObject>(v).cls == ndarrayClass();
}

Value ndarrayTensor(const Value& v) { return std::static_pointer_cast<NdArray>(as<InstanceObject>(v).payload)->tensor; }

Value makeNdarray(const Value& tensor) {
  auto inst = std::make_shared<InstanceObject>(ndarrayClass());
  auto p = std::make_shared<NdArray>();
  p->tensor = tensor;
  inst->payload = p;
  return inst;
}

static const Tensor& data(VM& vm, const Value& v) {
  if (isNdarray(v)) return as<TensorObject>(ndarrayTensor(v)).t;
  if (v->kind == Kind::Tensor) return as<TensorObject>(v).t;
  vm.raise(vm.b().type_error, "expected an ndarray, got " + vm.typeOf(v)->name);
}

/// The graph-input side of a value: ndarrays link through their tensor.
static Value linkOf(const Value& v) { return isNdarray(v) ? ndarrayTensor(v) : v; }

/// A new ndarray from a numpy op, recorded as `wrapped_<op>` while tracing.
static Value result(VM& vm, const std::string& op, const std::vector<Value>& inputs, Tensor t) {
  Value out = wrapTensor(std::move(t));
  std::vector<Value> links;
  for (const Value& v : inputs) links.push_back(linkOf(v));
  vm.dynamo().recordOp(vm, "wrapped_" + op, graph::NodeOp::CallFunction, links, {out});
  return makeNdarray(out);
}

static runtime::Operand operand(VM& vm, const Value& v) {
  if (isNdarray(v) || v->kind == Kind::Tensor) return runtime::Operand(data(vm, v));
  if (v->kind == Kind::Int || v->kind == Kind::Bool) return runtime::Operand(asInt(v));
  return runtime::Operand(asFloat(v));
}

static runtime::DimList axisArg(VM& vm, const Value& v) {
  if (!v || isNone(v)) return std::nullopt;
  std::vector<int64_t> dims;
  if (v->kind == Kind::Tuple || v->kind == Kind::List)
    for (const Value& x : vm.toVector(v)) dims.push_back(asInt(x));
  else
    dims.push_back(asInt(v));
  return dims;
}

static void method(const ClassPtr& cls, const std::string& name, NativeFn f) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(f));
  b->id = "numpy.ndarray." + name;
  b->qualname = "ndarray." + name;
  cls->dict->setStr(name, b);
}

static void binary(const ClassPtr& cls, const std::string& dunder, const std::string& op, bool reflected,
                   runtime::Expected<Tensor> (*fn)(const runtime::Operand&, const runtime::Operand&)) {
  method(cls, dunder, [op, reflected, fn](VM& vm, CallArgs& a) -> Value {
    Value x = a.args.at(0), y = a.args.at(1);
    if (!(isNdarray(y) || y->kind == Kind::Int || y->kind == Kind::Float || y->kind == Kind::Bool)) return notImplemented();
    if (reflected) std::swap(x, y);
    return result(vm, op, {x, y}, check(vm, fn(operand(vm, x), operand(vm, y))));
  });
}

void installNumpy(VM& vm) {
  auto m = std::make_shared<ModuleObject>("numpy");
  m->dict->setStr("__name__", pyStr("numpy"));
  vm.registerModule("numpy", m);
  ClassPtr cls = vm.makeClass("ndarray", {vm.b().object}, nullptr);
  cls->module = "numpy";
  ndarrayClass() = cls;
  m->dict->setStr("ndarray", cls);
  m->dict->setStr("float64", std::make_shared<DTypeObject>(runtime::DType::Float64));
  m->dict->setStr("float32", std::make_shared<DTypeObject>(runtime::DType::Float32));
  m->dict->setStr("int64", std::make_shared<DTypeObject>(runtime::DType::Int64));
  binary(cls, "__add__", "add", false, [](const runtime::Operand& a, const runtime::Operand& b) { return runtime::add(a, b); });
  binary(cls, "__radd__", "add", true, [](const runtime::Operand& a, const runtime::Operand& b) { return runtime::add(a, b); });
  binary(cls, "__sub__", "sub", false, [](const runtime::Operand& a, const runtime::Operand& b) { return runtime::sub(a, b); });
  binary(cls, "__rsub__", "sub", true, [](const runtime::Operand& a, const runtime::Operand& b) { return runtime::sub(a, b); });
  binary(cls, "__mul__", "mul", false, runtime::mul);
  binary(cls, "__rmul__", "mul", true, runtime::mul);
  binary(cls, "__truediv__", "truediv", false, runtime::div);
  binary(cls, "__rtruediv__", "truediv", true, runtime::div);
  method(cls, "__getitem__", [](VM& vm, CallArgs& a) -> Value {
    Value self = a.args.at(0), key = a.args.at(1);
    // torch's indexing rules are numpy's basic indexing rules
    return result(vm, "getitem", {self, key}, tensorIndex(vm, ndarrayTensor(self), key));
  });
  method(cls, "reshape", [](VM& vm, CallArgs& a) -> Value {
    runtime::Shape s;
    if (a.args.size() == 2 && a.args[1]->kind == Kind::Tuple)
      for (const Value& v : vm.toVector(a.args[1])) s.push_back(asInt(v));
    else
      for (size_t i = 1; i < a.args.size(); ++i) s.push_back(asInt(a.args[i]));
    return result(vm, "reshape", {a.args[0]}, check(vm, runtime::reshape(data(vm, a.args[0]), s)));
  });
  method(cls, "copy", [](VM& vm, CallArgs& a) -> Value { return result(vm, "copy", {a.args[0]}, data(vm, a.args[0]).clone()); });
  method(cls, "__len__", [](VM& vm, CallArgs& a) -> Value { return pyInt(data(vm, a.args[0]).sizes().at(0)); });
  method(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    return pyStr("array(" + tensorRepr(vm, ndarrayTensor(a.args[0])) + ")");
  });
  auto shape = std::make_shared<PropertyObject>();
  shape->fget = std::make_shared<BuiltinObject>("shape", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> items;
    for (int64_t d : data(vm, a.args.at(0)).sizes()) items.push_back(pyInt(d));
    return pyTuple(std::move(items));
  });
  cls->dict->setStr("shape", shape);

  auto fn = [&](const std::string& name, NativeFn f) {
    auto b = std::make_shared<BuiltinObject>(name, std::move(f));
    b->id = "numpy." + name;
    m->dict->setStr(name, b);
  };
  fn("sum", [](VM& vm, CallArgs& a) -> Value {
    Value axis = a.args.size() > 1 ? a.args[1] : a.kw("axis");
    return result(vm, "sum", {a.args.at(0)}, check(vm, runtime::sum(data(vm, a.args[0]), axisArg(vm, axis))));
  });
  fn("mean", [](VM& vm, CallArgs& a) -> Value {
    Value axis = a.args.size() > 1 ? a.args[1] : a.kw("axis");
    return result(vm, "mean", {a.args.at(0)}, check(vm, runtime::mean(data(vm, a.args[0]), axisArg(vm, axis))));
  });
  fn("square", [](VM& vm, CallArgs& a) -> Value {
    const Tensor& x = data(vm, a.args.at(0));
    return result(vm, "square", {a.args[0]}, check(vm, runtime::mul(x, x)));
  });
  fn("arange", [](VM& vm, CallArgs& a) -> Value {
    Value d = a.kw("dtype");
    std::optional<runtime::DType> dt;
    if (d && d->kind == Kind::DType) dt = as<DTypeObject>(d).d;
    auto scalar = [](const Value& v) -> runtime::Scalar {
      if (v->kind == Kind::Float) return as<FloatObject>(v).v;
      return asInt(v);
    };
    Tensor t = a.args.size() == 1 ? check(vm, runtime::arange(scalar(a.args[0]), dt))
                                  : check(vm, runtime::arange(scalar(a.args.at(0)), scalar(a.args.at(1)), int64_t{1}, dt));
    return result(vm, "arange", {}, t);
  });
}

}  // namespace gbc::interp
