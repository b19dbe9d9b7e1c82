// Static mode: after a module body has run (analyze only), every compiled function or module that
// no module-level code called is called once more through its torch.compile wrapper with
// synthesized inputs, and what Dynamo does with it is reported as "may" findings.
//
// What a static call explores:
//   - one call with a tensor (torch.randn(2, 3), float32) for each required parameter and the
//     defaults for the others;
//   - one more call per parameter whose default is a bool (the other bool) or None (a tensor),
//     keeping only the findings those calls add (both outcomes of `if flag:` / `if mask is None:`).
// What it does not explore: other values of int / str / float parameters, the other outcome of a
// branch on a synthesized tensor's data (the eager run takes the one the random data decides; a
// data-dependent branch on a tensor is a graph break anyway and is reported), other shapes and
// dtypes than 2x3 float32, compiled callables that are not reachable from module globals
// (closures, wrappers kept in containers or attributes of objects other than nn.Modules).
#pragma once

#include <string>
#include <vector>

#include "interp/value.h"
#include "report/model.h"

namespace gbc::interp {

class VM;

/// A compiled callable found in the globals of the analysed module or of a local module it
/// imported.
struct CompiledTarget {
  enum class Kind {
    Function,  ///< torch.compile(fn) / @torch.compile on a function: call `wrapper`
    Method,    ///< @torch.compile on a method of a class: call it on an instance of `cls`
    Module,    ///< torch.compile(module) / module.compile(): call `instance`
  };
  Kind kind = Kind::Function;
  std::string name;  ///< what diagnostics call it: "normalize", "Block.forward", "model"
  Value wrapper;  ///< the torch.compile wrapper (a BuiltinObject with id "torch.compile_wrapper")
  std::shared_ptr<FunctionObject> fn;  ///< the Python function whose signature is synthesized
  int skip = 0;                        ///< leading parameters the call supplies itself (self)
  ClassPtr cls;  ///< Kind::Method: the class whose attribute `method` is compiled
  std::string method;
  Value instance;  ///< Kind::Module: the module; Kind::Method: an existing instance, if any
  const void* code_key = nullptr;   ///< Dynamo's code-cache key of the compiled frame
  const void* dedup_key = nullptr;  ///< one analysis per key
};

/// Every compiled callable reachable from `main_globals` and from the globals of the local
/// modules the VM loaded (the analysed tree), each once, in definition order (the analysed
/// file first, then local modules by path). Includes the ones that were called.
std::vector<CompiledTarget> findCompiledTargets(VM& vm, const DictPtr& main_globals);

/// Runs static mode: every target Dynamo was never offered is called with synthesized inputs;
/// its graph breaks and Unsupported errors are marked `may`, graphs it compiles are dropped, and
/// notes say what was analysed, skipped, or stopped by an exception. Call after the module body
/// ran and before Dynamo::finish(). Returns how many targets were analysed.
int runStaticMode(VM& vm, const DictPtr& main_globals, report::FileReport& report);

}  // namespace gbc::interp
