// gbc_compile_check: parses and compiles every `.py` file under the given directories for one
// Python version and lists each failure (a parse or compile error, or an UNSUPPORTED instruction
// in the bytecode) as `file:line: reason`. A developer tool, and the engine of the stdlib ctest.
//
//   gbc_compile_check [--python 3.14|3.12] [--skip LIST] [--quiet] [--verbose] [--dump] DIR|FILE...
//
// LIST names files (relative to a given directory, one per line, `#` comments) that CPython's
// own compile() rejects: they must fail here too, or the check reports them as unexpected passes.
// --dump prints every file's disassembly ("=== FILE" before each), to compare the bytecode two
// builds of the compiler make. Exit status: 0 when every file behaves as expected, 1 otherwise,
// 2 on bad usage.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "interp/bytecode.h"
#include "syntax/parser.h"
#include "syntax/source_encoding.h"

namespace fs = std::filesystem;
using gbc::interp::CodeObject;
using gbc::interp::Op;

namespace {

struct Failure {
  std::string file;
  std::string reason;  // "line: message" or "message"
};

/// The first UNSUPPORTED instruction of `code` or its nested code objects, as "line: what".
std::string findUnsupported(const CodeObject& code) {
  for (const auto& in : code.code) {
    if (in.op == Op::UNSUPPORTED)
      return std::to_string(in.pos.line) + ": compiles to UNSUPPORTED " +
             code.names[static_cast<size_t>(in.arg)];
  }
  for (const auto& c : code.consts) {
    if (c.kind != gbc::interp::Constant::Kind::Code) continue;
    std::string inner = findUnsupported(*c.code);
    if (!inner.empty()) return inner;
  }
  return {};
}

/// Why `path` does not compile, or "" when it does.
std::string checkFile(const fs::path& path, const gbc::interp::CompileOptions& options, bool dump) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read the file";
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto text = gbc::syntax::decodeSource(path.string(), buffer.str());
  if (!text) return text.error().message;
  auto module = gbc::syntax::parseModule(path.string(), *text);
  if (!module) return module.error().message;
  auto code = gbc::interp::compileModule(*module, path.string(), options);
  if (!code) return path.string() + ":" + code.error().message;
  if (dump) std::cout << "=== " << path.string() << "\n" << gbc::interp::disassemble(**code);
  std::string unsupported = findUnsupported(**code);
  if (!unsupported.empty()) return path.string() + ":" + unsupported;
  return {};
}

std::set<std::string> readSkipList(const std::string& file, bool& ok) {
  std::set<std::string> out;
  std::ifstream in(file);
  ok = static_cast<bool>(in);
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    if (!line.empty()) out.insert(line);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string python = "3.14";
  std::string skip_file;
  bool quiet = false;
  bool verbose = false;  // names each file on stderr before checking it (to find a crash)
  bool dump = false;
  std::vector<std::string> roots;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--python" && i + 1 < argc) {
      python = argv[++i];
    } else if (a == "--skip" && i + 1 < argc) {
      skip_file = argv[++i];
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a == "--verbose") {
      verbose = true;
    } else if (a == "--dump") {
      dump = true;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "usage: gbc_compile_check [--python 3.14|3.12] [--skip LIST] [--quiet] "
                   "[--verbose] DIR...\n";
      return 2;
    } else {
      roots.push_back(a);
    }
  }
  if (roots.empty() || (python != "3.14" && python != "3.12")) {
    std::cerr << "usage: gbc_compile_check [--python 3.14|3.12] [--skip LIST] [--quiet] "
                 "[--verbose] DIR...\n";
    return 2;
  }
  std::set<std::string> skip;
  if (!skip_file.empty()) {
    bool ok = false;
    skip = readSkipList(skip_file, ok);
    if (!ok) {
      std::cerr << "cannot read '" << skip_file << "'\n";
      return 2;
    }
  }
  const auto options = gbc::interp::CompileOptions::forPython(python);
  size_t files = 0, expected_failures = 0;
  std::vector<Failure> failures;
  for (const std::string& root : roots) {
    std::vector<fs::path> paths;
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
      paths.push_back(root);
    } else {
      for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".py") paths.push_back(it->path());
      if (ec) {
        std::cerr << "cannot list '" << root << "': " << ec.message() << "\n";
        return 2;
      }
    }
    std::sort(paths.begin(), paths.end());
    for (const fs::path& p : paths) {
      ++files;
      std::string rel = fs::relative(p, root, ec).generic_string();
      const bool expect_fail = skip.count(rel) != 0;
      if (verbose) std::cerr << p.string() << "\n";
      std::string why;
      try {
        why = checkFile(p, options, dump);
      } catch (const std::exception& e) {  // a compiler bug: reported, and the check goes on
        why = p.string() + ": internal error: " + e.what();
      }
      if (expect_fail) {
        ++expected_failures;
        if (why.empty())
          failures.push_back({p.string(), p.string() + ": compiles, but CPython rejects it"});
        continue;
      }
      if (!why.empty()) failures.push_back({p.string(), why});
    }
  }
  if (!quiet)
    for (const Failure& f : failures) std::cout << f.reason << "\n";
  std::cout << "gbc_compile_check (Python " << python << "): " << files << " files, "
            << failures.size() << " failures";
  if (expected_failures) std::cout << ", " << expected_failures << " rejected as by CPython";
  std::cout << "\n";
  return failures.empty() ? 0 : 1;
}
