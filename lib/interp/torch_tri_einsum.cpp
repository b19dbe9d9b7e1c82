// torch.triu / torch.tril (and Tensor.triu/tril/triu_/tril_), torch.round, torch.outer and
// torch.einsum. einsum is computed the way ATen's einsum (aten/src/ATen/native/Linear.cpp, no
// opt_einsum: the contraction goes left to right) computes it: operands permuted to the output
// labels followed by the contracted labels in label order, dimensions that no later operand has
// summed or squeezed out, and each pair multiplied (mul), dotted, or contracted by
// sumproduct_pair (permute, reshape, bmm), so that the float results are the runtime's bmm/sum
// results.
#include <algorithm>
#include <array>
#include <cmath>

#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "runtime/ops.h"

namespace gbc::interp {

namespace {

using runtime::Shape;
using runtime::Tensor;

Value argAt(const CallArgs& a, size_t i, const char* kw) {
  if (i < a.args.size()) return a.args[i];
  return a.kw(kw);
}

void method(VM& vm, const std::string& name, NativeFn fn) {
  vm.nativeMethods(Kind::Tensor)[name] = fn;
  auto unbound = std::make_shared<BuiltinObject>(name, fn);
  unbound->qualname = "Tensor." + name;
  unbound->id = "Tensor." + name;
  vm.b().tensor->dict->setStr(name, unbound);
}

Value defIn(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = as<ModuleObject>(module).name + "." + name;
  b->qualname = name;
  as<ModuleObject>(module).dict->setStr(name, b);
  return b;
}

/// triu (upper) / tril of the last two dims: elements with col - row < diagonal (triu) or
/// > diagonal (tril) become zero, as torch's apply_triu_tril writes them.
Tensor triangular(VM& vm, const Tensor& x, int64_t diagonal, bool upper) {
  if (x.dim() < 2)
    vm.raise(vm.b().runtime_error, std::string(upper ? "triu" : "tril") +
                                       ": input tensor must have at least 2 dimensions");
  Tensor out = x.clone();
  const int64_t rows = x.sizes()[static_cast<size_t>(x.dim() - 2)];
  const int64_t cols = x.sizes().back();
  const int64_t mats = rows * cols == 0 ? 0 : out.numel() / (rows * cols);
  runtime::dispatchDType(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* p = out.data<T>();
    for (int64_t m = 0; m < mats; ++m)
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) {
          bool keep = upper ? c - r >= diagonal : c - r <= diagonal;
          if (!keep) p[(m * rows + r) * cols + c] = T(0);
        }
  });
  return out;
}

Value triOp(VM& vm, CallArgs& a, bool upper, bool inplace, bool asMethod) {
  const std::string name = std::string(upper ? "triu" : "tril") + (inplace ? "_" : "");
  Value self = a.args.at(0);
  Value d = argAt(a, 1, "diagonal");
  int64_t diagonal = d && !isNone(d) ? asInt(d) : 0;
  Tensor r = triangular(vm, tensorArg(self), diagonal, upper);
  GradArgs ga;
  ga.dims = {diagonal};
  std::vector<Value> inputs = {self};
  if (d) inputs.push_back(d);
  if (inplace) {
    vm.dynamo().journalTensor(vm, self);
    applyInplaceGradFn(vm, name, self, {});
    check(vm, runtime::copy_(tensorArg(self), r));
    vm.dynamo().recordOp(vm, name, graph::NodeOp::CallMethod, inputs, {self});
    return self;
  }
  Value out = wrapTensor(std::move(r));
  applyGradFn(vm, name, {self}, out, ga);
  vm.dynamo().recordOp(vm, name, asMethod ? graph::NodeOp::CallMethod : graph::NodeOp::CallFunction,
                       inputs, {out});
  return out;
}

// ---- einsum ----

constexpr int kLabels = 52;  // 'A'-'Z' then 'a'-'z', as ATen numbers them

int labelIndex(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return 26 + (c - 'a');
  return -1;
}

