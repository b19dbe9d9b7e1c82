// Traceback layouts, after CPython 3.14 Lib/traceback.py (StackSummary.format_frame_summary) and
// torch 2.14 torch/_dynamo/utils.py (format_source_range).
#include "report/traceback.h"

#include "syntax/carets.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace gbc::report {

// The rstripped source lines [first, last] of a file, as FrameSummary._set_lines reads them.
static std::vector<std::string> sourceLines(const py::SourceMap& sources, const std::string& file,
                                            uint32_t first, uint32_t last) {
  std::vector<std::string> out;
  for (uint32_t n = first; n <= last; ++n)
    out.emplace_back(py::rstrip(py::sourceLine(sources, file, n)));
  return out;
}

static std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) out += '\n';
    out += lines[i];
  }
  return out;
}

// A position spanning several lines: CPython prints the first and last line of the span (and a
// single line between them, or "...<n lines>..." for more), dedented together. The caret lines
// of such spans need the anchors of a multi-line segment, which syntax::tracebackCaretLine does
// not compute, so they are left out.
static std::string formatMultiLineSource(const std::vector<std::string>& original) {
  std::string dedented = py::dedent(joinLines(original));
  std::vector<std::string> all_lines;
  for (std::string_view line : py::splitLinesKeepEnds(dedented))
    all_lines.emplace_back(line.substr(0, line.find_last_not_of("\r\n") + 1));
  if (all_lines.empty()) return "";
  std::set<std::size_t> significant = {0, all_lines.size() - 1};
  std::string result;
  std::size_t previous = 0;
  bool first = true;
  for (std::size_t index : significant) {
    if (!first) {
      std::size_t diff = index - previous;
      if (diff == 2) result += all_lines[index - 1] + "\n";
      if (diff > 2) result += fmt::format("...<{} lines>...\n", diff - 1);
    }
    result += all_lines[index] + "\n";
    previous = index;
    first = false;
  }
  return py::indentAll(py::dedent(result), "    ");
}

std::string formatFrame(const FrameSummary& frame, const py::SourceMap& sources, bool caret_lines) {
  std::string out =
      fmt::format("  File \"{}\", line {}, in {}\n", frame.file, frame.line, frame.function);
  bool multi_line = caret_lines && frame.has_columns && frame.end_line > frame.line;
  uint32_t last = multi_line ? frame.end_line : frame.line;
  std::vector<std::string> lines = sourceLines(sources, frame.file, frame.line, last);
  bool any_text = false;
  for (const std::string& line : lines) any_text = any_text || !py::strip(line).empty();
  if (!any_text) return out;
  if (multi_line) return out + formatMultiLineSource(lines);

  const std::string& line = lines.front();
  out += "    ";
  out += py::strip(line);
  out += '\n';
  if (!caret_lines || !frame.has_columns) return out;
  std::optional<std::string> carets = syntax::tracebackCaretLine(line, frame.col, frame.end_col);
  if (carets) out += "    " + *carets + "\n";
  return out;
}

std::string formatFrameList(const std::vector<FrameSummary>& frames, const py::SourceMap& sources,
                            bool caret_lines) {
  std::string out;
  for (const FrameSummary& frame : frames) out += formatFrame(frame, sources, caret_lines);
  return out;
}

std::string formatPyTraceback(const PyTraceback& tb, const py::SourceMap& sources,
                              bool caret_lines) {
  std::string out;
  for (const PyExceptionRecord& e : tb.chain) {
    if (!e.frames.empty()) {
      out += "Traceback (most recent call last):\n";
      // StackSummary.format: a frame repeated more than 3 times in a row is summarised
      const FrameSummary* last = nullptr;
      size_t repeats = 0;
      auto flush = [&] {
        if (repeats > 3)
          out += fmt::format("  [Previous line repeated {} more time{}]\n", repeats - 3,
                             repeats - 3 == 1 ? "" : "s");
      };
      for (const FrameSummary& f : e.frames) {
        bool same =
            last && last->file == f.file && last->line == f.line && last->function == f.function;
        if (same) {
          ++repeats;
        } else {
          flush();
          repeats = 1;
        }
        last = &f;
        if (repeats <= 3) out += formatFrame(f, sources, caret_lines);
      }
      flush();
    }
    out += e.message.empty() ? e.type + "\n" : e.type + ": " + e.message + "\n";
    for (const std::string& note : e.notes) out += note + "\n";
    if (e.link == "cause")
      out += "\nThe above exception was the direct cause of the following exception:\n\n";
    else if (e.link == "context")
      out += "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  return out;
}

std::string formatSourceLocation(const FrameSummary& where, const py::SourceMap& sources) {
  std::string result = fmt::format("  File \"{}\", line {}\n", where.file, where.line);
  uint32_t last = where.has_columns && where.end_line > where.line ? where.end_line : where.line;
  std::vector<std::string> lines = sourceLines(sources, where.file, where.line, last);
  bool any_text = false;
  for (const std::string& line : lines) any_text = any_text || !line.empty();
  std::string source;
  if (!any_text) {
    source = "";
  } else if (!where.has_columns) {
    source = lines.front();
  } else if (lines.size() > 1) {
    // Dynamo hands multi-line spans to CPython's traceback formatter (3.13+); printed here
    // without their marker lines (see formatMultiLineSource).
    std::string indent_str = lines.front().substr(0, lines.front().find_first_not_of(" \t"));
    source = py::indent(py::dedent(joinLines(lines)), indent_str);
  } else {
    const std::string& line = lines.front();
    std::size_t start = std::min<std::size_t>(where.col, line.size());
    std::size_t end = std::clamp<std::size_t>(where.end_col, start, line.size());
    // format_source_range's markers: `~` over the span, `^` over its anchor (a Call from its
    // "(", a Subscript from its "[", a BinOp's operator), all `^` without an anchor.
    source = line + "\n" +
             syntax::attributionCaretLine(line, static_cast<uint32_t>(start),
                                          static_cast<uint32_t>(end)) +
             "\n";
  }
  if (!source.empty()) {
    std::string_view trimmed = source;
    while (!trimmed.empty() && trimmed.back() == '\n') trimmed.remove_suffix(1);
    result += py::indent(trimmed, "    ") + "\n";
  }
  return std::string(py::rstrip(result));
}

}  // namespace gbc::report
