// The import algorithm (importer.h): CPython's PyImport_ImportModuleLevelObject, _find_and_load,
// _load_unlocked, _handle_fromlist, IMPORT_FROM and IMPORT_STAR, with their messages. The finders
// are in import_finders.cpp, the Python-visible objects in import_bootstrap.cpp.
#include "interp/importer.h"

#include <cstdio>

#include "interp/cpython_names.h"
#include "interp/import_internal.h"
#include "interp/importer_names.h"
#include "interp/mod_sys.h"
#include "interp/native_modules.h"
#include "interp/pylib.h"
#include "interp/stdlib_io.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

// Stand-ins for FrozenImporter and PathFinder in the default finder order while sys.meta_path
// is not made yet (their classes are Python, loaded on first use)
const Value kFrozenImporterSlot = std::make_shared<Object>(Kind::None);
const Value kPathFinderSlot = std::make_shared<Object>(Kind::None);

}  // namespace

Importer::Importer(VM& vm) : vm_(vm), modules_(newDict()), classes_(std::make_unique<Classes>()) {}

Importer::~Importer() = default;

void Importer::install() {
  stdlib_shown_ = stdlibPrefix(vm_.target());
  stdlib_real_ = findStdlibBundle(std::string(vm_.target().python));
  path_ = pyList({});
  meta_path_ = pyList({});
  path_hooks_ = pyList({});
  path_importer_cache_ = newDict();
  setSearchPath({});
  try {
    installSys(vm_, *this);
    installImportBootstrap(vm_, *this);
  } catch (PyRaise& e) {
    // the bootstrap failing is a bug of gbc's: say where before stopping
    std::fputs((vm_.typeOf(e.exc)->name + ": " + vm_.exceptionMessage(e.exc) + "\n").c_str(),
               stderr);
    GBC_CHECK(false, "the import system's bootstrap runs without an exception");
  }
}

void Importer::forgetStartupImports() {
  starting_ = false;
  auto kept = newDict();
  for (const char* name :
       {"sys", "builtins", "_imp", "_frozen_importlib", "_frozen_importlib_external"})
    if (Value m = modules_->getStr(name)) kept->setStr(name, m);
  modules_->entries.clear();
  modules_->index.clear();
  modules_->live = 0;
  kept->forEach([&](const Value& k, const Value& v) { modules_->set(k, v); });
}

// ---- native modules

void Importer::registerNative(const std::string& name, Value module) {
  native_[name] = std::move(module);
}

Value Importer::findLoaded(const std::string& name) {
  if (Value m = modules_->getStr(name); m && !isNone(m)) return m;
  return nativeModule(name);
}

Value Importer::nativeModule(const std::string& name) {
  if (auto it = native_.find(name); it != native_.end()) return it->second;
  // a C module of CPython gbc implements (native_modules.h), built on its first import; one of
  // gbc's Python versions of C modules (pylib.h); a lazy part of the torch model
  if (NativeModuleFactory make = findNativeModule(name)) {
    Value m = make(vm_);
    registerNative(name, m);
    return m;
  }
  if (Value m = loadPylibModule(vm_, name)) return m;
  if (vm_.loadLazyModule(name))
    if (auto it = native_.find(name); it != native_.end()) return it->second;
  return nullptr;
}

bool Importer::isBuiltin(const std::string& name) {
  if (isStandIn(name) && !standInActive(name)) return false;
  return nativeModule(name) != nullptr;
}

// ---- the import statement

Value Importer::importName(const std::string& name, const DictPtr& globals, const Value& fromlist,
                           int level) {
  Value import = vm_.builtinsDict()->getStr("__import__");
  if (!import) vm_.raise(vm_.b().import_error, "__import__ not found");
  if (import == classes_->dunder_import) return importModuleLevel(name, globals, fromlist, level);
  Value g = globals ? Value(globals) : none();
  return vm_.call(import, std::vector<Value>{pyStr(name), g, none(), fromlist, pyInt(level)});
}

