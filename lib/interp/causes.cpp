// The cause table. Each entry: what Dynamo does, how gbc recognises it, Dynamo's text.
// Sources: torch/_dynamo/variables/{builtin,tensor,functions,misc}.py, symbolic_convert.py
// (read in 2.14.1).
#include "interp/causes.h"

#include "interp/torch_model.h"

#include <functional>
#include <set>

namespace gbc::interp {

namespace causes_detail {

std::string variableClass(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::None:
    case Kind::Bool:
    case Kind::Int:
    case Kind::Float:
    case Kind::Str:
      return "torch._dynamo.variables.constant.ConstantVariable";
    case Kind::Tensor:
      return "torch._dynamo.variables.tensor.TensorVariable";
    case Kind::List:
      return "torch._dynamo.variables.lists.ListVariable";
    case Kind::Tuple:
      return as<TupleObject>(v).is_size ? "torch._dynamo.variables.lists.SizeVariable"
                                        : "torch._dynamo.variables.lists.TupleVariable";
    case Kind::Dict:
      return "torch._dynamo.variables.dicts.ConstDictVariable";
    case Kind::Function:
      return "torch._dynamo.variables.functions.UserFunctionVariable";
    case Kind::Instance:
      if (isNnModule(vm, v))
        return "torch._dynamo.variables.nn_module.UnspecializedNNModuleVariable";
      return "torch._dynamo.variables.user_defined.UserDefinedObjectVariable";
    default:
      return "torch._dynamo.variables.base.VariableTracker";
  }
}

std::string variableRepr(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::Str:
      return "ConstantVariable(str: " + vm.repr(v) + ")";
    case Kind::Int:
      return "ConstantVariable(int: " + vm.repr(v) + ")";
    case Kind::Float:
      return "ConstantVariable(float: " + vm.repr(v) + ")";
    case Kind::Bool:
      return "ConstantVariable(bool: " + vm.repr(v) + ")";
    case Kind::None:
      return "ConstantVariable(NoneType: None)";
    case Kind::Tensor:
      return "TensorVariable()";
    default:
      return vm.typeOf(v)->name + "Variable()";
  }
}

std::string argsRepr(VM& vm, const CallArgs& args) {
  std::string a = "[";
  for (size_t i = 0; i < args.args.size(); ++i)
    a += (i ? ", " : "") + variableRepr(vm, args.args[i]);
  return a + "]";
}

std::string kwargsRepr(VM& vm, const CallArgs& args) {
  std::string k = "{";
  for (size_t i = 0; i < args.kwargs.size(); ++i)
    k += (i ? ", '" : "'") + args.kwargs[i].first + "': " + variableRepr(vm, args.kwargs[i].second);
  return k + "}";
}

}  // namespace causes_detail

using namespace causes_detail;

static std::string pyTypeName(VM& vm, const Value& v) {
  if (v->kind == Kind::Tensor) return "Tensor";
  if (v->kind == Kind::Tuple && as<TupleObject>(v).is_size) return "Size";  // torch.Size
  return vm.typeOf(v)->name;
}

static report::GbMessage graphBreakCall(VM& vm, CallArgs& args) {
  report::GbMessage m;
  m.gb_type = "Call to `torch._dynamo.graph_break()`";
  Value msg = args.kw("msg");
  if (!msg && !args.args.empty()) msg = args.args[0];
  m.explanation =
      "User-inserted graph break. Message: " + (msg ? vm.str(msg) : std::string("None"));
  m.hints = {"Remove the `torch._dynamo.graph_break()` call."};
  m.context = "Called `torch._dynamo.graph_break()` with args `" + argsRepr(vm, args) +
              "`, kwargs `" + kwargsRepr(vm, args) + "`";
  return m;
}

static report::GbMessage builtinOperator(VM& vm, const std::string& name, CallArgs& args) {
  report::GbMessage m;
  m.gb_type = "Failed to trace builtin operator";
  std::string types = "[";
  std::string classes = "[";
  for (size_t i = 0; i < args.args.size(); ++i) {
    types += (i ? ", '" : "'") + pyTypeName(vm, args.args[i]) + "'";
    classes += (i ? ", " : "") + std::string("<class '") + variableClass(vm, args.args[i]) + "'>";
  }
  types += "]";
  classes += "]";
  bool has_kwargs = !args.kwargs.empty();
  m.explanation = "Dynamo does not know how to trace builtin operator `" + name +
                  "` with argument types " + types + " (has_kwargs " +
                  (has_kwargs ? "True" : "False") + ")";
  m.hints = {
      "Avoid calling builtin `" + name + "` with argument types " + types +
          ". Consider using an equivalent alternative function/method to `" + name + "`.",
      "If you are attempting to call a logging function (e.g. `print`), you can try adding it to "
      "`torch._dynamo.config.reorderable_logging_functions`.",
      "Please report an issue to PyTorch."};
  m.context = "builtin " + name + " " + classes + " " + (has_kwargs ? "True" : "False");
  return m;
}

