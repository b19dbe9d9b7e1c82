// An FX-like graph IR for the partitions Dynamo compiles: what the JSON report prints and what
// `gbc run` executes on the native runtime.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gbc::graph {

enum class NodeOp { Placeholder, CallFunction, CallMethod, CallModule, GetAttr, Output };

/// One node. `target` is the short name Dynamo's recorder prints: "add", "relu", "linear",
/// "sym_size.int", a method name for call_method.
struct Node {
  NodeOp op = NodeOp::CallFunction;
  std::string target;
  std::vector<int> inputs;        // indices of earlier nodes this one reads
  uint32_t line = 0;              // source line of the user code that produced it (0 if none)
  std::string name;               // FX node name: "mul", "sum_1", "l_x_"
  std::vector<std::string> args;  // FX args as printed: node names and constant reprs
  std::string source;  // `File "f.py", line 6, in fn, code: if y.sum() > 0:` (may be empty)
};

/// A compiled partition: the code object Dynamo was compiling and its nodes in order.
struct Graph {
  std::string frame;       // co_name of the compiled frame, e.g. "torch_dynamo_resume_in_fn_at_6"
  std::string frame_file;  // its file
  std::string frame_id;    // "[N/M]" without brackets, e.g. "0/0"
  std::vector<Node> nodes;
  int inputs = 0;   // placeholders
  int outputs = 0;  // values returned

  /// call_function / call_method / call_module targets in order (the conformance `ops`).
  std::vector<std::string> ops() const {
    std::vector<std::string> out;
    for (const Node& n : nodes)
      if (n.op == NodeOp::CallFunction || n.op == NodeOp::CallMethod || n.op == NodeOp::CallModule)
        out.push_back(n.target);
    return out;
  }
};

}  // namespace gbc::graph
