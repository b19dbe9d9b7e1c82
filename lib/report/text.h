// Dynamo's text: graph-break log records, Unsupported error messages and gbc's summary line.
// Pure functions of the report model and the target profile (dynamo-walkthrough.md section 4).
#pragma once

#include "base/target.h"
#include "report/model.h"
#include "report/registry.h"

#include <string>
#include <string_view>
#include <vector>

namespace gbc::report {

/// One gb message as exc.py's format_graph_break_message lays it out: gb_type, Explanation,
/// one Hint line per hint, Developer debug context and, when `registry` knows the gb_type, the
/// doc-page line. Multi-line parts continue indented as textwrap.indent(part, 4 spaces).lstrip().
std::string renderGbMessage(const GbMessage& message, const Registry& registry);

/// Chained messages: the first, then each later one after
/// "\n\n*** While handling this graph break, another graph break occurred: ***\n\n".
std::string renderGbMessages(const std::vector<GbMessage>& messages, const Registry& registry);

/// The text after "Graph Break Reason: " for the record's kind (walkthrough 4.2).
std::string renderReason(const GraphBreak& brk, const TargetProfile& target);

/// The whole record as Dynamo logs it, without the logging prefix: the full form (header,
/// reason, 2.14's "Stack variable source attribution:", "User code traceback:" frames, ending
/// with a newline) or, for a duplicate, the two-line suppressed form (no final newline).
/// `sources` supplies the source lines of the traceback frames.
std::string renderRecord(const GraphBreak& brk, const FileReport& sources,
                         const TargetProfile& target);

/// str(e) of the torch._dynamo.exc.Unsupported the program receives: the gb message(s), the
/// "from user code:" frames and the TORCHDYNAMO_VERBOSE paragraph; ends with a newline.
std::string renderUnsupported(const UnsupportedError& error, const FileReport& sources,
                              const TargetProfile& target);

/// "error", "warning" or "note".
std::string_view severityName(Severity severity);

/// One of gbc's own diagnostics as `file:line:col: severity: message` and a newline (`file_path`
/// is used when the diagnostic names no file).
std::string renderDiagnostic(const Diagnostic& diagnostic, const std::string& file_path);

/// What a stop on an uncaught exception means, e.g. "the program stopped here on an uncaught
/// FileNotFoundError; the rest of it was not analysed".
std::string describeStop(const Stop& stop);

/// The note after a program that stopped on an uncaught exception, e.g. "/abs/train.py:12: note:
/// the program stopped here on an uncaught FileNotFoundError; the rest of it was not analysed".
std::string renderStopNote(const Stop& stop);

/// gbc's one-line summary, e.g. "gbc: 4 graph breaks (1 unique), 0 errors, 3 graphs in 1 file".
std::string renderSummary(const Report& report);

/// `gbc codes`: one line per code of `registry`, "GB0025  <gb_type of its first variant>".
std::string renderCodeList(const Registry& registry);

/// `gbc codes GB0025`: the code, its page URL, then each variant's Gb_type, Context,
/// Explanation and Hints as the registry spells them. Empty when the code is unknown.
std::string renderCodeEntry(const Registry& registry, std::string_view code);

/// Everything `gbc analyze` writes to stderr for one file, before the summary: each record and
/// each error in event order (as Dynamo's log and print(e) would show them, each followed by a
/// newline), then gbc's own diagnostics as `file:line:col: severity: message` lines.
std::string renderFileText(const FileReport& file, const TargetProfile& target);

}  // namespace gbc::report
