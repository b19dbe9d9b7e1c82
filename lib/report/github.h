// GitHub Actions workflow commands: one `::error` / `::warning` annotation per active finding,
// then a plain summary (GitHub shows only ten annotations of each kind per step).
#pragma once

#include "base/target.h"
#include "report/model.h"

#include <string>

namespace gbc::report {

/// `::error file=F,line=L,endLine=E,col=C,endColumn=EC,title=GB0025::message` lines (errors) and
/// `::warning ...` lines (breaks), file paths relative to `root`, then gbc's summary line.
std::string renderGithub(const Report& report, const TargetProfile& target,
                         const std::string& root);

/// A workflow-command property value, escaped (% \r \n : ,).
std::string escapeGithubProperty(std::string_view text);

/// A workflow-command message, escaped (% \r \n).
std::string escapeGithubData(std::string_view text);

}  // namespace gbc::report
