// printing.json: every entry the runtime can build prints exactly as torch printed it.
#include <catch2/catch.hpp>

#include "runtime/printing.h"
#include "runtime/random.h"
#include "tests/mini_eval.h"
#include "tests/reference.h"

namespace gbc::runtime {
namespace {

using testing::Unsupported;

/// Entries that are not the runtime's to build, with the reason.
const std::map<std::string, std::string>& allowList() {
  static const std::map<std::string, std::string> list = {
      {"torch.tensor([1+2j, -0.5j])", "complex dtypes are not supported"},
      {"torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU())",
       "module repr is the interpreter's"},
      {"f'{torch.tensor(0.5):.3f}'", "Python string formatting is the interpreter's"},
      {"f'{torch.tensor(1/3)}'", "Python string formatting is the interpreter's"},
      {"'%.2f' % torch.tensor(2.345)", "Python string formatting is the interpreter's"},
      {"format(torch.tensor(3), '04d')", "Python string formatting is the interpreter's"},
  };
  return list;
}

PrintOptions optionsOf(const nlohmann::json& entry) {
  PrintOptions opt;
  if (!entry.contains("printoptions") || entry["printoptions"].is_null()) return opt;
  const auto& po = entry["printoptions"];
  if (po.contains("profile")) opt = *PrintOptions::profile(po["profile"].get<std::string>());
  if (po.contains("precision")) opt.precision = po["precision"].get<int>();
  if (po.contains("threshold")) opt.threshold = po["threshold"].get<double>();
  if (po.contains("edgeitems")) opt.edgeitems = po["edgeitems"].get<int>();
  if (po.contains("linewidth")) opt.linewidth = po["linewidth"].get<int>();
  if (po.contains("sci_mode")) opt.sciMode = po["sci_mode"].get<bool>();
  return opt;
}

}  // namespace

TEST_CASE("printing.json: every buildable entry prints identically") {
  auto ref = testing::loadReference("printing.json");
  int passed = 0, allowed = 0, failed = 0, allowedButPassing = 0;
  for (const auto& entry : ref["entries"]) {
    const std::string code = entry["code"].get<std::string>();
    const std::string want = entry["repr"].get<std::string>();
    const auto allow = allowList().find(code);
    std::string got;
    std::string problem;
    try {
      if (entry.contains("seed") && !entry["seed"].is_null())
        manualSeed(entry["seed"].get<uint64_t>());
      testing::currentPrintOptions() = optionsOf(entry);
      got = testing::strOf(*testing::evaluate(code), testing::currentPrintOptions());
    } catch (const Unsupported& e) {
      problem = std::string("unsupported: ") + e.what();
    } catch (const testing::TorchException& e) {
      problem = "raised " + e.error.message;
    }
    testing::currentPrintOptions() = PrintOptions{};
    if (problem.empty() && got == want) {
      ++passed;
      if (allow != allowList().end()) ++allowedButPassing;
      continue;
    }
    if (allow != allowList().end()) {
      ++allowed;
      continue;
    }
    ++failed;
    UNSCOPED_INFO("entry: " << code << "\n  want: " << want
                            << "\n  got:  " << (problem.empty() ? got : problem));
  }
  INFO("printing.json: " << passed << " identical, " << allowed << " allow-listed, " << failed
                         << " failed");
  CHECK(failed == 0);
  CHECK(allowedButPassing == 0);
  CHECK(passed + allowed == 329);
}

}  // namespace gbc::runtime
