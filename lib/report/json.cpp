// The JSON report: a 1:1 copy of the model plus the rendered texts.
#include "report/json.h"

#include "report/registry.h"
#include "report/text.h"

#ifndef GBC_VERSION
#define GBC_VERSION "0.0.0"
#endif

namespace gbc::report {

using Json = nlohmann::ordered_json;

std::string_view toolVersion() { return GBC_VERSION; }

static Json optionalString(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

static std::string_view kindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::Resumable:
      return "resumable";
    case RecordKind::Jump:
      return "jump";
    case RecordKind::CannotResume:
      return "cannot_resume";
    case RecordKind::FailedGracefully:
      return "failed_gracefully";
  }
  GBC_UNREACHABLE("unknown RecordKind");
}

static std::string_view nodeOpName(graph::NodeOp op) {
  switch (op) {
    case graph::NodeOp::Placeholder:
      return "placeholder";
    case graph::NodeOp::CallFunction:
      return "call_function";
    case graph::NodeOp::CallMethod:
      return "call_method";
    case graph::NodeOp::CallModule:
      return "call_module";
    case graph::NodeOp::GetAttr:
      return "get_attr";
    case graph::NodeOp::Output:
      return "output";
  }
  GBC_UNREACHABLE("unknown NodeOp");
}

static Json stackJson(const std::vector<FrameSummary>& stack) {
  Json out = Json::array();
  for (const FrameSummary& frame : stack)
    out.push_back({{"file", frame.file}, {"line", frame.line}, {"function", frame.function}});
  return out;
}

static Json codesJson(const std::vector<GbMessage>& messages, const Registry& registry) {
  Json out = Json::array();
  for (const GbMessage& message : messages)
    if (std::optional<std::string> code = registry.codeFor(message.gb_type)) out.push_back(*code);
  return out;
}

static Json breakJson(const GraphBreak& brk, const FileReport& file, const TargetProfile& target,
                      const Registry& registry) {
  static const GbMessage kNoMessage;
  const GbMessage& first = brk.messages.empty() ? kNoMessage : brk.messages.front();
  const FrameSummary& at = brk.location;
  Json column = at.has_columns ? Json(at.col + 1) : Json(nullptr);
  Json end_column = at.has_columns ? Json(at.end_col + 1) : Json(nullptr);
  Json hints = Json::array();
  for (const std::string& hint : first.hints) hints.push_back(hint);
  return Json{
      {"file", at.file},
      {"line", at.line},
      {"column", column},
      {"end_line", at.has_columns && at.end_line != 0 ? at.end_line : at.line},
      {"end_column", end_column},
      {"gb_code", optionalString(registry.codeFor(first.gb_type))},
      {"gbs", codesJson(brk.messages, registry)},
      {"gb_type", first.gb_type},
      {"instruction", brk.instruction.empty() ? Json(nullptr) : Json(brk.instruction)},
      {"explanation", first.explanation},
      {"hints", hints},
      {"context", first.context},
      {"duplicate", brk.duplicate},
      {"frame", brk.frame},
      {"frame_id", brk.frame_id},
      {"user_stack", stackJson(brk.user_stack)},
      {"text", renderRecord(brk, file, target)},
      {"kind", kindName(brk.kind)},
      {"may", brk.may},
      {"severity", brk.may ? "may" : "break"},
      {"doc_url", optionalString(registry.docUrlFor(first.gb_type))},
      {"suppressed", brk.suppressed},
      {"baselined", brk.baselined},
  };
}

static Json errorJson(const UnsupportedError& error, const FileReport& file,
                      const TargetProfile& target, const Registry& registry) {
  std::optional<std::string> code;
  for (const GbMessage& message : error.messages)
    if (std::optional<std::string> found = registry.codeFor(message.gb_type)) code = found;
  Json innermost_file = nullptr, innermost_line = nullptr, innermost_function = nullptr;
  if (!error.user_stack.empty()) {
    const FrameSummary& leaf = error.user_stack.back();
    innermost_file = leaf.file;
    innermost_line = leaf.line;
    innermost_function = leaf.function;
  }
  return Json{
      {"gb_code", optionalString(code)},
      {"file", innermost_file},
      {"line", innermost_line},
      {"function", innermost_function},
      {"user_stack", stackJson(error.user_stack)},
      {"text", renderUnsupported(error, file, target)},
      {"gb_type", error.messages.empty() ? Json(nullptr) : Json(error.messages.back().gb_type)},
      {"gbs", codesJson(error.messages, registry)},
      {"may", error.may},
      {"severity", error.may ? "may" : "error"},
      {"suppressed", error.suppressed},
      {"baselined", error.baselined},
  };
}

