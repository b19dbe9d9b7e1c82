// The Python-visible side of the import system: `_frozen_importlib` and
// `_frozen_importlib_external` (import_prelude.cpp's classes, with their work delegated to the
// native importer), `_imp`, `builtins.__import__`, and the default sys.meta_path and
// sys.path_hooks. importlib's own Python code (importlib/__init__.py, machinery.py, util.py)
// runs on top of these, as it does on CPython's frozen bootstrap.
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>

#include "interp/import_internal.h"
#include "interp/import_prelude.h"
#include "interp/importer_names.h"
#include "interp/opaque_module.h"

namespace gbc::interp {

/// import_spec.cpp
ClassPtr makeModuleSpecClass(VM& vm);
ClassPtr makeBuiltinImporterClass(VM& vm, Importer& importer);

}  // namespace gbc::interp

namespace gbc::interp {

namespace {

Value newModule(const std::string& name) {
  auto m = std::make_shared<ModuleObject>(name);
  m->dict->setStr("__name__", pyStr(name));
  m->dict->setStr("__doc__", none());
  m->dict->setStr("__package__", pyStr(""));
  return m;
}

void def(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = as<ModuleObject>(module).name + "." + name;
  b->qualname = name;
  as<ModuleObject>(module).dict->setStr(name, b);
}

const Value& arg(VM& vm, CallArgs& a, size_t i, const char* name) {
  if (i < a.args.size()) return a.args[i];
  for (auto& [k, v] : a.kwargs)
    if (k == name) return v;
  vm.raise(vm.b().type_error, std::string("missing required argument '") + name + "'");
}

Value optArg(CallArgs& a, size_t i, const char* name) {
  if (i < a.args.size()) return a.args[i];
  if (Value v = a.kw(name)) return v;
  return none();
}

std::string strArg(VM& vm, CallArgs& a, size_t i, const char* name) {
  const Value& v = arg(vm, a, i, name);
  if (v->kind != Kind::Str)
    vm.raise(vm.b().type_error, std::string(name) + " must be str, not " + vm.typeOf(v)->name);
  return asStr(v);
}

Value bytesOf(std::string s) { return std::make_shared<BytesObject>(std::move(s)); }

/// The builtin `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
Value dunderImport(VM& vm, Importer& importer, CallArgs& a) {
  const Value& name = arg(vm, a, 0, "name");
  if (name->kind != Kind::Str)
    vm.raise(vm.b().type_error, "module name must be a string");  // (import.c)
  Value globals = optArg(a, 1, "globals");
  Value fromlist = optArg(a, 3, "fromlist");
  Value level = optArg(a, 4, "level");
  int lvl = isNone(level) ? 0 : static_cast<int>(asInt(level));
  DictPtr g;
  if (!isNone(globals)) {
    if (globals->kind != Kind::Dict) {
      if (lvl > 0) vm.raise(vm.b().type_error, "globals must be a dict");
    } else {
      g = std::static_pointer_cast<DictObject>(globals);
    }
  }
  return importer.importModuleLevel(asStr(name), g, fromlist, lvl);
}

void installImp(VM& vm, Importer& importer, const Value& imp) {
  const CPythonModules& names = cpythonModules(vm.target().python);
  auto& d = *as<ModuleObject>(imp).dict;
  def(imp, "is_builtin", [&importer](VM& vm, CallArgs& a) -> Value {
    return pyInt(importer.isBuiltin(strArg(vm, a, 0, "name")) ? 1 : 0);
  });
  def(imp, "create_builtin", [&importer](VM& vm, CallArgs& a) -> Value {
    std::string name = vm.str(vm.getAttr(arg(vm, a, 0, "spec"), "name"));
    if (!importer.isBuiltin(name))
      raiseImportError(vm, vm.b().import_error, "no built-in module named " + name, pyStr(name),
                       none());
    return importer.findLoaded(name);
  });
  def(imp, "exec_builtin", [](VM&, CallArgs&) -> Value { return pyInt(0); });
  def(imp, "create_dynamic", [](VM& vm, CallArgs& a) -> Value {
    const Value& spec = arg(vm, a, 0, "spec");
    return makeOpaqueExtensionModule(vm, vm.str(vm.getAttr(spec, "name")),
                                     vm.str(vm.getAttr(spec, "origin")));
  });
  def(imp, "exec_dynamic", [](VM&, CallArgs&) -> Value { return pyInt(0); });
  def(imp, "is_frozen", [&importer](VM& vm, CallArgs& a) -> Value {
    return pyBool(!isNone(importer.findLoaded("_frozen_importlib")) &&
                  cpythonModules(vm.target().python).frozen.contains(strArg(vm, a, 0, "name")));
  });
  def(imp, "is_frozen_package", [](VM&, CallArgs&) -> Value { return pyBool(false); });
  def(imp, "find_frozen", [](VM&, CallArgs&) -> Value { return none(); });
  def(imp, "get_frozen_object", [](VM& vm, CallArgs& a) -> Value {
    raiseImportError(vm, vm.b().import_error,
                     "No such frozen object named " + pyRepr(vm.str(a.args.at(0))), a.args.at(0),
                     none());
  });
  def(imp, "init_frozen", [](VM&, CallArgs&) -> Value { return none(); });
  def(imp, "_frozen_module_names", [](VM& vm, CallArgs&) -> Value {
    std::vector<Value> out{pyStr("_frozen_importlib"), pyStr("_frozen_importlib_external")};
    for (const char* n : cpythonModules(vm.target().python).frozen) out.push_back(pyStr(n));
    return pyList(std::move(out));
  });
  std::vector<Value> suffixes;
  for (const std::string& s : names.extension_suffixes) suffixes.push_back(pyStr(s));
  def(imp, "extension_suffixes", [suffixes](VM&, CallArgs&) -> Value { return pyList(suffixes); });
  def(imp, "acquire_lock", [](VM&, CallArgs&) -> Value { return none(); });
  def(imp, "release_lock", [](VM&, CallArgs&) -> Value { return none(); });
  def(imp, "lock_held", [](VM&, CallArgs&) -> Value { return pyBool(false); });
  def(imp, "_fix_co_filename", [](VM&, CallArgs&) -> Value { return none(); });
  def(imp, "_override_frozen_modules_for_tests", [](VM&, CallArgs&) -> Value { return pyInt(0); });
  def(imp, "_override_multi_interp_extensions_check",
      [](VM&, CallArgs&) -> Value { return pyInt(-1); });
  def(imp, "source_hash", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported("`_imp.source_hash` (hash-based .pyc files)");
  });
  d.setStr("check_hash_based_pycs", pyStr("default"));
  // (3.14's magic number as an int; 3.12 has none)
  if (vm.target().python != "3.12") d.setStr("pyc_magic_number_token", pyInt(168627755));
}

/// `_gbc`: what import_prelude.cpp's Python calls natively.
void installHelpers(VM& vm, Importer& importer, const Value& gbc) {
  (void)vm;
  auto& d = *as<ModuleObject>(gbc).dict;
  d.setStr("raw_magic_number", pyInt(vm.target().python == "3.12" ? 168627659 : 168627755));
  d.setStr("magic_number", bytesOf(vm.target().python == "3.12" ? std::string("\xcb\r\r\n")
                                                                : std::string("+\x0e\r\n")));
  // str methods the VM lacks yet, for the preludes
  def(gbc, "rpartition", [](VM& vm, CallArgs& a) -> Value {
    std::string s = vm.str(a.args.at(0)), sep = vm.str(a.args.at(1));
    size_t at = s.rfind(sep);
    if (at == std::string::npos) return pyTuple({pyStr(""), pyStr(""), pyStr(s)});
    return pyTuple({pyStr(s.substr(0, at)), pyStr(sep), pyStr(s.substr(at + sep.size()))});
  });
  def(gbc, "partition", [](VM& vm, CallArgs& a) -> Value {
    std::string s = vm.str(a.args.at(0)), sep = vm.str(a.args.at(1));
    size_t at = s.find(sep);
    if (at == std::string::npos) return pyTuple({pyStr(s), pyStr(""), pyStr("")});
    return pyTuple({pyStr(s.substr(0, at)), pyStr(sep), pyStr(s.substr(at + sep.size()))});
  });
  def(gbc, "rsplit", [](VM& vm, CallArgs& a) -> Value {
    std::string s = vm.str(a.args.at(0)), sep = vm.str(a.args.at(1));
    int64_t max = asInt(a.args.at(2));
    std::vector<Value> parts;
    size_t end = s.size();
    while (max-- > 0) {
      size_t at = end < sep.size() ? std::string::npos : s.rfind(sep, end - sep.size());
      if (at == std::string::npos) break;
      parts.insert(parts.begin(), pyStr(s.substr(at + sep.size(), end - at - sep.size())));
      end = at;
    }
    parts.insert(parts.begin(), pyStr(s.substr(0, end)));
    return pyList(std::move(parts));
  });
  def(gbc, "rfind", [](VM& vm, CallArgs& a) -> Value {
    size_t at = vm.str(a.args.at(0)).rfind(vm.str(a.args.at(1)));
    return pyInt(at == std::string::npos ? -1 : static_cast<int64_t>(at));
  });
  def(gbc, "isalnum", [](VM& vm, CallArgs& a) -> Value {
    std::string s = vm.str(a.args.at(0));
    bool ok = !s.empty();
    for (char ch : s) ok = ok && std::isalnum(static_cast<unsigned char>(ch));
    return pyBool(ok);
  });
  def(gbc, "load_external", [&importer](VM&, CallArgs&) -> Value {
    importer.ensureExternal();
    return importer.findLoaded("_frozen_importlib_external");
  });
  def(gbc, "default_loaders", [&importer](VM& vm, CallArgs&) -> Value {
    importer.ensureExternal();
    Value ext = importer.findLoaded("_frozen_importlib_external");
    return vm.call(as<ModuleObject>(ext).dict->getStr("_get_supported_file_loaders"),
                   std::vector<Value>{});
  });
  def(gbc, "abspath", [](VM& vm, CallArgs& a) -> Value {
    std::string path = vm.str(a.args.at(0));
    if (!path.empty() && path[0] == '/') return pyStr(path);
    char buf[4096];
    std::string cwd = ::getcwd(buf, sizeof buf) ? buf : "";
    return pyStr(path.empty() ? cwd : cwd + "/" + path);
  });
  def(gbc, "getcwd", [](VM&, CallArgs&) -> Value {
    char buf[4096];
    return pyStr(::getcwd(buf, sizeof buf) ? buf : "");
  });
  def(gbc, "path_isfile", [&importer](VM& vm, CallArgs& a) -> Value {
    return pyBool(importer.isFile(vm.str(a.args.at(0))));
  });
  def(gbc, "path_isdir", [&importer](VM& vm, CallArgs& a) -> Value {
    return pyBool(importer.isDirectory(vm.str(a.args.at(0))));
  });
  def(gbc, "read_bytes", [&importer](VM& vm, CallArgs& a) -> Value {
    std::string path = vm.str(a.args.at(0));
    std::FILE* fp = std::fopen(importer.realPath(path).c_str(), "rb");
    if (!fp)
      vm.raiseValue(vm.makeException(vm.b().file_not_found_error,
                                     "[Errno 2] No such file or directory: " + pyRepr(path)));
    std::string data;
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) data.append(buf, n);
    std::fclose(fp);
    return bytesOf(std::move(data));
  });
  def(gbc, "decode_source", [](VM& vm, CallArgs& a) -> Value {
    const Value& b = a.args.at(0);
    if (b->kind != Kind::Bytes) vm.raise(vm.b().type_error, "decode_source() needs bytes");
    // universal newlines (the coding cookie is UTF-8 in every file gbc reads)
    std::string out;
    const std::string& in = as<BytesObject>(b).v;
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i] == '\r') {
        out += '\n';
        if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
      } else {
        out += in[i];
      }
    }
    return pyStr(std::move(out));
  });
  def(gbc, "path_stats", [&importer](VM& vm, CallArgs& a) -> Value {
    std::string path = vm.str(a.args.at(0));
    struct stat st;
    if (::stat(importer.realPath(path).c_str(), &st) != 0)
      vm.raiseValue(vm.makeException(vm.b().file_not_found_error,
                                     "[Errno 2] No such file or directory: " + pyRepr(path)));
    auto out = newDict();
    out->setStr("mtime", pyFloat(static_cast<double>(st.st_mtim.tv_sec) +
                                 static_cast<double>(st.st_mtim.tv_nsec) * 1e-9));
    out->setStr("size", pyInt(static_cast<int64_t>(st.st_size)));
    return out;
  });
  def(gbc, "stat", [&importer](VM& vm, CallArgs& a) -> Value {
    std::string path = vm.str(a.args.at(0));
    struct stat st;
    if (::stat(importer.realPath(path).c_str(), &st) != 0)
      vm.raiseValue(vm.makeException(vm.b().file_not_found_error,
                                     "[Errno 2] No such file or directory: " + pyRepr(path)));
    return pyTuple({pyInt(st.st_mode), pyInt(static_cast<int64_t>(st.st_size)),
                    pyFloat(static_cast<double>(st.st_mtim.tv_sec) +
                            static_cast<double>(st.st_mtim.tv_nsec) * 1e-9)});
  });
  def(gbc, "no_pyc", [](VM& vm, CallArgs& a) -> Value {
    vm.unsupported("`importlib._bootstrap_external." + vm.str(a.args.at(0)) +
                   "` (CPython's .pyc files, which gbc neither reads nor writes)");
  });
  def(gbc, "exec_source", [&importer](VM& vm, CallArgs& a) -> Value {
    importer.execSource(a.args.at(1), vm.str(vm.getAttr(a.args.at(0), "path")));
    return none();
  });
  def(gbc, "source_code", [&importer](VM& vm, CallArgs& a) -> Value {
    std::string path = vm.str(a.args.at(0));
    std::string name = path.substr(path.rfind('/') + 1);
    return std::make_shared<CodeValue>(importer.sourceCode(path, name.substr(0, name.rfind('.'))));
  });
  def(gbc, "sourceless_code", [](VM& vm, CallArgs& a) -> Value {
    vm.unsupported("the compiled module " + vm.str(a.args.at(0)) +
                   " (CPython bytecode without its source)");
  });
  def(gbc, "extension_module", [](VM& vm, CallArgs& a) -> Value {
    const Value& spec = a.args.at(0);
    return makeOpaqueExtensionModule(vm, vm.str(vm.getAttr(spec, "name")),
                                     vm.str(vm.getAttr(spec, "origin")));
  });
  def(gbc, "find_frozen", [&importer](VM& vm, CallArgs& a) -> Value {
    return importer.frozenSpec(vm.str(a.args.at(0)));
  });
  def(gbc, "exec_frozen", [&importer](VM& vm, CallArgs& a) -> Value {
    (void)vm;
    return importer.execLoader(vm.getAttr(a.args.at(0), "__loader__"), a.args.at(0));
  });
  def(gbc, "frozen_code", [&importer](VM& vm, CallArgs& a) -> Value {
    std::string name = vm.str(a.args.at(0));
    std::string rel = name;
    std::replace(rel.begin(), rel.end(), '.', '/');
    return std::make_shared<CodeValue>(
        importer.sourceCode(importer.stdlibDir() + "/" + rel + ".py", name));
  });
  def(gbc, "invalidate_directory", [&importer](VM& vm, CallArgs& a) -> Value {
    importer.invalidateDirectory(vm.str(a.args.at(0)));
    return none();
  });
  def(gbc, "file_finder_find_spec", [&importer](VM& vm, CallArgs& a) -> Value {
    return importer.fileFinderFindSpec(vm.str(vm.getAttr(a.args.at(0), "path")),
                                       vm.str(a.args.at(1)));
  });
  def(gbc, "path_entry_finder", [&importer](VM& vm, CallArgs& a) -> Value {
    return importer.pathEntryFinder(vm.str(a.args.at(0)));
  });
  def(gbc, "path_find_spec", [&importer](VM& vm, CallArgs& a) -> Value {
    return importer.pathFindSpec(vm.str(a.args.at(0)), optArg(a, 1, "path"));
  });
  def(gbc, "path_get_spec", [&importer](VM& vm, CallArgs& a) -> Value {
    // PathFinder._get_spec: a namespace spec keeps a plain list of portions
    std::string name = vm.str(a.args.at(0));
    Value spec = importer.pathFindSpec(name, optArg(a, 1, "path"));
    if (isNone(spec)) {
      spec = importer.makeSpec(name, none(), none(), true, false);
      return spec;
    }
    if (isNone(vm.getAttr(spec, "loader"))) {
      Value portions = vm.getAttr(spec, "submodule_search_locations");
      vm.setAttr(spec, "submodule_search_locations", pyList(vm.toVector(portions)));
    }
    return spec;
  });
}

}  // namespace

