// Hand-built report values for the formatter tests: the recorded conformance cases they mirror
// (../shared/conformance, copied to testdata/conformance) name each one. Paths are the scorer's
// normalised ones ("<case>", "<torch>/..."), so expected texts are the recorded texts verbatim.
#pragma once

#include "report/model.h"

#include <memory>
#include <string>
#include <vector>

namespace gbc::report::testing {

inline FrameSummary frame(std::string file, uint32_t line, std::string function, uint32_t col,
                          uint32_t end_col) {
  return FrameSummary{std::move(file), line, std::move(function), true, col, line, end_col};
}

inline FrameSummary frameWithoutColumns(std::string file, uint32_t line, std::string function) {
  return FrameSummary{std::move(file), line, std::move(function), false, 0, 0, 0};
}

inline GbMessage graphBreakCall(std::string kwargs = "{}", std::string message = "None") {
  return GbMessage{"Call to `torch._dynamo.graph_break()`",
                   "User-inserted graph break. Message: " + message,
                   {"Remove the `torch._dynamo.graph_break()` call."},
                   "Called `torch._dynamo.graph_break()` with args `[]`, kwargs `" + kwargs + "`"};
}

inline GbMessage graphBreakInLoop(const std::string& context) {
  return GbMessage{"graph break in loop",
                   "torch.compile detected a graph break in a for/while loop. Skipping the frame "
                   "and falling back to eager, as graph breaks in loops are not supported.",
                   {"This graph break may have been caused by an earlier graph break. Resolving "
                    "the earlier graph break may resolve this one."},
                   context};
}

inline constexpr const char* kTorchUtils = "<torch>/_dynamo/external_utils.py";

/// A stand-in for external_utils.py: `inner`'s return at line 215 (2.14) and 240 (2.11).
inline std::string externalUtilsSource() {
  std::string text;
  for (int n = 1; n <= 240; ++n)
    text += (n == 215 || n == 240) ? "        return func(*args, **kwargs)\n" : "\n";
  return text;
}

inline constexpr const char* kSeed02 = R"(import torch

@torch._dynamo.error_on_graph_break(False)
def code_with_a_difficult_graph_break(x):
    x = x + 1
    torch._dynamo.graph_break()
    return x + 2

def inner(x):
    return code_with_a_difficult_graph_break(x)

# NOTE: fullgraph=False
@torch._dynamo.error_on_graph_break(True)
@torch.compile
def fn(x):
    return inner(x)

# No error, but there is a graph break
print(fn(torch.randn(3)))
)";

inline constexpr const char* kSeed05 = R"(import torch

@torch._dynamo.error_on_graph_break(True)
def inner2(x):
    x = x + 1
    torch._dynamo.graph_break()  # error
    return x + 2

def inner(x):
    return inner2(x)

# fullgraph=False, error_on_graph_break=False
@torch.compile
def fn(x):
    x = x + 4
    torch._dynamo.graph_break()  # no error
    return inner(x)

try:
    fn(torch.randn(3))
except Exception as e:
    print(e)
)";

inline FileReport fileWith(const std::string& case_source) {
  FileReport file;
  file.path = "<case>";
  file.sources["<case>"] = std::make_shared<const std::string>(case_source);
  file.sources[kTorchUtils] = std::make_shared<const std::string>(externalUtilsSource());
  return file;
}

/// seed_02's first record (frame 0/0) at `wrapper_line`; 2.11 does not merge the user `inner`
/// with the wrapper `inner`, 2.14 does.
inline GraphBreak seed02Break(uint32_t wrapper_line, bool collapse_same_name) {
  GraphBreak brk;
  brk.kind = RecordKind::Resumable;
  brk.instruction = "CALL";
  brk.messages = {graphBreakCall()};
  brk.frame = "fn";
  brk.frame_id = "0/0";
  brk.location = frame("<case>", 6, "code_with_a_difficult_graph_break", 4, 31);
  brk.user_stack.push_back(frame("<case>", 19, "<module>", 6, 24));
  brk.user_stack.push_back(frame(kTorchUtils, wrapper_line, "inner", 15, 36));
  brk.user_stack.push_back(frame("<case>", 16, "fn", 11, 19));
  if (!collapse_same_name) brk.user_stack.push_back(frame("<case>", 10, "inner", 11, 47));
  brk.user_stack.push_back(frame(kTorchUtils, wrapper_line, "inner", 15, 36));
  brk.user_stack.push_back(brk.location);
  return brk;
}

/// seed_05's error: raised from the resume frame of fn, through the egb(True) wrapper.
inline UnsupportedError seed05Error(uint32_t wrapper_line) {
  UnsupportedError error;
  error.messages = {graphBreakCall()};
  error.user_stack = {frame("<case>", 17, "torch_dynamo_resume_in_fn_at_16", 11, 19),
                      frame("<case>", 10, "inner", 11, 20),
                      frame(kTorchUtils, wrapper_line, "inner", 15, 36),
                      frame("<case>", 6, "inner2", 4, 31)};
  return error;
}

}  // namespace gbc::report::testing
