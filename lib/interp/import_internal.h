// Shared by the importer's files (importer.cpp, import_finders.cpp, import_bootstrap.cpp): the
// importlib classes it recognises, and small helpers for CPython's messages.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "interp/importer.h"
#include "interp/vm.h"

namespace gbc::interp {

/// The objects of importlib's surface the native importer recognises by identity (a program's
/// own finder or loader is called through Python instead). spec and builtin_importer exist from
/// the start (native); the others are null until their Python part loads (ensureBootstrap,
/// ensureExternalCore, ensureExternal).
struct Importer::Classes {
  Value bootstrap, external;  // the modules _frozen_importlib, _frozen_importlib_external
  Value spec, builtin_importer, frozen_importer, path_finder, file_finder, source_loader,
      sourceless_loader, extension_loader, namespace_loader, namespace_path;
  Value file_finder_hook;  // sys.path_hooks' default entry
  Value dunder_import;     // builtins.__import__ as gbc installs it
  Value loader_details;    // FileFinder._loaders of the default hook: [(suffix, loader class)]
};

struct Importer::Listing {
  int64_t mtime_ns = -2;  // -1: not a readable folder
  std::unordered_set<std::string> names;
  /// Extension modules by module name: files `NAME.<tag>.so` whose tag is a CPython's other than
  /// the target's (an environment of another Python version; used anyway, with a note).
  std::unordered_map<std::string, std::string> other_extensions;
};

/// Python's repr of a str (quotes as CPython chooses them).
std::string pyRepr(const std::string& text);

/// Raises `cls` (ImportError or a subclass) with `message` and the attributes name, path and
/// name_from (None when not given), as PyErr_SetImportError does.
[[noreturn]] void raiseImportError(VM& vm, const ClassPtr& cls, const std::string& message,
                                   const Value& name, const Value& path,
                                   const Value& name_from = nullptr);

/// `obj.attr` unless it is missing or None.
Value nonNoneAttr(VM& vm, const Value& obj, std::string_view attr);
/// A module's dunder attribute (__path__, __spec__, __all__, ...) from its dict (gbc's native
/// modules answer other missing attributes with more than an AttributeError); getattr for
/// other objects.
Value dunderAttr(VM& vm, const Value& obj, std::string_view attr);
/// setattr that ignores an AttributeError (as _init_module_attrs does).
void setAttrQuietly(VM& vm, const Value& obj, std::string_view attr, Value value);

/// `spec._initializing` is true (_PyModuleSpec_IsInitializing).
bool specInitializing(VM& vm, const Value& spec);
/// The spec's origin when it is a location (has_location) and a str, else null.
Value specFileOrigin(VM& vm, const Value& spec);
/// CPython 3.13+'s test for a module that may shadow another: its folder is sys.path[0].
bool isPossiblyShadowing(VM& vm, const std::string& origin);

/// Runs the source of one of gbc's Python preludes in `globals` (from the build's code image when
/// one matches; vm.cpp).
void runPreludeInto(VM& vm, const DictPtr& globals, const std::string& filename,
                    const std::string& source);

}  // namespace gbc::interp
