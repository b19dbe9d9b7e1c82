// The VM object: construction (builtins, torch), modules and imports.
#include "interp/vm.h"

#include <cmath>

#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "syntax/parser.h"

namespace gbc::interp {

void installBuiltinClasses(VM& vm);
void installStance(VM& vm);
void installGradMode(VM& vm);

VM::VM(const TargetProfile& target, bool run_mode)
    : target_(target), run_mode_(run_mode), dynamo_(std::make_unique<Dynamo>(*this)), builtins_(std::make_unique<Builtins>()),
      builtins_dict_(newDict()) {
  installBuiltinClasses(*this);
  installStdlibModules(*this);
  installTorch(*this);
  installStance(*this);
  installGradMode(*this);
}

VM::~VM() = default;

void VM::registerModule(const std::string& name, Value module) { modules_[name] = std::move(module); }

Value VM::findModule(const std::string& name) {
  auto it = modules_.find(name);
  return it == modules_.end() ? nullptr : it->second;
}

Value VM::importModule(const std::string& dotted, const DictPtr& globals, int level) {
  (void)globals;
  if (level > 0) unsupported("relative import of '" + dotted + "'");
  if (Value m = findModule(dotted)) return m;
  raise(b().module_not_found_error, "No module named '" + dotted + "'");
}

Value VM::execModule(const std::shared_ptr<CodeObject>& code, const std::string& name, DictPtr globals) {
  globals->setStr("__name__", pyStr(name));
  globals->setStr("__builtins__", builtins_dict_);
  auto f = std::make_shared<Frame>();
  f->code = code;
  f->name = code->name;
  f->globals = globals;
  f->fast.assign(code->varnames.size(), nullptr);
  for (size_t i = 0; i < code->cellvars.size(); ++i) f->cells.push_back(std::make_shared<CellObject>());
  f->code_key = code.get();
  return eval(*f);
}

void loadPrelude(VM& vm, const std::string& name, const std::string& filename, const std::string& source) {
  auto parsed = syntax::parseModule(filename, source);
  GBC_CHECK(parsed.has_value(), "the prelude parses");
  auto code = compileModule(*parsed, filename);
  GBC_CHECK(code.has_value(), "the prelude compiles");
  auto m = std::make_shared<ModuleObject>(name);
  vm.registerModule(name, m);
  size_t dot = name.rfind('.');
  if (dot != std::string::npos) {
    if (Value parent = vm.findModule(name.substr(0, dot))) as<ModuleObject>(parent).dict->setStr(name.substr(dot + 1), m);
  }
  vm.sources[filename] = std::make_shared<const std::string>(source);
  vm.execModule(*code, name, m->dict);
}

}  // namespace gbc::interp
