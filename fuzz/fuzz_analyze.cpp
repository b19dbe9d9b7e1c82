// libFuzzer target over gbc's front end and analysis: bytes -> parseModule -> runFile (analyze
// mode, the Dynamo simulation included). Built by -DGBC_FUZZ=ON with clang (fuzz/CMakeLists.txt);
// scripts/fuzz SECONDS runs it, seeded with testdata/conformance/cases.
//
// A finding is a crash, a sanitizer report, an uncaught C++ exception or a hang (libFuzzer's
// -timeout). Python-level failures of the input (syntax errors, exceptions, unsupported
// constructs, the instruction budget) are ordinary results.
#include <cstddef>
#include <cstdint>
#include <string>

#include "interp/driver.h"
#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  // The folder does not exist: local imports find nothing, as for a lone file.
  const std::string path = "/nonexistent-gbc-fuzz/input.py";
  auto parsed = gbc::syntax::parseModule(path, source);
  if (!parsed) return 0;
  gbc::interp::Options options;
  options.max_instructions = 200'000;  // keeps `while True: pass` and friends fast
  options.recursion_limit = 200;
  auto outcome = gbc::interp::runFile(path, source, options);
  (void)outcome;
  return 0;
}
