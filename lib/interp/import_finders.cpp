// The finders of the import system (importer.h): BuiltinImporter's and FrozenImporter's lookups,
// PathFinder over sys.path and a package's __path__, and FileFinder over one folder, with the
// folder's listing cached until its mtime changes (as CPython's FileFinder does). Also where
// sys.path's entries come from and how the bundled standard library is shown.
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

#include "interp/import_internal.h"
#include "interp/import_prelude.h"
#include "interp/importer_names.h"
#include "interp/stdlib_io.h"

namespace gbc::interp {

namespace {

bool statPath(const std::string& path, struct stat& st) {
  return !path.empty() && ::stat(path.c_str(), &st) == 0;
}

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string currentDirectory() {
  char buf[4096];
  return ::getcwd(buf, sizeof buf) ? std::string(buf) : std::string();
}

/// `NAME.cpython-3XY-....so` (any CPython 3 tag) or `NAME.abi3.so`: the module name.
std::string extensionModuleName(const std::string& file) {
  if (!endsWith(file, ".so") && !endsWith(file, ".pyd")) return {};
  size_t dot = file.find('.');
  if (dot == std::string::npos || dot == 0) return {};
  std::string_view tag(file);
  tag.remove_prefix(dot + 1);
  if (tag.rfind("cpython-3", 0) != 0 && tag.rfind("abi3", 0) != 0) return {};
  return file.substr(0, dot);
}

}  // namespace

// ---- where things are

std::string Importer::realPath(const std::string& shown) const {
  if (shown == stdlib_shown_) return stdlib_real_;
  if (shown.size() > stdlib_shown_.size() &&
      shown.compare(0, stdlib_shown_.size(), stdlib_shown_) == 0 &&
      shown[stdlib_shown_.size()] == '/')
    return stdlib_real_.empty() ? std::string() : stdlib_real_ + shown.substr(stdlib_shown_.size());
  return shown;
}

bool Importer::isDirectory(const std::string& shown) const {
  struct stat st;
  return statPath(realPath(shown), st) && S_ISDIR(st.st_mode);
}

bool Importer::isFile(const std::string& shown) const {
  struct stat st;
  return statPath(realPath(shown), st) && S_ISREG(st.st_mode);
}

const Importer::Listing& Importer::listing(const std::string& real_dir) {
  std::unique_ptr<Listing>& slot = listings_[real_dir];
  if (!slot) slot = std::make_unique<Listing>();
  struct stat st;
  int64_t mtime = -1;
  if (statPath(real_dir, st) && S_ISDIR(st.st_mode))
    mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  if (mtime == slot->mtime_ns) return *slot;
  slot->mtime_ns = mtime;
  slot->names.clear();
  slot->other_extensions.clear();
  if (mtime < 0) return *slot;
  ++stats_.listings;
  if (DIR* dir = ::opendir(real_dir.c_str())) {
    while (struct dirent* entry = ::readdir(dir)) {
      std::string name = entry->d_name;
      if (name == "." || name == "..") continue;
      if (std::string module = extensionModuleName(name); !module.empty())
        slot->other_extensions.emplace(module, name);
      slot->names.insert(std::move(name));
    }
    ::closedir(dir);
  }
  return *slot;
}

void Importer::invalidateDirectory(const std::string& dir) { listings_.erase(realPath(dir)); }

std::string findStdlibBundle(const std::string& python) {
  auto has = [&](const std::string& root) {
    struct stat st;
    return !root.empty() && statPath(root + "/python" + python + "/os.py", st);
  };
  if (const char* env = std::getenv("GBC_STDLIB_DIR"); env && *env) {
    return has(env) ? std::string(env) + "/python" + python : std::string();
  }
  char exe[4096];
  ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    std::string dir(exe, static_cast<size_t>(n));
    dir = dir.substr(0, dir.rfind('/'));
    // an installed gbc (PREFIX/bin/gbc, PREFIX/share/gbc/stdlib); a build tree inside the source
    // tree (build/gbc, build/lib/interp/*_tests)
    for (const std::string& root :
         {dir + "/../share/gbc/stdlib", dir + "/../stdlib", dir + "/../../../stdlib"})
      if (has(root)) return root + "/python" + python;
  }
#ifdef GBC_STDLIB_DIR
  if (has(GBC_STDLIB_DIR)) return std::string(GBC_STDLIB_DIR) + "/python" + python;
#endif
  return {};
}

