// The cause table: each graph-break cause gbc models — how it is recognised and what Dynamo
// says (gb_type, explanation, hints, context). Texts are Dynamo's, verbatim.
#pragma once

#include <optional>

#include "interp/dynamo.h"

namespace gbc::interp {

/// Hints shared by several causes (torch/_dynamo/graph_break_hints.py; same in 2.11 and 2.14).
namespace hints {
inline constexpr const char* kUserError =
    "Your code may result in an error when running in eager. Please double check that your code "
    "doesn't contain a "
    "similar error when actually running eager/uncompiled. You can do this by removing the "
    "`torch.compile` call, or by "
    "using `torch.compiler.set_stance(\"force_eager\")`. ";
inline constexpr const char* kDynamoBug =
    "This is likely to be a Dynamo bug. Please report an issue to PyTorch.";
inline constexpr const char* kFundamental =
    "This graph break is fundamental - it is unlikely that Dynamo will ever be able to trace "
    "through your code. Consider "
    "finding a workaround.";
inline constexpr const char* kSupportable =
    "It may be possible to write Dynamo tracing rules for this code. Please report an issue to "
    "PyTorch if you encounter "
    "this graph break often and it is causing performance issues.";
inline constexpr const char* kCausedByEarlier =
    "This graph break may have been caused by an earlier graph break. Resolving the earlier graph "
    "break may resolve "
    "this one.";
}  // namespace hints

/// Raises the graph break a call would cause while tracing, if any (print, graph_break(),
/// Tensor.item(), disabled functions, ...). Returns true when Dynamo drops the call instead
/// (a function in torch._dynamo.config.ignore_logging_functions): the caller then returns None
/// without calling it.
bool checkCallCause(VM& vm, const Value& callable, CallArgs& args);
/// Raises the graph break entering this context manager would cause while tracing, if any.
void checkContextManager(VM& vm, const Value& mgr);
/// Context managers Dynamo can restore around a graph break (error_on_graph_break, no_grad).
bool isSupportedContextExit(VM& vm, const Value& exit);
/// GB0170: a conditional jump on a tensor.
report::GbMessage describeDataDependentBranch(VM& vm, Frame& f, const Value& cond);
/// GB7000: graph break in a loop.
report::GbMessage describeLoopSkip(VM& vm, Frame& f);
/// The chained message of a graph break under user-defined context managers (Dynamo's
/// GenericContextWrappingVariable, which cannot cross a break), or nullopt when none is active
/// in `f`.
std::optional<report::GbMessage> describeGenericContextBreak(VM& vm, Frame& f);

// ---- library causes (causes_library.cpp) ----

/// Raises the break a call into a modelled library would cause (skipped functions GB0007,
/// logging GB0291, skip_frame GB4297, ...); returns true when the call is to be dropped
/// (torch._dynamo.config.ignore_logging_functions) or runs as is without a break
/// (reorderable_logging_functions).
enum class LibraryCall { Trace, Drop, RunEagerly };
LibraryCall checkLibraryCallCause(VM& vm, const Value& callable, CallArgs& args);
/// GB0036: an operator whose output shape depends on data (aten.nonzero.default, ...), raised
/// while tracing unless torch._dynamo.config.capture_dynamic_output_shape_ops is set.
void checkDynamicShapeOp(VM& vm, const std::string& aten_op);
/// GB0112: a torch function called with arguments its schema rejects (raised while tracing;
/// eagerly the TypeError itself).
[[noreturn]] void fakeTensorTypeError(VM& vm, const std::string& fn_repr,
                                      const std::string& message);
/// A torch._dynamo.config flag.
bool dynamoConfigFlag(VM& vm, const char* name);

// ---- shared helpers of the cause files ----
namespace causes_detail {
/// The VariableTracker class Dynamo would wrap a value in (for context strings).
std::string variableClass(VM& vm, const Value& v);
/// Dynamo's short repr of a value's VariableTracker, e.g. "ConstantVariable(str: 'x')".
std::string variableRepr(VM& vm, const Value& v);
/// `[repr, ...]` of positional arguments and `{'k': repr}` of keyword arguments.
std::string argsRepr(VM& vm, const CallArgs& args);
std::string kwargsRepr(VM& vm, const CallArgs& args);
}  // namespace causes_detail

}  // namespace gbc::interp
