// torch.nn's containers, utilities and normalisation layers beyond the basic ones: their native
// ops (torch._weight_norm, norm_except_dim, _foreach_norm/_foreach_mul_, linalg.vector_norm /
// linalg.qr, diag, sign, F.group_norm, F.instance_norm, F.pixel_shuffle/unshuffle,
// F.interpolate, torch._C._log_api_usage_once, torch.typename), their derivatives and
// grad_fn names (with F.pad's, split's and bmm's), and the lazy loading of the Python parts
// (nn_containers_py.cpp, nn_utils_py.cpp, nn_norms_py.cpp, autograd_function_py.cpp). Each op is
// one Dynamo graph node named as real Dynamo names it; the kernels are runtime/norms.h's.
#include <cmath>

#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "runtime/conv.h"
#include "runtime/norms.h"
#include "runtime/ops.h"

namespace gbc::interp {

void installNnContainers(VM& vm);
void installNnUtils(VM& vm);
void installNnNorms(VM& vm);
void installAutogradFunction(VM& vm);

namespace {

void defIn(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = "torch." + name;
  as<ModuleObject>(module).dict->setStr(name, b);
}

/// torch._C._log_api_usage_once(event): nothing at run time; in a traced frame a call_function
/// node, as Dynamo keeps it (a module constructed inside a compiled frame records one).
Value logApiUsageOnce(VM& vm, CallArgs& a) {
  vm.dynamo().recordOp(vm, "_log_api_usage_once", graph::NodeOp::CallFunction, a.args, {});
  return none();
}

/// torch.typename(obj) (torch/__init__.py): a tensor's type() string, else module.qualname.
Value typeName(VM& vm, CallArgs& a) {
  Value obj = a.args.at(0);
  if (obj->kind == Kind::Tensor)  // Tensor.type(): torch.FloatTensor, torch.LongTensor, ...
    return pyStr("torch." + std::string(runtime::dtypeScalarName(tensorArg(obj).dtype())) +
                 "Tensor");
  auto attr = [&](const Value& o, const char* name) { return vm.getAttrOrNull(o, name); };
  Value module = attr(obj, "__module__");
  std::string mod = module && module->kind == Kind::Str ? asStr(module) : "";
  std::string qualname;
  if (Value q = attr(obj, "__qualname__")) {
    qualname = vm.str(q);
  } else if (Value n = attr(obj, "__name__")) {
    qualname = vm.str(n);
  } else {
    Value cls = vm.typeOf(obj);  // (a ClassPtr as a Value)
    Value cm = attr(cls, "__module__");
    mod = cm && cm->kind == Kind::Str ? asStr(cm) : "";
    qualname = vm.str(vm.getAttr(cls, "__qualname__"));
  }
  if (mod.empty() || mod == "builtins") return pyStr(qualname);
  return pyStr(mod + "." + qualname);
}

using runtime::Tensor;

Value argAt(const CallArgs& a, size_t i, const char* kw) {
  if (i < a.args.size()) return a.args[i];
  return a.kw(kw);
}

bool given(const Value& v) { return v && !isNone(v); }

/// An op's result: its gradient node (from `gradInputs`) and its graph node (`graphInputs`).
Value result(VM& vm, const std::string& name, Tensor t, const std::vector<Value>& gradInputs,
             const std::vector<Value>& graphInputs) {
  Value out = wrapTensor(std::move(t));
  applyGradFn(vm, name, gradInputs, out);
  vm.dynamo().recordOp(vm, name, graph::NodeOp::CallFunction, graphInputs, {out});
  return out;
}

/// torch._weight_norm(v, g, dim=0): v * (g / ||v||) per slice along dim.
Value weightNormOp(VM& vm, CallArgs& a) {
  Value v = argAt(a, 0, "v"), g = argAt(a, 1, "g"), d = argAt(a, 2, "dim");
  int64_t dim = given(d) ? asInt(d) : 0;
  auto r = check(vm, runtime::weightNorm(tensorArg(v), tensorArg(g), dim));
  return result(vm, "_weight_norm", r.weight, {v, g, pyInt(dim)}, {v, g, pyInt(dim)});
}

/// torch.norm_except_dim(v, pow=2, dim=0).
Value normExceptDimOp(VM& vm, CallArgs& a) {
  Value v = argAt(a, 0, "v"), p = argAt(a, 1, "pow"), d = argAt(a, 2, "dim");
  if (given(p) && asFloat(p) != 2.0) vm.unsupported("torch.norm_except_dim with pow other than 2");
  int64_t dim = given(d) ? asInt(d) : 0;
  Tensor n = check(vm, runtime::normExceptDim(tensorArg(v), dim));
  return result(vm, "norm_except_dim", n, {}, {v});
}

double ordArg(VM& vm, const Value& o) {
  if (!given(o)) return 2.0;
  if (o->kind == Kind::Str) vm.unsupported("a norm order given as a string");
  return asFloat(o);
}

/// torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False): over every element only.
Value vectorNormOp(VM& vm, CallArgs& a) {
  Value x = argAt(a, 0, "x");
  if (given(argAt(a, 2, "dim"))) vm.unsupported("torch.linalg.vector_norm over some dims");
  if (given(a.kw("dtype"))) vm.unsupported("torch.linalg.vector_norm with a dtype");
  Tensor n = check(vm, runtime::vectorNorm(tensorArg(x), ordArg(vm, argAt(a, 1, "ord"))));
  if (Value kd = argAt(a, 3, "keepdim"); given(kd) && vm.truthy(kd)) {
    runtime::Shape ones(static_cast<size_t>(tensorArg(x).dim()), 1);
    n = check(vm, runtime::reshape(n, ones));
  }
  return result(vm, "linalg_vector_norm", n, {}, {x});
}

/// Tensor.norm(p=2) / torch.norm(x, p=2) over every element.
Value tensorNormOp(VM& vm, CallArgs& a) {
  Value x = a.args.at(0);
  if (given(argAt(a, 2, "dim"))) vm.unsupported("Tensor.norm over some dims");
  Tensor n = check(vm, runtime::vectorNorm(tensorArg(x), ordArg(vm, argAt(a, 1, "p"))));
  return result(vm, "norm", n, {}, {x});
}

/// torch._foreach_norm(tensors, ord=2): each tensor's norm, one node.
Value foreachNormOp(VM& vm, CallArgs& a) {
  double ord = ordArg(vm, argAt(a, 1, "ord"));
  std::vector<Value> ins = vm.toVector(argAt(a, 0, "self")), outs;
  for (const Value& t : ins)
    outs.push_back(wrapTensor(check(vm, runtime::vectorNorm(tensorArg(t), ord))));
  vm.dynamo().recordOp(vm, "_foreach_norm", graph::NodeOp::CallFunction, ins, outs);
  return pyList(outs);
}

/// torch._foreach_mul_(tensors, scalar or tensor): each tensor's mul_, one node.
Value foreachMulOp(VM& vm, CallArgs& a) {
  std::vector<Value> ins = vm.toVector(a.args.at(0));
  Value other = a.args.at(1);
  vm.dynamo().untraced(vm, [&] {
    for (const Value& t : ins) vm.call(vm.getAttr(t, "mul_"), std::vector<Value>{other});
    return none();
  });
  std::vector<Value> inputs = ins;
  inputs.push_back(other);
  vm.dynamo().recordOp(vm, "_foreach_mul_", graph::NodeOp::CallFunction, inputs, ins);
  return none();
}

std::optional<Tensor> optTensor(const Value& v) {
  if (given(v)) return tensorArg(v);
  return std::nullopt;
}

runtime::Shape sizesOf(const Value& shape) {
  runtime::Shape s;
  for (const Value& v : as<TupleObject>(shape).items) s.push_back(asInt(v));
  return s;
}

Value sizesValue(const runtime::Shape& s) {
  std::vector<Value> items;
  for (int64_t d : s) items.push_back(pyInt(d));
  return pyTuple(std::move(items));
}

/// F.group_norm(input, num_groups, weight=None, bias=None, eps=1e-5).
Value groupNormOp(VM& vm, CallArgs& a) {
  Value input = a.args.at(0), groups = argAt(a, 1, "num_groups");
  Value w = argAt(a, 2, "weight"), b = argAt(a, 3, "bias"), e = argAt(a, 4, "eps");
  const Tensor& x = tensorArg(input);
  if (x.dim() < 2)
    vm.raise(vm.b().runtime_error, "Expected at least 2 dimensions for input tensor but received " +
                                       std::to_string(x.dim()));
  double eps = given(e) ? asFloat(e) : 1e-5;
  auto r = check(vm, runtime::groupNorm(x, asInt(groups), optTensor(w), optTensor(b), eps));
  Value n = none();
  return result(vm, "group_norm", r.out,
                {input, given(w) ? w : n, given(b) ? b : n, groups, pyFloat(eps)},
                {input, groups, given(w) ? w : n, given(b) ? b : n});
}

/// F.instance_norm: batch_norm over the input viewed as (1, N*C, *), with the weight, bias and
/// running statistics repeated N times (torch's at::instance_norm); the running statistics get
/// the mean over the batch of the updated copies.
Value instanceNormOp(VM& vm, CallArgs& a) {
  Value input = a.args.at(0);
  Value rm = argAt(a, 1, "running_mean"), rv = argAt(a, 2, "running_var");
  Value w = argAt(a, 3, "weight"), b = argAt(a, 4, "bias");
  Value uis = argAt(a, 5, "use_input_stats"), mom = argAt(a, 6, "momentum"), e = argAt(a, 7, "eps");
  const bool useInput = !uis || vm.truthy(uis);
  const double momentum = given(mom) ? asFloat(mom) : 0.1, eps = given(e) ? asFloat(e) : 1e-5;
  const Tensor& x = tensorArg(input);
  if (x.dim() < 2) vm.raise(vm.b().runtime_error, "instance_norm expects at least 2-d input");
  if (useInput) {
    int64_t spatial = 1;
    for (int64_t d = 2; d < x.dim(); ++d) spatial *= x.sizes()[static_cast<size_t>(d)];
    if (spatial == 1) {
      std::vector<Value> dims;
      for (int64_t s : x.sizes()) dims.push_back(pyInt(s));
      auto size = std::make_shared<TupleObject>(std::move(dims));
      size->is_size = true;
      vm.raise(
          vm.b().value_error,
          "Expected more than 1 spatial element when training, got input size " + vm.str(size));
    }
  }
  const int64_t B = x.sizes()[0], C = x.sizes()[1];
  runtime::Shape flat = x.sizes();
  flat[0] = 1;
  flat[1] = B * C;
  auto repeated = [&](const Value& v) -> std::optional<Tensor> {
    if (!given(v)) return std::nullopt;
    std::vector<Tensor> copies(static_cast<size_t>(B), tensorArg(v));
    return check(vm, runtime::cat(copies, 0));
  };
  std::optional<Tensor> rm_ = repeated(rm), rv_ = repeated(rv);
  Tensor xr = check(vm, runtime::reshape(x.contiguous(), flat));
  Tensor out = check(
      vm, runtime::batchNorm(xr, rm_, rv_, repeated(w), repeated(b), useInput, momentum, eps));
  for (auto [stat, copy] : {std::pair{rm, rm_}, std::pair{rv, rv_}}) {
    if (!given(stat) || !useInput) continue;
    vm.dynamo().journalTensor(vm, stat);
    Tensor per = check(vm, runtime::reshape(*copy, {B, C}));
    check(vm, runtime::copy_(tensorArg(stat),
                             check(vm, runtime::mean(per, std::vector<int64_t>{0}, false))));
  }
  out = check(vm, runtime::reshape(out, x.sizes()));
  Value n = none();
  return result(
      vm, "instance_norm", out,
      {input, given(w) ? w : n, given(b) ? b : n, pyFloat(eps), pyBool(useInput)},
      {input, given(rm) ? rm : n, given(rv) ? rv : n, given(w) ? w : n, given(b) ? b : n});
}

Value pixelShuffleOp(VM& vm, CallArgs& a, bool up) {
  Value input = a.args.at(0);
  Value r = argAt(a, 1, up ? "upscale_factor" : "downscale_factor");
  Tensor out = check(vm, up ? runtime::pixelShuffle(tensorArg(input), asInt(r))
                            : runtime::pixelUnshuffle(tensorArg(input), asInt(r)));
  return result(vm, up ? "pixel_shuffle" : "pixel_unshuffle", out, {input, r}, {input, r});
}

/// F.interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None,
/// recompute_scale_factor=None, antialias=False): the nearest mode (the others are reported as
/// not modelled), with functional.py's checks.
Value interpolateOp(VM& vm, CallArgs& a) {
  Value input = a.args.at(0), size = argAt(a, 1, "size"), sf = argAt(a, 2, "scale_factor");
  Value modeV = argAt(a, 3, "mode"), ac = argAt(a, 4, "align_corners");
  Value rsf = argAt(a, 5, "recompute_scale_factor"), aa = argAt(a, 6, "antialias");
  std::string mode = given(modeV) ? asStr(modeV) : "nearest";
  const Tensor& x = tensorArg(input);
  const int64_t dim = x.dim() - 2;
  if ((mode == "nearest" || mode == "area" || mode == "nearest-exact") && given(ac))
    vm.raise(vm.b().value_error,
             "align_corners option can only be set with the interpolating modes: linear | "
             "bilinear | bicubic | trilinear");
  if (given(size) && given(sf))
    vm.raise(vm.b().value_error, "only one of size or scale_factor should be defined");
  if (!given(size) && !given(sf))
    vm.raise(vm.b().value_error, "either size or scale_factor should be defined");
  if (given(rsf) && vm.truthy(rsf) && given(size))
    vm.raise(vm.b().value_error, "recompute_scale_factor is not meaningful with an explicit size.");
  if (given(aa) && vm.truthy(aa)) vm.unsupported("F.interpolate with antialias=True");
  if (mode != "nearest") vm.unsupported("F.interpolate with mode='" + mode + "'");
  if (dim < 1 || dim > 3)
    vm.unsupported("F.interpolate of a " + std::to_string(x.dim()) + "-d input");
  auto perDim = [&](const Value& v) {
    std::vector<Value> out;
    if (v->kind == Kind::List || v->kind == Kind::Tuple) {
      out = vm.toVector(v);
      if (static_cast<int64_t>(out.size()) != dim)
        vm.raise(vm.b().value_error,
                 std::string(v == size ? "Input and output" : "Input and scale_factor") +
                     " must have the same number of spatial dimensions");
    } else {
      out.assign(static_cast<size_t>(dim), v);
    }
    return out;
  };
  std::vector<int64_t> outSize;
  std::vector<std::optional<double>> scales(static_cast<size_t>(dim));
  if (given(size)) {
    for (const Value& s : perDim(size)) outSize.push_back(asInt(s));
  } else {
    std::vector<Value> f = perDim(sf);
    const bool recompute = given(rsf) && vm.truthy(rsf);
    for (int64_t d = 0; d < dim; ++d) {
      double s = asFloat(f[static_cast<size_t>(d)]);
      outSize.push_back(static_cast<int64_t>(
          std::floor(static_cast<double>(x.sizes()[static_cast<size_t>(d + 2)]) * s)));
      if (!recompute) scales[static_cast<size_t>(d)] = s;
    }
  }
  Tensor out = check(vm, runtime::upsampleNearest(x, outSize, scales));
  std::vector<Value> sv;
  for (const auto& s : scales) sv.push_back(s ? pyFloat(*s) : none());
  return result(vm, "interpolate", out, {input, sizesValue(x.sizes()), pyTuple(std::move(sv))},
                {input});
}

/// torch.linalg.qr(A, mode="reduced"): (Q, R).
Value qrOp(VM& vm, CallArgs& a) {
  Value x = argAt(a, 0, "A");
  if (Value m = argAt(a, 1, "mode"); given(m) && asStr(m) != "reduced")
    vm.unsupported("torch.linalg.qr with mode='" + asStr(m) + "'");
  auto r = check(vm, runtime::qrReduced(tensorArg(x)));
  Value q = wrapTensor(r.q), rr = wrapTensor(r.r);
  vm.dynamo().recordOp(vm, "linalg_qr", graph::NodeOp::CallFunction, {x}, {q, rr});
  return pyTuple({q, rr});
}

Value diagOp(VM& vm, CallArgs& a) {
  Value x = a.args.at(0);
  if (Value d = argAt(a, 1, "diagonal"); given(d) && asInt(d) != 0)
    vm.unsupported("torch.diag with a diagonal other than 0");
  return result(vm, "diag", check(vm, runtime::diag(tensorArg(x))), {}, {x});
}

Value signOp(VM& vm, CallArgs& a) {
  Value x = a.args.at(0);
  return result(vm, "sign", runtime::sign(tensorArg(x)), {}, {x});
}

}  // namespace

std::string nnCoreBackwardName(const std::string& target, const std::vector<Value>& inputs) {
  if (target == "pad") {  // F.pad's kernel by mode: constant_pad_nd, reflection_pad2d, ...
    if (inputs.size() < 3 || inputs[2]->kind != Kind::Str) return "";
    const std::string& mode = asStr(inputs[2]);
    std::string nd = std::to_string(as<TupleObject>(inputs[1]).items.size() / 2);
    if (mode == "constant") return "ConstantPadNdBackward0";
    if (mode == "reflect") return "ReflectionPad" + nd + "DBackward0";
    if (mode == "replicate") return "ReplicationPad" + nd + "DBackward0";
    return "";
  }
  if (target == "_weight_norm") return "WeightNormInterfaceBackward0";
  if (target == "group_norm") return "NativeGroupNormBackward0";
  if (target == "bmm") return "BmmBackward0";
  if (target == "split") return "SplitBackward0";
  if (target == "instance_norm") return "ViewBackward0";  // (at::instance_norm ends in a view)
  if (target == "pixel_shuffle") return "PixelShuffleBackward0";
  if (target == "pixel_unshuffle") return "PixelUnshuffleBackward0";
  if (target == "interpolate" && inputs.size() > 1)  // upsample_nearest{1,2,3}d
    return "UpsampleNearest" + std::to_string(as<TupleObject>(inputs[1]).items.size() - 2) +
           "DBackward0";
  return "";
}

bool nnCoreGradients(VM& vm, const GradNode& node, const runtime::Tensor& g,
                     const std::vector<bool>& needs, std::vector<runtime::Tensor>& out) {
  const std::string& op = node.target;
  auto need = [&](size_t i) {
    return i < needs.size() && needs[i] && i < node.tensors.size() && node.tensors[i].defined();
  };
  if (op == "pad") {
    // constant_pad_nd's derivative: constant_pad_nd(grad, -pad); the other modes' kernels are
    // not modelled backwards
    if (asStr(node.inputs.at(2)) != "constant") return false;
    if (!need(0)) return true;
    std::vector<int64_t> neg;
    for (const Value& p : as<TupleObject>(node.inputs.at(1)).items) neg.push_back(-asInt(p));
    out[0] = check(vm, runtime::pad(g, neg, runtime::PadMode::Constant, 0.0));
    return true;
  }
  if (op == "_weight_norm") {
    if (!need(0) && !need(1)) return true;
    int64_t dim = asInt(node.inputs.at(2));
    const Tensor& v = node.tensors.at(0);
    const Tensor& gg = node.tensors.at(1);
    auto fwd = check(vm, runtime::weightNorm(v, gg, dim));
    auto r = check(vm, runtime::weightNormBackward(g, v, gg, fwd.norm, dim));
    if (need(0)) out[0] = r.v;
    if (need(1)) out[1] = r.g;
    return true;
  }
  if (op == "split") {  // the piece's gradient in its slice of zeros
    if (!need(0)) return true;
    Tensor z = runtime::zerosLike(node.tensors.at(0));
    check(vm, runtime::setitem(z, tensorIndexItems(vm, node.inputs.at(1)), g));
    out[0] = z;
    return true;
  }
  if (op == "bmm") {  // grad @ mat2^T, self^T @ grad
    if (need(0))
      out[0] = check(vm, runtime::bmm(g, check(vm, runtime::transpose(node.tensors.at(1), 1, 2))));
    if (need(1))
      out[1] = check(vm, runtime::bmm(check(vm, runtime::transpose(node.tensors.at(0), 1, 2)), g));
    return true;
  }
  if (op == "group_norm") {
    const Tensor& x = node.tensors.at(0);
    std::optional<Tensor> w, b;
    if (node.tensors.at(1).defined()) w = node.tensors.at(1);
    if (node.tensors.at(2).defined()) b = node.tensors.at(2);
    int64_t groups = asInt(node.inputs.at(3));
    auto fwd = check(vm, runtime::groupNorm(x, groups, w, b, asFloat(node.inputs.at(4))));
    auto r = check(vm, runtime::groupNormBackward(g, x, fwd.mean, fwd.rstd, w, groups,
                                                  {need(0), need(1), need(2)}));
    if (need(0)) out[0] = r.input;
    if (need(1)) out[1] = r.weight;
    if (need(2)) out[2] = r.bias;
    return true;
  }
  if (op == "instance_norm") {
    if (!vm.truthy(node.inputs.at(4))) return false;  // (running statistics: not modelled)
    const Tensor& x = node.tensors.at(0);
    const int64_t B = x.sizes()[0], C = x.sizes()[1];
    runtime::Shape flat = x.sizes();
    flat[0] = 1;
    flat[1] = B * C;
    std::optional<Tensor> w;
    if (node.tensors.at(1).defined())
      w = check(vm, runtime::cat(std::vector<Tensor>(static_cast<size_t>(B), node.tensors[1]), 0));
    Tensor xr = check(vm, runtime::reshape(x.contiguous(), flat));
    Tensor gr = check(vm, runtime::reshape(g.contiguous(), flat));
    auto r = check(
        vm, runtime::batchNormBackward(gr, xr, std::nullopt, std::nullopt, w, true,
                                       asFloat(node.inputs.at(3)), {need(0), need(1), need(2)}));
    if (need(0)) out[0] = check(vm, runtime::reshape(r.input, x.sizes()));
    auto perChannel = [&](const Tensor& t) {
      return check(
          vm, runtime::sum(check(vm, runtime::reshape(t, {B, C})), std::vector<int64_t>{0}, false));
    };
    if (need(1)) out[1] = perChannel(r.weight);
    if (need(2)) out[2] = perChannel(r.bias);
    return true;
  }
  if (op == "pixel_shuffle" || op == "pixel_unshuffle") {
    if (!need(0)) return true;
    int64_t r = asInt(node.inputs.at(1));
    out[0] = check(
        vm, op == "pixel_shuffle" ? runtime::pixelUnshuffle(g, r) : runtime::pixelShuffle(g, r));
    return true;
  }
  if (op == "interpolate") {
    if (!need(0)) return true;
    std::vector<std::optional<double>> scales;
    for (const Value& v : as<TupleObject>(node.inputs.at(2)).items)
      scales.push_back(isNone(v) ? std::nullopt : std::optional<double>(asFloat(v)));
    out[0] = check(vm, runtime::upsampleNearestBackward(g, sizesOf(node.inputs.at(1)), scales));
    return true;
  }
  return false;
}

void installNnCore(VM& vm) {
  Value C = vm.findModule("torch._C");
  if (!C) {
    C = std::make_shared<ModuleObject>("torch._C");
    vm.registerModule("torch._C", C);
    as<ModuleObject>(vm.findModule("torch")).dict->setStr("_C", C);
  }
  defIn(C, "_log_api_usage_once", logApiUsageOnce);
  defIn(vm.findModule("torch"), "typename", typeName);
  Value torch = vm.findModule("torch");
  defIn(torch, "_weight_norm", weightNormOp);
  defIn(torch, "norm_except_dim", normExceptDimOp);
  defIn(torch, "_foreach_norm", foreachNormOp);
  defIn(torch, "_foreach_mul_", foreachMulOp);
  defIn(torch, "norm", tensorNormOp);
  vm.nativeMethods(Kind::Tensor)["norm"] = tensorNormOp;
  if (!vm.findModule("torch.linalg")) {
    auto linalg = std::make_shared<ModuleObject>("torch.linalg");
    linalg->dict->setStr("__name__", pyStr("torch.linalg"));
    vm.registerModule("torch.linalg", linalg);
    as<ModuleObject>(torch).dict->setStr("linalg", linalg);
  }
  defIn(vm.findModule("torch.linalg"), "vector_norm", vectorNormOp);
  defIn(vm.findModule("torch.linalg"), "qr", qrOp);
  defIn(torch, "diag", diagOp);
  defIn(torch, "sign", signOp);
  vm.nativeMethods(Kind::Tensor)["diag"] = diagOp;
  vm.nativeMethods(Kind::Tensor)["sign"] = signOp;
  Value F = vm.findModule("torch.nn.functional");
  defIn(F, "group_norm", groupNormOp);
  defIn(F, "instance_norm", instanceNormOp);
  defIn(F, "interpolate", interpolateOp);
  for (const Value& m : {F, torch}) {
    defIn(m, "pixel_shuffle",
          [](VM& vm, CallArgs& a) -> Value { return pixelShuffleOp(vm, a, true); });
    defIn(m, "pixel_unshuffle",
          [](VM& vm, CallArgs& a) -> Value { return pixelShuffleOp(vm, a, false); });
  }
  installNnContainers(vm);
  installNnUtils(vm);
  installNnNorms(vm);
  installAutogradFunction(vm);  // (the base class only; autograd_function_py.cpp)
}

}  // namespace gbc::interp
