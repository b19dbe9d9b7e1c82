// Suppressions: `# gbc: ignore[GB0025]` / `# gbc: ignore` comments on the line of a finding, and
// the config's `ignore` list of codes. They mark model values `suppressed`; formatters leave
// suppressed findings out (JSON keeps them, marked), and they never fail a run.
#pragma once

#include "report/model.h"
#include "report/registry.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gbc::report {

/// One suppression comment.
struct Suppression {
  uint32_t line = 0;
  uint32_t column = 0;             ///< 1-based byte column of the `#`
  std::vector<std::string> codes;  ///< empty: every code
  std::string text;                ///< the comment as written, e.g. "gbc: ignore[GB0025]"
};

/// The suppression comments of a source text, in line order. Recognises `# gbc: ignore` and
/// `# gbc: ignore[GB0025, GB0170]` anywhere in a comment (a reason may follow: `-- why`).
std::vector<Suppression> parseSuppressions(std::string_view source);

/// Marks the breaks and errors of `file` covered by a comment on their location line (the break's
/// instruction, the error's innermost user frame) or by a code in `ignore_codes`. Adds a warning
/// diagnostic "unused suppression ..." for each comment of the analysed file that covered nothing.
void applySuppressions(FileReport& file, const Registry& registry,
                       const std::set<std::string>& ignore_codes);

/// `file` without its suppressed and baselined breaks and errors: what text output shows.
FileReport withoutInactive(const FileReport& file);

}  // namespace gbc::report