void Importer::setSearchPath(const SearchPath& search) {
  std::vector<Value> entries;
  for (const std::string& root : search.script_roots) entries.push_back(pyStr(root));
  // CPython's own entries: the zip archive (absent), the library, lib-dynload (gbc's C modules
  // are native)
  std::string prefix = stdlib_shown_.substr(0, stdlib_shown_.rfind('/'));
  std::string version(vm_.target().python);
  version.erase(std::remove(version.begin(), version.end(), '.'), version.end());
  entries.push_back(pyStr(prefix + "/python" + version + ".zip"));
  entries.push_back(pyStr(stdlib_shown_));
  entries.push_back(pyStr(stdlib_shown_ + "/lib-dynload"));
  for (const std::string& dir : search.site_packages) entries.push_back(pyStr(dir));
  site_packages_ = search.site_packages;
  // the environment's code is not the user's: findings are located outside it (VM::isUserFile)
  vm_.library_roots.clear();
  for (const std::string& dir : search.site_packages) vm_.library_roots.push_back(dir + "/");
  pending_notes_ = search.notes;
  as<ListObject>(path_).items = std::move(entries);
}

// ---- specs

Value Importer::makeSpec(const std::string& name, const Value& loader, const Value& origin,
                         bool is_package, bool has_location) {
  auto spec =
      std::make_shared<InstanceObject>(std::static_pointer_cast<ClassObject>(classes_->spec));
  DictPtr d = spec->dict;
  d->setStr("name", pyStr(name));
  d->setStr("loader", loader);
  d->setStr("origin", origin);
  d->setStr("loader_state", none());
  d->setStr("submodule_search_locations", is_package ? pyList({}) : none());
  d->setStr("_uninitialized_submodules", pyList({}));
  d->setStr("_set_fileattr", pyBool(has_location));
  Value cached = none();
  if (has_location && origin->kind == Kind::Str && endsWith(asStr(origin), ".py")) {
    // cache_from_source, computed here so the common case runs no Python
    const std::string& path = asStr(origin);
    size_t slash = path.rfind('/');
    std::string head = slash == std::string::npos ? std::string() : path.substr(0, slash);
    std::string tail = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string base = tail.substr(0, tail.rfind('.'));
    std::string tag(vm_.target().python);
    tag.erase(std::remove(tag.begin(), tag.end(), '.'), tag.end());
    cached = pyStr(join(join(head, "__pycache__"), base + ".cpython-" + tag + ".pyc"));
  } else if (has_location && origin->kind == Kind::Str && endsWith(asStr(origin), ".pyc")) {
    cached = origin;
  }
  d->setStr("_cached", cached);
  return spec;
}

Value Importer::newLoader(const ClassPtr& cls, const std::string& name, const std::string& path) {
  auto loader = std::make_shared<InstanceObject>(cls);
  loader->dict->setStr("name", pyStr(name));
  loader->dict->setStr("path", pyStr(path));
  return loader;
}

Value Importer::makeSourceLoader(const std::string& name, const std::string& path) {
  ensureExternalCore();
  return newLoader(std::static_pointer_cast<ClassObject>(classes_->source_loader), name, path);
}

Value Importer::nativeSpec(const std::string& name) {
  if (!isBuiltin(name)) return nullptr;
  return makeSpec(name, classes_->builtin_importer, pyStr("built-in"), false, false);
}

Value Importer::frozenSpec(const std::string& name) {
  const CPythonModules& names = cpythonModules(vm_.target().python);
  if (!names.frozen.contains(name) || (isStandIn(name) && standInActive(name))) return none();
  std::string rel = name;
  std::replace(rel.begin(), rel.end(), '.', '/');
  if (!isFile(stdlib_shown_ + "/" + rel + ".py")) return none();
  ensureBootstrap();
  return makeSpec(name, classes_->frozen_importer, pyStr("frozen"), false, false);
}

bool Importer::nativeStandInAt(const std::string& name, const std::string& entry) {
  return entry == stdlib_shown_ && name.find('.') == std::string::npos && isStandIn(name) &&
         standInActive(name) && native_.count(name);
}

// ---- PathFinder

void Importer::ensureBootstrap() {
  if (bootstrap_loaded_) return;
  bootstrap_loaded_ = true;
  DictPtr d = as<ModuleObject>(classes_->bootstrap).dict;
  d->erase(pyStr("__getattr__"));
  runPreludeInto(vm_, d, "<frozen importlib._bootstrap>", kBootstrapPrelude);
  d->setStr("_bootstrap_external", classes_->external);
  classes_->frozen_importer = d->getStr("FrozenImporter");
  // the frozen modules' loader
  for (const Value& m : {classes_->bootstrap, classes_->external}) {
    Value spec = as<ModuleObject>(m).dict->getStr("__spec__");
    if (spec && spec->kind == Kind::Instance)
      as<InstanceObject>(spec).dict->setStr("loader", classes_->frozen_importer);
    as<ModuleObject>(m).dict->setStr("__loader__", classes_->frozen_importer);
  }
}

