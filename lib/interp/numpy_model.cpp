// A small model of numpy for numpy interop under torch.compile: np.ndarray (an instance whose
// payload is a tensor), the handful of numpy functions the programs use, Tensor.numpy() and
// torch.from_numpy / torch.as_tensor. While Dynamo traces, numpy operations are recorded as
// the `wrapped_<op>` nodes torch._numpy produces (torch/_dynamo/variables/tensor.py,
// NumpyNdarrayVariable; torch/_dynamo/utils.py numpy_operator_wrapper).
#include "interp/numpy_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "interp/autograd.h"
#include "interp/dynamo.h"
#include "interp/numpy_random.h"
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

}  // namespace

bool isNdarray(const Value& v) {
  return v->kind == Kind::Instance && ndarrayClass() && as<InstanceObject>(v).cls == ndarrayClass();
}

Value ndarrayTensor(const Value& v) {
  return std::static_pointer_cast<NdArray>(as<InstanceObject>(v).payload)->tensor;
}

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

/// A new ndarray from a numpy op, recorded as `wrapped_<op>` while tracing. Traced, torch._numpy
/// computes it with torch ops: autograd goes through it as through the torch op `op`.
static Value result(VM& vm, const std::string& op, const std::vector<Value>& inputs, Tensor t,
                    const GradArgs& args = {}, const std::string& grad_op = "") {
  Value out = wrapTensor(std::move(t));
  std::vector<Value> links;
  for (const Value& v : inputs) links.push_back(linkOf(v));
  applyGradFn(vm, grad_op.empty() ? op : grad_op, links, out, args);
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

static void binary(const ClassPtr& cls, const std::string& dunder, const std::string& op,
                   bool reflected,
                   runtime::Expected<Tensor> (*fn)(const runtime::Operand&,
                                                   const runtime::Operand&)) {
  method(cls, dunder, [op, reflected, fn](VM& vm, CallArgs& a) -> Value {
    Value x = a.args.at(0), y = a.args.at(1);
    if (!(isNdarray(y) || y->kind == Kind::Int || y->kind == Kind::Float || y->kind == Kind::Bool))
      return notImplemented();
    if (reflected) std::swap(x, y);
    return result(vm, op, {x, y}, check(vm, fn(operand(vm, x), operand(vm, y))));
  });
}

/// Basic indexing with ints and slices where a slice steps backwards (torch has no negative
/// strides: the selected rows are gathered). False when the key has no such slice.
static bool negativeStepIndex(VM& vm, const Tensor& t, const Value& key, Tensor& out) {
  std::vector<Value> items =
      key->kind == Kind::Tuple ? as<TupleObject>(key).items : std::vector<Value>{key};
  bool negative = false;
  for (const Value& k : items) {
    if (k->kind == Kind::Slice) {
      const Value& st = as<SliceObject>(k).step;
      if (st && !isNone(st) && asInt(st) < 0) negative = true;
    } else if (k->kind != Kind::Int) {
      return false;
    }
  }
  if (!negative) return false;
  Tensor cur = t;
  int64_t dim = 0;
  for (const Value& k : items) {
    if (k->kind == Kind::Int) {
      cur = check(vm, runtime::select(cur, dim, asInt(k)));
      continue;
    }
    auto& sl = as<SliceObject>(k);
    int64_t size = cur.sizes().at(static_cast<size_t>(dim));
    int64_t step = sl.step && !isNone(sl.step) ? asInt(sl.step) : 1;
    if (step > 0) {
      std::optional<int64_t> a, b;
      if (sl.start && !isNone(sl.start)) a = asInt(sl.start);
      if (sl.stop && !isNone(sl.stop)) b = asInt(sl.stop);
      cur = check(vm, runtime::slice(cur, dim, a, b, step));
      ++dim;
      continue;
    }
    // slice.indices for a negative step
    int64_t start = size - 1, stop = -1;
    if (sl.start && !isNone(sl.start)) {
      start = asInt(sl.start);
      if (start < 0) start += size;
      start = std::clamp<int64_t>(start, -1, size - 1);
    }
    if (sl.stop && !isNone(sl.stop)) {
      stop = asInt(sl.stop);
      if (stop < 0) stop += size;
      stop = std::clamp<int64_t>(stop, -1, size - 1);
    }
    std::vector<Tensor> rows;
    for (int64_t i = start; i > stop; i += step)
      rows.push_back(check(vm, runtime::select(cur, dim, i)));
    if (rows.empty())
      cur = check(vm, runtime::slice(cur, dim, 0, 0, 1));
    else
      cur = check(vm, runtime::stack(rows, dim));
    ++dim;
  }
  out = cur;
  return true;
}

// ---- printing (numpy/_core/arrayprint.py: FloatingFormat with floatmode 'maxprec',
// precision 8; _formatArray with linewidth 75) ----

/// dragon4_positional(x, precision=8, unique=True, trim='.'): the shortest digits that read
/// back as x, at most 8 after the point.
static std::string positional(double x, bool single) {
  char buf[64];
  for (int d = 0; d <= 8; ++d) {
    std::snprintf(buf, sizeof buf, "%.*f", d, x);
    double back = std::strtod(buf, nullptr);
    if (single ? static_cast<float>(back) == static_cast<float>(x) : back == x) break;
  }
  std::string r = buf;
  if (r.find('.') == std::string::npos)
    r += ".";
  else {
    while (r.back() == '0') r.pop_back();
  }
  return r;
}

/// The element strings of a numpy array, padded to a common width; empty when gbc has no
/// model of the format (scientific notation, non-finite values).
static std::vector<std::string> formatElements(const Tensor& t) {
  Tensor c = t.contiguous();
  std::vector<std::string> out;
  int64_t n = c.numel();
  if (!runtime::isFloating(c.dtype())) {
    size_t w = 0;
    for (int64_t i = 0; i < n; ++i) {
      runtime::Scalar v = c.flatAt(i);
      std::string str = c.dtype() == runtime::DType::Bool
                            ? (runtime::scalarToDouble(v) != 0 ? "True" : "False")
                            : std::to_string(static_cast<int64_t>(runtime::scalarToDouble(v)));
      w = std::max(w, str.size());
      out.push_back(str);
    }
    for (auto& str : out) str = std::string(w - str.size(), ' ') + str;
    return out;
  }
  bool single = c.dtype() == runtime::DType::Float32;
  double mx = 0, mn = 0;
  bool any = false;
  for (int64_t i = 0; i < n; ++i) {
    double v = std::fabs(runtime::scalarToDouble(c.flatAt(i)));
    if (!std::isfinite(v)) return {};
    if (v == 0) continue;
    mx = any ? std::max(mx, v) : v;
    mn = any ? std::min(mn, v) : v;
    any = true;
  }
  if (any && (mx >= 1e8 || mn < 1e-4 || mx / mn > 1e3)) return {};  // exponent format
  std::vector<std::pair<std::string, std::string>> parts;
  size_t left = 0, right = 0;
  for (int64_t i = 0; i < n; ++i) {
    std::string str = positional(runtime::scalarToDouble(c.flatAt(i)), single);
    size_t dot = str.find('.');
    parts.push_back({str.substr(0, dot), str.substr(dot + 1)});
    left = std::max(left, dot);
    right = std::max(right, str.size() - dot - 1);
  }
  for (auto& [ip, fp] : parts)
    out.push_back(std::string(left - ip.size(), ' ') + ip + "." + fp +
                  std::string(right - fp.size(), ' '));
  return out;
}

static std::string rstrip(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

/// _formatArray's recurser over dims [dim, ...) starting at flat element `*next`.
static std::string formatArray(const std::vector<std::string>& elems, const runtime::Shape& shape,
                               size_t dim, size_t& next, const std::string& hanging, int64_t width,
                               const std::string& sep) {
  if (dim == shape.size()) return elems[next++];
  std::string s;
  std::string next_hanging = hanging + " ";
  int64_t next_width = width - 1;
  int64_t count = shape[dim];
  if (dim + 1 == shape.size()) {
    int64_t elem_width = width - static_cast<int64_t>(rstrip(sep).size());
    std::string line = hanging;
    for (int64_t i = 0; i < count; ++i) {
      std::string word = formatArray(elems, shape, dim + 1, next, next_hanging, next_width, sep);
      int64_t lw = i + 1 < count ? elem_width : width;
      if (static_cast<int64_t>(line.size() + word.size()) > lw && line.size() > hanging.size()) {
        s += rstrip(line) + "\n";
        line = hanging;
      }
      line += word;
      if (i + 1 < count) line += sep;
    }
    s += line;
  } else {
    std::string line_sep = rstrip(sep) + std::string(shape.size() - dim - 1, '\n');
    for (int64_t i = 0; i < count; ++i) {
      s += hanging + formatArray(elems, shape, dim + 1, next, next_hanging, next_width, sep);
      if (i + 1 < count) s += line_sep;
    }
  }
  return "[" + s.substr(hanging.size()) + "]";
}

/// str(ndarray) / repr(ndarray); empty when the format is not modelled.
static std::string arrayText(const Tensor& t, bool repr) {
  std::vector<std::string> elems = formatElements(t);
  if (elems.empty() && t.numel() != 0) return "";
  runtime::Shape shape = t.sizes();
  size_t next = 0;
  if (shape.empty()) return elems.empty() ? "" : (repr ? "array(" + elems[0] + ")" : elems[0]);
  std::string dtype;
  if (repr && t.dtype() == runtime::DType::Float32) dtype = ", dtype=float32";
  if (repr && t.dtype() == runtime::DType::Int32) dtype = ", dtype=int32";
  std::string prefix = repr ? "array(" : "";
  std::string suffix = repr ? dtype + ")" : "";
  std::string body = formatArray(elems, shape, 0, next, std::string(prefix.size() + 1, ' '),
                                 75 - static_cast<int64_t>(suffix.size()), repr ? ", " : " ");
  return prefix + body + suffix;
}

// ---- numpy.array and element-wise ufuncs ----

/// The dtype numpy infers for nested Python numbers: bool, int64 or float64.
static void inferKind(VM& vm, const Value& v, bool& anyInt, bool& anyFloat) {
  if (v->kind == Kind::List || v->kind == Kind::Tuple) {
    for (const Value& x : vm.toVector(v)) inferKind(vm, x, anyInt, anyFloat);
  } else if (v->kind == Kind::Float) {
    anyFloat = true;
  } else if (v->kind == Kind::Int) {
    if (as<IntObject>(v).big) vm.unsupported("numpy.array of an int beyond 64 bits");
    anyInt = true;
  } else if (v->kind != Kind::Bool) {
    vm.unsupported("numpy.array of a " + vm.typeOf(v)->name);
  }
}

static runtime::Nested nested(VM& vm, const Value& v) {
  runtime::Nested n;
  if (v->kind == Kind::List || v->kind == Kind::Tuple) {
    std::vector<runtime::Nested> items;
    for (const Value& x : vm.toVector(v)) items.push_back(nested(vm, x));
    n.value = std::move(items);
  } else if (v->kind == Kind::Float) {
    n.value = runtime::Scalar(as<FloatObject>(v).v);
  } else if (v->kind == Kind::Bool) {
    n.value = runtime::Scalar(as<BoolObject>(v).v);
  } else {
    n.value = runtime::Scalar(asInt(v));
  }
  return n;
}

static std::optional<runtime::DType> dtypeArg(VM& vm, const Value& d) {
  if (!d || isNone(d)) return std::nullopt;
  if (d->kind == Kind::DType) return as<DTypeObject>(d).d;
  if (d == vm.b().float_) return runtime::DType::Float64;
  if (d == vm.b().int_) return runtime::DType::Int64;
  if (d == vm.b().bool_) return runtime::DType::Bool;
  vm.unsupported("numpy dtype " + vm.repr(d));
}

/// np.array(object, dtype=None): a new array (a copy of an array or tensor).
static Value array(VM& vm, CallArgs& a) {
  Value obj = a.args.at(0);
  std::optional<runtime::DType> dt = dtypeArg(vm, a.args.size() > 1 ? a.args[1] : a.kw("dtype"));
  for (const auto& [k, v] : a.kwargs)
    if (k != "dtype") vm.unsupported("numpy.array with " + k + "=");
  if (isNdarray(obj) || obj->kind == Kind::Tensor) {
    if (vm.dynamo().tracing(vm)) vm.unsupported("numpy.array of an array traced by Dynamo");
    const Tensor& t = data(vm, obj);
    return makeNdarray(wrapTensor(dt ? t.to(*dt) : t.clone()));
  }
  bool anyInt = false, anyFloat = false;
  inferKind(vm, obj, anyInt, anyFloat);
  runtime::DType inferred = anyFloat ? runtime::DType::Float64
                            : anyInt ? runtime::DType::Int64
                                     : runtime::DType::Bool;
  Tensor t = check(vm, runtime::fromNested(nested(vm, obj), dt.value_or(inferred)));
  if (vm.dynamo().tracing(vm)) return result(vm, "array", {}, t);
  return makeNdarray(wrapTensor(t));
}

static bool pyNumber(const Value& v) {
  return v->kind == Kind::Int || v->kind == Kind::Float || v->kind == Kind::Bool;
}

/// An array operand of a float ufunc: integer and bool arrays compute in float64, as numpy's
/// type resolution picks the float64 loop for them.
static Tensor floatData(VM& vm, const Value& v) {
  const Tensor& t = data(vm, v);
  return runtime::isFloating(t.dtype()) ? t : t.to(runtime::DType::Float64);
}

static void installUfuncs(const Value& m) {
  auto fn = [&](const std::string& name, NativeFn f) {
    auto b = std::make_shared<BuiltinObject>(name, std::move(f));
    b->id = "numpy." + name;
    as<ModuleObject>(m).dict->setStr(name, b);
  };
  fn("array", array);
  // (a Python number in gives numpy's float64 scalar, modelled as the Python float it
  // subclasses: the same value and arithmetic)
  struct Unary {
    const char* name;
    double (*scalar)(double);
    Tensor (*tensor)(const Tensor&);
  };
  for (Unary u : {Unary{"sin", [](double x) { return std::sin(x); }, runtime::sin},
                  Unary{"cos", [](double x) { return std::cos(x); }, runtime::cos},
                  Unary{"exp", [](double x) { return std::exp(x); }, runtime::exp},
                  Unary{"log", [](double x) { return std::log(x); }, runtime::log},
                  Unary{"sqrt", [](double x) { return std::sqrt(x); }, runtime::sqrt},
                  Unary{"tanh", [](double x) { return std::tanh(x); }, runtime::tanh}}) {
    fn(u.name, [u](VM& vm, CallArgs& a) -> Value {
      Value x = a.args.at(0);
      if (a.args.size() != 1 || !a.kwargs.empty())
        vm.unsupported(std::string("numpy.") + u.name + " with out=, where= or other arguments");
      if (pyNumber(x)) return pyFloat(u.scalar(asFloat(x)));
      if (!isNdarray(x))
        vm.unsupported(std::string("numpy.") + u.name + " of a " + vm.typeOf(x)->name);
      return result(vm, u.name, {x}, u.tensor(floatData(vm, x)));
    });
  }
  fn("power", [](VM& vm, CallArgs& a) -> Value {
    Value x = a.args.at(0), y = a.args.at(1);
    if (a.args.size() != 2 || !a.kwargs.empty())
      vm.unsupported("numpy.power with out=, where= or other arguments");
    if (pyNumber(x) && pyNumber(y)) {
      if (x->kind == Kind::Float || y->kind == Kind::Float)
        return pyFloat(std::pow(asFloat(x), asFloat(y)));
      if (asInt(y) < 0)
        vm.raise(vm.b().value_error, "Integers to negative integer powers are not allowed.");
      vm.unsupported("numpy.power of two ints (an int64 with numpy's overflow)");
    }
    for (const Value& v : {x, y})
      if (!pyNumber(v) && !isNdarray(v)) vm.unsupported("numpy.power of a " + vm.typeOf(v)->name);
    bool anyFloat = x->kind == Kind::Float || y->kind == Kind::Float ||
                    (isNdarray(x) && runtime::isFloating(data(vm, x).dtype())) ||
                    (isNdarray(y) && runtime::isFloating(data(vm, y).dtype()));
    auto op = [&](const Value& v) -> runtime::Operand {
      if (!isNdarray(v)) return operand(vm, v);
      return anyFloat ? runtime::Operand(floatData(vm, v)) : runtime::Operand(data(vm, v));
    };
    return result(vm, "power", {x, y}, check(vm, runtime::pow(op(x), op(y))), {}, "pow");
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
  binary(cls, "__add__", "add", false,
         [](const runtime::Operand& a, const runtime::Operand& b) { return runtime::add(a, b); });
  binary(cls, "__radd__", "add", true,
         [](const runtime::Operand& a, const runtime::Operand& b) { return runtime::add(a, b); });
  binary(cls, "__sub__", "sub", false,
         [](const runtime::Operand& a, const runtime::Operand& b) { return runtime::sub(a, b); });
  binary(cls, "__rsub__", "sub", true,
         [](const runtime::Operand& a, const runtime::Operand& b) { return runtime::sub(a, b); });
  binary(cls, "__mul__", "mul", false, runtime::mul);
  binary(cls, "__rmul__", "mul", true, runtime::mul);
  binary(cls, "__truediv__", "truediv", false, runtime::div);
  binary(cls, "__rtruediv__", "truediv", true, runtime::div);
  method(cls, "__getitem__", [](VM& vm, CallArgs& a) -> Value {
    Value self = a.args.at(0), key = a.args.at(1);
    // torch's indexing rules are numpy's basic indexing rules, but for negative steps
    if (Tensor t; negativeStepIndex(vm, data(vm, self), key, t))
      return result(vm, "getitem", {self, key}, t);
    return result(vm, "getitem", {self, key}, tensorIndex(vm, ndarrayTensor(self), key));
  });
  method(cls, "__setitem__", [](VM& vm, CallArgs& a) -> Value {
    if (vm.dynamo().tracing(vm)) vm.unsupported("numpy.ndarray.__setitem__ traced by Dynamo");
    Value self = a.args.at(0), key = a.args.at(1), v = a.args.at(2);
    const Tensor& dst = data(vm, self);
    auto items = tensorIndexItems(vm, key);
    if (isNdarray(v) || v->kind == Kind::Tensor)  // numpy casts the value to the array's dtype
      check(vm, runtime::setitem(dst, items, data(vm, v).to(dst.dtype())));
    else if (v->kind == Kind::Int || v->kind == Kind::Float || v->kind == Kind::Bool)
      check(vm, runtime::setitem(dst, items,
                                 v->kind == Kind::Float  ? runtime::Scalar(as<FloatObject>(v).v)
                                 : v->kind == Kind::Bool ? runtime::Scalar(as<BoolObject>(v).v)
                                                         : runtime::Scalar(asInt(v))));
    else
      vm.unsupported("numpy.ndarray.__setitem__ with a " + vm.typeOf(v)->name + " value");
    return none();
  });
  method(cls, "reshape", [](VM& vm, CallArgs& a) -> Value {
    runtime::Shape s;
    if (a.args.size() == 2 && a.args[1]->kind == Kind::Tuple)
      for (const Value& v : vm.toVector(a.args[1])) s.push_back(asInt(v));
    else
      for (size_t i = 1; i < a.args.size(); ++i) s.push_back(asInt(a.args[i]));
    return result(vm, "reshape", {a.args[0]}, check(vm, runtime::reshape(data(vm, a.args[0]), s)));
  });
  method(cls, "copy", [](VM& vm, CallArgs& a) -> Value {
    return result(vm, "copy", {a.args[0]}, data(vm, a.args[0]).clone());
  });
  method(cls, "tolist", [](VM& vm, CallArgs& a) -> Value {
    if (vm.dynamo().tracing(vm)) vm.unsupported("numpy.ndarray.tolist traced by Dynamo");
    return tensorCallMethod(vm, wrapTensor(data(vm, a.args.at(0))), "tolist", {});
  });
  method(cls, "__len__",
         [](VM& vm, CallArgs& a) -> Value { return pyInt(data(vm, a.args[0]).sizes().at(0)); });
  // (instance str()/repr() call Python-level methods only: the prelude below binds these)
  for (bool repr : {false, true})
    m->dict->setStr(
        repr ? "_gbc_array_repr" : "_gbc_array_str",
        std::make_shared<BuiltinObject>("_gbc_array_text", [repr](VM& vm, CallArgs& a) -> Value {
          const Tensor& t = data(vm, a.args.at(0));
          std::string text = arrayText(t, repr);
          if (text.empty()) vm.unsupported("printing this numpy array");
          return pyStr(text);
        }));
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
    GradArgs ga;
    ga.dims = axisArg(vm, axis).value_or(std::vector<int64_t>{});
    return result(vm, "sum", {a.args.at(0)},
                  check(vm, runtime::sum(data(vm, a.args[0]), axisArg(vm, axis))), ga);
  });
  fn("mean", [](VM& vm, CallArgs& a) -> Value {
    Value axis = a.args.size() > 1 ? a.args[1] : a.kw("axis");
    GradArgs ga;
    ga.dims = axisArg(vm, axis).value_or(std::vector<int64_t>{});
    return result(vm, "mean", {a.args.at(0)},
                  check(vm, runtime::mean(data(vm, a.args[0]), axisArg(vm, axis))), ga);
  });
  // np.prod of a shape (a sequence of ints): numpy's int64 product, shown as a Python int
  // (str() of np.int64 is the same); other operands are not modelled
  fn("prod", [](VM& vm, CallArgs& a) -> Value {
    Value v = a.args.at(0);
    if (a.args.size() != 1 || !a.kwargs.empty() ||
        (v->kind != Kind::Tuple && v->kind != Kind::List))
      vm.unsupported("numpy.prod of this operand");
    int64_t p = 1;
    for (const Value& x : vm.toVector(v)) {
      if (x->kind != Kind::Int) vm.unsupported("numpy.prod of non-integers");
      p *= asInt(x);
    }
    return pyInt(p);
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
    Tensor t = a.args.size() == 1
                   ? check(vm, runtime::arange(scalar(a.args[0]), dt))
                   : check(vm, runtime::arange(scalar(a.args.at(0)), scalar(a.args.at(1)),
                                               int64_t{1}, dt));
    return result(vm, "arange", {}, t);
  });
  installUfuncs(m);
  installNumpyRandom(vm, m);
  loadPrelude(vm, "numpy._gbc_arrayprint", "numpy/_core/arrayprint.py",
              "import numpy\n"
              "def _str(self):\n    return numpy._gbc_array_str(self)\n"
              "def _repr(self):\n    return numpy._gbc_array_repr(self)\n"
              "numpy.ndarray.__str__ = _str\n"
              "numpy.ndarray.__repr__ = _repr\n");
}

}  // namespace gbc::interp
