// gbc's model of torch: tensor operators and methods, the torch namespace, recorded as graph
// nodes while Dynamo traces (call_function / call_method targets as Dynamo names them).
#include "interp/torch_model.h"

#include <cmath>

#include "interp/autograd.h"
#include "interp/causes.h"
#include "interp/dynamo.h"
#include "interp/format.h"
#include "interp/numpy_model.h"
#include "interp/runtime_compat.h"
#include "interp/stdlib_io.h"
#include "interp/struct_seq.h"
#include "interp/trace_rules.h"
#include "runtime/ops.h"
#include "runtime/printing.h"

namespace gbc::interp {

using runtime::Tensor;
using syntax::BinOpKind;
using syntax::CmpOpKind;

Value wrapTensor(Tensor t) {
  // a kernel computes a bfloat16/half (int8, ...) result in its carrier type: every value a
  // program sees is rounded to the dtype, as torch's kernels round each result
  t.narrowStorage();
  return std::make_shared<TensorObject>(std::move(t));
}

static Tensor& T(const Value& v) { return tensorArg(v); }

void raiseTorchError(VM& vm, const runtime::TorchError& e) {
  ClassPtr cls = vm.b().runtime_error;
  switch (e.kind) {
    case runtime::ErrorKind::IndexError:
      cls = vm.b().index_error;
      break;
    case runtime::ErrorKind::ValueError:
      cls = vm.b().value_error;
      break;
    case runtime::ErrorKind::TypeError:
      cls = vm.b().type_error;
      break;
    case runtime::ErrorKind::NotImplementedError:
      cls = vm.b().not_implemented_error;
      break;
    case runtime::ErrorKind::RuntimeError:
      break;
  }
  vm.raise(cls, e.message);
}

static runtime::Scalar toScalar(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::Bool:
      return as<BoolObject>(v).v;
    case Kind::Int:
      return asInt(v);
    case Kind::Float:
      return as<FloatObject>(v).v;
    default:
      vm.raise(vm.b().type_error, "expected a number, got " + vm.typeOf(v)->name);
  }
}

static bool isNumber(const Value& v) {
  return v->kind == Kind::Int || v->kind == Kind::Bool || v->kind == Kind::Float;
}

runtime::Operand tensorOperand(VM& vm, const Value& v) {
  if (v->kind == Kind::Tensor) return runtime::Operand(T(v));
  return runtime::Operand(toScalar(vm, v));
}

/// Records a graph node for a tensor op when tracing and returns the result.
static Value record(VM& vm, const std::string& target, graph::NodeOp op,
                    const std::vector<Value>& inputs, Value out, const GradArgs& args = {}) {
  applyGradFn(vm, target, inputs, out, args);
  vm.dynamo().recordOp(vm, target, op, inputs, {out});
  return out;
}

static Value fnResult(VM& vm, const std::string& target, const std::vector<Value>& inputs, Tensor t,
                      const GradArgs& args = {}) {
  return record(vm, target, graph::NodeOp::CallFunction, inputs, wrapTensor(std::move(t)), args);
}
static Value methodResult(VM& vm, const std::string& target, const std::vector<Value>& inputs,
                          Tensor t, const GradArgs& args = {}) {
  return record(vm, target, graph::NodeOp::CallMethod, inputs, wrapTensor(std::move(t)), args);
}
/// A method's result, recorded as x.<name>(...) or torch.<name>(x, ...).
static Value result(VM& vm, bool as_method, const std::string& target,
                    const std::vector<Value>& inputs, Tensor t, const GradArgs& args) {
  return as_method ? methodResult(vm, target, inputs, std::move(t), args)
                   : fnResult(vm, target, inputs, std::move(t), args);
}

static const char* opTarget(BinOpKind op, bool inplace) {
  switch (op) {
    case BinOpKind::Add:
      return inplace ? "iadd" : "add";
    case BinOpKind::Sub:
      return inplace ? "isub" : "sub";
    case BinOpKind::Mult:
      return inplace ? "imul" : "mul";
    case BinOpKind::Div:
      return inplace ? "itruediv" : "truediv";
    case BinOpKind::FloorDiv:
      return inplace ? "ifloordiv" : "floordiv";
    case BinOpKind::Mod:
      return inplace ? "imod" : "mod";
    case BinOpKind::Pow:
      return inplace ? "ipow" : "pow";
    case BinOpKind::MatMult:
      return inplace ? "imatmul" : "matmul";
    case BinOpKind::BitAnd:
      return inplace ? "iand" : "and_";
    case BinOpKind::BitOr:
      return inplace ? "ior" : "or_";
    case BinOpKind::BitXor:
      return inplace ? "ixor" : "xor";
    case BinOpKind::LShift:
      return "lshift";
    case BinOpKind::RShift:
      return "rshift";
  }
  return "?";
}

static runtime::Expected<Tensor> applyBinary(VM& vm, BinOpKind op, const Value& a, const Value& b) {
  runtime::Operand x = tensorOperand(vm, a), y = tensorOperand(vm, b);
  switch (op) {
    case BinOpKind::Add:
      return runtime::add(x, y);
    case BinOpKind::Sub:
      return runtime::sub(x, y);
    case BinOpKind::Mult:
      return runtime::mul(x, y);
    case BinOpKind::Div:
      // number / tensor is Tensor.__rtruediv__: self.reciprocal() * other (_tensor.py)
      if (isNumber(a) && b->kind == Kind::Tensor) {
        runtime::Expected<Tensor> r = runtime::div(int64_t{1}, y);
        if (!r) return r;
        r->narrowStorage();  // (reciprocal's own result, in the tensor's dtype)
        return runtime::mul(*r, x);
      }
      return runtime::div(x, y);
    case BinOpKind::FloorDiv:
      return runtime::floorDivide(x, y);
    case BinOpKind::Mod:
      return runtime::remainder(x, y);
    case BinOpKind::Pow:
      return runtime::pow(x, y);
    case BinOpKind::MatMult:
      return runtime::matmul(x.tensor(), y.tensor());
    case BinOpKind::BitAnd:
      return runtime::logicalAnd(x, y);
    case BinOpKind::BitOr:
      return runtime::logicalOr(x, y);
    case BinOpKind::BitXor:
      return runtime::logicalXor(x, y);
    default:
      vm.unsupported("tensor shift operator");
  }
}

static const char* modeMethod(BinOpKind op) {
  switch (op) {
    case BinOpKind::Add:
      return "add";
    case BinOpKind::Sub:
      return "sub";
    case BinOpKind::Mult:
      return "mul";
    case BinOpKind::Div:
      return "div";
    default:
      return nullptr;
  }
}

