// Dynamo's text layouts. Sources: torch 2.14 torch/_dynamo/exc.py (format_graph_break_message,
// unimplemented, augment_exc_message) and symbolic_convert.py (log_graph_break,
// break_graph_if_unsupported's msg_prefix texts).
#include "report/text.h"

#include "report/pytext.h"
#include "report/traceback.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace gbc::report {

static constexpr std::string_view kChainSeparator =
    "\n\n*** While handling this graph break, another graph break occurred: ***\n\n";

// The msg_prefix of each instruction handler wrapped by break_graph_if_unsupported.
static std::string_view instructionDescription(std::string_view op) {
  if (op == "CALL") return "a function call, e.g. f(x, y)";
  if (op == "CALL_KW") return "a function call with keyword arguments, e.g. f(x=True)";
  if (op == "CALL_FUNCTION_EX") return "a variadic function call, e.g. f(*args)";
  if (op == "CALL_FUNCTION") return "a call to a regular function, e.g. f(x, y)";
  if (op == "CALL_FUNCTION_KW") return "a function call with keyword arguments, e.g. f(x=True)";
  if (op == "BINARY_SUBSCR") return "a binary subscript, e.g. x[attr]";
  if (op == "COMPARE_OP") return "a comparison operation, e.g. a == b";
  if (op == "STORE_ATTR") return "storing an object's attribute, e.g. x.attr = y";
  if (op == "STORE_SUBSCR") return "trying to store subscript, e.g. x[key] = y";
  return {};
}

std::string renderGbMessage(const GbMessage& message, const Registry& registry) {
  std::string out = message.gb_type;
  out += "\n  Explanation: ";
  out += py::indentContinuation(message.explanation);
  out += '\n';
  for (std::size_t i = 0; i < message.hints.size(); ++i) {
    if (i != 0) out += '\n';
    out += "  Hint: ";
    out += py::indentContinuation(message.hints[i]);
  }
  out += "\n\n  Developer debug context: ";
  out += py::indentContinuation(message.context);
  if (std::optional<std::string> url = registry.docUrlFor(message.gb_type))
    out += "\n\n For more details about this graph break, please visit: " + *url;
  return out;
}

std::string renderGbMessages(const std::vector<GbMessage>& messages, const Registry& registry) {
  std::string out;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i != 0) out += kChainSeparator;
    out += renderGbMessage(messages[i], registry);
  }
  return out;
}

std::string renderReason(const GraphBreak& brk, const TargetProfile& target) {
  std::string messages = renderGbMessages(brk.messages, registryFor(target));
  switch (brk.kind) {
    case RecordKind::Resumable: {
      // 2.9's records carry the gb message alone.
      if (target.legacy_record_layout || brk.instruction.empty()) return messages;
      std::string_view description = instructionDescription(brk.instruction);
      std::string prefix = "Encountered graph break when attempting to trace " + brk.instruction;
      if (!description.empty()) prefix += fmt::format(": {}", description);
      return prefix + ":\n\n" + messages;
    }
    case RecordKind::Jump:
      return messages;
    case RecordKind::CannotResume:
      return "Encountered graph break that we cannot resume from. Compiling up to the previous "
             "resumable state, then skipping the rest of the function. Graph break encountered:"
             "\n\n" +
             messages;
    case RecordKind::FailedGracefully:
      return "Failed to handle graph break gracefully. Skipping the function and falling back to "
             "eager. Graph break encountered:\n\n" +
             messages;
  }
  GBC_UNREACHABLE("unknown RecordKind");
}

// symbolic_convert.py, _format_stack_source_attribution: one entry per stack value that has a
// source position, "" when there is none.
static std::string renderAttribution(const GraphBreak& brk, const py::SourceMap& sources) {
  if (brk.attribution.empty()) return "";
  std::string out = "Stack variable source attribution:";
  for (const StackAttribution& entry : brk.attribution) {
    out += fmt::format("\n  {} originated from:\n", entry.repr);
    out += formatSourceLocation(entry.where, sources);
  }
  return out;
}

std::string renderRecord(const GraphBreak& brk, const FileReport& sources,
                         const TargetProfile& target) {
  std::string reason = renderReason(brk, target);
  if (brk.duplicate) {
    return fmt::format(
        "Graph break (user stack suppressed due to duplicate graph break) in user code at "
        "{}:{}\nGraph Break Reason: {}",
        brk.location.file, brk.location.line, reason);
  }
  std::string out = fmt::format("Graph break in user code at {}:{}\nGraph Break Reason: {}",
                                brk.location.file, brk.location.line, reason);
  if (target.stack_attribution) {
    std::string attribution = renderAttribution(brk, sources.sources);
    if (!attribution.empty()) out += "\n\n" + attribution;
  }
  // 2.9 printed "User code traceback:" right under the reason.
  out += target.legacy_record_layout ? "\nUser code traceback:\n" : "\n\nUser code traceback:\n";
  out += formatFrameList(brk.user_stack, sources.sources, target.caret_lines);
  return out;
}

