// Jupyter notebooks: nbformat 4's JSON (cells[].cell_type, cells[].source as a string or a list of
// lines) read into the units of one program.
#include "notebook.h"

#include <nlohmann/json.hpp>

namespace gbc::app {

using Json = nlohmann::json;

bool isNotebookPath(const std::string& path) {
  return path.size() > 6 && path.compare(path.size() - 6, 6, ".ipynb") == 0;
}

namespace {

std::string cellText(const Json& source) {
  if (source.is_string()) return source.get<std::string>();
  std::string text;
  if (source.is_array())
    for (const Json& line : source)
      if (line.is_string()) text += line.get<std::string>();
  return text;
}

/// `text` with IPython's line magics (`%matplotlib inline`) and shell escapes (`!pip install x`)
/// made `pass` at the same indentation, so the cell's other lines keep their numbers; a note for
/// each.
std::string withoutMagics(const std::string& name, const std::string& text,
                          std::vector<report::Diagnostic>& notes) {
  std::string out;
  uint32_t line = 1;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string l = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    size_t first = l.find_first_not_of(" \t");
    if (first != std::string::npos && (l[first] == '%' || l[first] == '!')) {
      std::string shown = l.substr(first);
      if (!shown.empty() && shown.back() == '\r') shown.pop_back();
      notes.push_back({report::Severity::Note, name, line, static_cast<uint32_t>(first + 1),
                       "IPython " + std::string(l[first] == '%' ? "magic" : "shell command") +
                           " `" + shown + "` skipped: gbc runs the cell as Python"});
      l = l.substr(0, first) + "pass";
    }
    out += l;
    if (end == std::string::npos) break;
    out += '\n';
    pos = end + 1;
    ++line;
  }
  return out;
}

}  // namespace

Result<Notebook> readNotebook(const std::string& path, const std::string& text) {
  Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](const std::string& why) {
    return Error{ErrorCode::Syntax, path + ": not a Jupyter notebook: " + why};
  };
  if (doc.is_discarded()) return bad("invalid JSON");
  if (!doc.is_object() || !doc.contains("cells") || !doc["cells"].is_array())
    return bad("no \"cells\" list (nbformat 4)");
  Notebook notebook;
  int index = 0;
  for (const Json& cell : doc["cells"]) {
    ++index;
    if (!cell.is_object() || cell.value("cell_type", "") != "code") continue;
    std::string name = path + "#cell" + std::to_string(index);
    std::string source = cellText(cell.value("source", Json()));
    size_t first = source.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && source.compare(first, 2, "%%") == 0) {
      // a cell magic owns the whole cell (%%bash, %%writefile, %%time, ...)
      std::string magic = source.substr(first, source.find('\n', first) - first);
      notebook.notes.push_back(
          {report::Severity::Note, name, 1, 1,
           "IPython cell magic `" + magic + "`: the cell is skipped (gbc runs cells as Python)"});
      continue;
    }
    notebook.cells.push_back({name, withoutMagics(name, source, notebook.notes)});
  }
  return notebook;
}

}  // namespace gbc::app