Value Importer::importModuleLevel(const std::string& name, const DictPtr& globals,
                                  const Value& fromlist, int level) {
  if (starting_ && level == 0)
    if (Value m = nativeModule(name)) {
      // a prelude's import while the VM is built: `import a.b` binds a, `from a.b import x` a.b
      bool has_from = fromlist && !isNone(fromlist) && vm_.truthy(fromlist);
      size_t dot = name.find('.');
      if (has_from || dot == std::string::npos) return m;
      if (Value top = nativeModule(name.substr(0, dot))) return top;
    }
  if (level < 0) vm_.raise(vm_.b().value_error, "level must be >= 0");
  std::string abs_name;
  if (level > 0) {
    abs_name = resolveName(name, globals, level);
  } else {
    if (name.empty()) vm_.raise(vm_.b().value_error, "Empty module name");
    abs_name = name;
  }
  Value mod = modules_->getStr(abs_name);
  if (!mod || isNone(mod)) mod = findAndLoad(abs_name);
  bool has_from = fromlist && !isNone(fromlist) && vm_.truthy(fromlist);
  if (!has_from) {
    if (level != 0 && name.empty()) return mod;
    size_t dot = name.find('.');
    if (dot == std::string::npos) return mod;
    if (level == 0) return importModuleLevel(name.substr(0, dot), nullptr, none(), 0);
    size_t cut_off = name.size() - dot;
    std::string to_return = abs_name.substr(0, abs_name.size() - cut_off);
    Value m = modules_->getStr(to_return);
    if (!m) vm_.raise(vm_.b().key_error, pyRepr(to_return) + " not in sys.modules as expected");
    return m;
  }
  if (dunderAttr(vm_, mod, "__path__")) return handleFromlist(mod, fromlist, false);
  return mod;
}

std::string Importer::resolveName(const std::string& name, const DictPtr& globals, int level) {
  // (import.c, resolve_name)
  if (!globals) vm_.raise(vm_.b().key_error, "'__name__' not in globals");
  std::string package;
  Value pkg = globals->getStr("__package__");
  Value spec = globals->getStr("__spec__");
  if (pkg && !isNone(pkg)) {
    if (pkg->kind != Kind::Str) vm_.raise(vm_.b().type_error, "package must be a string");
    package = asStr(pkg);
  } else if (spec && !isNone(spec)) {
    Value parent = specField(spec, "parent");
    if (parent->kind != Kind::Str)
      vm_.raise(vm_.b().type_error, "__spec__.parent must be a string");
    package = asStr(parent);
  } else {
    Value mod_name = globals->getStr("__name__");
    if (!mod_name) vm_.raise(vm_.b().key_error, "'__name__' not in globals");
    if (mod_name->kind != Kind::Str) vm_.raise(vm_.b().type_error, "__name__ must be a string");
    package = asStr(mod_name);
    if (!globals->getStr("__path__")) {
      size_t dot = package.rfind('.');
      package = dot == std::string::npos ? std::string() : package.substr(0, dot);
    }
  }
  if (package.empty())
    vm_.raise(vm_.b().import_error, "attempted relative import with no known parent package");
  size_t last_dot = package.size();
  for (int up = 1; up < level; ++up) {
    size_t dot = last_dot == 0 ? std::string::npos : package.rfind('.', last_dot - 1);
    if (dot == std::string::npos)
      vm_.raise(vm_.b().import_error, "attempted relative import beyond top-level package");
    last_dot = dot;
  }
  std::string base = package.substr(0, last_dot);
  return name.empty() ? base : base + "." + name;
}

Value Importer::importModule(const std::string& name, const DictPtr& globals, int level) {
  if (level == 0) return gcdImport(name, "", 0);
  return findAndLoad(resolveName(name, globals, level));
}

Value Importer::gcdImport(const std::string& name, const std::string& package, int level) {
  // (_bootstrap._sanity_check, _resolve_name)
  if (level < 0) vm_.raise(vm_.b().value_error, "level must be >= 0");
  if (level > 0 && package.empty())
    vm_.raise(vm_.b().import_error, "attempted relative import with no known parent package");
  if (name.empty() && level == 0) vm_.raise(vm_.b().value_error, "Empty module name");
  std::string abs_name = name;
  if (level > 0) {
    // package.rsplit('.', level - 1) must give `level` parts
    std::string base = package;
    for (int up = 1; up < level; ++up) {
      size_t dot = base.rfind('.');
      if (dot == std::string::npos)
        vm_.raise(vm_.b().import_error, "attempted relative import beyond top-level package");
      base.resize(dot);
    }
    abs_name = name.empty() ? base : base + "." + name;
  }
  return findAndLoad(abs_name);
}

