// The derivative rules of gbc's autograd, shared by Tensor.backward() and torch.func.grad: for
// each op, the gradients of its inputs from the gradient of its result, by the formulas of
// torch's tools/autograd/derivatives.yaml and in its kernels' operation order (so that the
// printed values match torch's).
#include <algorithm>
#include <set>

#include "interp/autograd.h"
#include "interp/torch_model.h"
#include "runtime/ops.h"

namespace gbc::interp {

using runtime::Tensor;

// conv, batch_norm and pooling (nn_layers.cpp)
bool nnLayerGradients(VM& vm, const GradNode& node, const Tensor& g, const std::vector<bool>& needs,
                      std::vector<Tensor>& out);
// triu, tril, einsum (torch_tri_einsum.cpp)
bool triEinsumGradients(VM& vm, const GradNode& node, const Tensor& g,
                        const std::vector<bool>& needs, std::vector<Tensor>& out);
// pad, group_norm, instance_norm, _weight_norm, pixel_shuffle, interpolate (nn_core.cpp)
bool nnCoreGradients(VM& vm, const GradNode& node, const Tensor& g, const std::vector<bool>& needs,
                     std::vector<Tensor>& out);

bool savesTensors(const std::string& target) {
  // AddBackward0, SumBackward0, ViewBackward0, ...: only sizes, dims and scalars
  static const std::set<std::string> kNoSaved = {
      "add",     "sub",        "neg",     "sum",     "mean",      "view",    "reshape",
      "flatten", "unsqueeze",  "squeeze", "t",       "transpose", "permute", "expand",
      "clone",   "contiguous", "getitem", "float",   "double",    "to",      "type_as",
      "view_as", "as_tensor",  "copy",    "setitem", "copy_",     "unbind"};
  return kNoSaved.count(target) == 0;
}

namespace {

/// A node's inputs and result for its rule: the tensors it saved are checked against the
/// versions they had when the op ran.
class Saved {
 public:
  Saved(VM& vm, const GradNode& node, const std::string& what)
      : vm_(vm), node_(node), what_(what) {}

  /// Input i when it is not a tensor (a number, a subscript key, None).
  const Value& value(size_t i) const { return node_.inputs.at(i); }
  bool isTensor(size_t i) const { return i < node_.tensors.size() && node_.tensors[i].defined(); }
  /// Input i's tensor, for its values.
  const Tensor& tensor(size_t i) const {
    const Tensor& t = node_.tensors.at(i);
    if (i < node_.versions.size() && t.storage()->version() != node_.versions[i]) modified();
    return t;
  }
  /// Input i's tensor, for its shape and dtype only.
  const Tensor& meta(size_t i) const { return node_.tensors.at(i); }
  /// A tensor or number input as an operand of a runtime op.
  runtime::Operand operand(size_t i) const {
    if (isTensor(i)) return tensor(i);
    return tensorOperand(vm_, value(i));
  }
  const Tensor& out() const {
    if (node_.out.defined() && node_.out.storage()->version() != node_.out_version) modified();
    return node_.out;
  }

