// gbc's model of the torch API: tensors, the torch module, nn, torch._dynamo, torch.compile.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interp/vm.h"
#include "runtime/ops.h"

namespace gbc::interp {

void installTorch(VM& vm);

/// Thrown by tensorArg when a builtin of the torch model gets something else where it needs a
/// tensor; VM::call turns it into the TypeError torch raises.
struct NotATensor {};

/// The tensor a builtin of the torch model was given (NotATensor when it is something else).
inline runtime::Tensor& tensorArg(const Value& v) {
  if (!v || v->kind != Kind::Tensor) throw NotATensor{};
  return as<TensorObject>(v).t;
}

/// Raises the Python exception of a runtime error: IndexError, ValueError, TypeError,
/// NotImplementedError, else RuntimeError, with the runtime's message.
[[noreturn]] void raiseTorchError(VM& vm, const runtime::TorchError& e);

/// The value of a runtime result, or its error raised as a Python exception.
template <typename X>
X check(VM& vm, runtime::Expected<X> r) {
  if (!r) raiseTorchError(vm, r.error());
  return std::move(*r);
}
inline void check(VM& vm, const runtime::Status& s) {
  if (!s) raiseTorchError(vm, s.error());
}

Value wrapTensor(runtime::Tensor t);

/// CPU autocast (torch.amp.autocast(device_type='cpu')) as active now: the lower-precision dtype
/// its lower_precision_fp ops (linear, matmul, bmm, conv, scaled_dot_product_attention, einsum)
/// run in, or nothing (torch_dtypes.cpp).
std::optional<runtime::DType> cpuAutocastDType();
/// An op's floating tensor argument as autocast gives it to the op: converted to `dtype` (a
/// "to" autograd node, no graph node: autocast casts below Dynamo's graph); other values as is.
Value autocastArg(VM& vm, const Value& v, runtime::DType dtype);
/// autocastArg for a lower_precision_fp op: to cpuAutocastDType() when autocast is active.
Value autocastLower(VM& vm, const Value& v);
/// autocastArg for an fp32 op (cross_entropy, nll_loss, mse_loss): to float32 when autocast is
/// active.
Value autocastFloat32(VM& vm, const Value& v);
/// A binary op's operand: a tensor, or a Python number (TypeError otherwise).
runtime::Operand tensorOperand(VM& vm, const Value& v);
Value tensorBinaryOp(VM& vm, syntax::BinOpKind op, const Value& a, const Value& b, bool inplace);
Value tensorUnaryOp(VM& vm, syntax::UnaryOpKind op, const Value& a);
Value tensorCompare(VM& vm, syntax::CmpOpKind op, const Value& a, const Value& b);
Value tensorGetItem(VM& vm, const Value& t, const Value& key);
/// While tracing: the runtime asserts `0 <= u <= upper` of an unbacked int (ge, le and their
/// `_assert_scalar.default` nodes), as Dynamo adds for sizes and lengths bound by one.
void assertUnbackedRange(VM& vm, const Value& u, int64_t upper);
/// The active torch-function modes (torch.overrides), innermost last.
std::vector<Value>& torchFunctionModes();
/// Calls the innermost mode's __torch_function__(Tensor.<method>, types, (a, b), {}) with that
/// mode popped for the duration (as torch does); nullptr when no mode is active.
Value dispatchTorchFunctionMode(VM& vm, const char* method, const Value& a, const Value& b);
/// t[key] computed without recording a graph node.
runtime::Tensor tensorIndex(VM& vm, const Value& t, const Value& key);
/// The runtime's index items of a subscript key (ints, slices, None, ..., tensors, lists).
std::vector<runtime::IndexItem> tensorIndexItems(VM& vm, const Value& key);
void tensorSetItem(VM& vm, const Value& t, const Value& key, const Value& v);
bool tensorSetAttr(VM& vm, const Value& t, std::string_view name, const Value& v);
bool tensorTruthy(VM& vm, const Value& t);
int64_t tensorLen(VM& vm, const Value& t);
std::vector<Value> tensorUnbind(VM& vm, const Value& t);
std::string tensorRepr(VM& vm, const Value& t);
std::string tensorFormat(VM& vm, const Value& t, const std::string& spec);
Value tensorToPyNumber(VM& vm, const Value& t, bool as_int);
Value tensorCallMethod(VM& vm, const Value& t, const std::string& name, std::vector<Value> args);

/// Calls a tensor method `name` on self with the remaining arguments, recorded as a
/// call_function (torch.<name>(x, ...)) or call_method (x.<name>(...)).
Value tensorCallMethodFn(VM& vm, const Value& self, const std::string& name, CallArgs& rest);
/// Defines Tensor.<name>: the native method (vm.nativeMethods) and the unbound builtin in the
/// Tensor class's dict (`Tensor.name`), one function behind both.
void defineTensorMethod(VM& vm, const std::string& name, NativeFn fn);
Value tensorCallMethodM(VM& vm, const Value& self, const std::string& name, CallArgs& rest);
std::vector<std::string> tensorMethodNames();
/// Compiles and executes a prelude module (Python source modelling part of torch).
void loadPrelude(VM& vm, const std::string& name, const std::string& filename,
                 const std::string& source);

bool isNnModule(VM& vm, const Value& v);
/// A torch function or class bound in a module's globals (for Dynamo's "no tensors" rule).
bool isTorchObject(VM& vm, const Value& v);
/// A function torch.compile wrapped directly: its code is in Dynamo's
/// always_optimize_code_objects (eval_frame.py), so has_tensor_in_frame is true for its frames
/// (keyed like Frame::code_key, the FunctionObject's code pointer).
bool isAlwaysOptimizedCode(const void* code_key);
/// Files Dynamo never traces (most of torch/, the standard library).
bool isSkippedFile(VM& vm, const std::string& filename);

/// "torch" or "numpy" when `module` is one of their modules (gbc's own models, where a missing
/// name is a gap of gbc's, never the program's error); null otherwise.
const char* modelledPackage(std::string_view module);

}  // namespace gbc::interp