Tensor sumDim(VM& vm, const Tensor& t, int64_t dim, bool keepdim) {
  return check(vm, runtime::sum(t, std::vector<int64_t>{dim}, keepdim, std::nullopt));
}

/// ATen's sumproduct_pair: left and right have the same rank (size-1 where a label is absent);
/// sum_dims are contracted through one bmm.
Tensor sumproductPair(VM& vm, Tensor left, Tensor right, const std::vector<int64_t>& sumDims) {
  const int64_t dim = left.dim();
  std::vector<bool> summed(static_cast<size_t>(dim), false);
  for (int64_t d : sumDims) summed[static_cast<size_t>(d)] = true;
  std::vector<int64_t> lro, lo, ro;
  int64_t lroSize = 1, loSize = 1, roSize = 1, sumSize = 1;
  for (int64_t i = 0; i < dim; ++i) {
    const int64_t ls = left.sizes()[static_cast<size_t>(i)];
    const int64_t rs = right.sizes()[static_cast<size_t>(i)];
    const bool sl = ls != 1, sr = rs != 1;
    if (summed[static_cast<size_t>(i)]) {
      if (sl && sr) {
        if (ls != rs) vm.raise(vm.b().runtime_error, "non-broadcast dimensions must match");
        sumSize *= ls;
      } else if (sl) {
        left = sumDim(vm, left, i, true);
      } else if (sr) {
        right = sumDim(vm, right, i, true);
      }
    } else if (sl && sr) {
      if (ls != rs) vm.raise(vm.b().runtime_error, "non-broadcast dimensions must match");
      lro.push_back(i);
      lroSize *= ls;
    } else if (sl) {
      lo.push_back(i);
      loSize *= ls;
    } else {
      ro.push_back(i);
      roSize *= rs;
    }
  }
  Shape outSize;
  for (int64_t d : lro) outSize.push_back(left.sizes()[static_cast<size_t>(d)]);
  for (int64_t d : lo) outSize.push_back(left.sizes()[static_cast<size_t>(d)]);
  for (size_t k = 0; k < sumDims.size(); ++k) outSize.push_back(1);
  for (int64_t d : ro) outSize.push_back(right.sizes()[static_cast<size_t>(d)]);
  auto cat = [](std::initializer_list<const std::vector<int64_t>*> parts) {
    std::vector<int64_t> v;
    for (const auto* p : parts) v.insert(v.end(), p->begin(), p->end());
    return v;
  };
  std::vector<int64_t> lperm = cat({&lro, &lo, &sumDims, &ro});
  std::vector<int64_t> rperm = cat({&lro, &sumDims, &ro, &lo});
  std::vector<int64_t> operm(lperm.size(), -1);
  for (size_t i = 0; i < lperm.size(); ++i) operm[static_cast<size_t>(lperm[i])] = int64_t(i);
  left = check(
      vm, runtime::reshape(check(vm, runtime::permute(left, lperm)), {lroSize, loSize, sumSize}));
  right = check(
      vm, runtime::reshape(check(vm, runtime::permute(right, rperm)), {lroSize, sumSize, roSize}));
  Tensor result = check(vm, runtime::bmm(left, right));
  result = check(vm, runtime::permute(check(vm, runtime::view(result, outSize)), operm));
  Shape sizes = result.sizes();
  for (int64_t i = dim - 1; i >= 0; --i)
    if (summed[static_cast<size_t>(i)]) sizes.erase(sizes.begin() + i);
  return check(vm, runtime::view(result, sizes));
}

