// gbc's command line: parse flags, call the libraries, write their text, pick the exit code.
// The only file that writes to stdout/stderr and the only catch-all.
//
// Exit codes: 0 nothing to fail on; 1 `analyze`: findings to fail on (`--fail-on`, default an
// Unsupported error that would be raised; `run`: the program ended with an uncaught exception);
// 2 usage or input error (bad flag or config, unreadable file, syntax error); 3 internal error;
// 4 not analysed (or run) to the end: gbc cannot model something the program does, or (analyze)
// the program stopped on an uncaught exception, or it ran past its budget.
#include "analysis.h"
#include "base/result.h"
#include "base/target.h"
#include "config.h"
#include "interp/code_cache.h"
#include "interp/driver.h"
#include "interp/environment.h"
#include "lsp_server.h"
#include "report/baseline.h"
#include "report/explain.h"
#include "report/findings.h"
#include "report/github.h"
#include "report/json.h"
#include "report/json_writer.h"
#include "report/registry.h"
#include "report/sarif.h"
#include "report/suppress.h"
#include "report/text.h"
#include "report/traceback.h"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace gbc;

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitInput = 2;
constexpr int kExitIncomplete = 4;

void writeOut(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }
void writeErr(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stderr); }

using app::absolutePath;
using app::readFile;

/// Prints a failure of gbc itself (not a finding about the program).
void printError(const Error& error, std::string_view command) {
  switch (error.code) {
    case ErrorCode::Syntax:
    case ErrorCode::Encoding:
      // Already `file:line:col: syntax error ...`.
      writeErr(error.message + "\n");
      return;
    case ErrorCode::Io:
    case ErrorCode::Unsupported:
    case ErrorCode::Usage:
    case ErrorCode::Internal:
      writeErr(std::string(command) + ": " +
               (error.code == ErrorCode::Unsupported && command == "gbc run" ? "" : "error: ") +
               error.message + "\n");
      return;
  }
}

/// The analysed program's budget (--max-instructions, --timeout, --max-memory; see
/// interp::Options), from the flags, else [tool.gbc], else the command's defaults: `analyze`
/// bounds time and memory, `run` only the instructions (a program run for real may take long).
struct Limits {
  uint64_t max_instructions = 1'000'000'000;
  double timeout_s = 0;
  uint64_t max_memory_mb = 0;
  CLI::Option* instructions_opt = nullptr;
  CLI::Option* timeout_opt = nullptr;
  CLI::Option* memory_opt = nullptr;

  static Limits forAnalyze() {
    Limits limits;
    limits.timeout_s = 120;
    limits.max_memory_mb = 4096;
    return limits;
  }
  void apply(interp::Options& options, const app::Config* config = nullptr) const {
    options.max_instructions = max_instructions;
    options.timeout_s = timeout_s;
    options.max_memory_mb = max_memory_mb;
    if (!config) return;
    if (config->max_instructions && !instructions_opt->count())
      options.max_instructions = *config->max_instructions;
    if (config->timeout && !timeout_opt->count()) options.timeout_s = *config->timeout;
    if (config->max_memory && !memory_opt->count()) options.max_memory_mb = *config->max_memory;
  }
  void add(CLI::App* cmd) {
    instructions_opt =
        cmd->add_option("--max-instructions", max_instructions,
                        "stop the program after N bytecode instructions, traced code included "
                        "(exit 4; 0: no limit)")
            ->capture_default_str();
    timeout_opt = cmd->add_option("--timeout", timeout_s,
                                  "stop the program after SECONDS of running (exit 4; 0: no limit)")
                      ->capture_default_str();
    memory_opt = cmd->add_option("--max-memory", max_memory_mb,
                                 "stop the program when gbc's memory passes MIB, or before a "
                                 "tensor larger than that is made (exit 4; 0: no limit)")
                     ->capture_default_str();
  }
};

