// More of the torch namespace: serialization (torch.save), the torch._dynamo / torch.compiler
// helpers programs call (skip_frame, allow_in_graph, mark_dynamic, ...), the
// torch._dynamo.config entries the cause table reads, torch._check and torch.allclose.
#include <cmath>

#include "interp/autograd.h"
#include "interp/causes.h"
#include "interp/dynamo.h"
#include "interp/numpy_model.h"
#include "interp/stdlib_io.h"
#include "interp/torch_model.h"
#include "runtime/ops.h"

namespace gbc::interp {

static runtime::Tensor& T(const Value& v) { return tensorArg(v); }

// ---- torch-function modes (torch.overrides.TorchFunctionMode) ----

std::vector<Value>& torchFunctionModes() {
  static thread_local std::vector<Value> stack;
  return stack;
}

/// Calls the innermost mode's __torch_function__(Tensor.<method>, types, args, {}) with that
/// mode popped for the duration (as torch does); nullptr when no mode is active.
Value dispatchTorchFunctionMode(VM& vm, const char* method, const Value& a, const Value& b) {
  auto& modes = torchFunctionModes();
  if (modes.empty() || !method) return nullptr;
  Value func = vm.b().tensor->dict->getStr(method);
  if (!func) return nullptr;
  Value mode = modes.back();
  modes.pop_back();
  struct Repush {
    std::vector<Value>& modes;
    Value mode;
    ~Repush() { modes.push_back(mode); }
  } repush{modes, mode};
  Value handler = vm.getAttr(mode, "__torch_function__");
  return vm.call(handler,
                 std::vector<Value>{func, pyTuple({vm.b().tensor}), pyTuple({a, b}), newDict()});
}

static Value modNamed(VM& vm, const std::string& name) {
  if (Value m = vm.findModule(name)) return m;
  auto m = std::make_shared<ModuleObject>(name);
  m->dict->setStr("__name__", pyStr(name));
  vm.registerModule(name, m);
  size_t dot = name.rfind('.');
  if (dot != std::string::npos)
    as<ModuleObject>(modNamed(vm, name.substr(0, dot))).dict->setStr(name.substr(dot + 1), m);
  return m;
}

static Value def(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = as<ModuleObject>(module).name + "." + name;
  b->qualname = name;
  as<ModuleObject>(module).dict->setStr(name, b);
  return b;
}

static Value firstArg(CallArgs& a, const char* kw) {
  return a.args.empty() ? a.kw(kw) : a.args.at(0);
}

/// Forgets the nodes recorded from index `mark` on (a body traced only for its value).
static void dropNodesFrom(TraceState& st, size_t mark) {
  st.graph.nodes.resize(mark);
  for (auto it = st.node_of.begin(); it != st.node_of.end();)
    it = it->second >= static_cast<int>(mark) ? st.node_of.erase(it) : std::next(it);
}

/// Records one higher-order call node `target` over the call's tensor arguments (flattened one
/// level into lists/tuples) and a getitem node per tensor of its output.
static void recordOpaqueCall(VM& vm, const std::string& target, CallArgs& b, const Value& out) {
  std::vector<Value> ins;
  auto add = [&](const Value& v) {
    if (v->kind == Kind::Tensor)
      ins.push_back(v);
    else if (v->kind == Kind::List || v->kind == Kind::Tuple)
      for (const Value& x : vm.toVector(v))
        if (x->kind == Kind::Tensor) ins.push_back(x);
  };
  for (const Value& v : b.args) add(v);
  for (auto& kv : b.kwargs) add(kv.second);
  std::vector<Value> outs;
  if (out->kind == Kind::Tensor)
    outs.push_back(out);
  else if (out->kind == Kind::List || out->kind == Kind::Tuple)
    for (const Value& x : vm.toVector(out))
      if (x->kind == Kind::Tensor) outs.push_back(x);
  // the node's own value (a tuple in FX) stands in as a fresh tensor its getitems read
  Value node = outs.empty() ? nullptr : wrapTensor(as<TensorObject>(outs[0]).t);
  vm.dynamo().recordOp(vm, target, graph::NodeOp::CallFunction, ins,
                       node ? std::vector<Value>{node} : std::vector<Value>{});
  for (size_t i = 0; i < outs.size(); ++i)
    vm.dynamo().recordOp(vm, "getitem", graph::NodeOp::CallFunction,
                         {node, pyInt(static_cast<int64_t>(i))}, {outs[i]});
}

void installTorchExtras(VM& vm) {
  installNumpy(vm);
  Value torch = modNamed(vm, "torch");
  Value dyn = modNamed(vm, "torch._dynamo");
  Value compiler = modNamed(vm, "torch.compiler");

  // torch.fx's classes by name only: programs annotate custom backends with them
  // (`gm: torch.fx.GraphModule`), which Python 3.12 evaluates when the def runs.
  Value fx = modNamed(vm, "torch.fx");
  for (const char* cls : {"GraphModule", "Graph", "Node", "Proxy"}) {
    ClassPtr c = vm.makeClass(cls, {vm.b().object}, nullptr);
    c->module = "torch.fx";
    as<ModuleObject>(fx).dict->setStr(cls, c);
  }

  // torch.save writes into the in-memory file system of open()
  def(torch, "save", [](VM& vm, CallArgs& a) -> Value {
    Value f = a.args.size() > 1 ? a.args.at(1) : a.kw("f");
    if (f && f->kind == Kind::Str) vfsWrite(asStr(f), "<torch.save>");
    (void)vm;
    return none();
  });

  // torch.vmap(func, in_dims=0, out_dims=0): functorch's `wrapped` function. Eagerly it maps
  // func over dim 0 of its tensor arguments and stacks the results. Dynamo's own tracing of
  // vmap is not modelled: traced, it is one opaque `wrapped` op (what allow_in_graph makes it).
  def(torch, "vmap", [](VM& vm, CallArgs& a) -> Value {
    Value func = firstArg(a, "func");
    for (const char* unsupported : {"out_dims", "randomness", "chunk_size"})
      if (a.kw(unsupported))
        vm.unsupported(std::string("torch.vmap(..., ") + unsupported + "=...)");
    Value in_dims = a.args.size() > 1 ? a.args.at(1) : a.kw("in_dims");
    if (in_dims && !(in_dims->kind == Kind::Int && asInt(in_dims) == 0))
      vm.unsupported("torch.vmap with in_dims other than 0");
    auto wrapped = std::make_shared<BuiltinObject>("wrapped", [func](VM& vm, CallArgs& c) -> Value {
      if (!c.kwargs.empty()) vm.unsupported("keyword arguments to a torch.vmap function");
      int64_t batch = -1;
      for (const Value& x : c.args) {
        if (x->kind != Kind::Tensor)
          vm.unsupported("a non-tensor argument to a torch.vmap function");
        if (T(x).dim() == 0)
          vm.raise(vm.b().value_error,
                   "vmap(wrapped, in_dims=0, ...)(<inputs>): Got in_dim=0 for an input but the "
                   "input is of type <class 'torch.Tensor'>. We cannot vmap over non-Tensor "
                   "arguments, please use None as the respective in_dim");
        batch = T(x).sizes()[0];
      }
      std::vector<runtime::Tensor> outs;
      for (int64_t i = 0; i < batch; ++i) {
        std::vector<Value> slice;
        for (const Value& x : c.args)
          slice.push_back(wrapTensor(check(vm, runtime::select(T(x), 0, i))));
        CallArgs sa;
        sa.args = std::move(slice);
        Value r = vm.dynamo().callOpaque(vm, func, sa);
        if (r->kind != Kind::Tensor)
          vm.unsupported("a torch.vmap function that returns a non-tensor");
        outs.push_back(T(r));
      }
      Value out = wrapTensor(check(vm, runtime::stack(outs, 0)));
      vm.dynamo().recordOp(vm, "wrapped", graph::NodeOp::CallFunction, c.args, {out});
      return out;
    });
    wrapped->qualname = "vmap.<locals>.wrapped";
    return wrapped;
  });

  // torch.func.grad(func, argnums=0, has_aux=False): functorch's grad transform. The gradient
  // comes from gbc's tape (autograd.h). Traced, Dynamo inlines functorch's grad_and_value_impl:
  // its bookkeeping calls are graph nodes around the traced body, as the recordings show.
  Value func_module = modNamed(vm, "torch.func");
  def(func_module, "grad", [](VM& vm, CallArgs& a) -> Value {
    Value func = firstArg(a, "func");
    Value argnums = a.args.size() > 1 ? a.args.at(1) : a.kw("argnums");
    Value aux_kw = a.args.size() > 2 ? a.args.at(2) : a.kw("has_aux");
    bool has_aux = aux_kw && vm.truthy(aux_kw);
    std::vector<int64_t> nums;
    bool nums_tuple = argnums && argnums->kind == Kind::Tuple;
    if (!argnums) {
      nums.push_back(0);
    } else if (argnums->kind == Kind::Int) {
      nums.push_back(asInt(argnums));
    } else if (nums_tuple) {
      for (const Value& n : vm.toVector(argnums)) {
        if (n->kind != Kind::Int) vm.unsupported("torch.func.grad argnums other than ints");
        nums.push_back(asInt(n));
      }
    } else {
      vm.unsupported("torch.func.grad argnums other than an int or a tuple of ints");
    }
    auto grad_f = std::make_shared<BuiltinObject>("wrapper", [=](VM& vm, CallArgs& c) -> Value {
      Dynamo& d = vm.dynamo();
      auto node = [&](const char* target, std::vector<Value> inputs, std::vector<Value> outs) {
        d.recordOp(vm, target, graph::NodeOp::CallFunction, inputs, outs);
      };
      const char* kPrefix = "grad_and_value(f)(*args): ";
      d.recordOp(vm, "_saved_tensors_hooks_disable", graph::NodeOp::CallFunction,
                 {pyStr("torch.func.{grad, vjp, jacrev, hessian} don't yet support saved tensor "
                        "hooks. Please open an issue with your use case.")},
                 {});
      Value level = pyInt(1);
      node("_grad_increment_nesting", {}, {});
      CallArgs inner = c;
      std::vector<Value> diff;
      for (int64_t n : nums) {
        int64_t i = n < 0 ? n + static_cast<int64_t>(c.args.size()) : n;
        if (i < 0 || i >= static_cast<int64_t>(c.args.size()))
          vm.raise(vm.b().runtime_error, std::string(kPrefix) + "Got argnums=" + std::to_string(n) +
                                             " but only " + std::to_string(c.args.size()) +
                                             " positional inputs");
        const Value& x = c.args[static_cast<size_t>(i)];
        if (x->kind != Kind::Tensor)
          vm.unsupported("torch.func.grad of a " + vm.typeOf(x)->name + " argument");
        runtime::Tensor alias = T(x);
        alias.setRequiresGrad(true);
        Value wrapped = wrapTensor(alias);
        node("_wrap_for_grad", {x, level}, {wrapped});
        inner.args[static_cast<size_t>(i)] = wrapped;
        diff.push_back(wrapped);
      }
      for (const Value& w : diff) {
        node("set_inplace_requires_grad_allowed", {pyBool(true)}, {});
        node("_set_tensor_requires_grad", {w}, {});
        node("set_inplace_requires_grad_allowed", {pyBool(false)}, {});
      }
      GradTape tape;
      for (const Value& w : diff) tape.track(w);
      Value result;
      {
        GradTape::Scope scope(tape);
        result = vm.call(func, inner);
      }
      Value output = result, aux = none();
      if (has_aux) {
        if (!(result->kind == Kind::Tuple && vm.toVector(result).size() == 2))
          vm.raise(vm.b().runtime_error,
                   std::string(kPrefix) +
                       "output of function f should be a tuple: (output, aux) if has_aux is True");
        output = vm.toVector(result)[0];
        aux = vm.toVector(result)[1];
      }
      if (output->kind != Kind::Tensor)
        vm.raise(vm.b().runtime_error, std::string(kPrefix) +
                                           "Expected f(*args) to return a Tensor, got " +
                                           vm.repr(vm.typeOf(output)));
      if (T(output).dim() != 0)
        vm.raise(vm.b().runtime_error,
                 std::string(kPrefix) +
                     "Expected f(*args) to return a scalar Tensor, got tensor "
                     "with " +
                     std::to_string(T(output).dim()) +
                     " dims. Maybe you wanted to use the vjp or jacrev APIs instead?");
      std::vector<runtime::Tensor> grads = tape.gradients(vm, output, diff);
      Value grads_tuple = pyTuple({});
      node("_autograd_grad", {output}, {});
      std::vector<Value> grad_values;
      for (runtime::Tensor& g : grads) {
        g.setRequiresGrad(false);
        grad_values.push_back(wrapTensor(g));
        node("getitem", {grads_tuple}, {grad_values.back()});
      }
      for (const Value& g : grad_values) node("_unwrap_for_grad", {g, level}, {});
      node("_unwrap_for_grad", {output, level}, {});
      node("_grad_decrement_nesting", {}, {});
      node("_saved_tensors_hooks_enable", {}, {});
      Value grad = nums_tuple ? pyTuple(grad_values) : grad_values.at(0);
      return has_aux ? pyTuple({grad, aux}) : grad;
    });
    grad_f->qualname = "grad.<locals>.wrapper";
    return grad_f;
  });
  as<ModuleObject>(func_module).dict->setStr("vmap", as<ModuleObject>(torch).dict->getStr("vmap"));

  def(dyn, "skip_frame", [](VM&, CallArgs&) -> Value { return none(); });
  auto allowInGraph = [](VM&, CallArgs& a) -> Value { return firstArg(a, "fn"); };
  def(dyn, "allow_in_graph", allowInGraph);
  def(compiler, "allow_in_graph", allowInGraph);
  // mark_dynamic / maybe_mark_dynamic / mark_static: recorded on the tensor
  for (const char* name : {"mark_dynamic", "maybe_mark_dynamic", "mark_static"}) {
    std::string n = name;
    def(dyn, n, [n](VM& vm, CallArgs& a) -> Value {
      Value t = a.args.at(0);
      if (t->kind == Kind::Tensor) {
        auto& to = as<TensorObject>(t);
        if (!to.attrs) to.attrs = newDict();
        Value dims = to.attrs->getStr("_gbc_" + n);
        if (!dims) {
          dims = pyList({});
          to.attrs->setStr("_gbc_" + n, dims);
        }
        if (a.args.size() > 1) as<ListObject>(dims).items.push_back(a.args.at(1));
      }
      (void)vm;
      return none();
    });
  }

  Value config = modNamed(vm, "torch._dynamo.config");
  auto& cd = *as<ModuleObject>(config).dict;
  cd.setStr("capture_dynamic_output_shape_ops", pyBool(false));
  cd.setStr("reorderable_logging_functions", std::make_shared<SetObject>());
  cd.setStr("ignore_logging_functions", std::make_shared<SetObject>());
  cd.setStr("recompile_limit", pyInt(8));
  cd.setStr("cache_size_limit", pyInt(8));
  cd.setStr("suppress_errors", pyBool(false));
  cd.setStr("verbose", pyBool(false));

  // torch._check(cond, message=None): eagerly a RuntimeError when False; while tracing a
  // false condition on a concrete value fails the fake-tensor call
  def(torch, "_check", [](VM& vm, CallArgs& a) -> Value {
    Value cond = a.args.at(0);
    vm.dynamo().traceCheck(vm, cond, /*user_check=*/true);
    if (vm.truthy(cond)) return none();
    if (vm.dynamo().tracing(vm)) {
      Value exc = vm.findModule("torch._dynamo.exc");
      Value cls = exc ? as<ModuleObject>(exc).dict->getStr("TorchRuntimeError") : nullptr;
      if (cls && cls->kind == Kind::Class)
        vm.raise(std::static_pointer_cast<ClassObject>(cls),
                 "RuntimeError when making fake tensor call");
    }
    vm.raise(vm.b().runtime_error,
             "Expected cond to be True, but got False. (Could this error message be improved? If "
             "so, please report an enhancement request to PyTorch.)");
  });

  def(torch, "allclose", [](VM& vm, CallArgs& a) -> Value {
    const runtime::Tensor& x = T(a.args.at(0));
    const runtime::Tensor& y = T(a.args.at(1));
    Value rt = a.args.size() > 2 ? a.args.at(2) : a.kw("rtol");
    Value at = a.args.size() > 3 ? a.args.at(3) : a.kw("atol");
    double rtol = rt ? asFloat(rt) : 1e-5, atol = at ? asFloat(at) : 1e-8;
    if (x.numel() != y.numel())
      vm.raise(vm.b().runtime_error, "The size of tensor a must match the size of tensor b");
    runtime::Tensor xc = x.contiguous(), yc = y.contiguous();
    for (int64_t i = 0; i < x.numel(); ++i) {
      double p = runtime::scalarToDouble(xc.flatAt(i)), q = runtime::scalarToDouble(yc.flatAt(i));
      if (std::fabs(p - q) > atol + rtol * std::fabs(q)) return pyBool(false);
    }
    return pyBool(true);
  });

  // torch.equal(a, b): same sizes and equal elements (runtime::equal). Inside compiled code
  // Dynamo makes it a graph node whose bool is data-dependent; gbc does not model that yet.
  auto equal = [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() != 2 || a.args[0]->kind != Kind::Tensor || a.args[1]->kind != Kind::Tensor)
      vm.raise(vm.b().type_error, "equal(): argument 'other' (position 2) must be Tensor");
    if (vm.top() && vm.top()->trace) vm.unsupported("`torch.equal` inside compiled code");
    return pyBool(runtime::equal(T(a.args[0]), T(a.args[1])));
  };
  def(torch, "equal", equal);
  defineTensorMethod(vm, "equal", equal);

