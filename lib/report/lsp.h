// The Language Server's diagnostics: a file's findings as LSP 3.17 `Diagnostic` objects for
// `textDocument/publishDiagnostics` (0-based lines, UTF-16 columns).
#pragma once

#include "base/target.h"
#include "report/model.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace gbc::report {

/// The active findings and gbc diagnostics of `file` located in `file.path`, each with `range`,
/// `severity` (1 error, 2 graph break, 3 gbc diagnostic), `code`, `codeDescription.href`,
/// `source` "gbc", `message` and `relatedInformation` for the user stack.
nlohmann::json lspDiagnostics(const FileReport& file, const TargetProfile& target);

/// `file:///a%20b.py` -> `/a b.py`; an empty string when `uri` is not a file URI.
std::string pathFromUri(std::string_view uri);

/// `/a b.py` -> `file:///a%20b.py`.
std::string uriFromPath(std::string_view path);

}  // namespace gbc::report