void Importer::ensureExternalCore() {
  if (external_core_loaded_) return;
  external_core_loaded_ = true;
  DictPtr d = as<ModuleObject>(classes_->external).dict;
  runPreludeInto(vm_, d, "<frozen importlib._bootstrap_external>", kBootstrapExternalPrelude);
  d->setStr("_bootstrap", classes_->bootstrap);
  classes_->source_loader = d->getStr("SourceFileLoader");
}

void Importer::ensureExternal() {
  if (external_loaded_) return;
  external_loaded_ = true;
  ensureBootstrap();
  ensureExternalCore();
  DictPtr d = as<ModuleObject>(classes_->external).dict;
  d->erase(pyStr("__getattr__"));
  runPreludeInto(vm_, d, "<frozen importlib._bootstrap_external>", kBootstrapExternalRestPrelude);
  classes_->sourceless_loader = d->getStr("SourcelessFileLoader");
  classes_->extension_loader = d->getStr("ExtensionFileLoader");
  classes_->namespace_loader = d->getStr("NamespaceLoader");
  classes_->namespace_path = d->getStr("_NamespacePath");
  classes_->path_finder = d->getStr("PathFinder");
  classes_->file_finder = d->getStr("FileFinder");
  // FileFinder._loaders of the default hook: [(suffix, loader class)]
  std::vector<Value> details;
  for (const Value& pair :
       vm_.toVector(vm_.call(d->getStr("_get_supported_file_loaders"), std::vector<Value>{}))) {
    std::vector<Value> parts = vm_.toVector(pair);
    for (const Value& suffix : vm_.toVector(parts.at(1)))
      details.push_back(pyTuple({suffix, parts.at(0)}));
  }
  classes_->loader_details = pyList(std::move(details));
  // (the hook's loaders are the defaults, taken when the hook first runs)
  classes_->file_finder_hook =
      vm_.call(vm_.getAttr(classes_->file_finder, "path_hook"), std::vector<Value>{});
}

void Importer::materializeHooks() {
  ensureExternal();
  Value sys = native_["sys"];
  as<ListObject>(meta_path_).items = {classes_->builtin_importer, classes_->frozen_importer,
                                      classes_->path_finder};
  as<ListObject>(path_hooks_).items = {classes_->file_finder_hook};
  as<ModuleObject>(sys).dict->setStr("meta_path", meta_path_);
  as<ModuleObject>(sys).dict->setStr("path_hooks", path_hooks_);
}

Value Importer::pathEntryFinder(const std::string& entry) {
  std::string key = entry;
  if (key.empty()) {
    key = currentDirectory();
    if (key.empty()) return none();
  }
  Value cache_value = sysModule("path_importer_cache");
  if (!cache_value || cache_value->kind != Kind::Dict)
    vm_.raise(vm_.b().runtime_error, "sys.path_importer_cache is not a dict");
  auto& cache = as<DictObject>(cache_value);
  if (Value finder = cache.getStr(key)) return finder;
  Value finder = none();
  Value hooks = sysModule("path_hooks");
  if (!hooks) {
    // sys.path_hooks not made yet: CPython's default hook (a FileFinder for a folder)
    if (isDirectory(key)) {
      ensureExternal();
      auto f = std::make_shared<InstanceObject>(
          std::static_pointer_cast<ClassObject>(classes_->file_finder));
      f->dict->setStr("_loaders", classes_->loader_details);
      f->dict->setStr("path", pyStr(key));
      finder = f;
    }
  } else if (!isNone(hooks)) {
    for (const Value& hook : vm_.toVector(hooks)) {
      if (hook == classes_->file_finder_hook) {
        if (!isDirectory(key)) continue;
        ensureExternal();
        auto f = std::make_shared<InstanceObject>(
            std::static_pointer_cast<ClassObject>(classes_->file_finder));
        f->dict->setStr("_loaders", classes_->loader_details);
        f->dict->setStr("path", pyStr(key));
        finder = f;
        break;
      }
      try {
        finder = vm_.call(hook, std::vector<Value>{pyStr(key)});
        break;
      } catch (PyRaise& e) {
        if (!vm_.isInstance(e.exc, vm_.b().import_error.get())) throw;
      }
    }
  }
  cache.setStr(key, finder);
  return finder;
}

