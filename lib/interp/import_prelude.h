// The Python source of gbc's importlib._bootstrap and importlib._bootstrap_external (see
// import_prelude.cpp).
#pragma once

namespace gbc::interp {

/// `_frozen_importlib`: ModuleSpec, BuiltinImporter, FrozenImporter, spec_from_loader, ...
extern const char* const kBootstrapPrelude;
/// `_frozen_importlib_external`: the loaders, PathFinder, FileFinder, spec_from_file_location, ...
extern const char* const kBootstrapExternalPrelude;

}  // namespace gbc::interp