/// The user's Python environment (--python, --site-packages; interp/environment.h).
struct EnvironmentArgs {
  std::string python;
  std::vector<std::string> site_packages;
  void add(CLI::App* cmd) {
    cmd->add_option("--python", python,
                    "the Python interpreter (or environment folder) whose packages the program "
                    "imports (default: $VIRTUAL_ENV, else python3 on PATH)");
    cmd->add_option("--site-packages", site_packages,
                    "a folder of packages to import from, before the environment's (repeatable)")
        ->allow_extra_args(false);
  }
  /// Finds the environment and puts it into `options`; `config_python` is [tool.gbc] python.
  Result<bool> apply(interp::Options& options,
                     const std::optional<std::string>& config_python) const {
    interp::EnvironmentRequest request;
    request.python = python;
    if (python.empty() && config_python) {
      request.python = *config_python;
      request.python_origin = "[tool.gbc] python";
    }
    request.site_packages = site_packages;
    request.target_python = std::string(options.target.python);
    std::string cache = interp::CodeCache::defaultDirectory();
    request.cache_dir = cache;
    Result<interp::PythonEnvironment> env = interp::findEnvironment(request);
    if (!env) return env.error();
    options.site_packages = env->site_packages;
    options.python_executable = env->interpreter;
    options.python_prefix = env->prefix;
    options.environment_notes = env->notes;
    return true;
  }
};

struct AnalyzeArgs {
  EnvironmentArgs environment;
  Limits limits = Limits::forAnalyze();
  std::string target = "2.14";
  std::string format = "text";
  std::string fail_on = "error";
  bool target_set = false, format_set = false, fail_on_set = false;
  bool exit_zero = false;
  std::string config;
  std::string baseline;
  std::string write_baseline;
  std::string output;
  unsigned jobs = 0;
  std::vector<std::string> files;
};

/// Writes `text` to `path` through a temporary file in the same directory and a rename, so a
/// reader never sees a half-written file.
Result<bool> writeFileAtomically(const std::string& path, const std::string& text) {
  std::string temp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return Error{ErrorCode::Io, "cannot write '" + path + "': " + std::strerror(errno)};
    out << text;
    out.flush();
    if (!out) {
      std::remove(temp.c_str());
      return Error{ErrorCode::Io, "cannot write '" + path + "': " + std::strerror(errno)};
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::remove(temp.c_str());
    return Error{ErrorCode::Io, "cannot write '" + path + "': " + ec.message()};
  }
  return true;
}

/// The program's uncaught exception as the interpreter prints it (Python 3.11+ caret lines).
std::string uncaughtText(const interp::Outcome& outcome) {
  if (!outcome.uncaught_exception) return "";
  return report::formatPyTraceback(*outcome.uncaught_exception, outcome.report.sources, true);
}

std::string directoryOf(const std::string& path) {
  return std::filesystem::path(absolutePath(path)).parent_path().string();
}

/// A progress line on a terminal for long runs; never in pipes or CI.
std::function<void(std::size_t)> progressBar(std::size_t total) {
  if (total < 8 || !::isatty(STDERR_FILENO) || std::getenv("CI") != nullptr) return {};
  return [total](std::size_t done) {
    std::string line = "\rgbc: analysing " + std::to_string(done) + "/" + std::to_string(total);
    if (done == total) line = "\r\033[K";
    writeErr(line);
  };
}

report::FailOn failOnFrom(const std::string& name) {
  if (name == "break") return report::FailOn::Break;
  if (name == "never") return report::FailOn::Never;
  return report::FailOn::Error;
}

