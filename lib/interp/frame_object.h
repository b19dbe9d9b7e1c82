// Python's frame objects as sys._getframe returns them: a snapshot of one VM frame and the frames
// below it, with f_globals, f_locals, f_back, f_code, f_lineno, f_lasti, f_builtins and
// f_trace (None). f_locals is the frame's locals at the time of the call (a module or class
// body's own namespace dict; a copy for a function frame), as CPython's before PEP 667.
#pragma once

#include "interp/vm.h"

namespace gbc::interp {

/// The frame object of `frame` (and, through f_back, of the frames below it).
Value makeFrameObject(VM& vm, Frame* frame);

/// The frame `depth` levels below the innermost (0: the caller of the running builtin), or null.
Frame* frameAtDepth(VM& vm, int64_t depth);

/// exc.__traceback__ of an exception that gbc's VM raised: a chain of `traceback` objects from
/// the frame that caught it (tb_next towards where it was raised), each with tb_frame (a frame
/// object of the entry's code, globals and line; f_back None, f_locals empty: the frame is gone),
/// tb_lineno and tb_lasti. None without entries. Made anew on each call.
Value makeTracebackObject(VM& vm, const std::vector<TracebackEntry>& entries);

}  // namespace gbc::interp
