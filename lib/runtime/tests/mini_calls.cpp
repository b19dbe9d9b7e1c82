// Test-only: torch functions, tensor methods, modules and builtins for mini_eval.
#include "tests/mini_calls.h"

#include <cmath>

namespace gbc::runtime::testing {

namespace {

template <typename T>
T must(Expected<T> e) {
  if (!e) throw TorchException{e.error()};
  return std::move(*e);
}
void must(Status s) {
  if (!s) throw TorchException{s.error()};
}

const Tensor& tensorOf(const ValPtr& v) {
  if (v->kind != Val::Kind::Tensor) throw Unsupported("expected a tensor");
  return v->t;
}

Scalar scalarOf(const Val& v) {
  switch (v.kind) {
    case Val::Kind::Int:
      return v.i;
    case Val::Kind::Float:
      return v.f;
    case Val::Kind::Bool:
      return v.b;
    default:
      throw Unsupported("expected a number");
  }
}

Operand operandOf(const ValPtr& v) {
  if (v->kind == Val::Kind::Tensor) return v->t;
  return Operand(scalarOf(*v));
}

ValPtr scalarVal(const Scalar& s) {
  if (const auto* i = std::get_if<int64_t>(&s)) return makeInt(*i);
  if (const auto* b = std::get_if<bool>(&s)) return makeBool(*b);
  return makeFloat(std::get<double>(s));
}

ValPtr nestedVal(const Nested& n) {
  if (!n.isList()) return scalarVal(n.scalar());
  auto v = makeKind(Val::Kind::List, {});
  for (const Nested& c : n.list()) v->items.push_back(nestedVal(c));
  return v;
}

Nested toNested(const Val& v) {
  if (v.kind == Val::Kind::List || v.kind == Val::Kind::Tuple) {
    std::vector<Nested> items;
    for (const auto& x : v.items) items.push_back(toNested(*x));
    return Nested{std::move(items)};
  }
  return Nested{scalarOf(v)};
}

/// Sizes given as varargs ints or as one tuple/list/Size, from position `from`.
Shape shapeArgs(const Args& a, size_t from = 0) {
  Shape s;
  if (a.pos.size() == from + 1 && a.pos[from]->kind != Val::Kind::Int) {
    const Val& v = *a.pos[from];
    if (v.kind == Val::Kind::Size) return v.size;
    for (const auto& x : v.items) s.push_back(x->i);
    return s;
  }
  for (size_t k = from; k < a.pos.size(); ++k) s.push_back(a.pos[k]->i);
  return s;
}

const ValPtr* kwarg(const Args& a, const char* name) {
  auto it = a.kw.find(name);
  return it == a.kw.end() ? nullptr : &it->second;
}

std::optional<DType> dtypeKw(const Args& a) {
  if (const ValPtr* v = kwarg(a, "dtype")) return (*v)->dtype;
  return std::nullopt;
}

bool boolKw(const Args& a, const char* name, bool def = false) {
  const ValPtr* v = kwarg(a, name);
  return v ? (*v)->b : def;
}

/// Positional argument i or keyword `name`.
const ValPtr* arg(const Args& a, size_t i, const char* name) {
  if (i < a.pos.size()) return &a.pos[i];
  return kwarg(a, name);
}

DimList dimsArg(const Args& a, size_t i, const char* name) {
  const ValPtr* v = arg(a, i, name);
  if (!v || (*v)->kind == Val::Kind::None) return std::nullopt;
  if ((*v)->kind == Val::Kind::Int) return std::vector<int64_t>{(*v)->i};
  std::vector<int64_t> dims;
  for (const auto& x : (*v)->items) dims.push_back(x->i);
  return dims;
}

ValPtr withGradKw(Tensor t, const Args& a) {
  if (boolKw(a, "requires_grad")) t.setRequiresGrad(true);
  return makeTensor(std::move(t));
}

ValPtr returnTypes(const char* name, const ValuesIndices& vi, const Tensor& input,
                   const char* gradFn) {
  auto v = makeKind(Val::Kind::ReturnTypes, name);
  v->items.push_back(gradResult(vi.values, {&input}, gradFn));
  v->items.push_back(makeTensor(vi.indices));
  return v;
}

std::vector<Tensor> tensorList(const Val& v) {
  std::vector<Tensor> out;
  for (const auto& x : v.items) out.push_back(x->t);
  return out;
}

ValPtr tupleOf(const std::vector<Tensor>& ts, const Tensor& input, const char* gradFn) {
  auto v = makeKind(Val::Kind::Tuple, {});
  for (const Tensor& t : ts) v->items.push_back(gradResult(t, {&input}, gradFn));
  return v;
}

ValPtr moduleVal(std::shared_ptr<Module> m) {
  auto v = makeKind(Val::Kind::Module, {});
  v->module = std::move(m);
  return v;
}

ValPtr callModule(const Module& m, const Tensor& x) {
  if (m.kind == "ReLU") return gradResult(relu(x), {&x}, "ReluBackward0");
  if (m.kind == "GELU") return gradResult(must(gelu(x)), {&x}, "GeluBackward0");
  if (m.kind == "LayerNorm") {
    return gradResult(must(layerNorm(x, m.normalizedShape, m.weight, m.bias, 1e-5)),
                      {&x, &m.weight}, "NativeLayerNormBackward0");
  }
  // Linear: torch names the result after its last autograd node.
  std::optional<Tensor> b;
  if (m.bias.defined()) b = m.bias;
  Tensor y = must(linear(x, m.weight, b));
  const char* name =
      x.dim() == 2 ? (b ? "AddmmBackward0" : "MmBackward0")
                   : (x.dim() == 1 ? (b ? "ViewBackward0" : "SqueezeBackward4") : "ViewBackward0");
  return gradResult(y, {&x, &m.weight}, name);
}

ValPtr callTorch(const std::string& name, const Args& a);
ValPtr callMethod(const ValPtr& self, const std::string& name, const Args& a);

}  // namespace

ValPtr gradResult(Tensor r, std::initializer_list<const Tensor*> inputs, const char* gradFn) {
  for (const Tensor* t : inputs) {
    if (t->defined() && (t->requiresGrad() || !t->gradFn().empty())) {
      r.setGradFn(gradFn);
      break;
    }
  }
  return makeTensor(std::move(r));
}

ValPtr tensorBinary(const std::string& op, const ValPtr& a, const ValPtr& b) {
  Operand x = operandOf(a), y = operandOf(b);
  const Tensor& ta = x.tensor();
  const Tensor& tb = y.tensor();
  if (op == "+") return gradResult(must(add(x, y)), {&ta, &tb}, "AddBackward0");
  if (op == "-") return gradResult(must(sub(x, y)), {&ta, &tb}, "SubBackward0");
  if (op == "*") return gradResult(must(mul(x, y)), {&ta, &tb}, "MulBackward0");
  if (op == "/") return gradResult(must(div(x, y)), {&ta, &tb}, "DivBackward0");
  if (op == "//") return makeTensor(must(floorDivide(x, y)));
  if (op == "%") return makeTensor(must(remainder(x, y)));
  if (op == "**") return gradResult(must(pow(x, y)), {&ta, &tb}, "PowBackward0");
  if (op == "@") {
    const char* name = tb.dim() == 1 ? "MvBackward0" : "MmBackward0";
    return gradResult(must(matmul(ta, tb)), {&ta, &tb}, name);
  }
  if (op == "==") return makeTensor(must(eq(x, y)));
  if (op == "!=") return makeTensor(must(ne(x, y)));
  if (op == "<") return makeTensor(must(lt(x, y)));
  if (op == "<=") return makeTensor(must(le(x, y)));
  if (op == ">") return makeTensor(must(gt(x, y)));
  if (op == ">=") return makeTensor(must(ge(x, y)));
  throw Unsupported("tensor operator " + op);
}

ValPtr callValue(const ValPtr& callee, const Args& a) {
  if (callee->kind == Val::Kind::Func) return callTorch(callee->s, a);
  if (callee->kind == Val::Kind::Method) return callMethod(callee->items[0], callee->s, a);
  if (callee->kind == Val::Kind::Module) return callModule(*callee->module, tensorOf(a.pos.at(0)));
  throw Unsupported("call of a non-function");
}

namespace {

ValPtr callTorch(const std::string& fullName, const Args& a) {
  std::string name = fullName;
  for (const char* prefix : {"torch.nn.functional.", "torch.nn.", "torch."}) {
    if (name.rfind(prefix, 0) == 0) {
      name = std::string(prefix) == "torch.nn." ? "nn." + name.substr(9)
                                                : name.substr(std::string(prefix).size());
      break;
    }
  }
  const bool functional = fullName.rfind("torch.nn.functional.", 0) == 0;
  // Builtins.
  if (fullName == "len") {
    const Val& v = *a.pos[0];
    return makeInt(v.kind == Val::Kind::Tensor ? v.t.sizes().at(0)
                                               : static_cast<int64_t>(v.items.size()));
  }
  if (fullName == "float") {
    const Val& v = *a.pos[0];
    if (v.kind == Val::Kind::Str) return makeFloat(std::strtod(v.s.c_str(), nullptr));
    return makeFloat(v.kind == Val::Kind::Tensor ? scalarToDouble(must(v.t.item()))
                                                 : scalarToDouble(scalarOf(v)));
  }
  if (fullName == "int") {
    const Val& v = *a.pos[0];
    return makeInt(v.kind == Val::Kind::Tensor ? scalarToInt(must(v.t.item()))
                                               : scalarToInt(scalarOf(v)));
  }
  if (fullName == "bool") {
    const Val& v = *a.pos[0];
    return makeBool(scalarToDouble(v.kind == Val::Kind::Tensor ? must(v.t.item()) : scalarOf(v)) !=
                    0);
  }
  if (fullName == "round") return makeInt(static_cast<int64_t>(std::nearbyint(a.pos[0]->f)));
  if (fullName == "repr") return makeKind(Val::Kind::Str, strOf(*a.pos[0], currentPrintOptions()));
  if (fullName == "list") {
    if (a.pos[0]->kind == Val::Kind::List) return a.pos[0];
    throw Unsupported("list()");
  }
  // Factories.
  if (name == "tensor") {
    Tensor t = must(fromNested(toNested(*a.pos[0]), dtypeKw(a)));
    return withGradKw(t, a);
  }
  if (name == "zeros")
    return withGradKw(must(zeros(shapeArgs(a), dtypeKw(a).value_or(kDefaultFloat))), a);
  if (name == "ones")
    return withGradKw(must(ones(shapeArgs(a), dtypeKw(a).value_or(kDefaultFloat))), a);
  if (name == "empty")
    return withGradKw(must(empty(shapeArgs(a), dtypeKw(a).value_or(kDefaultFloat))), a);
  if (name == "full")
    return withGradKw(must(full(shapeArgs({{a.pos[0]}, {}}), scalarOf(*a.pos[1]), dtypeKw(a))), a);
  if (name == "arange") {
    std::vector<Scalar> s;
    for (const auto& p : a.pos) s.push_back(scalarOf(*p));
    Tensor t = s.size() == 1
                   ? must(arange(s[0], dtypeKw(a)))
                   : must(arange(s[0], s[1], s.size() > 2 ? s[2] : Scalar(int64_t{1}), dtypeKw(a)));
    return withGradKw(t, a);
  }
  if (name == "linspace") {
    return makeTensor(must(linspace(scalarOf(*a.pos[0]), scalarOf(*a.pos[1]), a.pos[2]->i)));
  }
  if (name == "eye") {
    std::optional<int64_t> m;
    if (a.pos.size() > 1) m = a.pos[1]->i;
    return makeTensor(must(eye(a.pos[0]->i, m, dtypeKw(a).value_or(kDefaultFloat))));
  }
  if (name == "randn")
    return withGradKw(must(randn(shapeArgs(a), dtypeKw(a).value_or(kDefaultFloat))), a);
  if (name == "rand")
    return withGradKw(must(rand(shapeArgs(a), dtypeKw(a).value_or(kDefaultFloat))), a);
  if (name == "randint") {
    return makeTensor(must(randint(a.pos[0]->i, a.pos[1]->i, shapeArgs({{a.pos[2]}, {}}))));
  }
  if (name == "zeros_like") return makeTensor(zerosLike(tensorOf(a.pos[0]), dtypeKw(a)));
  if (name == "ones_like") return makeTensor(onesLike(tensorOf(a.pos[0]), dtypeKw(a)));
  if (name == "full_like")
    return makeTensor(fullLike(tensorOf(a.pos[0]), scalarOf(*a.pos[1]), dtypeKw(a)));
  if (name == "rand_like") return makeTensor(must(randLike(tensorOf(a.pos[0]), dtypeKw(a))));
  if (name == "Size") {
    auto v = makeKind(Val::Kind::Size, {});
    for (const auto& x : a.pos[0]->items) v->size.push_back(x->i);
    return v;
  }
  // Modules.
  if (name == "nn.Linear") {
    auto m = std::make_shared<Module>();
    m->kind = "Linear";
    m->in = a.pos[0]->i;
    m->out = a.pos[1]->i;
    LinearParams p = must(initLinear(m->in, m->out, boolKw(a, "bias", true)));
    m->weight = p.weight;
    m->bias = p.bias;
    return moduleVal(m);
  }
  if (name == "nn.ReLU" || name == "nn.GELU") {
    auto m = std::make_shared<Module>();
    m->kind = name.substr(3);
    return moduleVal(m);
  }
  if (name == "nn.LayerNorm") {
    auto m = std::make_shared<Module>();
    m->kind = "LayerNorm";
    m->normalizedShape = {a.pos[0]->i};
    m->weight = must(ones(m->normalizedShape));
    m->bias = must(zeros(m->normalizedShape));
    m->weight.setRequiresGrad(true);
    m->bias.setRequiresGrad(true);
    return moduleVal(m);
  }
  if (name == "nn.Parameter") {
    Tensor t = tensorOf(a.pos[0]).detach();
    t.setRequiresGrad(true);
    auto v = makeTensor(t);
    v->parameter = true;
    return v;
  }
  // Functions of tensors.
  const Tensor* x = !a.pos.empty() && a.pos[0]->kind == Val::Kind::Tensor ? &a.pos[0]->t : nullptr;
  if (name == "cat" || name == "stack") {
    auto ts = tensorList(*a.pos[0]);
    int64_t dim = a.pos.size() > 1 ? a.pos[1]->i : (kwarg(a, "dim") ? (*kwarg(a, "dim"))->i : 0);
    Tensor r = name == "cat" ? must(cat(ts, dim)) : must(stack(ts, dim));
    return gradResult(r, {&ts[0]}, name == "cat" ? "CatBackward0" : "StackBackward0");
  }
  if (name == "unbind") return tupleOf(must(unbind(*x, 0)), *x, "UnbindBackward0");
  if (name == "where") {
    if (a.pos.size() == 1) {
      auto v = makeKind(Val::Kind::Tuple, {});
      for (const Tensor& t : where(*x)) v->items.push_back(makeTensor(t));
      return v;
    }
    return makeTensor(must(where(*x, operandOf(a.pos[1]), operandOf(a.pos[2]))));
  }
  if (name == "equal") return makeBool(equal(*x, tensorOf(a.pos[1])));
  if (name == "add") {
    Scalar alpha = kwarg(a, "alpha") ? scalarOf(**kwarg(a, "alpha")) : Scalar(int64_t{1});
    return makeTensor(must(add(operandOf(a.pos[0]), operandOf(a.pos[1]), alpha)));
  }
  if (name == "max" && a.pos.size() == 2 && a.pos[1]->kind == Val::Kind::Tensor) {
    return makeTensor(must(maximum(*x, a.pos[1]->t)));
  }
  if (name == "fmod") return makeTensor(must(fmod(operandOf(a.pos[0]), operandOf(a.pos[1]))));
  if (name == "pow") return makeTensor(must(pow(operandOf(a.pos[0]), operandOf(a.pos[1]))));
  if (name == "mm") return makeTensor(must(mm(*x, tensorOf(a.pos[1]))));
  if (name == "matmul") return makeTensor(must(matmul(*x, tensorOf(a.pos[1]))));
  if (name == "bmm") return makeTensor(must(bmm(*x, tensorOf(a.pos[1]))));
  if (name == "dot") return makeTensor(must(dot(*x, tensorOf(a.pos[1]))));
  if (name == "linear") {
    std::optional<Tensor> b;
    if (a.pos.size() > 2) b = tensorOf(a.pos[2]);
    return makeTensor(must(linear(*x, tensorOf(a.pos[1]), b)));
  }
  if (name == "layer_norm") {
    Shape ns;
    for (const auto& d : a.pos[1]->items) ns.push_back(d->i);
    std::optional<Tensor> w, b;
    if (a.pos.size() > 2) w = tensorOf(a.pos[2]);
    if (a.pos.size() > 3) b = tensorOf(a.pos[3]);
    double eps = kwarg(a, "eps") ? (*kwarg(a, "eps"))->f : 1e-5;
    return gradResult(must(layerNorm(*x, ns, w, b, eps)), {x}, "NativeLayerNormBackward0");
  }
  if (name == "gelu") {
    std::string approx = kwarg(a, "approximate") ? (*kwarg(a, "approximate"))->s : "none";
    return gradResult(must(gelu(*x, approx)), {x}, "GeluBackward0");
  }
  if (name == "softmax" || name == "log_softmax") {
    int64_t dim = a.pos.size() > 1 ? a.pos[1]->i : (*kwarg(a, "dim"))->i;
    Tensor r = name == "softmax" ? must(softmax(*x, dim)) : must(logSoftmax(*x, dim));
    return gradResult(r, {x}, name == "softmax" ? "SoftmaxBackward0" : "LogSoftmaxBackward0");
  }
  if (x && !functional)
    return callMethod(a.pos[0], name, Args{{a.pos.begin() + 1, a.pos.end()}, a.kw});
  if (x && functional && name == "relu") return callMethod(a.pos[0], name, Args{{}, {}});
  throw Unsupported("function " + fullName);
}

ValPtr callMethod(const ValPtr& selfV, const std::string& name, const Args& a) {
  if (selfV->kind == Val::Kind::Module) {
    if (name == "parameters") {
      auto v = makeKind(Val::Kind::List, {});
      for (const Tensor* t : {&selfV->module->weight, &selfV->module->bias}) {
        if (!t->defined()) continue;
        auto p = makeTensor(*t);
        p->parameter = true;
        v->items.push_back(p);
      }
      return v;
    }
    throw Unsupported("module method " + name);
  }
  const Tensor& x = tensorOf(selfV);
  auto intArg = [&](size_t i, const char* kw, int64_t def) {
    const ValPtr* v = arg(a, i, kw);
    return v ? (*v)->i : def;
  };
  const bool keepdim = boolKw(a, "keepdim") ||
                       (a.pos.size() > 1 && a.pos[1]->kind == Val::Kind::Bool && a.pos[1]->b);
  if (name == "reshape" || name == "view") {
    Tensor r = name == "reshape" ? must(reshape(x, shapeArgs(a))) : must(view(x, shapeArgs(a)));
    return gradResult(r, {&x}, "ViewBackward0");
  }
  if (name == "t") return gradResult(must(t(x)), {&x}, "TBackward0");
  if (name == "transpose")
    return gradResult(must(transpose(x, a.pos[0]->i, a.pos[1]->i)), {&x}, "TransposeBackward0");
  if (name == "permute") return makeTensor(must(permute(x, shapeArgs(a))));
  if (name == "unsqueeze")
    return gradResult(must(unsqueeze(x, a.pos[0]->i)), {&x}, "UnsqueezeBackward0");
  if (name == "squeeze")
    return makeTensor(a.pos.empty() ? squeeze(x) : must(squeeze(x, a.pos[0]->i)));
  if (name == "flatten")
    return makeTensor(must(flatten(x, intArg(0, "start_dim", 0), intArg(1, "end_dim", -1))));
  if (name == "expand") return makeTensor(must(expand(x, shapeArgs(a))));
  if (name == "contiguous") return makeTensor(x.contiguous());
  if (name == "sum")
    return gradResult(must(sum(x, dimsArg(a, 0, "dim"), keepdim)), {&x}, "SumBackward0");
  if (name == "mean")
    return gradResult(must(mean(x, dimsArg(a, 0, "dim"), keepdim)), {&x}, "MeanBackward0");
  if (name == "amax") return makeTensor(must(amax(x, dimsArg(a, 0, "dim"), keepdim)));
  if (name == "amin") return makeTensor(must(amin(x, dimsArg(a, 0, "dim"), keepdim)));
  if (name == "prod") return makeTensor(must(prod(x)));
  if (name == "std") return makeTensor(must(stdDev(x, dimsArg(a, 0, "dim"))));
  if (name == "var") return makeTensor(must(var(x, dimsArg(a, 0, "dim"))));
  if (name == "max" || name == "min") {
    const ValPtr* d = arg(a, 0, "dim");
    if (!d) return gradResult(must(name == "max" ? max(x) : min(x)), {&x}, "MaxBackward1");
    auto vi = must(name == "max" ? max(x, (*d)->i, keepdim) : min(x, (*d)->i, keepdim));
    return returnTypes(name == "max" ? "max" : "min", vi, x,
                       name == "max" ? "MaxBackward0" : "MinBackward0");
  }
  if (name == "argmax" || name == "argmin") {
    const ValPtr* d = arg(a, 0, "dim");
    std::optional<int64_t> dim;
    if (d) dim = (*d)->i;
    return makeTensor(must(name == "argmax" ? argmax(x, dim, keepdim) : argmin(x, dim, keepdim)));
  }
  if (name == "sort") return returnTypes("sort", must(sort(x)), x, "SortBackward0");
  if (name == "topk") return returnTypes("topk", must(topk(x, a.pos[0]->i)), x, "TopkBackward0");
  if (name == "chunk") return tupleOf(must(chunk(x, a.pos[0]->i)), x, "SplitBackward0");
  if (name == "split") return tupleOf(must(split(x, a.pos[0]->i)), x, "SplitBackward0");
  if (name == "abs") return gradResult(abs(x), {&x}, "AbsBackward0");
  if (name == "exp") return gradResult(exp(x), {&x}, "ExpBackward0");
  if (name == "log") return gradResult(log(x), {&x}, "LogBackward0");
  if (name == "sqrt") return gradResult(sqrt(x), {&x}, "SqrtBackward0");
  if (name == "sin") return gradResult(sin(x), {&x}, "SinBackward0");
  if (name == "cos") return gradResult(cos(x), {&x}, "CosBackward0");
  if (name == "tanh") return gradResult(tanh(x), {&x}, "TanhBackward0");
  if (name == "sigmoid") return gradResult(sigmoid(x), {&x}, "SigmoidBackward0");
  if (name == "relu") return gradResult(relu(x), {&x}, "ReluBackward0");
  if (name == "neg") return gradResult(must(neg(x)), {&x}, "NegBackward0");
  if (name == "softmax") {
    return gradResult(must(softmax(x, intArg(0, "dim", -1))), {&x}, "SoftmaxBackward0");
  }
  if (name == "clone") return gradResult(x.clone(), {&x}, "CloneBackward0");
  if (name == "detach") return makeTensor(x.detach());
  if (name == "double" || name == "float" || name == "long" || name == "int" || name == "bool" ||
      name == "to") {
    DType dt = name == "to" ? a.pos[0]->dtype : *parseDType(name);
    Tensor r = x.to(dt);
    if (r.storage() == x.storage()) return selfV;
    return gradResult(r, {&x}, "ToCopyBackward0");
  }
  if (name == "requires_grad_") {
    Tensor r = x;
    r.setRequiresGrad(true);
    return makeTensor(r);
  }
  if (name == "item") return scalarVal(must(x.item()));
  if (name == "tolist") return nestedVal(x.tolist());
  if (name == "size") {
    if (a.pos.empty()) {
      auto v = makeKind(Val::Kind::Size, {});
      v->size = x.sizes();
      return v;
    }
    return makeInt(must(x.size(a.pos[0]->i)));
  }
  if (name == "dim") return makeInt(x.dim());
  if (name == "numel") return makeInt(x.numel());
  if (name == "add_") {
    must(add_(x, operandOf(a.pos[0])));
    return selfV;
  }
  if (name == "backward") {
    if (x.numel() != 1)
      throw TorchException{runtimeError("grad can be implicitly created only for scalar outputs")};
    throw Unsupported("backward");
  }
  throw Unsupported("method " + name);
}

}  // namespace

}  // namespace gbc::runtime::testing