 private:
  [[noreturn]] void modified() const {
    vm_.unsupported(what_ + " through `" + node_.target +
                    "` after a tensor it saved was modified in place");
  }
  VM& vm_;
  const GradNode& node_;
  const std::string& what_;
};

int64_t wrap(int64_t d, int64_t ndim) { return d < 0 ? d + std::max<int64_t>(ndim, 1) : d; }

Tensor reshapeTo(VM& vm, const Tensor& g, const runtime::Shape& shape) {
  return check(vm, runtime::reshape(g.contiguous(), shape));
}

/// sum / mean: the gradient spread back over the reduced dims.
Tensor reductionGrad(VM& vm, const GradNode& node, const Tensor& x, Tensor g) {
  if (!node.args.keepdim && !node.args.dims.empty() && g.dim() < x.dim()) {
    std::vector<int64_t> dims;
    for (int64_t d : node.args.dims) dims.push_back(wrap(d, x.dim()));
    std::sort(dims.begin(), dims.end());
    for (int64_t d : dims) g = check(vm, runtime::unsqueeze(g, d));
  }
  Tensor spread = check(vm, runtime::expand(g, x.sizes())).contiguous();
  if (node.target == "mean") {
    int64_t n = x.numel() / std::max<int64_t>(g.numel(), 1);
    spread = check(vm, runtime::div(spread, n));
  }
  return spread;
}

/// The transpose of the last two dims (t() of a matrix).
Tensor mT(VM& vm, const Tensor& x) { return check(vm, runtime::transpose(x, -2, -1)); }

/// a @ b's gradients (1-d and 2-d operands, and batched ones of at least two dims each).
void matmulGrads(VM& vm, const Saved& s, const Tensor& g, const std::vector<bool>& needs,
                 std::vector<Tensor>& out, const std::string& what, const std::string& op) {
  const int64_t da = s.meta(0).dim(), db = s.meta(1).dim();
  auto mm = [&](const Tensor& x, const Tensor& y) { return check(vm, runtime::matmul(x, y)); };
  auto col = [&](const Tensor& v) { return check(vm, runtime::unsqueeze(v, 1)); };
  auto row = [&](const Tensor& v) { return check(vm, runtime::unsqueeze(v, 0)); };
  if (da == 1 && db == 1) {  // dot
    if (needs[0]) out[0] = check(vm, runtime::mul(g, s.tensor(1)));
    if (needs[1]) out[1] = check(vm, runtime::mul(g, s.tensor(0)));
  } else if (da == 2 && db == 1) {  // mv
    if (needs[0]) out[0] = mm(col(g), row(s.tensor(1)));
    if (needs[1]) out[1] = mm(check(vm, runtime::t(s.tensor(0))), g);
  } else if (da == 1 && db == 2) {
    if (needs[0]) out[0] = mm(s.tensor(1), g);
    if (needs[1]) out[1] = mm(col(s.tensor(0)), row(g));
  } else if (da >= 2 && db >= 2) {  // mm, bmm and broadcast batches (summed back by the caller)
    if (needs[0]) out[0] = mm(g, mT(vm, s.tensor(1)));
    if (needs[1]) out[1] = mm(mT(vm, s.tensor(0)), g);
  } else {
    vm.unsupported(what + " through `" + op + "` of a " + std::to_string(da) + "-d and a " +
                   std::to_string(db) + "-d tensor");
  }
}

/// F.linear(x, w, b): x of any rank >= 1 is flattened to rows, as torch's addmm path does.
void linearGrads(VM& vm, const Saved& s, const Tensor& g, const std::vector<bool>& needs,
                 std::vector<Tensor>& out) {
  const Tensor& xm = s.meta(0);
  const Tensor& wm = s.meta(1);
  const int64_t in = wm.sizes().back(), outf = wm.sizes()[0];
  Tensor g2 = reshapeTo(vm, g, {g.numel() / std::max<int64_t>(outf, 1), outf});
  if (needs[0]) out[0] = reshapeTo(vm, check(vm, runtime::mm(g2, s.tensor(1))), xm.sizes());
  if (needs[1]) {
    Tensor x2 = reshapeTo(vm, s.tensor(0), {xm.numel() / std::max<int64_t>(in, 1), in});
    out[1] = check(vm, runtime::t(check(vm, runtime::mm(check(vm, runtime::t(x2)), g2))));
  }
  if (needs.size() > 2 && needs[2] && s.isTensor(2))
    out[2] = check(vm, runtime::sum(g2, std::vector<int64_t>{0}, false));
}

runtime::Reduction reductionOf(VM& vm, const GradNode& node) {
  const std::string& r = node.args.reduction;
  if (r == "mean") return runtime::Reduction::Mean;
  if (r == "sum") return runtime::Reduction::Sum;
  if (r == "none") return runtime::Reduction::None;
  vm.raise(vm.b().value_error, r + " is not a valid value for reduction");
}

}  // namespace

std::vector<Tensor> inputGradients(VM& vm, const GradNode& node, const Tensor& g,
                                   const std::vector<bool>& needs, const std::string& what) {
  const std::string& op = node.target;
  const Saved s(vm, node, what);
  std::vector<Tensor> out(node.tensors.size());
  auto need = [&](size_t i) { return i < needs.size() && needs[i] && s.isTensor(i); };
  auto mul = [&](const runtime::Operand& a, const runtime::Operand& b) {
    return check(vm, runtime::mul(a, b));
  };
  auto unsupported = [&]() { vm.unsupported(what + " through `" + op + "`"); };
  if (!node.blocked.empty()) vm.unsupported(what + " through " + node.blocked);
  if (node.tensors.empty()) unsupported();

  // element-wise unary ops
  if (op == "sin") {
    if (need(0)) out[0] = mul(g, runtime::cos(s.tensor(0)));
  } else if (op == "cos") {
    if (need(0)) out[0] = mul(g, check(vm, runtime::neg(runtime::sin(s.tensor(0)))));
  } else if (op == "exp") {
    if (need(0)) out[0] = mul(g, s.out());
  } else if (op == "log") {
    if (need(0)) out[0] = check(vm, runtime::div(g, s.tensor(0)));
  } else if (op == "neg") {
    if (need(0)) out[0] = check(vm, runtime::neg(g));
  } else if (op == "tanh") {  // tanh_backward: g * (1 - y * y)
    if (need(0)) out[0] = mul(g, check(vm, runtime::sub(int64_t{1}, mul(s.out(), s.out()))));
  } else if (op == "sigmoid") {  // sigmoid_backward: g * (1 - y) * y
    if (need(0)) out[0] = mul(mul(g, check(vm, runtime::sub(int64_t{1}, s.out()))), s.out());
  } else if (op == "relu") {  // threshold_backward: 0 where the result is <= 0
    if (need(0))
      out[0] = check(vm, runtime::where(check(vm, runtime::le(s.out(), int64_t{0})),
                                        runtime::Scalar(int64_t{0}), g));
  } else if (op == "sqrt") {
    if (need(0)) out[0] = check(vm, runtime::div(g, mul(s.out(), int64_t{2})));
  } else if (op == "rsqrt") {  // -0.5 * g * y^3
    if (need(0)) out[0] = mul(mul(-0.5, g), check(vm, runtime::pow(s.out(), int64_t{3})));
  } else if (op == "pow") {
    if (s.isTensor(1) && need(1)) unsupported();  // d/d exponent
    if (need(0)) {
      runtime::Operand c = s.operand(1);
      if (!s.isTensor(1) && runtime::scalarToDouble(check(vm, c.tensor().item())) == 0.0) {
        out[0] = runtime::zerosLike(s.meta(0));
      } else {
        Tensor cm1 = check(vm, runtime::sub(c, int64_t{1}));
        out[0] = mul(g, mul(c, check(vm, runtime::pow(s.tensor(0), cm1))));
      }
    }
  }
  // element-wise binary ops (a broadcast operand's gradient is summed back by the caller)
  else if (op == "add" || op == "sub" || op == "mul" || op == "truediv" || op == "div") {
    if (node.tensors.size() != 2) unsupported();
    if (op == "add") {
      if (need(0)) out[0] = g;
      if (need(1)) out[1] = g;
    } else if (op == "sub") {
      if (need(0)) out[0] = g;
      if (need(1)) out[1] = check(vm, runtime::neg(g));
    } else if (op == "mul") {
      if (need(0)) out[0] = mul(g, s.operand(1));
      if (need(1)) out[1] = mul(g, s.operand(0));
    } else {
      if (need(0)) out[0] = check(vm, runtime::div(g, s.operand(1)));
      if (need(1))  // -g * ((a / b) / b)
        out[1] = mul(check(vm, runtime::neg(g)),
                     check(vm, runtime::div(check(vm, runtime::div(s.operand(0), s.tensor(1))),
                                            s.tensor(1))));
    }
  } else if (op == "masked_fill") {  // masked_fill(self, mask): value is a constant
    if (need(0)) out[0] = check(vm, runtime::where(s.tensor(1), runtime::Scalar(int64_t{0}), g));
  } else if (op == "where") {  // where(cond, a, b)
    if (need(1) || need(2)) {
      const Tensor& cond = s.tensor(0);
      runtime::Scalar zero(int64_t{0});
      if (need(1)) out[1] = check(vm, runtime::where(cond, g, zero));
      if (need(2)) out[2] = check(vm, runtime::where(cond, zero, g));
    }
  }
  // reductions
  else if (op == "sum" || op == "mean") {
    if (node.tensors.size() != 1) unsupported();
    if (need(0)) out[0] = reductionGrad(vm, node, s.meta(0), g);
  }
  // shapes
  else if (op == "view" || op == "reshape" || op == "flatten" || op == "unsqueeze" ||
           op == "squeeze" || op == "clone" || op == "contiguous" || op == "view_as" ||
           op == "as_tensor" || op == "copy") {
    if (need(0)) out[0] = reshapeTo(vm, g, s.meta(0).sizes());
  } else if (op == "expand") {
    if (need(0)) out[0] = g;  // summed back to the input's shape by the caller
  } else if (op == "t") {
    if (need(0)) out[0] = check(vm, runtime::t(g));
  } else if (op == "transpose") {
    if (node.args.dims.size() != 2) unsupported();
    if (need(0)) out[0] = check(vm, runtime::transpose(g, node.args.dims[0], node.args.dims[1]));
  } else if (op == "permute") {
    if (need(0)) {
      const int64_t n = s.meta(0).dim();
      if (static_cast<int64_t>(node.args.dims.size()) != n) unsupported();
      std::vector<int64_t> inverse(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) inverse[wrap(node.args.dims[i], n)] = i;
      out[0] = check(vm, runtime::permute(g, inverse));
    }
  } else if (op == "float" || op == "double" || op == "to" || op == "type_as") {
    if (need(0)) out[0] = g.to(s.meta(0).dtype());
  } else if (op == "setitem") {  // self[key] = value (in place): value's part of g is value's
    const auto items = tensorIndexItems(vm, s.value(2));
    if (need(0)) {
      Tensor rest = g.clone();
      check(vm, runtime::setitem(rest, items, runtime::Scalar(int64_t{0})));
      out[0] = rest;
    }
    if (need(1)) out[1] = check(vm, runtime::index(g, items));
  } else if (op == "copy_") {  // self.copy_(src): self's old value no longer counts
    if (need(1)) out[1] = g;
  } else if (op == "getitem" || op == "unbind") {  // basic indexing: g lands in zeros
    if (need(0)) {
      auto items = tensorIndexItems(vm, s.value(1));
      for (const auto& item : items)
        if (std::holds_alternative<Tensor>(item)) unsupported();
      Tensor z = runtime::zerosLike(s.meta(0));
      check(vm, runtime::setitem(z, items, g));
      out[0] = z;
    }
  }
  // linear algebra
  else if (op == "matmul" || op == "mm") {
    if (!s.isTensor(0) || !s.isTensor(1)) unsupported();
    std::vector<bool> n2 = {need(0), need(1)};
    matmulGrads(vm, s, g, n2, out, what, op);
  } else if (op == "linear") {
    if (!s.isTensor(1) || s.meta(1).dim() != 2) unsupported();
    std::vector<bool> n3 = {need(0), need(1), need(2)};
    linearGrads(vm, s, g, n3, out);
  }
  // softmax and the losses
  else if (op == "softmax" || op == "log_softmax") {
    if (node.args.dims.size() != 1) unsupported();
    if (need(0))
      out[0] =
          check(vm, op == "softmax" ? runtime::softmaxBackward(g, s.out(), node.args.dims[0])
                                    : runtime::logSoftmaxBackward(g, s.out(), node.args.dims[0]));
  } else if (op == "cross_entropy" || op == "nll_loss") {
    if (need(1)) unsupported();  // (class indices never require grad)
    if (need(0)) {
      const Tensor& x = s.tensor(0);
      const int64_t dim = x.dim() == 1 ? 0 : 1;
      Tensor logp = op == "nll_loss" ? x : check(vm, runtime::logSoftmax(x, dim));
      Tensor gl = check(vm, runtime::nllLossBackward(g, logp, s.tensor(1), reductionOf(vm, node),
                                                     node.args.ignore_index));
      out[0] = op == "nll_loss" ? gl : check(vm, runtime::logSoftmaxBackward(gl, logp, dim));
    }
  } else if (op == "mse_loss") {  // mse_backward: norm * (x - y) * g
    if (need(0) || need(1)) {
      const Tensor& x = s.tensor(0);
      double norm = reductionOf(vm, node) == runtime::Reduction::Mean
                        ? 2.0 / static_cast<double>(std::max<int64_t>(x.numel(), 1))
                        : 2.0;
      Tensor gx = mul(mul(norm, check(vm, runtime::sub(x, s.tensor(1)))), g);
      if (need(0)) out[0] = gx;
      if (need(1)) out[1] = check(vm, runtime::neg(gx));
    }
  } else if (!nnLayerGradients(vm, node, g, needs, out) &&
             !triEinsumGradients(vm, node, g, needs, out) &&
             !nnCoreGradients(vm, node, g, needs, out)) {
    unsupported();
  }
  return out;
}

}  // namespace gbc::interp