Value tensorBinaryOp(VM& vm, BinOpKind op, const Value& a, const Value& b, bool inplace) {
  if (!inplace && (a->kind == Kind::Tensor || b->kind == Kind::Tensor))
    if (Value r = dispatchTorchFunctionMode(vm, modeMethod(op), a, b)) return r;
  if (!(a->kind == Kind::Tensor || isNumber(a)) || !(b->kind == Kind::Tensor || isNumber(b))) {
    if (a->kind == Kind::Tensor && (b->kind == Kind::List || b->kind == Kind::Tuple))
      return nullptr;
    return nullptr;
  }
  if (inplace && a->kind == Kind::Tensor) {
    vm.dynamo().journalTensor(vm, a);
    Tensor r = check(vm, applyBinary(vm, op, a, b));
    applyInplaceGradFn(vm, opTarget(op, true), a, {b});
    check(vm, runtime::copy_(T(a), r));
    vm.dynamo().recordOp(vm, opTarget(op, true), graph::NodeOp::CallFunction, {a, b}, {a});
    return a;
  }
  if (op == BinOpKind::MatMult && cpuAutocastDType()) {  // a lower_precision_fp op
    Value ca = autocastLower(vm, a), cb = autocastLower(vm, b);
    Value out = wrapTensor(check(vm, applyBinary(vm, op, ca, cb)));
    applyGradFn(vm, "matmul", {ca, cb}, out);
    vm.dynamo().recordOp(vm, "matmul", graph::NodeOp::CallFunction, {a, b}, {out});
    return out;
  }
  return fnResult(vm, opTarget(op, false), {a, b}, check(vm, applyBinary(vm, op, a, b)));
}

Value tensorUnaryOp(VM& vm, syntax::UnaryOpKind op, const Value& a) {
  if (op == syntax::UnaryOpKind::USub)
    return fnResult(vm, "neg", {a}, check(vm, runtime::neg(T(a))));
  if (op == syntax::UnaryOpKind::UAdd) return a;
  return fnResult(vm, "invert", {a}, runtime::logicalNot(T(a)));
}

Value tensorCompare(VM& vm, CmpOpKind op, const Value& a, const Value& b) {
  if (!(a->kind == Kind::Tensor || isNumber(a)) || !(b->kind == Kind::Tensor || isNumber(b))) {
    if (op == CmpOpKind::Eq) return pyBool(false);
    if (op == CmpOpKind::NotEq) return pyBool(true);
    vm.raise(vm.b().type_error, "unsupported comparison with a tensor");
  }
  runtime::Operand x = tensorOperand(vm, a), y = tensorOperand(vm, b);
  switch (op) {
    case CmpOpKind::Eq:
      return fnResult(vm, "eq", {a, b}, check(vm, runtime::eq(x, y)));
    case CmpOpKind::NotEq:
      return fnResult(vm, "ne", {a, b}, check(vm, runtime::ne(x, y)));
    case CmpOpKind::Lt:
      return fnResult(vm, "lt", {a, b}, check(vm, runtime::lt(x, y)));
    case CmpOpKind::LtE:
      return fnResult(vm, "le", {a, b}, check(vm, runtime::le(x, y)));
    case CmpOpKind::Gt:
      return fnResult(vm, "gt", {a, b}, check(vm, runtime::gt(x, y)));
    case CmpOpKind::GtE:
      return fnResult(vm, "ge", {a, b}, check(vm, runtime::ge(x, y)));
    default:
      vm.unsupported("tensor comparison");
  }
}

static Value scalarValue(const runtime::Scalar& s);

static std::vector<runtime::IndexItem> indexItems(VM& vm, const Value& key) {
  std::vector<Value> keys =
      key->kind == Kind::Tuple ? as<TupleObject>(key).items : std::vector<Value>{key};
  std::vector<runtime::IndexItem> items;
  for (const Value& k : keys) {
    switch (k->kind) {
      case Kind::Int:
      case Kind::Bool:
        items.emplace_back(asInt(k));
        break;
      case Kind::None:
        items.emplace_back(runtime::NoneIndex{});
        break;
      case Kind::Ellipsis:
        items.emplace_back(runtime::EllipsisIndex{});
        break;
      case Kind::Slice: {
        auto& s = as<SliceObject>(k);
        // a bound is an int or has __index__ (a one-element integer tensor: its value)
        auto bound = [&](const Value& b) -> int64_t {
          if (b->kind == Kind::Tensor) {
            const Tensor& t = T(b);
            if (t.numel() != 1 || runtime::isFloating(t.dtype()))
              vm.raise(vm.b().type_error,
                       "only integer tensors of a single element can be converted to an index");
            return asInt(scalarValue(check(vm, t.item())));
          }
          if (b->kind != Kind::Int && b->kind != Kind::Bool)
            vm.raise(vm.b().type_error,
                     "slice indices must be integers or None or have an __index__ method");
          return asInt(b);
        };
        runtime::Slice sl;
        if (!isNone(s.start)) sl.start = bound(s.start);
        if (!isNone(s.stop)) sl.stop = bound(s.stop);
        if (!isNone(s.step)) sl.step = bound(s.step);
        items.emplace_back(sl);
        break;
      }
      case Kind::Tensor:
        items.emplace_back(T(k));
        break;
      case Kind::List: {
        std::vector<runtime::Scalar> vals;
        for (auto& x : as<ListObject>(k).items) vals.push_back(toScalar(vm, x));
        items.emplace_back(check(vm, runtime::fromData(vals, {static_cast<int64_t>(vals.size())},
                                                       runtime::inferDType(vals))));
        break;
      }
      default:
        vm.unsupported("tensor index of type " + vm.typeOf(k)->name);
    }
  }
  return items;
}

std::vector<runtime::IndexItem> tensorIndexItems(VM& vm, const Value& key) {
  return indexItems(vm, key);
}

runtime::Tensor tensorIndex(VM& vm, const Value& t, const Value& key) {
  return check(vm, runtime::index(T(t), indexItems(vm, key)));
}

Value tensorGetItem(VM& vm, const Value& t, const Value& key) {
  auto items = indexItems(vm, key);
  // boolean-mask indexing lowers to aten.nonzero: a dynamic-shape operator (GB0036)
  for (const Value& k :
       key->kind == Kind::Tuple ? as<TupleObject>(key).items : std::vector<Value>{key})
    if (k->kind == Kind::Tensor && T(k).dtype() == runtime::DType::Bool)
      checkDynamicShapeOp(vm, "aten.nonzero.default");
  Value out = fnResult(vm, "getitem", {t, key}, check(vm, runtime::index(T(t), items)));
  // A slice bound by an unbacked int: the result's size is a new unbacked symbol, asserted to be
  // within the dimension (0 <= size <= dim size) at run time.
  if (key->kind == Kind::Slice && vm.dynamo().tracing(vm)) {
    auto& sl = as<SliceObject>(key);
    auto unbacked = [](const Value& v) {
      return v && v->kind == Kind::Int && as<IntObject>(v).unbacked();
    };
    if (unbacked(sl.start) || unbacked(sl.stop)) {
      auto size = std::make_shared<IntObject>(T(out).dim() > 0 ? T(out).sizes()[0] : 0);
      size->sym_slot = IntObject::kUnbacked;
      vm.dynamo().recordOp(vm, "sym_size.int", graph::NodeOp::CallFunction, {out, pyInt(0)},
                           {size});
      assertUnbackedRange(vm, size, T(t).dim() > 0 ? T(t).sizes()[0] : 0);
    }
  }
  return out;
}

void assertUnbackedRange(VM& vm, const Value& u, int64_t upper) {
  for (auto [op, bound] :
       {std::pair{syntax::CmpOpKind::GtE, int64_t{0}}, std::pair{syntax::CmpOpKind::LtE, upper}}) {
    Value cond = vm.compare(op, u, pyInt(bound));
    vm.dynamo().traceCheck(vm, cond);
  }
}