namespace {

/// The functions of `_frozen_importlib` that are the import system itself: native.
void installBootstrapFunctions(Importer& importer, const Value& bootstrap,
                               const Value& dunder_import) {
  as<ModuleObject>(bootstrap).dict->setStr("__import__", dunder_import);
  def(bootstrap, "_gcd_import", [&importer](VM& vm, CallArgs& a) -> Value {
    const Value& name = arg(vm, a, 0, "name");
    if (name->kind != Kind::Str)
      vm.raise(vm.b().type_error, "module name must be str, not " + vm.typeOf(name)->name);
    Value package = optArg(a, 1, "package");
    Value level = optArg(a, 2, "level");
    int lvl = isNone(level) ? 0 : static_cast<int>(asInt(level));
    if (lvl > 0 && package->kind != Kind::Str)
      vm.raise(vm.b().type_error, "__package__ not set to a string");
    return importer.gcdImport(asStr(name), package->kind == Kind::Str ? asStr(package) : "", lvl);
  });
  def(bootstrap, "_find_and_load", [&importer](VM& vm, CallArgs& a) -> Value {
    return importer.gcdImport(strArg(vm, a, 0, "name"), "", 0);
  });
  def(bootstrap, "_find_spec", [&importer](VM& vm, CallArgs& a) -> Value {
    return importer.findSpec(strArg(vm, a, 0, "name"), optArg(a, 1, "path"));
  });
  def(bootstrap, "module_from_spec", [&importer](VM& vm, CallArgs& a) -> Value {
    return importer.moduleFromSpec(arg(vm, a, 0, "spec"));
  });
  def(bootstrap, "_init_module_attrs", [&importer](VM& vm, CallArgs& a) -> Value {
    Value override = a.kw("override");
    const Value& module = arg(vm, a, 1, "module");
    importer.initModuleAttrs(arg(vm, a, 0, "spec"), module, override && vm.truthy(override));
    return module;
  });
  NativeFn load = [&importer](VM& vm, CallArgs& a) -> Value {
    return importer.loadUnlocked(arg(vm, a, 0, "spec"));
  };
  def(bootstrap, "_load_unlocked", load);
  def(bootstrap, "_load", load);
  def(bootstrap, "_exec", [&importer](VM& vm, CallArgs& a) -> Value {
    const Value& spec = arg(vm, a, 0, "spec");
    const Value& module = arg(vm, a, 1, "module");
    std::string name = vm.str(vm.getAttr(spec, "name"));
    const DictPtr& modules = importer.modules();
    if (modules->getStr(name) != module)
      raiseImportError(vm, vm.b().import_error, "module " + pyRepr(name) + " not in sys.modules",
                       pyStr(name), none());
    try {
      Value loader = vm.getAttr(spec, "loader");
      if (isNone(loader) && isNone(vm.getAttr(spec, "submodule_search_locations")))
        raiseImportError(vm, vm.b().import_error, "missing loader", pyStr(name), none());
      importer.initModuleAttrs(spec, module, true);
      if (!isNone(loader)) {
        if (vm.getAttrOrNull(loader, "exec_module"))
          importer.execLoader(loader, module);
        else
          vm.callMethod(loader, "load_module", {pyStr(name)});
      }
    } catch (...) {
      if (Value m = modules->getStr(name)) {
        modules->erase(pyStr(name));
        modules->setStr(name, m);
      }
      throw;
    }
    Value m = modules->getStr(name);
    if (!m) vm.raise(vm.b().key_error, pyRepr(name));
    modules->erase(pyStr(name));
    modules->setStr(name, m);
    return m;
  });
  def(bootstrap, "_handle_fromlist", [&importer](VM& vm, CallArgs& a) -> Value {
    Value recursive = a.kw("recursive");
    return importer.handleFromlist(arg(vm, a, 0, "module"), arg(vm, a, 1, "fromlist"),
                                   recursive && vm.truthy(recursive));
  });
  def(bootstrap, "_calc___package__", [](VM& vm, CallArgs& a) -> Value {
    const Value& globals = arg(vm, a, 0, "globals");
    Value package = vm.callMethod(globals, "get", {pyStr("__package__")});
    Value spec = vm.callMethod(globals, "get", {pyStr("__spec__")});
    if (!isNone(package)) return package;
    if (!isNone(spec)) return vm.getAttr(spec, "parent");
    std::string name = vm.str(vm.getItem(globals, pyStr("__name__")));
    if (!vm.contains(globals, pyStr("__path__")))
      name = name.rfind('.') == std::string::npos ? std::string() : name.substr(0, name.rfind('.'));
    return pyStr(name);
  });
  def(bootstrap, "_builtin_from_name", [&importer](VM& vm, CallArgs& a) -> Value {
    std::string name = strArg(vm, a, 0, "name");
    Value spec = importer.nativeSpec(name);
    if (!spec) vm.raise(vm.b().import_error, "no built-in module named " + name);
    return importer.loadUnlocked(spec);
  });
  def(bootstrap, "_setup", [](VM&, CallArgs&) -> Value { return none(); });
  def(bootstrap, "_install", [](VM&, CallArgs&) -> Value { return none(); });
  def(bootstrap, "_install_external_importers", [](VM&, CallArgs&) -> Value { return none(); });
}

}  // namespace

