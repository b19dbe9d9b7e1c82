// Dynamo's trace rules for code that is not the user's: which files it skips
// (torch/_dynamo/trace_rules.py, check_file), which C functions it models, and which calls it
// constant-folds. The lists are those of PyTorch 2.14.1's trace_rules.py and polyfills/
// (checked by lib/interp/tools/check_trace_rules.py); 2.11 words the skip reasons differently.
#pragma once

#include <string>

#include "interp/vm.h"

namespace gbc::interp::trace_rules {

/// trace_rules.SkipResult: whether Dynamo skips a file, and the reason it gives.
struct SkipResult {
  bool skipped = false;
  std::string reason;
};

/// trace_rules.check_file for the standard library and third-party packages (torch's own files
/// are gbc's model: `skipped` is false for them, and `reason` empty). `inlined_call` is
/// check_file's is_inlined_call (true for calls made from traced code).
SkipResult checkFile(VM& vm, const std::string& filename, bool inlined_call);

/// What Dynamo does with a call of a C function of a module (a builtin without a receiver,
/// e.g. posix.getpid): Modelled (BuiltinVariable, a polyfill, constant folding, gbc's torch
/// model) or Skipped (SkipFunctionVariable, GB0007). NotModuleFunction: a method or a value
/// gbc cannot place in a module; the caller leaves it alone.
enum class BuiltinRule { NotModuleFunction, Modelled, Skipped };
/// `module` receives the function's __module__ (Skipped only).
BuiltinRule builtinRule(VM& vm, const Value& builtin, std::string& module);

/// A Python function gbc runs where CPython calls a C function: the pure-Python fallback of a
/// C accelerator gbc does not implement (bisect's functions where CPython's come from _bisect,
/// _py_abc's for _abc, heapq's, pickle's, warnings'). Returns the C module's name and sets `rule`
/// to Dynamo's rule for that C function; "" for any other function.
std::string acceleratorModule(VM& vm, const Value& fn, BuiltinRule& rule);

/// Calls Dynamo runs at trace time and replaces by their constant result: re.search/match/...
/// (functions.py, RE_CONSTANT_FOLD_FNS) and importlib.util.find_spec /
/// importlib.metadata.version on constant arguments. gbc runs them untraced.
bool isConstantFoldedCall(VM& vm, const Value& callable, const CallArgs& args);

/// Methods of the module-global random.Random instance (and of exact random.Random objects)
/// that Dynamo models (builder.py: RandomValueSource, RandomVariable) instead of skipping
/// random.py.
bool isModelledRandomMethod(VM& vm, const Value& bound);

}  // namespace gbc::interp::trace_rules