void tensorSetItem(VM& vm, const Value& t, const Value& key, const Value& v) {
  auto items = indexItems(vm, key);
  vm.dynamo().journalTensor(vm, t);
  applyInplaceGradFn(vm, "setitem", t, {v, key});
  if (v->kind == Kind::Tensor)
    check(vm, runtime::setitem(T(t), items, T(v)));
  else
    check(vm, runtime::setitem(T(t), items, toScalar(vm, v)));
  vm.dynamo().recordOp(vm, "setitem", graph::NodeOp::CallFunction, {t, key, v}, {});
}

bool tensorSetAttr(VM& vm, const Value& t, std::string_view name, const Value& v) {
  if (name == "requires_grad") {
    T(t).setRequiresGrad(vm.truthy(v));
    return true;
  }
  if (name == "data") {  // t.data = other: t now views other's storage (shape and all)
    if (v->kind != Kind::Tensor)
      vm.raise(vm.b().type_error,
               "Variable data has to be a tensor, but got " + vm.typeOf(v)->name);
    if (vm.dynamo().tracing(vm)) vm.unsupported("assigning Tensor.data inside a compiled frame");
    Tensor& self = T(t);
    Tensor next = T(v);
    next.setRequiresGrad(self.requiresGrad());
    next.setGradFn(self.gradFn());
    self = next;
    return true;
  }
  return false;
}

bool tensorTruthy(VM& vm, const Value& t) {
  const Tensor& x = T(t);
  if (x.numel() != 1) {
    if (x.numel() == 0)
      vm.raise(vm.b().runtime_error, "Boolean value of Tensor with no values is ambiguous");
    vm.raise(vm.b().runtime_error, "Boolean value of Tensor with more than one value is ambiguous");
  }
  runtime::Scalar s = check(vm, x.item());
  return runtime::scalarToDouble(s) != 0.0;
}

int64_t tensorLen(VM& vm, const Value& t) {
  if (T(t).dim() == 0) vm.raise(vm.b().type_error, "len() of a 0-d tensor");
  return T(t).sizes()[0];
}

std::vector<Value> tensorUnbind(VM& vm, const Value& t) {
  if (T(t).dim() == 0) vm.raise(vm.b().type_error, "iteration over a 0-d tensor");
  std::vector<Value> out;
  for (int64_t i = 0; i < T(t).sizes()[0]; ++i) {
    out.push_back(wrapTensor(check(vm, runtime::select(T(t), 0, i))));
    applyGradFn(vm, "unbind", {t, pyInt(i)}, out.back());  // (no graph node)
  }
  return out;
}

std::string tensorRepr(VM& vm, const Value& t) {
  (void)vm;
  return runtime::formatTensor(T(t));
}

std::string tensorFormat(VM& vm, const Value& t, const std::string& spec) {
  if (spec.empty()) return tensorRepr(vm, t);
  if (T(t).numel() != 1)
    vm.raise(vm.b().type_error, "unsupported format string passed to Tensor.__format__");
  return formatValue(vm, tensorToPyNumber(vm, t, false), spec);
}

static Value scalarValue(const runtime::Scalar& s) {
  if (std::holds_alternative<bool>(s)) return pyBool(std::get<bool>(s));
  if (std::holds_alternative<int64_t>(s)) return pyInt(std::get<int64_t>(s));
  return pyFloat(std::get<double>(s));
}

Value tensorToPyNumber(VM& vm, const Value& t, bool as_int) {
  if (T(t).numel() != 1)
    vm.raise(vm.b().runtime_error, "a Tensor with " + std::to_string(T(t).numel()) +
                                       " elements cannot be converted to Scalar");
  runtime::Scalar s = check(vm, T(t).item());
  if (as_int) return pyInt(runtime::scalarToInt(s));
  return pyFloat(runtime::scalarToDouble(s));
}

static Value nestedToValue(const runtime::Nested& n) {
  if (!n.isList()) return scalarValue(n.scalar());
  std::vector<Value> items;
  for (const auto& c : n.list()) items.push_back(nestedToValue(c));
  return pyList(std::move(items));
}

static Value sizeValue(const runtime::Shape& s) {
  std::vector<Value> items;
  for (int64_t d : s) items.push_back(pyInt(d));
  auto t = std::make_shared<TupleObject>(std::move(items));
  t->is_size = true;
  return t;
}

static runtime::Shape shapeArgs(VM& vm, const std::vector<Value>& args, size_t from) {
  runtime::Shape s;
  if (args.size() == from + 1 &&
      (args[from]->kind == Kind::Tuple || args[from]->kind == Kind::List)) {
    for (const Value& v : vm.toVector(args[from])) s.push_back(asInt(v));
    return s;
  }
  for (size_t i = from; i < args.size(); ++i) s.push_back(asInt(args[i]));
  return s;
}

static std::optional<runtime::DType> dtypeArg(const CallArgs& a, const char* name = "dtype") {
  Value d = a.kw(name);
  if (!d || d->kind != Kind::DType) return std::nullopt;
  return as<DTypeObject>(d).d;
}

static runtime::DimList dimsArg(VM& vm, const Value& v) {
  if (!v || isNone(v)) return std::nullopt;
  std::vector<int64_t> dims;
  if (v->kind == Kind::Tuple || v->kind == Kind::List)
    for (auto& x : vm.toVector(v)) dims.push_back(asInt(x));
  else
    dims.push_back(asInt(v));
  return dims;
}