/// A PEP 562 `__getattr__` for `module`: the rest of it loads on first use (`load`).
Value lazyModuleGetattr(Importer& importer, std::string module, void (Importer::*load)()) {
  return std::make_shared<BuiltinObject>(
      "__getattr__", [&importer, module, load](VM& vm, CallArgs& a) -> Value {
        (importer.*load)();
        std::string name = vm.str(a.args.at(0));
        Value v = as<ModuleObject>(importer.findLoaded(module)).dict->getStr(name);
        if (!v)
          vm.raise(vm.b().attribute_error,
                   "module '" + module + "' has no attribute '" + name + "'");
        return v;
      });
}

void loadImportHooks(VM& vm) { vm.importer().materializeHooks(); }

void installImportBootstrap(VM& vm, Importer& importer) {
  Importer::Classes& c = *importer.classes_;
  Value sys = importer.findLoaded("sys");
  Value builtins = std::make_shared<ModuleObject>("builtins");
  as<ModuleObject>(builtins).dict = vm.builtinsDict();
  importer.registerNative("builtins", builtins);
  Value imp = newModule("_imp");
  importer.registerNative("_imp", imp);
  installImp(vm, importer, imp);
  Value gbc = newModule("_gbc_importlib");  // not importable: the preludes get it as `_gbc`
  installHelpers(vm, importer, gbc);

  // importlib's Python surface (import_prelude.cpp) loads on first use; what every import needs
  // is native: ModuleSpec, BuiltinImporter, the import functions
  Value bootstrap = newModule("_frozen_importlib");
  Value external = newModule("_frozen_importlib_external");
  for (const Value& m : {bootstrap, external}) {
    DictPtr d = as<ModuleObject>(m).dict;
    d->setStr("sys", sys);
    d->setStr("_imp", imp);
    d->setStr("_gbc", gbc);
    d->setStr("__builtins__", vm.builtinsDict());
  }
  importer.registerNative("_frozen_importlib", bootstrap);
  importer.registerNative("_frozen_importlib_external", external);
  c.bootstrap = bootstrap;
  c.external = external;
  c.spec = makeModuleSpecClass(vm);
  c.builtin_importer = makeBuiltinImporterClass(vm, importer);
  DictPtr bd = as<ModuleObject>(bootstrap).dict;
  bd->setStr("ModuleSpec", c.spec);
  bd->setStr("BuiltinImporter", c.builtin_importer);
  bd->setStr("_bootstrap_external", external);
  bd->setStr("__getattr__",
             lazyModuleGetattr(importer, "_frozen_importlib", &Importer::ensureBootstrap));
  as<ModuleObject>(external).dict->setStr("_bootstrap", bootstrap);
  as<ModuleObject>(external).dict->setStr(
      "__getattr__",
      lazyModuleGetattr(importer, "_frozen_importlib_external", &Importer::ensureExternal));

  // builtins.__import__ and _frozen_importlib.__import__: the same native function
  auto dunder_import = std::make_shared<BuiltinObject>(
      "__import__", [&importer](VM& vm, CallArgs& a) { return dunderImport(vm, importer, a); });
  dunder_import->id = "builtins.__import__";
  c.dunder_import = dunder_import;
  vm.builtinsDict()->setStr("__import__", dunder_import);
  installBootstrapFunctions(importer, bootstrap, dunder_import);

  // sys.meta_path, sys.path_hooks: made when a program first looks (the importer follows
  // CPython's defaults until then)
  vm.addLazyPart({}, {{"sys", "meta_path"}, {"sys", "path_hooks"}}, loadImportHooks);

  // the modules a CPython process starts with, with their specs (the frozen ones get their
  // loader, FrozenImporter, with the rest of _frozen_importlib)
  for (const char* name : {"sys", "builtins", "_imp"}) {
    Value m = importer.findLoaded(name);
    importer.initModuleAttrs(importer.nativeSpec(name), m, true);
    importer.modules()->setStr(name, m);
  }
  for (const Value& m : {bootstrap, external}) {
    const std::string& name = as<ModuleObject>(m).name;
    importer.initModuleAttrs(importer.makeSpec(name, none(), pyStr("frozen"), false, false), m,
                             true);
    importer.modules()->setStr(name, m);
  }
}

}  // namespace gbc::interp
