// The user's Python environment: where the packages a program imports are installed (its
// site-packages), found the way pyright and mypy find it — `--python PATH`, `[tool.gbc] python`,
// `$VIRTUAL_ENV`, else the first `python3` on PATH — without starting that interpreter: a
// virtual environment is read from its pyvenv.cfg, an installation from its prefix's layout
// (Debian's dist-packages, upstream's site-packages). Only an interpreter whose version neither
// tells (a shim script) is run, once: its answer is cached under gbc's cache folder, keyed by the
// interpreter's path and mtime. `--site-packages DIR` names package folders without an
// interpreter. Each site folder's .pth files add their path lines; their `import` lines are
// skipped (gbc does not run them), with a note.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace gbc::interp {

struct EnvironmentRequest {
  /// An interpreter or an environment's folder (`--python`, or the config's `python`); "" to
  /// look for one ($VIRTUAL_ENV, then python3 on PATH) when `search` is set.
  std::string python;
  /// How `python` was named, for messages ("--python", "[tool.gbc] python").
  std::string python_origin = "--python";
  bool search = true;
  /// `--site-packages` folders, searched first.
  std::vector<std::string> site_packages;
  /// The target's Python version ("3.14"): an environment of another version is used anyway,
  /// with a note.
  std::string target_python = "3.14";
  /// Where the answers of interpreters that had to be run are cached ("" for none).
  std::string cache_dir;
};

struct PythonEnvironment {
  std::string interpreter;  ///< the interpreter as named ("" when there is none)
  std::string prefix;       ///< sys.prefix ("" when there is no interpreter)
  std::string version;      ///< "3.12" ("" when unknown)
  std::string origin;       ///< "--python", "$VIRTUAL_ENV", "python3 on PATH", ... ("" for none)
  /// The folders sys.path gets after the standard library, in order (.pth additions included).
  std::vector<std::string> site_packages;
  /// What the user should know when the environment's packages are used (version mismatch,
  /// skipped .pth import lines).
  std::vector<std::string> notes;
};

/// The environment `request` names. Fails (ErrorCode::Usage) when an interpreter or folder the
/// user named does not exist; an environment gbc finds by itself that does not work out is no
/// environment.
Result<PythonEnvironment> findEnvironment(const EnvironmentRequest& request);

}  // namespace gbc::interp