static report::GbMessage itemCall(VM&) {
  report::GbMessage m;
  m.gb_type = "Unsupported Tensor.item() call with capture_scalar_outputs=False";
  m.explanation =
      "Dynamo does not support tracing `Tensor.item()` with config.capture_scalar_outputs=False.";
  m.hints = {
      "Set `torch._dynamo.config.capture_scalar_outputs = True` or `export "
      "TORCHDYNAMO_CAPTURE_SCALAR_OUTPUTS=1` "
      "to include these operations in the captured graph."};
  m.context = "call_method TensorVariable() item () {}";
  return m;
}

// GB0109 / GB0033: TensorVariable.method_tolist (variables/tensor.py) traces only integer
// tensors (int8/16/32/64), each element an item() of a getitem; without capture_scalar_outputs
// that item() is the data-dependent _local_scalar_dense the fake tensor refuses.
static std::optional<report::GbMessage> tolistCall(VM& vm, const Value& self) {
  report::GbMessage m;
  std::string dtype(runtime::dtypeName(as<TensorObject>(self).t.dtype()));
  bool integer = dtype == "torch.int8" || dtype == "torch.int16" || dtype == "torch.int32" ||
                 dtype == "torch.int64";  // not uint8, not bool
  if (!integer) {
    m.gb_type = "Tensor.tolist() with non-integer tensor";
    m.explanation = "Dynamo currently does not support tracing `tolist()` on non-integer tensors.";
    m.hints = {
        "Ensure the input tensor to `tolist()` is an integer type (e.g., int8, int16, "
        "int32, int64)."};
    m.context = "call_method " + variableRepr(vm, self) + " to_list";
    return m;
  }
  if (dynamoConfigFlag(vm, "capture_scalar_outputs")) return std::nullopt;
  if (as<TensorObject>(self).t.numel() == 0) return std::nullopt;  // no element, no item()
  m.gb_type = "Data dependent operator";
  m.explanation =
      "Operator `aten._local_scalar_dense.default` has a non-Tensor output whose value is "
      "dependent on the data of Tensor inputs.";
  m.hints = {
      "Enable tracing of data-dependent output operators with "
      "`torch._dynamo.config.capture_scalar_outputs = True`"};
  m.context = "aten._local_scalar_dense.default";
  return m;
}

// GB0123: TensorVariable.method_backward (variables/tensor.py) with trace_autograd_ops off
static report::GbMessage backwardCall(VM& vm, const Value& self, CallArgs& args) {
  report::GbMessage m;
  m.gb_type = "Unsupported Tensor.backward() call";
  m.explanation =
      "Dynamo currently does not support tracing `Tensor.backward()` when trace_autograd_ops is "
      "off.";
  m.hints = {"Set torch._dynamo.trace_autograd_ops=True"};
  m.context = "call_method " + variableRepr(vm, self) + " backward";
  const char* names[] = {"gradient", "retain_graph", "create_graph", "inputs"};
  for (size_t i = 0; i < 4; ++i) {
    Value v = i < args.args.size() ? args.args[i] : args.kw(names[i]);
    m.context += " " + (v ? variableRepr(vm, v) : std::string("None"));
  }
  return m;
}

static report::GbMessage disabledCall(VM& vm, const Value& fn, bool recursive) {
  report::GbMessage m;
  std::string r = vm.repr(fn);
  if (recursive) {
    m.gb_type = "Skip calling `torch.compiler.disable()`d function";
    m.explanation = "Skip calling function `" + r +
                    "` since it was wrapped with `torch.compiler.disable` (reason: None)";
    m.hints = {"Remove the `torch.compiler.disable` call"};
  } else {
    m.gb_type = "Skip inlining `torch.compiler.disable()`d function";
    m.explanation = "Skip inlining function " + r +
                    " since it was wrapped with `torch.compiler.disable` (reason: None)";
    m.hints = {"Remove the `torch.compiler.disable` call"};
  }
  m.context = r;
  return m;
}

/// next() on a list/tuple iterator the traced frame received (Dynamo wraps it as a
/// UserDefinedObjectVariable, not a ListIteratorVariable). 2.14: GB9493 (user_defined.py,
/// C-implemented __next__); 2.11: GB0156 (the generic call_method fallback).
static bool isInputIterator(VM& vm, const Value& v) {
  if (v->kind != Kind::Iterator) return false;
  const std::string& ty = as<IteratorObject>(v).type_name;
  if (ty != "list_iterator" && ty != "tuple_iterator") return false;
  TraceState* st = vm.top()->trace;
  for (const Value& x : st->start.fast)
    if (x.get() == v.get()) return true;
  return false;
}