  // torch.library.custom_op: an opaque operator; while tracing its body runs for the value
  // only and the graph keeps one node, torch.ops.<ns>.<name>.default
  Value library = modNamed(vm, "torch.library");
  def(library, "custom_op", [](VM& vm, CallArgs& a) -> Value {
    std::string qual = vm.str(a.args.empty() ? a.kw("name") : a.args.at(0));
    std::string name = qual.substr(qual.find("::") == std::string::npos ? 0 : qual.find("::") + 2);
    auto make = [name](VM&, const Value& fn) -> Value {
      auto op = std::make_shared<BuiltinObject>(name, [fn, name](VM& vm, CallArgs& b) -> Value {
        Frame* top = vm.top();
        TraceState* st = top ? top->trace : nullptr;
        size_t mark = st ? st->graph.nodes.size() : 0;
        Value out = vm.call(fn, b);
        if (st) {
          st->graph.nodes.resize(mark);
          for (auto it = st->node_of.begin(); it != st->node_of.end();)
            it = it->second >= static_cast<int>(mark) ? st->node_of.erase(it) : std::next(it);
          vm.dynamo().recordOp(vm, name + ".default", graph::NodeOp::CallFunction, b.args, {out});
        }
        return out;
      });
      op->id = "torch.library.CustomOpDef";
      op->attrs = newDict();
      op->attrs->setStr("register_fake", std::make_shared<BuiltinObject>(
                                             "register_fake", [](VM&, CallArgs& c) -> Value {
                                               return c.args.at(0);
                                             }));
      return op;
    };
    Value fn = a.kw("fn");
    if (fn && !isNone(fn)) return make(vm, fn);
    return std::make_shared<BuiltinObject>(
        "custom_op", [make](VM& vm, CallArgs& b) -> Value { return make(vm, b.args.at(0)); });
  });