Value Importer::findAndLoad(const std::string& name) {
  Value module = modules_->getStr(name);
  if (!module) return findAndLoadUnlocked(name);
  // (one thread: a module being initialised is returned as it is, like CPython does to the
  // thread that initialises it)
  if (isNone(module))
    raiseImportError(vm_, vm_.b().module_not_found_error,
                     "import of " + name + " halted; None in sys.modules", pyStr(name), none());
  return module;
}

Value Importer::findAndLoadUnlocked(const std::string& name) {
  Value path = none();
  Value parent_spec;
  size_t dot = name.rfind('.');
  std::string parent = dot == std::string::npos ? std::string() : name.substr(0, dot);
  std::string child = dot == std::string::npos ? name : name.substr(dot + 1);
  Value spec;
  if (const char* model = modelledPackage(name); model && !isBuiltin(name))
    // torch and numpy are gbc's own models, never found on sys.path
    raiseMissingGap(name, "`" + name + "` (not in gbc's model of " + model + ")");
  if (!parent.empty() && isBuiltin(name)) {
    // gbc's native submodules (torch.nn, the os.path stand-in): their parents as far as gbc has
    // them natively, no __path__ needed (the native tree has gaps, e.g. torch.nn.modules)
    if (!modules_->getStr(parent) && isBuiltin(parent)) gcdImport(parent, "", 0);
    if (Value m = modules_->getStr(name); m && !isNone(m)) return m;
    spec = nativeSpec(name);
    Value module = loadUnlocked(spec);
    if (modules_->getStr(parent)) setParentAttribute(name, module);
    return module;
  }
  if (!parent.empty()) {
    if (!modules_->getStr(parent)) gcdImport(parent, "", 0);
    if (Value m = modules_->getStr(name); m && !isNone(m)) return m;
    Value parent_module = modules_->getStr(parent);
    if (!parent_module) vm_.raise(vm_.b().key_error, pyRepr(parent));
    {
      path = dunderAttr(vm_, parent_module, "__path__");
      if (!path)
        raiseImportError(
            vm_, vm_.b().module_not_found_error,
            "No module named " + pyRepr(name) + "; " + pyRepr(parent) + " is not a package",
            pyStr(name), none());
      if (vm_.target().python != "3.12") parent_spec = dunderAttr(vm_, parent_module, "__spec__");
      if (Value m = modules_->getStr(name); m && !isNone(m)) return m;
    }
  }
  if (!spec) spec = findSpec(name, path);
  if (isNone(spec)) raiseMissing(name);
  Value pending;
  if (parent_spec && !isNone(parent_spec))
    if ((pending = vm_.getAttrOrNull(parent_spec, "_uninitialized_submodules")) &&
        pending->kind == Kind::List)
      as<ListObject>(pending).items.push_back(pyStr(child));
  Value module;
  try {
    module = loadUnlocked(spec);
  } catch (...) {
    if (pending && pending->kind == Kind::List && !as<ListObject>(pending).items.empty())
      as<ListObject>(pending).items.pop_back();
    throw;
  }
  if (pending && pending->kind == Kind::List && !as<ListObject>(pending).items.empty())
    as<ListObject>(pending).items.pop_back();
  if (!parent.empty()) setParentAttribute(name, module);
  if (!pending_notes_.empty()) noteEnvironmentUse(spec);
  return module;
}

void Importer::noteEnvironmentUse(const Value& spec) {
  Value origin = vm_.getAttrOrNull(spec, "origin");
  if (!origin || origin->kind != Kind::Str) return;
  const std::string& file = asStr(origin);
  bool from_site = false;
  for (const std::string& dir : site_packages_)
    if (file.rfind(dir + "/", 0) == 0) from_site = true;
  if (!from_site) return;
  // located at the user's import: the innermost frame outside the environment and the stdlib
  Frame* at = vm_.top();
  while (at && at->back && !vm_.isUserFile(at->code->filename)) at = at->back;
  for (const std::string& message : pending_notes_)
    notes_.push_back(
        {at ? at->code->filename : std::string(), at ? at->curPos().line : 0, message});
  pending_notes_.clear();
}

