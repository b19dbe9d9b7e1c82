// The `~~~^^^` marker lines that Python 3.13+ prints under traceback source lines (PEP 657), and
// the always-shown variant Dynamo prints under "Stack variable source attribution".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gbc::syntax {

/// The caret line CPython 3.13/3.14's traceback module prints under `line` for a position on that
/// line, [col, end_col) in UTF-8 bytes of the unstripped line. The result is relative to the
/// stripped line (leading spaces/tabs removed), as the traceback prints it; nullopt where CPython
/// prints no caret line. Follows traceback.py: `_extract_caret_anchors_from_line_segment` (BinOp:
/// the operator as `^`; Subscript/Call: from `[`/`(` to the end; the rest `~`; no anchors: all `^`)
/// and `_should_show_carets` (none for `return f(...)` / `x = f(...)` spanning the whole line,
/// none when the position covers the whole line and has no anchors). Display width counts East
/// Asian wide characters as 2 columns.
std::optional<std::string> tracebackCaretLine(std::string_view line, uint32_t col,
                                              uint32_t end_col);

/// The marker line under a "Stack variable source attribution" source line: the same anchors, but
/// always shown, one marker per character, and relative to the unstripped line (the caller adds
/// its own prefix to both lines). Empty when the position is empty or outside the line.
std::string attributionCaretLine(std::string_view line, uint32_t col, uint32_t end_col);

}  // namespace gbc::syntax
