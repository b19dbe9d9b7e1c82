// Autograd: what an op records for printing (requires_grad, `grad_fn=<AddBackward0>`), the eager
// backward graph that Tensor.backward() runs to fill the leaves' `.grad`, and GradTape, the
// reverse-mode tape of torch.func.grad. Both run the same derivative rules (autograd_rules.cpp).
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "interp/value.h"

namespace gbc::interp {

/// The non-tensor arguments of an op that its derivative rule needs.
struct GradArgs {
  std::vector<int64_t> dims;  // sum / mean: the reduced dims (none: all); (log_)softmax: the dim
  bool keepdim = false;
  std::string reduction = "mean";  // the losses
  int64_t ignore_index = -100;     // cross_entropy
};

/// One op of the backward graph (torch's autograd Node): recorded on the output tensor of an op
/// whose inputs require grad, while grad mode is on. `next` holds, per input, the node that
/// made it, or the input itself when it is a leaf (a tensor that requires grad and has no
/// node), or nothing: edges are fixed when the op runs, as torch's are, so a later in-place op
/// on an input does not reroute them. A node never refers to its own output (no cycles).
struct GradNode {
  struct Edge {
    std::shared_ptr<GradNode> node;
    Value leaf;
  };
  std::string target;  // the FX op name ("linear", "cross_entropy", ...)
  // the op's inputs: tensors in `tensors` (as the op saw them: data, not the TensorObject, whose
  // grad_fn may later point back here), other values in `inputs`; a tape's nodes also keep the
  // tensor inputs' objects in `inputs` (the tape knows its variables by object)
  std::vector<Value> inputs;
  std::vector<runtime::Tensor> tensors;
  std::vector<uint64_t> versions;  // each tensor input's storage version when the op ran
  runtime::Tensor out;             // the result (shares its storage), for rules that use it
  uint64_t out_version = 0;
  GradArgs args;
  std::vector<Edge> next;  // one per input
  uint64_t sequence = 0;   // creation order: backward runs later nodes first, as torch does
  std::string blocked;     // non-empty: why gbc cannot run backward through this node
  bool released = false;   // a backward without retain_graph went through it
  Value py;                // the `grad_fn` object programs see (made on first access)

  GradNode() = default;
  /// Releases a long chain of nodes iteratively (not by a deep recursion of destructors).
  ~GradNode();
  GradNode(const GradNode&) = delete;
  GradNode& operator=(const GradNode&) = delete;
};

/// Marks `out` with requires_grad and the grad_fn torch would give the op `target` (an FX
/// target name such as "add", "relu", "linear") when any tensor input requires grad and grad
/// mode is enabled, and records its GradNode (and its GradTape entry, while a tape is open).
/// `args` carries what the derivative rule needs beyond the inputs.
void applyGradFn(VM& vm, const std::string& target, const std::vector<Value>& inputs,
                 const Value& out, const GradArgs& args = {});

/// Called before the in-place op `target` writes into `self` (once: the node expects one
/// version bump), with the op's other inputs (setitem: the value, then the key). In grad mode,
/// torch's RuntimeError for a leaf that requires grad or a view of one; otherwise, when self or
/// an input requires grad, self gets a new node whose edges lead to self's old node and the
/// inputs' (never to self's object: no cycle). Its rule is that of the out-of-place op for
/// +=, -=, add_, sub_, *= / /= / mul_ / div_ by a tensor that does not require grad (the
/// derivative for `other` would need self's overwritten value), setitem with basic indexing and
/// copy_; for any other in-place op backward through the node is a located "gbc cannot model"
/// diagnostic, never a wrong gradient. Under no_grad nothing is recorded. A torch.func.grad
/// tape always gets such a blocked entry (it knows tensors by object).
void applyInplaceGradFn(VM& vm, const std::string& target, const Value& self,
                        const std::vector<Value>& inputs);

/// Tensor.backward(): runs the graph behind `outputs` backwards from `grads` (undefined: ones
/// for a one-element output), in torch's engine order, and accumulates into the leaves' `.grad`
/// (only those in `inputs`, when it is not empty) as AccumulateGrad does. With `results`
/// (torch.autograd.grad) nothing accumulates: results[i] is the gradient of inputs[i]
/// (undefined when unused). Only nodes on a path to a wanted tensor run; without retain_graph
/// they are released. torch's RuntimeErrors for outputs that do not require grad, implicit
/// gradients of non-scalars, shape mismatches and a second pass through released nodes that
/// saved tensors; a gbc diagnostic for a tensor written in place where the graph did not see it
/// (through a view of it, or under no_grad) since its node made it.
void runBackward(VM& vm, const std::vector<Value>& outputs, std::vector<runtime::Tensor> grads,
                 bool retain_graph, const std::vector<Value>& inputs,
                 std::vector<runtime::Tensor>* results = nullptr);

/// The gradients of a node's inputs from the gradient `g` of its output, by torch's derivative
/// formulas: one per input, undefined where needs[i] is false or input i is not a tensor. An
/// op without a rule is vm.unsupported("<what> through `op`"); so is a saved tensor modified
/// in place since the op ran.
std::vector<runtime::Tensor> inputGradients(VM& vm, const GradNode& node, const runtime::Tensor& g,
                                            const std::vector<bool>& needs,
                                            const std::string& what);

/// Whether the op saves tensors for its backward (torch frees those after a backward without
/// retain_graph; a node that saved none can run again).
bool savesTensors(const std::string& target);

/// A reverse-mode tape for torch.func.grad: while it is open (GradTape::Scope), every op one of
/// whose inputs is on it is recorded, and its output joins it. gradients() then runs the ops
/// backwards through inputGradients; any op without a rule between the inputs and the output
/// is a located "gbc cannot model" diagnostic, never a wrong gradient.
class GradTape {
 public:
  /// Makes `t` (a tensor) a variable of the tape.
  void track(const Value& t);
  bool tracked(const Value& v) const;
  void record(std::shared_ptr<const GradNode> node, const Value& out);
  /// d output / d each of `wrt` (zeros for an input the output does not depend on).
  std::vector<runtime::Tensor> gradients(VM& vm, const Value& output,
                                         const std::vector<Value>& wrt) const;

  /// Opens `tape` on this thread for the scope's lifetime (tapes nest: the innermost records).
  class Scope {
   public:
    explicit Scope(GradTape& tape);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    GradTape* outer_;
  };

 private:
  struct Entry {
    std::shared_ptr<const GradNode> node;
    Value out;
  };
  std::vector<Entry> entries_;
  std::unordered_set<int64_t> variables_;  // tensor uids on the tape
};

/// torch.is_grad_enabled(), changed by no_grad / enable_grad / set_grad_enabled.
bool gradEnabled();
void setGradEnabled(bool enabled);

/// Tensor.backward, Tensor.grad_fn / is_leaf, torch.autograd.backward / grad.
void installAutograd(VM& vm);

}  // namespace gbc::interp