void Importer::setParentAttribute(const std::string& name, const Value& module) {
  size_t dot = name.rfind('.');
  std::string parent = name.substr(0, dot);
  Value parent_module = modules_->getStr(parent);
  if (!parent_module) vm_.raise(vm_.b().key_error, pyRepr(parent));
  try {
    vm_.setAttr(parent_module, name.substr(dot + 1), module);
  } catch (PyRaise& e) {
    // CPython warns (ImportWarning, ignored by default) and goes on
    if (!vm_.isInstance(e.exc, vm_.b().attribute_error.get())) throw;
  }
}

Value Importer::findSpec(const std::string& name, const Value& path) {
  Value meta = sysModule("meta_path");
  if (meta && isNone(meta))
    vm_.raise(vm_.b().import_error, "sys.meta_path is None, Python is likely shutting down");
  bool is_reload = modules_->getStr(name) != nullptr;
  // (sys.meta_path not made yet: CPython's default finders)
  std::vector<Value> finders =
      meta ? vm_.toVector(meta)
           : std::vector<Value>{classes_->builtin_importer, kFrozenImporterSlot, kPathFinderSlot};
  for (const Value& finder : finders) {
    Value spec;
    if (finder == classes_->builtin_importer) {
      checkUnimplementedBuiltin(name);
      // (a stand-in is found at the standard library's place on sys.path: pathFindSpec)
      if (!isStandIn(name)) spec = nativeSpec(name);
    } else if (finder == kFrozenImporterSlot ||
               (classes_->frozen_importer && finder == classes_->frozen_importer)) {
      spec = frozenSpec(name);
    } else if (finder == kPathFinderSlot ||
               (classes_->path_finder && finder == classes_->path_finder)) {
      spec = pathFindSpec(name, path);
    } else {
      Value find_spec = vm_.getAttrOrNull(finder, "find_spec");
      if (!find_spec) continue;
      spec = vm_.call(find_spec, std::vector<Value>{pyStr(name), path, none()});
    }
    if (!spec || isNone(spec)) continue;
    if (!is_reload)
      if (Value module = modules_->getStr(name)) {
        // the parent's import imported it meanwhile
        Value own = dunderAttr(vm_, module, "__spec__");
        return own && !isNone(own) ? own : spec;
      }
    return spec;
  }
  return none();
}

Value Importer::loadUnlocked(const Value& spec) {
  std::string name = vm_.str(vm_.getAttr(spec, "name"));
  Value loader = vm_.getAttr(spec, "loader");
  if (!isNone(loader) && !vm_.getAttrOrNull(loader, "exec_module")) {
    // a loader of the old protocol: load_module puts the module in sys.modules itself
    try {
      vm_.callMethod(loader, "load_module", {pyStr(name)});
    } catch (...) {
      if (Value m = modules_->getStr(name)) {
        modules_->erase(pyStr(name));
        modules_->setStr(name, m);
      }
      throw;
    }
    Value module = modules_->getStr(name);
    if (!module) vm_.raise(vm_.b().key_error, pyRepr(name));
    modules_->erase(pyStr(name));
    modules_->setStr(name, module);
    if (!nonNoneAttr(vm_, module, "__loader__")) setAttrQuietly(vm_, module, "__loader__", loader);
    if (!nonNoneAttr(vm_, module, "__package__")) {
      bool package = dunderAttr(vm_, module, "__path__") != nullptr;
      size_t dot = name.rfind('.');
      std::string parent = dot == std::string::npos ? std::string() : name.substr(0, dot);
      setAttrQuietly(vm_, module, "__package__", pyStr(package ? name : parent));
    }
    if (!nonNoneAttr(vm_, module, "__spec__")) setAttrQuietly(vm_, module, "__spec__", spec);
    return module;
  }
  Value module = moduleFromSpec(spec);
  vm_.setAttr(spec, "_initializing", pyBool(true));
  modules_->setStr(name, module);
  try {
    if (isNone(loader)) {
      Value locations = vm_.getAttrOrNull(spec, "submodule_search_locations");
      if (!locations || isNone(locations))
        raiseImportError(vm_, vm_.b().import_error, "missing loader", pyStr(name), none());
    } else {
      execLoader(loader, module);
    }
  } catch (...) {
    modules_->erase(pyStr(name));
    vm_.setAttr(spec, "_initializing", pyBool(false));
    throw;
  }
  // the module may have replaced itself in sys.modules: that entry is what import returns
  Value result = modules_->getStr(name);
  vm_.setAttr(spec, "_initializing", pyBool(false));
  if (!result) vm_.raise(vm_.b().key_error, pyRepr(name));
  modules_->erase(pyStr(name));
  modules_->setStr(name, result);
  ++stats_.executed;
  return result;
}

