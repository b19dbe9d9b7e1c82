// gbc's command line: parse flags, call the libraries, write their text, pick the exit code.
// The only file that writes to stdout/stderr and the only catch-all.
//
// Exit codes: 0 nothing to report as failing; 1 `analyze`: an Unsupported error would be raised
// (`run`: the program ended with an uncaught exception); 2 usage or input error (unreadable file,
// syntax error, something gbc cannot model while running).
#include "base/result.h"
#include "base/target.h"
#include "interp/driver.h"
#include "report/json.h"
#include "report/registry.h"
#include "report/text.h"

#include <CLI/CLI.hpp>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace gbc;

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitInput = 2;

void writeOut(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }
void writeErr(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stderr); }

/// A file's text, or the message `gbc: error: cannot read 'x.py': No such file or directory`.
Result<std::string> readFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Error{ErrorCode::Io, "cannot read '" + path + "': Is a directory"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::Io, "cannot read '" + path + "': " + std::strerror(errno)};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error{ErrorCode::Io, "cannot read '" + path + "': " + std::strerror(errno)};
  return text.str();
}

/// Python runs `python3 file.py` with an absolute co_filename; gbc reports the same path.
std::string absolutePath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) return path;
  return absolute.lexically_normal().string();
}

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

struct AnalyzeArgs {
  std::string target = "2.14";
  std::string format = "text";
  std::vector<std::string> files;
};

int analyze(const AnalyzeArgs& args) {
  TargetProfile target = *findTarget(args.target);
  interp::Options options;
  options.target = target;
  report::Report report;
  bool input_error = false;
  for (const std::string& name : args.files) {
    Result<std::string> source = readFile(name);
    if (!source) {
      printError(source.error(), "gbc");
      input_error = true;
      continue;
    }
    std::string path = absolutePath(name);
    Result<interp::Outcome> outcome = interp::runFile(path, *source, options);
    if (!outcome) {
      printError(outcome.error(), "gbc");
      input_error = true;
      continue;
    }
    if (args.format == "text") {
      writeErr(report::renderFileText(outcome->report, target));
      if (outcome->uncaught_exception) writeErr(*outcome->uncaught_exception);
    }
    report.files.push_back(std::move(outcome->report));
  }
  if (args.format == "json") {
    writeOut(report::toJson(report, target).dump(2) + "\n");
  } else {
    writeErr(report::renderSummary(report) + "\n");
  }
  if (input_error) return kExitInput;
  for (const report::FileReport& file : report.files)
    if (!file.errors.empty()) return kExitFindings;
  return kExitOk;
}

struct RunArgs {
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
  options.out = [](std::string_view text) { writeOut(text); };
  Result<interp::Outcome> outcome = interp::runFile(absolutePath(args.file), *source, options);
  std::fflush(stdout);
  if (!outcome) {
    printError(outcome.error(), "gbc run");
    return kExitInput;
  }
  if (args.log == "graph_breaks") {
    // TORCH_LOGS=graph_breaks shows the records only; errors reach the program as exceptions.
    report::FileReport records = outcome->report;
    records.errors.clear();
    records.diagnostics.clear();
    writeErr(report::renderFileText(records, target));
  }
  if (outcome->uncaught_exception) {
    writeErr(*outcome->uncaught_exception);
    return kExitFindings;
  }
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
  analyze_cmd->add_option("--target", analyze_args.target, "PyTorch version to model")
      ->check(targets)
      ->capture_default_str();
  analyze_cmd->add_option("--format", analyze_args.format, "output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  analyze_cmd->add_option("FILE", analyze_args.files, "Python files")->required();

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
  if (analyze_cmd->parsed()) return analyze(analyze_args);
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
