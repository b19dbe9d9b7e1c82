// Creating and running modules (importer.h): module_from_spec, _init_module_attrs, and the
// loaders gbc runs natively — source files (compiled once, then read from the on-disk code cache),
// the standard library's frozen modules, gbc's native modules and compiled extension modules
// (opaque stand-ins, opaque_module.h).
#include <sys/stat.h>

#include <cstdio>

#include "interp/code_cache.h"
#include "interp/import_internal.h"
#include "interp/importer_names.h"
#include "interp/opaque_module.h"
#include "syntax/parser.h"

namespace gbc::interp {

namespace {

bool readText(const std::string& path, std::string& out) {
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  if (!fp) return false;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) out.append(buf, n);
  bool ok = !std::ferror(fp);
  std::fclose(fp);
  return ok;
}

Value newModuleObject(const std::string& name) {
  auto m = std::make_shared<ModuleObject>(name);
  m->dict->setStr("__name__", pyStr(name));
  m->dict->setStr("__doc__", none());
  m->dict->setStr("__package__", none());
  m->dict->setStr("__loader__", none());
  m->dict->setStr("__spec__", none());
  return m;
}

bool isInstanceOf(const Value& v, const Value& cls) {
  return v->kind == Kind::Instance && as<InstanceObject>(v).cls.get() == cls.get();
}

}  // namespace

// ---- helpers shared by the importer's files (import_internal.h)

