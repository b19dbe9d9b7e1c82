// What autograd records for printing: an op with an input that requires grad produces a tensor
// that requires grad and has a grad_fn (printed as `grad_fn=<AddBackward0>`). gbc computes no
// gradients here; it reproduces what torch prints.
#pragma once

#include <string>
#include <vector>

#include "interp/value.h"

namespace gbc::interp {

/// Marks `out` with requires_grad and the grad_fn torch would give the op `target` (an FX
/// target name such as "add", "relu", "linear") when any tensor input requires grad and grad
/// mode is enabled.
void applyGradFn(VM& vm, const std::string& target, const std::vector<Value>& inputs,
                 const Value& out);

/// torch.is_grad_enabled(), changed by no_grad / enable_grad / set_grad_enabled.
bool gradEnabled();
void setGradEnabled(bool enabled);

}  // namespace gbc::interp
