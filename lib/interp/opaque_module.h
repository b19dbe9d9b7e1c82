// Compiled extension modules (`.so`/`.pyd`) of the user's packages: gbc cannot execute them, so an
// import gives an opaque stand-in. Attribute access gives more opaque values (so `import ext`,
// `from ext import X` and `X.attr` work); a use whose result matters — a call, a truth test,
// arithmetic, comparison, iteration, indexing, str/repr, hashing, a with-block — stops the run
// with GbcUnsupported naming the module and its file ("calling `safetensors._rust.safe_open` of
// the compiled extension module `safetensors._rust` (/path/_rust.abi3.so)").
//
// Not here: subclassing an opaque value fails in __build_class__ ("class base that is not a
// class", GbcUnsupported), and the Dynamo simulation decides what an opaque value reaching traced
// code means (isOpaqueExtensionValue).
#pragma once

#include <string>

#include "interp/vm.h"

namespace gbc::interp {

/// The module object of the extension module `name` found at `path`.
Value makeOpaqueExtensionModule(VM& vm, const std::string& name, const std::string& path);

/// Whether `v` is an opaque value of an extension module (not the module object itself).
bool isOpaqueExtensionValue(const Value& v);

/// Stops the run: `v` (an opaque value) was used where its result matters, as `what` says
/// ("calling", "the truth value of", ...).
[[noreturn]] void opaqueExtensionUse(VM& vm, const Value& v, const std::string& what);

}  // namespace gbc::interp
