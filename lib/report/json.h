// The JSON report, schema version 1 (../shared/conformance/README.md, mirrored in README.md).
#pragma once

#include "base/target.h"
#include "report/model.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace gbc::report {

/// gbc's version ("0.1.0"), from the CMake project version.
std::string_view toolVersion();

/// The whole report as schema version 1. Positions: `line`/`end_line` are 1-based; `column` is
/// CPython's 0-based byte column + 1 and `end_column` its exclusive end + 1, both null when the
/// position has no columns. A break's `gb_code` is its first message's code, `gbs` the codes of
/// all its chained messages; an error's `gb_code` is the code of the last message that has one.
/// Fields beyond the schema: breaks carry `kind`, `may` and `doc_url`; errors `gb_type`, `gbs`
/// and `may`; breaks and errors `suppressed` (a `# gbc: ignore` comment or config `ignore`) and
/// `baselined` (accepted by `--baseline`); diagnostics `file` and `column`; each file
/// `caught_errors` (Unsupported errors the program caught without showing them, same fields as
/// `errors`).
nlohmann::ordered_json toJson(const Report& report, const TargetProfile& target);

}  // namespace gbc::report
