// What autograd records for printing: an op with an input that requires grad produces a tensor
// that requires grad and has a grad_fn (printed as `grad_fn=<AddBackward0>`). Gradients are
// computed only for torch.func.grad (GradTape): `Tensor.backward()` is not modelled.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "interp/value.h"

namespace gbc::interp {

/// Marks `out` with requires_grad and the grad_fn torch would give the op `target` (an FX
/// target name such as "add", "relu", "linear") when any tensor input requires grad and grad
/// mode is enabled.
void applyGradFn(VM& vm, const std::string& target, const std::vector<Value>& inputs,
                 const Value& out);

/// A reverse-mode tape for torch.func.grad: while it is open (GradTape::Scope), every op one of
/// whose inputs is on it is recorded, and its output joins it. gradients() then runs the ops
/// backwards. The ops it can differentiate: sin, cos, exp, log, neg, tanh, sigmoid, relu, sqrt,
/// add, sub, mul, truediv/div (broadcast operands summed back to their shapes), pow by a
/// number, and sum/mean over all elements (or with keepdim); any other op between the inputs
/// and the output is a located "gbc cannot model" diagnostic, never a wrong gradient.
class GradTape {
 public:
  /// Makes `t` (a tensor) a variable of the tape.
  void track(const Value& t);
  bool tracked(const Value& v) const;
  void record(const std::string& target, const std::vector<Value>& inputs, const Value& out);
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
    std::string target;
    std::vector<Value> inputs;
    Value out;
  };
  std::vector<Entry> entries_;
  std::unordered_set<int64_t> variables_;  // tensor uids on the tape
};

/// torch.is_grad_enabled(), changed by no_grad / enable_grad / set_grad_enabled.
bool gradEnabled();
void setGradEnabled(bool enabled);

}  // namespace gbc::interp
