// The import system, as CPython does it: sys.modules (a dict programs read and write), sys.path
// searched by CPython's finders (meta_path: BuiltinImporter, FrozenImporter, PathFinder; the
// FileFinder of each path entry with its cached directory listing), packages with __path__,
// namespace packages, relative imports, circular imports and every ImportError text of CPython
// (3.14, or 3.12 where it differs). The import statement runs natively; the objects Python sees
// (specs, loaders, finders) are instances of the classes of import_prelude.cpp, and a finder or
// loader a program defines itself is called like CPython calls it.
//
// Where modules come from (sys.path): the script's folder and local package roots, the target's
// bundled standard library (shown at the target's install prefix, e.g. /usr/lib/python3.14, read
// from gbc's stdlib/ bundle), the environment's site-packages. Modules gbc implements natively
// (torch, numpy, the C modules of CPython it models) are CPython's built-in modules: they come
// first. A C module of CPython gbc does not implement is gbc's gap (GbcUnsupported), not the
// program's ModuleNotFoundError.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "interp/value.h"

namespace gbc::interp {

/// The folders the program's modules are found in, after the standard library's place.
struct SearchPath {
  /// sys.path[0] and the local package roots: the script's folder, and when the script is inside
  /// a package, the package root's parent (absolute paths).
  std::vector<std::string> script_roots;
  /// The environment's site-packages folders (environment.h), searched after the stdlib.
  std::vector<std::string> site_packages;
  /// What to tell the user once a module of the environment is imported (environment.h).
  std::vector<std::string> notes;
};

/// A note about an import, located at the import statement in the user's code.
struct ImportNote {
  std::string file;
  uint32_t line = 0;
  std::string message;
};

/// Counts of what imports did (for tests and measurements).
struct ImportStats {
  uint64_t parsed = 0;      // source files parsed and compiled
  uint64_t cache_hits = 0;  // code read from the on-disk cache (code_cache.h)
  uint64_t listings = 0;    // directory listings read (FileFinder's cache fills)
  uint64_t executed = 0;    // modules whose code ran
};

class Importer {
 public:
  explicit Importer(VM& vm);
  ~Importer();
  Importer(const Importer&) = delete;
  Importer& operator=(const Importer&) = delete;

  /// Creates sys.path (the stdlib's entries only) and the bootstrap modules; called once the VM's
  /// builtins exist.
  void install();
  /// Leaves in sys.modules only the modules a CPython process starts with (sys, builtins, _imp,
  /// importlib's bootstrap): gbc's preludes import torch while the VM is built.
  void forgetStartupImports();
  /// Sets sys.path to `search`'s folders around the standard library's entries.
  void setSearchPath(const SearchPath& search);

  // ---- the objects sys exposes
  const DictPtr& modules() const { return modules_; }
  const Value& path() const { return path_; }
  const Value& metaPath() const { return meta_path_; }
  const Value& pathHooks() const { return path_hooks_; }
  const DictPtr& pathImporterCache() const { return path_importer_cache_; }

  // ---- native modules (CPython's built-in modules)
  /// Registers a module gbc implements natively; imports find it first (BuiltinImporter).
  void registerNative(const std::string& name, Value module);
  /// The module `name`: sys.modules' entry, else the native one (loading a lazy part of the torch
  /// model if one provides it). Never imports from the path.
  Value findLoaded(const std::string& name);
  /// The native module `name` (registered, built by its factory, a pylib module, or a lazy part
  /// of the torch model), or null.
  Value nativeModule(const std::string& name);
  /// Whether BuiltinImporter provides `name` (a native module, not a switched-off stand-in).
  bool isBuiltin(const std::string& name);

  // ---- the import statement and its Python entry points
  /// IMPORT_NAME: builtins.__import__(name, globals, None, fromlist, level), natively unless the
  /// program replaced builtins.__import__.
  Value importName(const std::string& name, const DictPtr& globals, const Value& fromlist,
                   int level);
  /// IMPORT_FROM: `from module import name` (a submodule when it is not an attribute).
  Value importFrom(const Value& module, const std::string& name);
  /// IMPORT_STAR into `into` (__all__, else the public names of __dict__).
  void importStar(const Value& module, const DictPtr& into);
  /// CPython's PyImport_ImportModuleLevelObject: what the builtin __import__ does.
  Value importModuleLevel(const std::string& name, const DictPtr& globals, const Value& fromlist,
                          int level);
  /// The module `name` (relative to `globals`' package at `level`): what VM::importModule does.
  Value importModule(const std::string& name, const DictPtr& globals, int level);
  /// importlib._bootstrap._gcd_import: the module `name` (relative to `package` at `level`).
  Value gcdImport(const std::string& name, const std::string& package, int level);

