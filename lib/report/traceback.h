// Traceback layouts: CPython's traceback.format_list (with 3.13+ caret lines) for "User code
// traceback:" and "from user code:", and Dynamo's SourceLocation.format for the "Stack variable
// source attribution" section.
#pragma once

#include "report/model.h"
#include "report/pytext.h"

#include <string>
#include <vector>

namespace gbc::report {

/// One frame as CPython's StackSummary.format_frame_summary prints it:
///   `  File "f", line n, in name\n    <stripped source>\n    [<carets>\n]`
/// The source line comes from `sources`; a frame without readable source prints only its File
/// line. Carets only with `caret_lines` (Python 3.13+) and when CPython would show them.
std::string formatFrame(const FrameSummary& frame, const py::SourceMap& sources, bool caret_lines);

/// "".join(traceback.format_list(frames)).
std::string formatFrameList(const std::vector<FrameSummary>& frames, const py::SourceMap& sources,
                            bool caret_lines);

/// A Python traceback as the interpreter prints an uncaught exception: each exception of the
/// chain with "Traceback (most recent call last):", its frames and its `Type: message` line and
/// notes, joined by CPython's "The above exception was the direct cause of the following
/// exception:" / "During handling of the above exception, another exception occurred:".
std::string formatPyTraceback(const PyTraceback& tb, const py::SourceMap& sources,
                              bool caret_lines);

/// Dynamo's SourceLocation.format().rstrip() (torch/_dynamo/variables/base.py): the File line,
/// then the source line(s) with their own indentation plus 4 spaces and, when the position has
/// columns, a marker line (`~` over the span, `^` over the anchor; all `^` without an anchor).
std::string formatSourceLocation(const FrameSummary& where, const py::SourceMap& sources);

}  // namespace gbc::report
