// The report model: structured findings the interpreter produces and the formatters render.
// Producers never format; formatters (text.h, json.h, ...) are pure functions of these values.
// Field names mirror the JSON schema (conformance/README.md, schema version 1).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace gbc::report {

/// One frame of a traceback, as CPython's traceback.FrameSummary: file, line, function and the
/// columns of the executing instruction (col/end_col 0-based bytes; has_columns false when the
/// position has none, e.g. a resume-function argument).
struct FrameSummary {
  std::string file;
  uint32_t line = 0;
  std::string function;
  bool has_columns = false;
  uint32_t col = 0;
  uint32_t end_line = 0;
  uint32_t end_col = 0;
};

/// One gb message as Dynamo's `unimplemented()` builds it. `gb_type` is resolved to a gb-code by
/// the target's registry at render time; an unknown gb_type has no code and no doc link.
struct GbMessage {
  std::string gb_type;
  std::string explanation;
  std::vector<std::string> hints;
  std::string context;
};

/// How the record's "Graph Break Reason:" is introduced (dynamo-walkthrough.md 4.2).
enum class RecordKind {
  Resumable,         ///< "Encountered graph break when attempting to trace <OP>: <desc>:"
  Jump,              ///< the gb message alone (data-dependent branching)
  CannotResume,      ///< "Encountered graph break that we cannot resume from. ..."
  FailedGracefully,  ///< "Failed to handle graph break gracefully. ..."
};

/// An entry of 2.14's "Stack variable source attribution" section.
struct StackAttribution {
  std::string repr;    // e.g. "WithExitFunctionVariable()"
  FrameSummary where;  // function unused
};

/// A graph-break log record (one `TORCH_LOGS=graph_breaks` record).
struct GraphBreak {
  RecordKind kind = RecordKind::Resumable;
  std::string instruction;          // "CALL", "CALL_KW", ... for Resumable; empty otherwise
  std::vector<GbMessage> messages;  // chained messages; [0] is the original break
  bool duplicate = false;
  std::string frame;     // co_name of the root frame being compiled
  std::string frame_id;  // "0/0"
  FrameSummary
      location;  // innermost traced frame: file, line and columns of the breaking instruction
  std::vector<FrameSummary>
      user_stack;  // "User code traceback:" frames, collapsed, outermost first
  std::vector<StackAttribution> attribution;
  bool may = false;  // static mode: the break may happen (a condition gbc could not decide)
  /// Position of this event among the file's breaks and errors (producers count up from 0);
  /// text output interleaves breaks and errors by it, breaks first on ties.
  uint32_t seq = 0;
  /// Set by `gbc analyze` after analysis: a `# gbc: ignore` comment or config `ignore` covers it.
  bool suppressed = false;
  /// Set by `gbc analyze --baseline`: the baseline file accepts it.
  bool baselined = false;
};

/// A torch._dynamo.exc.Unsupported raised to the program (fullgraph / error_on_graph_break).
struct UnsupportedError {
  std::vector<GbMessage> messages;
  std::vector<FrameSummary> user_stack;  // "from user code:" frames (real_stack, not collapsed)
  bool may = false;
  uint32_t seq = 0;         ///< event order, shared with GraphBreak::seq
  bool suppressed = false;  ///< as GraphBreak::suppressed
  bool baselined = false;   ///< as GraphBreak::baselined
};

enum class Severity { Error, Warning, Note };

/// gbc's own finding about code it could not model (never silent).
struct Diagnostic {
  Severity severity = Severity::Warning;
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;
};

/// One exception of a Python traceback as CPython prints it: its frames (outermost first), the
/// `Type: message` line, the notes (add_note) and how the next exception of the chain relates.
struct PyExceptionRecord {
  std::vector<FrameSummary> frames;
  std::string type;     ///< qualified as CPython prints it: "ValueError", "mymod.MyError"
  std::string message;  ///< str(exc); empty prints the type alone
  std::vector<std::string> notes;
  /// How this exception led to the next one printed: "" (last), "cause" (raise ... from), or
  /// "context" (raised while handling it).
  std::string link;
};

/// An uncaught exception and the chain printed before it (earliest first).
struct PyTraceback {
  std::vector<PyExceptionRecord> chain;
  /// "Type: message" of the last exception (what a one-line summary shows).
  std::string lastLine() const {
    if (chain.empty()) return "";
    const PyExceptionRecord& e = chain.back();
    return e.message.empty() ? e.type : e.type + ": " + e.message;
  }
};

/// Why a program did not run to its end: what comes after that point was never analysed.
struct Stop {
  enum class Reason {
    CannotModel,        ///< gbc met something it cannot model (a diagnostic says what)
    UncaughtException,  ///< the program raised an exception it did not catch (Python stops too)
    Budget,             ///< the program ran past its time, instruction or memory budget
  };
  Reason reason = Reason::CannotModel;
  std::string file;  ///< the innermost user frame
  uint32_t line = 0;
  /// CannotModel: what gbc cannot model; UncaughtException: the traceback's last line
  /// ("FileNotFoundError: [Errno 2] No such file or directory: 'x.bin'").
  std::string message;
};

/// Everything found in one analysed file.
struct FileReport {
  std::string path;
  std::vector<GraphBreak> graph_breaks;
  /// Unsupported errors the program shows: uncaught, or caught and printed in full (the last
  /// such one), which is what the recordings capture.
  std::vector<UnsupportedError> errors;
  /// Unsupported errors raised and caught by the program without their text being shown.
  std::vector<UnsupportedError> caught_errors;
  std::vector<graph::Graph> graphs;
  std::vector<Diagnostic> diagnostics;
  /// Set when the program did not run to its end (an uncaught `Unsupported` error does not count:
  /// that is a finding, and the program would stop there under torch too).
  std::optional<Stop> stopped;
  /// Source text of every file a frame above refers to (the analysed file, other local modules,
  /// gbc's models of torch-internal files), so formatters can print source lines.
  std::map<std::string, std::shared_ptr<const std::string>> sources;
};

struct Report {
  std::vector<FileReport> files;
};

}  // namespace gbc::report