static Value arg(CallArgs& a, size_t i, const char* kw) {
  if (i < a.args.size()) return a.args[i];
  if (kw) return a.kw(kw);
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// tensor methods (self is args[0]); also exposed as torch.<name>(t, ...) where torch has them

using Method = std::function<Value(VM&, CallArgs&, bool /*as_method*/)>;

static std::unordered_map<std::string, Method>& methods() {
  static thread_local std::unordered_map<std::string, Method> m;
  return m;
}

static Value unaryMethod(VM& vm, CallArgs& a, bool as_method, const std::string& name, Tensor t) {
  return as_method ? methodResult(vm, name, {a.args.at(0)}, std::move(t))
                   : fnResult(vm, name, {a.args.at(0)}, std::move(t));
}

/// The `other` operand of add/sub, times `alpha=` when given (torch computes
/// `self + alpha * other`); other ops take no alpha.
static Value scaledOther(VM& vm, BinOpKind op, CallArgs& a) {
  Value other = arg(a, 1, "other");
  Value alpha = a.kw("alpha");
  if (!alpha) return other;
  if (op != BinOpKind::Add && op != BinOpKind::Sub) vm.unsupported("alpha= argument");
  // (torch's reduced-precision add kernel forms self + alpha * other its own way: not modelled)
  for (const Value& v : {a.args.at(0), other})
    if (v->kind == Kind::Tensor && (tensorArg(v).dtype() == runtime::DType::BFloat16 ||
                                    tensorArg(v).dtype() == runtime::DType::Float16))
      vm.unsupported("add/sub with alpha= on a " +
                     std::string(runtime::dtypeName(tensorArg(v).dtype())) + " tensor");
  Value scaled =
      wrapTensor(check(vm, runtime::mul(tensorOperand(vm, other), tensorOperand(vm, alpha))));
  applyGradFn(vm, "mul", {other, alpha}, scaled);  // (no graph node: Dynamo keeps alpha=)
  return scaled;
}

/// torch.return_types.<name>(values, indices): the named tuple of max(dim), min(dim), topk, ...
static Value returnType(VM& vm, const std::string& name, std::vector<Value> items) {
  Value mod = vm.findModule("torch.return_types");
  if (!mod) {
    auto m = std::make_shared<ModuleObject>("torch.return_types");
    m->dict->setStr("__name__", pyStr("torch.return_types"));
    vm.registerModule("torch.return_types", m);
    if (Value torch = vm.findModule("torch"))
      as<ModuleObject>(torch).dict->setStr("return_types", m);
    mod = m;
  }
  Value cls = as<ModuleObject>(mod).dict->getStr(name);
  if (!cls) {
    cls = makeStructSeqType(vm, "torch.return_types." + name, {"values", "indices"}, 2);
    // (torch's repr puts each field on its own line)
    as<ClassObject>(cls).dict->setStr(
        "__repr__", std::make_shared<BuiltinObject>("__repr__", [name](VM& vm, CallArgs& a) {
          Value self = a.args.at(0);
          Value v = structSeqField(self, 0), i = structSeqField(self, 1);
          if (!v || !i || v->kind != Kind::Tensor || i->kind != Kind::Tensor)
            return pyStr(vm.repr(structSeqTuple(self)));
          return pyStr(runtime::formatReturnTypes(name, T(v), T(i)));
        }));
    as<ModuleObject>(mod).dict->setStr(name, cls);
  }
  return makeStructSeq(vm, std::static_pointer_cast<ClassObject>(cls), std::move(items));
}

static void defineTensorMethods() {
  auto& M = methods();
  auto unary = [&](const std::string& name, Tensor (*fn)(const Tensor&)) {
    M[name] = [name, fn](VM& vm, CallArgs& a, bool as_method) {
      return unaryMethod(vm, a, as_method, name, fn(T(a.args.at(0))));
    };
  };
  unary("abs", runtime::abs);
  unary("exp", runtime::exp);
  unary("log", runtime::log);
  unary("sqrt", runtime::sqrt);
  unary("rsqrt", runtime::rsqrt);
  unary("sin", runtime::sin);
  unary("cos", runtime::cos);
  unary("tanh", runtime::tanh);
  unary("sigmoid", runtime::sigmoid);
  unary("relu", runtime::relu);
  M["neg"] = [](VM& vm, CallArgs& a, bool m) {
    return unaryMethod(vm, a, m, "neg", check(vm, runtime::neg(T(a.args.at(0)))));
  };
  M["clone"] = [](VM& vm, CallArgs& a, bool m) {
    return unaryMethod(vm, a, m, "clone", T(a.args.at(0)).clone());
  };
  M["detach"] = [](VM& vm, CallArgs& a, bool m) {
    return unaryMethod(vm, a, m, "detach", T(a.args.at(0)).detach());
  };
  M["contiguous"] = [](VM& vm, CallArgs& a, bool m) {
    return unaryMethod(vm, a, m, "contiguous", T(a.args.at(0)).contiguous());
  };
  M["float"] = [](VM& vm, CallArgs& a, bool m) {
    return unaryMethod(vm, a, m, "float", T(a.args.at(0)).toFloat());
  };
  M["double"] = [](VM& vm, CallArgs& a, bool m) {
    return unaryMethod(vm, a, m, "double", T(a.args.at(0)).toDouble());
  };
  M["long"] = [](VM& vm, CallArgs& a, bool m) {
    return unaryMethod(vm, a, m, "long", T(a.args.at(0)).toLong());
  };
  M["int"] = [](VM& vm, CallArgs& a, bool m) {
    return unaryMethod(vm, a, m, "int", T(a.args.at(0)).toInt());
  };
  M["bool"] = [](VM& vm, CallArgs& a, bool m) {
    return unaryMethod(vm, a, m, "bool", T(a.args.at(0)).toBool());
  };
  M["gelu"] = [](VM& vm, CallArgs& a, bool m) {
    Value ap = a.kw("approximate");
    return unaryMethod(vm, a, m, "gelu",
                       check(vm, runtime::gelu(T(a.args.at(0)), ap ? asStr(ap) : "none")));
  };
  auto binary = [&](const std::string& name, BinOpKind op) {
    M[name] = [name, op](VM& vm, CallArgs& a, bool m) {
      if (op == BinOpKind::MatMult && cpuAutocastDType())
        vm.unsupported("torch.matmul under CPU autocast");
      Value other = scaledOther(vm, op, a);
      Tensor r = check(vm, applyBinary(vm, op, a.args.at(0), other));
      return m ? methodResult(vm, name, {a.args.at(0), other}, std::move(r))
               : fnResult(vm, name, {a.args.at(0), other}, std::move(r));
    };
    M[name + "_"] = [name, op](VM& vm, CallArgs& a, bool) {
      Value self = a.args.at(0), other = scaledOther(vm, op, a);
      vm.dynamo().journalTensor(vm, self);
      Tensor r = check(vm, applyBinary(vm, op, self, other));
      applyInplaceGradFn(vm, name + "_", self, {other});
      check(vm, runtime::copy_(T(self), r));
      vm.dynamo().recordOp(vm, name + "_", graph::NodeOp::CallMethod, {self, other}, {self});
      return self;
    };
  };
  binary("add", BinOpKind::Add);
  binary("sub", BinOpKind::Sub);
  binary("mul", BinOpKind::Mult);
  binary("div", BinOpKind::Div);
  binary("pow", BinOpKind::Pow);
  binary("matmul", BinOpKind::MatMult);
  binary("remainder", BinOpKind::Mod);
  binary("floor_divide", BinOpKind::FloorDiv);
  M["bmm"] = [](VM& vm, CallArgs& a, bool m) {  // (its derivative: nn_core.cpp)
    Tensor r = check(vm, runtime::bmm(T(a.args.at(0)), T(arg(a, 1, "mat2"))));
    return m ? methodResult(vm, "bmm", {a.args.at(0), arg(a, 1, "mat2")}, r)
             : fnResult(vm, "bmm", {a.args.at(0), arg(a, 1, "mat2")}, r);
  };
  M["mm"] = [](VM& vm, CallArgs& a, bool m) {
    if (cpuAutocastDType()) vm.unsupported("torch.mm under CPU autocast");
    Tensor r = check(vm, runtime::mm(T(a.args.at(0)), T(a.args.at(1))));
    return m ? methodResult(vm, "mm", {a.args.at(0), a.args.at(1)}, r)
             : fnResult(vm, "mm", {a.args.at(0), a.args.at(1)}, r);
  };
  auto reduce = [&](const std::string& name,
                    runtime::Expected<Tensor> (*fn)(const Tensor&, const runtime::DimList&, bool,
                                                    std::optional<runtime::DType>)) {
    M[name] = [name, fn](VM& vm, CallArgs& a, bool m) {
      Value dim = arg(a, 1, "dim");
      Value kd = arg(a, 2, "keepdim");
      runtime::DimList dims = dimsArg(vm, dim);
      Tensor r = check(vm, fn(T(a.args.at(0)), dims, kd && vm.truthy(kd), dtypeArg(a)));
      GradArgs ga;
      ga.dims = dims.value_or(std::vector<int64_t>{});
      ga.keepdim = kd && vm.truthy(kd);
      return result(vm, m, name, {a.args.at(0)}, r, ga);
    };
  };
  reduce("sum", runtime::sum);
  reduce("mean", runtime::mean);
  auto reduce2 = [&](const std::string& name, runtime::Expected<Tensor> (*fn)(
                                                  const Tensor&, const runtime::DimList&, bool)) {
    M[name] = [name, fn](VM& vm, CallArgs& a, bool m) {
      Value dim = arg(a, 1, "dim");
      Value kd = arg(a, 2, "keepdim");
      Tensor r = check(vm, fn(T(a.args.at(0)), dimsArg(vm, dim), kd && vm.truthy(kd)));
      return m ? methodResult(vm, name, {a.args.at(0)}, r) : fnResult(vm, name, {a.args.at(0)}, r);
    };
  };
  reduce2("amax", runtime::amax);
  reduce2("amin", runtime::amin);
  auto maxmin = [&](const std::string& name, bool is_max) {
    M[name] = [name, is_max](VM& vm, CallArgs& a, bool m) -> Value {
      Value dim = arg(a, 1, "dim");
      if (dim && dim->kind == Kind::Tensor) {
        Tensor r = check(vm, is_max ? runtime::maximum(T(a.args.at(0)), T(dim))
                                    : runtime::minimum(T(a.args.at(0)), T(dim)));
        return fnResult(vm, is_max ? "maximum" : "minimum", {a.args.at(0), dim}, r);
      }
      if (!dim || isNone(dim)) {
        Tensor r =
            check(vm, is_max ? runtime::max(T(a.args.at(0))) : runtime::min(T(a.args.at(0))));
        return m ? methodResult(vm, name, {a.args.at(0)}, r)
                 : fnResult(vm, name, {a.args.at(0)}, r);
      }
      Value kd = arg(a, 2, "keepdim");
      auto vi = check(vm, is_max ? runtime::max(T(a.args.at(0)), asInt(dim), kd && vm.truthy(kd))
                                 : runtime::min(T(a.args.at(0)), asInt(dim), kd && vm.truthy(kd)));
      Value values = wrapTensor(vi.values), indices = wrapTensor(vi.indices);
      applyGradFn(vm, is_max ? "max.dim" : "min.dim", {a.args.at(0)}, values);
      vm.dynamo().recordOp(vm, name, m ? graph::NodeOp::CallMethod : graph::NodeOp::CallFunction,
                           {a.args.at(0)}, {values, indices});
      // Dynamo wraps the (values, indices) result as a tuple of getitem proxies
      vm.dynamo().recordOp(vm, "getitem", graph::NodeOp::CallFunction, {values, pyInt(0)},
                           {values});
      vm.dynamo().recordOp(vm, "getitem", graph::NodeOp::CallFunction, {indices, pyInt(1)},
                           {indices});
      return returnType(vm, name, {values, indices});
    };
  };
  // x.unbind(dim) / torch.unbind(x, dim): Dynamo records the call and a getitem per element;
  // each element's gradient lands in its slice (the key x[:, ..., i])
  M["unbind"] = [](VM& vm, CallArgs& a, bool m) -> Value {
    Value self = a.args.at(0);
    Value d = arg(a, 1, "dim");
    const Tensor& x = T(self);
    int64_t dim = check(vm, runtime::wrapDim(d && !isNone(d) ? asInt(d) : 0, x.dim()));
    std::vector<Value> outs;
    for (int64_t i = 0; i < x.sizes()[static_cast<size_t>(dim)]; ++i) {
      outs.push_back(wrapTensor(check(vm, runtime::select(x, dim, i))));
      std::vector<Value> key;
      for (int64_t k = 0; k < dim; ++k)
        key.push_back(std::make_shared<SliceObject>(none(), none(), none()));
      key.push_back(pyInt(i));
      applyGradFn(vm, "unbind", {self, pyTuple(std::move(key))}, outs.back());
    }
    std::vector<Value> inputs = {self};
    if (d) inputs.push_back(d);
    vm.dynamo().recordOp(vm, "unbind", m ? graph::NodeOp::CallMethod : graph::NodeOp::CallFunction,
                         inputs, outs);
    for (size_t i = 0; i < outs.size(); ++i)
      vm.dynamo().recordOp(vm, "getitem", graph::NodeOp::CallFunction,
                           {outs[i], pyInt(static_cast<int64_t>(i))}, {outs[i]});
    return pyTuple(std::move(outs));
  };
  maxmin("max", true);
  maxmin("min", false);
  // x.topk(k, dim=-1, largest=True, sorted=True): (values, indices), each a getitem of the node
  M["topk"] = [](VM& vm, CallArgs& a, bool m) -> Value {
    Value k = arg(a, 1, "k"), dim = arg(a, 2, "dim"), largest = arg(a, 3, "largest");
    auto vi =
        check(vm, runtime::topk(T(a.args.at(0)), asInt(k), dim && !isNone(dim) ? asInt(dim) : -1,
                                !largest || vm.truthy(largest)));
    Value values = wrapTensor(vi.values), indices = wrapTensor(vi.indices);
    applyGradFn(vm, "topk", {a.args.at(0)}, values);
    vm.dynamo().recordOp(vm, "topk", m ? graph::NodeOp::CallMethod : graph::NodeOp::CallFunction,
                         {a.args.at(0), k}, {values, indices});
    vm.dynamo().recordOp(vm, "getitem", graph::NodeOp::CallFunction, {values, pyInt(0)}, {values});
    vm.dynamo().recordOp(vm, "getitem", graph::NodeOp::CallFunction, {indices, pyInt(1)},
                         {indices});
    return pyTuple({values, indices});
  };
  M["argmax"] = [](VM& vm, CallArgs& a, bool m) {
    Value dim = arg(a, 1, "dim");
    Value kd = arg(a, 2, "keepdim");
    Tensor r = check(
        vm, runtime::argmax(T(a.args.at(0)),
                            dim && !isNone(dim) ? std::optional<int64_t>(asInt(dim)) : std::nullopt,
                            kd && vm.truthy(kd)));
    return m ? methodResult(vm, "argmax", {a.args.at(0)}, r)
             : fnResult(vm, "argmax", {a.args.at(0)}, r);
  };
  M["softmax"] = [](VM& vm, CallArgs& a, bool m) {
    GradArgs ga;
    ga.dims = {asInt(arg(a, 1, "dim"))};
    Tensor r = check(vm, runtime::softmax(T(a.args.at(0)), ga.dims[0]));
    return result(vm, m, "softmax", {a.args.at(0)}, r, ga);
  };
  M["view"] = [](VM& vm, CallArgs& a, bool) {
    return methodResult(vm, "view", {a.args.at(0)},
                        check(vm, runtime::view(T(a.args.at(0)), shapeArgs(vm, a.args, 1))));
  };
  M["reshape"] = [](VM& vm, CallArgs& a, bool m) {
    Tensor r = check(vm, runtime::reshape(T(a.args.at(0)), shapeArgs(vm, a.args, 1)));
    return m ? methodResult(vm, "reshape", {a.args.at(0)}, r)
             : fnResult(vm, "reshape", {a.args.at(0)}, r);
  };
  M["transpose"] = [](VM& vm, CallArgs& a, bool m) {
    GradArgs ga;
    ga.dims = {asInt(a.args.at(1)), asInt(a.args.at(2))};
    Tensor r = check(vm, runtime::transpose(T(a.args.at(0)), ga.dims[0], ga.dims[1]));
    return result(vm, m, "transpose", {a.args.at(0)}, r, ga);
  };
  M["t"] = [](VM& vm, CallArgs& a, bool m) {
    Tensor r = check(vm, runtime::t(T(a.args.at(0))));
    return m ? methodResult(vm, "t", {a.args.at(0)}, r) : fnResult(vm, "t", {a.args.at(0)}, r);
  };
  M["unsqueeze"] = [](VM& vm, CallArgs& a, bool m) {
    Tensor r = check(vm, runtime::unsqueeze(T(a.args.at(0)), asInt(arg(a, 1, "dim"))));
    return m ? methodResult(vm, "unsqueeze", {a.args.at(0)}, r)
             : fnResult(vm, "unsqueeze", {a.args.at(0)}, r);
  };
  M["squeeze"] = [](VM& vm, CallArgs& a, bool m) {
    Value d = arg(a, 1, "dim");
    Tensor r = d ? check(vm, runtime::squeeze(T(a.args.at(0)), asInt(d)))
                 : runtime::squeeze(T(a.args.at(0)));
    return m ? methodResult(vm, "squeeze", {a.args.at(0)}, r)
             : fnResult(vm, "squeeze", {a.args.at(0)}, r);
  };
  M["flatten"] = [](VM& vm, CallArgs& a, bool m) {
    Value s = arg(a, 1, "start_dim"), e = arg(a, 2, "end_dim");
    Tensor r = check(vm, runtime::flatten(T(a.args.at(0)), s ? asInt(s) : 0, e ? asInt(e) : -1));
    return m ? methodResult(vm, "flatten", {a.args.at(0)}, r)
             : fnResult(vm, "flatten", {a.args.at(0)}, r);
  };
  M["permute"] = [](VM& vm, CallArgs& a, bool m) {
    runtime::Shape dims = shapeArgs(vm, a.args, 1);
    GradArgs ga;
    ga.dims.assign(dims.begin(), dims.end());
    Tensor r = check(vm, runtime::permute(T(a.args.at(0)), ga.dims));
    return result(vm, m, "permute", {a.args.at(0)}, r, ga);
  };
  M["expand"] = [](VM& vm, CallArgs& a, bool) {
    return methodResult(vm, "expand", {a.args.at(0)},
                        check(vm, runtime::expand(T(a.args.at(0)), shapeArgs(vm, a.args, 1))));
  };
  M["expand_as"] = [](VM& vm, CallArgs& a, bool) -> Value {
    Value other = arg(a, 1, "other");
    Value out = wrapTensor(check(vm, runtime::expand(T(a.args.at(0)), tensorArg(other).sizes())));
    applyGradFn(vm, "expand", {a.args.at(0)}, out);  // ExpandBackward0
    vm.dynamo().recordOp(vm, "expand_as", graph::NodeOp::CallMethod, {a.args.at(0), other}, {out});
    return out;
  };
  // x.split(size, dim=0) / x.chunk(n, dim=0): the pieces as views, one node and a getitem of
  // it per piece (as Dynamo unpacks the tuple); each piece's gradient lands in its slice
  // (SplitBackward0; nn_core.cpp)
  auto pieces = [](VM& vm, CallArgs& a, bool m, const std::string& name) -> Value {
    Value self = a.args.at(0), n = arg(a, 1, name == "split" ? "split_size_or_sections" : "chunks");
    Value dimV = arg(a, 2, "dim");
    int64_t dim = dimV ? asInt(dimV) : 0;
    const Tensor& x = T(self);
    if (dim < 0) dim += x.dim();
    if (n->kind != Kind::Int) vm.unsupported("Tensor." + name + " with a list of sizes");
    auto parts = check(
        vm, name == "split" ? runtime::split(x, asInt(n), dim) : runtime::chunk(x, asInt(n), dim));
    std::vector<Value> outs;
    int64_t start = 0;
    for (const Tensor& p : parts) {
      Value out = wrapTensor(p);
      std::vector<Value> key(static_cast<size_t>(dim),
                             std::make_shared<SliceObject>(none(), none(), none()));
      int64_t len = p.sizes()[static_cast<size_t>(dim)];
      key.push_back(std::make_shared<SliceObject>(pyInt(start), pyInt(start + len), none()));
      start += len;
      applyGradFn(vm, "split", {self, pyTuple(std::move(key))}, out);
      outs.push_back(out);
    }
    vm.dynamo().recordOp(vm, name, m ? graph::NodeOp::CallMethod : graph::NodeOp::CallFunction,
                         {self, n}, outs);
    for (size_t i = 0; i < outs.size(); ++i)
      vm.dynamo().recordOp(vm, "getitem", graph::NodeOp::CallFunction,
                           {outs[i], pyInt(static_cast<int64_t>(i))}, {outs[i]});
    return pyTuple(outs);
  };
  M["split"] = [pieces](VM& vm, CallArgs& a, bool m) { return pieces(vm, a, m, "split"); };
  M["chunk"] = [pieces](VM& vm, CallArgs& a, bool m) { return pieces(vm, a, m, "chunk"); };
  M["view_as"] = [](VM& vm, CallArgs& a, bool) -> Value {
    Value other = arg(a, 1, "other");
    Value out = wrapTensor(check(vm, runtime::view(T(a.args.at(0)), tensorArg(other).sizes())));
    applyGradFn(vm, "view_as", {a.args.at(0)}, out);  // ViewBackward0
    vm.dynamo().recordOp(vm, "view_as", graph::NodeOp::CallMethod, {a.args.at(0), other}, {out});
    return out;
  };
  M["clamp_"] = [](VM& vm, CallArgs& a, bool) -> Value {
    Value self = a.args.at(0), lo = arg(a, 1, "min"), hi = arg(a, 2, "max");
    std::optional<runtime::Scalar> l, h;
    if (lo && !isNone(lo)) l = toScalar(vm, lo);
    if (hi && !isNone(hi)) h = toScalar(vm, hi);
    Tensor r = check(vm, runtime::clamp(T(self), l, h));
    vm.dynamo().journalTensor(vm, self);
    applyInplaceGradFn(vm, "clamp_", self, {});
    check(vm, runtime::copy_(T(self), r));
    vm.dynamo().recordOp(vm, "clamp_", graph::NodeOp::CallMethod, {self}, {self});
    return self;
  };
  M["clamp"] = [](VM& vm, CallArgs& a, bool m) {
    Value lo = arg(a, 1, "min"), hi = arg(a, 2, "max");
    std::optional<runtime::Scalar> l, h;
    if (lo && !isNone(lo)) l = toScalar(vm, lo);
    if (hi && !isNone(hi)) h = toScalar(vm, hi);
    Tensor r = check(vm, runtime::clamp(T(a.args.at(0)), l, h));
    return m ? methodResult(vm, "clamp", {a.args.at(0)}, r)
             : fnResult(vm, "clamp", {a.args.at(0)}, r);
  };
  // masked_fill(mask, value): self's dtype kept; MaskedFillBackward0 zeroes the masked grad
  M["masked_fill"] = [](VM& vm, CallArgs& a, bool m) {
    const Tensor& self = T(a.args.at(0));
    Value mask = arg(a, 1, "mask"), value = arg(a, 2, "value");
    if (!mask || mask->kind != Kind::Tensor || T(mask).dtype() != runtime::DType::Bool)
      vm.unsupported("masked_fill with a mask that is not a bool tensor");
    if (!value || (value->kind == Kind::Tensor && T(value).requiresGrad()))
      vm.unsupported("masked_fill with a value that requires grad");
    Tensor r = check(vm, runtime::where(T(mask), runtime::Operand(toScalar(vm, value)), self));
    if (r.dtype() != self.dtype()) r = r.to(self.dtype());
    return m ? methodResult(vm, "masked_fill", {a.args.at(0), mask}, r)
             : fnResult(vm, "masked_fill", {a.args.at(0), mask}, r);
  };
  M["item"] = [](VM& vm, CallArgs& a, bool) -> Value {
    Value r = scalarValue(check(vm, T(a.args.at(0)).item()));
    return r;
  };
  M["tolist"] = [](VM&, CallArgs& a, bool) -> Value {
    return nestedToValue(T(a.args.at(0)).tolist());
  };
  M["size"] = [](VM& vm, CallArgs& a, bool) -> Value {
    Value d = arg(a, 1, "dim");
    if (d) return pyInt(check(vm, T(a.args.at(0)).size(asInt(d))));
    return sizeValue(T(a.args.at(0)).sizes());
  };
  M["dim"] = [](VM&, CallArgs& a, bool) -> Value { return pyInt(T(a.args.at(0)).dim()); };
  M["numel"] = [](VM&, CallArgs& a, bool) -> Value { return pyInt(T(a.args.at(0)).numel()); };
  M["zero_"] = [](VM& vm, CallArgs& a, bool) -> Value {
    vm.dynamo().journalTensor(vm, a.args.at(0));
    applyInplaceGradFn(vm, "zero_", a.args.at(0), {});
    runtime::zero_(T(a.args.at(0)));
    vm.dynamo().recordOp(vm, "zero_", graph::NodeOp::CallMethod, {a.args.at(0)}, {a.args.at(0)});
    return a.args.at(0);
  };
  M["fill_"] = [](VM& vm, CallArgs& a, bool) -> Value {
    vm.dynamo().journalTensor(vm, a.args.at(0));
    applyInplaceGradFn(vm, "fill_", a.args.at(0), {a.args.at(1)});
    Value v = a.args.at(1);  // a number, or a one-element tensor
    runtime::fill_(T(a.args.at(0)),
                   v->kind == Kind::Tensor ? check(vm, T(v).item()) : toScalar(vm, v));
    vm.dynamo().recordOp(vm, "fill_", graph::NodeOp::CallMethod, {a.args.at(0)}, {a.args.at(0)});
    return a.args.at(0);
  };
  M["copy_"] = [](VM& vm, CallArgs& a, bool) -> Value {
    vm.dynamo().journalTensor(vm, a.args.at(0));
    applyInplaceGradFn(vm, "copy_", a.args.at(0), {a.args.at(1)});
    check(vm, runtime::copy_(T(a.args.at(0)), T(a.args.at(1))));
    vm.dynamo().recordOp(vm, "copy_", graph::NodeOp::CallMethod, {a.args.at(0), a.args.at(1)},
                         {a.args.at(0)});
    return a.args.at(0);
  };
  // lerp_, addcmul_, addcdiv_ (the optimizers' updates): computed as torch's CPU kernels do;
  // traced, addcmul_ with a value is Dynamo's decomposition (variables/tensor.py,
  // method_addcmul_: mul, inductor's fma, copy_ in 2.14; 2.11: mul, mul, add_)
  M["lerp_"] = [](VM& vm, CallArgs& a, bool) -> Value {
    Value self = a.args.at(0), end = arg(a, 1, "end"), w = arg(a, 2, "weight");
    vm.dynamo().journalTensor(vm, self);
    applyInplaceGradFn(vm, "lerp_", self, {end, w});
    Tensor diff = check(vm, runtime::sub(T(end), T(self)));
    double wv = w->kind == Kind::Tensor ? asFloat(tensorToPyNumber(vm, w, false)) : asFloat(w);
    Tensor r =
        wv < 0.5
            ? check(vm, runtime::add(T(self), check(vm, runtime::mul(diff, tensorOperand(vm, w)))))
            : check(vm, runtime::sub(
                            T(end),
                            check(vm, runtime::mul(
                                          diff, check(vm, runtime::sub(int64_t{1},
                                                                       tensorOperand(vm, w)))))));
    check(vm, runtime::copy_(T(self), r));
    vm.dynamo().recordOp(vm, "lerp_", graph::NodeOp::CallMethod, {self, end, w}, {self});
    return self;
  };
  M["addcmul_"] = [](VM& vm, CallArgs& a, bool) -> Value {
    Value self = a.args.at(0), t1 = arg(a, 1, "tensor1"), t2 = arg(a, 2, "tensor2");
    Value value = a.kw("value");
    vm.dynamo().journalTensor(vm, self);
    applyInplaceGradFn(vm, "addcmul_", self, {t1, t2});
    Value prod = wrapTensor(check(vm, runtime::mul(T(t1), T(t2))));
    Value scaled =
        value ? wrapTensor(check(vm, runtime::mul(T(prod), tensorOperand(vm, value)))) : prod;
    Tensor r = check(vm, runtime::add(T(self), T(scaled)));
    if (value && vm.dynamo().tracing(vm)) {
      vm.dynamo().recordOp(vm, "mul", graph::NodeOp::CallFunction, {t1, t2}, {prod});
      if (vm.target().id == TargetId::Torch2_14) {
        Value fma = wrapTensor(r);
        vm.dynamo().recordOp(vm, "fma.default", graph::NodeOp::CallFunction, {prod, value, self},
                             {fma});
        check(vm, runtime::copy_(T(self), r));
        vm.dynamo().recordOp(vm, "copy_", graph::NodeOp::CallMethod, {self, fma}, {self});
      } else {
        vm.dynamo().recordOp(vm, "mul", graph::NodeOp::CallFunction, {prod, value}, {scaled});
        check(vm, runtime::copy_(T(self), r));
        vm.dynamo().recordOp(vm, "add_", graph::NodeOp::CallMethod, {self, scaled}, {self});
      }
      return self;
    }
    check(vm, runtime::copy_(T(self), r));
    vm.dynamo().recordOp(vm, "addcmul_", graph::NodeOp::CallMethod, {self, t1, t2}, {self});
    return self;
  };
  M["addcdiv_"] = [](VM& vm, CallArgs& a, bool) -> Value {
    Value self = a.args.at(0), t1 = arg(a, 1, "tensor1"), t2 = arg(a, 2, "tensor2");
    Value value = a.kw("value");
    vm.dynamo().journalTensor(vm, self);
    applyInplaceGradFn(vm, "addcdiv_", self, {t1, t2});
    Tensor q = check(vm, runtime::div(T(t1), T(t2)));
    if (value) q = check(vm, runtime::mul(q, tensorOperand(vm, value)));
    check(vm, runtime::copy_(T(self), check(vm, runtime::add(T(self), q))));
    vm.dynamo().recordOp(vm, "addcdiv_", graph::NodeOp::CallMethod, {self, t1, t2}, {self});
    return self;
  };
  M["requires_grad_"] = [](VM& vm, CallArgs& a, bool) -> Value {
    Value r = arg(a, 1, "requires_grad");
    T(a.args.at(0)).setRequiresGrad(!r || vm.truthy(r));
    return a.args.at(0);
  };
  M["to"] = [](VM& vm, CallArgs& a, bool) -> Value {
    for (size_t i = 1; i < a.args.size(); ++i)
      if (a.args[i]->kind == Kind::DType)
        return methodResult(vm, "to", {a.args.at(0)},
                            T(a.args.at(0)).to(as<DTypeObject>(a.args[i]).d));
    if (auto d = dtypeArg(a)) return methodResult(vm, "to", {a.args.at(0)}, T(a.args.at(0)).to(*d));
    return a.args.at(0);
  };
  M["type_as"] = [](VM& vm, CallArgs& a, bool) -> Value {
    return methodResult(vm, "type_as", {a.args.at(0), a.args.at(1)},
                        T(a.args.at(0)).to(T(a.args.at(1)).dtype()));
  };
  M["nonzero"] = [](VM& vm, CallArgs& a, bool m) -> Value {
    checkDynamicShapeOp(vm, "aten.nonzero.default");
    Tensor r = runtime::nonzero(T(a.args.at(0)));
    return m ? methodResult(vm, "nonzero", {a.args.at(0)}, r)
             : fnResult(vm, "nonzero", {a.args.at(0)}, r);
  };
  M["narrow"] = [](VM& vm, CallArgs& a, bool m) -> Value {
    // an unbacked length is asserted to fit the dimension before the op (0 <= length <= size)
    if (Value length = arg(a, 3, "length");
        length->kind == Kind::Int && as<IntObject>(length).unbacked()) {
      int64_t dim = asInt(arg(a, 1, "dim"));
      const Tensor& self = T(a.args.at(0));
      int64_t d = dim < 0 ? dim + self.dim() : dim;
      assertUnbackedRange(vm, length,
                          d >= 0 && d < self.dim() ? self.sizes()[static_cast<size_t>(d)] : 0);
    }
    Tensor r = check(vm, runtime::narrow(T(a.args.at(0)), asInt(arg(a, 1, "dim")),
                                         asInt(arg(a, 2, "start")), asInt(arg(a, 3, "length"))));
    return m ? methodResult(vm, "narrow", {a.args.at(0)}, r)
             : fnResult(vm, "narrow", {a.args.at(0)}, r);
  };
  M["numpy"] = [](VM& vm, CallArgs& a, bool) -> Value {
    // (traced, torch._numpy computes with tensors: autograd goes through)
    if (T(a.args.at(0)).requiresGrad() && !vm.dynamo().tracing(vm))
      vm.raise(vm.b().runtime_error,
               "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
               "instead.");
    const runtime::DType d = T(a.args.at(0)).dtype();
    if (d == runtime::DType::BFloat16)
      vm.raise(vm.b().type_error, "Got unsupported ScalarType BFloat16");
    if (runtime::isNarrow(d))  // (gbc's numpy has no float16 / int8 / int16 / uint8 arrays)
      vm.unsupported("Tensor.numpy() of a " + std::string(runtime::dtypeName(d)) + " tensor");
    return makeNdarray(methodResult(vm, "view_as", {a.args.at(0)}, T(a.args.at(0))));
  };
  M["cpu"] = [](VM&, CallArgs& a, bool) -> Value { return a.args.at(0); };
}

static void ensureMethods() {
  static thread_local bool done = false;
  if (!done) {
    defineTensorMethods();
    done = true;
  }
}

std::vector<std::string> tensorMethodNames() {
  ensureMethods();
  std::vector<std::string> out;
  for (auto& [k, v] : methods()) out.push_back(k);
  return out;
}

static Value callTensorMethod(VM& vm, const Value& self, const std::string& name, CallArgs& rest,
                              bool as_method) {
  ensureMethods();
  if (self->kind != Kind::Tensor)
    vm.raise(vm.b().type_error,
             name + "(): argument 'input' must be Tensor, not " + vm.typeOf(self)->name);
  CallArgs a = rest;
  a.args.insert(a.args.begin(), self);
  auto it = methods().find(name);
  if (it == methods().end()) vm.unsupported("Tensor." + name);
  return it->second(vm, a, as_method);
}

void defineTensorMethod(VM& vm, const std::string& name, NativeFn fn) {
  vm.nativeMethods(Kind::Tensor)[name] = fn;
  auto unbound = std::make_shared<BuiltinObject>(name, fn);
  unbound->qualname = "Tensor." + name;
  unbound->id = "Tensor." + name;
  vm.b().tensor->dict->setStr(name, unbound);
}

Value tensorCallMethodFn(VM& vm, const Value& self, const std::string& name, CallArgs& rest) {
  return callTensorMethod(vm, self, name, rest, false);
}
Value tensorCallMethodM(VM& vm, const Value& self, const std::string& name, CallArgs& rest) {
  return callTensorMethod(vm, self, name, rest, true);
}

Value tensorCallMethod(VM& vm, const Value& t, const std::string& name, std::vector<Value> args) {
  ensureMethods();
  CallArgs a;
  a.args.push_back(t);
  for (auto& v : args) a.args.push_back(v);
  return methods().at(name)(vm, a, true);
}

bool isNnModule(VM& vm, const Value& v) {
  if (v->kind != Kind::Instance) return false;
  Value nn = vm.findModule("torch.nn.modules.module");
  if (!nn) return false;
  Value mod = as<ModuleObject>(nn).dict->getStr("Module");
  return mod && mod->kind == Kind::Class &&
         as<InstanceObject>(v).cls->isSubclassOf(&as<ClassObject>(mod));
}

bool isTorchObject(VM& vm, const Value& v) {
  (void)vm;
  if (v->kind == Kind::Builtin) return as<BuiltinObject>(v).id.rfind("torch", 0) == 0;
  return false;
}

const char* modelledPackage(std::string_view module) {
  for (const char* model : {"torch", "numpy"}) {
    std::string_view m(model);
    if (module == m ||
        (module.size() > m.size() && module.substr(0, m.size()) == m && module[m.size()] == '.'))
      return model;
  }
  return nullptr;
}

bool isSkippedFile(VM& vm, const std::string& filename) {
  // the standard library (the modelled logging module, ...) is in Dynamo's skip list
  std::string prefix(vm.target().torch_prefix);
  if (filename.rfind(prefix, 0) == 0) {
    // trace_rules: torch.optim is in LEGACY_MOD_INLINELIST (its frames are compiled too),
    // except optim/lr_scheduler.py (FORCE_SKIP_FILES)
    std::string rest = filename.substr(prefix.size());
    if (rest.rfind("/optim/", 0) == 0) return rest == "/optim/lr_scheduler.py";
    return rest != "/_dynamo/external_utils.py";
  }
  // the standard library and third-party packages: trace_rules.check_file as the eval-frame
  // callback calls it (is_inlined_call false); 2.11's torch lives under the standard library's
  // site-packages: test torch first
  return trace_rules::checkFile(vm, filename, false).skipped;
}

}  // namespace gbc::interp
