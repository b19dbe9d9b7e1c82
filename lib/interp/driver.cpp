// runFile: parse, compile and execute one program under the Dynamo simulation.
#include "interp/driver.h"

#include <cstdio>
#include <cstdlib>

#include "interp/dynamo.h"
#include "interp/vm.h"
#include "interp/runtime_compat.h"
#include "syntax/parser.h"

namespace gbc::interp {

Result<Outcome> runFile(const std::string& path, const std::string& source, const Options& options) {
  auto parsed = syntax::parseModule(path, source);
  if (!parsed) return parsed.error();
  auto code = compileModule(*parsed, path);
  if (!code) return code.error();
  if (std::getenv("GBC_DUMP_BYTECODE")) std::fputs(disassemble(**code).c_str(), stderr);
  Outcome outcome;
  outcome.report.path = path;
  VM vm(options.target, options.run);
  vm.recursion_limit = options.recursion_limit;
  vm.out = options.out;
  vm.sources[path] = std::make_shared<const std::string>(source);
  vm.dynamo().sink = &outcome.report;
  // The recordings ran after torch.manual_seed(0); analysis is deterministic the same way.
  runtime::manualSeed(options.seed.value_or(0));
  auto globals = newDict();
  try {
    vm.execModule(*code, "__main__", globals);
  } catch (PyRaise& e) {
    outcome.uncaught_exception = vm.formatTraceback(e.exc);
  } catch (GbcUnsupported& u) {
    std::string where = u.file.empty() ? path : u.file;
    std::string msg = "unsupported: " + u.what + " at " + where + ":" + std::to_string(u.line);
    if (options.run) return Error{ErrorCode::Unsupported, msg};
    outcome.report.diagnostics.push_back({report::Severity::Warning, where, u.line, 0, "gbc cannot model " + u.what + "; analysis stopped here"});
  }
  for (auto& [file, text] : vm.sources) outcome.report.sources[file] = text;
  return outcome;
}

}  // namespace gbc::interp
