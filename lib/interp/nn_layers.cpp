// torch.nn.functional's convolution, normalisation, pooling, padding, embedding and dropout
// (F.conv1d/conv2d, F.batch_norm, F.avg_pool2d/max_pool2d/adaptive_avg_pool2d, F.pad,
// F.embedding, F.dropout, with their torch.* aliases), the in-place random fills nn.init uses
// (Tensor.normal_/uniform_), torch._weight_norm, and the lazy loading of the Python layer
// modules (nn_layers_py.cpp). Each op is one Dynamo graph node named as real Dynamo names it.
// What the runtime cannot compute (dropout's random mask, return_indices, ...) is reported as
// what gbc cannot model.
#include <cmath>
#include <limits>

#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "runtime/conv.h"
#include "runtime/ops.h"
#include "runtime/random.h"

namespace gbc::interp {

void loadNnLayerModules(VM& vm);
void loadNnInit(VM& vm);
void loadNnUtils(VM& vm);
void loadTorchUtilsData(VM& vm);

namespace {

using runtime::Tensor;

Value argAt(const CallArgs& a, size_t i, const char* kw) {
  if (i < a.args.size()) return a.args[i];
  return a.kw(kw);
}

bool given(const Value& v) { return v && !isNone(v); }

/// An int or a sequence of ints (torch's _pair / _single); `n` values.
std::array<int64_t, 2> intPair(VM& vm, const Value& v, int64_t dflt, int n = 2) {
  std::array<int64_t, 2> out{dflt, dflt};
  if (!given(v)) return out;
  if (v->kind == Kind::Tuple || v->kind == Kind::List) {
    auto items = vm.toVector(v);
    if (items.size() == 1) {
      out[0] = out[1] = asInt(items[0]);
    } else {
      for (size_t i = 0; i < items.size() && i < 2; ++i) out[i] = asInt(items[i]);
    }
    (void)n;
    return out;
  }
  out[0] = out[1] = asInt(v);
  return out;
}

Value result(VM& vm, const std::string& name, Tensor t, const std::vector<Value>& inputs,
             const std::vector<Value>& graphInputs) {
  Value out = wrapTensor(std::move(t));
  applyGradFn(vm, name, inputs, out);
  vm.dynamo().recordOp(vm, name, graph::NodeOp::CallFunction, graphInputs, {out});
  return out;
}

Value conv(VM& vm, CallArgs& a, int spatial) {
  const char* name = spatial == 1 ? "conv1d" : "conv2d";
  if (cpuAutocastDType()) vm.unsupported(std::string("F.") + name + " under CPU autocast");
  Value input = a.args.at(0), weight = argAt(a, 1, "weight"), bias = argAt(a, 2, "bias");
  runtime::ConvParams p;
  p.stride = intPair(vm, argAt(a, 3, "stride"), 1, spatial);
  p.dilation = intPair(vm, argAt(a, 5, "dilation"), 1, spatial);
  Value groups = argAt(a, 6, "groups");
  if (given(groups)) p.groups = asInt(groups);
  Value padding = argAt(a, 4, "padding");
  if (given(padding) && padding->kind == Kind::Str) {
    std::string s = asStr(padding);
    if (s == "same") {
      const Tensor& w = tensorArg(weight);
      for (int d = 0; d < spatial; ++d) {
        int64_t total = p.dilation[d] * (w.sizes()[static_cast<size_t>(2 + d)] - 1);
        if (total % 2 != 0)
          vm.unsupported(std::string("F.") + name + " padding='same' with an odd total padding");
        p.padding[d] = total / 2;
      }
    } else if (s != "valid") {
      vm.raise(vm.b().runtime_error,
               "Invalid padding string: '" + s + "', should be one of ['valid', 'same']");
    }
  } else {
    p.padding = intPair(vm, padding, 0, spatial);
  }
  std::optional<Tensor> b;
  if (given(bias)) b = tensorArg(bias);
  Tensor out = check(vm, runtime::conv2d(tensorArg(input), tensorArg(weight), b, p, spatial));
  auto pair = [](const std::array<int64_t, 2>& v) { return pyTuple({pyInt(v[0]), pyInt(v[1])}); };
  return result(vm, name, std::move(out),
                {input, weight, given(bias) ? bias : none(), pair(p.stride), pair(p.padding),
                 pair(p.dilation), pyInt(p.groups), pyInt(spatial)},
                {input, weight, given(bias) ? bias : none()});
}

Value batchNorm(VM& vm, CallArgs& a, bool functional) {
  Value input = a.args.at(0);
  Value rm = argAt(a, functional ? 1 : 3, "running_mean");
  Value rv = argAt(a, functional ? 2 : 4, "running_var");
  Value w = argAt(a, functional ? 3 : 1, "weight");
  Value b = argAt(a, functional ? 4 : 2, "bias");
  Value training = argAt(a, 5, "training");
  Value momentum = argAt(a, 6, "momentum");
  Value eps = argAt(a, 7, "eps");
  const bool train = given(training) && vm.truthy(training);
  const Tensor& x = tensorArg(input);
  if (functional && train) {
    int64_t per = 1;
    for (size_t d = 0; d < x.sizes().size(); ++d)
      if (d != 1) per *= x.sizes()[d];
    if (per == 1) {
      std::vector<Value> dims;
      for (int64_t s : x.sizes()) dims.push_back(pyInt(s));
      auto size = std::make_shared<TupleObject>(std::move(dims));
      size->is_size = true;
      vm.raise(
          vm.b().value_error,
          "Expected more than 1 value per channel when training, got input size " + vm.str(size));
    }
  }
  auto opt = [](const Value& v) -> std::optional<Tensor> {
    if (given(v)) return tensorArg(v);
    return std::nullopt;
  };
  if (train) {
    if (given(rm)) vm.dynamo().journalTensor(vm, rm);
    if (given(rv)) vm.dynamo().journalTensor(vm, rv);
  }
  Tensor out = check(vm, runtime::batchNorm(x, opt(rm), opt(rv), opt(w), opt(b), train,
                                            given(momentum) ? asFloat(momentum) : 0.1,
                                            given(eps) ? asFloat(eps) : 1e-5));
  Value n = none();
  // the batch's statistics are recomputed from the input for the gradient; eval mode uses the
  // running ones as they are now
  return result(
      vm, "batch_norm", std::move(out),
      {input, given(w) ? w : n, given(b) ? b : n,
       given(rm) && !train ? wrapTensor(tensorArg(rm).clone()) : n,
       given(rv) && !train ? wrapTensor(tensorArg(rv).clone()) : n, pyBool(train),
       pyFloat(given(eps) ? asFloat(eps) : 1e-5)},
      {input, given(rm) ? rm : n, given(rv) ? rv : n, given(w) ? w : n, given(b) ? b : n});
}

Value pool(VM& vm, CallArgs& a, bool max) {
  Value input = a.args.at(0);
  runtime::Pool2dParams p;
  p.kernel = intPair(vm, argAt(a, 1, "kernel_size"), 1);
  Value stride = argAt(a, 2, "stride");
  bool strideGiven =
      given(stride) &&
      !((stride->kind == Kind::Tuple || stride->kind == Kind::List) && vm.toVector(stride).empty());
  p.stride = strideGiven ? intPair(vm, stride, 1) : p.kernel;
  p.padding = intPair(vm, argAt(a, 3, "padding"), 0);
  Value ceil;
  if (max) {
    p.dilation = intPair(vm, argAt(a, 4, "dilation"), 1);
    ceil = argAt(a, 5, "ceil_mode");
    Value ri = argAt(a, 6, "return_indices");
    if (given(ri) && vm.truthy(ri)) vm.unsupported("F.max_pool2d with return_indices=True");
  } else {
    ceil = argAt(a, 4, "ceil_mode");
    Value cip = argAt(a, 5, "count_include_pad");
    if (given(cip)) p.countIncludePad = vm.truthy(cip);
    Value div = argAt(a, 6, "divisor_override");
    if (given(div)) p.divisorOverride = asInt(div);
  }
  p.ceilMode = given(ceil) && vm.truthy(ceil);
  Tensor out = check(
      vm, max ? runtime::maxPool2d(tensorArg(input), p) : runtime::avgPool2d(tensorArg(input), p));
  auto pair = [](const std::array<int64_t, 2>& v) { return pyTuple({pyInt(v[0]), pyInt(v[1])}); };
  return result(vm, max ? "max_pool2d" : "avg_pool2d", std::move(out),
                {input, pair(p.kernel), pair(p.stride), pair(p.padding), pair(p.dilation),
                 pyBool(p.countIncludePad), p.divisorOverride ? pyInt(*p.divisorOverride) : none()},
                {input});
}

Value adaptiveAvgPool(VM& vm, CallArgs& a) {
  Value input = a.args.at(0);
  const Tensor& x = tensorArg(input);
  Value os = argAt(a, 1, "output_size");
  int64_t oh = 0, ow = 0;
  if (os->kind == Kind::Tuple || os->kind == Kind::List) {
    auto items = vm.toVector(os);
    Value h = items.at(0), w = items.size() > 1 ? items.at(1) : items.at(0);
    oh = isNone(h) ? x.sizes()[x.sizes().size() - 2] : asInt(h);
    ow = isNone(w) ? x.sizes()[x.sizes().size() - 1] : asInt(w);
  } else {
    oh = ow = asInt(os);
  }
  Tensor out = check(vm, runtime::adaptiveAvgPool2d(x, oh, ow));
  return result(vm, "adaptive_avg_pool2d", std::move(out), {input}, {input});
}

Value padOp(VM& vm, CallArgs& a) {
  Value input = a.args.at(0);
  std::vector<int64_t> pads;
  for (const Value& v : vm.toVector(argAt(a, 1, "pad"))) pads.push_back(asInt(v));
  Value modeV = argAt(a, 2, "mode");
  std::string mode = given(modeV) ? asStr(modeV) : "constant";
  Value value = argAt(a, 3, "value");
  runtime::PadMode m;
  if (mode == "constant")
    m = runtime::PadMode::Constant;
  else if (mode == "reflect")
    m = runtime::PadMode::Reflect;
  else if (mode == "replicate")
    m = runtime::PadMode::Replicate;
  else if (mode == "circular")
    m = runtime::PadMode::Circular;
  else
    vm.raise(vm.b().not_implemented_error,
             "Unrecognised padding mode " + mode);  // torch/_C _pad_enum's message
  Tensor out =
      check(vm, runtime::pad(tensorArg(input), pads, m, given(value) ? asFloat(value) : 0.0));
  // (the pads and the mode for its derivative, nn_core.cpp)
  std::vector<Value> padv;
  for (int64_t p : pads) padv.push_back(pyInt(p));
  return result(vm, "pad", std::move(out), {input, pyTuple(std::move(padv)), pyStr(mode)}, {input});
}

Value embeddingOp(VM& vm, CallArgs& a) {
  Value input = a.args.at(0), weight = argAt(a, 1, "weight");
  if (given(argAt(a, 3, "max_norm"))) vm.unsupported("F.embedding with max_norm");
  if (Value sp = argAt(a, 6, "sparse"); given(sp) && vm.truthy(sp))
    vm.unsupported("F.embedding with sparse=True");
  Value pi = argAt(a, 2, "padding_idx");
  if (given(pi)) {
    int64_t n = tensorArg(weight).sizes().at(0), i = asInt(pi);
    if (i > 0 && i >= n)
      vm.raise(vm.b().assertion_error, "Padding_idx must be within num_embeddings");
    if (i < 0 && i < -n)
      vm.raise(vm.b().assertion_error, "Padding_idx must be within num_embeddings");
  }
  Tensor out = check(vm, runtime::embedding(tensorArg(weight), tensorArg(input)));
  return result(vm, "embedding", std::move(out), {weight, input}, {input, weight});
}

/// bernoulli_(p) draws on CPU: one uniform double per element, in order, 1 where it is < p.
Tensor bernoulliDraws(VM& vm, const runtime::Shape& shape, double p) {
  Tensor u = Tensor::empty(shape, runtime::DType::Float64);
  check(vm, runtime::uniform_(u, 0.0, 1.0));
  return check(vm, runtime::lt(u, p)).to(runtime::DType::Float64);
}

Value dropoutOp(VM& vm, CallArgs& a) {
  Value input = a.args.at(0);
  Value pv = argAt(a, 1, "p"), tv = argAt(a, 2, "training");
  double p = given(pv) ? asFloat(pv) : 0.5;
  bool training = tv ? vm.truthy(tv) : true;
  if (p < 0.0 || p > 1.0)
    vm.raise(vm.b().value_error,
             "dropout probability has to be between 0 and 1, but got " + vm.str(pv));
  if (Value ip = argAt(a, 3, "inplace"); training && p > 0.0 && given(ip) && vm.truthy(ip))
    vm.unsupported("F.dropout with inplace=True in training mode");
  if (!training || p == 0.0) {
    // torch returns the input itself when it drops nothing
    vm.dynamo().recordOp(vm, "dropout", graph::NodeOp::CallFunction, {input}, {input});
    return input;
  }
  // ATen's _dropout on CPU: noise = empty_like(input).bernoulli_(1 - p).div_(1 - p), then
  // input * noise (p == 1: input * 0)
  const Tensor& x = tensorArg(input);
  if (!runtime::isFloating(x.dtype())) vm.unsupported("F.dropout of a non-floating tensor");
  Tensor noise;
  if (p == 1.0) {
    noise = check(vm, runtime::zeros({}, x.dtype()));
  } else {
    noise = bernoulliDraws(vm, x.sizes(), 1.0 - p).to(x.dtype());
    noise = check(vm, runtime::div(noise, 1.0 - p));
  }
  Value noiseV = wrapTensor(noise);
  Value out = wrapTensor(check(vm, runtime::mul(x, noise)));
  applyGradFn(vm, "mul", {input, noiseV}, out);
  vm.dynamo().recordOp(vm, "dropout", graph::NodeOp::CallFunction, {input}, {out});
  return out;
}

runtime::Generator* generatorArg(VM& vm, const Value& g) {
  if (given(g)) vm.unsupported("a torch.Generator argument");
  return nullptr;
}

Value randomFill(VM& vm, CallArgs& a, bool normal) {
  Value self = a.args.at(0);
  Value x = argAt(a, 1, normal ? "mean" : "from"), y = argAt(a, 2, normal ? "std" : "to");
  runtime::Generator* gen = generatorArg(vm, a.kw("generator"));
  double lo = given(x) ? asFloat(x) : 0.0, hi = given(y) ? asFloat(y) : 1.0;
  // (torch's reduced-precision random kernels draw and round their own way: not modelled)
  if (runtime::isNarrow(tensorArg(self).dtype()))
    vm.unsupported(std::string(normal ? "Tensor.normal_" : "Tensor.uniform_") + " of a " +
                   std::string(runtime::dtypeName(tensorArg(self).dtype())) + " tensor");
  vm.dynamo().journalTensor(vm, self);
  if (normal) {
    if (hi < 0)
      vm.raise(vm.b().runtime_error, "normal expects std >= 0.0, but found std " + vm.str(y));
    check(vm, runtime::normal_(tensorArg(self), lo, hi, gen));
  } else {
    if (lo > hi)
      vm.raise(vm.b().runtime_error,
               "uniform_ expects to return a [from, to) range, but found from=" + vm.str(x) +
                   " > to=" + vm.str(y));
    check(vm, runtime::uniform_(tensorArg(self), lo, hi, gen));
  }
  vm.dynamo().recordOp(vm, normal ? "normal_" : "uniform_", graph::NodeOp::CallMethod, {self},
                       {self});
  return self;
}

std::array<int64_t, 2> pairOf(VM& vm, const Value& v) {
  auto items = vm.toVector(v);
  return {asInt(items.at(0)), asInt(items.at(1))};
}

void def(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = as<ModuleObject>(module).name + "." + name;
  b->qualname = name;
  as<ModuleObject>(module).dict->setStr(name, b);
}

}  // namespace

bool nnLayerGradients(VM& vm, const GradNode& node, const Tensor& g, const std::vector<bool>& needs,
                      std::vector<Tensor>& out) {
  const std::string& op = node.target;
  auto need = [&](size_t i) {
    return i < needs.size() && needs[i] && i < node.tensors.size() && node.tensors[i].defined();
  };
  auto opt = [&](size_t i) -> std::optional<Tensor> {
    if (i < node.tensors.size() && node.tensors[i].defined()) return node.tensors[i];
    return std::nullopt;
  };
  if (op == "conv1d" || op == "conv2d") {
    runtime::ConvParams p;
    p.stride = pairOf(vm, node.inputs.at(3));
    p.padding = pairOf(vm, node.inputs.at(4));
    p.dilation = pairOf(vm, node.inputs.at(5));
    p.groups = asInt(node.inputs.at(6));
    auto r =
        check(vm, runtime::conv2dBackward(
                      g, node.tensors.at(0), node.tensors.at(1), node.tensors.at(2).defined(), p,
                      static_cast<int>(asInt(node.inputs.at(7))), {need(0), need(1), need(2)}));
    if (need(0)) out[0] = r.input;
    if (need(1)) out[1] = r.weight;
    if (need(2)) out[2] = r.bias;
    return true;
  }
  if (op == "batch_norm") {
    auto r =
        check(vm, runtime::batchNormBackward(
                      g, node.tensors.at(0), opt(3), opt(4), opt(1), vm.truthy(node.inputs.at(5)),
                      asFloat(node.inputs.at(6)), {need(0), need(1), need(2)}));
    if (need(0)) out[0] = r.input;
    if (need(1)) out[1] = r.weight;
    if (need(2)) out[2] = r.bias;
    return true;
  }
  if (op == "avg_pool2d" || op == "max_pool2d") {
    if (!need(0)) return true;
    runtime::Pool2dParams p;
    p.kernel = pairOf(vm, node.inputs.at(1));
    p.stride = pairOf(vm, node.inputs.at(2));
    p.padding = pairOf(vm, node.inputs.at(3));
    p.dilation = pairOf(vm, node.inputs.at(4));
    p.countIncludePad = vm.truthy(node.inputs.at(5));
    if (!isNone(node.inputs.at(6))) p.divisorOverride = asInt(node.inputs.at(6));
    out[0] = check(vm, op == "avg_pool2d" ? runtime::avgPool2dBackward(g, node.tensors.at(0), p)
                                          : runtime::maxPool2dBackward(g, node.tensors.at(0), p));
    return true;
  }
  if (op == "adaptive_avg_pool2d") {
    if (need(0)) out[0] = check(vm, runtime::adaptiveAvgPool2dBackward(g, node.tensors.at(0)));
    return true;
  }
  return false;
}

void installNnLayers(VM& vm) {
  Value F = vm.findModule("torch.nn.functional");
  Value torch = vm.findModule("torch");
  for (const Value& m : {F, torch}) {
    def(m, "conv1d", [](VM& vm, CallArgs& a) -> Value { return conv(vm, a, 1); });
    def(m, "conv2d", [](VM& vm, CallArgs& a) -> Value { return conv(vm, a, 2); });
    def(m, "max_pool2d", [](VM& vm, CallArgs& a) -> Value { return pool(vm, a, true); });
    def(m, "avg_pool2d", [](VM& vm, CallArgs& a) -> Value { return pool(vm, a, false); });
    def(m, "adaptive_avg_pool2d", adaptiveAvgPool);
    def(m, "dropout", dropoutOp);
  }
  def(F, "batch_norm", [](VM& vm, CallArgs& a) -> Value { return batchNorm(vm, a, true); });
  def(torch, "batch_norm", [](VM& vm, CallArgs& a) -> Value { return batchNorm(vm, a, false); });
  def(F, "pad", padOp);
  // F.sigmoid / F.tanh: input.sigmoid() / input.tanh() (a method node)
  for (const char* name : {"sigmoid", "tanh"}) {
    std::string n = name;
    def(F, n,
        [n](VM& vm, CallArgs& a) -> Value { return tensorCallMethod(vm, a.args.at(0), n, {}); });
  }
  def(F, "embedding", embeddingOp);
  def(torch, "embedding", [](VM& vm, CallArgs& a) -> Value {
    CallArgs b = a;  // torch.embedding(weight, indices, padding_idx, ...)
    if (b.args.size() >= 2) std::swap(b.args[0], b.args[1]);
    return embeddingOp(vm, b);
  });
  // x.eq(y), torch.eq(x, y), ...: the comparison operators as methods and functions
  static const std::pair<const char*, syntax::CmpOpKind> kCompare[] = {
      {"eq", syntax::CmpOpKind::Eq}, {"ne", syntax::CmpOpKind::NotEq},
      {"lt", syntax::CmpOpKind::Lt}, {"le", syntax::CmpOpKind::LtE},
      {"gt", syntax::CmpOpKind::Gt}, {"ge", syntax::CmpOpKind::GtE}};
  for (const auto& [name, op] : kCompare) {
    syntax::CmpOpKind k = op;
    NativeFn fn = [k](VM& vm, CallArgs& a) -> Value {
      Value other = argAt(a, 1, "other");
      if (!other) vm.raise(vm.b().type_error, "missing required argument 'other'");
      return tensorCompare(vm, k, a.args.at(0), other);
    };
    defineTensorMethod(vm, name, fn);
    def(torch, name, fn);
  }
  // torch.isfinite / Tensor.isfinite: x == x and |x| != inf (integers: all true)
  NativeFn isfinite = [](VM& vm, CallArgs& a) -> Value {
    Value input = a.args.at(0);
    if (input->kind != Kind::Tensor)
      vm.raise(vm.b().type_error, "isfinite(): argument 'input' (position 1) must be Tensor");
    const Tensor& x = tensorArg(input);
    Tensor r;
    if (runtime::isFloating(x.dtype())) {
      Tensor notNan = check(vm, runtime::eq(x, x));
      Tensor finite =
          check(vm, runtime::ne(runtime::abs(x), std::numeric_limits<double>::infinity()));
      r = check(vm, runtime::logicalAnd(notNan, finite));
    } else {
      r = check(vm, runtime::ne(x, x));
      r = runtime::logicalNot(r);
    }
    return result(vm, "isfinite", std::move(r), {input}, {input});
  };
  defineTensorMethod(vm, "isfinite", isfinite);
  def(torch, "isfinite", isfinite);
  defineTensorMethod(vm, "bernoulli_", [](VM& vm, CallArgs& a) -> Value {
    Value self = a.args.at(0), pv = argAt(a, 1, "p");
    if (given(a.kw("generator"))) vm.unsupported("a torch.Generator argument");
    if (pv && pv->kind == Kind::Tensor) vm.unsupported("Tensor.bernoulli_ with a tensor of p");
    double p = given(pv) ? asFloat(pv) : 0.5;
    if (p < 0.0 || p > 1.0)
      vm.raise(vm.b().runtime_error,
               "bernoulli_ expects p to be in [0, 1], but got p=" + vm.str(pv));
    vm.dynamo().journalTensor(vm, self);
    Tensor draws = bernoulliDraws(vm, tensorArg(self).sizes(), p);
    check(vm, runtime::copy_(tensorArg(self), draws));
    vm.dynamo().recordOp(vm, "bernoulli_", graph::NodeOp::CallMethod, {self}, {self});
    return self;
  });
  defineTensorMethod(vm, "normal_",
                     [](VM& vm, CallArgs& a) -> Value { return randomFill(vm, a, true); });
  defineTensorMethod(vm, "uniform_",
                     [](VM& vm, CallArgs& a) -> Value { return randomFill(vm, a, false); });

  std::vector<std::pair<std::string, std::string>> attrs;
  for (const char* name :
       {"Conv1d", "Conv2d", "BatchNorm1d", "BatchNorm2d", "MaxPool2d", "AvgPool2d",
        "AdaptiveAvgPool2d", "ReflectionPad1d", "ReflectionPad2d", "ReplicationPad2d", "ZeroPad2d",
        "ConstantPad2d", "Embedding", "Flatten"})
    attrs.emplace_back("torch.nn", name);
  vm.addLazyPart(
      {"torch.nn.modules.conv", "torch.nn.modules.batchnorm", "torch.nn.modules.pooling",
       "torch.nn.modules.padding", "torch.nn.modules.sparse", "torch.nn.modules.flatten"},
      std::move(attrs), loadNnLayerModules);
  vm.addLazyPart({"torch.nn.init"}, {{"torch.nn", "init"}}, loadNnInit);
}

}  // namespace gbc::interp