int analyze(AnalyzeArgs args) {
  Result<app::Config> config = !args.config.empty()
                                   ? app::loadConfig(args.config)
                                   : app::findConfig(args.files.empty() ? "." : args.files.front());
  if (!config) {
    printError(config.error(), "gbc");
    return kExitInput;
  }
  if (!args.target_set && config->target) args.target = *config->target;
  if (!args.format_set && config->format) args.format = *config->format;
  if (!args.fail_on_set && config->fail_on) args.fail_on = *config->fail_on;
  TargetProfile target = *findTarget(args.target);
  const report::Registry& registry = report::registryFor(target);
  std::set<std::string> ignore(config->ignore.begin(), config->ignore.end());
  for (const std::string& code : ignore) {
    // a mistyped code would silently ignore nothing
    if (!registry.entries(code).empty()) continue;
    printError(Error{ErrorCode::Usage, "invalid configuration '" + config->file +
                                           "': 'ignore': " + "unknown gb-code '" + code +
                                           "' (`gbc codes` lists them)"},
               "gbc");
    return kExitInput;
  }

  std::optional<report::Baseline> baseline;
  if (!args.baseline.empty()) {
    Result<std::string> text = readFile(args.baseline);
    if (!text) {
      printError(text.error(), "gbc");
      return kExitInput;
    }
    Result<report::Baseline> parsed = report::parseBaseline(*text);
    if (!parsed) {
      printError(Error{ErrorCode::Usage,
                       "invalid baseline '" + args.baseline + "': " + parsed.error().message},
                 "gbc");
      return kExitInput;
    }
    baseline = std::move(*parsed);
  }

  std::vector<std::string> walk_notes;
  std::vector<std::string> files = app::expandPaths(args.files, *config, &walk_notes);
  bool walk_warning = false;
  for (const std::string& note : walk_notes) {
    writeErr(note + "\n");
    walk_warning = walk_warning || note.find(": warning: ") != std::string::npos;
  }
  if (files.empty()) {
    // nothing to analyse is an input error (a typo in a path must not pass CI silently)
    writeErr("gbc: error: no Python files found\n");
    return kExitInput;
  }
  interp::Options options;
  options.target = target;
  args.limits.apply(options, &*config);
  if (Result<bool> env = args.environment.apply(options, config->python); !env) {
    printError(env.error(), "gbc");
    return kExitInput;
  }
  // One file: the process ends right after, freeing the program's state would only cost time.
  options.keep_state = files.size() == 1;

  // The report goes to stderr (text: it is Dynamo's log) or stdout (json, sarif, github), or with
  // --output into a file written once, atomically, at the end.
  std::string captured;
  auto emitText = [&](std::string_view text) {
    if (args.output.empty())
      writeErr(text);
    else
      captured += text;
  };
  auto emitData = [&](std::string_view text) {
    if (args.output.empty())
      writeOut(text);
    else
      captured += text;
  };
  report::Report report;
  std::vector<std::string> uncaught;
  std::string errors_text;  // input errors, in file order
  bool input_error = walk_warning;
  std::function<void(std::size_t)> progress = progressBar(files.size());
  // Each file's result as soon as it and the files before it are done (input order).
  auto consume = [&](app::FileResult& result) {
    if (progress) writeErr("\r\033[K");  // the progress line is redrawn after the file's text
    if (result.error && result.error->code == ErrorCode::Unsupported) {
      // not an input error: gbc could not analyse the file to its end (a construct it cannot
      // parse yet, the budget); the file counts as stopped
      writeErr("gbc: error: " + result.error->message + "\n");
      report::FileReport stopped;
      stopped.path = absolutePath(result.name);
      stopped.stopped =
          report::Stop{report::Stop::Reason::CannotModel, stopped.path, 0, result.error->message};
      report.files.push_back(std::move(stopped));
      uncaught.emplace_back();
      return;
    }
    if (result.error) {
      input_error = true;
      if (result.error->code == ErrorCode::Syntax || result.error->code == ErrorCode::Encoding)
        errors_text += result.error->message + "\n";
      else
        errors_text += "gbc: error: " + result.error->message + "\n";
      if (args.format == "text") {
        writeErr(errors_text);
        errors_text.clear();
      }
      return;
    }
    report::applySuppressions(result.outcome->report, registry, ignore);
    report.files.push_back(std::move(result.outcome->report));
    uncaught.push_back(uncaughtText(*result.outcome));
    if (args.format != "text") return;
    // Text goes out per file, in input order, as each file's records would be logged.
    report::FileReport& file = report.files.back();
    if (baseline) {
      report::Report one;
      one.files.push_back(file);
      report::applyBaseline(one, *baseline, target, directoryOf(args.baseline));
      file = std::move(one.files.front());
    }
    emitText(report::renderFileText(report::withoutInactive(file), target));
    emitText(uncaught.back());
    if (file.stopped && file.stopped->reason == report::Stop::Reason::UncaughtException)
      emitText(report::renderStopNote(*file.stopped));
  };
  app::analyzeFiles(files, options, args.jobs, progress, consume);
  writeErr(errors_text);
  // Baseline keys count across files, so non-text formats apply it to the whole report.
  if (baseline && args.format != "text")
    report::applyBaseline(report, *baseline, target, directoryOf(args.baseline));

  std::size_t suppressed = 0, baselined = 0;
  bool fails = false;
  report::FailOn fail_on = failOnFrom(args.fail_on);
  for (const report::FileReport& file : report.files) {
    for (const report::Finding& finding : report::collectFindings(file, registry)) {
      suppressed += finding.suppressed ? 1 : 0;
      baselined += finding.baselined && !finding.suppressed ? 1 : 0;
      fails = fails || report::failsOn(finding, fail_on);
    }
  }

  std::string root = absolutePath(".");
  if (args.format == "json") {
    emitData(report::dumpJson(report::toJson(report, target), 2) + "\n");
  } else if (args.format == "sarif") {
    emitData(report::dumpJson(report::toSarif(report, target, root), 2) + "\n");
  } else if (args.format == "github") {
    emitData(report::renderGithub(report, target, root));
  } else {
    report::Report shown;
    for (const report::FileReport& file : report.files)
      shown.files.push_back(report::withoutInactive(file));
    std::string summary = report::renderSummary(shown);
    if (suppressed != 0) summary += ", " + std::to_string(suppressed) + " suppressed";
    if (baselined != 0) summary += ", " + std::to_string(baselined) + " in baseline";
    emitText(summary + "\n");
  }
  if (!args.output.empty()) {
    if (Result<bool> written = writeFileAtomically(args.output, captured); !written) {
      printError(written.error(), "gbc");
      return kExitInput;
    }
  }

  if (!args.write_baseline.empty() && input_error) {
    // a baseline of a run that could not read every file would drop those files' entries
    writeErr("gbc: error: baseline '" + args.write_baseline +
             "' not written: not every file could be analysed\n");
  } else if (!args.write_baseline.empty()) {
    std::string dir = directoryOf(args.write_baseline);
    report::Baseline today = report::makeBaseline(report, target, dir);
    // the other files' entries stay (a baseline written for one file keeps the rest)
    if (std::filesystem::exists(args.write_baseline)) {
      Result<std::string> text = readFile(args.write_baseline);
      Result<report::Baseline> before =
          text ? report::parseBaseline(*text) : Result<report::Baseline>(text.error());
      if (!before) {
        printError(Error{ErrorCode::Usage, "cannot update baseline '" + args.write_baseline +
                                               "': " + before.error().message},
                   "gbc");
        return kExitInput;
      }
      std::set<std::string> analysed;
      for (const report::FileReport& file : report.files)
        analysed.insert(report::relativeTo(file.path, dir));
      today = report::mergeBaseline(*before, today, analysed);
    }
    Result<bool> written = writeFileAtomically(
        args.write_baseline, report::dumpJson(report::baselineJson(today), 2) + "\n");
    if (!written) {
      printError(written.error(), "gbc");
      return kExitInput;
    }
    std::size_t count = 0;
    for (const auto& entry : today) count += static_cast<std::size_t>(entry.second);
    writeErr("gbc: wrote " + std::to_string(count) + " findings to baseline '" +
             args.write_baseline + "'\n");
    fails = false;
  }
  if (input_error) return kExitInput;
  if (args.exit_zero) return kExitOk;
  for (const report::FileReport& file : report.files)
    if (file.stopped) return kExitIncomplete;
  return fails ? kExitFindings : kExitOk;
}

