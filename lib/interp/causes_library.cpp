// The cause table, library calls: functions Dynamo marks as skipped (GB0007: C functions without
// a rule, functions of skipped files, by the rules of trace_rules.cpp), methods of skipped files
// refused when inlined (GB0008), logging.Logger methods (GB0291), torch._dynamo.skip_frame()
// (GB4297), dynamic-shape operators (GB0036), TypeErrors of fake-tensor calls (GB0112), and the
// logging-function config sets. Sources: torch/_dynamo/variables/{functions,misc,builtin}.py,
// torch/_dynamo/utils.py, torch/_subclasses/fake_tensor.py (read in 2.14.1).
#include <map>

#include "interp/causes.h"
#include "interp/stdlib_io.h"
#include "interp/torch_model.h"
#include "interp/trace_rules.h"

namespace gbc::interp {

using namespace causes_detail;

bool dynamoConfigFlag(VM& vm, const char* name) {
  Value cfg = vm.findModule("torch._dynamo.config");
  if (!cfg) return false;
  Value v = as<ModuleObject>(cfg).dict->getStr(name);
  return v && vm.truthy(v);
}

/// Is `fn` (or the function of a bound method) in the config set `name`?
static bool inConfigSet(VM& vm, const char* name, const Value& fn) {
  Value cfg = vm.findModule("torch._dynamo.config");
  if (!cfg) return false;
  Value set = as<ModuleObject>(cfg).dict->getStr(name);
  if (!set || set->kind != Kind::Set) return false;
  auto& s = as<SetObject>(set);
  auto has = [&](const Value& v) {
    if (s.contains(v)) return true;
    // builtins are looked up anew on each attribute access: compare by identity of the model
    if (v->kind != Kind::Builtin || as<BuiltinObject>(v).id.empty()) return false;
    for (const Value& e : s.entries)
      if (e && e->kind == Kind::Builtin && as<BuiltinObject>(e).id == as<BuiltinObject>(v).id &&
          as<BuiltinObject>(e).self == as<BuiltinObject>(v).self)
        return true;
    return false;
  };
  if (has(fn)) return true;
  if (fn->kind == Kind::BoundMethod) return has(as<BoundMethodObject>(fn).func);
  return false;
}

// ---------------------------------------------------------------------------------------------
// GB0007: SkipFunctionVariable.call_function (variables/functions.py)

/// A function Dynamo wraps in SkipFunctionVariable.
struct SkippedFunction {
  std::string module;     // __module__
  std::string qualname;   // __qualname__
  std::string file;       // inspect.getfile() relative to the torch prefix; empty: a C builtin
  std::string skiplist;   // the MOD_SKIPLIST entry its file matches (relative to the torch prefix)
  bool absolute = false;  // `file` is a full path (the standard library, a package)
};

static const std::map<std::string, SkippedFunction>& skippedFunctions() {
  static const std::map<std::string, SkippedFunction> table = {
      // (C functions of other modules follow trace_rules::builtinRule: time.time, posix.*)
      {"warnings.warn", {"_warnings", "warn", "", ""}},
      {"torch.save", {"torch.serialization", "save", "/serialization.py", "/serialization"}},
      {"torch.load", {"torch.serialization", "load", "/serialization.py", "/serialization"}},
      {"torch._dynamo.allow_in_graph",
       {"torch._dynamo.decorators", "allow_in_graph", "/_dynamo/decorators.py", "/_dynamo"}},
      {"torch.compiler.allow_in_graph",
       {"torch.compiler", "allow_in_graph", "/compiler/__init__.py", "/compiler"}},
  };
  return table;
}

static report::GbMessage skippedCall(VM& vm, const SkippedFunction& sf,
                                     const std::string& skip_reason = "") {
  const bool v214 = vm.target().id == TargetId::Torch2_14;
  const std::string prefix(vm.target().torch_prefix);
  const std::string& q = sf.qualname;
  report::GbMessage m;
  m.gb_type = "Attempted to call function marked as skipped";
  if (!sf.file.empty()) {
    std::string path = sf.absolute ? sf.file : prefix + sf.file;
    m.explanation = "Dynamo developers have intentionally marked that the function `" + q +
                    "` in file `" + path + "` should not be traced.";
    m.hints = {"Avoid calling the function `" + q + "`."};
    if (path.find("_dynamo") == std::string::npos)
      m.hints.insert(m.hints.end(),
                     {"Apply `@torch._dynamo.dont_skip_tracing` to the function `" + q +
                          "` to force tracing into the function. More graph breaks may occur as a "
                          "result of attempting "
                          "to trace into the function.",
                      "Please file an issue to PyTorch."});
  } else if (sf.module == "_abc" || sf.module == "_warnings") {
    m.explanation =
        "Dynamo does not know how to trace the Python builtin `" + sf.module + "." + q + "`.";
    m.hints = {
        "If you are attempting to call a logging function (e.g. `_warnings.warn`), you can try "
        "adding it to "
        "`torch._dynamo.config.reorderable_logging_functions`.",
        "Please file an issue on GitHub so the PyTorch team can add support for it. "};
  } else {
    m.explanation = "Dynamo does not know how to trace the builtin `" + sf.module + "." + q +
                    ".` This function is either a Python builtin (e.g. _warnings.warn) or a "
                    "third-party C/C++ Python "
                    "extension (perhaps created with pybind).";
    m.hints = {
        "If it is a Python builtin, please file an issue on GitHub so the PyTorch team can add "
        "support for it and "
        "see the next case for a workaround.",
        "If it is a third-party C/C++ Python extension, please either wrap it into a "
        "PyTorch-understood custom "
        "operator (see https://pytorch.org/tutorials/advanced/custom_ops_landing_page.html for "
        "more details) or, "
        "if it is traceable, use `torch.compiler.allow_in_graph`."};
  }
  if (q == "allow_in_graph") {
    // 2.11 words this differently and gives no hint
    if (v214) {
      m.explanation =
          "torch.compiler.allow_in_graph (or torch._dynamo.allow_in_graph) was called inside a "
          "compiled region. "
          "Dynamically annotating functions inside a compiled region is not supported.";
      m.hints = {
          "Apply @torch.compiler.allow_in_graph as a decorator before compilation, not inside the "
          "compiled function."};
    } else {
      m.explanation =
          "Found an allow_in_graph decorator to a function which is created inside the parent "
          "function that is getting "
          "compiled. This is not supported for now.";
      m.hints = {};
    }
  }
  // trace_rules.get_skip_reason: 2.11 records no reason for these functions (one branch per
  // target, here)
  std::string reason = "<missing reason>";
  if (!skip_reason.empty())
    reason = skip_reason;
  else if (v214)
    reason = sf.file.empty() ? "cannot determine source file for " + sf.module +
                                   " (likely a C extension or builtin)"
                             : "file matches MOD_SKIPLIST (" + prefix + sf.skiplist + ")";
  m.context = "module: " + sf.module + ", qualname: " + q + ", skip reason: " + reason;
  return m;
}

// ---------------------------------------------------------------------------------------------
// GB0291: LoggingLoggerVariable.call_method (variables/misc.py)

static report::GbMessage loggerCall(VM& vm, const Value& bound, CallArgs& args) {
  const Value& self = as<BoundMethodObject>(bound).self;
  std::string name = as<FunctionObject>(as<BoundMethodObject>(bound).func).name;
  report::GbMessage m;
  m.gb_type = "logging.Logger method not supported for non-export cases";
  if (vm.target().id == TargetId::Torch2_14) {  // the only text difference between the targets
    std::string cls = "logging." + as<InstanceObject>(self).cls->name;
    m.explanation =
        "For non-export cases, logging.Logger methods are only supported if the logger has a "
        "source and the method is "
        "registered as reorderable.";
    m.hints = {
        "If you do not need this logging side effect, add the exact method being called to "
        "`torch._dynamo.config.ignore_logging_functions`. Dynamo will skip the call and return "
        "`None`.",
        "For example, for `logger." + name +
            "(...)`, use `torch._dynamo.config.ignore_logging_functions.add(logger." + name +
            ")`. If `" + name + "` is defined on the logger class, add the class method `" + cls +
            "." + name + "` to ignore this method for all instances of that class.",
        "Dynamo does not trace into logging.Logger method bodies, so only the method you call "
        "directly (`" +
            name + "`) is checked against the ignore set. Ignoring a method that `" + name +
            "` calls internally has no effect.",
        "If you need the log side effect to run, then you can try one of (1) create the logger "
        "outside the compiled "
        "region and add the method to `torch._dynamo.config.reorderable_logging_functions` (e.g. "
        "`torch._dynamo.config.reorderable_logging_functions.add(logger." +
            name +
            ")`) so that it runs after the compiled region, as long as it is called without kwargs "
            "and its arguments are "
            "tensors, constants, or string formatters, (2) `torch._higher_order_ops.print(...)`, "
            "(3) wrap the logging "
            "call in a custom op (marked as mutable), or (4) preserve the logging contents and "
            "move the logging call "
            "outside the compiled region."};
  } else {
    m.explanation = "logging.Logger methods are not supported for non-export cases.";
    m.hints = {"Add the logging method to `torch._dynamo.config.ignore_logging_functions`."};
  }
  m.context = "method: " + vm.repr(self) + "." + name + ", args: " + argsRepr(vm, args) +
              ", kwargs: " + kwargsRepr(vm, args);
  return m;
}

// ---------------------------------------------------------------------------------------------
// GB4297: torch._dynamo.skip_frame() (variables/functions.py, SkipFunctionVariable)

static report::GbMessage skipFrameCall(VM& vm, CallArgs& args) {
  Frame& f = *vm.top();
  report::GbMessage m;
  m.gb_type = "Call to `torch._dynamo.skip_frame()`";
  Value msg = args.kw("msg");
  m.explanation =
      "User-inserted skip frame. Message: " + (msg && vm.truthy(msg) ? vm.str(msg) : std::string());
  m.hints = {"Remove the `torch._dynamo.skip_frame()` call."};
  m.context = "Called `torch._dynamo.skip_frame()` with args `" + argsRepr(vm, args) +
              "`, kwargs `" + kwargsRepr(vm, args) + "`. Skipping frame " + f.code->name + " (" +
              f.code->filename + " line " + std::to_string(f.code->firstlineno) + ").";
  return m;
}

// ---------------------------------------------------------------------------------------------
// GB0008: inlining a Python function whose file Dynamo skips (symbolic_convert.py,
// check_inlineable; trace_rules.check_file). gbc's torch model is in Python only where torch's
// is; of its files, these are skipped when inlined (torch.nn, torch.optim and
// _dynamo/external_utils.py are inlined).

/// The skip reason trace_rules gives a torch file of gbc's model, or "" when it is inlined.
static std::string inlineSkipReason(VM& vm, const std::string& filename) {
  const std::string prefix(vm.target().torch_prefix);
  const bool v214 = vm.target().id == TargetId::Torch2_14;
  if (filename == prefix + "/optim/lr_scheduler.py")  // FORCE_SKIP_FILES
    return v214 ? "file is force-skipped (" + filename + ")"
                : "skipped according trace_rules.lookup FORCE_SKIP_FILES";
  if (filename == prefix + "/_compile.py")
    return v214 ? "file matches MOD_SKIPLIST (" + prefix + "/_compile)"
                : "skipped according trace_rules.lookup MOD_SKIPLIST";
  return "";
}

static report::GbMessage skippedInline(VM& vm, const Value& fn, const std::string& reason) {
  const auto& f = as<FunctionObject>(fn);
  Value qv = vm.getAttr(fn, "__qualname__");
  const std::string q = qv && qv->kind == Kind::Str ? asStr(qv) : f.qualname;
  const std::string& file = f.code->filename;
  report::GbMessage m;
  m.gb_type = "Attempted to inline function marked as skipped";
  m.explanation = "Dynamo developers have intentionally marked that the function `" + q +
                  "` should not be traced.";
  m.hints = {"Avoid calling the function `" + q + "`."};
  if (file.find("_dynamo") == std::string::npos)
    m.hints.insert(m.hints.end(),
                   {"Apply `@torch._dynamo.dont_skip_tracing` to the function `" + q +
                        "` to force tracing into the function. More graph breaks may occur as a "
                        "result of attempting to trace into the function.",
                    "Please file an issue to PyTorch."});
  m.context = "qualname: " + q + ", name: " + f.code->name + ", filename: `" + file +
              "`, skip reason: " + reason;
  return m;
}

// ---------------------------------------------------------------------------------------------
// GB0007 / GB0008 for the standard library and third-party packages (trace_rules.check_file)

/// Whether the frame making the call is one Dynamo traces (not, e.g., frozen importlib run by
/// an import statement, which Dynamo performs itself).
static bool callerTraced(VM& vm) {
  Frame* top = vm.top();
  return top && top->code && !trace_rules::checkFile(vm, top->code->filename, true).skipped;
}

/// Is `value` itself an attribute of the module named `module` (random.choice, the module's
/// bound method, as opposed to a method looked up on an instance)?
static bool isModuleAttribute(VM& vm, const std::string& module, const Value& value) {
  Value m = vm.findModule(module);
  if (!m || m->kind != Kind::Module) return false;
  bool found = false;
  as<ModuleObject>(m).dict->forEach([&](const Value&, const Value& v) { found |= v == value; });
  return found;
}

/// A Python function of a file Dynamo skips: a function value (or a module's bound method) is
/// a SkipFunctionVariable (GB0007); a method looked up on an object is inlined and refused by
/// check_inlineable (GB0008). A pure-Python fallback of a C function is that C function.
static void checkLibraryFunction(VM& vm, const Value& callable, const Value& fn) {
  const auto& f = as<FunctionObject>(fn);
  const std::string& file = f.code->filename;
  if (trace_rules::isModelledRandomMethod(vm, callable)) return;
  Value mv = vm.getAttrOrNull(fn, "__module__"), qv = vm.getAttrOrNull(fn, "__qualname__");
  std::string module = mv && mv->kind == Kind::Str ? asStr(mv) : "";
  std::string q = qv && qv->kind == Kind::Str ? asStr(qv) : f.qualname;
  const bool v214 = vm.target().id == TargetId::Torch2_14;
  trace_rules::BuiltinRule c_rule;
  std::string c_module = trace_rules::acceleratorModule(vm, callable, c_rule);
  if (!c_module.empty()) {
    if (c_rule == trace_rules::BuiltinRule::Skipped)
      vm.dynamo().graphBreak(vm, skippedCall(vm, {c_module, q, "", ""}));
    return;
  }
  trace_rules::SkipResult r = trace_rules::checkFile(vm, file, true);
  if (!r.skipped) return;
  if (callable->kind == Kind::BoundMethod && !isModuleAttribute(vm, module, callable))
    vm.dynamo().graphBreak(vm, skippedInline(vm, fn, r.reason));
  // get_skip_reason: check_file without is_inlined_call (2.11 gives none)
  std::string reason = v214 ? trace_rules::checkFile(vm, file, false).reason : "<missing reason>";
  vm.dynamo().graphBreak(vm, skippedCall(vm, {module, q, file, "", true}, reason));
}

// ---------------------------------------------------------------------------------------------

LibraryCall checkLibraryCallCause(VM& vm, const Value& callable, CallArgs& args) {
  Dynamo& d = vm.dynamo();
  // config.ignore_logging_functions: the call is dropped and returns None
  if (inConfigSet(vm, "ignore_logging_functions", callable)) return LibraryCall::Drop;
  if (callable->kind == Kind::Builtin) {
    const std::string& id = as<BuiltinObject>(callable).id;
    // config.reorderable_logging_functions: Dynamo runs the call after the graph; its output
    // comes out in the same order for the programs gbc models
    if (inConfigSet(vm, "reorderable_logging_functions", callable)) return LibraryCall::RunEagerly;
    auto it = skippedFunctions().find(id);
    if (it != skippedFunctions().end()) d.graphBreak(vm, skippedCall(vm, it->second));
    if (id == "torch._dynamo.skip_frame")
      d.graphBreak(vm, skipFrameCall(vm, args), /*skip_frame=*/true);
    // any other C function of a module Dynamo has no rule for is a SkipFunctionVariable
    std::string module;
    if (callerTraced(vm) &&
        trace_rules::builtinRule(vm, callable, module) == trace_rules::BuiltinRule::Skipped) {
      Value qv = vm.getAttrOrNull(callable, "__qualname__");
      d.graphBreak(vm,
                   skippedCall(vm, {module, qv && qv->kind == Kind::Str ? asStr(qv) : "", "", ""}));
    }
  }
  // a method is inlined (UserMethodVariable: GB0008); a function value from a skipped file is
  // a SkipFunctionVariable from the start (GB0007), e.g. an LR scheduler's patched `opt.step`
  Value fn = callable->kind == Kind::BoundMethod ? as<BoundMethodObject>(callable).func : callable;
  if (fn->kind == Kind::Function && callerTraced(vm)) checkLibraryFunction(vm, callable, fn);
  if (fn->kind == Kind::Function) {
    const std::string& file = as<FunctionObject>(fn).code->filename;
    std::string reason = inlineSkipReason(vm, file);
    if (!reason.empty() && callable->kind == Kind::BoundMethod) {
      d.graphBreak(vm, skippedInline(vm, fn, reason));
    } else if (!reason.empty()) {
      Value mv = vm.getAttr(fn, "__module__"), qv = vm.getAttr(fn, "__qualname__");
      const std::string prefix(vm.target().torch_prefix);
      SkippedFunction sf{mv && mv->kind == Kind::Str ? asStr(mv) : "",
                         qv && qv->kind == Kind::Str ? asStr(qv) : as<FunctionObject>(fn).qualname,
                         file.substr(prefix.size()), ""};
      d.graphBreak(vm, skippedCall(vm, sf, reason));
    }
  }
  // (the logger's __repr__, run for the message, calls logger methods itself)
  static thread_local bool in_logger_message = false;
  if (!in_logger_message && isLoggerMethodCall(vm, callable)) {
    in_logger_message = true;
    report::GbMessage m;
    try {
      m = loggerCall(vm, callable, args);
    } catch (...) {
      in_logger_message = false;
      throw;
    }
    in_logger_message = false;
    d.graphBreak(vm, m);
  }
  return LibraryCall::Trace;
}

// ---------------------------------------------------------------------------------------------
// GB0036: DynamicOutputShapeException (torch/_dynamo/utils.py, run_node / get_fake_value)

void checkDynamicShapeOp(VM& vm, const std::string& aten_op) {
  if (!vm.dynamo().tracing(vm) || dynamoConfigFlag(vm, "capture_dynamic_output_shape_ops")) return;
  report::GbMessage m;
  m.gb_type = "Dynamic shape operator";
  m.explanation = "Operator `" + aten_op + "`'s output shape depends on input Tensor data.";
  m.hints = {
      "Enable tracing of dynamic shape operators with "
      "`torch._dynamo.config.capture_dynamic_output_shape_ops = True`"};
  m.context = aten_op;
  vm.dynamo().graphBreak(vm, m);
}

// ---------------------------------------------------------------------------------------------
// GB0112: a TypeError from the fake-tensor call (torch/_dynamo/utils.py, get_fake_value)

void fakeTensorTypeError(VM& vm, const std::string& fn_repr, const std::string& message) {
  if (vm.dynamo().tracing(vm)) {
    report::GbMessage m;
    m.gb_type = "TypeError when making fake tensor call";
    m.explanation = "";
    m.hints = {hints::kUserError};
    m.context = "TypeError " + fn_repr + ": " + message;
    vm.dynamo().graphBreak(vm, m);
  }
  vm.raise(vm.b().type_error, message);
}

// ---------------------------------------------------------------------------------------------
// GB0142: entering a context manager Dynamo has no model for (symbolic_convert.py,
// unsupported_ctx_graph_break): objects of C types (a file object, ...). User classes with
// __enter__/__exit__ are traced (GenericContextWrappingVariable); torch's are modelled.

void checkContextManager(VM& vm, const Value& mgr) {
  if (mgr->kind != Kind::Instance) return;
  const ClassObject& cls = *as<InstanceObject>(mgr).cls;
  Value enter = cls.lookup("__enter__");
  if (!enter || enter->kind != Kind::Builtin) return;
  report::GbMessage m;
  m.gb_type = "Unsupported context manager";
  m.explanation = "Dynamo does not know how to enter a `" + cls.name + "` context manager.";
  m.hints = {"Avoid using the unsupported context manager.",
             "If the context manager seems like it should be supported (e.g. "
             "torch.set_grad_enabled), then it may be the "
             "case that it was created outside the compiled region, which Dynamo does not support. "
             "Supported context "
             "managers can cross graph break boundaries only if they are local non-closure "
             "variables, or are "
             "intermediate values.",
             "File an issue to PyTorch. Simple context managers can potentially be supported, but "
             "note that context "
             "managers can't be supported in general"};
  std::string vt = "UserDefinedObjectVariable(" + cls.name + ")";
  // a value the frame received (a resume function's stack or argument) is wrapped lazily
  if (vm.top()->resume_offset >= 0) vt = "LazyVariableTracker(realized: " + vt + ")";
  m.context = "Attempted SETUP_WITH/BEFORE_WITH/LOAD_SPECIAL on " + vt;
  vm.dynamo().graphBreak(vm, m, /*skip_frame=*/false, /*unresumable=*/true);
}

}  // namespace gbc::interp
