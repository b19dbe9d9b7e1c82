// Parallel analysis of files.
#include "analysis.h"
#include "notebook.h"

#include <malloc.h>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace gbc::app {

Result<std::string> readFile(const std::string& path) {
  std::error_code ec;
  std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status))
    return Error{ErrorCode::Io, "cannot read '" + path + "': Is a directory"};
  // a FIFO, socket or device would block the read (or never end): not a source file
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    return Error{ErrorCode::Io, "cannot read '" + path + "': not a regular file"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::Io, "cannot read '" + path + "': " + std::strerror(errno)};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error{ErrorCode::Io, "cannot read '" + path + "': " + std::strerror(errno)};
  return text.str();
}

std::string absolutePath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) return path;
  return absolute.lexically_normal().string();
}

Result<interp::Outcome> runProgram(const std::string& path, const std::string& source,
                                   const interp::Options& options) {
  if (!isNotebookPath(path)) return interp::runFile(path, source, options);
  Result<Notebook> notebook = readNotebook(path, source);
  if (!notebook) return notebook.error();
  Result<interp::Outcome> outcome = interp::runUnits(path, notebook->cells, options);
  if (outcome) {
    auto& diagnostics = outcome->report.diagnostics;
    diagnostics.insert(diagnostics.begin(), notebook->notes.begin(), notebook->notes.end());
  }
  return outcome;
}

Result<interp::Outcome> analyzeSource(const std::string& path, const std::string& source,
                                      const interp::Options& options) {
  // runFile runs the program on its own large-stack thread, so per-run thread state is fresh.
  try {
    return runProgram(path, source, options);
  } catch (const std::exception& e) {
    return Error{ErrorCode::Internal, std::string("analysing '") + path + "': " + e.what()};
  }
}

static FileResult analyzeOne(const std::string& name, const interp::Options& options) {
  FileResult out;
  out.name = name;
  Result<std::string> source = readFile(name);
  if (!source) {
    out.error = source.error();
    return out;
  }
  Result<interp::Outcome> outcome = analyzeSource(absolutePath(name), *source, options);
  if (!outcome) {
    out.error = outcome.error();
    return out;
  }
  out.outcome = std::move(*outcome);
  return out;
}

std::vector<FileResult> analyzeFiles(const std::vector<std::string>& names,
                                     const interp::Options& options, unsigned jobs,
                                     const std::function<void(std::size_t)>& progress,
                                     const std::function<void(FileResult&)>& ready) {
  std::vector<FileResult> results(names.size());
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(names.size(), 1)));
  // One file at a time: one malloc arena (glibc would give the analysis thread a new one, grown a
  // page at a time with mprotect) grown 16 MiB at a time: about a tenth of the time of analysing
  // one small file. With several jobs glibc's arena per thread avoids contention.
  if (jobs == 1) {
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TOP_PAD, 16 << 20);
  }
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::vector<bool> finished(names.size(), false);
  std::size_t delivered = 0;  // results[0, delivered) went to `ready`
  std::mutex mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < names.size(); i = next++) {
      FileResult result = analyzeOne(names[i], options);
      std::lock_guard<std::mutex> lock(mutex);
      results[i] = std::move(result);
      finished[i] = true;
      if (progress) progress(++done);
      // hand over every result whose predecessors are all done: output stays in input order
      // and a slow file holds back only the files after it
      for (; ready && delivered < names.size() && finished[delivered]; ++delivered)
        ready(results[delivered]);
    }
  };
  std::vector<std::thread> workers;
  for (unsigned j = 1; j < jobs; ++j) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  return results;
}

}  // namespace gbc::app
