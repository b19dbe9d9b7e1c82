// Findings: the report's graph breaks and Unsupported errors flattened to one located, coded item
// each, the unit the CI and editor formats (SARIF, GitHub, LSP), suppressions, baselines and the
// exit code work on. Pure functions of the report model and the target's registry.
#pragma once

#include "base/target.h"
#include "report/model.h"
#include "report/registry.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gbc::report {

enum class FindingKind {
  Break,        ///< a graph-break record (the first of its dedup key; duplicates are not findings)
  Error,        ///< an Unsupported error the program shows
  CaughtError,  ///< an Unsupported error the program catches silently
};

/// One finding, located at the breaking instruction (breaks) or the innermost user frame (errors).
struct Finding {
  FindingKind kind = FindingKind::Break;
  std::size_t index = 0;  ///< index into the file's graph_breaks / errors / caught_errors
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;  ///< 1-based byte column; 0 when the position has none
  uint32_t end_line = 0;
  uint32_t end_column = 0;  ///< 1-based exclusive byte column; 0 when none
  std::string gb_code;  ///< "GB0025"; empty when the target's registry does not know the gb_type
  std::string gb_type;
  std::string explanation;
  std::vector<std::string> hints;
  std::string function;     ///< the innermost function's co_name
  std::string source_line;  ///< the text of the located line, stripped of surrounding blanks
  std::vector<FrameSummary> user_stack;  ///< outermost first
  bool may = false;
  bool suppressed = false;
  bool baselined = false;
  bool isError() const { return kind != FindingKind::Break; }
  /// Neither suppressed by a comment or config nor accepted by a baseline.
  bool active() const { return !suppressed && !baselined; }
};

/// The findings of one file in event order: non-duplicate breaks, errors, caught errors, each
/// carrying the `suppressed` / `baselined` marks of its model value.
std::vector<Finding> collectFindings(const FileReport& file, const Registry& registry);

/// The one-line message of a finding: "gb_type: explanation" (plus " (may)" for a possible one).
std::string findingMessage(const Finding& finding);

/// Which findings make `gbc analyze` exit 1.
enum class FailOn { Error, Break, Never };

/// Whether an active finding of this kind fails the run under `fail_on`.
bool failsOn(const Finding& finding, FailOn fail_on);

/// The text of `line` (1-based) of `text` without its end of line; empty when out of range.
std::string_view sourceLine(std::string_view text, uint32_t line);

/// `text` without leading and trailing blanks.
std::string_view strip(std::string_view text);

/// A 1-based byte column of `line_text` as a 1-based column counted in UTF-16 code units
/// (`utf16` true, LSP) or Unicode code points (SARIF's unicodeCodePoints).
uint32_t convertColumn(std::string_view line_text, uint32_t byte_column, bool utf16);

/// 64-bit FNV-1a of `text` as 16 hex digits: stable across platforms and runs.
std::string stableHash(std::string_view text);

}  // namespace gbc::report