static Json graphJson(const graph::Graph& graph, std::size_t id) {
  Json nodes = Json::array();
  for (const graph::Node& node : graph.nodes) {
    nodes.push_back({{"op", nodeOpName(node.op)},
                     {"target", node.target},
                     {"name", node.name},
                     {"line", node.line == 0 ? Json(nullptr) : Json(node.line)}});
  }
  return Json{
      {"id", id},
      {"frame", graph.frame},
      {"frame_file", graph.frame_file},
      {"frame_id", graph.frame_id},
      {"ops", graph.ops()},
      {"inputs", graph.inputs},
      {"outputs", graph.outputs},
      {"nodes", nodes},
  };
}

static Json diagnosticJson(const Diagnostic& diagnostic, const FileReport& file) {
  return Json{
      {"severity", severityName(diagnostic.severity)},
      {"file", diagnostic.file.empty() ? file.path : diagnostic.file},
      {"line", diagnostic.line},
      // 1-based; null where the position has no column (gbc's stops are located by line)
      {"column", diagnostic.column == 0 ? Json(nullptr) : Json(diagnostic.column)},
      {"message", diagnostic.message},
  };
}

Json toJson(const Report& report, const TargetProfile& target) {
  const Registry& registry = registryFor(target);
  Json files = Json::array();
  std::size_t breaks = 0, unique = 0, errors = 0, graphs = 0, not_to_end = 0;
  for (const FileReport& file : report.files) {
    Json file_breaks = Json::array(), file_errors = Json::array();
    Json file_graphs = Json::array(), diagnostics = Json::array();
    for (const GraphBreak& brk : file.graph_breaks) {
      file_breaks.push_back(breakJson(brk, file, target, registry));
      unique += brk.duplicate ? 0 : 1;
    }
    for (const UnsupportedError& error : file.errors)
      file_errors.push_back(errorJson(error, file, target, registry));
    Json caught_errors = Json::array();
    for (const UnsupportedError& error : file.caught_errors)
      caught_errors.push_back(errorJson(error, file, target, registry));
    // Graph ids number a file's graphs in backend-call order.
    for (const graph::Graph& graph : file.graphs)
      file_graphs.push_back(graphJson(graph, file_graphs.size()));
    for (const Diagnostic& diagnostic : file.diagnostics)
      diagnostics.push_back(diagnosticJson(diagnostic, file));
    breaks += file.graph_breaks.size();
    errors += file.errors.size();
    graphs += file.graphs.size();
    Json stopped = nullptr;
    if (file.stopped) {
      stopped =
          Json{{"reason", file.stopped->reason == Stop::Reason::CannotModel ? "cannot_model"
                          : file.stopped->reason == Stop::Reason::Budget    ? "budget"
                                                                            : "uncaught_exception"},
               {"file", file.stopped->file},
               {"line", file.stopped->line},
               {"message", file.stopped->message}};
      ++not_to_end;
    }
    files.push_back(Json{{"path", file.path},
                         {"graph_breaks", file_breaks},
                         {"errors", file_errors},
                         {"graphs", file_graphs},
                         {"diagnostics", diagnostics},
                         {"caught_errors", caught_errors},
                         {"analysed_to_end", !file.stopped},
                         {"stopped", stopped}});
  }
  return Json{
      {"schema_version", 1},
      {"tool",
       {{"name", "gbc"},
        {"version", toolVersion()},
        {"target", {{"torch", target.torch}, {"python", target.python}}}}},
      {"files", files},
      {"summary",
       {{"files", report.files.size()},
        {"graph_breaks", breaks},
        {"unique_graph_breaks", unique},
        {"errors", errors},
        {"graphs", graphs},
        {"files_not_analysed_to_end", not_to_end}}},
  };
}

}  // namespace gbc::report