Value Importer::handleFromlist(const Value& module, const Value& fromlist, bool recursive) {
  for (const Value& x : vm_.toVector(fromlist)) {
    if (x->kind != Kind::Str) {
      std::string where = recursive ? vm_.str(vm_.getAttr(module, "__name__")) + ".__all__"
                                    : std::string("``from list''");
      vm_.raise(vm_.b().type_error,
                "Item in " + where + " must be str, not " + vm_.typeOf(x)->name);
    }
    const std::string& item = asStr(x);
    if (item == "*") {
      if (!recursive)
        if (Value all = dunderAttr(vm_, module, "__all__")) handleFromlist(module, all, true);
      continue;
    }
    if (vm_.getAttrOrNull(module, item)) continue;
    std::string from_name = vm_.str(vm_.getAttr(module, "__name__")) + "." + item;
    try {
      gcdImport(from_name, "", 0);
    } catch (PyRaise& e) {
      // a missing submodule named in the from-list is not an error of the import
      if (vm_.isInstance(e.exc, vm_.b().module_not_found_error.get())) {
        Value exc_name = as<InstanceObject>(e.exc).dict->getStr("name");
        Value entry = modules_->getStr(from_name);
        if (exc_name && exc_name->kind == Kind::Str && asStr(exc_name) == from_name &&
            !(entry && isNone(entry)))
          continue;
      }
      throw;
    }
  }
  return module;
}

// ---- from-import

Value Importer::importFrom(const Value& module, const std::string& name) {
  if (Value v = vm_.getAttrOrNull(module, name)) return v;
  // a circular relative import: the submodule may be in sys.modules but not yet an attribute
  Value mod_name = dunderAttr(vm_, module, "__name__");
  if (mod_name && mod_name->kind != Kind::Str) mod_name = nullptr;
  if (mod_name)
    if (Value v = modules_->getStr(asStr(mod_name) + "." + name)) return v;
  std::string named = mod_name ? pyRepr(asStr(mod_name)) : pyRepr("<unknown module name>");
  std::string what = "cannot import name " + pyRepr(name) + " from ";
  Value spec = dunderAttr(vm_, module, "__spec__");
  Value origin;
  std::string message;
  if (vm_.target().python == "3.12") {
    // 3.12: the module's __file__ decides
    origin =
        module->kind == Kind::Module ? as<ModuleObject>(module).dict->getStr("__file__") : nullptr;
    if (!origin || origin->kind != Kind::Str) {
      origin = nullptr;
      message = what + named + " (unknown location)";
    } else if (specInitializing(vm_, spec)) {
      message = what + "partially initialized module " + named +
                " (most likely due to a circular import) (" + asStr(origin) + ")";
    } else {
      message = what + named + " (" + asStr(origin) + ")";
    }
  } else if (!spec) {
    message = what + named + " (unknown location)";
  } else {
    origin = specFileOrigin(vm_, spec);
    bool shadowing = origin && isPossiblyShadowing(vm_, asStr(origin));
    bool shadowing_stdlib = shadowing && mod_name &&
                            cpythonModules(vm_.target().python).stdlib.contains(asStr(mod_name));
    if (!origin && module->kind == Kind::Module) {
      origin = as<ModuleObject>(module).dict->getStr("__file__");
      if (origin && origin->kind != Kind::Str) origin = nullptr;
    }
    if (shadowing_stdlib) {
      message = what + named + " (consider renaming " + pyRepr(asStr(origin)) +
                " since it has the same name as the standard library module named " + named +
                " and prevents importing that standard library module)";
    } else if (specInitializing(vm_, spec)) {
      if (shadowing)
        message = what + named + " (consider renaming " + pyRepr(asStr(origin)) +
                  " if it has the same name as a library you intended to import)";
      else if (origin)
        message = what + "partially initialized module " + named +
                  " (most likely due to a circular import) (" + asStr(origin) + ")";
      else
        message = what + "partially initialized module " + named +
                  " (most likely due to a circular import)";
    } else if (origin) {
      message = what + named + " (" + asStr(origin) + ")";
    } else {
      message = what + named + " (unknown location)";
    }
  }
  // a name CPython's module has and gbc's (a stand-in, a native module, the bundled source as gbc
  // ran it) lacks is a gap of gbc's, unless the module is the user's own file
  bool gap = mod_name && cpythonModuleHas(asStr(mod_name), name) &&
             !(origin && origin->kind == Kind::Str && vm_.isUserFile(asStr(origin)));
  std::string missing = mod_name ? "`" + asStr(mod_name) + "." + name + "`" : "";
  // torch and numpy are gbc's models: a name they lack is one gbc has not modelled
  if (const char* model = mod_name ? modelledPackage(asStr(mod_name)) : nullptr) {
    gap = true;
    missing += std::string(" (not in gbc's model of ") + model + ")";
  }
  try {
    raiseImportError(vm_, vm_.b().import_error, message, mod_name ? mod_name : none(),
                     origin ? origin : none(), pyStr(name));
  } catch (PyRaise& e) {
    if (gap && e.exc->kind == Kind::Instance)
      as<InstanceObject>(e.exc).gap = std::make_shared<const std::string>(missing);
    throw;
  }
}

