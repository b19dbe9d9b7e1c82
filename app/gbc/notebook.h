// Jupyter notebooks (.ipynb): their code cells as the pieces of one program, run in order as
// IPython's "Run All" runs them (interp::runUnits), IPython's magics and shell escapes skipped.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "interp/driver.h"
#include "report/model.h"

namespace gbc::app {

/// A notebook's program: one unit per code cell, named "<path>#cell<N>" (N: the cell's 1-based
/// position in the notebook, markdown cells counted, as an editor shows them), and a note for
/// each line or cell that is IPython rather than Python.
struct Notebook {
  std::vector<interp::SourceUnit> cells;
  std::vector<report::Diagnostic> notes;
};

/// Whether `path` names a notebook (ends with .ipynb).
bool isNotebookPath(const std::string& path);

/// The notebook in `text` (the file at `path`, absolute). Fails with ErrorCode::Syntax,
/// "<path>: not a Jupyter notebook: ..." when the JSON is not nbformat 4's shape.
Result<Notebook> readNotebook(const std::string& path, const std::string& text);

}  // namespace gbc::app
