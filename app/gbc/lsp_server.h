// `gbc lsp`: a Language Server over stdio (JSON-RPC with Content-Length framing). Handles
// initialize, initialized, textDocument/didOpen, didChange (full sync), didSave, didClose,
// shutdown and exit; publishes each analysed document's diagnostics.
#pragma once

#include "base/target.h"

#include <istream>
#include <ostream>

namespace gbc::app {

/// Serves until `exit` or end of input; returns the process exit code (0 after shutdown, else 1).
int serveLsp(std::istream& in, std::ostream& out, const TargetProfile& default_target);

}  // namespace gbc::app