std::string renderUnsupported(const UnsupportedError& error, const FileReport& sources,
                              const TargetProfile& target) {
  // augment_exc_message(exc, msg="\n"): str(e) = the message + msg.
  std::string out = renderGbMessages(error.messages, registryFor(target));
  out += '\n';
  if (!error.user_stack.empty()) {
    out += "\nfrom user code:\n ";
    out += formatFrameList(error.user_stack, sources.sources, target.caret_lines);
  }
  out +=
      "\nSet TORCHDYNAMO_VERBOSE=1 for the internal stack trace (please do this especially if "
      "you're reporting a bug to PyTorch). For even more developer context, set "
      "TORCH_LOGS=\"+dynamo\"\n";
  return out;
}

static std::string countOf(std::size_t n, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

std::string renderSummary(const Report& report) {
  std::size_t breaks = 0, unique = 0, errors = 0, graphs = 0;
  for (const FileReport& file : report.files) {
    breaks += file.graph_breaks.size();
    unique += std::count_if(file.graph_breaks.begin(), file.graph_breaks.end(),
                            [](const GraphBreak& brk) { return !brk.duplicate; });
    errors += file.errors.size();
    graphs += file.graphs.size();
  }
  std::string out = fmt::format(
      "gbc: {} ({} unique), {}, {} in {}", countOf(breaks, "graph break", "graph breaks"), unique,
      countOf(errors, "error", "errors"), countOf(graphs, "graph", "graphs"),
      countOf(report.files.size(), "file", "files"));
  // static mode: how many of those may happen (only printed when some do)
  std::size_t may = 0;
  for (const FileReport& file : report.files) {
    may += std::count_if(file.graph_breaks.begin(), file.graph_breaks.end(),
                         [](const GraphBreak& b) { return b.may; });
    may += std::count_if(file.errors.begin(), file.errors.end(),
                         [](const UnsupportedError& e) { return e.may; });
  }
  if (may != 0) out += fmt::format(" ({} may)", may);
  std::size_t stopped = std::count_if(report.files.begin(), report.files.end(),
                                      [](const FileReport& file) { return file.stopped; });
  if (stopped != 0)
    out += fmt::format("; {} of {} not analysed to the end", stopped,
                       countOf(report.files.size(), "file", "files"));
  return out;
}

std::string renderCodeList(const Registry& registry) {
  std::string out;
  for (const std::string& code : registry.codes()) {
    auto entries = registry.entries(code);
    out += code + "  " + (entries.empty() ? std::string() : std::string(entries.front().gb_type)) +
           "\n";
  }
  return out;
}

std::string renderCodeEntry(const Registry& registry, std::string_view code) {
  auto entries = registry.entries(code);
  if (entries.empty()) return "";
  std::string out = fmt::format("{}  {}\n", code, Registry::docUrl(code));
  for (const RegistryEntry& entry : entries) {
    out += fmt::format("\n  Gb_type: {}\n  Context: {}\n  Explanation: {}\n", entry.gb_type,
                       entry.context, entry.explanation);
    for (std::string_view hint : entry.hints) out += fmt::format("  Hint: {}\n", hint);
  }
  return out;
}

std::string_view severityName(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  GBC_UNREACHABLE("unknown Severity");
}

std::string renderDiagnostic(const Diagnostic& diagnostic, const std::string& file_path) {
  // (column 0: the position has no column)
  const std::string& path = diagnostic.file.empty() ? file_path : diagnostic.file;
  std::string column = diagnostic.column == 0 ? "" : ":" + std::to_string(diagnostic.column);
  return fmt::format("{}:{}{}: {}: {}\n", path, diagnostic.line, column,
                     severityName(diagnostic.severity), diagnostic.message);
}

std::string describeStop(const Stop& stop) {
  std::string type = stop.message.substr(0, stop.message.find(':'));
  return "the program stopped here on an uncaught " + type + "; the rest of it was not analysed";
}

std::string renderStopNote(const Stop& stop) {
  return fmt::format("{}:{}: note: {}\n", stop.file, stop.line, describeStop(stop));
}

std::string renderFileText(const FileReport& file, const TargetProfile& target) {
  // Merge breaks and errors by seq; on equal seq a break comes first.
  struct Event {
    uint32_t seq;
    bool is_error;
    std::size_t index;
  };
  std::vector<Event> events;
  for (std::size_t i = 0; i < file.graph_breaks.size(); ++i)
    events.push_back({file.graph_breaks[i].seq, false, i});
  for (std::size_t i = 0; i < file.errors.size(); ++i)
    events.push_back({file.errors[i].seq, true, i});
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.seq != b.seq ? a.seq < b.seq : (!a.is_error && b.is_error);
  });

  std::string out;
  for (const Event& event : events) {
    if (event.is_error) {
      const UnsupportedError& error = file.errors[event.index];
      if (error.may) out += "gbc: note: the error below may be raised (gbc could not decide)\n";
      out += renderUnsupported(error, file, target) + "\n";
      continue;
    }
    const GraphBreak& brk = file.graph_breaks[event.index];
    if (brk.may) out += "gbc: note: the graph break below may happen (gbc could not decide)\n";
    out += renderRecord(brk, file, target) + "\n";
  }
  for (const Diagnostic& diagnostic : file.diagnostics)
    out += renderDiagnostic(diagnostic, file.path);
  return out;
}

}  // namespace gbc::report
