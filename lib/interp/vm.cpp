// The VM object: construction (builtins, the import system, torch), native modules, module
// execution and the preludes (the Python parts of gbc's models).
#include "interp/vm.h"

#include <cstdio>

#include "interp/code_image.h"
#include "interp/cpython_names.h"
#include "interp/dynamo.h"
#include "interp/eval_ext.h"
#include "interp/import_internal.h"
#include "interp/importer.h"
#include "interp/torch_model.h"
#include "interp/vfs.h"
#include "syntax/parser.h"

namespace gbc::interp {

void installBuiltinClasses(VM& vm);
void installStance(VM& vm);
void installGradMode(VM& vm);

VM::VM(const TargetProfile& target, bool run_mode)
    : target_(target),
      run_mode_(run_mode),
      dynamo_(std::make_unique<Dynamo>(*this)),
      builtins_(std::make_unique<Builtins>()),
      builtins_dict_(newDict()),
      importer_(std::make_unique<Importer>(*this)) {
  setCurrentVM(this);
  installBuiltinClasses(*this);
  installLanguageRuntime(*this);  // eval_ext.h: coroutines, ExceptionGroup, t-strings, exec...
  importer_->install();           // sys, sys.path, importlib's bootstrap
  installStdlibModules(*this);
  installTorch(*this);
  installStance(*this);
  installGradMode(*this);
  // the preludes' own imports: a program starts with the modules CPython starts with
  importer_->forgetStartupImports();
}

VM::~VM() {
  // (open files may outlive the VM: their last flushes must not reach a dead VM's streams)
  if (vfs_) vfs_->out = vfs_->err = nullptr;
  if (currentVM() == this) setCurrentVM(nullptr);
}

void VM::registerModule(const std::string& name, Value module) {
  importer_->registerNative(name, std::move(module));
}

Value VM::findModule(const std::string& name) { return importer_->findLoaded(name); }

bool VM::loadLazyModule(const std::string& name) {
  for (LazyPart& part : lazy_) {
    if (part.loaded) continue;
    for (const std::string& m : part.modules)
      if (name == m || (name.size() > m.size() && name.rfind(m + ".", 0) == 0)) {
        loadLazy(part);
        return true;
      }
  }
  return false;
}

void VM::addLazyPart(std::vector<std::string> modules,
                     std::vector<std::pair<std::string, std::string>> attrs, void (*load)(VM&)) {
  lazy_.push_back({std::move(modules), std::move(attrs), load, false});
}

bool VM::loadLazyAttr(const std::string& module, std::string_view attr) {
  for (LazyPart& part : lazy_) {
    if (part.loaded) continue;
    for (const auto& [m, a] : part.attrs)
      if (m == module && a == attr) {
        loadLazy(part);
        return true;
      }
  }
  return false;
}

void VM::loadLazy(LazyPart& part) {
  part.loaded = true;
  // (untraced, when a compiled frame is the first to reach it)
  dynamo().untraced(*this, [&] {
    part.load(*this);
    return none();
  });
}

Value VM::importModule(const std::string& dotted, const DictPtr& globals, int level) {
  return importer_->importModule(dotted, globals, level);
}

Value VM::execModule(const std::shared_ptr<CodeObject>& code, const std::string& name,
                     DictPtr globals) {
  globals->setStr("__name__", pyStr(name));
  globals->setStr("__builtins__", builtins_dict_);
  return runModuleCode(code, globals);
}

Value VM::runModuleCode(const std::shared_ptr<CodeObject>& code, const DictPtr& globals) {
  if (!globals->getStr("__builtins__")) globals->setStr("__builtins__", builtins_dict_);
  auto f = std::make_shared<Frame>();
  f->code = code;
  f->name = code->name;
  f->globals = globals;
  f->fast.assign(code->varnames.size(), nullptr);
  for (size_t i = 0; i < code->cellvars.size(); ++i)
    f->cells.push_back(std::make_shared<CellObject>());
  f->code_key = code.get();
  return eval(*f);
}

/// The code of a prelude: the build's image of it, else compiled from its source.
static std::shared_ptr<CodeObject> preludeCode(VM& vm, const std::string& filename,
                                               const std::string& source) {
  // The build compiles the preludes once (code_image.h); parsing them is the slow path.
  std::shared_ptr<CodeObject> code = findCodeImage(filename, source, vm.target().python);
  if (code) return code;
  auto parsed = syntax::parseModule(filename, source);
  GBC_CHECK(parsed.has_value(), "the prelude parses");
  auto compiled = compileModule(*parsed, filename, CompileOptions::forPython(vm.target().python));
  GBC_CHECK(compiled.has_value(), "the prelude compiles");
  code = std::move(*compiled);
  if (const PreludeRecorder& record = preludeRecorder())
    record(filename, source, vm.target().python, *code);
  return code;
}

void runPreludeInto(VM& vm, const DictPtr& globals, const std::string& filename,
                    const std::string& source) {
  try {
    vm.runModuleCode(preludeCode(vm, filename, source), globals);
  } catch (PyRaise& e) {
    // a prelude that raises is a bug of gbc's: say where before stopping
    std::fputs((vm.typeOf(e.exc)->name + ": " + vm.exceptionMessage(e.exc) + "\n").c_str(), stderr);
    GBC_CHECK(false, "a prelude runs without an exception");
  }
}

void loadPrelude(VM& vm, const std::string& name, const std::string& filename,
                 const std::string& source) {
  std::shared_ptr<CodeObject> code = preludeCode(vm, filename, source);
  auto m = std::make_shared<ModuleObject>(name);
  vm.registerModule(name, m);
  size_t dot = name.rfind('.');
  if (dot != std::string::npos) {
    if (Value parent = vm.findModule(name.substr(0, dot)))
      as<ModuleObject>(parent).dict->setStr(name.substr(dot + 1), m);
  }
  vm.sources[filename] = std::make_shared<const std::string>(source);
  vm.execModule(code, name, m->dict);
}

}  // namespace gbc::interp