void Importer::importStar(const Value& module, const DictPtr& into) {
  Value all = dunderAttr(vm_, module, "__all__");
  bool skip_private = false;
  std::vector<Value> names;
  if (all) {
    names = vm_.toVector(all);
  } else {
    Value dict = dunderAttr(vm_, module, "__dict__");
    if (!dict)
      vm_.raise(vm_.b().import_error, "from-import-* object has no __dict__ and no __all__");
    names = vm_.toVector(dict);
    skip_private = true;
  }
  for (const Value& name : names) {
    if (name->kind != Kind::Str) {
      Value mod_name = vm_.getAttr(module, "__name__");
      vm_.raise(vm_.b().type_error, std::string(skip_private ? "Key" : "Item") + " in " +
                                        vm_.str(mod_name) +
                                        (skip_private ? ".__dict__" : ".__all__") +
                                        " must be str, not " + vm_.typeOf(name)->name);
    }
    if (skip_private && !asStr(name).empty() && asStr(name)[0] == '_') continue;
    into->set(name, vm_.getAttr(module, asStr(name)));
  }
}

// ---- what a missing module is

void Importer::checkUnimplementedBuiltin(const std::string& name) {
  const CPythonModules& names = cpythonModules(vm_.target().python);
  if (names.builtin.contains(name) && !isBuiltin(name))
    raiseMissingGap(name, "the C module `" + name + "` of CPython, which gbc does not implement");
}

void Importer::raiseMissingGap(const std::string& name, std::string what) {
  Value exc = vm_.makeException(vm_.b().module_not_found_error, "No module named " + pyRepr(name));
  DictPtr d = as<InstanceObject>(exc).dict;
  d->setStr("msg", pyStr("No module named " + pyRepr(name)));
  d->setStr("name", pyStr(name));
  d->setStr("path", none());
  d->setStr("name_from", none());
  // a gap of gbc (VM::raiseGap): the program may catch it; uncaught, it is "gbc cannot model"
  as<InstanceObject>(exc).gap = std::make_shared<const std::string>(std::move(what));
  vm_.raiseValue(exc);
}

void Importer::raiseMissing(const std::string& name) {
  const CPythonModules& names = cpythonModules(vm_.target().python);
  std::string top = name.substr(0, name.find('.'));
  if (!names.other_platforms.contains(top)) {
    if (names.c_modules.contains(name))
      raiseMissingGap(name, "the C module `" + name + "` of CPython, which gbc does not implement");
    if (top == name && names.stdlib.contains(name))
      raiseMissingGap(name, "the standard-library module `" + name + "` of Python " +
                                std::string(vm_.target().python) +
                                ", which gbc's bundle of the standard library does not include");
  }
  raiseImportError(vm_, vm_.b().module_not_found_error, "No module named " + pyRepr(name),
                   pyStr(name), none());
}

Value Importer::sysModule(const std::string& name) const {
  auto it = native_.find("sys");
  if (it == native_.end()) return nullptr;
  return as<ModuleObject>(it->second).dict->getStr(name);
}

}  // namespace gbc::interp
