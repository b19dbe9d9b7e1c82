// Small models of standard-library modules programs commonly import (random,
// functools, warnings, logging, copy, os): enough to execute them; their graph-break
// behaviour lives in the cause table.
#include <cmath>

#include "interp/dynamo.h"
#include "interp/stdlib_io.h"
#include "interp/vm.h"

namespace gbc::interp {

static Value newModule(VM& vm, const std::string& name) {
  auto m = std::make_shared<ModuleObject>(name);
  m->dict->setStr("__name__", pyStr(name));
  vm.registerModule(name, m);
  return m;
}

static void fn(const Value& m, const std::string& name, NativeFn f) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(f));
  b->id = as<ModuleObject>(m).name + "." + name;
  as<ModuleObject>(m).dict->setStr(name, b);
}

void installStdlibModules(VM& vm) {
  Value functools = newModule(vm, "functools");
  fn(functools, "wraps", [](VM&, CallArgs& a) -> Value {
    Value wrapped = a.args.at(0);
    return std::make_shared<BuiltinObject>("wraps", [wrapped](VM& vm, CallArgs& b) -> Value {
      Value w = b.args.at(0);
      if (w->kind == Kind::Function) {
        auto& fo = as<FunctionObject>(w);
        if (Value n = vm.getAttrOrNull(wrapped, "__name__")) fo.name = vm.str(n);
        if (Value q = vm.getAttrOrNull(wrapped, "__qualname__")) fo.qualname = vm.str(q);
        if (Value m = vm.getAttrOrNull(wrapped, "__module__"); m && m->kind == Kind::Str)
          fo.module_name = m;
        if (!fo.attrs) fo.attrs = newDict();
        // WRAPPER_UPDATES: the wrapper's __dict__ takes the wrapped function's (gbc's own
        // markers, such as a torch.compiler.disable, stay with the function they mark)
        if (wrapped->kind == Kind::Function && as<FunctionObject>(wrapped).attrs)
          as<FunctionObject>(wrapped).attrs->forEach([&](const Value& k, const Value& v) {
            if (k->kind != Kind::Str || asStr(k).rfind("__gbc", 0) != 0) fo.attrs->set(k, v);
          });
        fo.attrs->setStr("__wrapped__", wrapped);
      }
      return w;
    });
  });
  // (until functools.py is imported from the standard library: _functools's partial and reduce)
  for (const char* name : {"partial", "reduce"})
    as<ModuleObject>(functools).dict->setStr(
        name, as<ModuleObject>(vm.findModule("_functools")).dict->getStr(name));
  Value warnings = newModule(vm, "warnings");
  fn(warnings, "warn", [](VM&, CallArgs&) -> Value { return none(); });
  fn(warnings, "filterwarnings", [](VM&, CallArgs&) -> Value { return none(); });
  fn(warnings, "simplefilter", [](VM&, CallArgs&) -> Value { return none(); });
  Value typing = newModule(vm, "typing");
  for (const char* n : {"Any", "Optional", "List", "Dict", "Tuple", "Callable", "Union"})
    as<ModuleObject>(typing).dict->setStr(n, vm.b().object);
  installStdlibIo(vm);
}

}  // namespace gbc::interp