Tensor einsumCompute(VM& vm, const std::string& equationIn, std::vector<Tensor> ops) {
  std::string eq;
  for (char c : equationIn)
    if (c != ' ') eq += c;
  if (eq.find("...") != std::string::npos) vm.unsupported("torch.einsum with an ellipsis");
  const size_t arrow = eq.find("->");
  const std::string lhs = arrow == std::string::npos ? eq : eq.substr(0, arrow);
  std::vector<std::string> terms(1);
  for (char c : lhs) {
    if (c == ',')
      terms.emplace_back();
    else
      terms.back() += c;
  }
  if (terms.size() != ops.size())
    vm.raise(vm.b().runtime_error,
             "einsum(): more operands were provided than specified in the equation");
  std::array<int, kLabels> count{};
  std::array<int, kLabels> lastOp;
  lastOp.fill(-1);
  for (size_t i = 0; i < terms.size(); ++i) {
    std::array<bool, kLabels> seen{};
    if (static_cast<int64_t>(terms[i].size()) != ops[i].dim())
      vm.raise(vm.b().runtime_error, "einsum(): the number of subscripts in the equation (" +
                                         std::to_string(terms[i].size()) +
                                         ") does not match the number of dimensions (" +
                                         std::to_string(ops[i].dim()) + ") for operand " +
                                         std::to_string(i) + " and no ellipsis was given");
    for (char c : terms[i]) {
      int l = labelIndex(c);
      if (l < 0)
        vm.raise(vm.b().runtime_error,
                 "einsum(): invalid subscript given at index " + std::to_string(i));
      if (seen[static_cast<size_t>(l)]) vm.unsupported("torch.einsum with a repeated subscript");
      seen[static_cast<size_t>(l)] = true;
      ++count[static_cast<size_t>(l)];
      lastOp[static_cast<size_t>(l)] = static_cast<int>(i);
    }
  }
  std::array<int64_t, kLabels> perm;
  perm.fill(-1);
  int64_t permIndex = 0;
  if (arrow != std::string::npos) {
    for (char c : eq.substr(arrow + 2)) {
      int l = labelIndex(c);
      if (l < 0 || count[static_cast<size_t>(l)] == 0)
        vm.raise(vm.b().runtime_error,
                 std::string("einsum(): output subscript ") + c +
                     " does not appear in the equation for any input operand");
      perm[static_cast<size_t>(l)] = permIndex++;
    }
  } else {  // implicit output: the labels seen once, in label order
    for (int l = 0; l < kLabels; ++l)
      if (count[static_cast<size_t>(l)] == 1) perm[static_cast<size_t>(l)] = permIndex++;
  }
  const int64_t outSize = permIndex;
  for (int l = 0; l < kLabels; ++l)
    if (count[static_cast<size_t>(l)] > 0 && perm[static_cast<size_t>(l)] == -1)
      perm[static_cast<size_t>(l)] = permIndex++;
  std::vector<int> dimLastOp(static_cast<size_t>(permIndex), 0);
  for (int l = 0; l < kLabels; ++l)
    if (perm[static_cast<size_t>(l)] >= 0)
      dimLastOp[static_cast<size_t>(perm[static_cast<size_t>(l)])] = lastOp[static_cast<size_t>(l)];
  // each operand: its dims moved to their perm positions, size 1 where the label is absent
  for (size_t i = 0; i < ops.size(); ++i) {
    std::vector<int64_t> order(static_cast<size_t>(permIndex), -1);
    for (size_t k = 0; k < terms[i].size(); ++k)
      order[static_cast<size_t>(perm[static_cast<size_t>(labelIndex(terms[i][k]))])] =
          static_cast<int64_t>(k);
    std::vector<int64_t> p;
    for (int64_t o : order)
      if (o >= 0) p.push_back(o);
    Tensor t = check(vm, runtime::permute(ops[i], p));
    for (size_t d = 0; d < order.size(); ++d)
      if (order[d] < 0) t = check(vm, runtime::unsqueeze(t, static_cast<int64_t>(d)));
    ops[i] = t;
  }
  Tensor result = ops[0];
  int64_t dim = outSize;
  for (int64_t i = dim; i < permIndex; ++i, ++dim) {
    if (dimLastOp[static_cast<size_t>(i)] == 0) {
      if (result.sizes()[static_cast<size_t>(dim)] == 1)
        result = check(vm, runtime::squeeze(result, dim--));
      else
        result = sumDim(vm, result, dim--, false);
    }
  }
  for (size_t i = 1; i < ops.size(); ++i) {
    Tensor operand = ops[i];
    std::vector<int64_t> sumDims;
    dim = outSize;
    for (int64_t j = dim; j < permIndex; ++j, ++dim) {
      const int last = dimLastOp[static_cast<size_t>(j)];
      if (last < static_cast<int>(i)) {
        operand = check(vm, runtime::squeeze(operand, dim--));
      } else if (last == static_cast<int>(i)) {
        if (result.sizes()[static_cast<size_t>(dim)] == 1) {
          operand = sumDim(vm, operand, dim, false);
          result = check(vm, runtime::squeeze(result, dim--));
        } else if (operand.sizes()[static_cast<size_t>(dim)] == 1) {
          result = sumDim(vm, result, dim, false);
          operand = check(vm, runtime::squeeze(operand, dim--));
        } else {
          sumDims.push_back(dim);
        }
      }
    }
    if (sumDims.empty())
      result = check(vm, runtime::mul(result, operand));
    else if (static_cast<int64_t>(sumDims.size()) == result.dim())
      result = check(vm, runtime::dot(check(vm, runtime::flatten(result)),
                                      check(vm, runtime::flatten(operand))));
    else
      result = sumproductPair(vm, result, operand, sumDims);
  }
  return result.contiguous();
}

