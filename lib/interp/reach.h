// Which files can meet torch.compile at all. A file that cannot import torch, directly or through
// the local modules it can import, has no graph breaks, no compiled code for static mode and no
// Unsupported errors: gbc checks its syntax and does not execute it. On a tree of plain Python
// (most of a repository, a standard library) this is what makes analysis fast.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gbc::interp {

/// Whether executing a file whose text is `source`, with `roots` as the folders its local imports
/// resolve in (VM::module_roots), can import torch: the text mentions "torch" anywhere (code,
/// strings, comments), or a Python file under a root that an import could reach does. Reachable
/// means through folders and files whose names are identifiers (a `site-packages` or `.venv`
/// folder cannot be imported from); symbolic links are followed. A root too large to scan (over
/// 100,000 files or 1 GiB), or one that cannot be read, counts as reaching torch. Not modelled: a
/// module name assembled at run time from pieces that do not spell "torch" in any file.
/// Thread-safe; each root is scanned once per process.
bool mayReachTorch(std::string_view source, const std::vector<std::string>& roots);

/// Forgets the scans of the roots, so the next mayReachTorch reads them again (a long-lived
/// process such as `gbc lsp` calls it before each analysis: files change under it).
void forgetReachScans();

}  // namespace gbc::interp
