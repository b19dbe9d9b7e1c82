// The cause table: each graph-break cause gbc models — how it is recognised and what Dynamo
// says (gb_type, explanation, hints, context). Texts are Dynamo's, verbatim.
#pragma once

#include "interp/dynamo.h"

namespace gbc::interp {

/// Raises the graph break a call would cause while tracing, if any (print, graph_break(),
/// Tensor.item(), disabled functions, ...).
void checkCallCause(VM& vm, const Value& callable, CallArgs& args);
/// Raises the graph break entering this context manager would cause while tracing, if any.
void checkContextManager(VM& vm, const Value& mgr);
/// Context managers Dynamo can restore around a graph break (error_on_graph_break, no_grad).
bool isSupportedContextExit(VM& vm, const Value& exit);
/// GB0170: a conditional jump on a tensor.
report::GbMessage describeDataDependentBranch(VM& vm, Frame& f, const Value& cond);
/// GB7000: graph break in a loop.
report::GbMessage describeLoopSkip(VM& vm, Frame& f);

}  // namespace gbc::interp