Value einsumOp(VM& vm, CallArgs& a) {
  if (a.args.empty() || a.args[0]->kind != Kind::Str)
    vm.raise(vm.b().type_error, "einsum(): argument 'equation' must be str");
  std::vector<Value> operands;
  if (a.args.size() == 2 && (a.args[1]->kind == Kind::List || a.args[1]->kind == Kind::Tuple))
    operands = vm.toVector(a.args[1]);
  else
    operands.assign(a.args.begin() + 1, a.args.end());
  if (operands.empty())
    vm.raise(vm.b().runtime_error, "einsum(): must provide at least one operand");
  if (auto d = cpuAutocastDType())
    for (Value& v : operands) v = autocastArg(vm, v, *d);
  std::vector<Tensor> ts;
  for (const Value& v : operands) ts.push_back(tensorArg(v));
  Tensor r = einsumCompute(vm, asStr(a.args[0]), std::move(ts));
  Value out = wrapTensor(std::move(r));
  std::vector<Value> inputs = {a.args[0]};
  inputs.insert(inputs.end(), operands.begin(), operands.end());
  applyGradFn(vm, "einsum", operands, out);
  std::vector<Value> graphInputs = a.args;
  vm.dynamo().recordOp(vm, "einsum", graph::NodeOp::CallFunction, graphInputs, {out});
  return out;
}

/// torch.outer(a, b) / a.outer(b): a.reshape(n, 1) * b, as ATen composes it (its autograd
/// nodes are the reshape's and the mul's).
Value outerOp(VM& vm, CallArgs& a, bool asMethod) {
  Value x = a.args.at(0), y = argAt(a, 1, "vec2");
  if (!y) vm.raise(vm.b().type_error, "outer() missing required argument 'vec2'");
  const Tensor& xt = tensorArg(x);
  const Tensor& yt = tensorArg(y);
  if (xt.dim() != 1 || yt.dim() != 1)
    vm.raise(vm.b().runtime_error, "outer: Expected 1-D argument self, but got " +
                                       std::to_string(xt.dim() != 1 ? xt.dim() : yt.dim()) + "-D");
  Value col = wrapTensor(check(vm, runtime::reshape(xt, {xt.numel(), 1})));
  applyGradFn(vm, "reshape", {x}, col);
  Value out = wrapTensor(check(vm, runtime::mul(tensorArg(col), yt)));
  applyGradFn(vm, "mul", {col, y}, out);
  vm.dynamo().recordOp(vm, "outer",
                       asMethod ? graph::NodeOp::CallMethod : graph::NodeOp::CallFunction, {x, y},
                       {out});
  return out;
}

