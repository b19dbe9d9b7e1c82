// The _tokenize module: CPython's C tokenizer behind tokenize.py (TokenizerIter). tokenize.py
// imports it at the top, and linecache, traceback, inspect, dataclasses and logging import
// tokenize; they only tokenize when asked to (inspect.getsource, a traceback's source lines
// through linecache do not). So the module exists and importing it works; tokenizing with it is a
// located gap of gbc's until the iterator is implemented over gbc's own scanner.
#include "interp/native_modules.h"
#include "interp/native_type.h"

namespace gbc::interp {

Value makeTokenizeModule(VM& vm) {
  Value m = newNativeModule("_tokenize");
  ClassPtr iter = makeNativeType(vm, "_tokenize", "TokenizerIter");
  // TokenizerIter(readline, *, extra_tokens, encoding=None)
  auto make = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported(
        "`_tokenize.TokenizerIter` (CPython's C tokenizer: tokenize.generate_tokens, "
        "tokenize.tokenize)");
  });
  make->qualname = "TokenizerIter.__new__";
  make->id = "_tokenize.TokenizerIter.__new__";
  iter->dict->setStr("__new__", std::make_shared<StaticMethodObject>(make));
  as<ModuleObject>(m).dict->setStr("TokenizerIter", iter);
  return m;
}

}  // namespace gbc::interp
