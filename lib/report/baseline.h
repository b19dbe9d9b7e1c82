// Baselines: today's findings recorded so CI fails only on new ones. A finding's key is its file
// (relative to the baseline's directory), innermost function, gb-code and stripped source line,
// never its line number, so unrelated edits do not churn the file; equal keys are counted.
#pragma once

#include "base/result.h"
#include "base/target.h"
#include "report/model.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

namespace gbc::report {

/// (file, function, gb_code, source line) -> how many findings have it.
using BaselineKey = std::tuple<std::string, std::string, std::string, std::string>;
using Baseline = std::map<BaselineKey, int>;

/// The active (unsuppressed) findings of `report` as a baseline; paths relative to `root`.
Baseline makeBaseline(const Report& report, const TargetProfile& target, const std::string& root);

/// `today` (a baseline of the files analysed now) merged into `before` (the baseline file as it
/// was): every entry of a file in `analysed` (paths relative to the baseline's directory; a
/// notebook's cells "nb.ipynb#cellN" count as nb.ipynb) or with findings today is today's, the
/// other files keep theirs. So `--write-baseline` for some files leaves the others' entries.
Baseline mergeBaseline(const Baseline& before, const Baseline& today,
                       const std::set<std::string>& analysed);

/// The baseline file's JSON: {"gbc_baseline": 1, "findings": [{file, function, gb_code, source,
/// count}]}, sorted by key.
nlohmann::ordered_json baselineJson(const Baseline& baseline);

/// Reads a baseline file's text; fails with ErrorCode::Usage naming what is wrong.
Result<Baseline> parseBaseline(std::string_view text);

/// Marks the findings of `report` the baseline accepts (each key up to its count, in report
/// order) `baselined`, and the duplicate records of baselined breaks; returns how many findings.
std::size_t applyBaseline(Report& report, const Baseline& baseline, const TargetProfile& target,
                          const std::string& root);

}  // namespace gbc::report