static report::GbMessage iteratorNext(VM& vm, const Value& it) {
  const std::string& ty = as<IteratorObject>(it).type_name;
  report::GbMessage m;
  if (vm.target().id == TargetId::Torch2_14) {
    m.gb_type = "C-implemented special method without VariableTracker model";
    m.explanation = "'" + ty + "' implements '__next__' in C and Dynamo has no model for it.";
    m.hints = {hints::kSupportable};
    m.context =
        "name=__next__, type=" + ty + ", attr=<slot wrapper '__next__' of '" + ty + "' objects>";
  } else {
    m.gb_type = "Unsupported method call";
    m.explanation = "Dynamo does not know how to trace method `__next__` of class `" + ty + "`";
    m.hints = {"Avoid calling `" + ty + ".__next__` in your code.",
               "Please report an issue to PyTorch."};
    m.context = "call_method UserDefinedObjectVariable(" + ty + ") __next__ [] {}";
  }
  return m;
}

bool checkCallCause(VM& vm, const Value& callable, CallArgs& args) {
  Dynamo& d = vm.dynamo();
  LibraryCall lib = checkLibraryCallCause(vm, callable, args);
  if (lib == LibraryCall::Drop) return true;
  if (lib == LibraryCall::RunEagerly) return false;
  if (callable->kind == Kind::Builtin) {
    const std::string& id = as<BuiltinObject>(callable).id;
    if (id == "torch._dynamo.graph_break") d.graphBreak(vm, graphBreakCall(vm, args));
    if (id == "builtins.print") d.graphBreak(vm, builtinOperator(vm, "print", args));
    if (id == "builtins.open") d.graphBreak(vm, builtinOperator(vm, "open", args));
    if (id == "builtins.next" && !args.args.empty() && isInputIterator(vm, args.args[0]))
      d.graphBreak(vm, iteratorNext(vm, args.args[0]));
    if (id == "Tensor.backward")
      d.graphBreak(vm, backwardCall(vm, as<BuiltinObject>(callable).self, args));
    if (id == "Tensor.tolist" && as<BuiltinObject>(callable).self &&
        as<BuiltinObject>(callable).self->kind == Kind::Tensor)
      if (auto m = tolistCall(vm, as<BuiltinObject>(callable).self)) d.graphBreak(vm, *m);
    if (id == "Tensor.item") {
      // under fullgraph Dynamo captures the scalar instead (TensorVariable.method_item)
      const CompileConfig* cfg = vm.top()->trace->config;
      if (!(cfg && cfg->fullgraph) && !dynamoConfigFlag(vm, "capture_scalar_outputs"))
        d.graphBreak(vm, itemCall(vm));
      // captured: Dynamo::traceItem records it
    }
    if (id == "torch.compile_wrapper") {
      // nested compiled callable: its raw function is inlined (R22); handled by the wrapper
    }
  }
  Value target = callable;
  if (target->kind == Kind::BoundMethod) target = as<BoundMethodObject>(target).func;
  if (target->kind == Kind::Function) {
    auto& fn = as<FunctionObject>(target);
    if (fn.attrs) {
      if (Value dis = fn.attrs->getStr("__gbc_disabled__")) {
        bool recursive = vm.truthy(dis);
        Value orig = fn.attrs->getStr("__gbc_disabled_orig__");  // behind a nonrecursive wrapper
        // a disabled function reached as a method is a UserMethodVariable whose inlining
        // check_inlineable refuses ("Skip inlining", GB0099); one the builder wraps (a global, a
        // local) is a SkipFunctionVariable ("Skip calling", GB0098)
        bool as_method = callable->kind == Kind::BoundMethod;
        d.graphBreak(vm, disabledCall(vm, orig ? orig : target, recursive && !as_method));
      }
    }
  }
  return false;
}

/// The context manager whose bound __exit__ `exit` is, or null.
static Value contextManagerOf(const Value& exit) {
  if (exit->kind == Kind::BoundMethod) return as<BoundMethodObject>(exit).self;
  if (exit->kind == Kind::Builtin) return as<BuiltinObject>(exit).self;
  return nullptr;
}

bool isSupportedContextExit(VM& vm, const Value& exit) {
  Value self = contextManagerOf(exit);
  if (!self) return false;
  if (self->kind != Kind::Instance) return true;
  const std::string& name = as<InstanceObject>(self).cls->name;
  (void)vm;
  return name == "ErrorOnGraphBreakDecoratorContextManager" || name == "no_grad" ||
         name == "enable_grad" || name == "set_grad_enabled" || name == "inference_mode" ||
         name == "DynamoConfigPatchProxy" || name == "autocast" ||
         name == "record_function";  // ProfilerContextVariable: ignored, no graph node
}

