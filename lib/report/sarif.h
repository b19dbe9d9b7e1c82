// SARIF 2.1.0 (OASIS), the format GitHub code scanning uploads: one rule per gb-code used, one
// result per active finding (suppressed ones carry `suppressions`, baselined ones are left out).
#pragma once

#include "base/target.h"
#include "report/model.h"

#include <nlohmann/json.hpp>

#include <string>

namespace gbc::report {

/// The report as a SARIF 2.1.0 log. Artifact URIs are relative to `root` (an absolute directory,
/// normally the working directory) when the file lies under it, `file://` URIs otherwise. Columns
/// are Unicode code points (`columnKind`), 1-based. `partialFingerprints["gbc/v1"]` hashes the
/// relative path, gb-code, stripped source line and the occurrence index of that triple, so it
/// survives edits that only shift lines.
nlohmann::ordered_json toSarif(const Report& report, const TargetProfile& target,
                               const std::string& root);

/// `path` relative to `root` when it lies under it, else `path` unchanged.
std::string relativeTo(const std::string& path, const std::string& root);

}  // namespace gbc::report