  // ---- the pieces importlib's Python surface delegates to (import_bootstrap.cpp)
  /// _find_spec: sys.meta_path's finders in turn; None when none finds `name`.
  Value findSpec(const std::string& name, const Value& path);
  /// PathFinder.find_spec(name, path): `path` None searches sys.path.
  Value pathFindSpec(const std::string& name, const Value& path);
  /// The finder of a path entry (sys.path_importer_cache, filled through sys.path_hooks).
  Value pathEntryFinder(const std::string& entry);
  /// FileFinder(path).find_spec(name) natively: a spec, a namespace portion, or None.
  Value fileFinderFindSpec(const std::string& dir, const std::string& fullname);
  /// _load_unlocked: creates the module from `spec`, runs it in sys.modules, returns
  /// sys.modules' entry after it ran.
  Value loadUnlocked(const Value& spec);
  /// module_from_spec.
  Value moduleFromSpec(const Value& spec);
  /// _init_module_attrs.
  void initModuleAttrs(const Value& spec, const Value& module, bool override);
  /// SourceFileLoader.exec_module natively: runs the source file at `shown_path` in `module`.
  void execSource(const Value& module, const std::string& shown_path);
  /// The code of the source file at `shown_path` (from the on-disk cache when valid).
  std::shared_ptr<CodeObject> sourceCode(const std::string& shown_path, const std::string& name);
  /// The real file behind a path as sys.path shows it (the bundled stdlib is shown at the
  /// target's install prefix); the path itself elsewhere.
  std::string realPath(const std::string& shown) const;
  bool isDirectory(const std::string& shown) const;
  bool isFile(const std::string& shown) const;
  /// Forgets the cached listing of `dir` (FileFinder.invalidate_caches).
  void invalidateDirectory(const std::string& dir);

  /// BuiltinImporter's spec for `name` (a native module), or null.
  Value nativeSpec(const std::string& name);
  /// FrozenImporter's spec for `name` (a frozen standard-library module), or None.
  Value frozenSpec(const std::string& name);
  /// Runs `module` with `loader` (natively for gbc's own loaders, else loader.exec_module).
  Value execLoader(const Value& loader, const Value& module);
  /// Loads the part of importlib._bootstrap_external that is loaded on first use (the other
  /// loaders, namespace paths, spec_from_file_location, ...; import_prelude.h).
  void ensureExternal();
  /// Loads the Python part of importlib._bootstrap (FrozenImporter, spec_from_loader, ...).
  void ensureBootstrap();
  /// Loads the source loaders of importlib._bootstrap_external (SourceFileLoader).
  void ensureExternalCore();
  /// Makes sys.meta_path and sys.path_hooks (CPython's defaults; on first use).
  void materializeHooks();
  /// spec.parent / has_location / cached without running Python for gbc's own specs.
  Value specField(const Value& spec, std::string_view field);
  /// A SourceFileLoader(name, path) (the loader of __main__).
  Value makeSourceLoader(const std::string& name, const std::string& path);
  /// _handle_fromlist: imports the submodules `fromlist` names that `module` lacks.
  Value handleFromlist(const Value& module, const Value& fromlist, bool recursive);
  /// A ModuleSpec made natively (no Python code runs).
  Value makeSpec(const std::string& name, const Value& loader, const Value& origin, bool is_package,
                 bool has_location);

  const ImportStats& stats() const { return stats_; }
  /// The notes given so far (the environment's, at the first import of one of its modules).
  const std::vector<ImportNote>& notes() const { return notes_; }
  /// The target's standard library as sys.path shows it, e.g. "/usr/lib/python3.14".
  const std::string& stdlibDir() const { return stdlib_shown_; }
  /// gbc's bundle of it ("" when the bundle is not found).
  const std::string& stdlibBundle() const { return stdlib_real_; }

 private:
  struct Listing;
  struct Classes;
  friend void installImportBootstrap(VM& vm, Importer& importer);

  Value findAndLoad(const std::string& name);
  Value findAndLoadUnlocked(const std::string& name);
  std::string resolveName(const std::string& name, const DictPtr& globals, int level);
  [[noreturn]] void raiseMissing(const std::string& name);
  [[noreturn]] void raiseMissingGap(const std::string& name, std::string what);
  void checkUnimplementedBuiltin(const std::string& name);
  const Listing& listing(const std::string& real_dir);
  Value newLoader(const ClassPtr& cls, const std::string& name, const std::string& path);
  void setParentAttribute(const std::string& name, const Value& module);
  void noteEnvironmentUse(const Value& spec);
  Value sysModule(const std::string& name) const;
  bool nativeStandInAt(const std::string& name, const std::string& entry);

  VM& vm_;
  DictPtr modules_;
  Value path_, meta_path_, path_hooks_;
  DictPtr path_importer_cache_;
  std::unordered_map<std::string, Value> native_;
  std::unordered_map<std::string, std::unique_ptr<Listing>> listings_;
  std::unique_ptr<Classes> classes_;
  bool external_loaded_ = false, external_core_loaded_ = false, bootstrap_loaded_ = false;
  /// The VM is being built: its preludes' imports of gbc's native modules take the modules
  /// directly (no specs: sys.modules is reset when the VM is ready).
  bool starting_ = true;
  std::string stdlib_shown_, stdlib_real_;
  std::vector<std::string> site_packages_;
  std::vector<std::string> pending_notes_;
  std::vector<ImportNote> notes_;
  ImportStats stats_;
};

/// Creates the importlib surface (`_frozen_importlib`, `_frozen_importlib_external`, `_imp`,
/// builtins.__import__) and the default sys.meta_path / sys.path_hooks (import_bootstrap.cpp).
void installImportBootstrap(VM& vm, Importer& importer);

/// Where gbc's bundle of the standard library of Python `python` ("3.14") is: $GBC_STDLIB_DIR,
/// else stdlib/ beside the gbc executable's share folder, else the source tree's stdlib/; ""
/// when none has it.
std::string findStdlibBundle(const std::string& python);

}  // namespace gbc::interp
