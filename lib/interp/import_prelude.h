// The Python source of gbc's importlib._bootstrap and importlib._bootstrap_external (see
// import_prelude.cpp).
#pragma once

namespace gbc::interp {

/// `_frozen_importlib`: ModuleSpec, BuiltinImporter, FrozenImporter, spec_from_loader, ...
extern const char* const kBootstrapPrelude;
/// `_frozen_importlib_external`'s part every process needs: the source loaders, PathFinder,
/// FileFinder.
extern const char* const kBootstrapExternalPrelude;
/// The rest of `_frozen_importlib_external` (spec_from_file_location, cache_from_source, the
/// other loaders, namespace paths, ...), loaded on first use (import_prelude_external.cpp).
extern const char* const kBootstrapExternalRestPrelude;

}  // namespace gbc::interp