  // torch._dynamo.nonstrict_trace(fn): while tracing, the call runs eagerly (untraced) and the
  // graph keeps one flat_apply_capture node, plus a getitem per tensor output
  // (variables/functions.py, FunctionDecoratedByNonstrictTraceVariable)
  def(dyn, "nonstrict_trace", [](VM& vm, CallArgs& a) -> Value {
    Value fn = firstArg(a, "traceable_fn");
    auto w = std::make_shared<BuiltinObject>(
        fn->kind == Kind::Function ? as<FunctionObject>(fn).name : "nonstrict_trace",
        [fn](VM& vm, CallArgs& b) -> Value {
          if (!vm.dynamo().tracing(vm)) return vm.call(fn, b);
          Value out = vm.dynamo().callOpaque(vm, fn, b);
          recordOpaqueCall(vm, "flat_apply_capture", b, out);
          return out;
        });
    w->id = "torch._dynamo.nonstrict_trace_wrapper";
    w->attrs = newDict();
    w->attrs->setStr("__wrapped__", fn);
    (void)vm;
    return w;
  });

  // torch.compiler.nested_compile_region(fn=None, options=None): while tracing, each call is one
  // invoke_subgraph node (its body traced into a subgraph) and a getitem per tensor output
  auto region = [](VM&, const Value& fn) -> Value {
    auto w = std::make_shared<BuiltinObject>(
        fn->kind == Kind::Function ? as<FunctionObject>(fn).name : "nested_compile_region",
        [fn](VM& vm, CallArgs& b) -> Value {
          TraceState* st = vm.top() ? vm.top()->trace : nullptr;
          if (!st) return vm.call(fn, b);
          size_t mark = st->graph.nodes.size();
          Value out = vm.call(fn, b);
          dropNodesFrom(*st, mark);
          recordOpaqueCall(vm, "invoke_subgraph", b, out);
          return out;
        });
    w->id = "torch.compiler.nested_compile_region_wrapper";
    w->attrs = newDict();
    w->attrs->setStr("__wrapped__", fn);
    return w;
  };
  def(compiler, "nested_compile_region", [region](VM& vm, CallArgs& a) -> Value {
    Value fn = firstArg(a, "fn");
    if (fn && !isNone(fn)) return region(vm, fn);
    return std::make_shared<BuiltinObject>(
        "nested_compile_region",
        [region](VM& vm, CallArgs& b) -> Value { return region(vm, b.args.at(0)); });
  });

  // torch._dynamo.exc.TorchRuntimeError
  Value exc = modNamed(vm, "torch._dynamo.exc");
  auto tre = vm.makeClass("TorchRuntimeError", {vm.b().runtime_error}, nullptr);
  tre->module = "torch._dynamo.exc";
  as<ModuleObject>(exc).dict->setStr("TorchRuntimeError", tre);
}

}  // namespace gbc::interp