std::string pyRepr(const std::string& text) {
  // repr(str) for the names and paths in import messages: single quotes unless the text has a
  // single quote and no double quote
  bool single = text.find('\'') != std::string::npos && text.find('"') == std::string::npos;
  char q = single ? '"' : '\'';
  std::string out(1, q);
  for (char c : text) {
    if (c == q || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + q;
}

void raiseImportError(VM& vm, const ClassPtr& cls, const std::string& message, const Value& name,
                      const Value& path, const Value& name_from) {
  Value exc = vm.makeException(cls, message);
  DictPtr d = as<InstanceObject>(exc).dict;
  d->setStr("msg", pyStr(message));
  d->setStr("name", name ? name : none());
  d->setStr("path", path ? path : none());
  d->setStr("name_from", name_from ? name_from : none());
  vm.raiseValue(exc);
}

Value nonNoneAttr(VM& vm, const Value& obj, std::string_view attr) {
  // (a module's own dict: gbc's native modules answer a missing attribute with more than an
  // AttributeError, e.g. torch's "not in gbc's model")
  Value v = obj->kind == Kind::Module ? as<ModuleObject>(obj).dict->getStr(attr)
                                      : vm.getAttrOrNull(obj, attr);
  return v && !isNone(v) ? v : nullptr;
}

Value dunderAttr(VM& vm, const Value& obj, std::string_view attr) {
  if (obj->kind != Kind::Module) return vm.getAttrOrNull(obj, attr);
  if (attr == "__dict__") return as<ModuleObject>(obj).dict;
  return as<ModuleObject>(obj).dict->getStr(attr);
}

void setAttrQuietly(VM& vm, const Value& obj, std::string_view attr, Value value) {
  try {
    vm.setAttr(obj, attr, std::move(value));
  } catch (PyRaise& e) {
    if (!vm.isInstance(e.exc, vm.b().attribute_error.get())) throw;
  }
}

bool specInitializing(VM& vm, const Value& spec) {
  if (!spec || isNone(spec)) return false;
  Value v = vm.getAttrOrNull(spec, "_initializing");
  return v && vm.truthy(v);
}

Value specFileOrigin(VM& vm, const Value& spec) {
  Value has_location = vm.getAttrOrNull(spec, "has_location");
  if (!has_location || !vm.truthy(has_location)) return nullptr;
  Value origin = vm.getAttrOrNull(spec, "origin");
  return origin && origin->kind == Kind::Str ? origin : nullptr;
}

bool isPossiblyShadowing(VM& vm, const std::string& origin) {
  Value sys = vm.findModule("sys");
  if (!sys) return false;
  DictPtr d = as<ModuleObject>(sys).dict;
  if (Value flags = vm.getAttrOrNull(sys, "flags"))
    if (Value safe = vm.getAttrOrNull(flags, "safe_path"); safe && vm.truthy(safe)) return false;
  std::string root = origin;
  const std::string init = "/__init__.py";
  if (root.size() >= init.size() && root.compare(root.size() - init.size(), init.size(), init) == 0)
    root.resize(root.size() - init.size());
  root = root.substr(0, root.rfind('/') == std::string::npos ? 0 : root.rfind('/'));
  Value path = d->getStr("path");
  if (!path || path->kind != Kind::List || as<ListObject>(path).items.empty()) return false;
  Value first = as<ListObject>(path).items.front();
  if (first->kind != Kind::Str) return false;
  std::string entry = asStr(first);
  if (entry.empty()) {
    char buf[4096];
    entry = ::getcwd(buf, sizeof buf) ? buf : "";
  }
  return root == entry;
}

// ---- module_from_spec and _init_module_attrs

Value Importer::specField(const Value& spec, std::string_view field) {
  // ModuleSpec's properties, computed here for the specs of ModuleSpec itself: the common case
  // runs no Python (and spends none of the program's instruction budget)
  if (spec->kind != Kind::Instance || as<InstanceObject>(spec).cls.get() != classes_->spec.get())
    return vm_.getAttr(spec, field);
  const DictPtr& d = as<InstanceObject>(spec).dict;
  Value name = d->getStr("name"), locations = d->getStr("submodule_search_locations");
  Value fileattr = d->getStr("_set_fileattr"), cached = d->getStr("_cached");
  if (!name || !locations || !fileattr || !cached || name->kind != Kind::Str)
    return vm_.getAttr(spec, field);
  if (field == "parent") {
    if (!isNone(locations)) return name;
    size_t dot = asStr(name).rfind('.');
    return pyStr(dot == std::string::npos ? std::string() : asStr(name).substr(0, dot));
  }
  if (field == "has_location") return pyBool(vm_.truthy(fileattr));
  if (field == "cached" && !isNone(cached)) return cached;
  return vm_.getAttr(spec, field);
}

Value Importer::moduleFromSpec(const Value& spec) {
  std::string name = vm_.str(vm_.getAttr(spec, "name"));
  Value loader = vm_.getAttr(spec, "loader");
  Value module;
  if (loader == classes_->builtin_importer) {
    if (!isBuiltin(name))
      raiseImportError(vm_, vm_.b().import_error, pyRepr(name) + " is not a built-in module",
                       pyStr(name), none());
    module = nativeModule(name);
  } else if (isInstanceOf(loader, classes_->extension_loader)) {
    module = makeOpaqueExtensionModule(vm_, name, vm_.str(vm_.getAttr(loader, "path")));
  } else if (isInstanceOf(loader, classes_->source_loader) ||
             isInstanceOf(loader, classes_->sourceless_loader) ||
             loader == classes_->frozen_importer || isNone(loader)) {
    // default module creation
  } else if (Value create = vm_.getAttrOrNull(loader, "create_module")) {
    module = vm_.call(create, std::vector<Value>{spec});
    if (isNone(module)) module = nullptr;
  } else if (vm_.getAttrOrNull(loader, "exec_module")) {
    vm_.raise(vm_.b().import_error,
              "loaders that define exec_module() must also define create_module()");
  }
  if (!module) module = newModuleObject(name);
  initModuleAttrs(spec, module, false);
  return module;
}

void Importer::initModuleAttrs(const Value& spec, const Value& module, bool override) {
  if (override || !nonNoneAttr(vm_, module, "__name__"))
    setAttrQuietly(vm_, module, "__name__", vm_.getAttr(spec, "name"));
  if (override || !nonNoneAttr(vm_, module, "__loader__")) {
    Value loader = vm_.getAttr(spec, "loader");
    Value locations = vm_.getAttr(spec, "submodule_search_locations");
    if (isNone(loader) && !isNone(locations)) {
      ensureExternal();
      // a namespace package: its loader is a NamespaceLoader made without __init__
      auto ns = std::make_shared<InstanceObject>(
          std::static_pointer_cast<ClassObject>(classes_->namespace_loader));
      ns->dict->setStr("_path", locations);
      loader = ns;
      vm_.setAttr(spec, "loader", loader);
      setAttrQuietly(vm_, module, "__file__", none());
    }
    setAttrQuietly(vm_, module, "__loader__", loader);
  }
  if (override || !nonNoneAttr(vm_, module, "__package__"))
    setAttrQuietly(vm_, module, "__package__", specField(spec, "parent"));
  setAttrQuietly(vm_, module, "__spec__", spec);
  if (override || !nonNoneAttr(vm_, module, "__path__")) {
    Value locations = vm_.getAttr(spec, "submodule_search_locations");
    if (!isNone(locations)) setAttrQuietly(vm_, module, "__path__", locations);
  }
  if (vm_.truthy(specField(spec, "has_location"))) {
    if (override || !nonNoneAttr(vm_, module, "__file__"))
      setAttrQuietly(vm_, module, "__file__", vm_.getAttr(spec, "origin"));
    if (override || !nonNoneAttr(vm_, module, "__cached__")) {
      Value cached = specField(spec, "cached");
      if (!isNone(cached)) setAttrQuietly(vm_, module, "__cached__", cached);
    }
  }
}

// ---- running a module

Value Importer::execLoader(const Value& loader, const Value& module) {
  if (isInstanceOf(loader, classes_->source_loader)) {
    execSource(module, vm_.str(vm_.getAttr(loader, "path")));
    return none();
  }
  if (loader == classes_->frozen_importer) {
    // a frozen standard-library module: its code is the bundled source, its file name
    // `<frozen NAME>`; __file__ names the source as CPython's _fix_up_module does
    std::string name = vm_.str(vm_.getAttr(module, "__name__"));
    std::string rel = name;
    std::replace(rel.begin(), rel.end(), '.', '/');
    std::string file = stdlib_shown_ + "/" + rel + ".py";
    setAttrQuietly(vm_, module, "__file__", pyStr(file));
    std::shared_ptr<CodeObject> code = sourceCode(file, name);
    vm_.runModuleCode(code, as<ModuleObject>(module).dict);
    return none();
  }
  if (loader == classes_->builtin_importer || isInstanceOf(loader, classes_->extension_loader) ||
      isInstanceOf(loader, classes_->namespace_loader))
    return none();  // native and opaque modules are complete when created
  return vm_.callMethod(loader, "exec_module", {module});
}

void Importer::execSource(const Value& module, const std::string& shown_path) {
  std::string name = vm_.str(vm_.getAttr(module, "__name__"));
  std::shared_ptr<CodeObject> code = sourceCode(shown_path, name);
  DictPtr globals;
  if (module->kind == Kind::Module) {
    globals = as<ModuleObject>(module).dict;
  } else {
    Value d = vm_.getAttr(module, "__dict__");
    if (d->kind != Kind::Dict) vm_.raise(vm_.b().type_error, "exec() globals must be a dict");
    globals = std::static_pointer_cast<DictObject>(d);
  }
  vm_.runModuleCode(code, globals);
}

std::shared_ptr<CodeObject> Importer::sourceCode(const std::string& shown_path,
                                                 const std::string& name) {
  std::string real = realPath(shown_path);
  std::string text;
  struct stat st;
  if (real.empty() || ::stat(real.c_str(), &st) != 0 || !readText(real, text)) {
    Value exc = vm_.makeException(vm_.b().file_not_found_error,
                                  "[Errno 2] No such file or directory: " + pyRepr(shown_path));
    vm_.raiseValue(exc);
  }
  bool frozen = cpythonModules(vm_.target().python).frozen.contains(name) &&
                shown_path.rfind(stdlib_shown_ + "/", 0) == 0;
  SourceStamp stamp{real, frozen ? "<frozen " + name + ">" : shown_path,
                    static_cast<int64_t>(st.st_size),
                    static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
  // tracebacks print lines of the file (CPython has no source for frozen code objects)
  if (!frozen) vm_.sources[shown_path] = std::make_shared<const std::string>(text);
  const CodeCache& cache = CodeCache::process();
  std::string_view python = vm_.target().python;
  if (std::shared_ptr<CodeObject> code = cache.load(stamp, python)) {
    ++stats_.cache_hits;
    return code;
  }
  ++stats_.parsed;
  auto parsed = syntax::parseModule(stamp.filename, text);
  Result<std::shared_ptr<CodeObject>> code =
      parsed ? compileModule(*parsed, stamp.filename, CompileOptions::forPython(python))
             : Result<std::shared_ptr<CodeObject>>(parsed.error());
  if (!code) {
    bool library = !stdlib_real_.empty() && real.rfind(stdlib_real_ + "/", 0) == 0;
    for (const std::string& dir : site_packages_)
      if (shown_path.rfind(dir + "/", 0) == 0) library = true;
    const std::string& message = code.error().message;
    if (library)
      vm_.unsupported("`" + name + "` (" + shown_path + "), which gbc cannot compile: " + message);
    if (ClassPtr syntax_error = vm_.b().by_name["SyntaxError"]) vm_.raise(syntax_error, message);
    vm_.unsupported("the module `" + name +
                    "`, which has a syntax error gbc reports as: " + message);
  }
  cache.store(stamp, python, **code);
  return *code;
}

}  // namespace gbc::interp
