// The VM object: construction (builtins, torch), modules and imports.
#include "interp/vm.h"

#include <cmath>
#include <cstdio>

#include "interp/code_image.h"
#include "interp/cpython_names.h"
#include "interp/dynamo.h"
#include "interp/native_modules.h"
#include "interp/pylib.h"
#include "interp/torch_model.h"
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
      builtins_dict_(newDict()) {
  setCurrentVM(this);
  installBuiltinClasses(*this);
  installStdlibModules(*this);
  installTorch(*this);
  installStance(*this);
  installGradMode(*this);
}

VM::~VM() {
  if (currentVM() == this) setCurrentVM(nullptr);
}

void VM::registerModule(const std::string& name, Value module) {
  modules_[name] = std::move(module);
}

Value VM::findModule(const std::string& name) {
  auto it = modules_.find(name);
  if (it != modules_.end()) return it->second;
  if (NativeModuleFactory make = findNativeModule(name)) {
    Value m = make(*this);
    registerModule(name, m);
    return m;
  }
  if (Value m = loadPylibModule(*this, name)) return m;
  for (LazyPart& part : lazy_) {
    if (part.loaded) continue;
    for (const std::string& m : part.modules)
      if (name == m || (name.size() > m.size() && name.rfind(m + ".", 0) == 0)) {
        loadLazy(part);
        return findModule(name);
      }
  }
  return nullptr;
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
  std::string name = dotted;
  if (level > 0) {
    Value pkg = globals ? globals->getStr("__package__") : nullptr;
    std::string base = pkg && pkg->kind == Kind::Str ? asStr(pkg) : "";
    if (base.empty())
      raise(b().import_error, "attempted relative import with no known parent package");
    for (int i = 1; i < level; ++i) {
      size_t dot = base.rfind('.');
      if (dot == std::string::npos)
        raise(b().import_error, "attempted relative import beyond top-level package");
      base = base.substr(0, dot);
    }
    name = dotted.empty() ? base : base + "." + dotted;
  }
  if (Value m = findModule(name)) return m;
  // parents first, as Python does
  size_t dot = name.rfind('.');
  if (dot != std::string::npos) importModule(name.substr(0, dot), nullptr, 0);
  if (Value m = findModule(name)) return m;
  if (Value m = loadLocalModule(name)) return m;
  std::string message = "No module named '" + name + "'";
  std::string top = name.substr(0, name.find('.'));
  if (top == "torch" || top == "numpy")  // always gbc's own models: what they lack is a gap
    raiseGap(b().module_not_found_error, std::move(message),
             "`" + name + "` (not in gbc's model of " + top + ")");
  if (isStdlibModule(name.substr(0, name.find('.'))))
    raiseGap(
        b().module_not_found_error, std::move(message),
        "`import " + name + "` (a module of CPython's standard library that gbc does not have)");
  raise(b().module_not_found_error, std::move(message));
}

static bool readFile(const std::string& path, std::string& out) {
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  if (!fp) return false;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) out.append(buf, n);
  std::fclose(fp);
  return true;
}

Value VM::loadLocalModule(const std::string& name) {
  std::string rel = name;
  for (char& c : rel)
    if (c == '.') c = '/';
  for (const std::string& root : module_roots) {
    for (const std::string& candidate :
         {root + "/" + rel + ".py", root + "/" + rel + "/__init__.py"}) {
      std::string source;
      if (!readFile(candidate, source)) continue;
      bool is_package = candidate.size() >= 12 &&
                        candidate.compare(candidate.size() - 12, 12, "/__init__.py") == 0;
      auto parsed = syntax::parseModule(candidate, source);
      if (!parsed)
        raise(b().import_error, "gbc cannot import '" + name + "': " + parsed.error().message);
      auto code = compileModule(*parsed, candidate, CompileOptions::forPython(target().python));
      if (!code)
        raise(b().import_error, "gbc cannot import '" + name + "': " + code.error().message);
      auto m = std::make_shared<ModuleObject>(name);
      registerModule(name, m);
      size_t dot = name.rfind('.');
      if (dot != std::string::npos)
        if (Value parent = findModule(name.substr(0, dot)))
          as<ModuleObject>(parent).dict->setStr(name.substr(dot + 1), m);
      m->dict->setStr("__file__", pyStr(candidate));
      m->dict->setStr(
          "__package__",
          pyStr(is_package ? name : (dot == std::string::npos ? "" : name.substr(0, dot))));
      sources[candidate] = std::make_shared<const std::string>(source);
      try {
        execModule(*code, name, m->dict);
      } catch (...) {
        modules_.erase(name);
        throw;
      }
      return m;
    }
  }
  return nullptr;
}

Value VM::execModule(const std::shared_ptr<CodeObject>& code, const std::string& name,
                     DictPtr globals) {
  globals->setStr("__name__", pyStr(name));
  globals->setStr("__builtins__", builtins_dict_);
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

void loadPrelude(VM& vm, const std::string& name, const std::string& filename,
                 const std::string& source) {
  // The build compiles the preludes once (code_image.h); parsing them is the slow path.
  std::shared_ptr<CodeObject> code = findCodeImage(filename, source, vm.target().python);
  if (!code) {
    auto parsed = syntax::parseModule(filename, source);
    GBC_CHECK(parsed.has_value(), "the prelude parses");
    auto compiled = compileModule(*parsed, filename, CompileOptions::forPython(vm.target().python));
    GBC_CHECK(compiled.has_value(), "the prelude compiles");
    code = std::move(*compiled);
    if (const PreludeRecorder& record = preludeRecorder())
      record(filename, source, vm.target().python, *code);
  }
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
