// `gbc explain`: ExplainOutput's text.
#include "report/explain.h"

#include "report/registry.h"
#include "report/text.h"

namespace gbc::report {

static std::string frameSummary(const FrameSummary& frame) {
  return "<FrameSummary file " + frame.file + ", line " + std::to_string(frame.line) + " in " +
         frame.function + ">";
}

std::string renderExplain(const FileReport& file, const TargetProfile& target) {
  const Registry& registry = registryFor(target);
  std::size_t op_count = 0;
  for (const graph::Graph& graph : file.graphs) op_count += graph.ops().size();
  std::string out = "Graph Count: " + std::to_string(file.graphs.size()) + "\n";
  out += "Graph Break Count: " + std::to_string(file.graph_breaks.size()) + "\n";
  out += "Op Count: " + std::to_string(op_count) + "\n";
  out += "Break Reasons:\n";
  for (std::size_t i = 0; i < file.graph_breaks.size(); ++i) {
    const GraphBreak& brk = file.graph_breaks[i];
    out += "  Break Reason " + std::to_string(i + 1) + ":\n";
    out += "    Reason: " + renderGbMessages(brk.messages, registry) + "\n";
    out += "    User Stack:\n";
    std::vector<FrameSummary> stack = brk.user_stack;
    if (stack.empty()) stack.push_back(brk.location);
    for (const FrameSummary& frame : stack) out += "      " + frameSummary(frame) + "\n";
  }
  out += "Ops per Graph:\n";
  for (std::size_t i = 0; i < file.graphs.size(); ++i) {
    out += "  Ops " + std::to_string(i + 1) + ":\n";
    for (const std::string& op : file.graphs[i].ops()) out += "    " + op + "\n";
  }
  return out;
}

}  // namespace gbc::report
