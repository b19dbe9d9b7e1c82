// Which files can meet torch.compile at all. A file that cannot import torch, directly or through
// the local modules it can import, has no graph breaks, no compiled code for static mode and no
// Unsupported errors: gbc checks its syntax and does not execute it. On a tree of plain Python
// (most of a repository, a standard library) this is what makes analysis fast.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gbc::interp {

/// Whether executing a file whose text is `source`, in folder `dir`, with `roots` as the folders
/// its absolute local imports resolve in (VM::module_roots), can import torch: its text mentions
/// "torch" anywhere (code, strings, comments), or a local module its import statements can load
/// does, following their imports in turn (each `__init__.py` on the way, `from m import x` with x
/// a submodule, relative imports from the importing file's folder). A file that imports
/// dynamically (`__import__`, `importlib`, `import_module`) may load any local module: then any
/// Python file under the roots (through folders and files whose names are identifiers; symbolic
/// links followed) that mentions torch counts. A tree too large to read (over 100,000 files or
/// 1 GiB) or a file that cannot be read counts as reaching torch. Not modelled: a module name
/// assembled at run time from pieces that spell "torch" in no file. Thread-safe; each file is read
/// once per process.
///
/// `site_packages` (the environment's folders, environment.h) are searched after the roots for
/// absolute imports, so a file importing a package that imports torch (transformers) is executed;
/// a package file there that imports dynamically counts as reaching torch when any file of its
/// own top-level package mentions torch (one scan per package and process).
bool mayReachTorch(std::string_view source, const std::string& dir,
                   const std::vector<std::string>& roots,
                   const std::vector<std::string>& site_packages = {});

/// Forgets the scans of the roots, so the next mayReachTorch reads them again (a long-lived
/// process such as `gbc lsp` calls it before each analysis: files change under it).
void forgetReachScans();

}  // namespace gbc::interp