/// torch.round / Tensor.round (decimals=0): round half to even, as torch's CPU kernel
/// (std::nearbyint); integer tensors are copied.
Value roundOp(VM& vm, CallArgs& a, bool asMethod) {
  Value x = a.args.at(0);
  if (Value d = argAt(a, 1, "decimals"); d && !isNone(d) && asInt(d) != 0)
    vm.unsupported("torch.round with decimals");
  Tensor out = tensorArg(x).clone();
  if (runtime::isFloating(out.dtype()))
    runtime::dispatchDType(out.dtype(), [&](auto tag) {
      using T = decltype(tag);
      if constexpr (std::is_floating_point_v<T>) {
        T* p = out.data<T>();
        for (int64_t i = 0; i < out.numel(); ++i) p[i] = std::nearbyint(p[i]);
      }
    });
  Value r = wrapTensor(std::move(out));
  applyGradFn(vm, "round", {x}, r);
  vm.dynamo().recordOp(
      vm, "round", asMethod ? graph::NodeOp::CallMethod : graph::NodeOp::CallFunction, {x}, {r});
  return r;
}

}  // namespace

bool triEinsumGradients(VM& vm, const GradNode& node, const Tensor& g,
                        const std::vector<bool>& needs, std::vector<Tensor>& out) {
  const std::string& op = node.target;
  if (op == "triu" || op == "tril") {  // tril/triu_backward: the same mask on the gradient
    if (!needs.empty() && needs[0])
      out[0] = triangular(vm, g, node.args.dims.empty() ? 0 : node.args.dims[0], op == "triu");
    return true;
  }
  if (op == "round") {  // round_backward: zeros
    if (!needs.empty() && needs[0]) out[0] = runtime::zerosLike(g);
    return true;
  }
  if (op == "einsum")  // (torch differentiates the bmm/permute/sum it decomposes into)
    vm.unsupported("gradients through torch.einsum");
  return false;
}

void installTriEinsum(VM& vm) {
  Value torch = vm.findModule("torch");
  for (bool upper : {true, false}) {
    const std::string n = upper ? "triu" : "tril";
    defIn(torch, n,
          [upper](VM& vm, CallArgs& a) -> Value { return triOp(vm, a, upper, false, false); });
    method(vm, n,
           [upper](VM& vm, CallArgs& a) -> Value { return triOp(vm, a, upper, false, true); });
    method(vm, n + "_",
           [upper](VM& vm, CallArgs& a) -> Value { return triOp(vm, a, upper, true, true); });
  }
  // F.scaled_dot_product_attention exists (models test hasattr(F, ...) to pick their attention
  // path) but its values are the CPU flash-attention kernel's (blocked online softmax, exp_u20),
  // not modelled yet: calling it is a located gap rather than a silently different path
  if (Value F = vm.findModule("torch.nn.functional"))
    defIn(F, "scaled_dot_product_attention", [](VM& vm, CallArgs&) -> Value {
      vm.unsupported("torch.nn.functional.scaled_dot_product_attention");
    });
  defIn(torch, "einsum", einsumOp);
  defIn(torch, "round", [](VM& vm, CallArgs& a) -> Value { return roundOp(vm, a, false); });
  method(vm, "round", [](VM& vm, CallArgs& a) -> Value { return roundOp(vm, a, true); });
  defIn(torch, "outer", [](VM& vm, CallArgs& a) -> Value { return outerOp(vm, a, false); });
  method(vm, "outer", [](VM& vm, CallArgs& a) -> Value { return outerOp(vm, a, true); });
  if (Value functional = vm.findModule("torch.functional"))
    as<ModuleObject>(functional)
        .dict->setStr("einsum", as<ModuleObject>(torch).dict->getStr("einsum"));
}

}  // namespace gbc::interp
