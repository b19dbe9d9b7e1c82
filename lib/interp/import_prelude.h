// The Python source of gbc's importlib._bootstrap and importlib._bootstrap_external (see
// import_prelude.cpp).
#pragma once

namespace gbc::interp {

/// `_frozen_importlib`'s Python part: FrozenImporter, spec_from_loader, the module locks, ...
extern const char* const kBootstrapPrelude;
/// `_frozen_importlib_external`'s source loaders (SourceFileLoader: __main__'s loader).
extern const char* const kBootstrapExternalPrelude;
/// The rest of `_frozen_importlib_external` (PathFinder, FileFinder, spec_from_file_location,
/// cache_from_source, the other loaders, namespace paths, ...; import_prelude_external.cpp).
extern const char* const kBootstrapExternalRestPrelude;

}  // namespace gbc::interp