int explain(const std::string& target_name, const std::string& file) {
  TargetProfile target = *findTarget(target_name);
  Result<std::string> source = readFile(file);
  if (!source) {
    printError(source.error(), "gbc");
    return kExitInput;
  }
  interp::Options options;
  options.target = target;
  Result<interp::Outcome> outcome = app::analyzeSource(absolutePath(file), *source, options);
  if (!outcome) {
    printError(outcome.error(), "gbc");
    return outcome.error().code == ErrorCode::Unsupported ? kExitIncomplete : kExitInput;
  }
  writeOut(report::renderExplain(outcome->report, target));
  if (const auto& stop = outcome->report.stopped) {
    // what explain counted is only what ran before the program stopped
    for (const report::Diagnostic& diagnostic : outcome->report.diagnostics)
      writeErr(report::renderDiagnostic(diagnostic, outcome->report.path));
    if (stop->reason == report::Stop::Reason::UncaughtException) {
      writeErr(uncaughtText(*outcome));
      writeErr(report::renderStopNote(*stop));
    }
    return kExitIncomplete;
  }
  return kExitOk;
}

struct RunArgs {
  EnvironmentArgs environment;
  Limits limits;
  std::string target = "2.14";
  std::optional<uint64_t> seed;
  std::string log;
  std::string file;
};

