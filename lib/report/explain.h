// `gbc explain`: what torch._dynamo.explain(fn)(...) prints (ExplainOutput.__str__ in
// torch/_dynamo/backends/debugging.py), computed from the report instead of by running.
#pragma once

#include "base/target.h"
#include "report/model.h"

#include <string>

namespace gbc::report {

/// "Graph Count: N", "Graph Break Count: N", "Op Count: N", "Break Reasons:" (each with its
/// reason and "User Stack:" of `<FrameSummary file F, line L in f>` lines) and "Ops per Graph:".
/// Counts every graph-break record (explain traces afresh, so a record Dynamo's log dedups as a
/// duplicate is still a break there); the op names are gbc's FX targets.
std::string renderExplain(const FileReport& file, const TargetProfile& target);

}  // namespace gbc::report
