// The torch namespace: factories, functions, dtypes, torch.compile, torch._dynamo,
// torch.compiler, torch.nn (with the Python prelude), torch._dynamo.exc.Unsupported.
#include <cmath>
#include <map>
#include <set>

#include "interp/autograd.h"
#include "interp/causes.h"
#include "interp/dynamo.h"
#include "interp/numpy_model.h"
#include "interp/prelude.h"
#include "interp/runtime_compat.h"
#include "interp/torch_model.h"
#include "report/text.h"
#include "runtime/ops.h"

namespace gbc::interp {

using runtime::Tensor;

Value wrapTensor(Tensor t);
Value tensorCallMethod(VM& vm, const Value& t, const std::string& name, std::vector<Value> args);
void installTorchExtras(VM& vm);
static void loadOptimModel(VM& vm);
void installLosses(VM& vm);
void installNnLayers(VM& vm);
void installTorchDtypes(VM& vm);  // torch_dtypes.cpp
void installTorchDevice(VM& vm);  // torch_device.cpp
void installTriEinsum(VM& vm);    // torch_tri_einsum.cpp
void installNnCore(VM& vm);
void installTorchUtils(VM& vm);

static Tensor& T(const Value& v) { return tensorArg(v); }

static Value mod(VM& vm, const std::string& name) {
  Value m = vm.findModule(name);
  if (m) return m;
  m = std::make_shared<ModuleObject>(name);
  as<ModuleObject>(m).dict->setStr("__name__", pyStr(name));
  vm.registerModule(name, m);
  size_t dot = name.rfind('.');
  if (dot != std::string::npos) {
    Value parent = mod(vm, name.substr(0, dot));
    as<ModuleObject>(parent).dict->setStr(name.substr(dot + 1), m);
  }
  return m;
}

static Value def(VM& vm, const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = as<ModuleObject>(module).name + "." + name;
  b->qualname = name;
  as<ModuleObject>(module).dict->setStr(name, b);
  (void)vm;
  return b;
}

static runtime::Shape shapeOf(VM& vm, const std::vector<Value>& args, size_t from) {
  runtime::Shape s;
  if (args.size() == from + 1 &&
      (args[from]->kind == Kind::Tuple || args[from]->kind == Kind::List)) {
    for (const Value& v : vm.toVector(args[from])) s.push_back(asInt(v));
    return s;
  }
  for (size_t i = from; i < args.size(); ++i) s.push_back(asInt(args[i]));
  return s;
}

static std::optional<runtime::DType> dtypeKw(const CallArgs& a) {
  Value d = a.kw("dtype");
  if (!d || d->kind != Kind::DType) return std::nullopt;
  return as<DTypeObject>(d).d;
}

static runtime::Scalar scalarOf(VM& vm, const Value& v) {
  if (v->kind == Kind::Bool) return as<BoolObject>(v).v;
  if (v->kind == Kind::Int) return asInt(v);
  if (v->kind == Kind::Float) return as<FloatObject>(v).v;
  if (v->kind == Kind::Tensor) return check(vm, T(v).item());
  vm.raise(vm.b().type_error, "expected a number");
}

static runtime::Nested toNested(VM& vm, const Value& v) {
  runtime::Nested n;
  if (v->kind == Kind::List || v->kind == Kind::Tuple) {
    std::vector<runtime::Nested> items;
    for (const Value& x : vm.toVector(v)) items.push_back(toNested(vm, x));
    n.value = std::move(items);
    return n;
  }
  n.value = scalarOf(vm, v);
  return n;
}

static Value factory(VM& vm, const std::string& name, Tensor t,
                     const std::vector<Value>& inputs = {}, const GradArgs& args = {}) {
  Value out = wrapTensor(std::move(t));
  applyGradFn(vm, name, inputs, out, args);
  vm.dynamo().recordOp(vm, name, graph::NodeOp::CallFunction, inputs, {out});
  return out;
}

static void installTensorApi(VM& vm) {
  auto& B = vm.b();
  B.tensor = vm.makeClass("Tensor", {B.object}, nullptr);
  B.tensor->module = "torch";
  B.tensor->instance_kind = Kind::Tensor;
  B.dtype = vm.makeClass("dtype", {B.object}, nullptr);
  B.dtype->module = "torch";
  B.dtype->instance_kind = Kind::DType;
  auto& P = vm.nativeProps(Kind::Tensor);
  P["shape"] = [](VM&, const Value& t) -> Value {
    std::vector<Value> items;
    for (int64_t d : T(t).sizes()) items.push_back(pyInt(d));
    auto s = std::make_shared<TupleObject>(std::move(items));
    s->is_size = true;
    return s;
  };
  P["dtype"] = [](VM&, const Value& t) -> Value {
    return std::make_shared<DTypeObject>(T(t).dtype());
  };
  P["ndim"] = [](VM&, const Value& t) -> Value { return pyInt(T(t).dim()); };
  P["requires_grad"] = [](VM&, const Value& t) -> Value { return pyBool(T(t).requiresGrad()); };
  P["grad"] = [](VM&, const Value& t) -> Value {
    auto& to = as<TensorObject>(t);
    if (to.attrs)
      if (Value g = to.attrs->getStr("grad")) return g;
    return none();
  };
  // is_leaf, grad_fn, data: autograd_api.cpp
  P["T"] = [](VM& vm, const Value& t) -> Value { return tensorCallMethod(vm, t, "t", {}); };
  // device: torch_device.cpp
  P["is_cuda"] = [](VM&, const Value&) -> Value { return pyBool(false); };
  P["is_sparse"] = [](VM&, const Value&) -> Value { return pyBool(false); };
}

/// (the code objects are kept alive so that their addresses are never reused)
static std::map<const void*, std::shared_ptr<CodeObject>>& alwaysOptimizedCodes() {
  static thread_local std::map<const void*, std::shared_ptr<CodeObject>>
      codes;  // analyze: one file per thread
  return codes;
}
bool isAlwaysOptimizedCode(const void* code_key) {
  return alwaysOptimizedCodes().count(code_key) != 0;
}

/// The compile wrapper object whose `_torchdynamo_orig_callable` is fn.
static Value wrapperOf(const Value& fn) {
  auto holder = std::make_shared<BuiltinObject>("compile_wrapper",
                                                [](VM&, CallArgs&) -> Value { return none(); });
  holder->attrs = newDict();
  holder->attrs->setStr("_torchdynamo_orig_callable", fn);
  return holder;
}

/// A torch.compile wrapper around `fn` (R1): installs its callback for the call.
static Value makeCompiled(VM& vm, Value fn, std::shared_ptr<CompileConfig> cfg) {
  vm.dynamo().onWrapperConstructed();
  auto w =
      std::make_shared<BuiltinObject>("compile_wrapper", [fn, cfg](VM& vm, CallArgs& a) -> Value {
        Frame* top = vm.top();
        if (top && top->trace) {
          // inlined with the outer settings (R22), through Dynamo's polyfill that fetches the
          // original callable
          Value poly = vm.findModule("torch._dynamo.polyfills");
          const char* entry = vm.target().id == TargetId::Torch2_14
                                  ? "getattr_and_trace_no_nested_graph_breaks"
                                  : "getattr_and_trace";
          Value pf = poly ? as<ModuleObject>(poly).dict->getStr(entry) : nullptr;
          Value self = vm.top()->trace ? nullptr : nullptr;
          (void)self;
          if (!pf) return vm.call(fn, a);
          CallArgs b;
          b.args.push_back(vm.top()->trace ? vm.top()->trace->root ? wrapperOf(fn) : fn : fn);
          b.args.push_back(pyStr("_torchdynamo_orig_callable"));
          b.args.insert(b.args.end(), a.args.begin(), a.args.end());
          b.kwargs = a.kwargs;
          return vm.call(pf, b);
        }
        vm.dynamo().pushCallback(cfg.get());
        struct Pop {
          VM& vm;
          ~Pop() { vm.dynamo().popCallback(); }
        } pop{vm};
        return vm.call(fn, a);
      });
  w->id = "torch.compile_wrapper";
  // eval_frame.py, _TorchDynamoContext.__call__: the wrapped function's code is in
  // always_optimize_code_objects, so its frames are compiled even with no tensor in sight
  // (convert_frame.py, has_tensor_in_frame)
  if (fn->kind == Kind::Function)
    alwaysOptimizedCodes()[as<FunctionObject>(fn).code.get()] = as<FunctionObject>(fn).code;
  w->attrs = newDict();
  w->attrs->setStr("_torchdynamo_orig_callable", fn);
  w->attrs->setStr("__wrapped__", fn);
  if (fn->kind == Kind::Function) {
    w->name = as<FunctionObject>(fn).name;
    w->qualname = as<FunctionObject>(fn).qualname;
  }
  return w;
}

static Value compileCall(VM& vm, CallArgs& a) {
  auto cfg = std::make_shared<CompileConfig>();
  if (Value fg = a.kw("fullgraph")) cfg->fullgraph = vm.truthy(fg);
  if (Value be = a.kw("backend"); be && !isNone(be)) cfg->has_backend = true;
  if (Value dy = a.kw("dynamic"); dy && !isNone(dy)) cfg->dynamic = vm.truthy(dy);
  Value model = a.args.empty() ? a.kw("model") : a.args.at(0);
  if (!model || isNone(model)) {
    auto deco = std::make_shared<BuiltinObject>("compile", [cfg](VM& vm, CallArgs& b) -> Value {
      Value fn = b.args.at(0);
      if (isNnModule(vm, fn)) vm.unsupported("torch.compile(...)(module)");
      return makeCompiled(vm, fn, cfg);
    });
    return deco;
  }
  if (isNnModule(vm, model)) {
    // OptimizedModule (eval_frame.py _initialize): its forward is the compiled __call__ of the
    // module, so the module's _wrapped_call_impl and _call_impl run (skipped, as torch.nn code)
    // between the OptimizedModule's own and the module's forward, the first frame compiled.
    Value target = vm.getAttr(model, "__call__");
    // _forward_has_skip_rule: a torch.nn module's own forward (torch's files are skipped at the
    // top level) gets an extra frame to compile, external_utils.wrap_inline's `inner`
    Value fwd = vm.getAttr(model, "forward");
    if (fwd->kind == Kind::BoundMethod && as<BoundMethodObject>(fwd).func->kind == Kind::Function &&
        isSkippedFile(vm, as<FunctionObject>(as<BoundMethodObject>(fwd).func).code->filename)) {
      Value ext = vm.findModule("torch._dynamo.external_utils");
      if (Value wrap = ext ? as<ModuleObject>(ext).dict->getStr("wrap_inline") : nullptr)
        target = vm.call(wrap, std::vector<Value>{model});
    }
    Value compiled = makeCompiled(vm, target, cfg);
    auto opt = std::make_shared<InstanceObject>(as<InstanceObject>(model).cls);
    opt->dict = newDict();
    as<InstanceObject>(model).dict->forEach(
        [&](const Value& k, const Value& v) { opt->dict->set(k, v); });
    opt->dict->setStr("forward", compiled);
    opt->dict->setStr("_orig_mod", model);
    return opt;
  }
  return makeCompiled(vm, model, cfg);
}

static Value disableCall(VM& vm, CallArgs& a) {
  Value fn = a.args.empty() ? a.kw("fn") : a.args.at(0);
  bool recursive = true;
  if (Value r = a.kw("recursive")) recursive = vm.truthy(r);
  auto mark = [recursive](VM& vm, Value f) -> Value {
    if (f->kind != Kind::Function) vm.unsupported("torch.compiler.disable on a non-function");
    // disabled functions run with no compile callback (R3d)
    auto& fo = as<FunctionObject>(f);
    if (!fo.attrs) fo.attrs = newDict();
    fo.attrs->setStr("__gbc_disabled__", pyBool(recursive));
    if (recursive) return f;
    // recursive=False returns external_utils.get_nonrecursive_disable_wrapper(fn): its frame
    // runs (skipped, in tracebacks) between the caller and fn
    Value ext = vm.findModule("torch._dynamo.external_utils");
    Value make =
        ext ? as<ModuleObject>(ext).dict->getStr("get_nonrecursive_disable_wrapper") : nullptr;
    if (!make) return f;
    Value wrapper = vm.call(make, std::vector<Value>{f});
    if (wrapper->kind != Kind::Function) return f;
    auto& wo = as<FunctionObject>(wrapper);
    if (!wo.attrs) wo.attrs = newDict();
    wo.attrs->setStr("__gbc_disabled__", pyBool(false));
    wo.attrs->setStr("__gbc_disabled_orig__", f);
    return wrapper;
  };
  if (!fn || isNone(fn)) {
    return std::make_shared<BuiltinObject>(
        "disable", [mark](VM& vm, CallArgs& b) -> Value { return mark(vm, b.args.at(0)); });
  }
  return mark(vm, fn);
}

void installTorch(VM& vm) {
  installTensorApi(vm);
  Value torch = mod(vm, "torch");
  auto& td = *as<ModuleObject>(torch).dict;
  td.setStr("Tensor", vm.b().tensor);
  td.setStr("dtype", vm.b().dtype);
  auto dt = [&](const char* name, runtime::DType d) {
    td.setStr(name, std::make_shared<DTypeObject>(d));
  };
  dt("float32", runtime::DType::Float32);
  dt("float", runtime::DType::Float32);
  dt("float64", runtime::DType::Float64);
  dt("double", runtime::DType::Float64);
  dt("int64", runtime::DType::Int64);
  dt("long", runtime::DType::Int64);
  dt("int32", runtime::DType::Int32);
  dt("int", runtime::DType::Int32);
  dt("bool", runtime::DType::Bool);
  td.setStr("__version__", pyStr(std::string(vm.target().torch) + ".1"));

  def(vm, torch, "tensor", [](VM& vm, CallArgs& a) -> Value {
    runtime::Nested n = toNested(vm, a.args.at(0));
    Tensor t = check(vm, runtime::fromNested(n, dtypeKw(a)));
    if (Value rg = a.kw("requires_grad")) t.setRequiresGrad(vm.truthy(rg));
    return factory(vm, "tensor", t);
  });
  auto shapeFactory = [&](const std::string& name,
                          runtime::Expected<Tensor> (*fn)(const runtime::Shape&, runtime::DType)) {
    def(vm, torch, name, [name, fn](VM& vm, CallArgs& a) -> Value {
      Tensor t = check(vm, fn(shapeOf(vm, a.args, 0), dtypeKw(a).value_or(runtime::kDefaultFloat)));
      return factory(vm, name, t);
    });
  };
  shapeFactory("zeros", runtime::zeros);
  shapeFactory("ones", runtime::ones);
  shapeFactory("empty", runtime::empty);
  def(vm, torch, "full", [](VM& vm, CallArgs& a) -> Value {
    return factory(vm, "full",
                   check(vm, runtime::full(shapeOf(vm, {a.args.at(0)}, 0),
                                           scalarOf(vm, a.args.at(1)), dtypeKw(a))));
  });
  def(vm, torch, "arange", [](VM& vm, CallArgs& a) -> Value {
    // arange(end) / arange(start, end, step=1), any of them by keyword
    std::vector<Value> pos = a.args;
    for (const char* kw : {"start", "end", "step"}) {
      Value v = a.kw(kw);
      if (!v) continue;
      if (std::string(kw) == "start")
        pos.insert(pos.begin(), v);
      else if (std::string(kw) == "end" && pos.empty())
        pos.push_back(v);
      else if (std::string(kw) == "end")
        pos.insert(pos.begin() + 1, v);
      else
        pos.push_back(v);
    }
    if (pos.empty()) vm.raise(vm.b().type_error, "arange() missing required argument 'end'");
    a.args = pos;
    if (a.args.size() == 1)
      return factory(vm, "arange",
                     check(vm, runtime::arange(scalarOf(vm, a.args.at(0)), dtypeKw(a))));
    runtime::Scalar step =
        a.args.size() > 2 ? scalarOf(vm, a.args.at(2)) : runtime::Scalar(int64_t{1});
    return factory(vm, "arange",
                   check(vm, runtime::arange(scalarOf(vm, a.args.at(0)), scalarOf(vm, a.args.at(1)),
                                             step, dtypeKw(a))));
  });
  def(vm, torch, "eye", [](VM& vm, CallArgs& a) -> Value {
    std::optional<int64_t> m;
    if (a.args.size() > 1) m = asInt(a.args.at(1));
    return factory(vm, "eye",
                   check(vm, runtime::eye(asInt(a.args.at(0)), m,
                                          dtypeKw(a).value_or(runtime::kDefaultFloat))));
  });
  def(vm, torch, "linspace", [](VM& vm, CallArgs& a) -> Value {
    return factory(vm, "linspace",
                   check(vm, runtime::linspace(scalarOf(vm, a.args.at(0)),
                                               scalarOf(vm, a.args.at(1)), asInt(a.args.at(2)),
                                               dtypeKw(a).value_or(runtime::kDefaultFloat))));
  });
  def(vm, torch, "zeros_like", [](VM& vm, CallArgs& a) -> Value {
    return factory(vm, "zeros_like", runtime::zerosLike(T(a.args.at(0)), dtypeKw(a)),
                   {a.args.at(0)});
  });
  def(vm, torch, "ones_like", [](VM& vm, CallArgs& a) -> Value {
    return factory(vm, "ones_like", runtime::onesLike(T(a.args.at(0)), dtypeKw(a)), {a.args.at(0)});
  });
  def(vm, torch, "randn", [](VM& vm, CallArgs& a) -> Value {
    if (auto d = dtypeKw(a); d && runtime::isNarrow(*d))  // (reduced-precision draws: a gap)
      vm.unsupported("torch.randn(dtype=" + std::string(runtime::dtypeName(*d)) + ")");
    Tensor t = check(
        vm, runtime::randn(shapeOf(vm, a.args, 0), dtypeKw(a).value_or(runtime::kDefaultFloat)));
    return factory(vm, "randn", t);
  });
  def(vm, torch, "rand", [](VM& vm, CallArgs& a) -> Value {
    if (auto d = dtypeKw(a); d && runtime::isNarrow(*d))  // (reduced-precision draws: a gap)
      vm.unsupported("torch.rand(dtype=" + std::string(runtime::dtypeName(*d)) + ")");
    Tensor t = check(
        vm, runtime::rand(shapeOf(vm, a.args, 0), dtypeKw(a).value_or(runtime::kDefaultFloat)));
    return factory(vm, "rand", t);
  });
  def(vm, torch, "randn_like", [](VM& vm, CallArgs& a) -> Value {
    if (a.kw("generator")) vm.unsupported("torch.randn_like with a generator");
    // (no gradient: the result does not depend on the input's values)
    Value out = wrapTensor(check(vm, runtime::randnLike(T(a.args.at(0)), dtypeKw(a))));
    vm.dynamo().recordOp(vm, "randn_like", graph::NodeOp::CallFunction, {a.args.at(0)}, {out});
    return out;
  });
  def(vm, torch, "rand_like", [](VM& vm, CallArgs& a) -> Value {
    if (a.kw("generator")) vm.unsupported("torch.rand_like with a generator");
    // (no gradient: the result does not depend on the input's values)
    Value out = wrapTensor(check(vm, runtime::randLike(T(a.args.at(0)), dtypeKw(a))));
    vm.dynamo().recordOp(vm, "rand_like", graph::NodeOp::CallFunction, {a.args.at(0)}, {out});
    return out;
  });
  // torch.randint(high, size) / randint(low, high, size)
  def(vm, torch, "randint", [](VM& vm, CallArgs& a) -> Value {
    if (a.kw("generator")) vm.unsupported("torch.randint with a generator");
    std::vector<Value> pos = a.args;
    if (Value v = a.kw("low")) pos.insert(pos.begin(), v);
    if (Value v = a.kw("high")) pos.push_back(v);
    if (Value v = a.kw("size")) pos.push_back(v);
    if (pos.size() < 2) vm.raise(vm.b().type_error, "randint() missing required argument 'size'");
    int64_t low = pos.size() >= 3 ? asInt(pos[0]) : 0;
    int64_t high = asInt(pos[pos.size() - 2]);
    runtime::Shape size;
    for (const Value& v : vm.toVector(pos.back())) size.push_back(asInt(v));
    Tensor t =
        check(vm, runtime::randint(low, high, size, dtypeKw(a).value_or(runtime::DType::Int64)));
    return factory(vm, "randint", t);
  });
  def(vm, torch, "manual_seed", [](VM& vm, CallArgs& a) -> Value {
    runtime::manualSeed(static_cast<uint64_t>(asInt(a.args.at(0))));
    (void)vm;
    return none();
  });
  auto tensorList = [](VM& vm, const Value& v) {
    std::vector<Tensor> ts;
    for (const Value& x : vm.toVector(v)) ts.push_back(T(x));
    return ts;
  };
  def(vm, torch, "stack", [tensorList](VM& vm, CallArgs& a) -> Value {
    Value dim = a.args.size() > 1 ? a.args.at(1) : a.kw("dim");
    auto ts = tensorList(vm, a.args.at(0));
    return factory(vm, "stack", check(vm, runtime::stack(ts, dim ? asInt(dim) : 0)),
                   vm.toVector(a.args.at(0)));
  });
  def(vm, torch, "cat", [tensorList](VM& vm, CallArgs& a) -> Value {
    Value dim = a.args.size() > 1 ? a.args.at(1) : a.kw("dim");
    auto ts = tensorList(vm, a.args.at(0));
    return factory(vm, "cat", check(vm, runtime::cat(ts, dim ? asInt(dim) : 0)),
                   vm.toVector(a.args.at(0)));
  });
  def(vm, torch, "where", [](VM& vm, CallArgs& a) -> Value {
    auto op = [&](const Value& v) {
      return v->kind == Kind::Tensor ? runtime::Operand(T(v)) : runtime::Operand(scalarOf(vm, v));
    };
    return factory(vm, "where",
                   check(vm, runtime::where(T(a.args.at(0)), op(a.args.at(1)), op(a.args.at(2)))),
                   {a.args.at(0), a.args.at(1), a.args.at(2)});
  });
  def(vm, torch, "is_tensor",
      [](VM&, CallArgs& a) -> Value { return pyBool(a.args.at(0)->kind == Kind::Tensor); });
  def(vm, torch, "is_grad_enabled", [](VM&, CallArgs&) -> Value { return pyBool(true); });
  def(vm, torch, "get_default_dtype", [](VM&, CallArgs&) -> Value {
    return std::make_shared<DTypeObject>(runtime::kDefaultFloat);
  });
  auto asTensor = [](VM& vm, CallArgs& a) -> Value {
    Value v = a.args.at(0);
    if (isNdarray(v)) return factory(vm, "as_tensor", T(ndarrayTensor(v)), {ndarrayTensor(v)});
    if (v->kind == Kind::Tensor) return factory(vm, "as_tensor", T(v), {v});
    return factory(vm, "as_tensor", check(vm, runtime::fromNested(toNested(vm, v), dtypeKw(a))));
  };
  // torch.cuda on a machine without CUDA (the recorded torch): nothing is available, seeding is
  // a no-op (torch.cuda.manual_seed* queue the call until CUDA is initialised, which it never is)
  {
    Value cuda = mod(vm, "torch.cuda");
    def(vm, cuda, "is_available", [](VM&, CallArgs&) -> Value { return pyBool(false); });
    def(vm, cuda, "device_count", [](VM&, CallArgs&) -> Value { return pyInt(0); });
    for (const char* n : {"manual_seed", "manual_seed_all"})
      def(vm, cuda, n, [](VM&, CallArgs&) -> Value { return none(); });
  }
  // the legacy tensor types as constructors (torch/csrc/utils/tensor_new.cpp legacy_tensor_ctor):
  // FloatTensor(sequence or ndarray) converts, FloatTensor(*sizes) is uninitialised
  for (auto [name, dtype] : {std::pair{"FloatTensor", runtime::DType::Float32},
                             std::pair{"DoubleTensor", runtime::DType::Float64},
                             std::pair{"LongTensor", runtime::DType::Int64},
                             std::pair{"IntTensor", runtime::DType::Int32},
                             std::pair{"BoolTensor", runtime::DType::Bool}}) {
    std::string n = name;
    runtime::DType d = dtype;
    def(vm, torch, n, [n, d](VM& vm, CallArgs& a) -> Value {
      if (vm.dynamo().tracing(vm)) vm.unsupported("torch." + n + " traced by Dynamo");
      if (!a.kwargs.empty()) vm.unsupported("torch." + n + " with keyword arguments");
      if (a.args.size() == 1 && isNdarray(a.args[0]))
        return factory(vm, "tensor", T(ndarrayTensor(a.args[0])).to(d));
      if (a.args.size() == 1 && (a.args[0]->kind == Kind::List || a.args[0]->kind == Kind::Tuple))
        return factory(vm, "tensor", check(vm, runtime::fromNested(toNested(vm, a.args[0]), d)));
      for (const Value& v : a.args)
        if (v->kind != Kind::Int) vm.unsupported("torch." + n + " of a " + vm.typeOf(v)->name);
      if (a.args.empty()) return factory(vm, "empty", check(vm, runtime::empty({0}, d)));
      return factory(vm, "empty", check(vm, runtime::empty(shapeOf(vm, a.args, 0), d)));
    });
  }
  def(vm, torch, "from_numpy", asTensor);
  def(vm, torch, "as_tensor", asTensor);
  // the Python parts of the model say where they stop being faithful
  def(vm, torch, "_gbc_cannot_model",
      [](VM& vm, CallArgs& a) -> Value { vm.unsupported(asStr(a.args.at(0))); });
  // torch.compiler.wrap_numpy's conversions (external_utils.py `wrap`)
  def(vm, torch, "_gbc_tensors_to_numpy", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> out;
    for (const Value& v : vm.toVector(a.args.at(0)))
      out.push_back(v->kind == Kind::Tensor ? tensorCallMethod(vm, v, "numpy", {}) : v);
    return pyTuple(std::move(out));
  });
  def(vm, torch, "_gbc_numpy_to_tensors", [](VM& vm, CallArgs& a) -> Value {
    Value v = a.args.at(0);
    if (!isNdarray(v)) return v;
    return factory(vm, "as_tensor", T(ndarrayTensor(v)), {ndarrayTensor(v)});
  });
  def(vm, torch, "_gbc_linear_init", [](VM& vm, CallArgs& a) -> Value {
    auto p = check(
        vm, runtime::initLinear(asInt(a.args.at(0)), asInt(a.args.at(1)), vm.truthy(a.args.at(2))));
    return pyTuple({wrapTensor(p.weight), p.bias.defined() ? wrapTensor(p.bias) : none()});
  });
  // functions that are also tensor methods: torch.relu(x), torch.sum(x, dim), ...
  for (const char* name :
       {"abs",    "exp",       "log",       "sqrt",         "rsqrt",   "sin",     "cos",
        "tanh",   "sigmoid",   "relu",      "neg",          "sum",     "mean",    "amax",
        "amin",   "max",       "min",       "argmax",       "softmax", "reshape", "transpose",
        "t",      "unsqueeze", "squeeze",   "flatten",      "permute", "clamp",   "matmul",
        "mm",     "add",       "sub",       "mul",          "div",     "pow",     "clone",
        "detach", "numel",     "remainder", "floor_divide", "nonzero", "narrow",  "unbind",
        "topk",   "bmm",       "split",     "chunk"}) {
    std::string n = name;
    static const std::set<std::string> kUnary = {"abs", "exp",  "log",     "sqrt", "rsqrt", "sin",
                                                 "cos", "tanh", "sigmoid", "relu", "neg"};
    bool unary = kUnary.count(n) != 0;
    def(vm, torch, n, [n, unary](VM& vm, CallArgs& a) -> Value {
      if (unary &&
          a.args.size() > 1)  // the schema takes one positional argument (GB0112 while tracing)
        fakeTensorTypeError(vm, "<built-in method " + n + " of type object at 0x7f0000000000>",
                            n + "() takes 1 positional argument but " +
                                std::to_string(a.args.size()) + " were given");
      CallArgs b = a;
      Value self = b.args.at(0);
      b.args.erase(b.args.begin());
      return tensorCallMethodFn(vm, self, n, b);
    });
  }
  // tensor methods (also in the class dict: torch.Tensor.add is a value programs compare)
  auto& TM = vm.nativeMethods(Kind::Tensor);
  for (const std::string& name : tensorMethodNames()) {
    std::string n = name;
    TM[n] = [n](VM& vm, CallArgs& a) -> Value {
      Value self = a.args.at(0);
      CallArgs b = a;
      b.args.erase(b.args.begin());
      return tensorCallMethodM(vm, self, n, b);
    };
    auto unbound = std::make_shared<BuiltinObject>(n, TM[n]);
    unbound->qualname = "Tensor." + n;
    unbound->id = "Tensor." + n;
    vm.b().tensor->dict->setStr(n, unbound);
  }
  def(vm, torch, "_gbc_push_torch_function_mode", [](VM&, CallArgs& a) -> Value {
    torchFunctionModes().push_back(a.args.at(0));
    return none();
  });
  def(vm, torch, "_gbc_pop_torch_function_mode", [](VM&, CallArgs&) -> Value {
    if (!torchFunctionModes().empty()) torchFunctionModes().pop_back();
    return none();
  });
  def(vm, torch, "is_complex", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.empty() || a.args[0]->kind != Kind::Tensor)
      vm.raise(vm.b().type_error, "is_complex(): argument 'input' must be Tensor");
    return pyBool(false);  // gbc's runtime has no complex dtypes
  });
  def(vm, mod(vm, "torch.jit"), "is_scripting",
      [](VM&, CallArgs&) -> Value { return pyBool(false); });
  // torch.compile and friends
  def(vm, torch, "compile", compileCall);
  Value dyn = mod(vm, "torch._dynamo");
  Value compiler = mod(vm, "torch.compiler");
  def(vm, dyn, "graph_break", [](VM&, CallArgs&) -> Value { return none(); });
  def(vm, dyn, "disable", disableCall);
  def(vm, compiler, "disable", disableCall);
  def(vm, dyn, "reset", [](VM& vm, CallArgs&) -> Value {
    vm.dynamo().reset();
    return none();
  });
  def(vm, dyn, "_gbc_get_egb", [](VM& vm, CallArgs&) -> Value { return pyBool(vm.dynamo().egb); });
  def(vm, dyn, "_gbc_set_egb", [](VM& vm, CallArgs& a) -> Value {
    vm.dynamo().setEgb(vm.truthy(a.args.at(0)));
    return none();
  });
  def(vm, compiler, "is_compiling",
      [](VM& vm, CallArgs&) -> Value { return pyBool(vm.top() && vm.top()->trace); });
  def(vm, compiler, "is_dynamo_compiling",
      [](VM& vm, CallArgs&) -> Value { return pyBool(vm.top() && vm.top()->trace); });
  Value exc = mod(vm, "torch._dynamo.exc");
  auto unsup = vm.makeClass("Unsupported", {vm.b().runtime_error}, nullptr);
  unsup->module = "torch._dynamo.exc";
  unsup->dict->setStr("__gbc_str__",
                      std::make_shared<BuiltinObject>("__str__", [](VM& vm, CallArgs& a) -> Value {
                        auto& inst = as<InstanceObject>(a.args.at(0));
                        auto err = std::static_pointer_cast<report::UnsupportedError>(inst.payload);
                        if (!err) return pyStr("");
                        report::FileReport sources;
                        for (auto& [k, v] : vm.sources) sources.sources[k] = v;
                        return pyStr(report::renderUnsupported(*err, sources, vm.target()));
                      }));
  as<ModuleObject>(exc).dict->setStr("Unsupported", unsup);
  vm.dynamo().unsupported_class = unsup;
  Value config = mod(vm, "torch._dynamo.config");
  as<ModuleObject>(config).dict->setStr("capture_scalar_outputs", pyBool(false));
  installTorchExtras(vm);
  Value nn = mod(vm, "torch.nn");
  Value F = mod(vm, "torch.nn.functional");
  def(vm, F, "relu", [](VM& vm, CallArgs& a) -> Value {
    return factory(vm, "relu", runtime::relu(T(a.args.at(0))), {a.args.at(0)});
  });
  def(vm, F, "gelu", [](VM& vm, CallArgs& a) -> Value {
    Value ap = a.kw("approximate");
    return factory(vm, "gelu", check(vm, runtime::gelu(T(a.args.at(0)), ap ? asStr(ap) : "none")),
                   {a.args.at(0)});
  });
  def(vm, F, "linear", [](VM& vm, CallArgs& a) -> Value {
    Value b = a.args.size() > 2 ? a.args.at(2) : a.kw("bias");
    Value x = a.args.at(0), w = a.args.at(1);
    if (cpuAutocastDType()) {  // (the casts are below the graph: the node keeps its inputs)
      Value cx = autocastLower(vm, x), cw = autocastLower(vm, w), cb = autocastLower(vm, b);
      std::optional<Tensor> bias;
      if (cb && !isNone(cb)) bias = T(cb);
      Value out = wrapTensor(check(vm, runtime::linear(T(cx), T(cw), bias)));
      applyGradFn(vm, "linear", {cx, cw, cb ? cb : none()}, out);
      vm.dynamo().recordOp(vm, "linear", graph::NodeOp::CallFunction, {x, w, b ? b : none()},
                           {out});
      return out;
    }
    std::optional<Tensor> bias;
    if (b && !isNone(b)) bias = T(b);
    return factory(vm, "linear", check(vm, runtime::linear(T(x), T(w), bias)),
                   {x, w, b ? b : none()});
  });
  def(vm, F, "softmax", [](VM& vm, CallArgs& a) -> Value {
    Value d = a.args.size() > 1 ? a.args.at(1) : a.kw("dim");
    GradArgs ga;
    ga.dims = {asInt(d)};
    return factory(vm, "softmax", check(vm, runtime::softmax(T(a.args.at(0)), ga.dims[0])),
                   {a.args.at(0)}, ga);
  });
  def(vm, F, "layer_norm", [](VM& vm, CallArgs& a) -> Value {
    runtime::Shape ns;
    for (const Value& v : vm.toVector(a.args.at(1))) ns.push_back(asInt(v));
    std::optional<Tensor> w, b;
    if (a.args.size() > 2 && !isNone(a.args.at(2))) w = T(a.args.at(2));
    if (a.args.size() > 3 && !isNone(a.args.at(3))) b = T(a.args.at(3));
    double eps = a.args.size() > 4 ? asFloat(a.args.at(4)) : 1e-5;
    Value out = wrapTensor(check(vm, runtime::layerNorm(T(a.args.at(0)), ns, w, b, eps)));
    // (the weight and bias need gradients too; the graph node takes the input only)
    applyGradFn(vm, "layer_norm",
                {a.args.at(0), w ? a.args.at(2) : none(), b ? a.args.at(3) : none()}, out);
    vm.dynamo().recordOp(vm, "layer_norm", graph::NodeOp::CallFunction, {a.args.at(0)}, {out});
    return out;
  });
  auto param = vm.makeClass("Parameter", {vm.b().tensor}, nullptr);
  vm.b().parameter = param;
  param->module = "torch.nn.parameter";
  auto param_new = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs& a) -> Value {
    Value data =
        a.args.size() > 1 ? a.args.at(1) : factory(vm, "empty", check(vm, runtime::empty({0})));
    auto t = std::make_shared<TensorObject>(T(data));
    t->is_parameter = true;
    bool rg = true;
    if (Value r = a.kw("requires_grad"))
      rg = vm.truthy(r);
    else if (a.args.size() > 2)
      rg = vm.truthy(a.args.at(2));
    t->t.setRequiresGrad(rg);
    return t;
  });
  param_new->binds = false;
  param->dict->setStr("__new__", param_new);
  param->instance_kind = Kind::Tensor;
  as<ModuleObject>(nn).dict->setStr("Parameter", param);

  // Python prelude
  for (const PreludeModule& pm : preludeModules(vm.target()))
    loadPrelude(vm, pm.name, pm.filename, pm.source);
  installLosses(vm);
  installNnLayers(vm);
  installTorchDtypes(vm);
  installTorchDevice(vm);
  installTriEinsum(vm);
  installNnCore(vm);
  installTorchUtils(vm);
  vm.addLazyPart({"torch.optim", "torch.autograd.profiler", "torch._compile"}, {}, loadOptimModel);
  installAutograd(vm);
  Value extutils = vm.findModule("torch._dynamo.external_utils");
  as<ModuleObject>(compiler).dict->setStr("wrap_numpy",
                                          as<ModuleObject>(extutils).dict->getStr("wrap_numpy"));
  Value decorators = vm.findModule("torch._dynamo.decorators");
  as<ModuleObject>(dyn).dict->setStr(
      "error_on_graph_break", as<ModuleObject>(decorators).dict->getStr("error_on_graph_break"));
  Value modmod = vm.findModule("torch.nn.modules.module");
  Value linmod = vm.findModule("torch.nn.modules.linear");
  as<ModuleObject>(nn).dict->setStr("Module", as<ModuleObject>(modmod).dict->getStr("Module"));
  as<ModuleObject>(linmod).dict->forEach([&](const Value& k, const Value& v) {
    if (v->kind == Kind::Class) as<ModuleObject>(nn).dict->set(k, v);
  });
}

static void loadOptimModel(VM& vm) {
  for (const PreludeModule& pm : optimPreludes(vm.target()))
    loadPrelude(vm, pm.name, pm.filename, pm.source);
  // torch/optim/__init__.py: the optimizers at the package's top level
  auto& optim = *as<ModuleObject>(vm.findModule("torch.optim")).dict;
  for (const char* sub :
       {"torch.optim.optimizer", "torch.optim.adam", "torch.optim.adamw", "torch.optim.sgd"})
    if (Value m = vm.findModule(sub))
      for (const char* name : {"Optimizer", "Adam", "AdamW", "SGD"})
        if (Value cls = as<ModuleObject>(m).dict->getStr(name)) optim.setStr(name, cls);
}

}  // namespace gbc::interp