int run(const RunArgs& args) {
  TargetProfile target = *findTarget(args.target);
  Result<std::string> source = readFile(args.file);
  if (!source) {
    printError(source.error(), "gbc");
    return kExitInput;
  }
  interp::Options options;
  options.target = target;
  options.run = true;
  options.seed = args.seed;
  args.limits.apply(options);
  options.out = [](std::string_view text) { writeOut(text); };
  options.err = [](std::string_view text) {
    std::fflush(stdout);  // (the program's own order of its two streams)
    writeErr(text);
  };
  if (Result<bool> env = args.environment.apply(options, std::nullopt); !env) {
    printError(env.error(), "gbc");
    return kExitInput;
  }
  Result<interp::Outcome> outcome = app::runProgram(absolutePath(args.file), *source, options);
  std::fflush(stdout);
  if (!outcome) {
    printError(outcome.error(), "gbc run");
    return outcome.error().code == ErrorCode::Unsupported ? kExitIncomplete : kExitInput;
  }
  if (args.log == "graph_breaks") {
    // TORCH_LOGS=graph_breaks shows the records only; errors reach the program as exceptions.
    report::FileReport records = outcome->report;
    records.errors.clear();
    records.diagnostics.clear();
    writeErr(report::renderFileText(records, target));
  }
  if (outcome->uncaught_exception) {
    writeErr(uncaughtText(*outcome) + outcome->exit_stderr);
    return kExitFindings;
  }
  writeErr(outcome->exit_stderr);
  return kExitOk;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

int codes(const std::string& target_name, const std::string& code_arg) {
  const report::Registry& registry = report::registryFor(*findTarget(target_name));
  if (code_arg.empty()) {
    writeOut(report::renderCodeList(registry));
    return kExitOk;
  }
  std::string entry = report::renderCodeEntry(registry, upper(code_arg));
  if (entry.empty()) {
    writeErr("gbc: error: unknown gb-code '" + code_arg + "' in the PyTorch " + target_name +
             " registry\n");
    return kExitInput;
  }
  writeOut(entry);
  return kExitOk;
}

int runCli(int argc, char** argv) {
  CLI::App app{"gbc: predicts torch.compile (Dynamo) graph breaks without running PyTorch"};
  app.set_version_flag("--version", "gbc " + std::string(report::toolVersion()));
  app.require_subcommand(1);
  auto targets = CLI::IsMember({"2.14", "2.11", "2.9"});

  AnalyzeArgs analyze_args;
  CLI::App* analyze_cmd =
      app.add_subcommand("analyze", "report graph breaks, errors and graphs Dynamo would produce");
  CLI::Option* analyze_target =
      analyze_cmd->add_option("--target", analyze_args.target, "PyTorch version to model")
          ->check(targets)
          ->capture_default_str();
  CLI::Option* analyze_format =
      analyze_cmd->add_option("--format", analyze_args.format, "output format")
          ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
          ->capture_default_str();
  CLI::Option* analyze_fail_on =
      analyze_cmd
          ->add_option("--fail-on", analyze_args.fail_on,
                       "exit 1 on: error (an Unsupported would be raised), break (any), never")
          ->check(CLI::IsMember({"error", "break", "never"}))
          ->capture_default_str();
  analyze_cmd->add_flag("--exit-zero", analyze_args.exit_zero,
                        "exit 0 even with findings to fail on (2 still reports input errors)");
  analyze_cmd->add_option("--config", analyze_args.config,
                          "configuration file (default: nearest pyproject.toml with [tool.gbc])");
  analyze_cmd->add_option("--baseline", analyze_args.baseline,
                          "report and fail only on findings not in this baseline file");
  analyze_cmd->add_option("--write-baseline", analyze_args.write_baseline,
                          "record today's findings in this baseline file");
  analyze_cmd->add_option("-o,--output", analyze_args.output,
                          "write the report to FILE (atomically, once complete) instead of "
                          "stderr (text) or stdout (other formats)");
  analyze_cmd
      ->add_option("-j,--jobs", analyze_args.jobs, "files analysed at once (0: one per core)")
      ->capture_default_str();
  analyze_cmd->add_option("PATH", analyze_args.files, "Python files or directories")->required();
  analyze_args.limits.add(analyze_cmd);
  analyze_args.environment.add(analyze_cmd);

  std::string explain_target = "2.14";
  std::string explain_file;
  CLI::App* explain_cmd =
      app.add_subcommand("explain", "print what torch._dynamo.explain would print");
  explain_cmd->add_option("--target", explain_target, "PyTorch version to model")
      ->check(targets)
      ->capture_default_str();
  explain_cmd->add_option("FILE", explain_file, "Python file")->required();

  std::string lsp_target = "2.14";
  CLI::App* lsp_cmd = app.add_subcommand("lsp", "serve the Language Server Protocol over stdio");
  lsp_cmd->add_option("--target", lsp_target, "PyTorch version to model (config may override)")
      ->check(targets)
      ->capture_default_str();

  RunArgs run_args;
  uint64_t seed = 0;
  CLI::App* run_cmd =
      app.add_subcommand("run", "execute the program, compiled regions on gbc's CPU runtime");
  run_cmd->add_option("--target", run_args.target, "PyTorch version to model")
      ->check(targets)
      ->capture_default_str();
  CLI::Option* seed_opt = run_cmd->add_option("--seed", seed, "torch.manual_seed before running");
  run_cmd->add_option("--log", run_args.log, "print Dynamo logs to stderr (graph_breaks)")
      ->check(CLI::IsMember({"graph_breaks"}));
  run_cmd->add_option("FILE", run_args.file, "Python file")->required();
  run_args.limits.add(run_cmd);
  run_args.environment.add(run_cmd);

  std::string codes_target = "2.14";
  std::string code;
  CLI::App* codes_cmd = app.add_subcommand("codes", "print gb-code registry entries");
  codes_cmd->add_option("--target", codes_target, "PyTorch version whose registry to use")
      ->check(targets)
      ->capture_default_str();
  codes_cmd->add_option("CODE", code, "a gb-code such as GB0025 (default: list all)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitInput;
  }
  if (*seed_opt) run_args.seed = seed;
  if (analyze_cmd->parsed()) {
    analyze_args.target_set = analyze_target->count() != 0;
    analyze_args.format_set = analyze_format->count() != 0;
    analyze_args.fail_on_set = analyze_fail_on->count() != 0;
    return analyze(analyze_args);
  }
  if (explain_cmd->parsed()) return explain(explain_target, explain_file);
  if (lsp_cmd->parsed()) {
    int rc = app::serveLsp(std::cin, std::cout, *findTarget(lsp_target));
    // the server's reader thread may still be blocked reading stdin: end the process here,
    // without running the destructors of the streams it uses
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(rc);
  }
  if (run_cmd->parsed()) return run(run_args);
  if (codes_cmd->parsed()) return codes(codes_target, code);
  return kExitInput;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return runCli(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gbc: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "gbc: internal error: unknown exception\n");
  }
  return 3;
}
