// runFile: parse, compile and execute one program under the Dynamo simulation.
#include "interp/driver.h"
#include "syntax/source_encoding.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pthread.h>

#include "interp/dynamo.h"
#include "interp/importer.h"
#include "interp/mod_atexit.h"
#include "interp/mod_sys.h"
#include "interp/reach.h"
#include "interp/runtime_compat.h"
#include "interp/static_mode.h"
#include "interp/vfs.h"
#include "interp/vm.h"
#include "report/traceback.h"
#include "syntax/parser.h"

namespace gbc::interp {

namespace {

/// sys.path[0] is the script's folder; inside a package (folders with __init__.py) the package
/// root's parent is searched too and relative imports resolve against the package.
struct ImportSetting {
  std::vector<std::string> roots;
  std::string package;
};

ImportSetting importSetting(const std::string& path) {
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  std::string root = dir, package;
  for (;;) {
    std::FILE* init = std::fopen((root + "/__init__.py").c_str(), "rb");
    if (!init) break;
    std::fclose(init);
    size_t slash = root.rfind('/');
    std::string pkg = root.substr(slash == std::string::npos ? 0 : slash + 1);
    package = package.empty() ? pkg : pkg + "." + package;
    if (slash == std::string::npos) {
      root = ".";
      break;
    }
    root = root.substr(0, slash);
  }
  ImportSetting setting{{dir}, package};
  if (!package.empty()) setting.roots.push_back(root);
  return setting;
}

/// The namespace of `__main__`, in sys.modules as CPython has it for `python path`: __spec__ None,
/// __loader__ a SourceFileLoader. Inside a package, gbc sets __package__ so that the file's
/// relative imports resolve as when the package imports it (CPython would refuse them).
DictPtr mainModule(VM& vm, const std::string& path, const std::string& package) {
  auto main = std::make_shared<ModuleObject>("__main__");
  DictPtr globals = main->dict;
  globals->setStr("__name__", pyStr("__main__"));
  globals->setStr("__doc__", none());
  globals->setStr("__package__", package.empty() ? none() : pyStr(package));
  globals->setStr("__loader__", vm.importer().makeSourceLoader("__main__", path));
  globals->setStr("__spec__", none());
  globals->setStr("__file__", pyStr(path));
  globals->setStr("__builtins__", vm.builtinsDict());
  vm.importer().modules()->setStr("__main__", main);
  return globals;
}

/// The innermost frame of `exc`'s traceback in the user's code (VM::isUserFile), if any.
const TracebackEntry* innermostUserEntry(VM& vm, const Value& exc) {
  for (const TracebackEntry& entry : as<InstanceObject>(exc).traceback)  // innermost first
    if (vm.isUserFile(entry.file)) return &entry;
  return nullptr;
}

/// Where an uncaught exception stops the program: its innermost user frame, else its outermost.
TracebackEntry stopEntry(VM& vm, const Value& exc) {
  if (const TracebackEntry* entry = innermostUserEntry(vm, exc)) return *entry;
  const auto& tb = as<InstanceObject>(exc).traceback;
  return tb.empty() ? TracebackEntry{} : tb.back();
}

/// The exception on `exc`'s __cause__ / __context__ chain that carries a gap of gbc.
Value gapException(const Value& exc) {
  Value at = exc;
  for (int depth = 0; at && at->kind == Kind::Instance && depth < 100; ++depth) {
    auto& inst = as<InstanceObject>(at);
    if (inst.gap) return at;
    at = inst.cause && !isNone(inst.cause) ? inst.cause : inst.context;
  }
  return nullptr;
}

/// Whether an uncaught exception still ends the program as planned: `sys.exit()`
/// (SystemExit), or torch's `Unsupported` error, which is a finding of its own.
bool endsNormally(VM& vm, const Value& exc) {
  if (exc->kind != Kind::Instance) return false;
  const ClassPtr& cls = as<InstanceObject>(exc).cls;
  for (const ClassPtr& c : cls->mro)
    if (c->name == "SystemExit" && c->module == "builtins") return true;
  const ClassPtr& unsupported = vm.dynamo().unsupported_class;
  return unsupported && cls->isSubclassOf(unsupported.get());
}

/// Keeps `objects` alive to the end of the process (Options::keep_state): held by a global that is
/// never destroyed, so LeakSanitizer sees them reachable.
void keepAlive(std::initializer_list<std::shared_ptr<const void>> objects) {
  static auto* kept = new std::vector<std::shared_ptr<const void>>;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  kept->insert(kept->end(), objects.begin(), objects.end());
}

Result<Outcome> runUnitsHere(const std::string& path, const std::vector<SourceUnit>& units,
                             const Options& options) {
  ImportSetting imports = importSetting(path);
  std::string all;  // every unit's text, for the reach check
  for (const SourceUnit& unit : units) all += unit.source + "\n";
  if (!options.run &&
      !mayReachTorch(all, imports.roots.front(), imports.roots, options.site_packages)) {
    // Nothing here can import torch (reach.h): its syntax is all there is to check.
    for (const SourceUnit& unit : units)
      if (std::optional<Error> error = syntax::checkSyntax(unit.name, unit.source)) return *error;
    Outcome outcome;
    outcome.report.path = path;
    return outcome;
  }
  std::vector<std::shared_ptr<Result<syntax::Module>>> parsed;
  std::vector<std::shared_ptr<CodeObject>> codes;
  for (const SourceUnit& unit : units) {
    parsed.push_back(
        std::make_shared<Result<syntax::Module>>(syntax::parseModule(unit.name, unit.source)));
    if (!*parsed.back()) return parsed.back()->error();
    auto code =
        compileModule(**parsed.back(), unit.name, CompileOptions::forPython(options.target.python));
    if (!code) return code.error();
    if (std::getenv("GBC_DUMP_BYTECODE")) std::fputs(disassemble(**code).c_str(), stderr);
    codes.push_back(*code);
  }
  Outcome outcome;
  outcome.report.path = path;
  auto vm_state = std::make_shared<VM>(options.target, options.run);
  if (options.keep_state) {
    keepAlive({vm_state});
    for (size_t i = 0; i < codes.size(); ++i) keepAlive({parsed[i], codes[i]});
  }
  VM& vm = *vm_state;
  vm.recursion_limit = options.recursion_limit;
  vm.budget.max_instructions = options.max_instructions;
  vm.budget.timeout_s = options.timeout_s;
  vm.budget.max_memory_mb = options.max_memory_mb;
  vm.budget.cancel = options.cancel;
  vm.budget.arm();
  runtime::setStorageLimit(static_cast<int64_t>(options.max_memory_mb << 20));
  vm.out = options.out;
  // tracebacks quote the text as Python decoded it (a PEP 263 Latin-1 file's lines in UTF-8)
  for (const SourceUnit& unit : units) {
    Result<std::string> decoded = syntax::decodeSource(unit.name, unit.source);
    vm.sources[unit.name] = std::make_shared<const std::string>(decoded ? *decoded : unit.source);
  }
  vm.dynamo().sink = &outcome.report;
  // The recordings ran after torch.manual_seed(0); analysis is deterministic the same way.
  runtime::manualSeed(options.seed.value_or(0));
  vm.module_roots = imports.roots;
  vm.err = options.err;
  SearchPath search{imports.roots, options.site_packages, options.environment_notes};
  vm.importer().setSearchPath(search);
  configureSys(vm, {options.python_executable, options.python_prefix, "", {path}});
  DictPtr globals = mainModule(vm, path, imports.package);
  // What gbc cannot model stops the program with a located diagnostic (in `run`, an error).
  auto cannotModel = [&](std::string what, const std::string& file, uint32_t line) -> Status {
    std::string where = file.empty() ? path : file;
    if (options.run)
      return Error{ErrorCode::Unsupported,
                   "cannot model " + what + " at " + where + ":" + std::to_string(line)};
    outcome.report.diagnostics.push_back({report::Severity::Warning, where, line, 0,
                                          "gbc cannot model " + what + "; analysis stopped here"});
    outcome.report.stopped =
        report::Stop{report::Stop::Reason::CannotModel, where, line, std::move(what)};
    return Ok{};
  };
  // Past its budget the program stops where it was; analysis keeps what it found before.
  auto budgetStop = [&](GbcBudgetExceeded& e) -> Status {
    if (e.file.empty()) {
      e.file = path;
      if (Frame* f = vm.top()) {
        e.file = f->code->filename;
        e.line = f->curPos().line;
      }
    }
    if (options.run)
      return Error{ErrorCode::Unsupported,
                   e.file + ":" + std::to_string(e.line) + ": " + e.message};
    outcome.report.diagnostics.push_back(
        {report::Severity::Warning, e.file, e.line, 0, e.message + "; analysis stopped here"});
    outcome.report.stopped =
        report::Stop{report::Stop::Reason::Budget, e.file, e.line, std::move(e.message)};
    return Ok{};
  };
  try {
    // the units run one after another in the same __main__, as a notebook's cells do; an
    // uncaught exception stops them all ("Run All" stops there too)
    for (const std::shared_ptr<CodeObject>& code : codes) vm.execModule(code, "__main__", globals);
  } catch (PyRaise& e) {
    vm.dynamo().noteUncaught(e.exc);
    if (Value gap = gapException(e.exc)) {
      // an exception only gbc's gap made: not the program's own. Located where the gap was met
      // in the user's code (else where the program stopped), naming the library frame if any.
      const auto& tb = as<InstanceObject>(gap).traceback;
      const TracebackEntry* user = innermostUserEntry(vm, gap);
      TracebackEntry at = user ? *user : stopEntry(vm, e.exc);
      std::string what = *as<InstanceObject>(gap).gap;
      if (!tb.empty() && !vm.isUserFile(tb.front().file))
        what += " (in " + tb.front().file + ":" + std::to_string(tb.front().pos.line) + ")";
      Status s = cannotModel(std::move(what), at.file, at.pos.line);
      if (!s) return s.error();
    } else {
      outcome.uncaught_exception = vm.tracebackReport(e.exc);
      if (!endsNormally(vm, e.exc)) {
        TracebackEntry at = stopEntry(vm, e.exc);
        outcome.report.stopped = report::Stop{report::Stop::Reason::UncaughtException, at.file,
                                              at.pos.line, outcome.uncaught_exception->lastLine()};
      }
    }
  } catch (GbcUnsupported& u) {
    Status s = cannotModel(u.what, u.file, u.line);
    if (!s) return s.error();
  } catch (GbcBudgetExceeded& e) {
    Status s = budgetStop(e);
    if (!s) return s.error();
  }
  // the functions atexit.register()ed run as the interpreter exits (not after a gap of gbc's:
  // the program's state is not what CPython's would be there); a failing one is reported as
  // PyErr_WriteUnraisable does, whose C traceback printer draws no carets
  if (!outcome.report.stopped ||
      outcome.report.stopped->reason == report::Stop::Reason::UncaughtException) {
    try {
      report::py::SourceMap sources(vm.sources.begin(), vm.sources.end());
      for (const AtexitFailure& f : runAtexitCallbacks(vm))
        outcome.exit_stderr += "Exception ignored in atexit callback " + f.callback + ":\n" +
                               report::formatPyTraceback(f.traceback, sources, false);
    } catch (GbcUnsupported& u) {
      Status s = cannotModel(u.what, u.file, u.line);
      if (!s) return s.error();
    } catch (GbcBudgetExceeded& e) {
      Status s = budgetStop(e);
      if (!s) return s.error();
    }
  }
  // what open files still buffer is written, as CPython flushes them at exit (vfs.h)
  vm.vfs().flushAll();
  for (const ImportNote& note : vm.importer().notes())
    outcome.report.diagnostics.push_back(
        {report::Severity::Note, note.file, note.line, 0, note.message});
  // static mode: compiled callables the module body never called (analyze only), also when the
  // body stopped early: it may have been about to call them
  if (!options.run) runStaticMode(vm, globals, outcome.report);
  vm.dynamo().finish();
  for (auto& [file, text] : vm.sources) outcome.report.sources[file] = text;
  return outcome;
}

struct ThreadCall {
  const std::string* path;
  const std::vector<SourceUnit>* units;
  const Options* options;
  std::optional<Result<Outcome>> result;
  std::exception_ptr failure;
};

void* runFileThread(void* arg) {
  auto* call = static_cast<ThreadCall*>(arg);
  try {
    call->result.emplace(runUnitsHere(*call->path, *call->units, *call->options));
  } catch (...) {
    call->failure = std::current_exception();
  }
  return nullptr;
}

}  // namespace

Result<Outcome> runFile(const std::string& path, const std::string& source,
                        const Options& options) {
  return runUnits(path, {SourceUnit{path, source}}, options);
}

Result<Outcome> runUnits(const std::string& path, const std::vector<SourceUnit>& units,
                         const Options& options) {
  if (options.stack_bytes == 0) return runUnitsHere(path, units, options);
  // The program runs on a thread with a large stack; the caller waits for it.
  ThreadCall call{&path, &units, &options, std::nullopt, nullptr};
  pthread_attr_t attr;
  pthread_t thread;
  bool started = pthread_attr_init(&attr) == 0;
  started = started && pthread_attr_setstacksize(&attr, options.stack_bytes) == 0 &&
            pthread_create(&thread, &attr, runFileThread, &call) == 0;
  pthread_attr_destroy(&attr);
  if (!started) return runUnitsHere(path, units, options);
  pthread_join(thread, nullptr);
  if (call.failure) std::rethrow_exception(call.failure);
  return std::move(*call.result);
}

}  // namespace gbc::interp