/// symbolic_convert.py, format_tensor_computation_trace (2.14): how the condition was computed,
/// walking call_function nodes back from it; placeholders first.
static std::string tensorComputationTrace(Frame& f, const Value& cond) {
  TraceState& st = *f.trace;
  auto it = st.node_of.find(as<TensorObject>(cond).uid);
  if (it == st.node_of.end()) return "";
  const auto& nodes = st.graph.nodes;
  std::vector<std::vector<std::string>> ops, placeholders;
  std::set<int> visited;
  std::function<void(int)> walk = [&](int i) {
    if (!visited.insert(i).second) return;
    const graph::Node& n = nodes[static_cast<size_t>(i)];
    if (n.op == graph::NodeOp::Placeholder) {
      placeholders.push_back({n.name + ": graph input (" + n.target + ")"});
      return;
    }
    if (n.op != graph::NodeOp::CallFunction || ops.size() >= 20) return;
    std::string args;
    for (size_t k = 0; k < n.args.size(); ++k) args += (k ? ", " : "") + n.args[k];
    std::vector<std::string> block;
    if (!n.source.empty()) block.push_back("# " + n.source);
    block.push_back(n.name + " = " + n.target + "(" + args + ")");
    ops.push_back(block);
    for (int in : n.inputs) walk(in);
  };
  walk(it->second);
  if (ops.empty() && placeholders.empty()) return "";
  std::vector<std::string> lines;
  for (auto& b : placeholders) {
    lines.insert(lines.end(), b.begin(), b.end());
    lines.push_back("");
  }
  for (auto r = ops.rbegin(); r != ops.rend(); ++r) {
    lines.insert(lines.end(), r->begin(), r->end());
    lines.push_back("");
  }
  std::string out = "\n\n  The branch condition involves a tensor computed as follows:\n";
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + std::string("    ") + lines[i];
  return out;
}

report::GbMessage describeDataDependentBranch(VM& vm, Frame& f, const Value& cond) {
  report::GbMessage m;
  m.gb_type = "Data-dependent branching";
  m.explanation =
      "Detected data-dependent branching (e.g. `if my_tensor.sum() > 0:`). Dynamo does not support "
      "tracing dynamic control flow.";
  if (vm.target().id == TargetId::Torch2_14) m.explanation += tensorComputationTrace(f, cond);
  m.hints = {hints::kFundamental, "Use `torch.cond` to express dynamic control flow."};
  if (vm.target().id == TargetId::Torch2_14)  // the branchless hint is new in 2.14
    m.hints.insert(
        m.hints.begin(),
        "For the common pattern `if tensor_cond: x = transform(x)` (e.g. clamping inf/nan values), "
        "consider "
        "making the code branchless by always applying the transform. Operations like torch.clamp, "
        "torch.nan_to_num, and torch.where are typically no-ops on well-behaved inputs and compile "
        "without "
        "graph breaks.");
  m.context = "attempted to jump with TensorVariable()";
  return m;
}

report::GbMessage describeLoopSkip(VM& vm, Frame& f) {
  (void)vm;
  report::GbMessage m;
  m.gb_type = "graph break in loop";
  m.explanation =
      "torch.compile detected a graph break in a for/while loop. Skipping the frame and falling "
      "back to eager, as graph "
      "breaks in loops are not supported.";
  m.hints = {hints::kCausedByEarlier};
  m.context = "frame skipped: " + f.name + " (" + f.code->filename + " line " +
              std::to_string(f.code->firstlineno) + ")";
  return m;
}

std::optional<report::GbMessage> describeGenericContextBreak(VM& vm, Frame& f) {
  std::string active;
  for (const Block& b : f.blocks) {
    const Value* exit = f.withExit(b);
    if (!exit || (*exit)->kind != Kind::BoundMethod) continue;
    Value self = contextManagerOf(*exit);
    if (!self || self->kind != Kind::Instance || isSupportedContextExit(vm, *exit)) continue;
    active += (active.empty() ? "" : ", ") + std::string("GenericContextWrappingVariable(") +
              as<InstanceObject>(self).cls->name + ")";
  }
  if (active.empty()) return std::nullopt;
  report::GbMessage m;
  m.gb_type = "Graph break under GenericContextWrappingVariable";
  m.explanation =
      "Attempted to graph break in an active context manager(s) that doesn't support graph "
      "breaking.";
  m.hints = {"Move the offending context manager(s) to outside the compiled region.",
             hints::kCausedByEarlier};
  m.context = "Active generic context managers: [" + active + "]";
  return m;
}

}  // namespace gbc::interp