Value Importer::pathFindSpec(const std::string& name, const Value& path) {
  Value entries = isNone(path) ? sysModule("path") : path;
  if (!entries || isNone(entries)) return none();
  std::vector<Value> namespace_path;
  for (const Value& entry : vm_.toVector(entries)) {
    if (entry->kind != Kind::Str) continue;
    const std::string& dir = asStr(entry);
    if (nativeStandInAt(name, dir)) return nativeSpec(name);
    Value finder = pathEntryFinder(dir);
    if (isNone(finder)) {
      // a zip archive or egg on sys.path: CPython's zipimporter would look inside
      if (isFile(dir))
        vm_.unsupported("importing `" + name + "` from the archive `" + dir +
                        "` on sys.path (gbc does not read zip archives)");
      continue;
    }
    Value spec;
    if (finder->kind == Kind::Instance &&
        as<InstanceObject>(finder).cls.get() == classes_->file_finder.get()) {
      Value finder_path = as<InstanceObject>(finder).dict->getStr("path");
      spec = fileFinderFindSpec(finder_path ? vm_.str(finder_path) : dir, name);
    } else {
      spec = vm_.callMethod(finder, "find_spec", {pyStr(name), none()});
    }
    if (isNone(spec)) continue;
    if (!isNone(vm_.getAttr(spec, "loader"))) return spec;
    Value portions = vm_.getAttr(spec, "submodule_search_locations");
    if (isNone(portions)) vm_.raise(vm_.b().import_error, "spec missing loader");
    for (Value& p : vm_.toVector(portions)) namespace_path.push_back(std::move(p));
  }
  if (namespace_path.empty()) return none();
  ensureExternal();
  Value spec = makeSpec(name, none(), none(), false, false);
  Value get_spec = vm_.getAttr(classes_->path_finder, "_get_spec");
  Value ns_path = vm_.call(classes_->namespace_path,
                           std::vector<Value>{pyStr(name), pyList(namespace_path), get_spec});
  as<InstanceObject>(spec).dict->setStr("submodule_search_locations", ns_path);
  return spec;
}

// ---- FileFinder

Value Importer::fileFinderFindSpec(const std::string& dir, const std::string& fullname) {
  ensureExternal();
  size_t dot = fullname.rfind('.');
  std::string tail = dot == std::string::npos ? fullname : fullname.substr(dot + 1);
  std::string real_dir = realPath(dir);
  const Listing& files = listing(real_dir);
  const CPythonModules& names = cpythonModules(vm_.target().python);
  auto loaderSpec = [&](const Value& cls, const std::string& file, bool package,
                        const std::string& package_dir) {
    Value loader = newLoader(std::static_pointer_cast<ClassObject>(cls), fullname, file);
    Value spec = makeSpec(fullname, loader, pyStr(file), package, true);
    if (package)
      as<ListObject>(as<InstanceObject>(spec).dict->getStr("submodule_search_locations"))
          .items.push_back(pyStr(package_dir));
    return spec;
  };
  bool is_namespace = false;
  std::string base = join(dir, tail);
  if (files.names.count(tail)) {
    for (const std::string& suffix : names.extension_suffixes)
      if (isFile(base + "/__init__" + suffix))
        return loaderSpec(classes_->extension_loader, base + "/__init__" + suffix, true, base);
    if (isFile(base + "/__init__.py"))
      return loaderSpec(classes_->source_loader, base + "/__init__.py", true, base);
    if (isFile(base + "/__init__.pyc"))
      return loaderSpec(classes_->sourceless_loader, base + "/__init__.pyc", true, base);
    is_namespace = isDirectory(base);
  }
  for (const std::string& suffix : names.extension_suffixes)
    if (files.names.count(tail + suffix) && isFile(join(dir, tail + suffix)))
      return loaderSpec(classes_->extension_loader, join(dir, tail + suffix), false, "");
  if (auto it = files.other_extensions.find(tail); it != files.other_extensions.end())
    if (isFile(join(dir, it->second)))
      return loaderSpec(classes_->extension_loader, join(dir, it->second), false, "");
  if (files.names.count(tail + ".py") && isFile(join(dir, tail + ".py")))
    return loaderSpec(classes_->source_loader, join(dir, tail + ".py"), false, "");
  if (files.names.count(tail + ".pyc") && isFile(join(dir, tail + ".pyc")))
    return loaderSpec(classes_->sourceless_loader, join(dir, tail + ".pyc"), false, "");
  if (is_namespace) {
    Value spec = makeSpec(fullname, none(), none(), false, false);
    as<InstanceObject>(spec).dict->setStr("submodule_search_locations", pyList({pyStr(base)}));
    return spec;
  }
  return none();
}

}  // namespace gbc::interp
